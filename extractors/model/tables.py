"""Tables of a PDF page as grids of cells, whatever their ruling.

`read_tables(layout, page_numbers)` is the one entry point. It returns one
`Table` per printed table, with

- merged cells resolved: every (row, column) slot of `Table.rows` holds the
  `Cell` printed there, so a cell spanning three rows appears in all three;
- multi-line cells kept as their printed lines (`Cell.lines`), vertical text
  (`管/理/職`) included, so callers can split bulleted items;
- the header rows separated from the body (`Table.header`), two-level headers
  included (`Table.header_path(col)`), letter-spaced labels normalized
  (`Table.columns`: `職 級` → `職級`);
- a table that runs over a page break merged into one (its repeated header
  dropped, a group cell cut by the break carried on);
- the strategy chosen per table by the evidence on its page: ruling lines
  (cells from the drawn edges); shaded row bands without lines (the fills
  give no columns: the text's alignment does); a shaded header band over an
  unruled body (the band's cells give the columns); neither (text alignment);
- texts on cards side by side (filled or framed panels of a designed page or
  slide) read apart, never as the cells of one row;
- tables without ruling lines read from the positioned text lines when the
  caller says what their header words look like (`header_hint`): several per
  page, a header label wrapped onto two lines joined, a two-level header (a
  label spanning the labels under it), neighbouring cells that the producer
  printed as one line cut at the gutter between them, rows cut by a page
  break continued with the same columns, a repeated header dropped; and,
  whatever their words, rows of texts side by side under a row of labels
  (`aligned_tables`, which the document model asks for what looks like a figure);
- a table printed sideways read as its transpose (`Table.transposed`).

Geometry comes from the page's vector drawings (read with PyMuPDF, which is
fast even on pages with thousands of tiny fills) fed to pdfplumber's lattice
finder; the text comes from the layout's PyMuPDF lines, which keep the real
characters (pdfplumber yields Kangxi radicals such as `⼈` for some fonts).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pymupdf

from jinzai.extractors.model.cell_lines import cut_at_gutters
from jinzai.extractors.layout import BBox, Line, Page, PdfLayout
from jinzai.normalizers.legends import parse_legend
from jinzai.normalizers.text import normalize_text, split_list

HeaderHint = Callable[[str], bool]
"""Whether a normalized cell text is a header word of a table the caller wants."""

# A ruling segment is thinner than this (points); thicker fills are boxes.
_RULE_THICKNESS = 2.0
# Segments shorter than this are text decorations or dots, not table rulings.
_MIN_RULE_LENGTH = 5.0
# Distance (points) within which two x or y positions are the same grid line.
_SNAP = 3.0
# Merged edges shorter than this bound no cell.
_MIN_EDGE = 3.0
# A table that continues on the next page ends within this share of the page bottom
# and the continuation starts within this share of the page top.
_PAGE_EDGE_SHARE = 0.25
# A filled or framed box holding at least this many printed rows, beside another such box,
# is a panel (a card) whose texts are read apart from the rest of the page.
_MIN_PANEL_ROWS = 3
# In an unruled table, lines whose gaps are all below this share of the gap
# between two rows are the wrapped lines of one row.
_CELL_LINE_GAP_SHARE = 0.6
# A header label wraps onto a line whose em box starts less than this share of a
# line below the label's (the body starts after the cell padding).
_WRAPPED_LABEL_GAP = 0.35


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: its text lines top to bottom and its box."""

    lines: tuple[str, ...]
    bbox: BBox
    page: int

    @property
    def text(self) -> str:
        """The printed lines joined by newlines (not normalized)."""
        return "\n".join(self.lines)

    @property
    def normalized(self) -> str:
        """The cell as one normalized string (line breaks joined, widths folded)."""
        return normalize_text(self.text)

    @property
    def empty(self) -> bool:
        return not any(line.strip() for line in self.lines)

    def items(self) -> tuple[str | None, list[str]]:
        """(lead text, bulleted or numbered items), normalized (`split_list`)."""
        return split_list(self.text)


@dataclass(slots=True)
class Table:
    """A table: header rows and body rows, each a full grid row (spans resolved).

    `page` is the page the table starts on; `row_page(i)` is where body row i
    is printed (rows of a continuation are on the next page).
    """

    page: int
    bbox: BBox
    header: list[list[Cell]]
    rows: list[list[Cell]]
    ruled: bool = True
    pages: list[int] = field(default_factory=list)
    page_boxes: dict[int, BBox] = field(default_factory=dict)
    """The table's box on each of its pages (`bbox` is the first page's)."""

    @property
    def n_cols(self) -> int:
        grid = self.header or self.rows
        return len(grid[0]) if grid else 0

    def row_page(self, index: int) -> int:
        """The page body row `index` is printed on (a group cell carried over a
        page break keeps its first page, so the latest page of the row's cells)."""
        return max(cell.page for cell in self.rows[index])

    def header_path(self, col: int) -> tuple[str, ...]:
        """The header labels above a column, top-down, normalized, repeats removed
        (a two-level header gives ('対象者', '推進リーダー'))."""
        path: list[str] = []
        for row in self.header:
            label = row[col].normalized
            if label and (not path or path[-1] != label):
                path.append(label)
        return tuple(path)

    @property
    def columns(self) -> list[str]:
        """The lowest header label of each column, normalized ('' where none)."""
        return [(self.header_path(c) or ("",))[-1] for c in range(self.n_cols)]

    def transposed(self) -> Table:
        """The table read sideways: its first column is the header row, each further
        column a body row (for tables printed with one column per record)."""
        grid = [*self.header[-1:], *self.rows]
        header = [row[0] for row in grid]
        rows = [[row[col] for row in grid] for col in range(1, self.n_cols)]
        return Table(page=self.page, bbox=self.bbox, header=[header], rows=rows, ruled=self.ruled,
                     pages=list(self.pages), page_boxes=dict(self.page_boxes))


