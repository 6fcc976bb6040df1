"""What changed between two revisions of a source.

Two revisions of one source (same ``documents.source_id``) are compared record
by record, matched by meaning rather than by row order or ids (``doc_id`` and
``training_id`` differ in every revision):

- roles by name; a role that disappeared under one name and appeared under
  another with the same canonical role and a similar description (or, lacking
  descriptions, the same position, or the new name among the old aliases) is
  *renamed*. Renames are carried into every other table, so a renamed role's
  skills, targets and audience marks are not reported as removed and added;
- skills by role and name, levels by role and rank;
- trainings by normalized name, and by name and summary when a name repeats
  (a course series under one title); an edited summary is a change when the
  rest matches;
- audience marks per matched training, by role;
- targets by role, metric, fiscal year and unit (old → new value);
- document fields (title, issued, fiscal period, …) one by one.

Text is compared after CONTRACT normalization, so a revision printed with
other widths or spacing does not count as a change; records are matched on
Sudachi's normalized form, so a revision that spells 取組 as 取り組み still
matches its earlier row. Provenance (page, bbox,
extractor) is reported but never compared.

API: `diff_revisions(out_dir, source, old=None, new=None) -> RevisionDiff` (`source`: a
source id or the path of a file one of its revisions was read from),
`format_diff(diff) -> str`, `RevisionDiff.to_json() -> dict`; the per-table
functions (`diff_roles`, `diff_skills`, `diff_levels`, `diff_trainings`,
`diff_targets`, `diff_document`) work on plain rows or pydantic records.
"""

from __future__ import annotations

import dataclasses
import difflib
from functools import lru_cache
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from jinzai.models import Document
from jinzai.normalizers.terms import normalized_form
from jinzai.normalizers.text import normalize_text
from jinzai.pipeline.store import Store

SIMILAR = 0.8
"""difflib ratio from which two descriptions or summaries count as the same text, edited."""

ChangeKind = Literal["added", "removed", "changed", "renamed"]
Row = Mapping[str, Any]
RowLike = Row | BaseModel

DOCUMENT_FIELDS = ("title", "doc_kind", "municipality", "publisher", "issued",
                   "period_start_fy", "period_end_fy", "pages")
ROLE_FIELDS = ("canonical", "description", "target_group")
SKILL_FIELDS = ("category", "definition")
LEVEL_FIELDS = ("label", "definition")
TRAINING_FIELDS = ("organizer", "category", "format", "summary")
TARGET_FIELDS = ("value", "placeholder", "qualifier", "within_years")
DIFFED_TABLES = ("roles", "skills", "levels", "trainings", "training_audience", "targets")


class DiffError(LookupError):
    """The revisions asked for cannot be compared (unknown source, single revision, …)."""


