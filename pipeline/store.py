"""The Parquet store: one folder per table, one file per document revision.

Layout (CONTRACT.md): ``DIR/<table>/<doc_id>.parquet`` for the record tables and
``documents``; ``DIR/failures/<source key>.parquet`` holds the latest failure of
each input. Every file is written to a temporary name and renamed into place
(atomic on a local disk; on an object store the final object appears whole),
and a document's ``documents`` row is written last, so a reader never sees a
half-written file and every listed document is complete. Each table folder also
holds a zero-row ``_schema.parquet`` so that an empty table still has its columns.

``DIR`` is a local path or any fsspec URL (``s3://bucket/corpus``, ``memory://x``).
"""

from __future__ import annotations

import hashlib
import posixpath
import uuid
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem
import pyarrow as pa
import pyarrow.parquet as pq

from jinzai.models import ALL_MODELS, TABLES, Document, Failure, Record, to_arrow

SCHEMA_FILE = "_schema.parquet"

Location = str | Path
"""A corpus folder: a local path or an fsspec URL."""


class Store:
    """A corpus folder. Cheap to create; reads and writes are explicit calls."""

    def __init__(self, root: Location):
        self.url = str(root)
        self.fs, self.root = fsspec.core.url_to_fs(self.url)
        self._ensured = False

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def exists(self) -> bool:
        return self.fs.isdir(self.root)

    def ensure(self) -> None:
        """Create every table folder with its schema file (idempotent; checked once per store)."""
        if self._ensured:
            return
        for model in ALL_MODELS:
            folder = self._join(model.TABLE)
            self.fs.makedirs(folder, exist_ok=True)
            schema_path = self._join(model.TABLE, SCHEMA_FILE)
            if not self.fs.exists(schema_path):
                self._write_atomic(schema_path, to_arrow(model, []))
        self._ensured = True

    # ------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        """Every document revision in the store."""
        return [Document.model_validate(r) for r in self._rows_of(Document.TABLE)]

    def failures(self) -> list[Failure]:
        return [Failure.model_validate(r) for r in self._rows_of(Failure.TABLE)]

    def records(self, table: str, doc_id: str) -> list[dict]:
        """The rows one document revision has in a table."""
        path = self._record_path(table, doc_id)
        return self._read(path).to_pylist() if self.fs.exists(path) else []

    def _rows_of(self, table: str) -> list[dict]:
        paths = sorted(p for p in self.fs.glob(self._join(table, "*.parquet"))
                       if not posixpath.basename(p).startswith(("_", ".")))
        return [row for path in paths for row in self._read(path).to_pylist()]

    def _read(self, path: str) -> pa.Table:
        with self.fs.open(path, "rb") as fh:
            return pq.read_table(fh)

    # ------------------------------------------------------------ writing

    def write_document(self, document: Document, tables: dict[str, list[Record]]) -> None:
        """Write a document revision: its record tables first, its documents row last."""
        self.ensure()
        for table, records in tables.items():
            path = self._record_path(table, document.doc_id)
            if records:
                self._write_atomic(path, to_arrow(TABLES[table], records))
            elif self.fs.exists(path):
                self.fs.rm(path)
        self.put_document(document)
        self.clear_failure(document.source)

    def put_document(self, document: Document) -> None:
        """Write (or rewrite, e.g. when superseded) one documents row."""
        self.ensure()
        self._write_atomic(self._record_path(Document.TABLE, document.doc_id), to_arrow(Document, [document]))

    def write_failure(self, failure: Failure) -> None:
        self.ensure()
        self._write_atomic(self._failure_path(failure.source), to_arrow(Failure, [failure]))

    def clear_failure(self, source: str) -> None:
        path = self._failure_path(source)
        if self.fs.exists(path):
            self.fs.rm(path)

    # ------------------------------------------------------------ paths and writes

    def _join(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def _record_path(self, table: str, doc_id: str) -> str:
        return self._join(table, f"{doc_id}.parquet")

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
