"""Page furniture: a line that is only a page number, a line in the top or bottom margin
that repeats on several pages (a running title), and a spreadsheet's row and column headings
printed around its cells (`A B C …` over them, `1 2 3 …` left of them: Excel's "print row
and column headings"). The blocks and the tables set it aside.
Furniture is set in small type: a margin line in display type (a slide's title repeated
on its slides, a case number printed large in a corner) is to be read, not set aside."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from jinzai.extractors.layout import Line, Page, PdfLayout
from jinzai.extractors.model.tables.grid import same_row
from jinzai.normalizers.text import normalize_text

# A line that is only a page number: `13`, `- 8 -`, `P.3`.
_PAGE_NUMBER = re.compile(r"\s*(?:[-－‐–—]\s*)?(?:P\.?\s*)?\d{1,4}(?:\s*[-－‐–—])?\s*(?:/\s*\d{1,4})?\s*")


PAGE_NUMBER = "page_number"
RUNNING_TITLE = "running_title"
SHEET_HEADING = "sheet_heading"

# A spreadsheet's column heading (`A`, `AB`) and row heading (`12`).
_COLUMN_LETTERS = re.compile(r"[A-Z]{1,3}")
_ROW_NUMBER = re.compile(r"\d{1,5}")
MIN_SHEET_HEADINGS = 3  # a sheet's headings name this many columns and rows at least


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line of page furniture, kept apart from the blocks: `kind` is PAGE_NUMBER or
    RUNNING_TITLE (a header or footer text repeated on several pages)."""

    line: Line
    kind: str


def page_furniture(layout: PdfLayout, margin_share: float, min_pages: int, max_size: float) -> dict[int, list[Furniture]]:
    """{page number: its furniture lines}: in the top or bottom `margin_share` of its
    page, in type no larger than `max_size` points, a page number or a text (digits folded)
    printed there on `min_pages` pages or more, set apart from the page's other lines (the
    rows of a long table cut by page breaks repeat their texts in the margins too, but run
    on right above or below)."""
    margins = {page.number: [(line, text) for line in page.lines if line.size <= max_size
                             and (text := _margin_text(line, page, margin_share)) is not None]
               for page in layout.pages}
    counts = Counter(text for lines in margins.values() for text in {text for _, text in lines})
    running = {text for text, n in counts.items() if n >= min_pages}
    found = {number: [Furniture(line, PAGE_NUMBER if _PAGE_NUMBER.fullmatch(line.text) else RUNNING_TITLE)
                      for line, text in lines
                      if (text in running or _PAGE_NUMBER.fullmatch(line.text)) and _apart(line, layout.pages[number - 1])]
             for number, lines in margins.items()}
    for page in layout.pages:
        held = {id(f.line) for f in found[page.number]}
        found[page.number] += [Furniture(line, SHEET_HEADING) for line in sheet_headings(page.lines)
                               if id(line) not in held]
    return found


def sheet_headings(lines: list[Line]) -> list[Line]:
    """A spreadsheet's printed row and column headings: a row of column letters in order
    from `A` (`A B C …`, `AA` after `Z`) and, below it and left of its first letter, a
    column of row numbers counting up (a print title repeated on a later page numbers its
    rows 1, 2, 3 and then goes on at 14, 15 …). Both, each `MIN_SHEET_HEADINGS` long or
    more; nothing when either is missing (letters alone are a list's, numbers alone a
    table's numbering)."""
    letters = _column_headings(lines)
    if not letters:
        return []
    first, bottom = letters[0], max(ln.bottom for ln in letters)
    left = [ln for ln in lines if ln.top >= bottom - 1 and ln.x1 <= first.x0 and _ROW_NUMBER.fullmatch(ln.text.strip())]
    numbers = _row_headings(left)
    return letters + numbers if numbers else []


def _column_headings(lines: list[Line]) -> list[Line]:
    """The first printed row, top down, whose texts left to right are `A`, `B`, `C` …"""
    candidates = sorted((ln for ln in lines if _COLUMN_LETTERS.fullmatch(ln.text.strip())), key=lambda ln: ln.top)
    for line in candidates:
        row = sorted((ln for ln in candidates if same_row(ln, line)), key=lambda ln: ln.x0)
        names = [ln.text.strip() for ln in row]
        if len(row) >= MIN_SHEET_HEADINGS and names == [_column_name(i) for i in range(len(row))]:
            return row
    return []


def _column_name(index: int) -> str:
    """A spreadsheet's name of column `index` (0 → `A`, 25 → `Z`, 26 → `AA`)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _row_headings(lines: list[Line]) -> list[Line]:
    """Row numbers down one column (centres within an em of each other), top down, each
    larger than the one above."""
    for line in sorted(lines, key=lambda ln: ln.top):
        centre = (line.x0 + line.x1) / 2
        column = sorted((ln for ln in lines if abs((ln.x0 + ln.x1) / 2 - centre) <= ln.size), key=lambda ln: ln.top)
        values = [int(ln.text.strip()) for ln in column]
        if len(column) >= MIN_SHEET_HEADINGS and all(a < b for a, b in zip(values, values[1:])):
            return column
    return []


def _margin_text(line: Line, page: Page, margin_share: float) -> str | None:
    """A line's text with digits folded when it sits in the page's top or bottom margin."""
    if margin_share * page.height < line.top and line.bottom < (1 - margin_share) * page.height:
        return None
    return re.sub(r"\d+", "0", normalize_text(line.text))


def _apart(line: Line, page: Page) -> bool:
    """No line but those beside it on its row within a line's height above or below it."""
    height = line.bottom - line.top
    return not any(other is not line and other.top < line.bottom + height and line.top - height < other.bottom
                   and not same_row(other, line) for other in page.lines)

