"""The Parquet store: one folder per table, one committed state at a time.

Layout (CONTRACT.md: each table is a folder of Parquet files):

- ``DIR/documents/documents.parquet`` — every document revision, one file. It is
  the commit point: a commit writes the new revision's record files first, then
  replaces this file in one atomic rename, so the new revision and the old
  one's supersession appear together or not at all.
- ``DIR/<table>/<doc_id>.parquet`` — one delta file per revision and table, and
  ``DIR/<table>/compacted-<generation>.parquet`` — older revisions' rows merged
  into one file once `StoreSettings.compact_after` deltas pile up (a query over
  one file costs a fraction of one over hundreds). A compacted file lists its
  doc_ids in its footer; readers take the newest generation plus the deltas it
  does not cover, so a compaction never shows a revision twice to them.
- ``DIR/failures/<source key>.parquet`` — the latest failure of each input.
- ``_schema.parquet`` in every table folder: zero rows, so an empty table still
  has its columns. Temporary files are ``.<name>.<random>.tmp``.

Only revisions listed in ``documents`` are visible: record files of a revision
whose commit never finished are ignored by readers and removed by the next
writer. Writers hold a lock (`filelock`, ``DIR/.jinzai.lock``); under it a
writer re-reads ``documents``, resolves the new revision's source (see
`jinzai.pipeline.identity`) and checks the invariants — exactly one current
revision per source, revision numbers unique and increasing. A corpus broken by
an older crash or an older layout is repaired on a writer's first lock, and the
repair is reported. A file that cannot be read, or is not one of the table's,
is reported by name and skipped (moved to ``DIR/_quarantine/`` by a writer).

``DIR`` is a local path or any fsspec URL (``s3://bucket/corpus``, ``memory://x``);
for a non-local corpus the lock is a local file, so it serialises the writers of
one machine only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from filelock import FileLock
from fsspec.implementations.local import LocalFileSystem
from pydantic import ValidationError

from jinzai.models import ALL_MODELS, TABLES, Document, Failure, Record, arrow_schema, to_arrow
from jinzai.pipeline import identity
from jinzai.pipeline.location import COMPACTED, DOC_IDS_KEY, DOCUMENTS_FILE, SCHEMA_FILE, Location

log = logging.getLogger(__name__)

LOCK_FILE = ".jinzai.lock"
QUARANTINE = "_quarantine"
RECORD_TABLES = tuple(t for t in TABLES if t not in (Document.TABLE, Failure.TABLE))

@dataclass(frozen=True)
class StoreSettings:
    """The store's tunables."""

    compact_after: int = 16  # delta files per table before they are merged into one compacted file
    lock_timeout_s: float = 600.0  # how long a writer waits for another one to finish its commit


SETTINGS = StoreSettings()