# ---------------------------------------------------------------- public entry point

def read_tables(
    layout: PdfLayout,
    page_numbers: Iterable[int] | None = None,
    *,
    header_hint: HeaderHint | None = None,
) -> list[Table]:
    """The tables of the given 1-based pages (all pages when None), in reading order.

    Ruled tables are found from the drawings. On a page without any, and only
    when `header_hint` is given, a table is read from the text lines starting
    at a row of at least two cells that the hint accepts. A table reaching the
    bottom of a requested page is followed onto the next page even when that
    page was not requested (a continuation need not repeat its header).
    """
    wanted = sorted(set(page_numbers)) if page_numbers is not None else [p.number for p in layout.pages]
    tables: list[Table] = []
    extra: set[int] = set()  # pages read only for a continuation
    doc = layout.document
    # Text and drawings come in the unrotated page's coordinates, so its height
    # (not the displayed one of a page turned to landscape) says where the bottom is.
    heights = {n: doc[n - 1].cropbox.height for n in range(1, layout.page_count + 1)}
    pending = list(wanted)
    while pending:
        number = pending.pop(0)
        found = _page_tables(layout, doc, number, header_hint)
        continuation = _unruled_continuation(layout, number, tables[-1] if tables else None, found, heights)
        if continuation is not None:
            found.insert(0, continuation)
        if number in extra:
            found = found[:1]  # only the top table can continue the one before
        tables.extend(found)
        following = number + 1
        if found and _reaches_bottom(found[-1], heights) and following <= layout.page_count \
                and following not in wanted and following not in extra:
            extra.add(following)
            pending.insert(0, following)
    merged = _merge_continuations(tables, layout, heights)
    return [t for t in merged if t.page not in extra]


def _page_tables(layout: PdfLayout, doc: pymupdf.Document, number: int, header_hint: HeaderHint | None) -> list[Table]:
    """The ruled tables of a page and, where none of them has a header the hint
    knows, an unruled table printed outside them."""
    page = layout.pages[number - 1]
    found = _ruled_tables(layout, doc[number - 1], page, header_hint)
    if header_hint is None or any(_hinted_header(t, header_hint) for t in found):
        return found
    outside = [ln for ln in page.lines if not any(center_inside(ln.bbox, t.bbox) for t in found)]
    unruled = [table for group in _by_panel(layout.drawings(number), outside)
               for table in _unruled_tables(page, cut_at_gutters(layout, page, group), header_hint)]
    for frame in [t for t in found if t.n_cols == 1]:  # a box drawn around the text, not a grid
        inside = cut_at_gutters(layout, page, [ln for ln in page.lines if center_inside(ln.bbox, frame.bbox)])
        framed = _unruled_tables(page, inside, header_hint)
        if framed:
            found.remove(frame)
            unruled += framed
    return sorted(found + unruled, key=lambda t: (t.bbox[1], t.bbox[0]))


def _by_panel(drawings: list[dict], lines: list[Line]) -> list[list[Line]]:
    """The lines grouped by the panel (a filled or framed card of a designed page or slide) they
    are printed on, the lines on no panel last: texts on two cards side by side are no table's
    row. A panel holds several printed rows and has another panel beside it (a shaded header
    band or column of one table stands alone)."""
    rows = _line_rows(lines)
    boxes: list[BBox] = []
    for drawing in sorted(drawings, key=lambda d: _area(d["rect"])):
        box = tuple(drawing["rect"])
        if any(center_inside(box, b) for b in boxes):
            continue
        if sum(any(center_inside(ln.bbox, box) for ln in row) for row in rows) >= _MIN_PANEL_ROWS:
            boxes.append(box)
    panels = [b for b in boxes if any(_side_by_side(b, other) for other in boxes)]
    if not panels:
        return [lines]
    groups: dict[int, list[Line]] = {}
    for line in lines:
        home = next((i for i, p in enumerate(panels) if center_inside(line.bbox, p)), len(panels))
        groups.setdefault(home, []).append(line)
    return [groups[i] for i in sorted(groups)]


def _side_by_side(a: BBox, b: BBox) -> bool:
    """Two boxes at the same height, apart from each other horizontally."""
    return (a[2] <= b[0] or b[2] <= a[0]) and a[1] < b[3] and b[1] < a[3]


def _area(rect: Sequence[float]) -> float:
    return (rect[2] - rect[0]) * (rect[3] - rect[1])


def _hinted_header(table: Table, hint: HeaderHint) -> bool:
    return any(hint(label) for col in range(table.n_cols) for label in table.header_path(col))


def _reaches_bottom(table: Table, heights: dict[int, float]) -> bool:
    return table.bbox[3] >= heights[table.page] * (1 - _PAGE_EDGE_SHARE)


# ---------------------------------------------------------------- ruled tables

