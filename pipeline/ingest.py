"""Ingest composition: plan → extract → commit, as plain functions.

The Prefect flow (`jinzai.flows.ingest`) wires these same steps into tasks;
`ingest_paths` runs them without Prefect for library use and tests.

- `plan` fingerprints every input (sha256) and decides, against what the corpus
  already holds (`jinzai.pipeline.known`), whether it is new, a revision of a
  known source, unchanged or known to fail (both skipped).
- `extract_planned` opens, extracts and validates one input. It runs in a
  worker process and never raises: any error becomes a `Failure`.
- `commit` writes one result; the store decides under its lock which source the
  revision belongs to (`jinzai.pipeline.identity`) and supersedes the older one.
"""

from __future__ import annotations

import errno
import hashlib
import stat
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jinzai.pipeline.identity import file_label
from jinzai.pipeline.known import KnownContent, known_content, reindex

if TYPE_CHECKING:  # imported where used: a re-run with nothing new needs neither pyarrow nor pydantic
    from concurrent.futures import Executor, Future

    from jinzai.models import Document, Failure, Record
    from jinzai.pipeline.executor import Limits, WorkerLost
    from jinzai.pipeline.store import Location, Store

PDF_SUFFIX = ".pdf"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Input:
    """A file to ingest, where it came from, and its registry id if the registry lists it."""

    path: Path
    source: str
    registry_id: str | None = None

    @classmethod
    def local(cls, path: Path) -> Input:
        return cls(path, str(path))

    @property
    def source_id(self) -> str:
        """The registry id, else a label from the file name (the store resolves the real source)."""
        return self.registry_id or file_label(self.source)


@dataclass(frozen=True, slots=True)
class Planned:
    """One input and what to do with it."""

    path: Path
    source: str
    source_id: str
    sha256: str | None
    size: int
    action: Literal["ingest", "skip", "fail"]
    reason: str
    previous: Document | None = None
    registry_id: str | None = None

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.sha256) if self.sha256 else ""


@dataclass(slots=True)
class Extracted:
    """What a worker hands back: a document with its records, or a failure."""

    planned: Planned
    document: Document | None = None
    tables: dict[str, list[Record]] = field(default_factory=dict)
    failure: Failure | None = None
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's result, as the summary reports it."""

    source: str
    status: Literal["ingested", "skipped", "failed"]
    reason: str
    doc_id: str | None = None
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    error_kind: str | None = None
    message: str | None = None
    seconds: float = 0.0
    source_id: str = ""
    warnings: tuple[str, ...] = ()
    unread_tables: int = 0  # table blocks no extractor read (`blocks.read_as = 'none'`)


@dataclass
class IngestReport:
    """Everything an ingest run did, input by input."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the store repaired or skipped, by file
    # Set when the store could not be written (a full disk): the run stopped committing.
    write_error: OSError | None = None
    mode: str = ""  # how it ran: in-process, prefect, nothing to extract

    def of_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    @property
    def unread_tables(self) -> int:
        return sum(o.unread_tables for o in self.outcomes)

    def record_counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for outcome in self.outcomes:
            for table, n in outcome.counts.items():
                totals[table] = totals.get(table, 0) + n
        return totals

    @property
    def exit_code(self) -> int:
        return 1 if self.of_status("failed") or self.write_error else 0


# ------------------------------------------------------------------ planning


def doc_id_for(sha256: str) -> str:
    """A document revision is identified by its content."""
    return sha256[:16]


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and PDF files found under folders (recursively, sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # hidden files too (.report.pdf): a PDF is ingested whatever its name
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == PDF_SUFFIX))
        else:
            found.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique


def fingerprint(path: Path) -> tuple[str, int]:
    """(sha256 hex, size in bytes) of a file's content. A FIFO or a device (`/dev/zero`)
    is refused before it is opened: reading it could block or never end."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(errno.EINVAL, "not a regular file (a pipe, device or folder); save the PDF to a file")
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def plan(inputs: Iterable[Input], corpus: Location | Store, *, retry_failed: bool = False) -> list[Planned]:
    """Decide for every input: ingest (new, a revision, or a retried failure), skip (unchanged, or
    known to fail and unchanged since, unless `retry_failed`) or fail (unreadable).

    `corpus` is the store or its location; what it holds by content comes from its index
    (`jinzai.pipeline.known`), so skipping needs no store read. Which source a new file
    revises is known only once it is read (its municipality and title), so the store
    decides it at commit; only a registry id is known here.
    """
    known = known_content(_location(corpus))
    planned: list[Planned] = []
    seen: dict[str, str] = {}
    for item in inputs:
        try:
            sha, size = fingerprint(item.path)
        except OSError as exc:
            planned.append(Planned(item.path, item.source, item.source_id, None, 0, "fail",
                                   f"cannot be read: {exc.strerror}", registry_id=item.registry_id))
            continue
        action, reason = _decide(item, sha, known, seen, retry_failed)
        planned.append(Planned(item.path, item.source, item.source_id, sha, size, action, reason,
                               registry_id=item.registry_id))
        seen.setdefault(sha, item.source)
    return _with_previous_revisions(planned, corpus)


