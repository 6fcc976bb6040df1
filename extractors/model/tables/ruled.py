"""Ruled tables: a lattice from the page's drawn edges (pdfplumber's steps), and the
fills that look like rulings but are not (zebra bands, a shaded header band, a bar chart's
bars)."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence

from jinzai.extractors.layout import BBox, Line, Page
from jinzai.extractors.model.tables.aligned import lines_down_to_end, rows_of_lines
from jinzai.extractors.model.tables.grid import (
    Cell,
    HeaderHint,
    Table,
    center_inside,
    contains,
    distinct,
    em_box,
    is_quantity,
    line_rows,
    make_cell,
)
from jinzai.extractors.model.tables.settings import TableSettings
from jinzai.normalizers.text import normalize_text


EdgeCutter = Callable[[dict[BBox, list[float]]], dict[BBox, list[Line]]]
"""{a line's box: x positions of drawn edges} → {that box: the line's pieces cut there}
(`cell_lines.cut_at_edges` on the page)."""


def ruled_tables(
    drawings: list[dict], page: Page, width: float, height: float,
    header_hint: HeaderHint | None, settings: TableSettings, cut: EdgeCutter | None = None,
) -> list[Table]:
    """The tables whose cells the drawn edges bound, top to bottom. `cut` cuts the lines
    printed across the edge between two cells (none are cut without it)."""
    bars = _chart_bars(drawings, page.lines, settings)
    edges = _rule_edges([d for d in drawings if tuple(d["rect"]) not in bars], width, height, settings)
    edges += [edge for rule in page.rules for edge in _segment_edge(*rule, settings)]  # a scanned page's rulings
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    from pdfplumber import utils  # deferred: only pages with rulings need it
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    # pdfplumber's lattice steps on the drawn edges alone (its page object, which parses
    # the whole page again, is not needed): snap and join, intersections, cells, tables.
    snap = settings.snap
    merged = merge_edges(vertical + horizontal, snap_x_tolerance=snap, snap_y_tolerance=snap,
                         join_x_tolerance=snap, join_y_tolerance=snap)
    edges = utils.filter_edges(merged, min_length=settings.min_edge)
    edges += _edges_closing_a_break(edges, height, settings)
    cells = intersections_to_cells(edges_to_intersections(edges, snap, snap))
    tables: list[Table] = []
    for group in sorted(cells_to_tables(cells), key=lambda g: min(c[1] for c in g)):
        boxes = [tuple(c) for c in group]
        if any(center_inside(box, t.bbox) for t in tables for box in boxes):
            continue  # a shaded row of a table already read (zebra bands under a header band)
        tables += _grid_tables(boxes, page, header_hint, settings, cut)
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


# ---------------------------------------------------------------- drawings → edges

def _rule_edges(drawings: list[dict], width: float, height: float, settings: TableSettings) -> list[dict]:
    """Horizontal and vertical segments drawn on the page, as pdfplumber edges."""
    edges: list[dict] = []
    for drawing in drawings:
        x0, y0, x1, y1 = drawing["rect"]
        if max(x1 - x0, y1 - y0) < settings.min_rule_length or x1 < 0 or y1 < 0 or x0 > width or y0 > height:
            continue  # dots, glyph pieces and shapes off the page
        if y1 - y0 <= settings.max_pill_height and any(item[0] == "c" for item in drawing["items"]):
            continue  # a rounded bar or chip (a Gantt bar, a label pill) drawn in a cell bounds none
        for item in drawing["items"]:
            kind = item[0]
            if kind == "re":
                edges.extend(_rect_edges(*item[1], settings))
            elif kind == "qu":
                xs, ys = [pt[0] for pt in item[1]], [pt[1] for pt in item[1]]
                edges.extend(_rect_edges(min(xs), min(ys), max(xs), max(ys), settings))
            elif kind == "l":
                edges.extend(_segment_edge(*item[1], *item[2], settings))
    return edges


def _chart_bars(drawings: list[dict], lines: list[Line], settings: TableSettings) -> set[BBox]:
    """The filled bars of bar charts: `min_chart_bars` filled rectangles or more of one
    thickness standing on one base (bars across from one left edge, columns up from one
    bottom edge) whose lengths differ, none holding any text but a number (its value). They
    are the chart's data, not cells: their sides crossing the chart's gridlines would
    otherwise cut a lattice of nonsense cells out of the chart's labels."""
    fills = [tuple(d["rect"]) for d in drawings
             if d.get("fill") is not None and {item[0] for item in d["items"]} <= {"re", "qu", "l"}
             and min(d["rect"][2] - d["rect"][0], d["rect"][3] - d["rect"][1]) > settings.rule_thickness]
    bars: set[BBox] = set()
    for base, thickness, length in ((0, lambda b: b[3] - b[1], lambda b: b[2] - b[0]),   # bars across
                                    (3, lambda b: b[2] - b[0], lambda b: b[3] - b[1])):  # columns up
        groups: list[list[BBox]] = []
        for fill in fills:
            group = next((g for g in groups if abs(g[0][base] - fill[base]) <= settings.snap
                          and abs(thickness(g[0]) - thickness(fill)) <= settings.snap), None)
            if group is None:
                groups.append([fill])
            else:
                group.append(fill)
        for group in groups:
            if len(group) >= settings.min_chart_bars \
                    and len(_snap_positions([length(b) for b in group], settings.snap)) > 1 \
                    and all(_holds_at_most_a_number(bar, lines) for bar in group):
                bars.update(group)
    return bars