def _rule_edges(drawings: list[dict], width: float, height: float) -> list[dict]:
    """Horizontal and vertical segments drawn on the page, as pdfplumber edges."""
    edges: list[dict] = []
    for drawing in drawings:
        x0, y0, x1, y1 = drawing["rect"]
        if max(x1 - x0, y1 - y0) < _MIN_RULE_LENGTH or x1 < 0 or y1 < 0 or x0 > width or y0 > height:
            continue  # dots, glyph pieces and shapes off the page
        for item in drawing["items"]:
            kind = item[0]
            if kind == "re":
                edges.extend(_rect_edges(*item[1]))
            elif kind == "qu":
                xs, ys = [pt[0] for pt in item[1]], [pt[1] for pt in item[1]]
                edges.extend(_rect_edges(min(xs), min(ys), max(xs), max(ys)))
            elif kind == "l":
                edges.extend(_segment_edge(*item[1], *item[2]))
    return edges


def _segment_edge(xa: float, ya: float, xb: float, yb: float) -> list[dict]:
    x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    if bottom - top <= _RULE_THICKNESS and x1 - x0 >= _MIN_RULE_LENGTH:
        y = (top + bottom) / 2
        return [_edge("h", x0, y, x1, y)]
    if x1 - x0 <= _RULE_THICKNESS and bottom - top >= _MIN_RULE_LENGTH:
        x = (x0 + x1) / 2
        return [_edge("v", x, top, x, bottom)]
    return []


def _rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
    """A thin filled rectangle is one ruling; a box contributes its four sides."""
    if min(x1 - x0, bottom - top) <= _RULE_THICKNESS:
        return _segment_edge(x0, top, x1, bottom)
    return [
        _edge("h", x0, top, x1, top), _edge("h", x0, bottom, x1, bottom),
        _edge("v", x0, top, x0, bottom), _edge("v", x1, top, x1, bottom),
    ]


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def _ruled_tables(
    layout: PdfLayout, drawing_page: pymupdf.Page, page: Page, header_hint: HeaderHint | None,
) -> list[Table]:
    edges = _rule_edges(layout.drawings(page.number), drawing_page.cropbox.width, drawing_page.cropbox.height)
    edges += [edge for rule in page.rules for edge in _segment_edge(*rule)]  # a scanned page's rulings
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    from pdfplumber import utils  # deferred: only pages with rulings need it
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    # pdfplumber's lattice steps on the drawn edges alone (its page object, which parses
    # the whole page again, is not needed): snap and join, intersections, cells, tables.
    merged = merge_edges(vertical + horizontal, snap_x_tolerance=_SNAP, snap_y_tolerance=_SNAP,
                         join_x_tolerance=_SNAP, join_y_tolerance=_SNAP)
    edges = utils.filter_edges(merged, min_length=_MIN_EDGE)
    cells = intersections_to_cells(edges_to_intersections(edges, _SNAP, _SNAP))
    tables = []
    for group in sorted(cells_to_tables(cells), key=lambda g: min(c[1] for c in g)):
        boxes = [tuple(c) for c in group]
        if any(center_inside(box, t.bbox) for t in tables for box in boxes):
            continue  # a shaded row of a table already read (zebra bands under a header band)
        table = _grid_table(boxes, page, header_hint)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _grid_table(cell_boxes: list[BBox], page: Page, header_hint: HeaderHint | None) -> Table | None:
    """Cells (boxes) of one table → a full grid with spans resolved and text filled."""
    xs = _snap_positions([c[0] for c in cell_boxes] + [c[2] for c in cell_boxes])
    ys = _snap_positions([c[1] for c in cell_boxes] + [c[3] for c in cell_boxes])
    if len(cell_boxes) < 2:  # a lone box (a framed paragraph) is no table
        return None
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    lines = [ln for ln in page.lines if center_inside(ln.bbox, bbox)]
    if len(xs) == 2 and _zebra_bands(cell_boxes, lines):
        return None  # shaded row bands, not rulings: the columns are in the text
    if len(ys) == 2 and _header_band(cell_boxes, lines):
        return _table_under_band(cell_boxes, xs, page)
    cells = {box: _make_cell(box, lines, page.number) for box in cell_boxes}
    grid: list[list[Cell]] = []
    for top, bottom in zip(ys, ys[1:]):
        row = []
        for left, right in zip(xs, xs[1:]):
            point = ((left + right) / 2, (top + bottom) / 2)
            box = next((b for b in cell_boxes if _contains(b, point)), None)
            row.append(cells[box] if box else Cell((), (left, top, right, bottom), page.number))
        grid.append(row)
    grid = _drop_repeated_rows(grid)
    header_count = _header_row_count(grid, header_hint)
    return Table(page=page.number, bbox=bbox, header=grid[:header_count], rows=grid[header_count:],
                 ruled=True, pages=[page.number], page_boxes={page.number: bbox})


def _zebra_bands(cell_boxes: list[BBox], lines: list[Line]) -> bool:
    """A column of filled bands each holding one printed row of texts set apart by more than
    an em (cells of columns no ruling separates): the shaded rows of a table without lines."""
    rows = [_line_rows([ln for ln in lines if center_inside(ln.bbox, box)]) for box in cell_boxes]
    if not all(len(printed) == 1 for printed in rows):
        return False
    ordered = [sorted(row, key=lambda ln: ln.x0) for (row,) in rows]
    return any(any(b.x0 - a.x1 > a.size for a, b in zip(row, row[1:])) for row in ordered)


