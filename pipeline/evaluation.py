"""Scoring the corpus against hand-made answer keys (../shared/corpus/GOLD.md).

An analyst who annotates a new city's document writes ``<stem>.json`` as GOLD.md
says and measures the extractors on it with ``jinzai eval --gold DIR``. The
figures are those of the independent ``../shared/tools/evaluate.py``:

- records are matched one to one within a document, per table, on a key
  (roles by name or alias, skills by role, targets by role/fiscal year/unit,
  levels by role/rank, cases by kind/number) and a similarity rule; the
  matching is maximal (best pairs first, then augmenting paths);
- training_audience is scored over the matched trainings only;
- field accuracy is measured on matched records, documents by field only;
- F1 = 2*matched / (gold + output), micro-F1 over the matched tables;
- provenance is the share of output records whose name is printed on the page
  they cite (PyMuPDF page texts; a match may run over one page break).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import logging
import math
import re
import string
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

log = logging.getLogger(__name__)

Row = dict[str, Any]

# Tables scored by matching records, in report order; "documents" is scored by field only.
MATCHED_TABLES = ("roles", "skills", "trainings", "training_audience", "targets", "levels", "cases")
ALL_TABLES = (*MATCHED_TABLES, "documents")
OUTPUT_TABLES = ("documents", "roles", "skills", "trainings", "training_audience",
                 "targets", "levels", "cases")
# Tables whose rows carry doc_id and page: scored per document, checked for provenance.
RECORD_TABLES = ("roles", "skills", "trainings", "targets", "levels", "cases")

SIMILARITY = 0.85        # names, training names, case titles
CONTAINED_SHARE = 0.80   # "one contains the other" when the shorter is >= 80% of the longer
KEYWORD_JACCARD = 0.80
INFORMATIONAL_FIELDS = frozenset({"targets.metric"})  # reported, not in the overall accuracy
SHOWN_RECORDS = 10       # misses listed per table in the verbose report


class EvaluationError(Exception):
    """The output or gold directory cannot be read."""


# ---------------------------------------------------------------- normalization

# Leading bullets and enumerators: ・•⚫▶●✓ ①-⑳ "(1)" "1." "1)" "-".
LEADING_MARKS = re.compile(r"^(?:[・•⚫▶●✓\-\u2460-\u2473]|\(\d{1,2}\)|\d{1,2}[.)](?!\d))+")
# Whitespace (full-width included), zero-width characters, variation selectors.
WHITESPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f]+")
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# A trailing parenthetical note: "プロジェクトマネジメント(管理監督職の管理とは異なる)".
TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def norm(value: object) -> str:
    """Text as compared: NFKC, no whitespace, no leading bullets, ASCII lower-cased."""
    return "" if value is None else _norm_text(str(value))


@functools.lru_cache(maxsize=1 << 20)  # matching normalizes the same names many times
def _norm_text(text: str) -> str:
    text = LEADING_MARKS.sub("", WHITESPACE.sub("", text))  # before NFKC, which turns ① into 1
    text = unicodedata.normalize("NFKC", text)
    text = LEADING_MARKS.sub("", WHITESPACE.sub("", text))  # after NFKC: （１） → (1)
    return text.translate(ASCII_LOWER)


def norm_or_none(value: object) -> str | None:
    """norm(), with empty text read as null."""
    return norm(value) or None


def norm_unit(value: object) -> str | None:
    unit = norm_or_none(value)
    return "人" if unit == "名" else unit  # ％ is already % after NFKC


def as_number(value: object) -> float | None:
    """A float, or None for null, NaN and text that is no number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = WHITESPACE.sub("", unicodedata.normalize("NFKC", value)).replace(",", "")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def as_int(value: object) -> int | str | None:
    """An int where the value is a whole number, else the normalized text (or None)."""
    number = as_number(value)
    if number is not None and number.is_integer():
        return int(number)
    return norm_or_none(value)


def same_value(gold: object, out: object) -> bool:
    """Target values: numbers equal within 1e-9; null (a placeholder) equals null."""
    a, b = as_number(gold), as_number(out)
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def without_note(name: str) -> str:
    return TRAILING_NOTE.sub("", name)


