"""SQL over the corpus: a DuckDB connection where every table is a view by name.

Besides the CONTRACT tables, `current_<table>` views keep only the rows of
each source's current revision (`documents.is_current`), so a researcher who
wants the latest editions writes `FROM current_targets` instead of a join.

A local corpus is read straight from its folders: every table folder holds at
least its zero-row `_schema.parquet`, so a view never lacks its columns, and a
query needs neither the schema models nor pyarrow (a `jinzai query` answers in
a fraction of a second). An fsspec URL goes through the store's filesystem.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import duckdb

from jinzai.pipeline.location import Location, local_path

UNVERSIONED = ("documents", "failures")
"""Tables whose rows are not records of one document revision: no `current_` view."""


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def corpus_exists(out_dir: Location) -> bool:
    root = local_path(out_dir)
    if root is not None:
        return root.is_dir()
    from jinzai.pipeline.store import Store

    return Store(out_dir).exists()


def connect(out_dir: Location, *, for_sql: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the corpus at `out_dir`
    (a local path or an fsspec URL).

    Creating a view reads the footer of every file of its table; given the one
    statement to run (`for_sql`), only the tables it names get views.
    """
    con = duckdb.connect()
    root = local_path(out_dir)
    tables = _local_views(con, root, for_sql) if root is not None else _remote_views(con, out_dir)
    for table in tables:
        if table not in UNVERSIONED:
            con.execute(f"CREATE VIEW current_{table} AS SELECT t.* FROM {table} t "
                        "WHERE t.doc_id IN (SELECT doc_id FROM documents WHERE is_current)")
    if "documents" in tables:
        con.execute("CREATE VIEW current_documents AS SELECT * FROM documents WHERE is_current")
    return con


def _local_views(con: duckdb.DuckDBPyConnection, root: Path, for_sql: str | None) -> list[str]:
    """A view per table folder (folders named `_…` hold state, caches and reports, not tables)."""
    tables = sorted(folder.name for folder in root.iterdir()
                    if folder.is_dir() and not folder.name.startswith(("_", ".")) and any(folder.glob("*.parquet")))
    if for_sql is not None:
        tables = _named_in(for_sql, tables)
    for table in tables:
        pattern = _sql_string(posixpath.join(root.as_posix(), table, "**", "*.parquet"))
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({pattern}, union_by_name=true)")
    return tables


def _remote_views(con: duckdb.DuckDBPyConnection, out_dir: Location) -> list[str]:
    from jinzai.models import TABLES, to_arrow
    from jinzai.pipeline.store import Store

    store = Store(out_dir)
    con.register_filesystem(store.fs)
    for table, model in TABLES.items():
        files = store.fs.glob(posixpath.join(store.root, table, "**", "*.parquet"))
        if files:
            pattern = _sql_string(posixpath.join(store.fs.unstrip_protocol(store.root), table, "**", "*.parquet"))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({pattern}, union_by_name=true)")
        else:  # an empty table still has its columns
            con.register(f"_empty_{table}", to_arrow(model, []))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
    return list(TABLES)


def _named_in(sql: str, tables: list[str]) -> list[str]:
    """The tables a statement may read: named as `t` or `current_t` (which also reads documents)."""
    named = {t for t in tables if re.search(rf"\b(current_)?{t}\b", sql, re.IGNORECASE)}
    if named - set(UNVERSIONED) or re.search(r"\bcurrent_documents\b", sql, re.IGNORECASE):
        named.add("documents")
    return [t for t in tables if t in named]


def view_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every name a query on this connection may use."""
    return [name for (name,) in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal "
                                        "AND view_name NOT LIKE '\\_empty\\_%' ESCAPE '\\' ORDER BY view_name")
            .fetchall()]
