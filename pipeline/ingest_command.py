"""The body of `jinzai ingest`: plan, run (in-process or as a Prefect flow), show a summary.

How the extraction runs depends on what the user has configured:

- no `PREFECT_API_URL` (the default): the same plan → extract → commit steps run in
  this process and its worker pool (`ingest_planned`); no Prefect server starts, so
  a cold run costs what its extraction costs;
- `PREFECT_API_URL` set, or `--dask ADDR`: the Prefect flow (`jinzai.flows.ingest`)
  runs, reporting to that server (with `--dask` and no server configured, to a
  temporary local API that jinzai starts and stops).

Unchanged inputs, and inputs already known to fail, are decided before any of
that, so a re-run with nothing new imports neither Prefect nor the extractors.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jinzai.pipeline.ingest import IngestReport, Outcome, Planned, plan_paths
from jinzai.pipeline.location import local_path
from jinzai.pipeline.prefect_env import api_configured

# soft_wrap: long paths and messages stay on one line when piped or grepped; no highlighting
# or :emoji: codes: paths and messages print as they are (and a summary needs no regexes)
console = Console(soft_wrap=True, highlight=False, emoji=False)
errors = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)

EXIT_USAGE = 2


def ingest_command(paths: list[Path], out: str, *, workers: int | None = None, dask: str | None = None,
                   retry_failed: bool = False, timeout: float | None = None, max_memory: int | None = None) -> int:
    """Run `jinzai ingest` and return its exit status."""
    started = time.perf_counter()
    if timeout is not None or max_memory is not None:  # else a run with nothing to extract never loads the executor
        from jinzai.pipeline.executor import set_limits

        set_limits(timeout, max_memory)
    try:
        check_corpus_folder(out)
    except OSError as exc:
        return _corpus_unwritable(out, exc, EXIT_USAGE)
    try:
        report = _run(paths, out, workers, dask, retry_failed)
    except OSError as exc:
        return _corpus_unwritable(out, exc, 1)
    if isinstance(report, int):
        return report
    if report.write_error:  # e.g. the disk filled up: what was committed is whole
        return _corpus_unwritable(out, report.write_error, 1)
    _print_summary(report, out, time.perf_counter() - started, report.mode)
    return report.exit_code


def check_corpus_folder(out: str) -> None:
    """A local corpus folder must be a folder this user can write (created when missing);
    OSError otherwise. Checked before any work, without loading the store's libraries."""
    root = local_path(out)
    if root is None:
        return
    root.mkdir(parents=True, exist_ok=True)  # FileExistsError when `out` is a file
    if not os.access(root, os.W_OK | os.X_OK):
        raise PermissionError(13, "Permission denied", str(root))


def _corpus_unwritable(out: str, exc: OSError, code: int) -> int:
    errors.print(f"jinzai: cannot write the corpus to {out}: {exc.strerror or exc}"
                 f"{f' ({exc.filename})' if exc.filename else ''} — choose a writable folder with --out, "
                 f"or free some space", style="red", markup=False)
    return code


def _run(paths: list[Path], out: str, workers: int | None, dask: str | None,
         retry_failed: bool) -> IngestReport | int:
    """Plan and run the batch; an exit status (after saying why) when there is nothing to
    ingest (2) or Prefect's temporary API does not start (1)."""
    planned = plan_paths(paths, out, retry_failed=retry_failed)
    if not planned:
        errors.print(f"[red]no PDF files found in {', '.join(map(str, paths))}[/red]")
        return EXIT_USAGE
    mode = "prefect" if dask or api_configured() else "in-process"
    with _Progress(len(planned)) as progress:
        if not any(p.action == "ingest" for p in planned):  # nothing to extract: no workers, no Prefect
            mode = "nothing to extract"
            report = _record_only(planned, out, progress.advance)
        elif mode == "prefect":
            progress.stage("starting Prefect and workers")
            report = _run_flow(planned, out, workers, dask, progress.advance, progress.stage)
            if report is None:
                return 1
        else:
            from jinzai.pipeline.ingest import ingest_planned

            progress.stage("starting workers")
            report = ingest_planned(planned, out, workers=workers, on_outcome=progress.advance)
    report.mode = mode
    return report


def _run_flow(planned: list[Planned], out: str, workers: int | None, dask: str | None,
              advance: Callable[[Outcome], None], stage: Callable[[str], None]) -> IngestReport | None:
    """The Prefect ingest flow; None (after saying why) when Prefect's temporary API does not start."""
    from jinzai.pipeline.prefect_env import PrefectStartError, temporary_api

    try:
        with temporary_api() as api:  # boots while the flow module imports and workers start
            from jinzai.flows.ingest import run_ingest, without_heartbeats

            def api_ready() -> None:
                if api:
                    api.wait_ready()
                stage("extracting")

            with without_heartbeats() if api else nullcontext():
                return run_ingest(planned, out, workers=workers, dask=dask, on_outcome=advance,
                                  api_ready=api_ready)
    except PrefectStartError as exc:
        errors.print(f"{exc}\nset PREFECT_API_URL to use a running Prefect server instead", style="red",
                     markup=False)
        return None


def _record_only(planned: list[Planned], out: str, advance: Callable[[Outcome], None]) -> IngestReport:
    """Every input skipped or unreadable: record each outcome without starting anything."""
    from jinzai.pipeline.ingest import Batch

    batch = Batch(out, advance)
    batch.start(planned)
    return batch.finish()


class _Progress:
    """A rich progress bar on a terminal; nothing (not even its import) when output is piped."""

    def __init__(self, total: int):
        self.bar = None
        if errors.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=errors, transient=True)
            self.task = self.bar.add_task("ingesting", total=total)

    def __enter__(self) -> _Progress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def advance(self, outcome: Outcome) -> None:
        if self.bar:
            self.bar.update(self.task, advance=1, description=f"{outcome.status} {Path(outcome.source).name}"[:40])

    def stage(self, description: str) -> None:
        if self.bar:
            self.bar.update(self.task, description=description)


def _print_summary(report: IngestReport, out: str, seconds: float, mode: str) -> None:
    table = Table(title=f"jinzai ingest → {out}", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents ingested", str(len(report.of_status("ingested"))))
    table.add_row("pages", str(report.pages))
    for name, n in report.record_counts().items():
        table.add_row(f"  {name}", str(n))
    table.add_row("  table blocks read as none", str(report.unread_tables))
    table.add_row("skipped (unchanged or known to fail)", str(len(report.of_status("skipped"))))
    table.add_row("failed", str(len(report.of_status("failed"))), style="red" if report.exit_code else None)
    console.print(table)
    for outcome in report.of_status("ingested"):
        console.print(f"  ingested {outcome.source} ({outcome.reason}, {outcome.pages} pages, "
                      f"{outcome.seconds:.1f} s) → doc_id {outcome.doc_id}")
        for warning in outcome.warnings:
            console.print(f"    warning {warning}", style="yellow", markup=False)
    if report.unread_tables:
        console.print(f"  {report.unread_tables} table block(s) were read as none; why: jinzai query "
                      "\"SELECT doc_id, page, header, reason FROM blocks WHERE kind = 'table' AND read_as = 'none'\"",
                      markup=False)
    for outcome in report.of_status("skipped"):
        console.print(f"  skipped  {outcome.source} ({outcome.reason})", markup=False)
    for outcome in report.of_status("failed"):
        errors.print(f"  failed   [{outcome.error_kind}] {outcome.message}", style="red", markup=False)
    for note in report.notes:
        errors.print(f"  note     {note}", style="yellow", markup=False)
    console.print(f"done in {seconds:.1f} s ({mode})")
