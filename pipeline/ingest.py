"""Ingest composition: plan → extract → commit, as plain functions.

The Prefect flow (`jinzai.flows.ingest`) wires these same steps into tasks;
`ingest_paths` runs them without Prefect for library use and tests.

- `plan` fingerprints every input (sha256) and decides, against the store,
  whether it is new, a revision of a known source, or unchanged (skipped).
- `extract_planned` opens, extracts and validates one input. It runs in a
  worker process and never raises: any error becomes a `Failure`.
- `commit` writes one result, marking an older revision as superseded.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import re
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from jinzai.models import Document, Failure, Record
from jinzai.pipeline.store import Location, Store

log = logging.getLogger(__name__)

PDF_SUFFIX = ".pdf"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Input:
    """A file to ingest, where it came from, and which tracked source it is."""

    path: Path
    source: str
    source_id: str

    @classmethod
    def local(cls, path: Path) -> Input:
        return cls(path, str(path), source_id_for(path))


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


@dataclass
class IngestReport:
    """Everything an ingest run did, input by input."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def of_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    def record_counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for outcome in self.outcomes:
            for table, n in outcome.counts.items():
                totals[table] = totals.get(table, 0) + n
        return totals

    @property
    def exit_code(self) -> int:
        return 1 if self.of_status("failed") else 0


# ------------------------------------------------------------------ planning


def doc_id_for(sha256: str) -> str:
    """A document revision is identified by its content."""
    return sha256[:16]


def source_id_for(path: Path) -> str:
    """The default identity of a local source: its file name without suffix.

    A revised edition saved under the same name is a new revision of it.
    """
    return re.sub(r"\s+", "_", path.stem.strip()) or "document"


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and PDF files found under folders (recursively, sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == PDF_SUFFIX
                                and not p.name.startswith(".")))
        else:
            found.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique


def fingerprint(path: Path) -> tuple[str, int]:
    """(sha256 hex, size in bytes) of a file's content."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def plan(inputs: Iterable[Input], store: Store) -> list[Planned]:
    """Decide for every input: ingest (new or revision), skip (unchanged) or fail (unreadable)."""
    known = store.documents()
    by_sha = {d.sha256: d for d in known}
    current = {d.source_id: d for d in known if d.is_current}
    planned: list[Planned] = []
    seen: dict[str, str] = {}
    for item in inputs:
        path, source, source_id = item.path, item.source, item.source_id
        try:
            sha, size = fingerprint(path)
        except OSError as exc:
            planned.append(Planned(path, source, source_id, None, 0, "fail", f"cannot be read: {exc.strerror}"))
            continue
        if sha in by_sha:
            reason = "unchanged" if by_sha[sha].source_id == source_id else f"same content as {by_sha[sha].source}"
            planned.append(Planned(path, source, source_id, sha, size, "skip", reason))
        elif sha in seen:
            planned.append(Planned(path, source, source_id, sha, size, "skip", f"same content as {seen[sha]}"))
        else:
            previous = current.get(source_id)
            reason = f"revision {previous.revision + 1} of {source_id}" if previous else "new"
            planned.append(Planned(path, source, source_id, sha, size, "ingest", reason, previous))
        seen.setdefault(sha, source)
    return planned


def plan_paths(paths: Iterable[Path], store: Store) -> list[Planned]:
    """`plan` for local files and folders, identified by file name."""
    return plan((Input.local(p) for p in discover(paths)), store)


# ------------------------------------------------------------------ extraction


def extract_planned(planned: Planned, ingested_at: datetime) -> Extracted:
    """Open, extract and validate one input. Never raises: errors become a Failure."""
    # Imported here: planning and skipping unchanged files must not pay for the extractors.
    from jinzai.extractors import extract, open_layout
    from jinzai.extractors.errors import DocumentError

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
    except Exception as exc:  # a bug or an unforeseen file: report it, keep the batch going
        log.debug("extraction of %s failed", planned.source, exc_info=True)
        result.failure = failure_for(
            planned, "internal",
            f"{planned.source}: internal error while extracting ({type(exc).__name__}: {exc}) — "
            f"please report it with the file; at {_last_frame(exc)}")
    result.seconds = time.perf_counter() - started
    return result


def failure_for(planned: Planned, kind: str, message: str) -> Failure:
    return Failure(source=planned.source, sha256=planned.sha256, error_kind=kind,
                   message=message, at=datetime.now(UTC))


def _last_frame(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


# ------------------------------------------------------------------ committing


def commit(store: Store, extracted: Extracted) -> Outcome:
    """Write one result; a new revision supersedes the source's previous one."""
    planned = extracted.planned
    if extracted.failure is not None:
        store.write_failure(extracted.failure)
        return Outcome(planned.source, "failed", planned.reason, error_kind=extracted.failure.error_kind,
                       message=extracted.failure.message, seconds=extracted.seconds, source_id=planned.source_id)
    document = extracted.document
    assert document is not None
    store.write_document(document, extracted.tables)
    if planned.previous is not None:
        store.put_document(planned.previous.model_copy(
            update={"is_current": False, "superseded_by": document.doc_id}))
    counts = {table: len(records) for table, records in extracted.tables.items()}
    warnings = tuple(f"p.{w.page}: {w.message}" if w.page else w.message
                     for w in extracted.tables.get("warnings", []))
    return Outcome(planned.source, "ingested", planned.reason, doc_id=document.doc_id, pages=document.pages,
                   counts=counts, seconds=extracted.seconds, source_id=planned.source_id, warnings=warnings)


