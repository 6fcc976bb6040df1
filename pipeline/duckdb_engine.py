"""DuckDB's query engine, imported without the Python layer of the `duckdb` package where it can be.

duckdb 2 puts a relation and expression API written in Python (`con.sql`, `con.table`,
`.df()` …) and a version read from package metadata over its engine, the C++ extension
`_duckdb`: importing the package costs about 0.1 s more than the engine alone, most of what
`jinzai query "select 1"` would otherwise wait for. Executing SQL and fetching rows
(`execute`, `fetchall`, `description`, `extract_statements`) needs the engine alone.

`load_relation_api` adds the package's layer for callers that hand out relations or scan
Arrow tables. Both name the same connection class, so a connection made here gains that
API as soon as anything imports `duckdb`. With duckdb 1.x the engine is inside the package,
and this module is the package.
"""

try:  # duckdb ≥ 2: the extension module the package re-exports
    from _duckdb import DuckDBPyConnection, Error, StatementType, connect, sqltype
except ImportError:  # duckdb 1.x
    from duckdb import DuckDBPyConnection, Error, StatementType, connect, sqltype

__all__ = ["DuckDBPyConnection", "Error", "StatementType", "connect", "load_relation_api", "sqltype"]


def load_relation_api() -> None:
    """Give every connection the `duckdb` package's API: relations (`con.sql`, `con.table`, their
    `.df()` and `.fetchall()`) and scans of registered Arrow tables (`con.register`)."""
    import duckdb  # noqa: F401  (adds its methods to the connection class on import)