# ------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One record added, removed or changed; `changes` lists the fields that differ."""

    kind: ChangeKind
    changes: tuple[FieldChange, ...] = ()
    old_page: int | None = None
    new_page: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleChange(Change):
    name: str
    """The role's name in the new revision (the old one for a removed role)."""
    old_name: str | None = None
    """The name in the old revision, for a renamed role."""
    canonical: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SkillChange(Change):
    role: str
    name: str
    category: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelChange(Change):
    role: str | None
    rank: int
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """One role's audience mark on a training."""

    role: str
    requirement: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingChange(Change):
    name: str
    old_name: str | None = None
    """The name in the old revision, for a renamed training."""
    summary: str | None = None
    audience: tuple[Mark, ...] = ()
    """The audience marks of an added or removed training."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AudienceChange(Change):
    training: str
    summary: str | None
    role: str
    old_requirement: str | None = None
    new_requirement: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetChange(Change):
    role: str | None
    metric: str
    fiscal_year: int | None
    unit: str | None
    municipality: str | None = None
    old_value: float | None = None
    new_value: float | None = None
    old_placeholder: str | None = None
    new_placeholder: str | None = None


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """Which document revision one side of a diff is."""

    doc_id: str
    revision: int
    source: str
    sha256: str
    ingested_at: datetime | None
    title: str | None

    @classmethod
    def of(cls, document: Document) -> RevisionInfo:
        return cls(document.doc_id, document.revision, document.source, document.sha256,
                   document.ingested_at, document.title)


@dataclass(frozen=True, slots=True)
class RevisionDiff:
    """Everything that changed from revision `old` to revision `new` of `source_id`."""

    source_id: str
    old: RevisionInfo
    new: RevisionInfo
    document: tuple[FieldChange, ...] = ()
    roles: tuple[RoleChange, ...] = ()
    skills: tuple[SkillChange, ...] = ()
    levels: tuple[LevelChange, ...] = ()
    trainings: tuple[TrainingChange, ...] = ()
    audience: tuple[AudienceChange, ...] = ()
    targets: tuple[TargetChange, ...] = ()

    def sections(self) -> dict[str, tuple[Change, ...]]:
        """The record changes by CONTRACT table name, in report order."""
        return {"roles": self.roles, "skills": self.skills, "levels": self.levels, "targets": self.targets,
                "trainings": self.trainings, "training_audience": self.audience}

    @property
    def is_empty(self) -> bool:
        return not self.document and not any(self.sections().values())

    def counts(self) -> dict[str, dict[str, int]]:
        """{table: {kind: n}} for the tables that changed (documents counts changed fields)."""
        counts: dict[str, dict[str, int]] = {}
        if self.document:
            counts["documents"] = {"changed": len(self.document)}
        for table, changes in self.sections().items():
            for change in changes:
                kinds = counts.setdefault(table, {})
                kinds[change.kind] = kinds.get(change.kind, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the two revisions, counts, and every change by table."""
        changes: dict[str, list[dict[str, Any]]] = {"documents": [_jsonable(c) for c in self.document]}
        changes.update({table: [_jsonable(c) for c in items] for table, items in self.sections().items()})
        return {"source_id": self.source_id, "old": _jsonable(self.old), "new": _jsonable(self.new),
                "counts": self.counts(), "changes": changes}


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


# ------------------------------------------------------------------ choosing revisions


def revised_sources(out_dir: Path | str) -> list[str]:
    """Sources with at least two revisions in the corpus: those a diff can be made for."""
    counts: dict[str, int] = defaultdict(int)
    for document in Store(out_dir).documents():
        counts[document.source_id] += 1
    return sorted(source for source, n in counts.items() if n >= 2)


def choose_revisions(documents: Sequence[Document], source_id: str, old: int | None = None,
                     new: int | None = None) -> tuple[Document, Document]:
    """The two revisions to compare: by default the current one and the one before it."""
    if not documents:
        raise DiffError(f"unknown source {source_id!r}")
    by_revision = {d.revision: d for d in documents}
    numbers = sorted(by_revision)
    listed = ", ".join(map(str, numbers))
    if len(numbers) < 2:
        raise DiffError(f"{source_id} has only revision {numbers[0]}: ingest a changed edition of it "
                        "(same file name) to compare revisions")
    for asked in (old, new):
        if asked is not None and asked not in by_revision:
            raise DiffError(f"{source_id} has no revision {asked}; its revisions are {listed}")
    if new is None:
        new = next((d.revision for d in documents if d.is_current), numbers[-1])
    if old is None:
        earlier = [n for n in numbers if n < new]
        if not earlier:
            raise DiffError(f"revision {new} is the first of {source_id}; give the revision to compare it with "
                            f"(revisions: {listed})")
        old = earlier[-1]
    if old == new:
        raise DiffError(f"revision {old} of {source_id} compared with itself; its revisions are {listed}")
    return by_revision[old], by_revision[new]


def _unknown_source_message(out_dir: Path | str, source_id: str, documents: Sequence[Document]) -> str:
    if not documents:
        return f"no documents in {out_dir}: run `jinzai ingest PATH --out {out_dir}` first"
    counts: dict[str, int] = defaultdict(int)
    for document in documents:
        counts[document.source_id] += 1
    known = ", ".join(f"{s} ({n} revision{'s' if n > 1 else ''})" for s, n in sorted(counts.items()))
    return f"unknown source {source_id!r} in {out_dir}; known sources: {known}"