@functools.lru_cache(maxsize=1 << 16)
def name_similarity(gold: str, out: str) -> float | None:
    """How alike two normalized names are, or None when they do not match.

    The SequenceMatcher ratio when it is at least 0.85; else 0.85 when one
    contains the other and the shorter is at least 80% as long, or when they
    are equal once one drops a trailing parenthetical note.
    """
    if not gold or not out:
        return None
    if 2 * min(len(gold), len(out)) / (len(gold) + len(out)) >= SIMILARITY:  # ratio's upper bound
        matcher = difflib.SequenceMatcher(None, gold, out, autojunk=False)
        if matcher.quick_ratio() >= SIMILARITY and (ratio := matcher.ratio()) >= SIMILARITY:
            return ratio
    shorter, longer = sorted((gold, out), key=len)
    if shorter in longer and len(shorter) >= CONTAINED_SHARE * len(longer):
        return SIMILARITY
    if without_note(gold) == out or without_note(out) == gold:
        return SIMILARITY
    return None


def keyword_set(value: object) -> set[str]:
    if value is None:
        return set()
    items = [value] if isinstance(value, str) else value
    return {norm(k) for k in items if norm(k)}  # type: ignore[union-attr]


# ---------------------------------------------------------------- field comparisons

def same_text(gold: object, out: object) -> bool:
    return norm_or_none(gold) == norm_or_none(out)


def same_int(gold: object, out: object) -> bool:
    return as_int(gold) == as_int(out)


def similar_text(gold: object, out: object) -> bool:
    g, o = norm(gold), norm(out)
    return g == o or name_similarity(g, o) is not None


def similar_keywords(gold: object, out: object) -> bool:
    """Keyword lists whose Jaccard similarity is at least 0.8 (two empty lists agree)."""
    g, o = keyword_set(gold), keyword_set(out)
    union = g | o
    return not union or len(g & o) / len(union) >= KEYWORD_JACCARD


def similar_case_title(case: Row, out: object) -> bool:
    """A case title matches the casebook list's title or the case slide's heading (title_alt)."""
    return any(similar_text(t, out) for t in (case.get("title"), case.get("title_alt")) if t)


def same_document_field(gold: object, out: object) -> bool:
    """documents: equal after normalization, whole numbers as ints."""
    if isinstance(gold, int) and not isinstance(gold, bool):
        return as_int(gold) == as_int(out)
    return same_text(gold, out)


@dataclass(frozen=True)
class FieldCheck:
    """A field compared on matched records; `compare` gets (gold record, output value)."""

    name: str
    compare: Callable[[Row, object], bool]


def _value_check(name: str, compare: Callable[[object, object], bool]) -> FieldCheck:
    """A check comparing the gold record's value of `name` with the output's."""
    return FieldCheck(name, lambda gold_record, out_value: compare(gold_record.get(name), out_value))


FIELD_CHECKS: dict[str, tuple[FieldCheck, ...]] = {
    "roles": (_value_check("canonical", same_text),),
    "trainings": (_value_check("organizer", same_text), _value_check("category", same_text),
                  _value_check("format", same_text)),
    "targets": (_value_check("metric", same_text),),
    "cases": (_value_check("municipality", same_text), _value_check("prefecture", same_text),
              _value_check("population", same_int), FieldCheck("title", similar_case_title),
              _value_check("keywords", similar_keywords)),
}


# ---------------------------------------------------------------- reading the output

def table_files(out_dir: Path, table: str) -> list[Path] | None:
    """Parquet files of a table, DIR/<table>.parquet or DIR/<table>/**/*.parquet; None if absent.

    Files and folders whose names start with "." or "_" (temporary or marker
    files of an unfinished write) are skipped.
    """
    single = out_dir / f"{table}.parquet"
    if single.is_file():
        return [single]
    folder = out_dir / table
    if not folder.is_dir():
        return None
    return sorted(p for p in folder.rglob("*.parquet")
                  if p.is_file() and not any(part.startswith((".", "_"))
                                             for part in p.relative_to(folder).parts))


def read_table(out_dir: Path, table: str) -> list[Row] | None:
    """Rows of an output table, or None when the table is missing."""
    files = table_files(out_dir, table)
    if files is None:
        return None
    if not files:
        return []
    paths = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    query = (f"SELECT * FROM read_parquet([{paths}], hive_partitioning=true, "
             "union_by_name=true, hive_types_autocast=false)")
    try:
        return duckdb.connect().sql(query).to_arrow_table().to_pylist()
    except duckdb.Error as e:
        raise EvaluationError(f"cannot read table {table} in {out_dir}: {e}") from e