class StoreError(RuntimeError):
    """The corpus cannot be written as asked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Committed:
    """What a commit did: the revision as stored and what the summary should say."""

    document: Document
    reason: str
    warnings: tuple[str, ...] = ()


class Store:
    """A corpus folder. Cheap to create; reads and writes are explicit calls."""

    def __init__(self, root: Location, settings: StoreSettings = SETTINGS):
        self.url = str(root)
        self.fs, self.root = fsspec.core.url_to_fs(self.url)
        self.settings = settings
        self.problems: list[str] = []  # unreadable files and rows met while reading, by name
        self.repairs: list[str] = []  # what this store's writer repaired, for the summary
        self._bad_document_files: list[str] = []
        self._ensured = False
        self._recovered = False

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def exists(self) -> bool:
        return self.fs.isdir(self.root)

    def ensure(self) -> None:
        """Create every table folder with its schema file, and rewrite a schema file an older version
        left (readers take a table's columns from it; idempotent, checked once per store)."""
        if self._ensured:
            return
        # documents' schema file last: readers take its presence for a corpus whose tables all exist
        for model in sorted(ALL_MODELS, key=lambda m: m.TABLE == Document.TABLE):
            self.fs.makedirs(self._join(model.TABLE), exist_ok=True)
            schema_path = self._join(model.TABLE, SCHEMA_FILE)
            if not self._has_schema(schema_path, model):
                self._write_atomic(schema_path, to_arrow(model, []))
        self._ensured = True

    def _has_schema(self, path: str, model: type[Record]) -> bool:
        try:
            with self.fs.open(path, "rb") as fh:
                return pq.read_schema(fh).remove_metadata().equals(arrow_schema(model).remove_metadata())
        except (OSError, pa.ArrowException):
            return False

    # ------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        """Every committed document revision (unreadable files and rows are reported and skipped)."""
        return list(self._documents_by_id().values())

    def documents_table(self) -> pa.Table:
        """`documents` as Arrow for readers. The file the writer wrote is read as it is (its schema
        is the model's, its rows were validated on the way in); anything else goes through the model."""
        files = self._data_files(Document.TABLE)
        if [posixpath.basename(p) for p in files] == [DOCUMENTS_FILE]:
            try:
                table = self._read_parquet(files[0])
                if table.schema.remove_metadata().equals(arrow_schema(Document).remove_metadata()):
                    return table
            except (OSError, pa.ArrowException):
                pass  # reported by the validated read below
        return to_arrow(Document, self.documents())

    def failures(self) -> list[Failure]:
        return [failure for path in self._data_files(Failure.TABLE)
                for failure in self._validated(Failure, self._read_rows(path), self._display(path))]

    def records(self, table: str, doc_id: str) -> list[dict]:
        """The rows one document revision has in a table."""
        delta = self._join(table, f"{doc_id}.parquet")
        if self.fs.exists(delta):
            return self._read_rows(delta)
        compacted = self._newest_compacted(table)
        if compacted is None or doc_id not in self._doc_ids_of(compacted):
            return []
        table = self._read_parquet(compacted)
        return table.filter(pc.equal(table["doc_id"], doc_id)).to_pylist()

    def _documents_by_id(self) -> dict[str, Document]:
        """documents.parquet, then per-revision files of the older layout (migrated by a writer).
        Files holding rows that are not documents rows are remembered in `_bad_document_files`."""
        by_id: dict[str, Document] = {}
        self._bad_document_files = []
        for path in self._data_files(Document.TABLE):
            rows = self._read_rows(path)
            documents = self._validated(Document, rows, self._display(path))
            if len(documents) < len(rows):
                self._bad_document_files.append(path)
            for document in documents:
                by_id.setdefault(document.doc_id, document)
        return by_id

    def _validated(self, model: type[Record], rows: list[dict], where: str) -> list:
        valid = []
        for row in rows:
            try:
                valid.append(model.model_validate(row))
            except ValidationError as exc:
                first = exc.errors()[0]
                self.report_problem(f"{where}: skipped a row that is not a {model.TABLE} row "
                             f"({'.'.join(map(str, first['loc']))}: {first['msg']}); remove or fix it")
        return valid

    def _read_rows(self, path: str) -> list[dict]:
        try:
            return self._read_parquet(path).to_pylist()
        except (OSError, pa.ArrowException) as exc:
            self.report_problem(f"{self._display(path)}: skipped, not a readable Parquet file ({exc}); remove it")
            return []

    def _read_parquet(self, path: str) -> pa.Table:
        """A whole Parquet file, read on this thread. Arrow's own readers (`pq.read_table`) hand a
        Python file object's buffers to Arrow's thread pool, and the last of them may be released
        there while the interpreter shuts down: that thread then needs the GIL, is ended by
        Python, and the process aborts ("terminate called without an active exception")."""
        with self.fs.open(path, "rb") as fh, pq.ParquetFile(fh) as parquet:
            return parquet.read(use_threads=False)

    def _unusable(self, path: str, table: str) -> str | None:
        """Why a file cannot serve `table`, or None when it can."""
        key = "source" if table == Failure.TABLE else "doc_id"
        try:
            with self.fs.open(path, "rb") as fh:
                names = pq.read_schema(fh).names
        except (OSError, pa.ArrowException) as exc:
            return f"not a readable Parquet file ({exc})"
        if key not in names:
            return f"not a {table} file (no {key} column)"
        return None

    def report_problem(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)
            log.warning(problem)

    def _data_files(self, table: str) -> list[str]:
        """Every Parquet file of a table folder but schema and temporary files."""
        try:
            paths = self.fs.ls(self._join(table), detail=False)
        except FileNotFoundError:
            return []
        return sorted(p for p in paths if p.endswith(".parquet")
                      and not posixpath.basename(p).startswith(("_", ".")))

    def _delta_files(self, table: str) -> list[str]:
        return [p for p in self._data_files(table) if not COMPACTED.match(posixpath.basename(p))]

    def _compacted_files(self, table: str) -> list[str]:
        """Compacted files, oldest generation first."""
        found = [(int(m.group(1)), p) for p in self._data_files(table)
                 if (m := COMPACTED.match(posixpath.basename(p)))]
        return [p for _, p in sorted(found)]

    def _newest_compacted(self, table: str) -> str | None:
        compacted = self._compacted_files(table)
        return compacted[-1] if compacted else None

    def _doc_ids_of(self, compacted: str) -> set[str]:
        with self.fs.open(compacted, "rb") as fh:
            metadata = pq.read_metadata(fh).metadata or {}
        return set(json.loads(metadata.get(DOC_IDS_KEY, b"[]")))

    # ------------------------------------------------------------ writing

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        """The store's single writer: holds the lock, sees the latest committed state,
        and on its first use repairs what older runs left broken."""
        self.ensure()
        lock = FileLock(self._lock_path(), timeout=self.settings.lock_timeout_s)
        with lock:
            writer = Writer(self)
            if not self._recovered:
                writer.recover()
                self._recovered = True
            else:
                writer.check_or_repair()
            yield writer

    def write_failure(self, failure: Failure) -> None:
        with self.writer():
            self._write_atomic(self._failure_path(failure.source), to_arrow(Failure, [failure]))

    def clear_failure(self, source: str) -> None:
        path = self._failure_path(source)
        if self.fs.exists(path):
            self.fs.rm(path)

    # ------------------------------------------------------------ paths and writes

    def _join(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def _display(self, path: str) -> str:
        return path if self.is_local else self.fs.unstrip_protocol(path)

    def _lock_path(self) -> str:
        if self.is_local:
            return self._join(LOCK_FILE)
        from jinzai.normalizers.cache import cache_dir  # the per-machine cache folder

        key = hashlib.sha256(self.url.encode()).hexdigest()[:16]
        return str(cache_dir() / f"store-{key}.lock")

    def _failure_path(self, source: str) -> str:
        key = hashlib.sha256(source.encode()).hexdigest()[:16]
        return self._join(Failure.TABLE, f"{key}.parquet")

    def _write_atomic(self, path: str, table: pa.Table) -> None:
        """Write a Parquet file under a temporary dot-name in the same folder, then move it into place."""
        folder, name = posixpath.split(path)
        self.fs.makedirs(folder, exist_ok=True)
        tmp = posixpath.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
        try:
            with self.fs.open(tmp, "wb") as fh:
                pq.write_table(table, fh, compression="zstd")
            self.fs.mv(tmp, path)
        except BaseException:
            if self.fs.exists(tmp):
                self.fs.rm(tmp)
            raise


class Writer:
    """Changes to a store made under its lock (get one from `Store.writer`)."""

    def __init__(self, store: Store):
        self.store = store
        self.documents = store._documents_by_id()

    # ------------------------------------------------------------ commits

    def commit_document(self, document: Document, tables: dict[str, list[Record]],
                        registry_id: str | None = None) -> Committed:
        """Add one revision: record files first, then documents in one atomic replace."""
        if document.doc_id in self.documents:  # another run committed the same bytes meanwhile
            stored = self.documents[document.doc_id]
            return Committed(stored, f"already ingested as {stored.source}")
        resolution = identity.resolve(document, registry_id, self.documents.values())
        stored = document.model_copy(update={
            "source_id": resolution.source_id, "identity": resolution.identity,
            "revision": resolution.revision, "is_current": True, "superseded_by": None})
        self._write_records(stored.doc_id, tables)
        updated = dict(self.documents)
        if resolution.previous is not None:
            previous = updated[resolution.previous.doc_id]
            updated[previous.doc_id] = previous.model_copy(update={"is_current": False, "superseded_by": stored.doc_id})
        updated[stored.doc_id] = stored
        broken = broken_invariants(updated.values())
        if broken:
            raise StoreError(f"{self.store.url}: commit of {document.source} refused, it would break the corpus: "
                             f"{'; '.join(broken)} — please report it")
        self._write_documents(updated)
        self.store.clear_failure(document.source)
        self.compact_if_due()
        return Committed(stored, resolution.reason, resolution.warnings)

    def add_alias(self, doc_id: str, source: str) -> None:
        """Keep the provenance of the same bytes found under another path or URL."""
        document = self.documents.get(doc_id)
        if document is None or source == document.source or source in document.aliases:
            return
        updated = dict(self.documents)
        updated[doc_id] = document.model_copy(update={"aliases": [*document.aliases, source]})
        self._write_documents(updated)

    def _write_records(self, doc_id: str, tables: dict[str, list[Record]]) -> None:
        for table, records in tables.items():
            path = self.store._join(table, f"{doc_id}.parquet")
            if records:
                self.store._write_atomic(path, to_arrow(TABLES[table], records))
            elif self.store.fs.exists(path):
                self.store.fs.rm(path)

    def _write_documents(self, documents: dict[str, Document]) -> None:
        ordered = sorted(documents.values(), key=lambda d: (d.source_id, d.revision, d.doc_id))
        self.store._write_atomic(self.store._join(Document.TABLE, DOCUMENTS_FILE), to_arrow(Document, ordered))
        self.documents = dict(documents)

    # ------------------------------------------------------------ compaction

    def compact_if_due(self, *, force: bool = False) -> None:
        """Compact the table with the most deltas once it has `compact_after` (every table with `force`).
        One table per commit: the tables fill up together, and one compaction is what a commit can afford."""
        deltas = {table: len(self.store._delta_files(table)) for table in RECORD_TABLES}
        if force:
            for table in (t for t, n in deltas.items() if n):
                self.compact(table)
            return
        fullest = max(deltas, key=deltas.__getitem__)
        if deltas[fullest] >= self.store.settings.compact_after:
            self.compact(fullest)

    def compact(self, table: str) -> None:
        """Merge the newest compacted file and the deltas of listed revisions into the next generation,
        then remove what it replaces. Readers pick the newest generation, so they never see a row twice."""
        store = self.store
        listed = set(self.documents)
        old = store._compacted_files(table)
        parts = [store._join(table, SCHEMA_FILE)]
        parts += [old[-1]] if old else []
        deltas = [p for p in store._delta_files(table)
                  if posixpath.basename(p).removesuffix(".parquet") in listed and not store._unusable(p, table)]
        tables = [store._read_parquet(path) for path in parts + deltas]
        merged = pa.concat_tables(tables, promote_options="permissive")
        merged = merged.filter(pc.is_in(merged["doc_id"], pa.array(sorted(listed), pa.string())))
        doc_ids = sorted(set(merged["doc_id"].to_pylist()))
        merged = merged.replace_schema_metadata({**(merged.schema.metadata or {}),
                                                 DOC_IDS_KEY: json.dumps(doc_ids).encode()})
        generation = int(COMPACTED.match(posixpath.basename(old[-1])).group(1)) + 1 if old else 1
        store._write_atomic(store._join(table, f"compacted-{generation:06d}.parquet"), merged)
        for path in old + deltas:
            store.fs.rm(path)

    # ------------------------------------------------------------ repair

    def recover(self) -> None:
        """Leave the corpus as a finished run would: what dead runs left behind is cleaned,
        files of the older layout are migrated, broken invariants are repaired. Each step is reported."""
        self._remove_temporary_files()
        had_bad_rows = self._quarantine_unreadable()
        migrated = self._migrate_document_files()
        self.check_or_repair(force_write=migrated or had_bad_rows)
        self._remove_unlisted_records()

    def check_or_repair(self, *, force_write: bool = False) -> None:
        repaired, messages = repair(self.documents.values())
        for message in messages:
            self._note(message)
        if messages or force_write:
            self._write_documents({d.doc_id: d for d in repaired})
            for path in self._legacy_document_files():
                self.store.fs.rm(path)

    def _note(self, message: str) -> None:
        full = f"{self.store.url}: {message}"
        self.store.repairs.append(full)
        log.warning(full)

    def _remove_temporary_files(self) -> None:
        # Under the lock no writer is mid-write: every temporary file is a dead run's.
        stray = [p for table in TABLES for p in self._ls(table)
                 if posixpath.basename(p).startswith(".") and p.endswith(".tmp")]
        for path in stray:
            self.store.fs.rm(path)
        if stray:
            self._note(f"removed {len(stray)} temporary file(s) left by an interrupted run")

    def _quarantine_unreadable(self) -> bool:
        """Move files readers cannot use out of the table folders, so no reader trips on them again."""
        store = self.store
        unusable = [(table, path, problem) for table in TABLES for path in store._data_files(table)
                    if (problem := store._unusable(path, table))]
        unusable += [(Document.TABLE, path, "holds rows that are not documents rows")
                     for path in store._bad_document_files]
        for table, path, problem in unusable:
            target = store._join(QUARANTINE, table, posixpath.basename(path))
            store.fs.makedirs(posixpath.dirname(target), exist_ok=True)
            if posixpath.basename(path) == DOCUMENTS_FILE:  # its valid rows are rewritten below
                store.fs.copy(path, target)
            else:
                store.fs.mv(path, target)
            self._note(f"{store._display(path)}: {problem}; moved to {QUARANTINE}/{table}/ where readers skip it")
        if unusable:
            self.documents = store._documents_by_id()
        return bool(store._bad_document_files)

    def _legacy_document_files(self) -> list[str]:
        return [p for p in self.store._data_files(Document.TABLE) if posixpath.basename(p) != DOCUMENTS_FILE]

    def _migrate_document_files(self) -> bool:
        legacy = self._legacy_document_files()
        if legacy:
            self._note(f"merged {len(legacy)} per-revision documents file(s) into {Document.TABLE}/{DOCUMENTS_FILE}")
        return bool(legacy)

    def _remove_unlisted_records(self) -> None:
        """Record files of revisions whose commit never finished, and compacted generations replaced by newer ones."""
        listed = set(self.documents)
        removed = 0
        for table in RECORD_TABLES:
            compacted = self.store._compacted_files(table)
            newest_ids = self.store._doc_ids_of(compacted[-1]) if compacted else set()
            for path in compacted[:-1]:
                self.store.fs.rm(path)
                removed += 1
            for path in self.store._delta_files(table):
                doc_id = posixpath.basename(path).removesuffix(".parquet")
                if doc_id not in listed or doc_id in newest_ids:
                    self.store.fs.rm(path)
                    removed += 1
        if removed:
            self._note(f"removed {removed} record file(s) of unfinished commits or compactions")

    def _ls(self, table: str) -> list[str]:
        try:
            return self.store.fs.ls(self.store._join(table), detail=False)
        except FileNotFoundError:
            return []


# ------------------------------------------------------------------ invariants


def broken_invariants(documents: Iterable[Document]) -> list[str]:
    """What is wrong with a documents table: every source has exactly one current revision,
    its revision numbers are unique, and the current one is the highest."""
    return [problem for source_id, revisions in _by_source(documents).items()
            for problem in _source_problems(source_id, revisions)]


def _source_problems(source_id: str, revisions: list[Document]) -> list[str]:
    current = [d for d in revisions if d.is_current]
    numbers = [d.revision for d in revisions]
    problems = []
    if len(current) != 1:
        problems.append(f"source {source_id} has {len(current)} current revisions")
    if len(set(numbers)) != len(numbers):
        problems.append(f"source {source_id} has revision numbers {sorted(numbers)}")
    elif len(current) == 1 and current[0].revision != max(numbers):
        problems.append(f"source {source_id}: revision {current[0].revision} is current, not the latest")
    return problems


def repair(documents: Iterable[Document]) -> tuple[list[Document], list[str]]:
    """Renumber each broken source's revisions in the order they were ingested and make the
    latest one current; return the documents and one message per source repaired."""
    fixed: list[Document] = []
    messages: list[str] = []
    for source_id, revisions in _by_source(documents).items():
        problems = _source_problems(source_id, revisions)
        if not problems:
            fixed.extend(revisions)
            continue
        ordered = sorted(revisions, key=lambda d: (d.ingested_at, d.revision, d.doc_id))
        chain = [d.model_copy(update={"revision": n, "is_current": n == len(ordered),
                                      "superseded_by": ordered[n].doc_id if n < len(ordered) else None})
                 for n, d in enumerate(ordered, start=1)]
        fixed.extend(chain)
        messages.append(f"repaired {'; '.join(problems)} (left by an interrupted or concurrent run): "
                        f"revisions renumbered 1–{len(chain)} in ingest order, {chain[-1].doc_id} is current")
    return fixed, messages


def _by_source(documents: Iterable[Document]) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        groups[document.source_id].append(document)
    return groups