def _holds_at_most_a_number(box: BBox, lines: list[Line]) -> bool:
    """No text inside the box, or only a value printed on it (`12`, `12人`, `40%`)."""
    held = normalize_text("".join(ln.text for ln in lines if center_inside(ln.bbox, box))).replace(" ", "")
    return not held or is_quantity(held) or held.replace(",", "").replace(".", "").isdigit()


def _edges_closing_a_break(edges: list[dict], height: float, settings: TableSettings) -> list[dict]:
    """The rulings a page break left out: where a table's column rulings run on past the last
    row ruling they meet, into the page's top or bottom share (browsers and word processors draw
    no border where a row or a merged cell is cut by the break), a ruling across the column
    rulings that end there, so that the cells cut by the break still close."""
    horizontal = [e for e in edges if e["orientation"] == "h"]
    vertical = [e for e in edges if e["orientation"] == "v"]
    snap = settings.snap
    closed: dict[float, dict] = {}
    for rule in vertical:
        met = [h["top"] for h in horizontal
               if h["x0"] - snap <= rule["x0"] <= h["x1"] + snap and rule["top"] - snap <= h["top"] <= rule["bottom"] + snap]
        if not met:
            continue
        for end, y in (("bottom", rule["bottom"]), ("top", rule["top"])):
            cut = y > max(met) + snap and y >= height * (1 - settings.page_edge_share) if end == "bottom" \
                else y < min(met) - snap and y <= height * settings.page_edge_share
            ending = [v["x0"] for v in vertical if abs(v[end] - y) <= snap]
            if cut and len(ending) >= 2 and not any(abs(y - seen) <= snap for seen in closed):
                closed[y] = _edge("h", min(ending), y, max(ending), y)
    return list(closed.values())


def _segment_edge(xa: float, ya: float, xb: float, yb: float, settings: TableSettings) -> list[dict]:
    x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    if bottom - top <= settings.rule_thickness and x1 - x0 >= settings.min_rule_length:
        y = (top + bottom) / 2
        return [_edge("h", x0, y, x1, y)]
    if x1 - x0 <= settings.rule_thickness and bottom - top >= settings.min_rule_length:
        x = (x0 + x1) / 2
        return [_edge("v", x, top, x, bottom)]
    return []


def _rect_edges(x0: float, top: float, x1: float, bottom: float, settings: TableSettings) -> list[dict]:
    """A thin filled rectangle is one ruling; a box contributes its four sides."""
    if min(x1 - x0, bottom - top) <= settings.rule_thickness:
        return _segment_edge(x0, top, x1, bottom, settings)
    return [
        _edge("h", x0, top, x1, top), _edge("h", x0, bottom, x1, bottom),
        _edge("v", x0, top, x0, bottom), _edge("v", x1, top, x1, bottom),
    ]


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


# ---------------------------------------------------------------- cells → grid