@dataclass
class Output:
    """The output tables (a missing one as empty) and the names of the missing ones."""

    tables: dict[str, list[Row]]
    missing: list[str]


def load_output(out_dir: Path) -> Output:
    if not out_dir.is_dir():
        raise EvaluationError(f"output directory {out_dir} does not exist or is not a directory")
    tables: dict[str, list[Row]] = {}
    missing: list[str] = []
    for table in OUTPUT_TABLES:
        rows = read_table(out_dir, table)
        if rows is None:
            missing.append(table)
        tables[table] = rows or []
    for rows in tables.values():  # ids compare as text: hive partition values and ints alike
        for row in rows:
            for key in ("doc_id", "training_id"):
                if row.get(key) is not None:
                    row[key] = str(row[key])
    return Output(tables, missing)


# ---------------------------------------------------------------- reading the gold

def load_gold(gold_dir: Path) -> tuple[dict[str, Row], list[str]]:
    """{stem: answer key} for every readable DIR/*.json, and why the others were skipped."""
    if not gold_dir.is_dir():
        raise EvaluationError(f"gold directory {gold_dir} does not exist or is not a directory")
    gold: dict[str, Row] = {}
    skipped: list[str] = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as e:
            skipped.append(f"{path.name}: {e}")
            continue
        gold[unicodedata.normalize("NFC", path.stem)] = _clean_gold(data, path.name)
    return gold, skipped


def _clean_gold(data: Row, name: str) -> Row:
    """Tolerate an answer key still being written: absent lists as [], odd entries dropped."""
    for table in RECORD_TABLES:
        data[table] = [r for r in (data.get(table) or []) if isinstance(r, dict)]
    if not isinstance(data.get("document"), dict):
        data["document"] = {}
    for role in data["roles"]:
        if isinstance(role.get("aliases"), str):
            role["aliases"] = [role["aliases"]]
    for training in data["trainings"]:
        if not isinstance(training.get("audience") or {}, dict):
            log.warning("%s: audience of %s is not an object; ignored", name, training.get("name"))
            training["audience"] = {}
    return data


# ---------------------------------------------------------------- PDFs

@dataclass(frozen=True)
class PageText:
    """A page's normalized text, whole and without page-number lines at its ends."""

    whole: str
    body: str


# A line that is only a page number: "3", "- 3 -", "3 / 9".
PAGE_NUMBER_LINE = re.compile(r"\s*[-－‐–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-－‐–—]?\s*")


