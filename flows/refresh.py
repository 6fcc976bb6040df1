"""The scheduled re-run: Prefect wiring around `jinzai.pipeline.refresh.run_refresh`.

`serve` registers it as a deployment with a cron schedule on a real Prefect
server (the ephemeral API cannot schedule); the fetch is a task with a retry and
the ingest runs as the ingest flow (on Dask given an address).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from jinzai.pipeline import prefect_env

prefect_env.configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from jinzai.flows.ingest import run_ingest  # noqa: E402
from jinzai.pipeline.fetch import FetchResult  # noqa: E402
from jinzai.pipeline.refresh import fetch_registry, run_refresh  # noqa: E402

DEPLOYMENT = "jinzai-refresh"


@task(name="fetch", cache_policy=NO_CACHE, retries=1)
def fetch_task(registry: Path, out_dir: Path) -> list[FetchResult]:
    return fetch_registry(registry, out_dir)


@flow(name="jinzai-refresh", log_prints=True)
def refresh_flow(registry: str, out_dir: str, dask: str | None = None) -> dict:
    """Fetch every source, ingest new revisions, and write a report of what changed."""
    result = run_refresh(Path(registry), Path(out_dir), fetch=fetch_task, ingest=partial(run_ingest, dask=dask))
    print(f"report: {result['report']}")
    return result


def serve(registry: Path, out_dir: Path, cron: str, *, dask: str | None = None) -> None:
    """Register the refresh deployment with a cron schedule and run it when due (blocks)."""
    refresh_flow.serve(name=DEPLOYMENT, cron=cron,
                       parameters={"registry": str(registry.resolve()), "out_dir": str(out_dir.resolve()),
                                   "dask": dask})
