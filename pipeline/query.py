"""SQL over the corpus: a DuckDB connection where every table is a view by name.

Besides the CONTRACT tables, `current_<table>` views keep only the rows of
each source's current revision (`documents.is_current`), so a researcher who
wants the latest editions writes `FROM current_targets` instead of a join.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from jinzai.models import TABLES, to_arrow


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _has_parquet(folder: Path) -> bool:
    return folder.is_dir() and any(folder.rglob("*.parquet"))


def connect(out_dir: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the corpus at `out_dir`."""
    root = Path(out_dir)
    con = duckdb.connect()
    for table, model in TABLES.items():
        folder = root / table
        if _has_parquet(folder):
            pattern = _sql_string(str(folder / "**" / "*.parquet"))
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