def page_body(text: str) -> str:
    """Page text without page-number lines at its start and end, for joining pages."""
    lines = text.splitlines()
    while lines and (not lines[0].strip() or PAGE_NUMBER_LINE.fullmatch(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1].strip() or PAGE_NUMBER_LINE.fullmatch(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def _file_key(path: Path) -> tuple[str, int, int] | None:
    """(path, mtime, size): a cache key that changes when the file does."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size) if path.is_file() else None


def pdf_pages(path: Path) -> tuple[PageText, ...] | None:
    """Normalized page texts of a PDF; None when it is missing or unreadable."""
    key = _file_key(path)
    return None if key is None else _read_pages(*key)


@functools.lru_cache(maxsize=32)
def _read_pages(path: str, mtime_ns: int, size: int) -> tuple[PageText, ...] | None:
    import pymupdf  # only needed for provenance

    try:
        with pymupdf.open(path) as doc:
            texts = [page.get_text() for page in doc]
    except Exception as e:  # noqa: BLE001 - any unreadable PDF only costs its provenance
        log.warning("cannot read %s: %s", path, e)
        return None
    return tuple(PageText(norm(text), norm(page_body(text))) for text in texts)


def file_sha256(path: Path) -> str | None:
    key = _file_key(path)
    return None if key is None else _sha256(*key)


@functools.lru_cache(maxsize=64)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def found_on_page(text: str, pages: Sequence[PageText], page: object) -> bool:
    """Whether text is printed on the 1-based page, or starts there and runs over
    the page break into the next page (page numbers at the break ignored)."""
    number = as_int(page)
    if not text or not isinstance(number, int) or not 1 <= number <= len(pages):
        return False
    if text in pages[number - 1].whole:
        return True
    if number == len(pages):
        return False
    # only the next page's first len(text)-1 characters, so that a match starts on this page
    return text in pages[number - 1].body + pages[number].body[:len(text) - 1]


PROVENANCE_FIELD = {"roles": "name", "skills": "name", "trainings": "name",
                    "targets": "text_raw", "levels": "label", "cases": "municipality"}


def provenance_text(table: str, record: Row) -> str:
    """The normalized text of an output record that must be printed on its page."""
    text = norm(record.get(PROVENANCE_FIELD[table]))
    return text[:20] if table == "targets" else text


# ---------------------------------------------------------------- choosing documents

def source_stem(source: object) -> str:
    """The file-name stem of documents.source, a path or a URL."""
    if not source:
        return ""
    source = str(source)
    if "://" in source:
        source = urllib.parse.unquote(urllib.parse.urlsplit(source).path)
    name = re.split(r"[/\\]", source)[-1]
    return unicodedata.normalize("NFC", Path(name).stem)


def _is_true(value: object) -> bool:
    return value is True or str(value).lower() == "true"


def local_pdf(stem: str, docs: Iterable[Row], pdf_dir: Path | None) -> Path | None:
    """The PDF a gold file describes: PDIR/<stem>.pdf, or else the file a document was read from."""
    if pdf_dir is not None:
        return pdf_dir / f"{stem}.pdf"
    for doc in docs:
        source = str(doc.get("source") or "")
        if source and "://" not in source and Path(source).is_file():
            return Path(source)
    return None


def current_documents(docs: list[Row], pdf: Path | None) -> list[Row]:
    """Of several output documents for one gold file, the current revision.

    documents.is_current where the column is filled, else those whose sha256 is
    the PDF's; when neither singles any out, all of them (scored together).
    """
    if len(docs) <= 1:
        return docs
    if any(d.get("is_current") is not None for d in docs):
        current = [d for d in docs if _is_true(d.get("is_current"))]
        if current:
            return current
    sha = file_sha256(pdf) if pdf is not None else None
    same_bytes = [d for d in docs if sha and d.get("sha256") == sha]
    if same_bytes:
        return same_bytes
    log.warning("%d output documents for one gold file; their records are scored together",
                len(docs))
    return docs


# ---------------------------------------------------------------- matching

class RoleKeys:
    """A role as written → its comparison key: the gold role's normalized name when it is
    that role's name or one of its aliases, else its own normalized text (None if empty)."""

    def __init__(self, gold_roles: Iterable[Row]):
        self._lookup: dict[str, str] = {}
        for role in gold_roles:
            main = norm(role.get("name"))
            for name in (role.get("name"), *(role.get("aliases") or [])):
                self._lookup.setdefault(norm(name), main)

    def key(self, name: object) -> str | None:
        n = norm(name)
        return self._lookup.get(n, n) if n else None


Score = Callable[[Row, Row], float | None]


@dataclass(frozen=True)
class MatchRule:
    """Gold and output records may match when their keys are equal and score is not None;
    a higher score is a better pair."""

    key: Callable[[Row], Hashable]
    score: Score


def match_records(gold: Sequence[Row], out: Sequence[Row], rule: MatchRule) -> list[tuple[int, int]]:
    """A maximal one-to-one matching: [(gold index, output index)], sorted.

    Pairs are taken greedily, best score first (ties: lower gold, then output
    index); augmenting paths (Kuhn) then add every match a greedy choice cost.
    """
    out_by_key: dict[Hashable, list[int]] = defaultdict(list)
    for oi, o in enumerate(out):
        out_by_key[rule.key(o)].append(oi)

    candidates: list[list[int]] = []  # per gold record: acceptable output indices, best first
    edges: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        scored = [(s, oi) for oi in out_by_key.get(rule.key(g), [])
                  if (s := rule.score(g, out[oi])) is not None]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        candidates.append([oi for _, oi in scored])
        edges.extend((s, gi, oi) for s, oi in scored)

    owner: dict[int, int] = {}  # output index → gold index
    matched: set[int] = set()
    for _, gi, oi in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        if gi not in matched and oi not in owner:
            owner[oi] = gi
            matched.add(gi)
    for gi in range(len(gold)):
        if gi not in matched:
            _augment(gi, candidates, owner)
    return sorted((gi, oi) for oi, gi in owner.items())


def _augment(start: int, candidates: list[list[int]], owner: dict[int, int]) -> bool:
    """Kuhn's augmenting-path search from an unmatched gold record (depth first, iterative)."""
    seen: set[int] = set()
    stack = [(start, iter(candidates[start]))]
    path: list[int] = []  # path[k]: the output record taken at stack level k
    while stack:
        _, options = stack[-1]
        for oi in options:
            if oi in seen:
                continue
            seen.add(oi)
            path.append(oi)
            if oi not in owner:
                for (gi, _), taken in zip(stack, path):
                    owner[taken] = gi
                return True
            stack.append((owner[oi], iter(candidates[owner[oi]])))
            break
        else:
            stack.pop()
            if path:
                path.pop()
    return False


def match_rules(roles: RoleKeys) -> dict[str, MatchRule]:
    """Per matched table, the key and similarity rule of GOLD.md's scoring."""

    def role_score(g: Row, o: Row) -> float | None:
        name = norm(o.get("name"))
        if not name:
            return None
        if name == norm(g.get("name")):
            return 1.0
        if name in {norm(a) for a in g.get("aliases") or []}:
            return 0.9
        return None

    def name_score(g: Row, o: Row) -> float | None:
        return name_similarity(norm(g.get("name")), norm(o.get("name")))

    def training_score(g: Row, o: Row) -> float | None:
        needle = norm(g.get("summary_contains"))  # tells apart trainings sharing a name
        if needle and needle not in norm(o.get("summary")) and needle not in norm(o.get("name")):
            return None
        return name_score(g, o)

    def target_score(g: Row, o: Row) -> float | None:
        if not same_value(g.get("value"), o.get("value")):
            return None
        return 1.5 if norm(g.get("metric")) == norm(o.get("metric")) else 1.0

    def level_score(g: Row, o: Row) -> float:
        return 1.5 if norm(g.get("label")) == norm(o.get("label")) else 1.0

    return {
        "roles": MatchRule(lambda r: roles.key(r.get("name")), role_score),
        "skills": MatchRule(lambda r: roles.key(r.get("role")), name_score),
        "trainings": MatchRule(lambda r: None, training_score),
        "targets": MatchRule(lambda r: (roles.key(r.get("role")), as_int(r.get("fiscal_year")),
                                        norm_unit(r.get("unit"))), target_score),
        "levels": MatchRule(lambda r: (roles.key(r.get("role")), as_int(r.get("rank"))),
                            level_score),
        "cases": MatchRule(lambda r: (norm(r.get("kind")), as_int(r.get("case_no"))),
                           lambda g, o: 1.0),
    }


def describe(table: str, r: Row) -> str:
    """A short, readable form of a gold or output record."""
    match table:
        case "roles":
            return str(r.get("name"))
        case "skills":
            return f"{r.get('role')} / {r.get('name')}"
        case "trainings":
            extra = f" [{r['summary_contains']}]" if r.get("summary_contains") else ""
            return f"{r.get('name')}{extra}"
        case "targets":
            value = as_number(r.get("value"))
            shown = "null" if value is None else f"{value:g}"
            return (f"{r.get('role')} FY{r.get('fiscal_year')} {shown}{r.get('unit') or ''}"
                    f" ({r.get('metric')})")
        case "levels":
            return f"{r.get('role')} rank {r.get('rank')} {r.get('label')}"
        case "cases":
            return f"{r.get('kind')} #{r.get('case_no')} {r.get('municipality')} {r.get('title')}"
    return str(r)


# ---------------------------------------------------------------- report

def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class TableScore:
    """Matched records of one table; P, R, F1 are None where there is nothing to divide by."""

    gold: int = 0
    output: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.output)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.matched, self.gold + self.output)

    def add(self, other: TableScore) -> None:
        self.gold += other.gold
        self.output += other.output
        self.matched += other.matched

    def figures(self) -> dict[str, Any]:
        return {"gold": self.gold, "output": self.output, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclass
class ProvenanceScore:
    found: int = 0
    checked: int = 0

    @property
    def share(self) -> float | None:
        return _ratio(self.found, self.checked)


@dataclass
class DocumentScore:
    """Everything measured for one gold file."""

    stem: str
    doc_ids: list[str]
    tables: dict[str, TableScore] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    wrong_fields: list[str] = field(default_factory=list)
    provenance: dict[str, ProvenanceScore] = field(default_factory=dict)
    not_on_page: list[str] = field(default_factory=list)
    pdf_missing: bool = False

    def check_field(self, name: str, where: str, gold: object, out: object, ok: bool) -> None:
        score = self.fields.setdefault(name, FieldScore())
        score.correct += int(ok)
        score.total += 1
        if not ok:
            self.wrong_fields.append(f"{name} [{where}]: gold {gold!r}, output {out!r}")

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_ids": self.doc_ids,
            "tables": {t: {**s.figures(), "missed": s.missed, "unmatched": s.unmatched}
                       for t, s in self.tables.items()},
            "fields": {n: {"correct": f.correct, "total": f.total} for n, f in self.fields.items()},
            "wrong_fields": self.wrong_fields,
            "provenance": {t: {"found": p.found, "checked": p.checked}
                           for t, p in self.provenance.items()},
            "not_on_page": self.not_on_page,
        }


