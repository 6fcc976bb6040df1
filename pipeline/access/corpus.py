"""The Python API over a corpus folder: tables as DuckDB relations and pandas DataFrames,
SQL, and the questions researchers ask most (`jinzai.open_corpus`).

Built on `jinzai.pipeline.query.connect`, which gives every table a view by name and
`current_<table>` views of current revisions. Reading a table here means its current
revisions unless `all_revisions=True`, so a city with a second edition is never counted
twice by accident. The connection also knows `normalize(text)`, which folds a query
string the way stored text was folded (``ＩＴパスポート`` → ``ITパスポート``).
"""

from __future__ import annotations

from collections.abc import Callable

from typing import TYPE_CHECKING

from jinzai.pipeline import duckdb_engine
from jinzai.pipeline.location import Location
from jinzai.pipeline.query import connect
from jinzai.pipeline.snapshot import corpus_exists

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

REQUIREMENT_MARKS = {"required": "●", "recommended": "○", "partial": "△", "target": "対象"}
"""How the audience matrix prints each requirement (the marks documents use)."""

UNVERSIONED_TABLES = frozenset({"documents", "failures"})
"""Tables with no `current_` filter of their own: documents has `is_current`, failures no revisions."""

# A record's city: a casebook's records name the case's body; a policy's are its issuer's.
CITY_OF_DOCUMENT = "coalesce(d.municipality, d.publisher, d.title)"


class CorpusError(ValueError):
    """A corpus folder that cannot be opened, or a question it cannot answer."""


def add_normalize_function(con: duckdb_engine.DuckDBPyConnection) -> None:
    """`normalize(text)` in SQL: the project's own text normalization (NULL stays NULL)."""
    from jinzai.normalizers.text import normalize_text

    varchar = duckdb_engine.sqltype("VARCHAR")
    con.create_function("normalize", normalize_text, [varchar], varchar, side_effects=False)


class Corpus:
    """One corpus folder, open for reading (see `open_corpus`)."""

    def __init__(self, out_dir: Location, *, on_problem: Callable[[str], None] | None = None,
                 normalize_function: bool = True, relation_api: bool = True):
        if not corpus_exists(out_dir):
            raise CorpusError(f"no corpus at {out_dir}: run `jinzai ingest PATH --out {out_dir}` first")
        self.path = out_dir
        self.con = connect(out_dir, on_problem=on_problem, relation_api=relation_api)
        if normalize_function:  # costs numpy's import (DuckDB's Python functions need it)
            add_normalize_function(self.con)

    @property
    def tables(self) -> list[str]:
        from jinzai.models import TABLES

        return list(TABLES)

    def table(self, name: str, *, all_revisions: bool = False) -> duckdb.DuckDBPyRelation:
        """A table as a DuckDB relation: current revisions, or every revision on request."""
        from jinzai.models import TABLES

        if name not in TABLES:
            raise CorpusError(f"no table {name!r}; tables: {', '.join(TABLES)}")
        if all_revisions or name == "failures":
            return self.con.table(name)
        return self.con.table(f"current_{name}")

    def df(self, name: str, *, all_revisions: bool = False) -> pd.DataFrame:
        """A table as a pandas DataFrame: current revisions, or every revision on request."""
        return self.table(name, all_revisions=all_revisions).df()

    def sql(self, query: str, params: list | None = None) -> duckdb.DuckDBPyRelation:
        """DuckDB SQL over the tables by name and the `current_*` views."""
        return self.con.sql(query, params=params)

    # ------------------------------------------------------------ common questions

    def cities(self) -> pd.DataFrame:
        """The current documents by city: prefecture, municipality code, kind, pages."""
        return self.con.sql(
            "SELECT prefecture, municipality, municipality_code, doc_kind, title, pages, doc_id, revision "
            "FROM current_documents ORDER BY municipality_code NULLS LAST, title").df()

    def role_crosswalk(self) -> pd.DataFrame:
        """Canonical role × city → the names each city's current document gives that role."""
        long = self.con.sql(
            f"SELECT coalesce(r.canonical, '(unknown)') AS canonical, {CITY_OF_DOCUMENT} AS city, "
            "string_agg(DISTINCT r.name, '、' ORDER BY r.name) AS names "
            "FROM current_roles r JOIN current_documents d USING (doc_id) "
            "GROUP BY ALL ORDER BY ALL").df()
        return long.pivot(index="canonical", columns="city", values="names")

    def targets_by_year(self, city: str | None = None) -> pd.DataFrame:
        """Targets per city, role, metric and unit (rows) and fiscal year (columns)."""
        where, params = ("WHERE city = ?", [city]) if city else ("", [])
        long = self.con.execute(
            f"SELECT * FROM (SELECT coalesce(t.municipality, {CITY_OF_DOCUMENT}) AS city, "
            "coalesce(t.role, '') AS role, t.metric, coalesce(t.unit, '') AS unit, t.fiscal_year, t.value "
            "FROM current_targets t JOIN current_documents d USING (doc_id) "
            f"WHERE t.fiscal_year IS NOT NULL) {where}", params).df()
        if city and long.empty:
            raise CorpusError(f"no targets per fiscal year for {city!r}; cities: {', '.join(self._city_names())}")
        return long.pivot_table(index=["city", "role", "metric", "unit"], columns="fiscal_year",
                                values="value", aggfunc="sum")

    def audience_matrix(self, city: str) -> pd.DataFrame:
        """Training × role of one city's current document(s), marked ● ○ △ as documents print them.

        Rows are (training_id, training name): a document may list one name several times
        (one course per row of a catalogue)."""
        docs = self._documents_of(city)
        long = self.con.execute(
            "SELECT a.training_id, t.name AS training, a.role, a.requirement, min(a.page) AS page "
            "FROM current_training_audience a JOIN current_trainings t USING (doc_id, training_id) "
            "WHERE a.doc_id IN (SELECT unnest(?)) GROUP BY ALL ORDER BY page", [docs]).df()
        if long.empty:
            raise CorpusError(f"{city} has no training audience in its current document")
        long["mark"] = long["requirement"].map(REQUIREMENT_MARKS)
        matrix = long.pivot_table(index=["training_id", "training"], columns="role", values="mark", aggfunc="first", sort=False)
        return matrix.fillna("")

    def _documents_of(self, city: str) -> list[str]:
        rows = self.con.execute(
            "SELECT doc_id FROM current_documents WHERE ? IN (municipality, municipality_code, source_id, doc_id)",
            [city]).fetchall()
        if not rows:
            raise CorpusError(f"no current document for {city!r}; cities: {', '.join(self._city_names())}")
        return [doc_id for (doc_id,) in rows]

    def _city_names(self) -> list[str]:
        rows = self.con.sql(f"SELECT DISTINCT {CITY_OF_DOCUMENT} FROM current_documents d ORDER BY 1").fetchall()
        return [name for (name,) in rows]


def open_corpus(path: Location = "data/structured", *, on_problem: Callable[[str], None] | None = None,
                normalize_function: bool = True, relation_api: bool = True) -> Corpus:
    """Open a corpus folder (a local path or an fsspec URL) for reading.

    Its SQL is sandboxed by `query.connect` (no file access beyond the corpus's own tables,
    settings locked); `on_problem` hears of each corpus file skipped as unreadable. For a
    quicker start, `normalize_function=False` leaves out `normalize(text)`, and
    `relation_api=False` the relations (`table`, `sql`, `df` and the questions below need
    them; `con.execute` does not)."""
    return Corpus(path, on_problem=on_problem, normalize_function=normalize_function, relation_api=relation_api)
