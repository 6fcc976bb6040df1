"""A page's text lines cut into the cells they run across.

PyMuPDF joins the text of neighbouring cells of a table printed without rulings
into one line when they stand close (`主催DX推進リーダーDX推進員`, `2026年度4`): the
cells' characters leave a gap between them, while the characters inside a cell's
text touch. Table readers that need cells ask for these lines on the few pages
that may hold such a table (reading the characters costs more than the lines).
"""

from __future__ import annotations

from collections.abc import Iterable

import pymupdf

from jinzai.extractors.layout import Line, Page, PdfLayout

# Characters of one line farther apart than this share of their size are in two cells.
_CELL_GAP = 0.25
_TEXT_FLAGS = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_IMAGES


_Char = tuple[str, tuple[float, float, float, float], float]  # text, box, font size


def cell_lines(layout: PdfLayout, page: Page) -> list[Line]:
    """The page's lines, each cut where two of its characters leave a gap."""
    lines: list[Line] = []
    for block in layout.document[page.number - 1].get_text("rawdict", flags=_TEXT_FLAGS)["blocks"]:
        for raw in block.get("lines", []):
            dx, dy = raw["dir"]
            vertical = abs(dy) > abs(dx)
            chars = [(c["c"], tuple(c["bbox"]), span["size"]) for span in raw["spans"] for c in span["chars"]]
            for run in ([chars] if vertical else _runs(chars)):
                text = "".join(c for c, _, _ in run)
                if text.strip():
                    lines.append(Line(text=text, bbox=_union(b for _, b, _ in run), size=max(z for _, _, z in run),
                                      page=page.number, vertical=vertical))
    return lines


def _runs(chars: list[_Char]) -> list[list[_Char]]:
    """Characters of a horizontal line grouped into runs that touch."""
    runs: list[list[_Char]] = []
    for char in chars:
        if runs and char[1][0] - runs[-1][-1][1][2] <= _CELL_GAP * char[2]:
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _union(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    x0s, tops, x1s, bottoms = zip(*boxes)
    return (round(min(x0s), 2), round(min(tops), 2), round(max(x1s), 2), round(max(bottoms), 2))
