"""What each explorer page shows, as plain data for its template (current revisions only).

Every record keeps `doc_id`, `page` and `bbox`, so a template can link it to its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from jinzai.pipeline.access.charts import year_chart
from jinzai.pipeline.access.corpus import CITY_OF_DOCUMENT, REQUIREMENT_MARKS, Corpus, CorpusError

CANONICAL_ROLES = ("manager", "supervisor", "specialist", "leader", "promoter", "all_staff", "external")
CANONICAL_LABELS = {"manager": "管理職", "supervisor": "監督職", "specialist": "専門人材", "leader": "リーダー",
                    "promoter": "推進員", "all_staff": "全職員", "external": "外部人材"}


def evidence_url(doc_id: str, page: int, bbox: Any = None, label: str = "") -> str:
    """The explorer's link to a record's page with its evidence box highlighted."""
    query: dict[str, str] = {}
    if bbox is not None and len(bbox) == 4:
        query["bbox"] = ",".join(f"{v:.2f}" for v in bbox)
    if label:
        query["label"] = label[:200]
    return f"/evidence/{doc_id}/{page}" + (f"?{urlencode(query)}" if query else "")


def _rows(corpus: Corpus, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cursor = corpus.con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# ------------------------------------------------------------------ home, prefecture, role


def home(corpus: Corpus) -> dict[str, Any]:
    documents = _rows(corpus, f"SELECT doc_id, {CITY_OF_DOCUMENT} AS city, prefecture, municipality_code, doc_kind, "
                              "title, pages FROM current_documents d ORDER BY municipality_code NULLS LAST, title")
    prefectures: dict[str, list[dict[str, Any]]] = {}
    for doc in documents:
        if doc["prefecture"]:
            prefectures.setdefault(doc["prefecture"], []).append(doc)
    coverage = dict(corpus.con.execute(
        "SELECT canonical, count(DISTINCT doc_id) FROM current_roles WHERE canonical IS NOT NULL GROUP BY 1"
    ).fetchall())
    case_prefectures = corpus.con.execute(
        "SELECT prefecture, count(*) FROM current_cases GROUP BY 1 ORDER BY min(municipality_code)").fetchall()
    return {"prefectures": prefectures, "others": [d for d in documents if not d["prefecture"]],
            "case_prefectures": case_prefectures,
            "documents": documents,
            "roles": [(r, CANONICAL_LABELS[r], coverage.get(r, 0)) for r in CANONICAL_ROLES]}


def prefecture(corpus: Corpus, name: str) -> dict[str, Any]:
    documents = _rows(corpus, f"SELECT doc_id, {CITY_OF_DOCUMENT} AS city, municipality_code, doc_kind, title, pages "
                              "FROM current_documents d WHERE prefecture = ? ORDER BY municipality_code", [name])
    cases = _rows(corpus, "SELECT doc_id, page, bbox, kind, case_no, municipality, title FROM current_cases "
                          "WHERE prefecture = ? ORDER BY municipality, case_no", [name])
    if not documents and not cases:
        raise CorpusError(f"nothing from {name} in this corpus")
    return {"name": name, "documents": documents, "cases": cases}


def canonical_role(corpus: Corpus, canonical: str) -> dict[str, Any]:
    if canonical not in CANONICAL_ROLES:
        raise CorpusError(f"no canonical role {canonical!r}; roles: {', '.join(CANONICAL_ROLES)}")
    roles = _rows(corpus, f"SELECT {CITY_OF_DOCUMENT} AS city, d.prefecture, r.doc_id, r.page, r.bbox, r.name, "
                          "r.description, r.target_group FROM current_roles r JOIN current_documents d USING (doc_id) "
                          "WHERE r.canonical = ? ORDER BY d.municipality_code NULLS LAST, r.page", [canonical])
    return {"canonical": canonical, "label": CANONICAL_LABELS[canonical], "roles": roles}


# ------------------------------------------------------------------ one document, and several side by side


@dataclass
class Matrix:
    """Trainings × roles of one document with ● ○ △ marks."""

    roles: list[str] = field(default_factory=list)
    trainings: list[dict[str, Any]] = field(default_factory=list)  # each with `marks`: {role: mark}


def audience_matrix(corpus: Corpus, doc_id: str) -> Matrix:
    trainings = _rows(corpus, "SELECT doc_id, training_id, name, organizer, format, page, bbox FROM current_trainings "
                              "WHERE doc_id = ? ORDER BY page, training_id", [doc_id])
    audience = _rows(corpus, "SELECT training_id, role, requirement FROM current_training_audience "
                             "WHERE doc_id = ?", [doc_id])
    matrix = Matrix()
    by_training: dict[str, dict[str, str]] = {}
    for row in audience:
        if row["role"] not in matrix.roles:
            matrix.roles.append(row["role"])
        by_training.setdefault(row["training_id"], {})[row["role"]] = REQUIREMENT_MARKS[row["requirement"]]
    for training in trainings:
        training["marks"] = by_training.get(training["training_id"], {})
        matrix.trainings.append(training)
    return matrix


def targets_chart(targets: list[dict[str, Any]], title: str) -> str:
    series: dict[str, dict[int, float]] = {}
    for t in targets:
        if t["fiscal_year"] is not None and t["value"] is not None:
            label = " ".join(filter(None, (t["role"], t["metric"], f"({t['unit']})" if t["unit"] else None)))
            points = series.setdefault(label, {})
            points[t["fiscal_year"]] = points.get(t["fiscal_year"], 0) + t["value"]
    return year_chart(series, title=title)


def document_header(corpus: Corpus, doc_id: str, *, current: bool = True) -> dict[str, Any]:
    """A document's row with its `city`; any revision when not `current`."""
    table = "current_documents" if current else "documents"
    docs = _rows(corpus, f"SELECT *, {CITY_OF_DOCUMENT} AS city FROM {table} d WHERE doc_id = ?", [doc_id])
    if not docs:
        raise CorpusError(f"no {'current ' if current else ''}document {doc_id!r}")
    return docs[0]


def document(corpus: Corpus, doc_id: str) -> dict[str, Any]:
    doc = document_header(corpus, doc_id)

    def records(table: str, order: str = "page") -> list[dict[str, Any]]:
        return _rows(corpus, f"SELECT * FROM current_{table} WHERE doc_id = ? ORDER BY {order}", [doc_id])

    targets = records("targets", "fiscal_year NULLS FIRST, page")
    return {
        "doc": doc,
        "roles": records("roles"),
        "skills": records("skills", "role, page"),
        "matrix": audience_matrix(corpus, doc_id),
        "targets": targets,
        "chart": targets_chart(targets, f"{doc['city']}: targets per fiscal year"),
        "levels": records("levels", "role, rank"),
        "cases": records("cases", "kind, case_no"),
        "warnings": records("warnings"),
    }


def compare(corpus: Corpus, doc_ids: list[str]) -> dict[str, Any]:
    documents = [document(corpus, doc_id) for doc_id in doc_ids]
    canonical_rows = []
    for canonical in CANONICAL_ROLES:
        names = [[r for r in d["roles"] if r["canonical"] == canonical] for d in documents]
        if any(names):
            canonical_rows.append((canonical, CANONICAL_LABELS[canonical], names))
    return {"documents": documents, "canonical_rows": canonical_rows}