def _decide(item: Input, sha: str, known: KnownContent, seen: dict[str, str],
            retry_failed: bool) -> tuple[Literal["ingest", "skip"], str]:
    if sha in known.documents:
        document = known.documents[sha]
        unchanged = item.source in (document.source, *document.aliases)
        return "skip", "unchanged" if unchanged else f"same content as {document.source}"
    if sha in seen:
        return "skip", f"same content as {seen[sha]}"
    if sha in known.failures and not retry_failed:
        return "skip", (f"known to fail [{known.failures[sha].error_kind}], unchanged since; "
                        "--retry-failed to try again")
    return "ingest", "retry" if sha in known.failures else "new"


def _with_previous_revisions(planned: list[Planned], corpus: Location | Store) -> list[Planned]:
    """Inputs the registry names, with the current revision of their source, which they will
    supersede (read from the store only when such an input is to be ingested)."""
    if not any(p.action == "ingest" and p.registry_id for p in planned):
        return planned
    current = {d.source_id: d for d in open_store(corpus).documents() if d.is_current}
    revised = []
    for p in planned:
        previous = current.get(p.registry_id) if p.action == "ingest" and p.registry_id else None
        if previous is not None:
            reason = f"revision {previous.revision + 1} of {p.source_id}"
            if p.reason == "retry":
                reason += ", retry"
            p = replace(p, reason=reason, previous=previous)
        revised.append(p)
    return revised


def plan_paths(paths: Iterable[Path], corpus: Location | Store, *, retry_failed: bool = False) -> list[Planned]:
    """`plan` for local files and folders, identified by file name."""
    return plan((Input.local(p) for p in discover(paths)), corpus, retry_failed=retry_failed)


def open_store(corpus: Location | Store) -> Store:
    """The store at a location, or the store itself."""
    from jinzai.pipeline.store import Store

    return corpus if isinstance(corpus, Store) else Store(corpus)


def _location(corpus: Location | Store) -> Location:
    return corpus if isinstance(corpus, (str, Path)) else corpus.url


# ------------------------------------------------------------------ extraction


def extract_planned(planned: Planned, ingested_at: datetime) -> Extracted:
    """Open, extract and validate one input. Never raises: errors become a Failure."""
    # Imported here: planning and skipping unchanged files must not pay for the extractors.
    from jinzai.extractors import extract, open_layout
    from jinzai.extractors.errors import DocumentError
    from jinzai.models import Document

    started = time.perf_counter()
    result = Extracted(planned)
    try:
        with open_layout(planned.path, source=planned.source) as layout:
            extraction = extract(layout, planned.doc_id)
            info = extraction.info
            result.document = Document(
                doc_id=planned.doc_id, source_id=planned.source_id, title=info.title,
                doc_kind=info.doc_kind, municipality=info.municipality, prefecture=info.prefecture,
                municipality_code=info.municipality_code, publisher=info.publisher, issued=info.issued,
                period_start_fy=info.period_start_fy, period_end_fy=info.period_end_fy,
                pages=layout.page_count, sha256=planned.sha256, source=planned.source,
                file_size=planned.size, producer=layout.metadata.get("producer"),
                revision=planned.previous.revision + 1 if planned.previous else 1, ocr_pages=layout.ocr_pages,
                ingested_at=ingested_at,
            )
            result.tables = extraction.tables()
    except DocumentError as exc:
        result.failure = failure_for(planned, exc.kind, str(exc))
    except MemoryError:
        result.failure = failure_for(
            planned, "too_large",
            f"{planned.source}: extraction needs more memory than a worker may use — raise --max-memory "
            f"if the file is genuine")
    except Exception as exc:  # a damaged file a PDF library trips on, or a bug: keep the batch going
        result.failure = _unexpected_failure(planned, exc)
    result.seconds = time.perf_counter() - started
    return result


