"""`jinzai report`: one self-contained HTML page about a corpus — coverage, targets per city
and fiscal year as inline-SVG plots, canonical-role coverage across cities, and the
scorecard against answer keys when a gold folder is given (`pipeline/evaluation/`).

No script, stylesheet or image is fetched: the page can be mailed or archived as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinzai.models import TABLES
from jinzai.pipeline.access.charts import coverage_bar
from jinzai.pipeline.access.corpus import CITY_OF_DOCUMENT, Corpus
from jinzai.pipeline.access.pages import CANONICAL_LABELS, CANONICAL_ROLES, targets_chart

TEMPLATES = Path(__file__).with_name("templates")
RECORD_TABLES = tuple(t for t in TABLES if t not in ("documents", "failures"))


@dataclass(frozen=True)
class Coverage:
    cities: int
    documents: int
    revisions: int
    pages: int
    failures: int
    records: dict[str, tuple[int, int]]
    """table → (rows of current revisions, rows of all revisions)"""
    unread: dict[str, tuple[int, int]]
    """block kind (table, list, figure) → (blocks read as nothing, all blocks), current revisions"""


def coverage(corpus: Corpus) -> Coverage:
    con = corpus.con
    cities, documents, pages = con.execute(
        "SELECT count(DISTINCT municipality), count(*), coalesce(sum(pages), 0) FROM current_documents").fetchone()
    revisions = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    failures = con.execute("SELECT count(*) FROM failures").fetchone()[0]
    records = {table: (con.execute(f"SELECT count(*) FROM current_{table}").fetchone()[0],
                       con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in RECORD_TABLES}
    unread = {kind: (unread, total) for kind, unread, total in con.execute(
        "SELECT kind, count(*) FILTER (WHERE read_as = 'none'), count(*) FROM current_blocks "
        "GROUP BY kind ORDER BY kind").fetchall()}
    return Coverage(cities, documents, revisions, pages, failures, records, unread)


def documents_table(corpus: Corpus) -> list[dict[str, Any]]:
    cursor = corpus.con.execute(
        f"SELECT {CITY_OF_DOCUMENT} AS city, d.prefecture, d.municipality_code, d.doc_kind, d.title, d.pages, "
        "d.revision, (SELECT count(*) FROM documents r WHERE r.source_id = d.source_id) AS revisions, "
        "regexp_extract(d.source, '[^/\\\\]+$') AS file FROM current_documents d "
        "ORDER BY d.municipality_code NULLS LAST, d.title")
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def city_charts(corpus: Corpus) -> list[tuple[str, str]]:
    """(city, inline SVG) of targets per fiscal year, for each city that states any."""
    cursor = corpus.con.execute(
        f"SELECT coalesce(t.municipality, {CITY_OF_DOCUMENT}) AS city, t.role, t.metric, t.unit, t.fiscal_year, "
        "t.value FROM current_targets t JOIN current_documents d USING (doc_id) "
        "WHERE t.fiscal_year IS NOT NULL AND t.value IS NOT NULL ORDER BY city")
    by_city: dict[str, list[dict[str, Any]]] = {}
    for city, role, metric, unit, year, value in cursor.fetchall():
        by_city.setdefault(city, []).append({"role": role, "metric": metric, "unit": unit, "fiscal_year": year,
                                             "value": value})
    return [(city, targets_chart(rows, f"{city}: targets per fiscal year")) for city, rows in by_city.items()]


def role_coverage(corpus: Corpus) -> dict[str, Any]:
    """Canonical role × city: the names each city gives it, and how many cities have it."""
    crosswalk = corpus.role_crosswalk()
    cities = list(crosswalk.columns)
    rows = []
    for canonical in [*CANONICAL_ROLES, "(unknown)"]:
        if canonical not in crosswalk.index:
            names = ["" for _ in cities]
        else:
            names = [v if isinstance(v, str) else "" for v in crosswalk.loc[canonical]]
        have = sum(bool(n) for n in names)
        rows.append({"canonical": canonical, "label": CANONICAL_LABELS.get(canonical, "名称が辞書にない"),
                     "names": names, "count": have, "bar": coverage_bar(have, len(cities))})
    return {"cities": cities, "rows": rows}


def scorecard(out_dir: str, gold: Path, pdf_dir: Path | None) -> dict[str, Any]:
    from jinzai.pipeline.evaluation import evaluate

    return evaluate(Path(out_dir), gold, pdf_dir).to_json()


def render_report(corpus: Corpus, *, gold: Path | None = None, pdf_dir: Path | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(
        corpus_path=str(corpus.path),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        coverage=coverage(corpus),
        documents=documents_table(corpus),
        charts=city_charts(corpus),
        roles=role_coverage(corpus),
        score=scorecard(str(corpus.path), gold, pdf_dir) if gold else None,
        gold=str(gold) if gold else None,
    )


def write_report(corpus: Corpus, output: Path, *, gold: Path | None = None, pdf_dir: Path | None = None) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(corpus, gold=gold, pdf_dir=pdf_dir), encoding="utf-8")
    return output