def _header_band(cell_boxes: list[BBox], lines: list[Line]) -> bool:
    """One row of boxes, each holding at most a short label (wrapped or not): the filled header
    cells of a table whose body has no rulings (a designed page's or spreadsheet's coloured
    header row; zebra-shaded body rows look alike and are taken in by the table above them)."""
    held = ["".join(ln.text for ln in lines if center_inside(ln.bbox, box)) for box in cell_boxes]
    return sum(bool(label) for label in held) >= 2 and all(len(label) <= _MAX_HEADER_LABEL for label in held)


def _table_under_band(cell_boxes: list[BBox], xs: list[float], page: Page) -> Table | None:
    """The table a shaded header band heads: its boxes give the header cells and the column
    edges; the body is the unruled text below, down to where the table ends
    (`_lines_down_to_end`). None when nothing lies below (a lone band is no table)."""
    top, bottom = min(b[1] for b in cell_boxes), max(b[3] for b in cell_boxes)
    header = [_make_cell((left, top, right, bottom), page.lines, page.number) for left, right in zip(xs, xs[1:])]
    inside = [ln for ln in page.lines if xs[0] - 1 <= ln.x0 and ln.x1 <= xs[-1] + 1 and ln.top >= bottom - 1]
    labels = [ln for ln in page.lines if center_inside(ln.bbox, (xs[0], top, xs[-1], bottom))]
    if not inside or not labels:
        return None
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    body = _lines_down_to_end(inside, [(a + b) / 2 for a, b in zip(xs, xs[1:])], pitch, bottom)
    if not body:
        return None
    bbox = (xs[0], top, xs[-1], max(ln.bottom for ln in body))
    header_gap = min(_em_box(ln)[0] for ln in body) - bottom
    return Table(page=page.number, bbox=bbox, header=[header], rows=_rows_of_lines(page.number, xs, body, header_gap),
                 ruled=False, pages=[page.number], page_boxes={page.number: bbox})


def _snap_positions(values: Sequence[float]) -> list[float]:
    snapped: list[float] = []
    for value in sorted(values):
        if not snapped or value - snapped[-1] > _SNAP:
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


def _header_row_count(grid: list[list[Cell]], hint: HeaderHint | None) -> int:
    """The first row is a header when its cells are labels; a header cell
    spanning columns that the next row splits makes that row a header too."""
    if len(grid) < 2 or not _looks_like_header(grid[0], hint):
        return 0
    count = 1
    while count < len(grid) - 1 and _spans_split_below(grid[count - 1], grid[count]) \
            and _looks_like_header(grid[count], hint):
        count += 1
    return count


# Header labels are short; one the caller's hint recognises may be longer
# (`デジタル人材として保有すべき知識・スキル（例）`).
_MAX_HEADER_LABEL = 20
_MAX_HINTED_LABEL = 40


def _looks_like_header(row: list[Cell], hint: HeaderHint | None) -> bool:
    """Labels without bullets, all short, or all fairly short with one the hint knows."""
    labels = [c.normalized for c in _distinct(row) if not c.empty]
    if not labels or any(_has_items(c) for c in _distinct(row)):
        return False
    if all(len(label) <= _MAX_HEADER_LABEL for label in labels):
        return True
    return hint is not None and any(map(hint, labels)) and all(len(label) <= _MAX_HINTED_LABEL for label in labels)


def _has_items(cell: Cell) -> bool:
    return bool(cell.items()[1])


def _spans_split_below(upper: list[Cell], lower: list[Cell]) -> bool:
    return any(upper[i] is upper[i + 1] and lower[i] is not lower[i + 1] for i in range(len(upper) - 1))


def _distinct(row: list[Cell]) -> list[Cell]:
    seen: list[Cell] = []
    for cell in row:
        if not any(cell is s for s in seen):
            seen.append(cell)
    return seen


def _make_cell(box: BBox, lines: list[Line], page: int) -> Cell:
    inside = [ln for ln in lines if center_inside(ln.bbox, box)]
    return Cell(tuple(_visual_lines(inside)), box, page)


def _visual_lines(lines: list[Line]) -> list[str]:
    """Lines sharing a baseline (PyMuPDF may cut one printed line in pieces) joined,
    top to bottom."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    texts = [" ".join(ln.text.strip() for ln in sorted(row, key=lambda ln: ln.x0)) for row in rows]
    return [_UNMAPPED_BULLET.sub("・", text) for text in texts]


# A glyph without a Unicode mapping opening a cell line: fonts often leave their
# bullet symbols unmapped, and PyMuPDF gives them as U+0000 or U+FFFD.
_UNMAPPED_BULLET = re.compile(r"^[\x00\ufffd](?=\S)")


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def spans_whole_row(row: list[Cell]) -> bool:
    """A group row: one cell across the whole table (`DX推進リーダー` over its rows)."""
    return len(row) > 1 and all(cell is row[0] for cell in row)


def center_inside(inner: BBox, outer: BBox) -> bool:
    """Whether the centre of box `inner` lies in box `outer` (a line printed in a table or cell)."""
    return _contains(outer, ((inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2))


def _contains(box: BBox, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


# ---------------------------------------------------------------- continuation over a page break

def _merge_continuations(tables: list[Table], layout: PdfLayout, heights: dict[int, float]) -> list[Table]:
    merged: list[Table] = []
    last_piece: Table | None = None  # the part of merged[-1] printed on its last page
    for table in tables:
        if merged and last_piece is not None and _continues(merged[-1], last_piece, table, layout, heights):
            _append_continuation(merged[-1], table)
        else:
            merged.append(table)
        last_piece = table
    return merged


def _continues(prev: Table, last_piece: Table, nxt: Table, layout: PdfLayout, heights: dict[int, float]) -> bool:
    """The next page's first table continues this one: the last piece ends near
    the page bottom, the next starts near the top with nothing but a running
    header above it, with the same columns, and a header there repeats this one's."""
    next_page = layout.pages[nxt.page - 1]
    if nxt.page != last_piece.page + 1 or prev.n_cols != nxt.n_cols or not _reaches_bottom(last_piece, heights):
        return False
    if nxt.bbox[1] > heights[nxt.page] * _PAGE_EDGE_SHARE or _text_above(next_page, nxt.bbox[1]):
        return False
    if nxt.header and not _same_header(prev, nxt):
        return False
    return _same_columns(last_piece, nxt)