def _unexpected_failure(planned: Planned, exc: Exception) -> Failure:
    """`corrupt` when a PDF library raised it while parsing the file, else `internal` (a bug)."""
    import logging

    from jinzai.extractors.errors import raised_by_pdf_library, unreadable_structure

    if raised_by_pdf_library(exc):
        return failure_for(planned, "corrupt", str(unreadable_structure(planned.source, exc)))
    logging.getLogger(__name__).debug("extraction of %s failed", planned.source, exc_info=True)
    return failure_for(
        planned, "internal",
        f"{planned.source}: internal error while extracting ({type(exc).__name__}: {exc}) — "
        f"please report it with the file; at {_last_frame(exc)}")


def failure_for(planned: Planned, kind: str, message: str) -> Failure:
    from jinzai.models import Failure

    return Failure(source=planned.source, sha256=planned.sha256, error_kind=kind,
                   message=message, at=datetime.now(UTC))


def _last_frame(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


# ------------------------------------------------------------------ committing


def commit(store: Store, extracted: Extracted) -> Outcome:
    """Write one result; the store resolves its source and supersedes the previous revision."""
    planned = extracted.planned
    if extracted.failure is not None:
        store.write_failure(extracted.failure)
        return Outcome(planned.source, "failed", planned.reason, error_kind=extracted.failure.error_kind,
                       message=extracted.failure.message, seconds=extracted.seconds, source_id=planned.source_id)
    assert extracted.document is not None
    with store.writer() as writer:
        committed = writer.commit_document(extracted.document, extracted.tables, planned.registry_id)
    document = committed.document
    counts = {table: len(records) for table, records in extracted.tables.items()}
    warnings = committed.warnings + tuple(f"p.{w.page}: {w.message}" if w.page else w.message
                                          for w in extracted.tables.get("warnings", []))
    unread = sum(b.kind == "table" and b.read_as == "none" for b in extracted.tables.get("blocks", []))
    return Outcome(planned.source, "ingested", committed.reason, doc_id=document.doc_id, pages=document.pages,
                   counts=counts, seconds=extracted.seconds, source_id=document.source_id, warnings=warnings,
                   unread_tables=unread)


def skipped_outcome(store: Store | None, planned: Planned) -> Outcome:
    """The outcome of an input not extracted; an unreadable one's failure is written to `store`."""
    if planned.action == "fail":
        assert store is not None
        failure = failure_for(planned, "unreadable", f"{planned.source}: {planned.reason} — check the path and permissions")
        store.write_failure(failure)
        return Outcome(planned.source, "failed", planned.reason, error_kind=failure.error_kind,
                       message=failure.message, source_id=planned.source_id)
    return Outcome(planned.source, "skipped", planned.reason, doc_id=planned.doc_id, source_id=planned.source_id)


# ------------------------------------------------------------------ workers


def default_workers(jobs: int) -> int:
    from jinzai.pipeline.executor import worker_count

    return worker_count(None, jobs)


def lost_extraction(args: tuple, lost: WorkerLost, limits: Limits) -> Extracted:
    """The failure of a file whose worker was stopped or died under `limits`."""
    planned: Planned = args[0]
    if lost.kind == "timeout":
        message = (f"{planned.source}: extraction {lost.detail} and was stopped — raise --timeout "
                   f"(now {limits.seconds:g} s) if the file is genuine")
    elif lost.kind == "too_large":
        message = (f"{planned.source}: extraction needs more memory than a worker may use ({lost.detail}) — "
                   f"raise --max-memory (now {limits.memory_mb} MB) if the file is genuine")
    else:
        message = (f"{planned.source}: the worker extracting it died ({lost.detail}) — the file may be "
                   f"damaged or too large for memory (--max-memory, now {limits.memory_mb} MB); "
                   f"if it opens elsewhere, please report it with the file")
    return Extracted(planned, failure=failure_for(planned, lost.kind, message))


def _out_of_memory(extracted: Extracted) -> bool:
    return extracted.failure is not None and extracted.failure.error_kind == "too_large"


@contextmanager
def worker_pool(workers: int, limits: Limits | None = None) -> Iterator[Executor]:
    """Worker processes forked from a server that has already imported the extractors;
    each file runs under `limits` (default: from the environment, see `Limits`)."""
    from jinzai.pipeline.executor import IsolatedPool, Limits, available_cores  # a run with nothing to extract never loads it

    # The pool's threads unpickle the workers' results into these classes; imported here,
    # once, before any thread does: a thread importing `jinzai.models` while this one
    # imports it too (the store's libraries) can end in a _DeadlockError.
    import jinzai.models  # noqa: F401

    with IsolatedPool(min(workers, available_cores()), limits or Limits.from_env(), lost_extraction,
                      replace=_out_of_memory) as pool:
        yield pool


def largest_first(planned: list[Planned]) -> list[Planned]:
    """Big files first, so one long document does not finish the batch alone."""
    return sorted(planned, key=lambda p: -p.size)


class Batch:
    """One run's bookkeeping, shared by `ingest_paths` and the Prefect flow:
    outcomes in the order they happen, each also passed to `on_outcome`."""

    def __init__(self, corpus: Location | Store, on_outcome: Callable[[Outcome], None] | None = None):
        self._corpus = corpus
        self._wrote = False
        self.on_outcome = on_outcome
        self.report = IngestReport()
        self._started = time.perf_counter()
        self.ingested_at = datetime.now(UTC)
        self._aliases: list[tuple[str, str]] = []

    @cached_property
    def store(self) -> Store:
        """Opened on first write: a batch that only skips never loads the store's libraries."""
        return open_store(self._corpus)

    def start(self, planned: list[Planned]) -> list[Planned]:
        """Record every input that is skipped or unreadable; return the ones to extract, largest first."""
        for p in planned:
            if p.action != "ingest":
                if p.action == "fail":
                    self._write(skipped_outcome, p)
                else:
                    self.record(skipped_outcome(None, p))
        # the same bytes under another name: its provenance is kept once the first name is committed
        self._aliases = [(p.doc_id, p.source) for p in planned if p.reason.startswith("same content as")]
        return largest_first([p for p in planned if p.action == "ingest"])

    def commit(self, extracted: Extracted) -> None:
        self._write(commit, extracted)

    def _write(self, write: Callable[[Store, object], Outcome], item: object) -> None:
        """Write one result; once the store cannot be written (a full disk), write nothing
        more: what was committed stays whole, the run reports the error once."""
        if self.report.write_error is None:
            try:
                self.record(write(self.store, item))
            except OSError as exc:
                self.report.write_error = exc

    def record(self, outcome: Outcome) -> None:
        self._wrote = self._wrote or outcome.status != "skipped"
        self.report.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    def finish(self) -> IngestReport:
        if self._aliases:
            with self.store.writer() as writer:
                for doc_id, source in self._aliases:
                    writer.add_alias(doc_id, source)
            self._wrote = True
        if self._wrote:  # so that the next plan finds this run's documents and failures without a store read
            reindex(self.store)
        if "store" in self.__dict__:  # opened by this run: what it repaired or skipped
            self.report.notes = [*self.store.repairs, *self.store.problems]
        self.report.seconds = time.perf_counter() - self._started
        return self.report


def ingest_paths(paths: Iterable[Path], out_dir: Location, *, workers: int | None = None,
                 on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Ingest files and folders into `out_dir` without Prefect (see `ingest_planned`)."""
    return ingest_planned(plan_paths(paths, out_dir), out_dir, workers=workers, on_outcome=on_outcome)


def ingest_planned(planned: list[Planned], out_dir: Location, *, workers: int | None = None,
                   on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Extract and commit planned inputs without Prefect: what `jinzai ingest` runs when no Prefect
    server is configured. Each file is extracted in a worker process under the per-file limits,
    except with `workers=1`: then in this process, without limits (for profiling and tests)."""
    batch = Batch(out_dir, on_outcome)
    todo = batch.start(planned)
    if workers == 1:  # in this process (profiling, tests): no per-file limits
        for p in todo:
            batch.commit(extract_planned(p, batch.ingested_at))
    elif todo:
        from jinzai.pipeline.executor import worker_count

        with worker_pool(worker_count(workers, len(todo))) as pool:
            futures: list[Future[Extracted]] = [pool.submit(extract_planned, p, batch.ingested_at) for p in todo]
            batch.store.ensure()  # loads the store's libraries while the workers extract
            for future in futures:
                batch.commit(future.result())
    return batch.finish()
