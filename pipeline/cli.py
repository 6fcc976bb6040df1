"""`jinzai` — the command line: ingest, query, eval, fetch, refresh, diff, serve.

One thin function per command; each imports what its command needs inside it, so
`jinzai --help` or a query never pays for the extractors, pyarrow or Prefect. (No
`from __future__ import annotations` here: typer reads every command's annotations at each
start, and would have to evaluate them from strings.)
"""

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

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

OutOption = Annotated[str, typer.Option("--out", help="Corpus folder (one sub-folder of Parquet files per "
                                                      "table): a local path or an fsspec URL.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="File to write instead of printing.",
                                                   dir_okay=False)]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv, json or xlsx (xlsx needs --output).")]
DaskOption = Annotated[str | None, typer.Option(help="Run extraction on the Dask cluster at this scheduler "
                                                     "address, e.g. tcp://10.0.0.5:8786.")]
RegistryOption = Annotated[Path, typer.Option("--registry", "-r", help="Source registry (YAML); see "
                                                                       "sources.example.yaml.")]


def main() -> NoReturn:
    from jinzai.pipeline.signals import Stopped, stop_on_signals

    try:
        with stop_on_signals():
            app()
    except Stopped as stopped:
        errors.print(f"jinzai: stopped by {stopped}; every process it started has ended — run the same "
                     f"command again to finish (what was written is kept)", style="red", markup=False)
        _end(stopped.exit_code)
    except SystemExit as done:  # how every command ends (typer.Exit, sys.exit)
        _end(_exit_status(done.code))
    _end(0)


