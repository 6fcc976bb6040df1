"""The Parquet store: one folder per table, one file per document revision.

Layout (CONTRACT.md): ``DIR/<table>/<doc_id>.parquet`` for the record tables and
``documents``; ``DIR/failures/<source key>.parquet`` holds the latest failure of
each input. Every file is written to a temporary name and renamed into place
(atomic on POSIX), and a document's ``documents`` row is written last, so a
reader never sees a half-written file and every listed document is complete.
Each table folder also holds a zero-row ``_schema.parquet`` so that an empty
table still has its columns.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jinzai.models import ALL_MODELS, TABLES, Document, Failure, Record, arrow_schema, to_arrow

SCHEMA_FILE = "_schema.parquet"


class Store:
    """A corpus folder. Cheap to create; reads and writes are explicit calls."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def ensure(self) -> None:
        """Create every table folder with its schema file (idempotent)."""
        for model in ALL_MODELS:
            folder = self.root / model.TABLE
            folder.mkdir(parents=True, exist_ok=True)
            schema_path = folder / SCHEMA_FILE
            if not schema_path.exists():
                _write_atomic(schema_path, to_arrow(model, []))

    # ------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        """Every document revision in the store."""
        folder = self.root / Document.TABLE
        if not folder.is_dir():
            return []
        rows: list[Document] = []
        for path in sorted(folder.glob("*.parquet")):
            if path.name.startswith(("_", ".")):
                continue
            rows.extend(Document.model_validate(r) for r in pq.read_table(path).to_pylist())
        return rows

    def records(self, table: str, doc_id: str) -> list[dict]:
        """The rows one document revision has in a table."""
        path = self._record_path(table, doc_id)
        return pq.read_table(path).to_pylist() if path.exists() else []

    # ------------------------------------------------------------ writing

    def write_document(self, document: Document, tables: dict[str, list[Record]]) -> None:
        """Write a document revision: its record tables first, its documents row last."""
        self.ensure()
        for table, records in tables.items():
            path = self._record_path(table, document.doc_id)
            if records:
                _write_atomic(path, to_arrow(TABLES[table], records))
            elif path.exists():
                path.unlink()
        self.put_document(document)
        self.clear_failure(document.source)

    def put_document(self, document: Document) -> None:
        """Write (or rewrite, e.g. when superseded) one documents row."""
        self.ensure()
        _write_atomic(self._record_path(Document.TABLE, document.doc_id), to_arrow(Document, [document]))

    def write_failure(self, failure: Failure) -> None:
        self.ensure()
        _write_atomic(self._failure_path(failure.source), to_arrow(Failure, [failure]))

    def clear_failure(self, source: str) -> None:
        self._failure_path(source).unlink(missing_ok=True)

    def failures(self) -> list[Failure]:
        folder = self.root / Failure.TABLE
        paths = [p for p in folder.glob("*.parquet") if not p.name.startswith("_")] if folder.is_dir() else []
        return [Failure.model_validate(r) for p in sorted(paths) for r in pq.read_table(p).to_pylist()]

    # ------------------------------------------------------------ paths

    def _record_path(self, table: str, doc_id: str) -> Path:
        return self.root / table / f"{doc_id}.parquet"

    def _failure_path(self, source: str) -> Path:
        key = hashlib.sha256(source.encode()).hexdigest()[:16]
        return self.root / Failure.TABLE / f"{key}.parquet"


def _write_atomic(path: Path, table: pa.Table) -> None:
    """Write a Parquet file under a temporary name in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def table_schema(table: str) -> pa.Schema:
    return arrow_schema(TABLES[table])


def record_tables() -> Iterable[str]:
    return (t for t in TABLES if t not in (Document.TABLE, Failure.TABLE))
