"""What a reader of a corpus folder reads: each table's files in one committed state.

The layout is the store's (`jinzai.pipeline.store` writes it): a table is a folder
holding ``_schema.parquet`` (zero rows, the table's columns); a reader takes the newest
``compacted-<generation>.parquet`` and the delta files that compacted file does not
cover (its footer lists the doc_ids it holds). A file that cannot serve its table — zero
bytes, not Parquet, no key column — is named in `Snapshot.problems` and left out.

Everything here is read by DuckDB from the Parquet footers, without pyarrow, the pydantic
models or (for a local folder) fsspec: it is the start-up of every `jinzai query`.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass, field

from jinzai.pipeline import duckdb_engine
from jinzai.pipeline.location import (COMPACTED, DOC_IDS_KEY, DOCUMENTS, DOCUMENTS_FILE, FAILURES, SCHEMA_FILE,
                                     Location, local_path)


@dataclass
class Snapshot:
    """The files a reader uses for each table (schema file first), and the ones it left out."""

    files: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    documents_as_written: bool = True  # documents/ holds what a writer leaves there (`_as_written`)


@dataclass(frozen=True)
class _Entry:
    path: str
    size: int


def corpus_exists(location: Location) -> bool:
    root = local_path(location)
    if root is not None:
        return root.is_dir()
    import fsspec

    fs, path = fsspec.core.url_to_fs(str(location))
    return fs.isdir(path)


def take_snapshot(url: str, con: duckdb_engine.DuckDBPyConnection) -> Snapshot:
    """The current files of every table of the corpus at `url`, checked with `con` (which must
    still have file access; for a non-local corpus the fsspec filesystem is registered on it)."""
    snapshot = Snapshot()
    folders = _list_tables(url, con)
    candidates = {table: _current_files(entries, con, snapshot) for table, entries in folders.items()}
    schemas = _usable_files(candidates, con, snapshot)
    for table, paths in candidates.items():
        snapshot.files[table] = [p for p in paths if p in schemas]
    snapshot.documents_as_written = _as_written(snapshot.files.get(DOCUMENTS, []), schemas)
    return snapshot


def _as_written(documents: list[str], schemas: dict[str, list[tuple]]) -> bool:
    """Whether documents/ holds what a writer leaves: its schema file (written last when a store
    is set up, so every table's folder exists), and documents.parquet with the same columns once
    anything was committed."""
    names = [posixpath.basename(p) for p in documents]
    if names == [SCHEMA_FILE]:
        return True
    return names == [SCHEMA_FILE, DOCUMENTS_FILE] and schemas[documents[0]] == schemas[documents[1]]


def _list_tables(url: str, con: duckdb_engine.DuckDBPyConnection) -> dict[str, list[_Entry]]:
    """{table: its Parquet files but temporary ones}: the folders holding a schema file or data."""
    root = local_path(url)
    listing = {}
    if root is not None:
        for folder in _scandir(os.path.abspath(root)):
            if folder.is_dir() and not folder.name.startswith(("_", ".")):
                listing[folder.name] = [_Entry(f.path, f.stat().st_size) for f in _scandir(folder.path)
                                        if f.is_file()]
    else:
        import fsspec

        fs, path = fsspec.core.url_to_fs(url)
        con.register_filesystem(fs)  # DuckDB reads the files through it
        for folder in fs.ls(path, detail=True):
            name = posixpath.basename(folder["name"].rstrip("/"))
            if folder["type"] == "directory" and not name.startswith(("_", ".")):
                listing[name] = [_Entry(fs.unstrip_protocol(f["name"]), f["size"])
                                 for f in fs.ls(folder["name"], detail=True) if f["type"] == "file"]
    tables = {}
    for table, entries in listing.items():
        parquet = sorted((e for e in entries if e.path.endswith(".parquet")
                          and not posixpath.basename(e.path).startswith(".")), key=lambda e: e.path)
        if parquet:
            tables[table] = parquet
    return tables


def _scandir(path: str) -> list[os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return list(entries)
    except FileNotFoundError:
        return []


def _current_files(entries: list[_Entry], con: duckdb_engine.DuckDBPyConnection, snapshot: Snapshot) -> list[str]:
    """The schema file, the newest compacted file and the deltas it does not cover; zero-byte files
    are reported and left out."""
    names = {posixpath.basename(e.path): e for e in entries}
    compacted = sorted((int(m.group(1)), name) for name in names if (m := COMPACTED.match(name)))
    newest = names[compacted[-1][1]].path if compacted else None
    covered = _doc_ids_of(newest, con) if newest else set()
    files = [names[SCHEMA_FILE].path] if SCHEMA_FILE in names else []
    files += [newest] if newest else []
    for name, entry in names.items():
        if name.startswith("_") or COMPACTED.match(name) or name.removesuffix(".parquet") in covered:
            continue
        if entry.size == 0:
            snapshot.problems.append(f"{entry.path}: skipped, an empty file (zero bytes); remove it")
        else:
            files.append(entry.path)
    return files


def _doc_ids_of(compacted: str, con: duckdb_engine.DuckDBPyConnection) -> set[str]:
    """The doc_ids a compacted file's footer lists (none when it cannot be read: it is reported below)."""
    try:
        rows = con.execute("SELECT value FROM parquet_kv_metadata(?) WHERE key = ?",
                           [compacted, DOC_IDS_KEY]).fetchall()
    except duckdb_engine.Error:
        return set()
    return set(json.loads(rows[0][0])) if rows else set()


def _usable_files(candidates: dict[str, list[str]], con: duckdb_engine.DuckDBPyConnection,
                  snapshot: Snapshot) -> dict[str, list[tuple]]:
    """{file: its schema} of the files that are Parquet with their table's key column (doc_id;
    source for failures). One footer scan for all files; only when it fails is each file read
    alone, to name the culprit."""
    paths = [p for files in candidates.values() for p in files]
    try:
        schemas = _schemas_of(paths, con)
    except duckdb_engine.Error:
        schemas = {}
        for path in paths:
            try:
                schemas.update(_schemas_of([path], con))
            except duckdb_engine.Error as exc:
                snapshot.problems.append(f"{path}: skipped, not a readable Parquet file ({exc}); remove it")
    usable = {}
    for table, files in candidates.items():
        key = "source" if table == FAILURES else "doc_id"
        for path in (p for p in files if p in schemas):
            if posixpath.basename(path) == SCHEMA_FILE or any(column[0] == key for column in schemas[path]):
                usable[path] = schemas[path]
            else:
                snapshot.problems.append(f"{path}: skipped, not a {table} file (no {key} column); remove it")
    return usable


def _schemas_of(paths: list[str], con: duckdb_engine.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """{file: [(column, physical type, logical type), …] in the footer's order}."""
    schemas: dict[str, list[tuple]] = {path: [] for path in paths}
    if paths:
        for path, *column in con.execute("SELECT file_name, name, type, logical_type::VARCHAR "
                                         "FROM parquet_schema(?)", [paths]).fetchall():
            schemas[path].append(tuple(column))
    return schemas
