"""PDF → layout: pages of positioned text lines, read once with PyMuPDF.

This is the first step of every extraction. It validates the file (raising a
specific `DocumentError` for each way a file can be unreadable) and keeps what
later steps need: per page, the text lines with their boxes and font sizes.
pdfplumber, which is slower, is opened lazily and only for the pages whose
tables are wanted (`PdfLayout.plumber_page`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pymupdf

from jinzai.extractors.errors import CorruptPdf, EmptyFile, EncryptedPdf, NoTextLayer, NotPdf

if TYPE_CHECKING:
    import pdfplumber
    import pdfplumber.page

BBox = tuple[float, float, float, float]

# Acrobat accepts %%EOF anywhere in the last 1024 bytes; a file without it was cut short.
_EOF_WINDOW = 1024


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as PyMuPDF groups it, with its box (top-left origin)."""

    text: str
    bbox: BBox
    size: float
    page: int
    vertical: bool = False
    confidence: float | None = None  # OCR confidence (0–1) of a line read from a scanned page

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bottom(self) -> float:
        return self.bbox[3]


@dataclass(slots=True)
class Page:
    """One page: its lines in reading order and its plain text."""

    number: int
    width: float
    height: float
    lines: list[Line]
    text: str
    rules: tuple[BBox, ...] = ()  # ruled lines seen in a scanned page's image (its drawings are none)
    ocr_confidence: float | None = None  # set when the page was read by OCR (extractors/ocr.py)


@dataclass
class PdfLayout:
    """A validated, opened PDF. Use as a context manager or call `close()`."""

    path: Path
    pages: list[Page]
    metadata: dict[str, str]
    ocr_missing: list[int] = field(default_factory=list)  # scanned pages left unread: no Tesseract
    _document: pymupdf.Document | None = field(default=None, repr=False)
    _plumber: pdfplumber.PDF | None = field(default=None, repr=False)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def ocr_pages(self) -> list[int]:
        """The pages read by OCR."""
        return [p.number for p in self.pages if p.ocr_confidence is not None]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def document(self) -> pymupdf.Document:
        """The open PyMuPDF document (drawings for table rulings come from it)."""
        if self._document is None:
            self._document = pymupdf.open(self.path, filetype="pdf")
        return self._document

    def plumber_page(self, number: int) -> pdfplumber.page.Page:
        """The pdfplumber page (1-based), opening the file on first use."""
        if self._plumber is None:
            import pdfplumber  # deferred: only pages with tables need it

            self._plumber = pdfplumber.open(self.path)
        return self._plumber.pages[number - 1]

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        if self._document is not None:
            self._document.close()
            self._document = None

    def __enter__(self) -> PdfLayout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_pdf_bytes(source: str, head: bytes, tail: bytes, size: int) -> None:
    """Raise the specific error for bytes that cannot be a complete PDF."""
    if size == 0:
        raise EmptyFile(source, "zero-byte file")
    if b"%PDF-" not in head[:1024]:
        kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "not a PDF"
        raise NotPdf(source, f"{kind} (no %PDF- header)")
    if b"%%EOF" not in tail[-_EOF_WINDOW:]:
        raise CorruptPdf(source, "truncated PDF (no %%EOF marker at the end)")


def _read_ends(path: Path) -> tuple[bytes, bytes, int]:
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - _EOF_WINDOW))
        tail = fh.read()
    return head, tail, size


_TEXT_FLAGS = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_IMAGES


def _page_lines(textpage: pymupdf.TextPage, number: int) -> list[Line]:
    lines: list[Line] = []
    for block in textpage.extractDICT()["blocks"]:
        for raw in block.get("lines", []):
            spans = raw["spans"]
            text = "".join(s["text"] for s in spans)
            if not text.strip():
                continue
            dx, dy = raw["dir"]
            lines.append(Line(
                text=text,
                bbox=tuple(round(v, 2) for v in raw["bbox"]),
                size=round(max(s["size"] for s in spans), 2),
                page=number,
                vertical=abs(dy) > abs(dx),
            ))
    return lines


def open_layout(path: Path | str, *, source: str | None = None) -> PdfLayout:
    """Validate and read a PDF into a `PdfLayout`, or raise a `DocumentError`."""
    path = Path(path)
    source = source or str(path)
    check_pdf_bytes(source, *_read_ends(path))
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise CorruptPdf(source, f"cannot be opened ({exc})") from exc
    try:
        pages = _read_pages(doc, source)
    except BaseException:
        doc.close()
        raise
    metadata = {k: v for k, v in (doc.metadata or {}).items() if v}
    ocr_missing = _read_scanned_pages(doc, pages, source)
    if not any(p.text.strip() for p in pages):
        doc.close()
        raise NoTextLayer(source, f"no text layer on any of its {len(pages)} pages")
    return PdfLayout(path=path, pages=pages, metadata=metadata, ocr_missing=ocr_missing, _document=doc)


def _read_scanned_pages(doc: pymupdf.Document, pages: list[Page], source: str) -> list[int]:
    """OCR the pages that are scanned images (see extractors/ocr.py); the numbers of
    those left unread because Tesseract is missing."""
    from jinzai.extractors import ocr  # deferred: only documents with text-less pages need it

    if not any(ocr.lacks_text(page) for page in pages):
        return []
    try:
        return ocr.read_scanned_pages(doc, pages, source)
    except BaseException:
        doc.close()
        raise


def _read_pages(doc: pymupdf.Document, source: str) -> list[Page]:
    if doc.needs_pass:
        raise EncryptedPdf(source, "password-protected PDF")
    if doc.page_count == 0:
        raise CorruptPdf(source, "the PDF has no pages")
    pages = []
    try:
        for index, page in enumerate(doc):
            number = index + 1
            textpage = page.get_textpage(flags=_TEXT_FLAGS)  # one text extraction serves lines and text
            pages.append(Page(
                number=number,
                width=round(page.rect.width, 2),
                height=round(page.rect.height, 2),
                lines=_page_lines(textpage, number),
                text=textpage.extractText(),
            ))
    except Exception as exc:
        raise CorruptPdf(source, f"page {len(pages) + 1} cannot be read ({exc})") from exc
    return pages
