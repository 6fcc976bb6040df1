"""A re-run over a source registry: fetch → plan → ingest → report what changed.

`run_refresh` composes these steps; `jinzai refresh` runs it in-process, and the
scheduled flow (`jinzai.flows.refresh`) runs it with Prefect tasks for the fetch and
the ingest. Fetch state and
downloaded copies live inside the corpus folder (`_state/`, `_cache/`, which
readers skip), so one folder is the whole corpus with its history. A run whose
sources are all unchanged fetches with conditional requests (304s), plans
every input as unchanged and writes nothing but its report.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinzai.pipeline.diff import DiffError, RevisionDiff, diff_revisions, format_diff
from jinzai.pipeline.fetch import FetchResult, FetchState, fetch_all
from jinzai.pipeline.ingest import Batch, Input, IngestReport, Outcome, Planned, ingest_planned, plan
from jinzai.pipeline.sources import Source, load_registry
from jinzai.pipeline.store import Store


def cache_dir(out_dir: Path) -> Path:
    return out_dir / "_cache" / "sources"


def state_path(out_dir: Path) -> Path:
    return out_dir / "_state" / "fetch.json"


def reports_dir(out_dir: Path) -> Path:
    return out_dir / "_reports"


def fetch_sources(sources: list[Source], out_dir: Path, **options: float) -> list[FetchResult]:
    """Bring every source's copy up to date; failures are recorded in the store."""
    results = fetch_all(sources, cache_dir(out_dir), state=FetchState(state_path(out_dir)), **options)
    store = Store(out_dir)
    for result in results:
        if result.failure is not None:
            store.write_failure(result.failure)
    return results


def fetch_registry(registry: Path, out_dir: Path) -> list[FetchResult]:
    """`fetch_sources` for every source of a registry file."""
    return fetch_sources(load_registry(registry), out_dir)


def run_refresh(registry: Path, out_dir: Path, *,
                fetch: Callable[[Path, Path], list[FetchResult]] = fetch_registry,
                ingest: Callable[[list[Planned], Path], IngestReport] = ingest_planned) -> dict:
    """Fetch every source, ingest new revisions, and write a report of what changed.

    Returns the report as JSON with its path (`report`) and the run's `exit_code`.
    The flow passes its Prefect tasks as `fetch` and `ingest`.
    """
    started = now()
    fetched = fetch(registry, out_dir)
    planned = plan(inputs_of(fetched), out_dir)
    if any(p.action == "ingest" for p in planned):
        ingested = ingest(planned, out_dir)
    else:  # nothing changed: no workers, no ingest flow run
        batch = Batch(out_dir)
        batch.start(planned)
        ingested = batch.finish()
    report = RefreshReport(started, fetched, ingested, changes_of(out_dir, ingested.outcomes))
    path = str(write_report(out_dir, report))
    return report.to_json() | {"report": path, "exit_code": report.exit_code}


def inputs_of(results: list[FetchResult]) -> list[Input]:
    """What to ingest: every fetched copy, under its URL and registry id."""
    return [Input(r.path, r.url, registry_id=r.source_id) for r in results if r.path is not None]


@dataclass
class RefreshReport:
    """One refresh run: what was fetched, ingested, and what changed."""

    started: datetime
    fetched: list[FetchResult]
    ingest: IngestReport
    changes: list[RevisionDiff] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        fetch_failed = any(r.status == "failed" for r in self.fetched)
        return 1 if fetch_failed or self.ingest.exit_code else 0

    def to_text(self) -> str:
        lines = [f"jinzai refresh {self.started:%Y-%m-%d %H:%M:%S} UTC",
                 f"sources: {len(self.fetched)} — " + ", ".join(
                     f"{n} {status}" for status in ("changed", "unchanged", "failed")
                     if (n := sum(r.status == status for r in self.fetched)))]
        lines += [f"  fetch failed: {r.failure.message}" for r in self.fetched if r.failure]
        lines += [f"  ingest failed: [{o.error_kind}] {o.message}" for o in self.ingest.of_status("failed")]
        ingested = self.ingest.of_status("ingested")
        lines.append(f"ingested: {len(ingested)} revision(s)" + "".join(
            f"\n  {o.source_id} ({o.reason}) → doc_id {o.doc_id}" for o in ingested))
        lines += ["", *(format_diff(d) + "\n" for d in self.changes)] if self.changes else ["no revisions to compare"]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "started": self.started.isoformat(),
            "fetched": [{"source_id": r.source_id, "url": r.url, "status": r.status, "sha256": r.sha256,
                         "http_status": r.http_status, "attempts": r.attempts,
                         "error": r.failure.message if r.failure else None} for r in self.fetched],
            "ingested": [{"source_id": o.source_id, "status": o.status, "reason": o.reason, "doc_id": o.doc_id}
                         for o in self.ingest.outcomes],
            "changes": [d.to_json() for d in self.changes],
        }


def changes_of(out_dir: Path, outcomes: list[Outcome]) -> list[RevisionDiff]:
    """A diff for every source that got a new revision in this run."""
    diffs = []
    for outcome in outcomes:
        if outcome.status == "ingested" and outcome.reason.startswith("revision"):
            try:
                diffs.append(diff_revisions(out_dir, outcome.source_id))
            except DiffError:  # e.g. the previous revision was removed by hand; nothing to compare
                continue
    return diffs


def write_report(out_dir: Path, report: RefreshReport) -> Path:
    """`_reports/refresh-<time>.txt` (and `.json`); returns the text report's path."""
    folder = reports_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"refresh-{report.started:%Y%m%dT%H%M%S}"
    text_path = stem.with_suffix(".txt")
    text_path.write_text(report.to_text() + "\n", encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1, default=str),
                                         encoding="utf-8")
    return text_path


def now() -> datetime:
    return datetime.now(UTC)