@dataclass
class EvaluationReport:
    """Corpus-wide figures, summed over the gold files' DocumentScores."""

    out_dir: Path
    gold_dir: Path
    documents: dict[str, DocumentScore] = field(repr=False)
    missing_tables: list[str] = field(default_factory=list)
    skipped_gold: list[str] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, TableScore]:
        totals = {table: TableScore() for table in MATCHED_TABLES}
        for doc in self.documents.values():
            for table, score in doc.tables.items():
                totals[table].add(score)
        return totals

    @property
    def micro(self) -> TableScore:
        total = TableScore()
        for score in self.tables.values():
            total.add(score)
        return total

    @property
    def micro_f1(self) -> float | None:
        return self.micro.f1

    @property
    def fields(self) -> dict[str, FieldScore]:
        """Field accuracies in table order."""
        totals: dict[str, FieldScore] = {}
        for doc in self.documents.values():
            for name, score in doc.fields.items():
                total = totals.setdefault(name, FieldScore())
                total.correct += score.correct
                total.total += score.total
        return dict(sorted(totals.items(), key=lambda kv: ALL_TABLES.index(kv[0].split(".")[0])))

    @property
    def field_accuracy_overall(self) -> float | None:
        scored = [f for name, f in self.fields.items() if name not in INFORMATIONAL_FIELDS]
        return _ratio(sum(f.correct for f in scored), sum(f.total for f in scored))

    @property
    def provenance(self) -> dict[str, ProvenanceScore]:
        """Per record table, output records found on the page they cite."""
        totals = {table: ProvenanceScore() for table in RECORD_TABLES}
        for doc in self.documents.values():
            for table, score in doc.provenance.items():
                totals[table].found += score.found
                totals[table].checked += score.checked
        return totals

    @property
    def provenance_overall(self) -> ProvenanceScore:
        per_table = self.provenance.values()
        return ProvenanceScore(sum(p.found for p in per_table), sum(p.checked for p in per_table))

    @property
    def without_output(self) -> list[str]:
        return [stem for stem, doc in self.documents.items() if not doc.doc_ids]

    @property
    def missing_pdfs(self) -> list[str]:
        return [stem for stem, doc in self.documents.items() if doc.pdf_missing]

    def to_json(self) -> dict[str, Any]:
        """All figures, in the shape of evaluate.py's --json report."""
        fields = {name: {"correct": f.correct, "total": f.total, "accuracy": f.accuracy,
                         "informational": name in INFORMATIONAL_FIELDS}
                  for name, f in self.fields.items()}
        overall = self.provenance_overall
        return {
            "micro_f1": self.micro_f1,
            "out_dir": str(self.out_dir),
            "gold": {"dir": str(self.gold_dir), "files": len(self.documents),
                     "skipped": self.skipped_gold, "without_output": self.without_output},
            "missing_tables": self.missing_tables,
            "tables_scored": list(ALL_TABLES),
            "summary": {
                "tables": {t: s.figures() for t, s in self.tables.items()},
                "micro": self.micro.figures(),
                "fields": fields,
                "field_accuracy_overall": self.field_accuracy_overall,
                "provenance": {
                    "found": overall.found, "checked": overall.checked, "share": overall.share,
                    "tables": {t: {"found": p.found, "checked": p.checked, "share": p.share}
                               for t, p in self.provenance.items()},
                    "missing_pdfs": self.missing_pdfs},
            },
            "documents": {stem: doc.to_json() for stem, doc in self.documents.items()},
        }