def source_of(given: str, documents: Sequence[Document]) -> str:
    """The source id `given` names: a source id, or a file path (or URL) one of its revisions was read from.

    A path is matched exactly (resolved, or as any alias of the same bytes), else by file name when
    only one source was read from a file of that name.
    """
    if any(d.source_id == given for d in documents):
        return given
    resolved = given if "://" in given else str(Path(given).expanduser().resolve())
    exact = {d.source_id for d in documents if resolved in (d.source, *d.aliases)}
    name = Path(given).name
    by_name = {d.source_id for d in documents
               if name in (Path(d.source).name, *(Path(a).name for a in d.aliases))}
    for found in (exact, by_name):
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            raise DiffError(f"{given} was read as several sources ({', '.join(sorted(found))}): "
                            "give the source id instead")
    return given


# ------------------------------------------------------------------ entry point


def diff_revisions(out_dir: Path | str, source_id: str, old: int | None = None,
                   new: int | None = None) -> RevisionDiff:
    """Compare two revisions of `source_id` in the corpus at `out_dir`.

    `old`/`new` are revision numbers (1, 2, …); by default the current revision
    is compared with the one before it. Raises `DiffError` when the source is
    unknown, has a single revision, or a revision asked for does not exist.
    """
    store = Store(out_dir)
    everything = store.documents()
    source_id = source_of(source_id, everything)
    documents = [d for d in everything if d.source_id == source_id]
    if not documents:
        raise DiffError(_unknown_source_message(out_dir, source_id, everything))
    old_doc, new_doc = choose_revisions(documents, source_id, old, new)
    old_rows = {table: store.records(table, old_doc.doc_id) for table in DIFFED_TABLES}
    new_rows = {table: store.records(table, new_doc.doc_id) for table in DIFFED_TABLES}
    return diff_contents(source_id, old_doc, old_rows, new_doc, new_rows)


def diff_contents(source_id: str, old_doc: Document, old_rows: Mapping[str, Sequence[RowLike]],
                  new_doc: Document, new_rows: Mapping[str, Sequence[RowLike]]) -> RevisionDiff:
    """Compare two revisions given their documents rows and their records by table."""
    roles, renames = diff_roles(old_rows.get("roles", ()), new_rows.get("roles", ()))
    trainings, audience = diff_trainings(
        old_rows.get("trainings", ()), old_rows.get("training_audience", ()),
        new_rows.get("trainings", ()), new_rows.get("training_audience", ()), renames)
    return RevisionDiff(
        source_id=source_id, old=RevisionInfo.of(old_doc), new=RevisionInfo.of(new_doc),
        document=diff_document(old_doc, new_doc),
        roles=tuple(roles),
        skills=tuple(diff_skills(old_rows.get("skills", ()), new_rows.get("skills", ()), renames)),
        levels=tuple(diff_levels(old_rows.get("levels", ()), new_rows.get("levels", ()), renames)),
        trainings=tuple(trainings), audience=tuple(audience),
        targets=tuple(diff_targets(old_rows.get("targets", ()), new_rows.get("targets", ()), renames)),
    )


# ------------------------------------------------------------------ matching


def _row(record: RowLike) -> Row:
    return record.model_dump() if isinstance(record, BaseModel) else record


def _rows(records: Iterable[RowLike]) -> list[Row]:
    return [_row(r) for r in records]


@lru_cache(maxsize=65_536)
def match_key(text: str | None) -> str:
    """A text as a matching key: normalized, spelling variants unified by Sudachi
    (取組 / 取り組み, 申込み / 申し込み: editions differ in such spellings), without
    spaces, case-folded."""
    return re.sub(r"\s+", "", normalized_form(text)).casefold() if text else ""


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, list):
        return tuple(_comparable(v) for v in value)
    return value


def field_changes(old: Row, new: Row, fields: Iterable[str]) -> tuple[FieldChange, ...]:
    """The fields whose (normalized) values differ between two matched rows."""
    return tuple(FieldChange(f, old.get(f), new.get(f)) for f in fields
                 if _comparable(old.get(f)) != _comparable(new.get(f)))


def similarity(a: str | None, b: str | None) -> float:
    """difflib ratio of two normalized texts; 0 when either is missing."""
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, match_key(a), match_key(b), autojunk=False).ratio()


@dataclass
class Pairing:
    """Rows of two revisions matched one to one; the unmatched are removed or added."""

    pairs: list[tuple[Row, Row]] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    added: list[Row] = field(default_factory=list)


