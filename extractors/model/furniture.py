"""Page furniture: a line that is only a page number, and a line in the top or bottom margin
that repeats on several pages (a running title). The blocks and the tables set it aside.
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
    return {number: [Furniture(line, PAGE_NUMBER if _PAGE_NUMBER.fullmatch(line.text) else RUNNING_TITLE)
                     for line, text in lines
                     if (text in running or _PAGE_NUMBER.fullmatch(line.text)) and _apart(line, layout.pages[number - 1])]
            for number, lines in margins.items()}


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

