"""The ingest flow: Prefect wiring around `jinzai.pipeline.ingest`, nothing more.

Per input: plan (fingerprint + skip check, done before the flow by the
caller), `extract`, `commit` to the store. Locally, tasks run on threads and
the CPU-bound extraction runs in a process pool so every core works; given a
Dask scheduler address, extraction tasks run on the cluster's workers instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, nullcontext
from datetime import datetime

from jinzai.pipeline import prefect_env

prefect_env.configure()

from prefect import Flow, flow, task  # noqa: E402  (settings must be in place first)
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from jinzai.pipeline.ingest import (  # noqa: E402
    Batch,
    Extracted,
    IngestReport,
    Outcome,
    Planned,
    default_workers,
    extract_planned,
    worker_pool,
)
from jinzai.pipeline.store import Location, Store  # noqa: E402


# Inputs are identified by content already (plan skips unchanged files), so no result cache.
@task(name="extract", task_run_name="extract {planned.source_id}", cache_policy=NO_CACHE)
def extract_task(planned: Planned, ingested_at: datetime, pool: Executor | None = None) -> Extracted:
    if pool is None:  # on a Dask worker: the worker is the process
        return extract_planned(planned, ingested_at)
    return pool.submit(extract_planned, planned, ingested_at).result()


@flow(name="jinzai-ingest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=4),
      validate_parameters=False)
def ingest_flow(planned: list[Planned], out_dir: Location, pool: Executor | None = None,
                on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Extract every planned input and commit the results; one bad file never stops the batch."""
    batch = Batch(Store(out_dir), on_outcome)
    extracted = [extract_task.submit(p, batch.ingested_at, pool) for p in batch.start(planned)]
    for future in extracted:
        # commits run one at a time in the flow's thread: the store has one writer
        commit_task(batch, future.result())
    return batch.finish()


@task(name="commit", task_run_name="commit {extracted.planned.source_id}", cache_policy=NO_CACHE)
def commit_task(batch: Batch, extracted: Extracted) -> None:
    batch.commit(extracted)


@contextmanager
def without_heartbeats() -> Iterator[None]:
    """Flow-run heartbeats let a server notice runs that crashed; against jinzai's own
    temporary API, which ends with the command, they only cost time: each flow run
    waits up to a second for its heartbeat thread to stop."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def on_dask(flow_: Flow, address: str) -> Flow:
    """The same flow with its tasks sent to the Dask scheduler at `address`."""
    from prefect_dask import DaskTaskRunner

    return flow_.with_options(task_runner=DaskTaskRunner(address=address))


def run_ingest(planned: list[Planned], out_dir: Location, *, workers: int | None = None, dask: str | None = None,
               on_outcome: Callable[[Outcome], None] | None = None,
               api_ready: Callable[[], None] = lambda: None) -> IngestReport:
    """Run the ingest flow locally or, given a scheduler address, on a Dask cluster.

    Locally the worker processes start (and import the extractors) before the
    flow, while Prefect's API boots; `api_ready` blocks until it answers.
    """
    if dask:
        api_ready()
        return on_dask(ingest_flow, dask)(planned, out_dir, None, on_outcome)
    jobs = sum(p.action == "ingest" for p in planned)
    with worker_pool(workers or default_workers(jobs)) if jobs else nullcontext() as pool:
        api_ready()
        return ingest_flow(planned, out_dir, pool, on_outcome)