def _same_header(a: Table, b: Table) -> bool:
    return bool(a.header) and [c.normalized for c in a.header[-1]] == [c.normalized for c in b.header[-1]]


def _text_above(page: Page, top: float) -> bool:
    """Body text (not a running header or page number) printed above `top`."""
    body = [ln for ln in page.lines if ln.bottom < top]
    return any(len(ln.text.strip()) > 4 for ln in body)


def _same_columns(a: Table, b: Table) -> bool:
    """The columns start at the same places: the cells' edges, or in tables without
    rulings, whose cut between columns depends on each page's texts, the header labels."""
    unruled_headers = not a.ruled and not b.ruled and a.header and b.header
    ref_a = a.header[-1] if unruled_headers else a.rows[-1] if a.rows else a.header[-1]
    ref_b = b.header[-1] if unruled_headers else b.rows[0] if b.rows else b.header[-1]
    return all(abs(x.bbox[0] - y.bbox[0]) <= 2 * _SNAP for x, y in zip(ref_a, ref_b) if x is not None)


def _append_continuation(prev: Table, nxt: Table) -> None:
    """Append `nxt`'s body; an empty cell in its first row whose column held a
    value in the last row before the break continues that (group) cell. Without
    rulings, only a first column's cell can be seen to span rows (an empty mark
    cell is empty)."""
    rows = [list(r) for r in nxt.rows]
    if rows and prev.rows:
        for col, cell in enumerate(rows[0] if prev.ruled else rows[0][:1]):
            if cell.empty and not prev.rows[-1][col].empty:
                carried = prev.rows[-1][col]
                for row in rows:
                    if row[col] is cell:
                        row[col] = carried
    prev.rows.extend(rows)
    prev.pages.append(nxt.page)
    prev.page_boxes[nxt.page] = nxt.bbox


# ---------------------------------------------------------------- tables without rulings

def aligned_tables(page: Page, lines: list[Line]) -> list[Table]:
    """Tables printed without rulings whose header words no reader's hint knows, from the
    alignment of their texts alone: a row of short labels over two rows or more."""
    return [t for t in _unruled_tables(page, lines, lambda _: True) if len(t.rows) >= 2]


def _unruled_tables(page: Page, lines: list[Line], header_hint: HeaderHint) -> list[Table]:
    """Tables printed without rulings, top to bottom: a row of short labels, two
    of them hint words, is a header; the body runs down to a line spanning two
    columns (prose after the table) or a wide gap; columns are cut at the white
    gutters of the body, rows at gaps wider than the line spacing inside a cell."""
    tables: list[Table] = []
    below = float("-inf")  # the bottom of the last table found: the next header is under it
    for header in _line_rows(lines):
        labels = sorted(header, key=lambda ln: ln.x0)
        texts = [normalize_text(ln.text) for ln in labels]
        if min(ln.top for ln in labels) < below or len(labels) < 2 or any(len(t) > _MAX_HEADER_LABEL for t in texts) \
                or sum(map(header_hint, texts)) < 2 or any(split_list(ln.text)[1] for ln in labels):
            continue  # not two hinted short labels, or a list item (a bulleted cell of the body)
        labels = _with_lower_labels(_with_wrapped_labels(labels, lines), lines)
        upper, labels = _with_sub_labels(labels, lines, page.number)
        body = _body_lines(lines, labels)
        if body:
            tables.append(_table_from_lines(page, labels, body, upper))
            below = tables[-1].bbox[3]
    return tables


def _with_sub_labels(labels: list[Line], lines: list[Line], page: int) -> tuple[list[Cell] | None, list[Line]]:
    """A two-level header: where the printed row right under the labels holds two short
    labels or more, all under one label and clear of its neighbours (`受講対象` over
    `管理職 / リーダー / 一般職員`), that label spans them. Returns the upper header row
    (the spanning label's cell over each of its columns, every other label's own cell)
    and the lowest labels; (None, labels) for a one-level header."""
    bottom = max(_em_box(ln)[1] for ln in labels)
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    taken = {id(ln) for ln in labels}
    below = [row for row in _line_rows([ln for ln in lines if id(ln) not in taken and ln.top >= bottom - 1])
             if min(_em_box(ln)[0] for ln in row) - bottom < pitch]
    if not below:
        return None, labels
    subs = sorted(below[0], key=lambda ln: ln.x0)
    if len(subs) < 2 or any(not 2 <= len(normalize_text(ln.text)) <= _MAX_SUB_LABEL for ln in subs):
        return None, labels
    for index, parent in enumerate(labels):
        left = labels[index - 1].x1 if index else float("-inf")
        right = labels[index + 1].x0 if index + 1 < len(labels) else float("inf")
        centre = (parent.x0 + parent.x1) / 2
        if all(left < ln.x0 and ln.x1 < right for ln in subs) and subs[0].x0 <= centre <= subs[-1].x1:
            subs = _with_wrapped_labels(subs, lines)
            cells = [Cell((ln.text.strip(),), ln.bbox, page) for ln in labels]
            upper = cells[:index] + [cells[index]] * len(subs) + cells[index + 1:]
            return upper, labels[:index] + subs + labels[index + 1:]
    return None, labels


