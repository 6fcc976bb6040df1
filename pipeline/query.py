"""SQL over the corpus: a read-only, sandboxed DuckDB connection where every table is a view by name.

Besides the CONTRACT tables, `current_<table>` views keep only the rows of
each source's current revision (`documents.is_current`), so a researcher who
wants the latest editions writes `FROM current_targets` instead of a join.

`connect` is the one entry point for every reader (CLI, Python API, web views):
- it is a snapshot of the committed corpus: `documents` is read once, and each
  table reads exactly the files the store lists (the newest compacted file and
  the deltas it does not cover) — paths are handed over as a file list, never
  as a glob, and only revisions listed in `documents` are visible;
- the files are scanned through pyarrow, so DuckDB itself needs no file access:
  external access is switched off and the configuration locked, which refuses
  `COPY … TO`, `ATTACH`, `INSTALL`/`LOAD`, `read_text`/`read_csv` of any path
  and any `SET` that would undo it;
- a file the store cannot use (zero bytes, corrupt, another table's) is named
  in `on_problem` and skipped.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow.dataset as ds
from pyarrow.fs import FSSpecHandler, PyFileSystem

from jinzai.models import TABLES, Document, Failure, arrow_schema
from jinzai.pipeline.store import Location, Store

READ_ONLY_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})
SANDBOX = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)


class QueryError(ValueError):
    """A statement `jinzai query` will not run; the message says why."""


def connect(out_dir: Location, *, on_problem: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
    """A sandboxed in-memory DuckDB connection with a view per table of the corpus at `out_dir`
    (a local path or an fsspec URL)."""
    store = Store(out_dir)
    con = duckdb.connect()
    con.register("_documents", store.documents_table())
    con.execute("CREATE VIEW documents AS SELECT * FROM _documents")
    filesystem = None if store.is_local else PyFileSystem(FSSpecHandler(store.fs))
    for table, model in TABLES.items():
        if table == Document.TABLE:
            continue
        listed = store.table_files(table)
        for problem in listed.problems:
            store.report_problem(problem)
        con.register(f"_{table}", ds.dataset(listed.files, schema=arrow_schema(model), format="parquet",
                                             filesystem=filesystem))
        visible = "" if table == Failure.TABLE else " WHERE doc_id IN (SELECT doc_id FROM documents)"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}{visible}")
    for table in TABLES:
        if table in (Document.TABLE, Failure.TABLE):
            continue
        con.execute(f"CREATE VIEW current_{table} AS SELECT t.* FROM {table} t "
                    "WHERE t.doc_id IN (SELECT doc_id FROM documents WHERE is_current)")
    con.execute("CREATE VIEW current_documents AS SELECT * FROM documents WHERE is_current")
    for problem in store.problems:
        if on_problem:
            on_problem(problem)
    for statement in SANDBOX:
        con.execute(statement)
    return con


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse (QueryError) SQL with any statement but SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN."""
    for statement in con.extract_statements(sql):
        if statement.type not in READ_ONLY_STATEMENTS:
            kind = statement.type.name.replace("_", " ")
            raise QueryError(f"the corpus is read-only: {kind} statements are not run "
                             "(save a result with --format csv or json and a shell redirect)")


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.DuckDBPyRelation | None:
    """Run read-only SQL (`check_read_only`)."""
    check_read_only(con, sql)
    return con.sql(sql)


def view_names() -> list[str]:
    """Every name a query may use."""
    names = list(TABLES)
    names += [f"current_{t}" for t in TABLES if t != Failure.TABLE]
    return names
