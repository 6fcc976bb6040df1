"""PDF → layout: pages of positioned text lines, read once with PyMuPDF.

This is the first step of every extraction. It validates the file (raising a
specific `DocumentError` for each way a file can be unreadable) and keeps what
later steps need: per page, the text lines with their boxes and font sizes,
and, read once on first use, its vector drawings (`PdfLayout.drawings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinzai.extractors.errors import CorruptPdf, EmptyFile, EncryptedPdf, NoTextLayer, NotPdf, UnsupportedPdf
from jinzai.extractors.pdf_library import pymupdf

BBox = tuple[float, float, float, float]

# Acrobat accepts %%EOF anywhere in the last 1024 bytes; a file without it anywhere was
# cut short. One with bytes after it (some web servers append them) is left to MuPDF.
_EOF_WINDOW = 1024
_EOF = b"%%EOF"
# What MuPDF says when a valid file goes beyond one of its limits (nesting depth).
_LIMIT_ERRORS = ("stack overflow", "too deeply nested", "nesting")
# MuPDF's log lines that say a part of the file could not be read (it also logs notes
# about healthy files, e.g. "ActualText with no position"), and those about the repair itself.
_DAMAGE_LOG = ("error", "premature", "incorrect", "missing", "cannot", "invalid", "broken", "corrupt")
_REPAIR_LOG = ("startxref", "repair")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as PyMuPDF groups it, with its box (top-left origin)."""

    text: str
    bbox: BBox
    size: float
    page: int
    vertical: bool = False
    confidence: float | None = None  # OCR confidence (0–1) of a line read from a scanned page
    order: int = 0  # its place in the page's text as the PDF prints it (0 for a line read by OCR)

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
    ocr_confidence: float | None = None  # set when the page was read by OCR (extractors/ocr/)


@dataclass
class PdfLayout:
    """A validated, opened PDF. Use as a context manager or call `close()`."""

    path: Path
    pages: list[Page]
    metadata: dict[str, str]
    # Set when MuPDF had to repair the file: what it did and how much could not be read.
    repair_note: str | None = None
    ocr_unread: dict[int, str] = field(default_factory=dict)  # scanned pages left unread: why (no Tesseract, it failed)
    _document: pymupdf.Document | None = field(default=None, repr=False)
    _drawings: dict[int, list[dict]] = field(default_factory=dict, repr=False)

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

    def drawings(self, number: int) -> list[dict]:
        """The vector drawings of a page (1-based) as PyMuPDF's plain `get_cdrawings` gives
        them (pages rendered by Skia can carry thousands of tiny fills, whose wrapping in
        objects costs seconds), read once: table rulings and figure boxes both use them."""
        if number not in self._drawings:
            self._drawings[number] = self.document[number - 1].get_cdrawings()
        return self._drawings[number]

    def close(self) -> None:
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
    if _EOF not in tail[-_EOF_WINDOW:]:
        raise CorruptPdf(source, "truncated PDF (no %%EOF marker at the end)")


def _read_ends(path: Path) -> tuple[bytes, bytes, int]:
    """The first KB, the end from the last %%EOF marker on (the file's end when bytes
    follow the marker), and the size."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - _EOF_WINDOW))
        tail = fh.read()
        if _EOF not in tail and size > _EOF_WINDOW:
            import mmap

            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as whole:
                marker = whole.rfind(_EOF)
            if marker >= 0:  # garbage appended after the marker: read as if it ended there
                tail = _EOF
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
                order=len(lines),
            ))
    return lines


def open_layout(path: Path | str, *, source: str | None = None) -> PdfLayout:
    """Validate and read a PDF into a `PdfLayout`, or raise a `DocumentError`."""
    path = Path(path)
    source = source or str(path)
    check_pdf_bytes(source, *_read_ends(path))
    pymupdf.TOOLS.reset_mupdf_warnings()  # what MuPDF notices while reading this file
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise CorruptPdf(source, f"cannot be opened ({exc})") from exc
    try:
        pages, unread = _read_pages(doc, source)
    except BaseException:
        doc.close()
        raise
    metadata = {k: v for k, v in (doc.metadata or {}).items() if v}
    ocr_unread = _read_scanned_pages(doc, pages, source)
    if not any(p.text.strip() for p in pages):
        doc.close()
        raise NoTextLayer(source, f"no text layer on any of its {len(pages)} pages")
    return PdfLayout(path=path, pages=pages, metadata=metadata, _document=doc, ocr_unread=ocr_unread,
                     repair_note=_repair_note(doc, pages, unread))


def _read_scanned_pages(doc: pymupdf.Document, pages: list[Page], source: str) -> dict[int, str]:
    """OCR the pages that are scanned images (see extractors/ocr/); {page number: why
    it was left unread} for those Tesseract could not read (missing, or failing)."""
    from jinzai.extractors import ocr  # deferred: only documents with text-less pages need it

    if not any(ocr.lacks_text(page) for page in pages):
        return {}
    try:
        return ocr.read_scanned_pages(doc, pages, source)
    except BaseException:
        doc.close()
        raise


def _read_pages(doc: pymupdf.Document, source: str) -> tuple[list[Page], dict[int, str]]:
    """Every page (an unreadable one kept empty) and {page number: why it could not be read}.
    A file none of whose pages can be read is corrupt, or unsupported when MuPDF says a
    limit stopped it."""
    if doc.needs_pass:
        raise EncryptedPdf(source, "password-protected PDF")
    if doc.page_count == 0:
        raise CorruptPdf(source, "the PDF has no pages")
    pages, unread = [], {}
    for index in range(doc.page_count):
        number = index + 1
        try:
            page = doc[index]
            textpage = page.get_textpage(flags=_TEXT_FLAGS)  # one text extraction serves lines and text
            pages.append(Page(number=number, width=round(page.rect.width, 2), height=round(page.rect.height, 2),
                              lines=_page_lines(textpage, number), text=textpage.extractText()))
        except Exception as exc:  # MuPDF raises several types for damaged pages
            unread[number] = str(exc)
            pages.append(Page(number=number, width=0.0, height=0.0, lines=[], text=""))
    if len(unread) == len(pages):
        reason = unread[1]
        error = UnsupportedPdf if any(word in reason for word in _LIMIT_ERRORS) else CorruptPdf
        raise error(source, f"no page can be read (page 1: {reason})")
    return pages, unread


def _repair_note(doc: pymupdf.Document, pages: list[Page], unread: dict[int, str]) -> str | None:
    """What a reader should know about a file MuPDF repaired or could read only in part:
    pages that could not be read, pages without text, parts MuPDF reported unreadable."""
    problems = [line for line in pymupdf.TOOLS.mupdf_warnings().splitlines()
                if any(word in line for word in _DAMAGE_LOG) and not any(word in line for word in _REPAIR_LOG)]
    if not doc.is_repaired and not unread and not problems:
        return None
    parts = ["the file is damaged and was repaired while reading"] if doc.is_repaired else []
    if unread:
        listed = ", ".join(f"p.{n}" for n in list(unread)[:10]) + (" …" if len(unread) > 10 else "")
        parts.append(f"{len(unread)} of {len(pages)} pages could not be read ({listed}: {next(iter(unread.values()))})")
    blank = sum(1 for p in pages if p.number not in unread and not p.text.strip())
    parts.append(f"{blank} of {len(pages)} pages have no text" if blank else "every page has text")
    if problems:
        parts.append(f"{len(problems)} parts could not be read as written (e.g. {problems[0]})")
    return "; ".join(parts) + " — records may be missing; a fresh copy of the file may read in full"
