"""The scheduled refresh flow with Prefect's API already up: a first run, then an unchanged re-run."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from bench.common import console
from bench.measure import cli_env, in_fresh_process


def refresh_pass(data: str, work: str) -> dict[str, Any]:
    """The scheduled refresh flow with Prefect's API already up (as a schedule finds it):
    a first run over a registry of the corpus, then an unchanged re-run, in one process.
    A deployment served by `jinzai serve` adds the start of a run process to both."""
    os.environ.update(cli_env(Path(work)))
    from jinzai.pipeline.prefect_env import temporary_api

    registry = Path(work) / "sources.yaml"
    registry.parent.mkdir(parents=True, exist_ok=True)
    entries = "".join(f"  - {{id: s{i}, url: '{pdf}'}}\n" for i, pdf in enumerate(sorted(Path(data).rglob("*.pdf"))))
    registry.write_text("sources:\n" + entries, encoding="utf-8")
    out = Path(work) / "out-refresh"
    with temporary_api() as api:
        from jinzai.flows.ingest import without_heartbeats
        from jinzai.flows.refresh import refresh_flow

        if api:
            api.wait_ready()
        timings = []
        for _ in range(2):
            before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
            started = time.perf_counter()
            with without_heartbeats():  # as `jinzai refresh` runs it against its own API
                result = refresh_flow(str(registry), str(out))
            timings.append(time.perf_counter() - started)
        rewrote = sum(1 for p in out.rglob("*.parquet") if before.get(p) != p.stat().st_mtime_ns)
    return {"first_s": timings[0], "rerun_s": timings[1], "rerun_share": timings[1] / timings[0],
            "rerun_wrote_files": rewrote, "rerun_ingested": sum(i["status"] == "ingested" for i in result["ingested"]),
            "sources": len(result["fetched"])}


def bench_refresh(data: Path, work: Path) -> dict[str, Any]:
    console.print("  [dim]refresh flow: first run, then unchanged re-run (API up)[/dim]")
    return in_fresh_process(refresh_pass, str(data), str(work / "refresh"))