# ---------------------------------------------------------------- scoring one gold file

def score_audience(pairs: list[tuple[int, int]], gold_trainings: Sequence[Row],
                   out_trainings: Sequence[Row], audience: Iterable[Row],
                   roles: RoleKeys) -> TableScore:
    """training_audience: the (role, requirement) pairs of each matched training."""
    rows_by_training: dict[object, list[Row]] = defaultdict(list)
    for row in audience:
        rows_by_training[row.get("training_id")].append(row)
    score = TableScore()
    for gi, oi in pairs:
        g, o = gold_trainings[gi], out_trainings[oi]
        g_set = {(roles.key(role), norm(req)) for role, req in (g.get("audience") or {}).items()}
        o_rows = rows_by_training[o["training_id"]] if o.get("training_id") else []
        o_set = {(roles.key(r.get("role")), norm(r.get("requirement"))) for r in o_rows}
        score.gold += len(g_set)
        score.output += len(o_set)
        score.matched += len(g_set & o_set)
        score.missed += [f"{g.get('name')}: {role}={req}" for role, req in sorted(g_set - o_set, key=str)]
        score.unmatched += [f"{o.get('name')}: {role}={req}"
                            for role, req in sorted(o_set - g_set, key=str)]
    return score


def _score_table(result: DocumentScore, table: str, gold: list[Row], out: list[Row],
                 rule: MatchRule) -> list[tuple[int, int]]:
    pairs = match_records(gold, out, rule)
    hit_gold = {gi for gi, _ in pairs}
    hit_out = {oi for _, oi in pairs}
    result.tables[table] = TableScore(
        gold=len(gold), output=len(out), matched=len(pairs),
        missed=[describe(table, g) for i, g in enumerate(gold) if i not in hit_gold],
        unmatched=[describe(table, o) for i, o in enumerate(out) if i not in hit_out])
    for gi, oi in pairs:
        for check in FIELD_CHECKS.get(table, ()):
            g, o = gold[gi], out[oi]
            result.check_field(f"{table}.{check.name}", describe(table, g), g.get(check.name),
                               o.get(check.name), check.compare(g, o.get(check.name)))
    return pairs


