"""Tables cut by a page break: the rows at the top of the next page read with the
columns of the piece before, and the pieces merged into one table."""

from __future__ import annotations

import statistics
from collections.abc import Callable

from jinzai.extractors.layout import Line, Page, PdfLayout
from jinzai.extractors.model.cell_lines import cut_at_gutters
from jinzai.extractors.model.tables.aligned import lines_down_to_end, lines_up, rows_of_lines
from jinzai.extractors.model.tables.grid import Table
from jinzai.extractors.model.tables.settings import TableSettings


def reaches_bottom(table: Table, heights: dict[int, float], settings: TableSettings) -> bool:
    """The table ends in the bottom share of its page (it may go on over the break)."""
    return table.bbox[3] >= heights[table.page] * (1 - settings.page_edge_share)


def unruled_continuation(
    layout: PdfLayout, number: int, previous: Table | None, found: list[Table], heights: dict[int, float],
    furniture: Callable[[Line], bool], settings: TableSettings, *, cut_body: list[Line] | None = None,
) -> Table | None:
    """The rows at the top of a page continuing an unruled table that the page
    break cut (the page repeats no header): the lines above the page's first
    table, read with the previous piece's columns down to where a body would end.
    The piece carries the previous header, so that it merges as a continuation.
    Where the previous piece is a header with one row at the page foot (`foot_table`,
    `cut_body` its body lines), the rows must line up with it (`lines_up`)."""
    if previous is None or previous.ruled or previous.page != number - 1 or not previous.rows \
            or not previous.header or not reaches_bottom(previous, heights, settings):
        return None
    page = layout.pages[number - 1]
    limit = found[0].bbox[1] if found else float("inf")
    lines = cut_at_gutters(layout, page, [ln for ln in page.lines if ln.bottom <= limit and not furniture(ln)])
    if not lines:
        return None
    labels = previous.header[-1]
    centres = [(c.bbox[0] + c.bbox[2]) / 2 for c in labels]
    pitch = statistics.median([c.bbox[3] - c.bbox[1] for c in labels])
    row_gap = _widest_row_gap(previous)
    body = lines_down_to_end(lines, centres, pitch, min(ln.top for ln in lines), settings, row_gap)
    edges = [previous.rows[-1][0].bbox[0], *(cell.bbox[2] for cell in previous.rows[-1])]
    line_height = min(c.bbox[3] - c.bbox[1] for c in labels)  # of the table's type, a label's line
    if len({_column_of(ln, edges) for ln in body}) < 2 or any(ln.size > line_height + 1 for ln in body):
        return None  # headings or a lone line at the top of the page, not rows of the table
    bbox = (edges[0], min(ln.top for ln in body), edges[-1], max(ln.bottom for ln in body))
    rows = rows_of_lines(number, edges, body, row_gap, settings)
    if cut_body is not None and not lines_up(previous, cut_body, rows, body, settings):
        return None
    return Table(page=number, bbox=bbox, header=previous.header, rows=rows,
                 ruled=False, pages=[number], page_boxes={number: bbox})


def _column_of(line: Line, edges: list[float]) -> int:
    """The index of the column whose edges hold the line's centre."""
    centre = (line.x0 + line.x1) / 2
    return sum(edge < centre for edge in edges[1:-1])


def _widest_row_gap(table: Table) -> float:
    """The widest gap between two rows of an unruled table (its row bands are padded by 1 point);
    of a table with one row, the gap under its header."""
    last = [row[-1].bbox for row in table.rows]
    if len(last) == 1:
        return max(last[0][1] + 1 - max(cell.bbox[3] for cell in table.header[-1]), 0.0)
    return max((b[1] - a[3] + 2 for a, b in zip(last, last[1:])), default=0.0)


def merge_continuations(
    tables: list[Table], layout: PdfLayout, heights: dict[int, float], settings: TableSettings,
) -> list[Table]:
    """The tables with each continuation on a following page appended to the table it continues."""
    merged: list[Table] = []
    last_piece: Table | None = None  # the part of merged[-1] printed on its last page
    for table in tables:
        if merged and last_piece is not None and _continues(merged[-1], last_piece, table, layout, heights, settings):
            _append_continuation(merged[-1], table)
        else:
            merged.append(table)
        last_piece = table
    return merged


def _continues(
    prev: Table, last_piece: Table, nxt: Table, layout: PdfLayout, heights: dict[int, float], settings: TableSettings,
) -> bool:
    """The next page's first table continues this one: the last piece ends near
    the page bottom, the next starts near the top with nothing but a running
    header above it, with the same columns, and a header there repeats this one's."""
    next_page = layout.pages[nxt.page - 1]
    if nxt.page != last_piece.page + 1 or prev.n_cols != nxt.n_cols \
            or not reaches_bottom(last_piece, heights, settings):
        return False
    if nxt.bbox[1] > heights[nxt.page] * settings.page_edge_share or _text_above(next_page, nxt.bbox[1]):
        return False
    if nxt.header and not _same_header(prev, nxt):
        return False
    return _same_columns(last_piece, nxt, 2 * settings.snap)


def _same_header(a: Table, b: Table) -> bool:
    return bool(a.header) and [c.normalized for c in a.header[-1]] == [c.normalized for c in b.header[-1]]


def _text_above(page: Page, top: float) -> bool:
    """Body text (not a running header or page number) printed above `top`."""
    body = [ln for ln in page.lines if ln.bottom < top]
    return any(len(ln.text.strip()) > 4 for ln in body)


def _same_columns(a: Table, b: Table, tolerance: float) -> bool:
    """The columns start at the same places: the cells' edges, or in tables without
    rulings, whose cut between columns depends on each page's texts, the header labels."""
    unruled_headers = not a.ruled and not b.ruled and a.header and b.header
    ref_a = a.header[-1] if unruled_headers else a.rows[-1] if a.rows else a.header[-1]
    ref_b = b.header[-1] if unruled_headers else b.rows[0] if b.rows else b.header[-1]
    return all(abs(x.bbox[0] - y.bbox[0]) <= tolerance for x, y in zip(ref_a, ref_b) if x is not None)


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