def _exit_status(code: object) -> int:
    """The status `SystemExit(code)` would give: None is 0, a message is printed and is 1."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _end(status: int) -> NoReturn:
    """End the finished command with `status`, without the interpreter's teardown.

    The libraries a command loads start native thread pools of their own (Arrow's; ONNX Runtime's,
    which PyMuPDF's layout module loads) that may still be winding down when the command is done.
    A pool thread that needs Python while the interpreter is being torn down is ended by it, and
    the process aborts ("terminate called without an active exception", status 134) after its work
    succeeded — as a schedule or a script sees it, a failed run. So once the command has returned,
    what Python runs at exit runs here (atexit handlers: logging, multiprocessing, Prefect; stdout
    and stderr flushed) and the process ends before any module or thread pool is torn down."""
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to say to it
            pass
    os._exit(status)


# ------------------------------------------------------------------ ingest


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files and folders (searched recursively for *.pdf).",
                                                exists=True, show_default=False)],
    out: OutOption = DEFAULT_OUT,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core; never more "
                                                     "than files or cores).", min=1)] = None,
    dask: DaskOption = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Extract again inputs that failed before "
                                                                      "and are unchanged since.")] = False,
    timeout: Annotated[float | None, typer.Option(help="Seconds one file's extraction may take before it is "
                                                       "stopped (a 'timeout' failure). Default 300, or "
                                                       "$JINZAI_FILE_TIMEOUT.", min=1)] = None,
    max_memory: Annotated[int | None, typer.Option("--max-memory", help="MB of memory one file's extraction may "
                                                   "use (a 'too_large' failure beyond it; 0: no limit). Default "
                                                   "4096, or $JINZAI_FILE_MEMORY_MB.", min=0)] = None,
) -> None:
    """Ingest PDFs into the corpus. Unchanged files, and files that failed and are unchanged since, are
    skipped; a changed file becomes a new revision.

    Runs in this process and its workers; with PREFECT_API_URL set (or --dask) as a Prefect flow run.
    Exit status: 0 when every input was ingested or skipped, 1 when any failed
    (the others are still written), 2 for bad usage.
    """
    from jinzai.pipeline.ingest_command import ingest_command

    raise typer.Exit(ingest_command(paths, out, workers=workers, dask=dask, retry_failed=retry_failed,
                                    timeout=timeout, max_memory=max_memory))


# ------------------------------------------------------------------ query


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="DuckDB SQL; tables by name (roles, targets, …), current_<table> "
                                            "for current revisions only, normalize(text) to fold a string.")],
    out: OutOption = DEFAULT_OUT,
    format: FormatOption = "table",
    output: OutputOption = None,
    provenance: Annotated[bool, typer.Option(help="Keep doc_id, bbox, extractor … in SELECT *.")] = False,
    limit: Annotated[int, typer.Option(help="Rows shown in table format (other formats write all).")] = 100,
    max_cell: Annotated[int, typer.Option(help="Characters shown per cell in table format.")] = 40,
) -> None:
    """Run SQL over the corpus and print the result (or write it to --output)."""
    from jinzai.pipeline.access.answers import parse_format, run_query
    from jinzai.pipeline.access.corpus import open_corpus

    with _answer_errors():
        fmt = parse_format(format)
        corpus = open_corpus(out, on_problem=lambda problem: errors.print(f"note: {problem}", style="yellow",
                                                                          markup=False),
                             normalize_function="normalize" in sql.lower(), relation_api=False)
        answer = run_query(corpus.con, sql, provenance=provenance)
        if answer is not None:
            _write(answer, fmt, output, limit, max_cell)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Text to find, folded like stored text (ＩＴ finds IT).")],
    out: OutOption = DEFAULT_OUT,
    format: FormatOption = "table",
    output: OutputOption = None,
    limit: Annotated[int, typer.Option(help="Most hits returned.")] = 200,
) -> None:
    """Find text in roles, skills, trainings, targets, levels, cases and case sections (current revisions)."""
    from jinzai.pipeline.access.answers import parse_format
    from jinzai.pipeline.access.corpus import open_corpus
    from jinzai.pipeline.access.search import search_answer

    with _answer_errors():
        fmt = parse_format(format)
        _write(search_answer(open_corpus(out), text, limit=limit), fmt, output, limit, 80)


@contextmanager
def _answer_errors(*usage_errors: type[Exception]) -> Iterator[None]:
    """Bad SQL, format or corpus folder → a one-line error on stderr and exit 2."""
    from jinzai.pipeline.access.answers import AnswerError
    from jinzai.pipeline.access.corpus import CorpusError
    from jinzai.pipeline import duckdb_engine
    from jinzai.pipeline.query import QueryError

    try:
        yield
    except duckdb_engine.Error as exc:
        from jinzai.pipeline.query import view_names

        errors.print(f"query failed: {exc}\ntables: {', '.join(view_names())}", style="red", markup=False)
        raise typer.Exit(2) from exc
    except QueryError as exc:
        errors.print(f"query refused: {exc}", style="red", markup=False)
        raise typer.Exit(2) from exc
    except (AnswerError, CorpusError, *usage_errors) as exc:
        errors.print(str(exc), style="red", markup=False)
        raise typer.Exit(2) from exc


def _write(answer, fmt: str, output: Path | None, limit: int, max_cell: int) -> None:
    from jinzai.pipeline.access.answers import write_answer

    write_answer(answer, fmt, output, limit=limit, max_cell=max_cell)
    if output is not None:
        errors.print(f"wrote {len(answer.rows)} rows to {output}", markup=False)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlsx file, or the folder of CSV files.")],
    format: Annotated[str, typer.Option("--format", "-f", help="xlsx (one sheet per table) or csv "
                                                               "(one file per table).")] = "xlsx",
    tables: Annotated[list[str] | None, typer.Option(help="Tables to export (repeat or comma-separate; "
                                                          "default all).")] = None,
    labels: Annotated[str | None, typer.Option(help="ja: Japanese column and sheet names.")] = None,
    encoding: Annotated[str, typer.Option(help="CSV encoding: utf-8-sig (Excel), utf-8 or cp932.")] = "utf-8-sig",
    all_revisions: Annotated[bool, typer.Option(help="Every revision, not only the current ones.")] = False,
    out: OutOption = DEFAULT_OUT,
) -> None:
    """Export tables for Excel: city, columns, fiscal years also in wareki, and the PDF file and page."""
    from jinzai.pipeline.access.corpus import open_corpus
    from jinzai.pipeline.access.export import ExportError, ExportOptions, export_corpus, parse_tables

    options = ExportOptions(parse_tables(tables), labels, encoding, all_revisions)
    with _answer_errors(ExportError):
        written = export_corpus(open_corpus(out), format.strip().lower(), output, options)
    console.print(f"wrote {', '.join(map(str, written))}", markup=False)


@app.command()
def explore(
    out: OutOption = DEFAULT_OUT,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    host: Annotated[str, typer.Option(help="Address to listen on; the default serves this machine only.")] =
        "127.0.0.1",
) -> None:
    """Browse the corpus in a web browser (read-only): cities, roles, comparisons, search, evidence pages."""
    from jinzai.pipeline.access.corpus import open_corpus
    from jinzai.pipeline.access.explorer import serve as serve_explorer

    with _answer_errors():
        open_corpus(out)  # a missing corpus is a usage error before the server starts
    console.print(f"jinzai explorer on http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
    serve_explorer(out, host=host, port=port)


@app.command()
def report(
    output: OutputOption = Path("report.html"),
    gold: Annotated[Path | None, typer.Option(help="Folder of answer keys: adds the scorecard.", exists=True,
                                              file_okay=False)] = None,
    pdf_dir: Annotated[Path | None, typer.Option(help="Folder of the PDFs, for the scorecard's provenance "
                                                      "(default: beside documents.source).")] = None,
    out: OutOption = DEFAULT_OUT,
) -> None:
    """Write one self-contained HTML page: coverage, targets per city and year, canonical roles, scorecard."""
    from jinzai.pipeline.access.corpus import open_corpus
    from jinzai.pipeline.access.report import write_report
    from jinzai.pipeline.evaluation import EvaluationError

    with _answer_errors(EvaluationError):
        written = write_report(open_corpus(out), output or Path("report.html"), gold=gold, pdf_dir=pdf_dir)
    console.print(f"wrote {written}", markup=False)


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
    """Fetch every source, ingest new revisions and report what changed (what a schedule runs).

    Runs in this process; with PREFECT_API_URL set (or --dask) as a Prefect flow run.
    """
    _load_sources(registry)  # a bad registry is a usage error before anything starts
    from jinzai.pipeline.prefect_env import api_configured

    if dask or api_configured():
        result = _refresh_flow_run(registry, out, dask)
    else:
        from jinzai.pipeline.refresh import run_refresh

        result = run_refresh(registry, Path(out))
    console.print(Path(result["report"]).read_text(encoding="utf-8"), markup=False)
    raise typer.Exit(result["exit_code"])


def _refresh_flow_run(registry: Path, out: str, dask: str | None) -> dict:
    from jinzai.pipeline.prefect_env import temporary_api

    with temporary_api() as api:  # only when --dask is given without a configured server
        from jinzai.flows.ingest import without_heartbeats
        from jinzai.flows.refresh import refresh_flow

        if api:
            api.wait_ready()
        with without_heartbeats() if api else nullcontext():
            return refresh_flow(str(registry), str(out), dask)


@app.command()
def diff(
    source: Annotated[str, typer.Argument(help="Source id (see documents.source_id) or the path of a file "
                                               "one of its revisions was read from.")],
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