def pair_by_key(old: Sequence[Row], new: Sequence[Row], key: Callable[[Row], Hashable],
                fields: Sequence[str]) -> Pairing:
    """Match rows with equal keys. Within a key shared by several rows, identical
    rows pair first, the rest in document order."""
    old_groups: dict[Hashable, list[Row]] = defaultdict(list)
    for row in old:
        old_groups[key(row)].append(row)
    result = Pairing()
    new_groups: dict[Hashable, list[Row]] = defaultdict(list)
    for row in new:
        new_groups[key(row)].append(row)
    for k, news in new_groups.items():
        olds = old_groups.pop(k, [])
        unmatched_new: list[Row] = []
        for row in news:
            twin = next((o for o in olds if not field_changes(o, row, fields)), None)
            if twin is None:
                unmatched_new.append(row)
            else:
                olds.remove(twin)
                result.pairs.append((twin, row))
        result.pairs.extend(zip(olds, unmatched_new))
        result.removed.extend(olds[len(unmatched_new):])
        result.added.extend(unmatched_new[len(olds):])
    for olds in old_groups.values():
        result.removed.extend(olds)
    return result


def pair_leftovers(removed: list[Row], added: list[Row],
                   score: Callable[[Row, Row], float]) -> list[tuple[Row, Row]]:
    """Pair removed with added rows that are the same thing under an edit, best score first.

    `score` is positive for an acceptable pair. Paired rows are taken out of
    both lists."""
    candidates = sorted(((score(o, n), i, j) for i, o in enumerate(removed) for j, n in enumerate(added)),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for value, i, j in candidates:
        if value > 0 and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    matched = [(removed[i], added[j]) for i, j in sorted(pairs)]
    removed[:] = [r for i, r in enumerate(removed) if i not in used_old]
    added[:] = [a for j, a in enumerate(added) if j not in used_new]
    return matched


def _renamed(rows: Iterable[Row], column: str, renames: Mapping[str, str]) -> list[Row]:
    """Rows of the old revision with renamed roles under their new names."""
    return [{**row, column: renames.get(row.get(column), row.get(column))} for row in rows]


# ------------------------------------------------------------------ tables


def diff_document(old: RowLike, new: RowLike) -> tuple[FieldChange, ...]:
    return field_changes(_row(old), _row(new), DOCUMENT_FIELDS)


def diff_roles(old: Iterable[RowLike], new: Iterable[RowLike]) -> tuple[list[RoleChange], dict[str, str]]:
    """Role changes, and the renames {old name: new name} to apply to the other tables."""
    old_rows, new_rows = _rows(old), _rows(new)
    old_position = {id(r): i for i, r in enumerate(old_rows)}
    new_position = {id(r): i for i, r in enumerate(new_rows)}

    def rename_score(o: Row, n: Row) -> float:
        if o.get("canonical") != n.get("canonical"):
            return 0.0
        if n.get("name") in (o.get("aliases") or ()) or o.get("name") in (n.get("aliases") or ()):
            return 1.0
        if o.get("description") or n.get("description"):
            ratio = similarity(o.get("description"), n.get("description"))
            return ratio if ratio >= SIMILAR else 0.0
        return 1.0 if old_position[id(o)] == new_position[id(n)] else 0.0

    pairing = pair_by_key(old_rows, new_rows, lambda r: match_key(r["name"]), ROLE_FIELDS)
    renamed = pair_leftovers(pairing.removed, pairing.added, rename_score)
    changes: list[RoleChange] = []
    for o, n in pairing.pairs:
        if differences := field_changes(o, n, ROLE_FIELDS):
            changes.append(_role_change("changed", n, o, differences))
    changes += [_role_change("renamed", n, o, field_changes(o, n, ROLE_FIELDS)) for o, n in renamed]
    changes += [_role_change("removed", o, o) for o in pairing.removed]
    changes += [_role_change("added", n, None) for n in pairing.added]
    return changes, {o["name"]: n["name"] for o, n in renamed}


def _role_change(kind: ChangeKind, row: Row, old: Row | None,
                 differences: tuple[FieldChange, ...] = ()) -> RoleChange:
    return RoleChange(kind=kind, name=row["name"], canonical=row.get("canonical"), changes=differences,
                      old_name=old["name"] if kind == "renamed" and old else None,
                      old_page=old.get("page") if old else None,
                      new_page=row.get("page") if kind != "removed" else None)


def diff_skills(old: Iterable[RowLike], new: Iterable[RowLike],
                renames: Mapping[str, str] | None = None) -> list[SkillChange]:
    """Skills added or removed (by role and name), or whose category/definition changed."""
    pairing = pair_by_key(_renamed(_rows(old), "role", renames or {}), _rows(new),
                          lambda r: (match_key(r["role"]), match_key(r["name"])), SKILL_FIELDS)

    def change(kind: ChangeKind, row: Row, old_row: Row | None, new_row: Row | None) -> SkillChange:
        return SkillChange(kind=kind, role=row["role"], name=row["name"], category=row.get("category"),
                           changes=field_changes(old_row, new_row, SKILL_FIELDS) if old_row and new_row else (),
                           old_page=_page(old_row), new_page=_page(new_row))

    return _collect(pairing, SKILL_FIELDS, change)


def diff_levels(old: Iterable[RowLike], new: Iterable[RowLike],
                renames: Mapping[str, str] | None = None) -> list[LevelChange]:
    """Levels added or removed (by role and rank), or whose label/definition changed."""
    pairing = pair_by_key(_renamed(_rows(old), "role", renames or {}), _rows(new),
                          lambda r: (match_key(r.get("role")), r["rank"], r.get("municipality")), LEVEL_FIELDS)

    def change(kind: ChangeKind, row: Row, old_row: Row | None, new_row: Row | None) -> LevelChange:
        return LevelChange(kind=kind, role=row.get("role"), rank=row["rank"], label=row["label"],
                           changes=field_changes(old_row, new_row, LEVEL_FIELDS) if old_row and new_row else (),
                           old_page=_page(old_row), new_page=_page(new_row))

    return _collect(pairing, LEVEL_FIELDS, change)


def diff_targets(old: Iterable[RowLike], new: Iterable[RowLike],
                 renames: Mapping[str, str] | None = None) -> list[TargetChange]:
    """Targets whose value changed (by role, metric, fiscal year and unit), added or removed.

    The row's `text_raw` is not compared: it repeats the whole table row, so one
    changed year would mark every year of the row as changed."""
    pairing = pair_by_key(
        _renamed(_rows(old), "role", renames or {}), _rows(new),
        lambda r: (match_key(r.get("role")), match_key(r["metric"]), r.get("fiscal_year"), r.get("unit"),
                   r.get("municipality")),
        TARGET_FIELDS)

    def change(kind: ChangeKind, row: Row, old_row: Row | None, new_row: Row | None) -> TargetChange:
        return TargetChange(
            kind=kind, role=row.get("role"), metric=row["metric"], fiscal_year=row.get("fiscal_year"),
            unit=row.get("unit"), municipality=row.get("municipality"),
            old_value=old_row.get("value") if old_row else None,
            new_value=new_row.get("value") if new_row else None,
            old_placeholder=old_row.get("placeholder") if old_row else None,
            new_placeholder=new_row.get("placeholder") if new_row else None,
            changes=field_changes(old_row, new_row, TARGET_FIELDS) if old_row and new_row else (),
            old_page=_page(old_row), new_page=_page(new_row))

    return _collect(pairing, TARGET_FIELDS, change)


def _page(row: Row | None) -> int | None:
    return row.get("page") if row else None


C = TypeVar("C", bound="Change")


def _collect(pairing: Pairing, fields: Sequence[str],
             change: Callable[[ChangeKind, Row, Row | None, Row | None], C]) -> list[C]:
    """Changed pairs (new order), then removed (old order), then added (new order)."""
    found = [change("changed", n, o, n) for o, n in pairing.pairs if field_changes(o, n, fields)]
    found += [change("removed", o, o, None) for o in pairing.removed]
    found += [change("added", n, None, n) for n in pairing.added]
    return found


# ------------------------------------------------------------------ trainings and audience


def diff_trainings(old_trainings: Iterable[RowLike], old_audience: Iterable[RowLike],
                   new_trainings: Iterable[RowLike], new_audience: Iterable[RowLike],
                   renames: Mapping[str, str] | None = None) -> tuple[list[TrainingChange], list[AudienceChange]]:
    """Trainings added, removed, renamed or changed, and the audience marks changed in matched trainings."""
    old_rows, new_rows = _rows(old_trainings), _rows(new_trainings)
    old_marks = _marks_by_training(_renamed(_rows(old_audience), "role", renames or {}))
    new_marks = _marks_by_training(_rows(new_audience))
    key = _training_key(_repeated_names(old_rows) | _repeated_names(new_rows))
    pairing = pair_by_key(old_rows, new_rows, key, TRAINING_FIELDS)
    # A series entry (repeated name) whose summary was edited is still that entry.
    pairing.pairs += pair_leftovers(pairing.removed, pairing.added, _same_training_edited)

    changes: list[TrainingChange] = []
    audience: list[AudienceChange] = []
    for o, n in pairing.pairs:
        differences = field_changes(o, n, TRAINING_FIELDS)
        if match_key(o["name"]) != match_key(n["name"]):
            changes.append(_training_change("renamed", n, o, differences))
        elif differences:
            changes.append(_training_change("changed", n, o, differences))
        audience += _audience_changes(n, old_marks[o["training_id"]], new_marks[n["training_id"]])
    changes += [_training_change("removed", o, o, (), old_marks[o["training_id"]]) for o in pairing.removed]
    changes += [_training_change("added", n, None, (), new_marks[n["training_id"]]) for n in pairing.added]
    return changes, audience


def _repeated_names(rows: Iterable[Row]) -> set[str]:
    """Training names printed more than once in one revision (a series of courses)."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for row in rows:
        name = match_key(row["name"])
        (repeated if name in seen else seen).add(name)
    return repeated


def _training_key(repeated: set[str]) -> Callable[[Row], Hashable]:
    """Normalized name; name and summary for a name that repeats in either revision."""
    def key(row: Row) -> Hashable:
        name = match_key(row["name"])
        return (name, match_key(row.get("summary"))) if name in repeated else (name,)
    return key


def _same_training_edited(o: Row, n: Row) -> float:
    """Same name with a similar summary, or same summary under a similar name."""
    same_name = match_key(o["name"]) == match_key(n["name"])
    same_summary = bool(o.get("summary")) and match_key(o.get("summary")) == match_key(n.get("summary"))
    if same_name:
        ratio = similarity(o.get("summary"), n.get("summary"))
        return ratio if ratio >= SIMILAR else 0.0
    if same_summary:
        ratio = similarity(o["name"], n["name"])
        return ratio if ratio >= SIMILAR else 0.0
    return 0.0


def _marks_by_training(rows: Iterable[Row]) -> defaultdict[str, dict[str, Row]]:
    marks: defaultdict[str, dict[str, Row]] = defaultdict(dict)
    for row in rows:
        marks[row["training_id"]][row["role"]] = row
    return marks


def _audience_changes(new_training: Row, old: Mapping[str, Row],
                      new: Mapping[str, Row]) -> list[AudienceChange]:
    old_by_key = {match_key(role): row for role, row in old.items()}
    new_by_key = {match_key(role): row for role, row in new.items()}
    changes: list[AudienceChange] = []
    for key in list(new_by_key) + [k for k in old_by_key if k not in new_by_key]:
        o, n = old_by_key.get(key), new_by_key.get(key)
        before, after = (o or {}).get("requirement"), (n or {}).get("requirement")
        if before == after:
            continue
        kind: ChangeKind = "added" if o is None else "removed" if n is None else "changed"
        changes.append(AudienceChange(
            kind=kind, training=new_training["name"], summary=new_training.get("summary"),
            role=(n or o)["role"], old_requirement=before, new_requirement=after,
            old_page=_page(o), new_page=_page(n)))
    return changes


def _training_change(kind: ChangeKind, row: Row, old: Row | None, differences: tuple[FieldChange, ...],
                     marks: Mapping[str, Row] | None = None) -> TrainingChange:
    return TrainingChange(
        kind=kind, name=row["name"], summary=row.get("summary"), changes=differences,
        old_name=old["name"] if kind == "renamed" and old else None,
        audience=tuple(Mark(role, mark["requirement"]) for role, mark in (marks or {}).items()),
        old_page=_page(old), new_page=row.get("page") if kind != "removed" else None)


# ------------------------------------------------------------------ report

_SIGN = {"added": "+", "removed": "-", "changed": "~", "renamed": "~"}


def format_diff(diff: RevisionDiff) -> str:
    """A human-readable report of a diff, grouped by table."""
    lines = [f"{diff.source_id}: revision {diff.old.revision} → revision {diff.new.revision}",
             _describe_revision("old", diff.old), _describe_revision("new", diff.new)]
    if diff.is_empty:
        lines.append("no changes in the extracted records")
        return "\n".join(lines)
    lines.append("changes: " + "; ".join(
        f"{table} " + ", ".join(f"{n} {kind}" for kind, n in kinds.items())
        for table, kinds in diff.counts().items()))
    if diff.document:
        lines += ["", "documents"]
        lines += [f"  ~ {c.field}: {_value(c.old)} → {_value(c.new)}" for c in diff.document]
    for table, changes in diff.sections().items():
        if changes:
            lines += ["", table]
            lines += [f"  {_SIGN[c.kind]} {_describe(c)}{_pages(c)}" for c in changes]
    return "\n".join(lines)


def _describe_revision(side: str, info: RevisionInfo) -> str:
    when = f", ingested {info.ingested_at:%Y-%m-%d %H:%M %Z}".rstrip() if info.ingested_at else ""
    return f"  {side}: {info.doc_id} {info.source}{when}"


def _describe(change: Change) -> str:
    match change:
        case RoleChange(kind="renamed"):
            text = f"{change.old_name} → {change.name} (renamed, {change.canonical})"
        case RoleChange():
            text = f"{change.name} ({change.canonical})"
        case SkillChange():
            text = f"{change.role}: {change.name}" + (f" [{change.category}]" if change.category else "")
        case LevelChange():
            text = f"{change.role or '(all)'}: {change.label} (rank {change.rank})"
        case TrainingChange(kind="renamed"):
            text = f"{change.old_name} → {change.name} (renamed){_summary(change.summary)}"
        case TrainingChange():
            text = change.name + _summary(change.summary) + _audience(change.audience)
        case AudienceChange():
            text = (f"{change.training}{_summary(change.summary)} › {change.role}: "
                    f"{change.old_requirement or '(none)'} → {change.new_requirement or '(none)'}")
        case TargetChange():
            text = _describe_target(change)
        case _:
            raise TypeError(f"no description for {type(change).__name__}")
    if change.kind != "removed" and not isinstance(change, (TargetChange, AudienceChange)):
        text += "".join(f"; {c.field}: {_value(c.old)} → {_value(c.new)}" for c in change.changes)
    return text


def _describe_target(change: TargetChange) -> str:
    where = " · ".join(str(part) for part in (
        change.municipality, change.role or "(no role)", change.metric,
        f"FY{change.fiscal_year}" if change.fiscal_year else None) if part)
    old = _quantity(change.old_value, change.old_placeholder, change.unit)
    new = _quantity(change.new_value, change.new_placeholder, change.unit)
    if change.kind == "added":
        text = f"{where}: {new}"
    elif change.kind == "removed":
        text = f"{where}: {old}"
    else:
        text = f"{where}: {old} → {new}"
    others = [c for c in change.changes if c.field not in ("value", "placeholder")]
    return text + "".join(f"; {c.field}: {_value(c.old)} → {_value(c.new)}" for c in others)


def _quantity(value: float | None, placeholder: str | None, unit: str | None) -> str:
    if value is None:
        return placeholder or "(no value)"
    return _value(value) + (unit or "")


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _summary(summary: str | None, limit: int = 30) -> str:
    if not summary:
        return ""
    return f" — {summary if len(summary) <= limit else summary[:limit - 1] + '…'}"


def _audience(marks: tuple[Mark, ...]) -> str:
    return f" [audience: {', '.join(f'{m.role} {m.requirement}' for m in marks)}]" if marks else ""


def _pages(change: Change) -> str:
    if change.old_page and change.new_page and change.old_page != change.new_page:
        return f"  (p.{change.old_page} → p.{change.new_page})"
    page = change.new_page or change.old_page
    return f"  (p.{page})" if page else ""
