"""A table as a grid of cells, and the geometry of text lines every strategy shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jinzai.extractors.layout import BBox, Line
from jinzai.normalizers.text import is_sheet_error, normalize_text, split_list

HeaderHint = Callable[[str], bool]
"""Whether a normalized cell text is a header word of a table the caller wants."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: its text lines top to bottom and its box."""

    lines: tuple[str, ...]
    bbox: BBox
    page: int

    @property
    def text(self) -> str:
        """The printed lines joined by newlines (not normalized); a spreadsheet's error
        value (`#N/A`) is no text: the cell holds nothing."""
        return "\n".join(line for line in self.lines if not is_sheet_error(line))

    @property
    def normalized(self) -> str:
        """The cell as one normalized string (line breaks joined, widths folded)."""
        return normalize_text(self.text)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

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
    titles: tuple[str, ...] = ()
    """What the table is printed under, nearest first: its caption (`表3 研修体系`), then the
    headings of its section, innermost first; normalized. Set by the document model: evidence
    of what the table holds where its header words say little (`項目 | 内容 | 備考`) or it has
    no header row."""

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
                     pages=list(self.pages), page_boxes=dict(self.page_boxes), titles=self.titles)


# A count or share with its unit (`58%`, `24人`): a value of a table's body, never a header label.
_QUANTITY = re.compile(r"[\d,.]+\s*(?:%|％|人|名|件|回|時間|円)")


def is_quantity(text: str) -> bool:
    """A normalized cell text that is a count or share with its unit (`58%`, `24人`)."""
    return bool(_QUANTITY.fullmatch(text))


def spans_whole_row(row: list[Cell]) -> bool:
    """A group row: one cell across the whole table (`DX推進リーダー` over its rows)."""
    return len(row) > 1 and all(cell is row[0] for cell in row)


def distinct(row: list[Cell]) -> list[Cell]:
    """The cells of a row, each merged cell once."""
    seen: list[Cell] = []
    for cell in row:
        if not any(cell is s for s in seen):
            seen.append(cell)
    return seen


# ---------------------------------------------------------------- boxes and lines

def center_inside(inner: BBox, outer: BBox) -> bool:
    """Whether the centre of box `inner` lies in box `outer` (a line printed in a table or cell)."""
    return contains(outer, ((inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2))


def contains(box: BBox, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def same_row(a: Line, b: Line) -> bool:
    """Two lines printed on one baseline band (overlapping by more than half the lower one)."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def line_rows(lines: list[Line]) -> list[list[Line]]:
    """Horizontal lines grouped into printed rows, top down (each row in reading order)."""
    rows: list[list[Line]] = []
    for line in sorted((ln for ln in lines if not ln.vertical), key=lambda ln: (ln.top, ln.x0)):
        if rows and same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def em_box(line: Line) -> tuple[float, float]:
    """(top, bottom) of a line's em box around its middle: the box of a line holding
    a symbol (`○`) reaches further down than the text beside it. A header label
    wrapped onto several lines spans from its first line's em box to its last's."""
    pitch = (line.bottom - line.top) / (line.text.count("\n") + 1)
    return line.top + (pitch - line.size) / 2, line.bottom - (pitch - line.size) / 2


def make_cell(box: BBox, lines: list[Line], page: int) -> Cell:
    """The cell of a box holding the lines whose centres lie in it."""
    inside = [ln for ln in lines if center_inside(ln.bbox, box)]
    return Cell(tuple(_visual_lines(inside)), box, page)


def _visual_lines(lines: list[Line]) -> list[str]:
    """Lines sharing a baseline (PyMuPDF may cut one printed line in pieces) joined,
    top to bottom; text set vertically in several columns, one per stack, right to left."""
    stacks = _vertical_stacks(lines)
    if stacks:
        return ["".join(ln.text.strip() for ln in stack) for stack in stacks]
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if rows and same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    texts = [" ".join(ln.text.strip() for ln in sorted(row, key=lambda ln: ln.x0)) for row in rows]
    return [_UNMAPPED_BULLET.sub("・", text) for text in texts]


def _vertical_stacks(lines: list[Line]) -> list[list[Line]] | None:
    """Upright characters set in vertical columns (a narrow header cell's name in vertical
    writing, wrapped onto a second column to its left), each character a line of its own:
    the columns right to left, each top down. None unless every line is one character and
    they stand in two columns or more of closely set characters, the first (rightmost) of two
    characters or more (one column reads as it is)."""
    if len(lines) < 3 or any(len(ln.text.strip()) != 1 for ln in lines):
        return None
    stacks: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: -(ln.x0 + ln.x1)):
        centre = (line.x0 + line.x1) / 2
        home = next((s for s in stacks if abs((s[0].x0 + s[0].x1) / 2 - centre) <= line.size / 2), None)
        if home is None:
            stacks.append([line])
        else:
            home.append(line)
    for stack in stacks:
        stack.sort(key=lambda ln: ln.top)
    if len(stacks) < 2 or len(stacks[0]) < 2 or any(
            b.top - a.bottom > a.size / 2 for stack in stacks for a, b in zip(stack, stack[1:])):
        return None
    return stacks


# A glyph without a Unicode mapping opening a cell line: fonts often leave their
# bullet symbols unmapped, and PyMuPDF gives them as U+0000 or U+FFFD.
_UNMAPPED_BULLET = re.compile(r"^[\x00\ufffd](?=\S)")