def _grid_tables(
    cell_boxes: list[BBox], page: Page, header_hint: HeaderHint | None, settings: TableSettings,
    cut: EdgeCutter | None = None,
) -> list[Table]:
    """Cells (boxes) of one lattice → its tables: a full grid with spans resolved and text
    filled, cut into the blocks a printed spreadsheet's cell grid holds (`_sheet_blocks`)."""
    xs = _snap_positions([c[0] for c in cell_boxes] + [c[2] for c in cell_boxes], settings.snap)
    ys = _snap_positions([c[1] for c in cell_boxes] + [c[3] for c in cell_boxes], settings.snap)
    if len(cell_boxes) < 2:  # a lone box (a framed paragraph) is no table
        return []
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    lines = [ln for ln in page.lines if center_inside(ln.bbox, bbox)]
    if len(xs) == 2 and _zebra_bands(cell_boxes, lines):
        return []  # shaded row bands, not rulings: the columns are in the text
    if len(ys) == 2 and _shaded_value_row(cell_boxes, lines):
        return []  # a shaded body row of a table without rulings: the columns are in the text
    if len(ys) == 2 and _header_band(cell_boxes, lines, settings):
        return _listed(_table_under_band(cell_boxes, xs, page, settings))
    if len(ys) > 2 and (band := _band_over_open_cells(cell_boxes, xs, ys, lines, settings)):
        return _listed(_table_under_band(band, _snap_positions([x for b in band for x in (b[0], b[2])], settings.snap),
                                         page, settings, shaded=[b for b in cell_boxes if b not in band]))
    if any(other != box and center_inside(other, box) for box in cell_boxes for other in cell_boxes):
        return []  # cells inside cells: lines crossing and ending mid-cell (a chart), not one table's rulings
    if cut is not None:
        lines = _cut_across_cells(lines, cell_boxes, cut)
    cells = {box: make_cell(box, lines, page.number) for box in cell_boxes}
    grid: list[list[Cell]] = []
    for top, bottom in zip(ys, ys[1:]):
        row = []
        for left, right in zip(xs, xs[1:]):
            point = ((left + right) / 2, (top + bottom) / 2)
            box = next((b for b in cell_boxes if contains(b, point)), None)
            row.append(cells[box] if box else Cell((), (left, top, right, bottom), page.number))
        grid.append(row)
    tables = []  # none where the lines bound no text (a chart's gridlines and bars): no block holds two texts
    for block in _sheet_blocks(_without_printed_headings(_drop_repeated_rows(grid))):
        header_count = _header_row_count(block, header_hint, settings)
        box = _box_of_cells(block)
        tables.append(Table(page=page.number, bbox=box, header=block[:header_count], rows=block[header_count:],
                            ruled=True, pages=[page.number], page_boxes={page.number: box}))
    return tables


def _cut_across_cells(lines: list[Line], cell_boxes: list[BBox], cut: EdgeCutter) -> list[Line]:
    """The lines, each printed across the edge between two cells of its row cut there."""
    edges: dict[BBox, list[float]] = {}
    for line in lines:
        middle = (line.top + line.bottom) / 2
        crossed = [b[2] for b in cell_boxes if b[1] <= middle <= b[3] and line.x0 < b[2] < line.x1]
        if crossed and not line.vertical:
            edges[line.bbox] = crossed
    if not edges:
        return lines
    pieces = cut(edges)
    return [piece for line in lines for piece in pieces.get(line.bbox, [line])]


def _without_printed_headings(grid: list[list[Cell]]) -> list[list[Cell]]:
    """A spreadsheet printed with its row and column headings: the headings are page
    furniture (`furniture.sheet_headings`), which leaves their row and column of the
    lattice empty, but for a row number MuPDF printed on one line with the first cell's
    text (`10 Lv.2`), cut off at the cell's edge: a first row left empty over a first
    column holding nothing but such numbers goes, with that column."""
    if len(grid) < 2 or len(grid[0]) < 2 or not all(cell.empty for cell in grid[0]):
        return grid
    numbers = [row[0].normalized for row in grid if not row[0].empty]
    if not numbers or not all(_ROW_NUMBER.fullmatch(n) for n in numbers):
        return grid
    return [row[1:] for row in grid[1:]]


_ROW_NUMBER = re.compile(r"\d{1,5}")


def _listed(table: Table | None) -> list[Table]:
    return [] if table is None else [table]


def _sheet_blocks(grid: list[list[Cell]]) -> list[list[list[Cell]]]:
    """The tables a lattice holds. A spreadsheet printed with its gridlines is one lattice
    over the whole print area: a title cell, blank rows, a table, a blank row, a legend …
    So the grid is cut at its empty rows, each block loses its empty columns, and a block's
    leading rows holding one text that does not span the row (a title, a section label, a
    `(単位：人)` note, over a row of several labels) are left out of it, as is a block with
    fewer than two rows of several texts (a title and date block, a lone note): their lines
    are read as text (a caption, a legend, the cover's facts). A ruled table's merged title
    across its whole width stays its top header row. A grid without empty rows, titles or
    empty columns is one table, as printed, whatever its rows hold."""
    blocks: list[list[list[Cell]]] = [[]]
    for row in grid:
        if all(cell.empty for cell in row):
            blocks.append([])
        else:
            blocks[-1].append(row)
    if len(blocks) == 1 and grid and not _lone_title(grid[0]):
        return [grid]  # one table (a row cut off by a page break is one too)
    found = []
    for block in blocks:
        first = next((i for i, row in enumerate(block) if not _lone_title(row)), len(block))
        block = _without_empty_columns(block[first:])
        if sum(len(distinct(_filled(row))) >= 2 for row in block) >= 2:
            found.append(block)
    return found


