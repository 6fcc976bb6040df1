"""The one entry point: every table of the requested pages, each read with the strategy
its page's evidence calls for, pieces cut by a page break merged."""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Callable, Iterable, Sequence

from jinzai.extractors.layout import BBox, Line, PdfLayout
from jinzai.extractors.model.cell_lines import cut_at_edges, cut_at_gutters
from jinzai.extractors.model.tables.aligned import foot_table, unruled_tables
from jinzai.extractors.model.tables.boxes import box_grid_tables
from jinzai.extractors.model.tables.continuation import merge_continuations, reaches_bottom, unruled_continuation
from jinzai.extractors.model.tables.grid import HeaderHint, Table, center_inside, line_rows
from jinzai.extractors.model.tables.pairs import pair_row_tables
from jinzai.extractors.model.tables.ruled import ruled_tables
from jinzai.extractors.model.tables.settings import TABLE_SETTINGS, TableSettings
from jinzai.extractors.pdf_library import pymupdf


def read_tables(
    layout: PdfLayout,
    page_numbers: Iterable[int] | None = None,
    *,
    header_hint: HeaderHint | None = None,
    furniture: Callable[[Line], bool] | None = None,
    settings: TableSettings = TABLE_SETTINGS,
) -> list[Table]:
    """The tables of the given 1-based pages (all pages when None), in reading order.

    Ruled tables are found from the drawings; outside them, tables without
    rulings from the alignment of the text lines (`aligned.unruled_tables`),
    where two labels of a header row that `header_hint` accepts are further
    evidence. A table reaching the bottom of a requested page is followed onto the next page even when that
    page was not requested (a continuation need not repeat its header).
    `furniture` tells running titles and page numbers, which no table without
    rulings holds (`jinzai.extractors.model.furniture`).
    """
    furniture = furniture or _nothing
    wanted = sorted(set(page_numbers)) if page_numbers is not None else [p.number for p in layout.pages]
    tables: list[Table] = []
    extra: set[int] = set()  # pages read only for a continuation
    doc = layout.document
    # Text and drawings come in the unrotated page's coordinates, so its height
    # (not the displayed one of a page turned to landscape) says where the bottom is.
    heights = {n: doc[n - 1].cropbox.height for n in range(1, layout.page_count + 1)}
    pending = list(wanted)
    cut: tuple[Table, list[Line]] | None = None  # a header with one row at the foot of the page before
    while pending:
        number = pending.pop(0)
        found, foot = _page_tables(layout, doc, number, header_hint, furniture, heights[number], settings)
        continuation = unruled_continuation(layout, number, tables[-1] if tables else None, found, heights,
                                            furniture, settings)
        if continuation is None and cut is not None and cut[0].page == number - 1:
            continuation = unruled_continuation(layout, number, cut[0], found, heights, furniture, settings,
                                                cut_body=cut[1])
            if continuation is not None:  # the page break cut a table after its first row
                tables.append(cut[0])
        if continuation is not None:
            found.insert(0, continuation)
        if number in extra:
            found, foot = found[:1], None  # only the top table can continue the one before
        tables.extend(found)
        cut = foot if foot is not None and not (found and found[-1].bbox[3] > foot[0].bbox[1]) else None
        following = number + 1
        if (found and reaches_bottom(found[-1], heights, settings) or cut is not None) \
                and following <= layout.page_count and following not in wanted and following not in extra:
            extra.add(following)
            pending.insert(0, following)
    merged = merge_continuations(tables, layout, heights, settings)
    return [t for t in merged if t.page not in extra]