def skipped_outcome(store: Store, planned: Planned) -> Outcome:
    if planned.action == "fail":
        failure = failure_for(planned, "unreadable", f"{planned.source}: {planned.reason} — check the path and permissions")
        store.write_failure(failure)
        return Outcome(planned.source, "failed", planned.reason, error_kind=failure.error_kind,
                       message=failure.message, source_id=planned.source_id)
    return Outcome(planned.source, "skipped", planned.reason, doc_id=planned.doc_id, source_id=planned.source_id)


# ------------------------------------------------------------------ workers


def default_workers(jobs: int) -> int:
    return max(1, min(jobs, os.cpu_count() or 1))


def _warm_worker() -> int:
    """Load what every extraction needs once per worker, so the first real job does not pay for it."""
    from jinzai.normalizers.municipalities import body_index

    body_index()
    return os.getpid()


@contextmanager
def worker_pool(workers: int) -> Iterator[Executor]:
    """Worker processes forked from a server that has already imported the extractors."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["jinzai.extractors", "pdfplumber"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for _ in range(workers):
            pool.submit(_warm_worker)
        yield pool


def largest_first(planned: list[Planned]) -> list[Planned]:
    """Big files first, so one long document does not finish the batch alone."""
    return sorted(planned, key=lambda p: -p.size)


class Batch:
    """One run's bookkeeping, shared by `ingest_paths` and the Prefect flow:
    outcomes in the order they happen, each also passed to `on_outcome`."""

    def __init__(self, store: Store, on_outcome: Callable[[Outcome], None] | None = None):
        self.store = store
        self.on_outcome = on_outcome
        self.report = IngestReport()
        self._started = time.perf_counter()
        self.ingested_at = datetime.now(UTC)

    def start(self, planned: list[Planned]) -> list[Planned]:
        """Record every input that is skipped or unreadable; return the ones to extract, largest first."""
        self.store.ensure()
        for p in planned:
            if p.action != "ingest":
                self.record(skipped_outcome(self.store, p))
        return largest_first([p for p in planned if p.action == "ingest"])

    def commit(self, extracted: Extracted) -> None:
        self.record(commit(self.store, extracted))

    def record(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    def finish(self) -> IngestReport:
        self.report.seconds = time.perf_counter() - self._started
        return self.report


def ingest_paths(paths: Iterable[Path], out_dir: Location, *, workers: int | None = None,
                 on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Ingest files and folders into `out_dir` without Prefect."""
    batch = Batch(Store(out_dir), on_outcome)
    todo = batch.start(plan_paths(paths, batch.store))
    n_workers = workers or default_workers(len(todo))
    if n_workers <= 1 or len(todo) <= 1:
        for p in todo:
            batch.commit(extract_planned(p, batch.ingested_at))
    else:
        with worker_pool(n_workers) as pool:
            futures: list[Future[Extracted]] = [pool.submit(extract_planned, p, batch.ingested_at) for p in todo]
            for future in futures:
                batch.commit(future.result())
    return batch.finish()
