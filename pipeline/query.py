"""SQL over the corpus: a read-only, sandboxed DuckDB connection where every table is a view by name.

Besides the CONTRACT tables, `current_<table>` views keep only the rows of
each source's current revision (`documents.is_current`), so a researcher who
wants the latest editions writes `FROM current_targets` instead of a join.

`connect` is the one entry point for every reader (CLI, Python API, web views):
- it is a snapshot of the committed corpus (`jinzai.pipeline.snapshot`): `documents`
  is read once into memory, and each table's view reads exactly the files the
  store lists (the newest compacted file and the deltas it does not cover) —
  paths are handed over as a file list, never as a glob, and only revisions
  listed in `documents` are visible;
- DuckDB reads those files itself and may open nothing else: external access is
  switched off with the listed files as its only `allowed_paths`, and the
  configuration locked. That refuses `COPY … TO` any other file, `ATTACH` of
  one, `INSTALL`/`LOAD`, `read_text`/`read_csv` of any other path, and any `SET`
  that would undo it. What DuckDB cannot refuse on an allowed file — `COPY … TO`
  one of the corpus's own files — `check_read_only` refuses, and the entry points
  for SQL typed by someone else (`jinzai query`, the explorer's SQL page) run it;
- a file the store cannot use (zero bytes, corrupt, another table's) is named
  in `on_problem` and skipped.

Opening needs neither pyarrow nor the pydantic models: a table's columns are its
Parquet files' (its ``_schema.parquet`` and data files, by name). A `documents`
folder that is not exactly what a writer leaves (an older layout, a hand-written
file) is read through `Store`, which validates every row against the model.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from jinzai.pipeline import duckdb_engine
from jinzai.pipeline.location import DOCUMENTS, FAILURES, Location
from jinzai.pipeline.snapshot import Snapshot, take_snapshot

log = logging.getLogger(__name__)

READ_ONLY_STATEMENTS = frozenset({duckdb_engine.StatementType.SELECT, duckdb_engine.StatementType.EXPLAIN})


class QueryError(ValueError):
    """A statement `jinzai query` will not run; the message says why."""


def connect(out_dir: Location, *, on_problem: Callable[[str], None] | None = None,
            relation_api: bool = True) -> duckdb_engine.DuckDBPyConnection:
    """A sandboxed in-memory DuckDB connection with a view per table of the corpus at `out_dir`
    (a local path or an fsspec URL). `relation_api=False` leaves out the `duckdb` package's
    relations (`con.sql`, `con.table`), for a caller that only executes and fetches and
    starts quicker without them (`jinzai.pipeline.duckdb_engine`)."""
    if relation_api:
        duckdb_engine.load_relation_api()
    con = duckdb_engine.connect()
    snapshot = take_snapshot(str(out_dir), con)
    problems = list(snapshot.problems)
    if snapshot.documents_as_written:
        con.execute(f"CREATE TABLE {DOCUMENTS} AS SELECT * FROM {_read(snapshot.files[DOCUMENTS])}")
    else:  # completed from the models as Arrow tables, which the engine scans only with the package loaded
        duckdb_engine.load_relation_api()
        problems += _load_validated_documents(str(out_dir), con)
    for table, source in _record_sources(snapshot, con).items():
        visible = "" if table == FAILURES else f" WHERE doc_id IN (SELECT doc_id FROM {DOCUMENTS})"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}{visible}")
        if table != FAILURES:
            con.execute(f"CREATE VIEW current_{table} AS SELECT t.* FROM {table} t "
                        f"WHERE t.doc_id IN (SELECT doc_id FROM {DOCUMENTS} WHERE is_current)")
    con.execute(f"CREATE VIEW current_{DOCUMENTS} AS SELECT * FROM {DOCUMENTS} WHERE is_current")
    _lock(con, snapshot)
    for problem in dict.fromkeys(problems):
        log.warning(problem)
        if on_problem:
            on_problem(problem)
    return con


def _read(files: list[str]) -> str:
    """read_parquet over an explicit file list (quoted literally: a path is never a glob)."""
    listed = ", ".join("'" + path.replace("'", "''") + "'" for path in files)
    return f"read_parquet([{listed}], union_by_name = true)"


def _record_sources(snapshot: Snapshot, con: duckdb_engine.DuckDBPyConnection) -> dict[str, str]:
    """{table: what its view selects from}, `documents` aside. A corpus a writer left complete has a
    folder with a schema file per table; one that is not (never written, a crash before its first
    commit) is completed from the models: a table with no folder is an empty one of the model's columns."""
    sources = {table: _read(files) for table, files in snapshot.files.items() if table != DOCUMENTS}
    if snapshot.documents_as_written:
        return sources
    from jinzai.models import TABLES, arrow_schema

    for table in (t for t in TABLES if t != DOCUMENTS and t not in sources):
        con.register(f"_empty_{table}", arrow_schema(TABLES[table]).empty_table())
        sources[table] = f"_empty_{table}"
    return sources


def _load_validated_documents(url: str, con: duckdb_engine.DuckDBPyConnection) -> list[str]:
    """`documents` through the model (`Store.documents_table`), for a folder a writer would repair."""
    from jinzai.pipeline.store import Store

    store = Store(url)
    con.register("_documents", store.documents_table())
    con.execute(f"CREATE TABLE {DOCUMENTS} AS SELECT * FROM _documents")
    con.unregister("_documents")
    return store.problems


def _lock(con: duckdb_engine.DuckDBPyConnection, snapshot: Snapshot) -> None:
    """No file but the snapshot's, no extension, no setting changed from here on."""
    allowed = sorted({path for files in snapshot.files.values() for path in files})
    con.execute("SET allowed_paths = ?", [allowed])
    for statement in ("SET autoinstall_known_extensions = false", "SET autoload_known_extensions = false",
                      "SET enable_external_access = false", "SET lock_configuration = true"):
        con.execute(statement)


def check_read_only(con: duckdb_engine.DuckDBPyConnection, sql: str) -> None:
    """Refuse (QueryError) SQL with any statement but SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN."""
    for statement in con.extract_statements(sql):
        if statement.type not in READ_ONLY_STATEMENTS:
            kind = statement.type.name.replace("_", " ")
            raise QueryError(f"the corpus is read-only: {kind} statements are not run "
                             "(save a result with --format csv or json and a shell redirect)")


def run_query(con: duckdb_engine.DuckDBPyConnection, sql: str) -> duckdb_engine.DuckDBPyConnection:
    """Run read-only SQL (`check_read_only`); the connection holds its result (`description`, `fetchall`)."""
    check_read_only(con, sql)
    return con.execute(sql)


def view_names() -> list[str]:
    """Every name a query may use."""
    from jinzai.models import TABLES, Failure

    names = list(TABLES)
    names += [f"current_{t}" for t in TABLES if t != Failure.TABLE]
    return names