def _filled(row: list[Cell]) -> list[Cell]:
    return [cell for cell in row if not cell.empty]


def _lone_title(row: list[Cell]) -> bool:
    """At most one text in the row, its other slots empty cells (not the same merged cell)."""
    return len(distinct(_filled(row))) <= 1 and any(cell.empty for cell in row)


def _without_empty_columns(block: list[list[Cell]]) -> list[list[Cell]]:
    keep = [c for c in range(len(block[0]) if block else 0) if any(not row[c].empty for row in block)]
    return [[row[c] for c in keep] for row in block] if block else block


def _box_of_cells(block: list[list[Cell]]) -> BBox:
    """The box of a block's slots (a merged cell's box may reach into columns left out)."""
    first, last = block[0], block[-1]
    return (first[0].bbox[0], first[0].bbox[1], last[-1].bbox[2], last[-1].bbox[3])


def _zebra_bands(cell_boxes: list[BBox], lines: list[Line]) -> bool:
    """A column of filled bands each holding one printed row of texts set apart by more than
    an em (cells of columns no ruling separates): the shaded rows of a table without lines."""
    rows = [line_rows([ln for ln in lines if center_inside(ln.bbox, box)]) for box in cell_boxes]
    if not all(len(printed) == 1 for printed in rows):
        return False
    ordered = [sorted(row, key=lambda ln: ln.x0) for (row,) in rows]
    return any(any(b.x0 - a.x1 > a.size for a, b in zip(row, row[1:])) for row in ordered)


def _shaded_value_row(cell_boxes: list[BBox], lines: list[Line]) -> bool:
    """One row of boxes, two of them or more holding a count or share (`10人`, `80%`): a
    shaded body row of a table without rulings (one zebra row under an unshaded header)."""
    held = [normalize_text(" ".join(ln.text for ln in lines if center_inside(ln.bbox, box))).replace(" ", "")
            for box in cell_boxes]
    return sum(is_quantity(text) for text in held) >= 2


def _header_band(cell_boxes: list[BBox], lines: list[Line], settings: TableSettings) -> bool:
    """One row of boxes, each holding at most a short label (wrapped or not): the filled header
    cells of a table whose body has no rulings (a designed page's or spreadsheet's coloured
    header row; zebra-shaded body rows look alike and are taken in by the table above them)."""
    held = ["".join(ln.text for ln in lines if center_inside(ln.bbox, box)) for box in cell_boxes]
    return sum(bool(label) for label in held) >= 2 and all(len(label) <= settings.max_header_label for label in held)


def _band_over_open_cells(
    cell_boxes: list[BBox], xs: list[float], ys: list[float], lines: list[Line], settings: TableSettings,
) -> list[BBox] | None:
    """The boxes of the top row when they are a header band across the whole lattice and
    text lies below them where no box is (a spreadsheet's filled header and filled label
    cells over unfilled ones: the fills are shading, not a grid, so the cells of the rows
    below are in the text's alignment); None otherwise."""
    band = [b for b in cell_boxes if abs(b[1] - ys[0]) <= settings.snap and abs(b[3] - ys[1]) <= settings.snap]
    if not band or min(b[0] for b in band) > xs[0] + settings.snap or max(b[2] for b in band) < xs[-1] - settings.snap:
        return None
    slots = [(left, top, right, bottom) for top, bottom in zip(ys[1:], ys[2:]) for left, right in zip(xs, xs[1:])]
    open_slots = [slot for slot in slots
                  if not any(contains(b, ((slot[0] + slot[2]) / 2, (slot[1] + slot[3]) / 2)) for b in cell_boxes)]
    return band if any(center_inside(ln.bbox, slot) for slot in open_slots for ln in lines) else None


