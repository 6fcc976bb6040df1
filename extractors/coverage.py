"""What the extractors read each table, list and figure of a document as: the `blocks` table.

A block is read as the record table most of whose records are printed inside it
(a record's box centre in the block's box on one of its pages; a record without a
box, such as a casebook's case, counts for every block of its page). A block
that gave no record is `none`, with the reason: why the records read from it were
set aside (outside the digital part of a general policy), or for a table, the
header words no reader's vocabulary makes a table of, or the kind of table its
header was read as although no row gave a record. Nothing the document model
found is left without a row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from jinzai.extractors.layout import BBox
from jinzai.extractors.model import Document, Figure, ListItem, TableBlock
from jinzai.extractors.policy.plan_vocabulary import GOAL_COLUMN_WORDS, is_training_header
from jinzai.extractors.policy.read import upright
from jinzai.extractors.result import Extraction
from jinzai.extractors.model.tables import Table, center_inside
from jinzai.extractors.policy.roles import kind_of
from jinzai.extractors.policy.targets.sentences import fiscal_year
from jinzai.extractors.policy.trainings import column_kind as training_column_kind
from jinzai.models import BlockRecord

# The record tables a block can be read as, in the order that breaks a tie.
READ_AS = ("roles", "skills", "trainings", "targets", "levels", "cases")
_MAX_HEADER_CHARS = 200

Evidence = tuple[str, int, tuple[float, float] | None]  # (record table, page, box centre)


@dataclass(frozen=True)
class PlacedRecords:
    """Where the records kept and the records set aside (with their reasons) are printed."""

    kept: list[Evidence]
    set_aside: list[tuple[Evidence, str]]


def block_records(document: Document, extraction: Extraction, doc_id: str) -> list[BlockRecord]:
    """One row per table, list and figure of the document, in reading order."""
    evidence = PlacedRecords(kept=[_evidence(name, record) for name in READ_AS for record in getattr(extraction, name)],
                       set_aside=[(_evidence(a.table, a.record), a.reason) for a in extraction.set_aside])
    rows = [_table_row(block, evidence, doc_id) for block in document.blocks_of(TableBlock)]
    contents = {page.number for page in document.pages if page.contents}
    rows += [_list_row(items, evidence, doc_id, items[0].page in contents) for items in document.lists()]
    rows += [_figure_row(block, evidence, doc_id) for block in document.blocks_of(Figure)]
    return sorted(rows, key=lambda r: (r.page, r.bbox[1], r.bbox[0]))


def _evidence(name: str, record: object) -> Evidence:
    bbox = getattr(record, "bbox", None)
    return name, record.page, ((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2) if bbox else None


def _inside(regions: dict[int, BBox], evidence: Evidence) -> bool:
    _, page, centre = evidence
    return page in regions and (centre is None or center_inside((*centre, *centre), regions[page]))


def _read_as(regions: dict[int, BBox], evidence: Sequence[Evidence]) -> tuple[str, int]:
    """The record table most records inside the regions belong to, and how many."""
    counts = Counter(e[0] for e in evidence if _inside(regions, e))
    if not counts:
        return "none", 0
    best = max(counts.values())
    return next(name for name in READ_AS if counts[name] == best), sum(counts.values())


def _set_aside_reason(regions: dict[int, BBox], set_aside: Sequence[tuple[Evidence, str]]) -> str | None:
    """`6 roles, 6 skills read but set aside: <why>` for a block whose records were all set aside."""
    inside = [(e, why) for e, why in set_aside if _inside(regions, e)]
    if not inside:
        return None
    counts = Counter(e[0] for e, _ in inside)
    read = ", ".join(f"{counts[name]} {name}" for name in READ_AS if counts[name])
    return f"{read} read but set aside: {'; '.join(dict.fromkeys(why for _, why in inside))}"


def _row(doc_id: str, regions: dict[int, BBox], kind: str, section_path: tuple[str, ...], evidence: PlacedRecords,
         **fields: object) -> BlockRecord:
    read_as, records = _read_as(regions, evidence.kept)
    reason = _set_aside_reason(regions, evidence.set_aside) if read_as == "none" else None
    first = min(regions)
    return BlockRecord(doc_id=doc_id, page=first, pages=sorted(regions), bbox=[round(v, 2) for v in regions[first]],
                       kind=kind, section_path=list(section_path), read_as=read_as, records=records, reason=reason,
                       **fields)


def _table_row(block: TableBlock, evidence: PlacedRecords, doc_id: str) -> BlockRecord:
    table = block.table
    regions = dict(table.page_boxes) or {block.page: block.bbox}
    labels = [label for label in table.columns if label]
    row = _row(doc_id, regions, "table", block.section_path, evidence,
               header=" | ".join(labels)[:_MAX_HEADER_CHARS] or None, n_rows=len(table.rows), n_cols=table.n_cols)
    if row.read_as == "none" and row.reason is None:
        row = row.model_copy(update={"reason": _table_reason(table, labels)})
    return row


def _table_reason(table: Table, labels: list[str]) -> str:
    if not table.header:
        first = " | ".join(dict.fromkeys(c.normalized for c in (table.rows or [[]])[0] if not c.empty))
        return f"no header row (first row: {first[:80]})"
    kind = _header_kind(table, labels)
    if kind is None:
        return f"header words not recognised: {', '.join(labels)}"
    return f"header read as a {kind} table, but no row gave a record"


def _header_kind(table: Table, labels: list[str]) -> str | None:
    """The kind of table a reader's vocabulary makes of the header: role, skill or level
    words, a training name beside an audience, fiscal years or a goal column."""
    kind = kind_of(upright(table))
    if kind is not None:
        return kind.value
    if is_training_header({kind for label in labels if (kind := training_column_kind(label))}):
        return "trainings"
    if any(fiscal_year(label) for label in labels) or any(w in label for w in GOAL_COLUMN_WORDS for label in labels):
        return "targets"
    return None


def _list_row(items: list[ListItem], evidence: PlacedRecords, doc_id: str, contents: bool) -> BlockRecord:
    regions: dict[int, BBox] = {}
    for item in items:
        box = regions.get(item.page)
        regions[item.page] = item.bbox if box is None else (
            min(box[0], item.bbox[0]), min(box[1], item.bbox[1]), max(box[2], item.bbox[2]), max(box[3], item.bbox[3]))
    row = _row(doc_id, regions, "list", items[0].section_path, evidence,
               header=f"{items[0].marker} {items[0].text}"[:_MAX_HEADER_CHARS], n_rows=len(items))
    reason = "a table of contents" if contents else "no record read from its items"
    return row if row.read_as != "none" or row.reason else row.model_copy(update={"reason": reason})


def _figure_row(block: Figure, evidence: PlacedRecords, doc_id: str) -> BlockRecord:
    row = _row(doc_id, {block.page: block.bbox}, "figure", block.section_path, evidence,
               header=" / ".join(block.texts)[:_MAX_HEADER_CHARS], n_rows=len(block.lines))
    return row if row.read_as != "none" or row.reason else \
        row.model_copy(update={"reason": "no record read from its texts"})

