"""A page's text lines cut into the cells they run across.

Some producers (MuPDF among them) print the texts of neighbouring cells of a
table without rulings as one line (`主催DX推進リーダーDX推進員`, `2026年度4`,
`DX推進リーダー所属における…`); the cell padding stays visible as a blank wider
than any gap inside a word. Table readers ask for cut lines only on the few
pages that may hold such a table (reading characters costs more than lines).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from jinzai.extractors.layout import BBox, Line, Page, PdfLayout
from jinzai.extractors.pdf_library import pymupdf

# A blank inside a printed line wider than the line's usual gap by this share of
# the type size is a gutter between two cells (MuPDF pads cells by 0.2 em a side).
_GUTTER_SHARE = 0.15
_TEXT_FLAGS = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_IMAGES  # as the layout reads lines
_EDGE_SLACK = 0.5  # points: a drawn edge this close to a character still lies beside it


def cut_at_gutters(layout: PdfLayout, page: Page, lines: Iterable[Line]) -> list[Line]:
    """The given lines of a page, each cut where a wide blank separates two characters."""
    pieces_of = {key: _pieces(chars, spans, page.number) for key, (chars, spans) in _raw_lines(layout, page).items()}
    cut: list[Line] = []
    for line in lines:
        pieces = pieces_of.get(line.bbox)
        cut.extend(pieces if pieces and not line.vertical and len(pieces) > 1 else [line])
    return cut


def cut_at_edges(layout: PdfLayout, page: Page, edges: dict[BBox, list[float]]) -> dict[BBox, list[Line]]:
    """{a line's box: its pieces} for lines printed across a cell's drawn edge (a spreadsheet
    prints a number right-aligned in one cell and the next cell's note after it, a merged
    cell's centred label on its neighbour's baseline, and MuPDF joins them into one line):
    each line cut at the x positions `edges` gives for it, where a blank of a gutter's width
    (`_GUTTER_SHARE` of the type size) between two characters holds the edge. Text running
    on over the edge without such a blank (a spreadsheet's title overflowing into the empty
    cells beside it) is not cut."""
    raw = _raw_lines(layout, page)
    cut: dict[BBox, list[Line]] = {}
    for key, xs in edges.items():
        if key not in raw:
            continue
        runs: list[list[dict]] = [[]]
        last: dict | None = None  # the last inked character
        for char in raw[key][0]:
            inked = bool(char["c"].strip())
            if inked and last is not None and any(
                    last["bbox"][2] - _EDGE_SLACK <= x <= char["bbox"][0] + _EDGE_SLACK
                    and char["bbox"][0] - last["bbox"][2] >= _GUTTER_SHARE * char["size"] for x in xs):
                runs.append([])
            runs[-1].append(char)
            last = char if inked else last
        pieces = [_line_of(run, max(c["size"] for c in run), page.number) for run in runs]
        if len(pieces) > 1:
            cut[key] = pieces
    return cut


def _raw_lines(layout: PdfLayout, page: Page) -> dict[BBox, tuple[list[dict], list[dict]]]:
    """{a layout line's box: (its characters, its spans)}, from PyMuPDF's raw text of the page."""
    found: dict[BBox, tuple[list[dict], list[dict]]] = {}
    for block in layout.document[page.number - 1].get_text("rawdict", flags=_TEXT_FLAGS)["blocks"]:
        for raw in block.get("lines", []):
            key = tuple(round(v, 2) for v in raw["bbox"])
            found[key] = ([{**c, "size": span["size"]} for span in raw["spans"] for c in span["chars"]], raw["spans"])
    return found


def _pieces(chars: list[dict], spans: list[dict], page: int) -> list[Line]:
    """Runs of characters split at gutters: blanks wider than the line's usual gap
    between characters by `_GUTTER_SHARE` of the type size (even letter spacing is
    no gutter), unless a space character stands in a blank of at most one em (a
    word gap: `Power BI`); wider runs of spaces align columns (`区分　　役割`)."""
    size = max((s["size"] for s in spans), default=0.0)
    inked = [c for c in chars if c["c"].strip()]
    gaps = [b["bbox"][0] - a["bbox"][2] for a, b in zip(inked, inked[1:])]
    # The usual gap, at most half an em: in a short line (`○  ○`) the gutters are most gaps.
    usual = min(statistics.median(gaps), size / 2) if gaps else 0.0
    runs: list[list[dict]] = []
    spaced = False  # a space character since the last inked one
    for char in chars:
        if not char["c"].strip():
            spaced = True
            if runs:
                runs[-1].append(char)
            continue
        last = next((c for c in reversed(runs[-1]) if c["c"].strip()), None) if runs else None
        gap = char["bbox"][0] - last["bbox"][2] if last is not None else 0.0
        if last is not None and (gap <= usual + _GUTTER_SHARE * size or spaced and gap <= size):
            runs[-1].append(char)
        else:
            runs.append([char])
        spaced = False
    return [_line_of(run, size, page) for run in runs]


def _line_of(run: list[dict], size: float, page: int) -> Line:
    """A run of characters as a line of its own."""
    return Line(text="".join(c["c"] for c in run).strip(), page=page, size=round(size, 2),
                bbox=(round(min(c["bbox"][0] for c in run), 2), round(min(c["bbox"][1] for c in run), 2),
                      round(max(c["bbox"][2] for c in run), 2), round(max(c["bbox"][3] for c in run), 2)))
