"""Tables whose cells are separate boxes set apart by white gutters: a slide's grid of
shapes (rounded or square, filled or framed) that no ruling joins into a lattice.

A row of boxes each holding a short label is a header when rows of boxes follow right
under it with a box under every label (same left and right edges); a column of boxes
left of the labels, which no header box stands over (the grid's blank corner), holds
the rows' keys. The grid ends at the first row that does not continue it.
"""

from __future__ import annotations

from collections.abc import Sequence

from jinzai.extractors.layout import BBox, Line, Page
from jinzai.extractors.model.tables.grid import Cell, Table, center_inside, make_cell
from jinzai.extractors.model.tables.settings import TableSettings
from jinzai.normalizers.text import normalize_text, split_list

# Path items of a closed box: straight sides, and the curves of rounded corners.
_BOX_ITEMS = frozenset({"l", "c"})


def box_grid_tables(drawings: list[dict], page: Page, taken: Sequence[BBox], settings: TableSettings) -> list[Table]:
    """The grids of boxes on the page outside the boxes in `taken` (tables already read)."""
    boxes = [box for box in _leaf_boxes(drawings, page.lines, settings)
             if not any(center_inside(box, other) for other in taken)]
    rows = _box_rows(boxes, settings)
    tables: list[Table] = []
    index = 0
    while index < len(rows):
        table, used = _grid_under(rows, index, page, settings)
        if table is not None:
            tables.append(table)
        index += max(used, 1)
    return tables


def _leaf_boxes(drawings: list[dict], lines: list[Line], settings: TableSettings) -> list[BBox]:
    """Boxes drawn on the page (a rectangle, or a closed path of sides and rounded corners)
    that hold text and no other such box: cells, not the frames or panels around them."""
    boxes = set()
    for drawing in drawings:
        items = drawing["items"]
        x0, y0, x1, y1 = drawing["rect"]
        if min(x1 - x0, y1 - y0) < settings.min_box_side:
            continue  # a ruling or a glyph piece
        if len(items) == 1 and items[0][0] in ("re", "qu") or items and {item[0] for item in items} <= _BOX_ITEMS:
            boxes.add((x0, y0, x1, y1))
    holding = [box for box in boxes if any(center_inside(ln.bbox, box) for ln in lines)]
    return [box for box in holding if not any(other != box and center_inside(other, box) for other in holding)]


def _box_rows(boxes: list[BBox], settings: TableSettings) -> list[list[BBox]]:
    """Boxes grouped by row (the same top and bottom), rows top down, boxes left to right."""
    rows: list[list[BBox]] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        row = next((r for r in rows
                    if abs(r[0][1] - box[1]) <= settings.snap and abs(r[0][3] - box[3]) <= settings.snap), None)
        if row is None:
            rows.append([box])
        else:
            row.append(box)
    return [sorted(row, key=lambda b: b[0]) for row in rows]


def _grid_under(rows: list[list[BBox]], start: int, page: Page, settings: TableSettings) -> tuple[Table | None, int]:
    """(the grid headed by row `start`, rows it takes), or (None, 0) when that row heads none."""
    header = rows[start]
    if len(header) < 2 or not all(_short_label(box, page.lines, settings) for box in header):
        return None, 0
    body: list[tuple[BBox | None, list[BBox]]] = []  # per row: its key box, its boxes under the labels
    bottom = header[0][3]
    for row in rows[start + 1:]:
        gap = row[0][1] - bottom
        under = [next((b for b in row if _same_column(b, label, settings)), None) for label in header]
        lead = [b for b in row if b[2] <= header[0][0]]
        keys = [key for key, _ in body if key is not None]
        if not 0 <= gap <= settings.max_box_gutter or _text_between(page.lines, bottom, row[0][1]) \
                or any(b is None for b in under) or len(lead) > 1 or len(row) != len(header) + len(lead) \
                or lead and keys and not _same_column(lead[0], keys[0], settings):
            break
        body.append((lead[0] if lead else None, [b for b in under if b is not None]))
        bottom = row[0][3]
    if len(body) < settings.min_aligned_rows:
        return None, 0
    return _table(header, body, page), 1 + len(body)


def _short_label(box: BBox, lines: list[Line], settings: TableSettings) -> bool:
    """A box holding one short label: no sentence, no bulleted item."""
    text = normalize_text(" ".join(ln.text for ln in lines if center_inside(ln.bbox, box)))
    return 0 < len(text) <= settings.max_header_label and "。" not in text and not split_list(text)[1]


def _same_column(a: BBox, b: BBox, settings: TableSettings) -> bool:
    return abs(a[0] - b[0]) <= settings.snap and abs(a[2] - b[2]) <= settings.snap


def _text_between(lines: list[Line], top: float, bottom: float) -> bool:
    """A line printed in the gutter between two rows of boxes (a heading of another grid)."""
    return any(top <= (ln.top + ln.bottom) / 2 <= bottom for ln in lines)


def _table(header: list[BBox], body: list[tuple[BBox | None, list[BBox]]], page: Page) -> Table:
    """The grid's table: one column per header box, after the key column where rows have keys
    (its header cell, the blank corner, empty)."""
    keys = [key for key, _ in body if key is not None]
    left = keys[0][0] if keys else header[0][0]
    bbox = (left, header[0][1], header[-1][2], body[-1][1][0][3])

    def cells(boxes: list[BBox]) -> list[Cell]:
        return [make_cell(box, page.lines, page.number) for box in boxes]

    def key_cell(key: BBox | None, top: float, bottom: float) -> list[Cell]:
        if not keys:
            return []
        return cells([key]) if key is not None else [Cell((), (left, top, keys[0][2], bottom), page.number)]

    head = key_cell(None, header[0][1], header[0][3]) + cells(header)
    rows = [key_cell(key, boxes[0][1], boxes[0][3]) + cells(boxes) for key, boxes in body]
    return Table(page=page.number, bbox=bbox, header=[head], rows=rows, ruled=True,
                 pages=[page.number], page_boxes={page.number: bbox})