def _table_under_band(
    cell_boxes: list[BBox], xs: list[float], page: Page, settings: TableSettings, shaded: Sequence[BBox] = (),
) -> Table | None:
    """The table a shaded header band heads: its boxes give the header cells and the column
    edges; the body is the unruled text below, down to where the table ends
    (`lines_down_to_end`). A `shaded` cell of the body (a filled row label) gives the row it
    stands in; the other rows are in the text's alignment. None when nothing lies below
    (a lone band is no table)."""
    top, bottom = min(b[1] for b in cell_boxes), max(b[3] for b in cell_boxes)
    header = [make_cell((left, top, right, bottom), page.lines, page.number) for left, right in zip(xs, xs[1:])]
    inside = [ln for ln in page.lines if xs[0] - 1 <= ln.x0 and ln.x1 <= xs[-1] + 1 and ln.top >= bottom - 1]
    labels = [ln for ln in page.lines if center_inside(ln.bbox, (xs[0], top, xs[-1], bottom))]
    if not inside or not labels:
        return None
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    body = lines_down_to_end(inside, [(a + b) / 2 for a, b in zip(xs, xs[1:])], pitch, bottom, settings)
    if shaded:  # the body's own cells reach down to their last row, however tall its rows
        end = max(b[3] for b in shaded)
        body += [ln for ln in inside if (ln.top + ln.bottom) / 2 <= end and all(ln is not b for b in body)]
    if not body:
        return None
    bbox = (xs[0], top, xs[-1], max(ln.bottom for ln in body))
    header_gap = min(em_box(ln)[0] for ln in body) - bottom
    bands = sorted({(b[1], b[3]) for b in shaded})
    shaded_rows = [[make_cell((left, band_top, right, band_bottom), body, page.number) for left, right in zip(xs, xs[1:])]
                   for band_top, band_bottom in bands]
    aligned = [ln for ln in body if not any(t <= (ln.top + ln.bottom) / 2 <= b for t, b in bands)]
    rows = [row for row in shaded_rows if not all(cell.empty for cell in row)]
    rows += rows_of_lines(page.number, xs, aligned, header_gap, settings) if aligned else []
    return Table(page=page.number, bbox=bbox, header=[header], rows=sorted(rows, key=lambda row: row[0].bbox[1]),
                 ruled=False, pages=[page.number], page_boxes={page.number: bbox})


def _snap_positions(values: Sequence[float], snap: float) -> list[float]:
    snapped: list[float] = []
    for value in sorted(values):
        if not snapped or value - snapped[-1] > snap:
            snapped.append(value)
    return snapped


def _drop_repeated_rows(grid: list[list[Cell]]) -> list[list[Cell]]:
    """Row bands that only exist because a neighbouring column is split hold the
    same cells as the band above in every column: keep one."""
    kept: list[list[Cell]] = []
    for row in grid:
        if kept and all(a is b for a, b in zip(row, kept[-1])):
            continue
        kept.append(row)
    return kept


def _header_row_count(grid: list[list[Cell]], hint: HeaderHint | None, settings: TableSettings) -> int:
    """The first row is a header when its cells are labels, unless its first cell opens
    a numbered series the rows below go on (`レベル1`, `レベル2` …: a legend's or ladder's
    rows, no header); a header cell spanning columns that the next row splits makes that
    row a header too."""
    if len(grid) < 2 or not _looks_like_header(grid[0], hint, settings) or _numbered_series(grid[0][0], grid[1][0]):
        return 0
    count = 1
    while count < len(grid) - 1 and _spans_split_below(grid[count - 1], grid[count]) \
            and _looks_like_header(grid[count], hint, settings):
        count += 1
    return count


def _looks_like_header(row: list[Cell], hint: HeaderHint | None, settings: TableSettings) -> bool:
    """Labels without bullets, none a sentence (`…を作成する。` is a body row's text, as at the
    top of a page continuing a table), all short, or all fairly short with one the hint knows
    (`デジタル人材として保有すべき知識・スキル（例）`)."""
    labels = [c.normalized for c in distinct(row) if not c.empty]
    if not labels or any(c.items()[1] for c in distinct(row)) or any(label.endswith("。") for label in labels):
        return False
    if all(len(label) <= settings.max_header_label for label in labels):
        return True
    return hint is not None and any(map(hint, labels)) and all(len(label) <= settings.max_hinted_label for label in labels)


def _numbered_series(first: Cell, second: Cell) -> bool:
    """Two cells that read alike but for their numbers (`レベル1` / `レベル2`, `Step1` / `Step2`)."""
    a, b = first.normalized, second.normalized
    return any(ch.isdigit() for ch in a) and a != b and _DIGITS.sub("0", a) == _DIGITS.sub("0", b)


_DIGITS = re.compile(r"\d+")


def _spans_split_below(upper: list[Cell], lower: list[Cell]) -> bool:
    return any(upper[i] is upper[i + 1] and lower[i] is not lower[i + 1] for i in range(len(upper) - 1))