def _score_provenance(result: DocumentScore, records: dict[str, list[Row]],
                      pages: Sequence[PageText]) -> None:
    for table in RECORD_TABLES:
        cited = [r for r in records[table] if r.get("page") is not None]
        missing = [f"{table} p.{r['page']}: {describe(table, r)}" for r in cited
                   if not found_on_page(provenance_text(table, r), pages, r["page"])]
        result.provenance[table] = ProvenanceScore(len(cited) - len(missing), len(cited))
        result.not_on_page += missing


def score_document(stem: str, gold: Row, output: Output, pdf_dir: Path | None) -> DocumentScore:
    """Counts, misses, field checks and provenance for one gold file."""
    candidates = [d for d in output.tables["documents"] if source_stem(d.get("source")) == stem]
    pdf = local_pdf(stem, candidates, pdf_dir)
    docs = current_documents(candidates, pdf)
    doc_ids = {d.get("doc_id") for d in docs} - {None}
    records = {table: [r for r in output.tables[table] if r.get("doc_id") in doc_ids]
               for table in RECORD_TABLES}
    roles = RoleKeys(gold["roles"])
    result = DocumentScore(stem, sorted(doc_ids))

    pairs_by_table = {table: _score_table(result, table, gold[table], records[table], rule)
                      for table, rule in match_rules(roles).items()}
    result.tables["training_audience"] = score_audience(
        pairs_by_table["trainings"], gold["trainings"], records["trainings"],
        output.tables["training_audience"], roles)
    result.tables = {table: result.tables[table] for table in MATCHED_TABLES}  # report order

    for doc in docs:
        for name, value in gold["document"].items():
            result.check_field(f"documents.{name}", str(doc.get("doc_id")), value, doc.get(name),
                               same_document_field(value, doc.get(name)))

    if any(records.values()):
        pages = pdf_pages(pdf) if pdf is not None else None
        result.pdf_missing = pages is None
        if pages is not None:
            _score_provenance(result, records, pages)
    return result


