"""PDFs the tests build: HTML laid out by MuPDF's Story, and text placed at positions.

Both use another producer than the samples' Skia, and neither draws any ruling:
their tables are tables without ruling lines.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

A4 = pymupdf.paper_rect("a4")
MARGIN = 50.0
FONT = "japan"  # PyMuPDF's built-in CJK font


def story_pdf(path: Path, html: str, css: str) -> Path:
    """Render `html` over as many A4 pages as it needs."""
    story = pymupdf.Story(html=html, user_css=css)
    writer = pymupdf.DocumentWriter(str(path))
    where = A4 + (MARGIN, MARGIN, -MARGIN, -MARGIN)
    more = True
    while more:
        device = writer.begin_page(A4)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return path


def text_pdf(path: Path, *pages: list[tuple[float, float, str] | tuple[float, float, str, float]],
             fontsize: float = 9, width: float = A4.width, height: float = A4.height) -> Path:
    """A PDF with the texts at their (x, y) positions, one list per page, and no drawings;
    a text given with a fourth value is printed in that type size instead of `fontsize`."""
    doc = pymupdf.open()
    for texts in pages:
        page = doc.new_page(width=width, height=height)
        for x, y, text, *size in texts:
            page.insert_text((x, y), text, fontname=FONT, fontsize=size[0] if size else fontsize)
    doc.save(path)
    doc.close()
    return path


def boxed_pdf(path: Path, boxes: list[tuple[tuple[float, float, float, float], str]],
              texts: list[tuple[float, float, str]] = (), fontsize: float = 9) -> Path:
    """One page with each text drawn inside its stroked box (a diagram), plus free texts at (x, y)."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    for rect, text in boxes:
        page.draw_rect(pymupdf.Rect(rect), color=(0, 0, 0), width=0.8)
        page.insert_text((rect[0] + 4, (rect[1] + rect[3]) / 2 + fontsize / 3), text, fontname=FONT, fontsize=fontsize)
    for x, y, text in texts:
        page.insert_text((x, y), text, fontname=FONT, fontsize=fontsize)
    doc.save(path)
    doc.close()
    return path


def table_pdf(path: Path, rows: list[list[str]], widths: list[float], *, texts: list[tuple[float, float, str]] = (),
              top: float = 200.0, row_height: float = 22.0, rules: bool = True, shaded: tuple[int, ...] = (),
              filled: tuple[tuple[int, int], ...] = (), fontsize: float = 9) -> Path:
    """One page with a table: its rows of cell texts in columns of `widths` from x = MARGIN,
    ruled (every cell boxed), or without rulings with the rows in `shaded` and the (row, column)
    cells in `filled` filled grey; a cell's lines (`\n`) stacked from its middle; plus free
    texts at (x, y)."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    edges = [MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
    for index, row in enumerate(rows):
        y = top + index * row_height
        if index in shaded:
            page.draw_rect(pymupdf.Rect(edges[0], y, edges[-1], y + row_height), color=None, fill=(0.85, 0.85, 0.85))
        for column, (x0, x1, text) in enumerate(zip(edges, edges[1:], row)):
            if (index, column) in filled:
                page.draw_rect(pymupdf.Rect(x0, y, x1, y + row_height), color=None, fill=(0.85, 0.85, 0.85))
            if rules:
                page.draw_rect(pymupdf.Rect(x0, y, x1, y + row_height), color=(0, 0, 0), width=0.6)
            lines = text.split("\n")
            baseline = y + row_height / 2 + fontsize / 3 - (len(lines) - 1) * fontsize * 1.1 / 2
            page.insert_text((x0 + 4, baseline), text, fontname=FONT, fontsize=fontsize, lineheight=1.1)
    for x, y, text in texts:
        page.insert_text((x, y), text, fontname=FONT, fontsize=fontsize)
    doc.save(path)
    doc.close()
    return path


def without_drawings(source: Path, target: Path) -> Path:
    """A copy of `source` with every vector drawing (rulings, cell fills, frames) removed and
    its text kept: the same document as a producer that draws no table lines prints it."""
    doc = pymupdf.open(source)
    for page in doc:
        page.add_redact_annot(page.rect)
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                              graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                              text=pymupdf.PDF_REDACT_TEXT_NONE)
    doc.save(target, garbage=3, deflate=True)
    doc.close()
    return target
