"""`jinzai` — the command line: ingest, query, eval, fetch."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jinzai.pipeline.ingest import IngestReport, Outcome, plan_paths
from jinzai.pipeline.store import Store

DEFAULT_OUT = "data/structured"

app = typer.Typer(
    name="jinzai",
    help="Turn Japanese municipal digital-talent policy PDFs into one queryable corpus (Parquet).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: long paths and messages stay on one line when piped or grepped
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

OutOption = Annotated[str, typer.Option("--out", "-o", help="Corpus folder (one sub-folder of Parquet files per "
                                                            "table): a local path or an fsspec URL.")]
DaskOption = Annotated[str | None, typer.Option(help="Run extraction on the Dask cluster at this scheduler "
                                                     "address, e.g. tcp://10.0.0.5:8786.")]
RegistryOption = Annotated[Path, typer.Option("--registry", "-r", help="Source registry (YAML); see "
                                                                       "sources.example.yaml.")]


def main() -> None:
    app()


# ------------------------------------------------------------------ ingest


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files and folders (searched recursively for *.pdf).",
                                                exists=True, show_default=False)],
    out: OutOption = DEFAULT_OUT,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core).", min=1)] = None,
    dask: DaskOption = None,
) -> None:
    """Ingest PDFs into the corpus. Unchanged files are skipped; a changed file becomes a new revision.

    Exit status: 0 when every input was ingested or skipped, 1 when any failed
    (the others are still written), 2 for bad usage.
    """
    started = time.perf_counter()
    store = Store(out)
    store.ensure()
    planned = plan_paths(paths, store)
    if not planned:
        errors.print(f"[red]no PDF files found in {', '.join(map(str, paths))}[/red]")
        raise typer.Exit(2)
    todo = sum(p.action == "ingest" for p in planned)
    with _progress(len(planned)) as (progress, task_id):
        def advance(outcome: Outcome) -> None:
            progress.update(task_id, advance=1, description=_describe(outcome))

        def stage(description: str) -> None:
            progress.update(task_id, description=description)

        if todo:
            stage("starting Prefect and workers")
            report = _run_ingest_flow(planned, out, workers, dask, advance, stage)
        else:  # nothing changed: Prefect is not started at all
            report = _skip_all(store, planned, advance)
    _print_summary(report, out, time.perf_counter() - started)
    raise typer.Exit(report.exit_code)


def _run_ingest_flow(planned, out: str, workers: int | None, dask: str | None, advance,
                     stage: Callable[[str], None]) -> IngestReport:
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
        raise typer.Exit(1) from exc


def _skip_all(store: Store, planned, advance) -> IngestReport:
    from jinzai.pipeline.ingest import Batch

    batch = Batch(store, advance)
    batch.start(planned)
    return batch.finish()


class _progress:
    """A rich progress bar on a terminal; silent when output is piped."""

    def __init__(self, total: int):
        self.progress = Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=errors, transient=True,
                                 disable=not errors.is_terminal)
        self.total = total

    def __enter__(self):
        self.progress.start()
        return self.progress, self.progress.add_task("ingesting", total=self.total)

    def __exit__(self, *exc):
        self.progress.stop()


def _describe(outcome: Outcome) -> str:
    return f"{outcome.status} {Path(outcome.source).name}"[:40]


def _print_summary(report: IngestReport, out: str, seconds: float) -> None:
    table = Table(title=f"jinzai ingest → {out}", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents ingested", str(len(report.of_status("ingested"))))
    table.add_row("pages", str(report.pages))
    for name, n in report.record_counts().items():
        table.add_row(f"  {name}", str(n))
    table.add_row("  table blocks read as none", str(report.unread_tables))
    table.add_row("skipped (unchanged)", str(len(report.of_status("skipped"))))
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
        console.print(f"  skipped  {outcome.source} ({outcome.reason})")
    for outcome in report.of_status("failed"):
        errors.print(f"  failed   [{outcome.error_kind}] {outcome.message}", style="red", markup=False)
    console.print(f"done in {seconds:.1f} s")


# ------------------------------------------------------------------ query


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="DuckDB SQL; tables by name (roles, targets, …) "
                                            "and current_<table> for current revisions only.")],
    out: OutOption = DEFAULT_OUT,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    limit: Annotated[int, typer.Option(help="Rows shown in table format (csv/json print all).")] = 100,
) -> None:
    """Run SQL over the corpus and print the result."""
    import duckdb

    from jinzai.pipeline.query import connect, view_names

    if format not in ("table", "csv", "json"):
        errors.print(f"[red]--format must be table, csv or json, not {format!r}[/red]")
        raise typer.Exit(2)
    if not Store(out).exists():
        errors.print(f"[red]no corpus at {out}: run `jinzai ingest PATH --out {out}` first[/red]")
        raise typer.Exit(2)
    try:
        result = connect(out).sql(sql)
    except duckdb.Error as exc:
        errors.print(f"[red]query failed: {exc}[/red]\ntables: {', '.join(view_names())}")
        raise typer.Exit(2) from exc
    if result is None:
        return
    rows = result.fetchall()
    columns = result.columns
    if format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=str, indent=1))
    else:
        _print_rows(columns, rows, limit)


def _print_rows(columns: list[str], rows: list[tuple], limit: int) -> None:
    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows[:limit]:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    more = f" (first {limit} shown; --limit or --format csv for all)" if len(rows) > limit else ""
    console.print(f"{len(rows)} rows{more}")


# ------------------------------------------------------------------ eval


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of <stem>.json answer keys (see GOLD.md).", exists=True,
                                       file_okay=False)],
    out: OutOption = DEFAULT_OUT,
    pdf_dir: Annotated[Path | None, typer.Option(help="Folder of the PDFs, for provenance "
                                                      "(default: beside documents.source).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-document misses.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write all figures as JSON.")] = None,
) -> None:
    """Score the corpus against hand-made answer keys: P/R/F1 per table, field accuracy, provenance."""
    from jinzai.pipeline.evaluation import EvaluationError
    from jinzai.pipeline.evaluation import evaluate as run_evaluation
    from jinzai.pipeline.evaluation import format_report

    try:
        report = run_evaluation(Path(out), gold, pdf_dir)
    except EvaluationError as exc:
        errors.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    print(format_report(report, verbose=verbose))
    if json_out:
        json_out.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ------------------------------------------------------------------ sources, revisions, schedules


def _load_sources(registry: Path):
    from jinzai.pipeline.sources import RegistryError, load_registry

    try:
        return load_registry(registry)
    except RegistryError as exc:
        errors.print(str(exc), style="red", markup=False)
        raise typer.Exit(2) from exc


@app.command()
def fetch(
    registry: RegistryOption = Path("sources.yaml"),
    out: OutOption = DEFAULT_OUT,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 30.0,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest download accepted.")] = 100 * 2**20,
    retries: Annotated[int, typer.Option(help="Extra attempts after a 5xx, timeout or dropped connection.")] = 3,
) -> None:
    """Download the registry's PDFs into the corpus cache (conditional requests: unchanged files cost a 304)."""
    from jinzai.pipeline.refresh import fetch_sources

    results = fetch_sources(_load_sources(registry), Path(out), timeout=timeout, max_bytes=max_bytes,
                            retries=retries)
    table = Table(title=f"jinzai fetch → {out}", title_justify="left")
    for column in ("source", "status", "http", "file / error"):
        table.add_column(column)
    for r in results:
        table.add_row(r.source_id, r.status, str(r.http_status or ""),
                      r.failure.message if r.failure else str(r.path))
    console.print(table)
    raise typer.Exit(1 if any(r.status == "failed" for r in results) else 0)