def evaluate(out_dir: Path, gold_dir: Path, pdf_dir: Path | None = None) -> EvaluationReport:
    """Score the corpus in out_dir against the answer keys gold_dir/<stem>.json.

    Provenance reads pdf_dir/<stem>.pdf, or without pdf_dir the file each
    document was read from (documents.source). Raises EvaluationError when a
    directory cannot be read or holds no answer key.
    """
    out_dir, gold_dir = Path(out_dir), Path(gold_dir)
    gold, skipped = load_gold(gold_dir)
    if not gold:
        raise EvaluationError(f"no readable answer keys (*.json) in {gold_dir}")
    if pdf_dir is not None and not Path(pdf_dir).is_dir():
        raise EvaluationError(f"PDF directory {pdf_dir} does not exist")
    output = load_output(out_dir)
    documents = {stem: score_document(stem, key, output, Path(pdf_dir) if pdf_dir else None)
                 for stem, key in gold.items()}
    return EvaluationReport(out_dir, gold_dir, documents, output.missing, skipped)


# ---------------------------------------------------------------- printing

def _fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:.3f}"


def _table_rows(rows: dict[str, TableScore], first: str = "table") -> list[str]:
    lines = [f"{first:<20} {'gold':>6} {'output':>6} {'matched':>7} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{name:<20} {t.gold:>6} {t.output:>6} {t.matched:>7} "
              f"{_fmt(t.precision):>6} {_fmt(t.recall):>6} {_fmt(t.f1):>6}"
              for name, t in rows.items()]
    return lines


def _listing(label: str, items: list[str]) -> list[str]:
    more = f" (first {SHOWN_RECORDS})" if len(items) > SHOWN_RECORDS else ""
    return [f"  {label}: {len(items)}{more}"] + [f"    - {item}" for item in items[:SHOWN_RECORDS]]


def _document_lines(doc: DocumentScore) -> list[str]:
    lines = [f"== {doc.stem} ({', '.join(doc.doc_ids) or 'no matching output document'})"]
    lines += _table_rows({name: t for name, t in doc.tables.items() if t.gold or t.output})
    for table, t in doc.tables.items():
        for label, items in (("missed", t.missed), ("unmatched", t.unmatched)):
            if items:
                lines += _listing(f"{label} {table}", items)
    if doc.wrong_fields:
        lines += _listing("wrong fields", doc.wrong_fields)
    if doc.not_on_page:
        lines += _listing("not found on their page", doc.not_on_page)
    return lines + [""]


def format_report(report: EvaluationReport, verbose: bool = False) -> str:
    """A readable report: per-table P/R/F1, micro-F1, field accuracies, provenance;
    verbose adds each gold file's missed and unmatched records."""
    lines: list[str] = []
    if verbose:
        for doc in report.documents.values():
            lines += _document_lines(doc)
    n = len(report.documents)
    lines.append(f"gold files: {n} in {report.gold_dir} "
                 f"({n - len(report.without_output)} with an output document)")
    if report.without_output:
        lines.append("  without an output document: " + ", ".join(report.without_output))
    lines += [f"  skipped unreadable gold file {message}" for message in report.skipped_gold]
    if report.missing_tables:
        lines.append("missing output tables (scored as empty): " + ", ".join(report.missing_tables))
    lines += ["", *_table_rows({**report.tables, "micro (all tables)": report.micro}), ""]

    if report.fields:
        lines.append(f"{'field accuracy':<32} {'correct':>7} {'total':>6} {'acc':>6}")
        for name, f in report.fields.items():
            label = name + (" (info)" if name in INFORMATIONAL_FIELDS else "")
            lines.append(f"{label:<32} {f.correct:>7} {f.total:>6} {_fmt(f.accuracy):>6}")
        lines += [f"{'overall (without info)':<32} {'':>7} {'':>6} "
                  f"{_fmt(report.field_accuracy_overall):>6}", ""]

    overall = report.provenance_overall
    lines.append(f"provenance: {overall.found}/{overall.checked} output records found on their "
                 f"page ({_fmt(overall.share).strip()})")
    lines += [f"  {table:<18} {p.found:>6}/{p.checked:<6} {_fmt(p.share)}"
              for table, p in report.provenance.items()]
    if report.missing_pdfs:
        lines.append("  no PDF for: " + ", ".join(report.missing_pdfs))
    lines += ["", f"micro-F1 {report.micro_f1 or 0.0:.3f}"]
    return "\n".join(lines)
