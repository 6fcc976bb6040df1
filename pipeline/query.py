"""SQL over the corpus: a DuckDB connection where every table is a view by name.

Besides the CONTRACT tables, `current_<table>` views keep only the rows of
each source's current revision (`documents.is_current`), so a researcher who
wants the latest editions writes `FROM current_targets` instead of a join.
"""

from __future__ import annotations

import posixpath

import duckdb

from jinzai.models import TABLES, to_arrow
from jinzai.pipeline.store import Location, Store


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(out_dir: Location) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the corpus at `out_dir`
    (a local path or an fsspec URL)."""
    store = Store(out_dir)
    con = duckdb.connect()
    if not store.is_local:
        con.register_filesystem(store.fs)
    for table, model in TABLES.items():
        files = store.fs.glob(posixpath.join(store.root, table, "**", "*.parquet"))
        if files:
            folder = store.root if store.is_local else store.fs.unstrip_protocol(store.root)
            pattern = _sql_string(posixpath.join(folder, table, "**", "*.parquet"))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({pattern}, union_by_name=true)")
        else:  # an empty table still has its columns
            con.register(f"_empty_{table}", to_arrow(model, []))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
    for table in TABLES:
        if table in ("documents", "failures"):
            continue
        con.execute(f"CREATE VIEW current_{table} AS SELECT t.* FROM {table} t "
                    "WHERE t.doc_id IN (SELECT doc_id FROM documents WHERE is_current)")
    con.execute("CREATE VIEW current_documents AS SELECT * FROM documents WHERE is_current")
    return con


def view_names() -> list[str]:
    """Every name a query may use."""
    names = list(TABLES)
    names += [f"current_{t}" for t in TABLES if t != "failures"]
    return names