# Sub-labels under a spanning header label are short (`一般職員`, `DX推進リーダー`).
_MAX_SUB_LABEL = 12


def _with_wrapped_labels(labels: list[Line], lines: list[Line]) -> list[Line]:
    """The header labels with the lines they wrap onto (`人材` / `像`): a line right
    under a label's last line, closer than `_WRAPPED_LABEL_GAP` of a line, within
    its width. Where more than half the labels have such a line, that row is the
    body's first (a table without padding), not a wrap: long labels wrap, not most."""
    stacks = [[label] for label in labels]  # each label's printed lines, top down
    while True:
        taken = {id(line) for stack in stacks for line in stack}
        under = [_line_right_under(stack, lines, taken) for stack in stacks]
        found = sum(line is not None for line in under)
        if not found or found > len(labels) / 2:
            break
        for stack, line in zip(stacks, under, strict=True):
            if line is not None:
                stack.append(line)
    return [stack[0] if len(stack) == 1 else Line(
        text="\n".join(line.text for line in stack), page=stack[0].page, size=stack[0].size,
        bbox=(min(ln.x0 for ln in stack), stack[0].top, max(ln.x1 for ln in stack), stack[-1].bottom),
    ) for stack in stacks]


def _line_right_under(stack: list[Line], lines: list[Line], taken: set[int]) -> Line | None:
    first, last = stack[0], stack[-1]
    for line in lines:
        gap = _em_box(line)[0] - _em_box(last)[1]
        within = first.x0 - first.size <= line.x0 and line.x1 <= first.x1 + first.size
        centred = abs((line.x0 + line.x1) / 2 - (first.x0 + first.x1) / 2) <= first.size / 2
        if id(line) not in taken and -1 <= gap < _WRAPPED_LABEL_GAP * last.size and (within or centred):
            return line  # under the label, or centred on it as a merged cell centres its text
    return None


def _with_lower_labels(labels: list[Line], lines: list[Line]) -> list[Line]:
    """The header labels with those printed lower than the header row, in a column of
    their own: a merged cell of a spreadsheet centres its label, so in a header of cells
    of different heights some labels sit between the header's lines (`全職員` beside
    `部局DX` / `推進監`). Such a line lies within the header's height, under no label,
    short, and is no mark."""
    top = min(ln.top for ln in labels)
    bottom = max(ln.bottom for ln in labels)
    taken = {id(ln) for ln in labels}
    lower = [ln for ln in lines if id(ln) not in taken and top < ln.top and ln.bottom <= bottom + 1
             and not any(ln.x0 < label.x1 and label.x0 < ln.x1 for label in labels)
             and 2 <= len(normalize_text(ln.text)) <= _MAX_SUB_LABEL and not parse_legend(ln.text)
             and not any(ln.text in label.text.split("\n") for label in labels)]
    return sorted([*labels, *lower], key=lambda ln: ln.x0) if lower else labels


def _line_rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted((ln for ln in lines if not ln.vertical), key=lambda ln: (ln.top, ln.x0)):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _body_lines(lines: list[Line], labels: list[Line]) -> list[Line]:
    """Lines below the header down to where the table ends (`_lines_down_to_end`)."""
    centres = [(ln.x0 + ln.x1) / 2 for ln in labels]
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    return _lines_down_to_end(lines, centres, pitch, max(_em_box(ln)[1] for ln in labels))


def _lines_down_to_end(lines: list[Line], centres: list[float], pitch: float, top: float,
                       widest: float = 0.0) -> list[Line]:
    """The lines from `top` down to where the table ends, before the first line that
    - reaches over two column centres (prose after the table),
    - follows a gap of several line heights,
    - is printed in larger type than the body (the next heading), or
    - follows a gap wider than any inside the table so far (`widest`, the
      header's gap included) and is a legend or note (`○：…`, `※…`) or starts
      left of every body line (text at the margin, outside the cells' padding)."""
    body: list[Line] = []
    last_bottom = top
    for line in sorted((ln for ln in lines if ln.top >= top - 1), key=lambda ln: (ln.top, ln.x0)):
        line_top, line_bottom = _em_box(line)
        gap = line_top - last_bottom
        spanned = sum(line.x0 < c < line.x1 for c in centres)
        if gap > 4 * pitch or spanned >= 2:
            break
        if body and (line.size >= body[0].size + 1 or gap > widest + 1 and (
                _is_legend_or_note(line) or line.x0 < min(ln.x0 for ln in body) - 1
                and not _group_label_beside_rows(line, lines, centres[0], pitch))):
            break
        widest = max(widest, gap)
        body.append(line)
        last_bottom = max(last_bottom, line_bottom)
    return body