@app.command()
def refresh(
    registry: RegistryOption = Path("sources.yaml"),
    out: OutOption = DEFAULT_OUT,
    dask: DaskOption = None,
) -> None:
    """Fetch every source, ingest new revisions and report what changed (what a schedule runs)."""
    _load_sources(registry)  # a bad registry is a usage error before Prefect starts
    from jinzai.pipeline.prefect_env import temporary_api

    with temporary_api() as api:
        from jinzai.flows.ingest import without_heartbeats
        from jinzai.flows.refresh import refresh_flow

        if api:
            api.wait_ready()
        with without_heartbeats() if api else nullcontext():
            result = refresh_flow(str(registry), str(out), dask)
    console.print(Path(result["report"]).read_text(encoding="utf-8"), markup=False)
    raise typer.Exit(result["exit_code"])


@app.command()
def diff(
    source: Annotated[str, typer.Argument(help="Source id (a file's name without .pdf, or a registry id).")],
    out: OutOption = DEFAULT_OUT,
    old: Annotated[int | None, typer.Option("--from", help="Old revision number (default: the one before --to).")] = None,
    new: Annotated[int | None, typer.Option("--to", help="New revision number (default: the current one).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """What changed between two revisions of a source: targets, trainings, roles, audience marks."""
    from jinzai.pipeline.diff import DiffError, diff_revisions, format_diff

    try:
        result = diff_revisions(out, source, old, new)
    except DiffError as exc:
        errors.print(str(exc), style="red", markup=False)
        raise typer.Exit(2) from exc
    if format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1, default=str))
    else:
        console.print(format_diff(result), markup=False)


@app.command()
def inspect(
    pdf: Annotated[Path, typer.Argument(help="A PDF file.", exists=True, dir_okay=False, show_default=False)],
    page: Annotated[int | None, typer.Option("--page", "-p", help="Only this page (1-based).", min=1)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the blocks as JSON.")] = False,
) -> None:
    """Show a PDF's blocks as the document model sees them: kind, section path, table grid, what each was read as."""
    from jinzai.extractors.errors import DocumentError
    from jinzai.pipeline.inspection import inspect_pdf, print_blocks

    try:
        blocks = inspect_pdf(pdf, page)
    except (DocumentError, ValueError) as exc:
        errors.print(str(exc), style="red", markup=False)
        raise typer.Exit(1) from exc
    if as_json:
        print(json.dumps(blocks, ensure_ascii=False, indent=1))
    else:
        print_blocks(blocks, console)


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="When to refresh, as a cron expression (UTC).")] = "0 3 * * 1",
    registry: RegistryOption = Path("sources.yaml"),
    out: OutOption = DEFAULT_OUT,
    dask: DaskOption = None,
) -> None:
    """Register the refresh flow on a Prefect server with a cron schedule and run it when due.

    Needs a real server: `prefect server start` and PREFECT_API_URL=http://127.0.0.1:4200/api.
    """
    import os

    if not os.environ.get("PREFECT_API_URL"):
        errors.print("jinzai serve needs a Prefect server: start one with `prefect server start` and set "
                     "PREFECT_API_URL=http://127.0.0.1:4200/api (Prefect's temporary local API cannot schedule)",
                     style="red", markup=False)
        raise typer.Exit(2)
    _load_sources(registry)
    from jinzai.flows.refresh import serve as serve_refresh

    serve_refresh(registry, Path(out), cron, dask=dask)