def _page_tables(
    layout: PdfLayout, doc: pymupdf.Document, number: int, header_hint: HeaderHint | None,
    furniture: Callable[[Line], bool], height: float, settings: TableSettings,
) -> tuple[list[Table], tuple[Table, list[Line]] | None]:
    """The ruled tables of a page, its grids of separate boxes, and the tables without
    rulings printed outside them (or in a one-column frame): under a row of labels
    (`unruled_tables`), or a row of label–value pairs (`pair_row_tables`); and a header
    with one row at the page foot (`foot_table`) that a table on the next page may continue."""
    page = layout.pages[number - 1]
    box = doc[number - 1].cropbox
    # Reading a page's drawings costs more than its text (thousands of tiny fills on pages
    # a browser printed): only a page printing texts side by side on a row can hold cells.
    drawings = layout.drawings(number) if page.rules or _rows_side_by_side(page.lines, 1) else []
    # furniture (a running title, a sheet's printed row and column headings) fills no cell
    found = ruled_tables(drawings, replace(page, lines=[ln for ln in page.lines if not furniture(ln)]),
                         box.width, box.height, header_hint, settings,
                         cut=lambda edges: cut_at_edges(layout, page, edges))
    found += box_grid_tables(drawings, page, [t.bbox for t in found], settings)
    outside = [ln for ln in page.lines if not any(center_inside(ln.bbox, t.bbox) for t in found) and not furniture(ln)]
    if header_hint is None and not _rows_side_by_side(outside, settings.min_aligned_rows + 1) \
            and not any(len(row) >= 2 * settings.min_pairs for row in line_rows(outside)):
        return found, None
    unruled: list[Table] = []
    foot = None
    for group in by_panel(drawings, outside, settings):
        lines = cut_at_gutters(layout, page, group)
        tables = unruled_tables(page, lines, header_hint, settings)
        rest = [ln for ln in lines if not any(center_inside(ln.bbox, t.bbox) for t in tables)]
        unruled += tables + pair_row_tables(page, rest, settings)
        foot = foot_table(page, rest, header_hint, settings, height * (1 - settings.page_edge_share)) or foot
    for frame in [t for t in found if t.n_cols == 1]:  # a box drawn around the text, not a grid
        inside = cut_at_gutters(layout, page, [ln for ln in page.lines if center_inside(ln.bbox, frame.bbox)])
        framed = unruled_tables(page, inside, header_hint, settings)
        if framed:
            found.remove(frame)
            unruled += framed
    return sorted(found + unruled, key=lambda t: (t.bbox[1], t.bbox[0])), foot


def by_panel(drawings: list[dict], lines: list[Line], settings: TableSettings) -> list[list[Line]]:
    """The lines grouped by the panel (a filled or framed card of a designed page or slide) they
    are printed on, the lines on no panel last: texts on two cards side by side are no table's
    row. A panel holds several printed rows and has another panel beside it (a shaded header
    band or column of one table stands alone)."""
    rows = line_rows(lines)
    if len(rows) < settings.min_panel_rows:
        return [lines]
    # a panel is at least as tall as its rows and as wide as a short text
    height = settings.min_panel_rows * min(ln.bottom - ln.top for row in rows for ln in row)
    width = 2 * min(ln.size for row in rows for ln in row)
    candidates = {tuple(d["rect"]) for d in drawings
                  if d["rect"][3] - d["rect"][1] >= height and d["rect"][2] - d["rect"][0] >= width}
    boxes: list[BBox] = []
    for box in sorted(candidates, key=_area):
        if any(center_inside(box, b) for b in boxes):
            continue
        if sum(any(center_inside(ln.bbox, box) for ln in row) for row in rows) >= settings.min_panel_rows:
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


def _rows_side_by_side(lines: list[Line], count: int) -> bool:
    """A cheap sign that lines may hold cells: `count` printed rows or more of two texts
    side by side, or of one text with a wide blank inside (cells a producer printed as
    one line); for tables without rulings, before cutting the lines at their gutters,
    which costs a second reading of the page."""
    rows = line_rows(lines)
    return sum(len(row) >= 2 or any(_WIDE_BLANK.search(ln.text) for ln in row) for row in rows) >= count


# Two spaces or more, or an ideographic one, inside a line: cells a producer printed as one line.
_WIDE_BLANK = re.compile(r"\S(?: {2,}|\u3000)\S")


def _nothing(_: Line) -> bool:
    return False

