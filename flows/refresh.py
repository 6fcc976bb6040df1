"""The scheduled re-run: fetch the registry's sources, ingest what changed, report it.

Prefect wiring around `jinzai.pipeline.refresh`. `serve` registers it as a
deployment with a cron schedule on a real Prefect server (the ephemeral API
cannot schedule).
"""

from __future__ import annotations

from pathlib import Path

from jinzai.pipeline import prefect_env

prefect_env.configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from jinzai.flows.ingest import run_ingest  # noqa: E402
from jinzai.pipeline.fetch import FetchResult  # noqa: E402
from jinzai.pipeline.ingest import Batch, plan  # noqa: E402
from jinzai.pipeline.refresh import (  # noqa: E402
    RefreshReport,
    changes_of,
    fetch_sources,
    inputs_of,
    now,
    write_report,
)
from jinzai.pipeline.sources import load_registry  # noqa: E402
from jinzai.pipeline.store import Store  # noqa: E402

DEPLOYMENT = "jinzai-refresh"


@task(name="fetch", cache_policy=NO_CACHE, retries=1)
def fetch_task(registry: Path, out_dir: Path) -> list[FetchResult]:
    return fetch_sources(load_registry(registry), out_dir)


@flow(name="jinzai-refresh", log_prints=True)
def refresh_flow(registry: str, out_dir: str, dask: str | None = None) -> dict:
    """Fetch every source, ingest new revisions, and write a report of what changed."""
    out = Path(out_dir)
    started = now()
    fetched = fetch_task(Path(registry), out)
    planned = plan(inputs_of(fetched), Store(out))
    if any(p.action == "ingest" for p in planned):
        ingested = run_ingest(planned, out, dask=dask)
    else:  # nothing changed: no ingest flow, no workers
        batch = Batch(Store(out))
        batch.start(planned)
        ingested = batch.finish()
    report = RefreshReport(started, fetched, ingested, changes_of(out, ingested.outcomes))
    path = str(write_report(out, report))
    print(f"report: {path}")
    return report.to_json() | {"report": path, "exit_code": report.exit_code}


def serve(registry: Path, out_dir: Path, cron: str, *, dask: str | None = None) -> None:
    """Register the refresh deployment with a cron schedule and run it when due (blocks)."""
    refresh_flow.serve(name=DEPLOYMENT, cron=cron,
                       parameters={"registry": str(registry.resolve()), "out_dir": str(out_dir.resolve()),
                                   "dask": dask})