def _group_label_beside_rows(line: Line, lines: list[Line], first_centre: float, pitch: float) -> bool:
    """A line left of the body that is a label of the first column, centred under its
    header label (`共通` under `分類`) with cells of a row beside or just below it: a
    group label that a spreadsheet centred beside its rows, not text after the table."""
    return abs((line.x0 + line.x1) / 2 - first_centre) <= pitch and any(
        other.x0 > line.x1 and line.top - pitch <= other.top <= line.bottom + pitch for other in lines)


def _is_legend_or_note(line: Line) -> bool:
    text = normalize_text(line.text)
    return text.startswith("※") or bool(parse_legend(text))


def _em_box(line: Line) -> tuple[float, float]:
    """(top, bottom) of a line's em box around its middle: the box of a line holding
    a symbol (`○`) reaches further down than the text beside it. A header label
    wrapped onto several lines spans from its first line's em box to its last's."""
    pitch = (line.bottom - line.top) / (line.text.count("\n") + 1)
    return line.top + (pitch - line.size) / 2, line.bottom - (pitch - line.size) / 2


def _column_cuts(labels: list[Line], body: list[Line]) -> list[float]:
    """Between two neighbouring labels, the middle of the widest strip that
    neither body lines nor the header labels cover (the gutter; a label may be
    centred over a column whose cells start further left); failing that, of the
    widest strip no body line covers; where text covers it all, halfway between them."""
    cuts = []
    for a, b in zip(labels, labels[1:]):
        left, right = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
        widest = _widest_gap([*body, *labels], left, right) or _widest_gap(body, left, right)
        cuts.append((widest[1] + widest[2]) / 2 if widest else (a.x1 + b.x0) / 2)
    return cuts


def _widest_gap(lines: list[Line], left: float, right: float) -> tuple[float, float, float] | None:
    """(width, x0, x1) of the widest strip between `left` and `right` that no line covers."""
    covered = sorted((max(ln.x0, left), min(ln.x1, right)) for ln in lines if ln.x1 > left and ln.x0 < right)
    gaps, cursor = [], left
    for x0, x1 in covered:
        if x0 > cursor:
            gaps.append((x0 - cursor, cursor, x0))
        cursor = max(cursor, x1)
    if right > cursor:
        gaps.append((right - cursor, cursor, right))
    return max(gaps, default=None)


def _table_from_lines(page: Page, labels: list[Line], body: list[Line], upper: list[Cell] | None = None) -> Table:
    """The table of its lowest header labels and body lines; `upper`: the row of
    spanning labels above (a column without one repeats its own label's cell)."""
    left = min(ln.x0 for ln in [*labels, *body])
    right = max(ln.x1 for ln in [*labels, *body])
    edges = [left, *_column_cuts(labels, body), right]
    lower = [Cell((ln.text.strip(),), ln.bbox, page.number) for ln in labels]
    header = [lower] if upper is None else [
        upper, [up if up.bbox == low.bbox else low for up, low in zip(upper, lower, strict=True)]]
    top = min(ln.top for ln in labels) if upper is None else min(c.bbox[1] for c in upper)
    bbox = (left, top, right, max(ln.bottom for ln in body))
    header_gap = min(_em_box(ln)[0] for ln in body) - max(_em_box(ln)[1] for ln in labels)
    return Table(page=page.number, bbox=bbox, header=header, ruled=False,
                 rows=_rows_of_lines(page.number, edges, body, header_gap),
                 pages=[page.number], page_boxes={page.number: bbox})


def _rows_of_lines(page: int, edges: list[float], body: list[Line], row_gap: float) -> list[list[Cell]]:
    """Body lines → grid rows between the column edges. Group labels of the first
    column centred beside their rows (a merged cell printed from a spreadsheet) are
    spread over their group (`_centred_groups`); otherwise an empty first cell
    continues the group label above."""
    groups = _centred_groups(edges, body, row_gap)
    if groups is not None:
        bands, labels = groups
        rows = [[_make_cell((x0, top, x1, bottom), body, page) for x0, x1 in zip(edges[1:], edges[2:])]
                for top, bottom in bands]
        return [[labels[r], *row] for r, row in enumerate(rows)]
    rows: list[list[Cell]] = []
    for band_top, band_bottom in _row_bands(body, row_gap):
        row = [_make_cell((x0, band_top, x1, band_bottom), body, page) for x0, x1 in zip(edges, edges[1:])]
        if rows and row[0].empty:
            row[0] = rows[-1][0]  # an empty first cell: the group label above spans this row too
        rows.append(row)
    return rows


