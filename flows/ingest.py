"""The ingest flow: Prefect wiring around `jinzai.pipeline.ingest`, nothing more.

Per input: plan (fingerprint + skip check, done before the flow by the
caller), `extract` in a worker process, `commit` to the store. Tasks run on
threads; the CPU-bound extraction runs in a process pool so both cores work.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jinzai.pipeline import prefect_env

prefect_env.configure()

from prefect import flow, task  # noqa: E402  (settings must be in place first)
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from jinzai.pipeline.ingest import (  # noqa: E402
    Extracted,
    IngestReport,
    Outcome,
    Planned,
    commit,
    default_workers,
    extract_planned,
    largest_first,
    skipped_outcome,
    worker_pool,
)
from jinzai.pipeline.store import Store  # noqa: E402


# Inputs are identified by content already (plan skips unchanged files), so no result cache.
@task(name="extract", task_run_name="extract {planned.source_id}", cache_policy=NO_CACHE)
def extract_task(planned: Planned, ingested_at: datetime, pool) -> Extracted:
    return pool.submit(extract_planned, planned, ingested_at).result()


@task(name="commit", task_run_name="commit {extracted.planned.source_id}", cache_policy=NO_CACHE)
def commit_task(out_dir: Path, extracted: Extracted) -> Outcome:
    return commit(Store(out_dir), extracted)


@flow(name="jinzai-ingest", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=4),
      validate_parameters=False)
def ingest_flow(planned: list[Planned], out_dir: Path, workers: int | None = None,
                on_outcome=None) -> IngestReport:
    """Extract and commit every planned input; one bad file never stops the batch."""
    store = Store(out_dir)
    store.ensure()
    report = IngestReport()

    def record(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for p in planned:
        if p.action != "ingest":
            record(skipped_outcome(store, p))
    todo = largest_first([p for p in planned if p.action == "ingest"])
    if not todo:
        return report
    now = datetime.now(UTC)
    with worker_pool(workers or default_workers(len(todo))) as pool:
        extracted = [extract_task.submit(p, now, pool) for p in todo]
        for future in extracted:
            # commits run one at a time in the flow's thread: the store has one writer
            record(commit_task(out_dir, future.result()))
    return report
