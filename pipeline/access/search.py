"""Full-text search over the corpus's text columns (`jinzai search`, the explorer's search box).

The query is folded with the project's own `normalize_text`, as stored text was, and
matched case-insensitively as a substring, so `ＩＴパスポート` finds `ITパスポート`.
Only current revisions are searched.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinzai.models import TABLES
from jinzai.normalizers.text import normalize_text
from jinzai.pipeline.access.answers import Answer
from jinzai.pipeline.access.corpus import CITY_OF_DOCUMENT, Corpus

SEARCHED_COLUMNS: dict[str, tuple[str, ...]] = {
    "roles": ("name", "description"),
    "skills": ("name", "definition"),
    "trainings": ("name", "summary"),
    "targets": ("text_raw",),
    "levels": ("label", "definition"),
    "cases": ("title",),
    "case_sections": ("heading", "text"),
}
"""Where a search looks: the text columns a person reads, per table."""

SNIPPET_CONTEXT = 40
"""Characters shown either side of a match."""


@dataclass(frozen=True)
class Hit:
    table: str
    column: str
    city: str | None
    doc_id: str
    page: int
    bbox: list[float] | None
    """The evidence box on the page (None where a table keeps none, e.g. case_sections)."""
    text: str

    def snippet(self, query: str) -> str:
        at = self.text.lower().find(normalize_text(query).lower())
        start = max(at - SNIPPET_CONTEXT, 0)
        end = at + len(query) + SNIPPET_CONTEXT
        return ("…" if start else "") + self.text[start:end] + ("…" if end < len(self.text) else "")


def _table_query(table: str, column: str) -> str:
    fields = TABLES[table].model_fields
    bbox = "t.bbox" if "bbox" in fields else "NULL::DOUBLE[]"
    city = f"coalesce(t.municipality, {CITY_OF_DOCUMENT})" if "municipality" in fields else CITY_OF_DOCUMENT
    if table == "case_sections":  # a section's body is its case's
        city = (f"coalesce((SELECT c.municipality FROM current_cases c WHERE (c.doc_id, c.kind, c.case_no) = "
                f"(t.doc_id, t.kind, t.case_no) LIMIT 1), {CITY_OF_DOCUMENT})")
    return (f"SELECT '{table}' AS tbl, '{column}' AS col, {city} AS city, t.doc_id, t.page, "
            f"{bbox} AS bbox, t.{column} AS text FROM current_{table} t JOIN current_documents d USING (doc_id) "
            f"WHERE strpos(lower(t.{column}), lower(normalize($q))) > 0")


def search_answer(corpus: Corpus, query: str, *, limit: int) -> Answer:
    """Search hits as rows for `jinzai search` (every output format of `jinzai query`)."""
    hits = search(corpus, query, limit=limit)
    return Answer(["city", "table", "column", "page", "text"],
                  [(h.city, h.table, h.column, h.page, h.snippet(query)) for h in hits])


def search(corpus: Corpus, query: str, *, limit: int = 200) -> list[Hit]:
    """Records whose text contains `query` (normalized), casebook sections included."""
    if not normalize_text(query).strip():
        return []
    union = " UNION ALL ".join(_table_query(t, c) for t, columns in SEARCHED_COLUMNS.items() for c in columns)
    rows = corpus.con.execute(f"SELECT * FROM ({union}) ORDER BY city, doc_id, page LIMIT {int(limit)}",
                              {"q": query}).fetchall()
    return [Hit(*row) for row in rows]
