"""A record's evidence: its PDF page rendered by PyMuPDF, and where its stored bbox lies on it.

bbox is stored as x0, y0, x1, y1 in PDF points with a top-left origin (the page as PyMuPDF
reads it); the highlight is given in percent of the rendered page so it stays on the text
at any display size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinzai.pipeline.access.corpus import Corpus, CorpusError

RENDER_ZOOM = 2.0
"""Pixels per PDF point of the rendered page (2 = 144 dpi, sharp on high-density screens)."""


@dataclass(frozen=True)
class Highlight:
    left: float
    top: float
    width: float
    height: float
    """Percent of the rendered page's width and height."""


def source_pdf(corpus: Corpus, doc_id: str) -> Path:
    """The PDF a document revision was read from; a clear error when it is no longer there."""
    row = corpus.con.execute("SELECT source FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        raise CorpusError(f"no document {doc_id!r}")
    path = Path(row[0])
    if not path.is_file():
        raise CorpusError(f"{path} (document {doc_id}) is no longer there: the page cannot be shown")
    return path


def _page(doc, number: int):
    if not 1 <= number <= doc.page_count:
        raise CorpusError(f"page {number} is outside 1–{doc.page_count}")
    return doc[number - 1]


def render_page(pdf: Path, number: int, zoom: float = RENDER_ZOOM) -> bytes:
    """PNG bytes of page `number` (1-based)."""
    from jinzai.extractors.pdf_library import pymupdf

    with pymupdf.open(pdf) as doc:
        return _page(doc, number).get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)).tobytes("png")


def highlight(pdf: Path, number: int, bbox: tuple[float, float, float, float]) -> Highlight:
    """The bbox in percent of the page as rendered (rotation applied)."""
    from jinzai.extractors.pdf_library import pymupdf

    with pymupdf.open(pdf) as doc:
        page = _page(doc, number)
        box = pymupdf.Rect(bbox) * page.rotation_matrix
        width, height = page.rect.width, page.rect.height
    box.normalize()
    return Highlight(100 * box.x0 / width, 100 * box.y0 / height, 100 * box.width / width, 100 * box.height / height)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """`x0,y0,x1,y1` from a link; None when absent or malformed."""
    if not text:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        return None
    return values if len(values) == 4 else None  # type: ignore[return-value]