def _centred_groups(
    edges: list[float], body: list[Line], row_gap: float,
) -> tuple[list[tuple[float, float]], list[Cell]] | None:
    """Row bands read from every column but the first, and the first column's cell of
    each row, where that column holds group labels centred on their groups: a label
    printed between two rows (in no row's band, the row above having no label) or
    reaching above and below its row's other cells. A label is given to the rows from
    the end of the previous group down to the row that puts it in the middle; the last
    runs to the table's end. None where the first column is no such column."""
    if len(edges) < 3:
        return None
    first = [ln for ln in body if (ln.x0 + ln.x1) / 2 < edges[1]]
    rest = [ln for ln in body if (ln.x0 + ln.x1) / 2 >= edges[1]]
    if not first or not rest:
        return None
    bands = _row_bands(rest, row_gap)
    blocks = _label_blocks(first, statistics.median(ln.size for ln in first))
    if not any(_floats(block, bands, first) or _straddles(block, bands) for block in blocks):
        return None
    page = first[0].page
    labels = [Cell((), (edges[0], top, edges[1], bottom), page) for top, bottom in bands]
    start = 0
    for n, block in enumerate(blocks):
        centre = (block[0].top + block[-1].bottom) / 2
        if start >= len(bands):
            break
        if n == len(blocks) - 1:
            end = len(bands) - 1
        else:
            end = min(range(start, len(bands)), key=lambda e: abs((bands[start][0] + bands[e][1]) / 2 - centre))
        cell = Cell(tuple(ln.text.strip() for ln in block), (edges[0], block[0].top, edges[1], block[-1].bottom), page)
        for r in range(start, end + 1):
            labels[r] = cell
        start = end + 1
    return bands, labels


def _label_blocks(lines: list[Line], size: float) -> list[list[Line]]:
    """A column's lines, top down, grouped where they follow each other closely (a label's wrapped lines)."""
    blocks: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        if blocks and line.top - blocks[-1][-1].bottom < _WRAPPED_LABEL_GAP * size:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _floats(block: list[Line], bands: list[tuple[float, float]], first: list[Line]) -> bool:
    """A label in no row's band, below a row without a label of its own."""
    top, bottom = _em_box(block[0])[0], _em_box(block[-1])[1]
    if any(b_top < bottom and top < b_bottom for b_top, b_bottom in bands):
        return False
    above = [band for band in bands if band[1] <= top]
    return bool(above) and not any(above[-1][0] < _em_box(ln)[1] and _em_box(ln)[0] < above[-1][1] for ln in first)


def _straddles(block: list[Line], bands: list[tuple[float, float]]) -> bool:
    """A label of several lines reaching above and below the one row band it overlaps."""
    top, bottom = _em_box(block[0])[0], _em_box(block[-1])[1]
    overlapped = [band for band in bands if band[0] < bottom and top < band[1]]
    return len(block) > 1 and len(overlapped) == 1 and top < overlapped[0][0] and bottom > overlapped[0][1]


def _unruled_continuation(
    layout: PdfLayout, number: int, previous: Table | None, found: list[Table], heights: dict[int, float],
) -> Table | None:
    """The rows at the top of a page continuing an unruled table that the page
    break cut (the page repeats no header): the lines above the page's first
    table, read with the previous piece's columns down to where a body would end.
    The piece carries the previous header, so that it merges as a continuation."""
    if previous is None or previous.ruled or previous.page != number - 1 or not previous.rows \
            or not previous.header or not _reaches_bottom(previous, heights):
        return None
    page = layout.pages[number - 1]
    limit = found[0].bbox[1] if found else float("inf")
    lines = cut_at_gutters(layout, page, [ln for ln in page.lines if ln.bottom <= limit])
    if not lines:
        return None
    labels = previous.header[-1]
    centres = [(c.bbox[0] + c.bbox[2]) / 2 for c in labels]
    pitch = statistics.median([c.bbox[3] - c.bbox[1] for c in labels])
    row_gap = _widest_row_gap(previous)
    body = _lines_down_to_end(lines, centres, pitch, min(ln.top for ln in lines), row_gap)
    if not body:
        return None
    edges = [previous.rows[-1][0].bbox[0], *(cell.bbox[2] for cell in previous.rows[-1])]
    bbox = (edges[0], min(ln.top for ln in body), edges[-1], max(ln.bottom for ln in body))
    return Table(page=number, bbox=bbox, header=previous.header, rows=_rows_of_lines(number, edges, body, row_gap),
                 ruled=False, pages=[number], page_boxes={number: bbox})


def _widest_row_gap(table: Table) -> float:
    """The widest gap between two rows of an unruled table (its row bands are padded by 1 point)."""
    last = [row[-1].bbox for row in table.rows]
    return max((b[1] - a[3] + 2 for a, b in zip(last, last[1:])), default=0.0)


def _row_bands(body: list[Line], row_gap: float) -> list[tuple[float, float]]:
    """Vertical bands separated by gaps wider than the usual gap between the lines
    of one cell (lines measured by their em boxes). `row_gap` is a gap known to
    part two rows (below the header, or between rows before a page break)."""
    spans = sorted(_em_box(ln) for ln in body)
    merged: list[list[float]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    gaps = [b[0] - a[1] for a, b in zip(merged, merged[1:])]
    if not gaps:
        return [(merged[0][0] - 1, merged[0][1] + 1)]
    # Rows are set apart by more space than the lines inside one cell; where all
    # gaps are alike, every printed line is a row of its own, unless they are all
    # much narrower than a gap between rows (one cell's wrapped lines).
    alike = max(gaps) <= 1.5 * min(gaps) + 1
    if alike and max(gaps) < _CELL_LINE_GAP_SHARE * row_gap:
        return [(merged[0][0] - 1, merged[-1][1] + 1)]
    split_every_line = alike
    threshold = (min(gaps) + max(gaps)) / 2
    bands: list[list[float]] = [merged[0]]
    for (top, bottom), gap in zip(merged[1:], gaps):
        if split_every_line or gap > threshold:
            bands.append([top, bottom])
        else:
            bands[-1][1] = bottom
    return [(top - 1, bottom + 1) for top, bottom in bands]
