"""Why a file could not be read, as the `failures` table names it."""

from __future__ import annotations

import traceback
from pathlib import Path

# The libraries that parse a PDF's bytes: an error raised inside them (not in jinzai's
# own code) means the file's structure could not be read.
_PDF_LIBRARIES = frozenset({"pymupdf", "fitz", "pdfminer", "pdfplumber"})


class DocumentError(Exception):
    """An input that cannot be ingested, with a `failures.error_kind` and advice."""

    kind: str = "corrupt"
    advice: str = "check the file"

    def __init__(self, source: str, detail: str):
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail} — {self.advice}")


class EmptyFile(DocumentError):
    kind = "empty"
    advice = "the file has no bytes; download it again"


class NotPdf(DocumentError):
    kind = "not_pdf"
    advice = "only PDF files can be ingested; check that the link points at the PDF, not a web page"


class CorruptPdf(DocumentError):
    kind = "corrupt"
    advice = "the file is damaged or incomplete; download it again"


class EncryptedPdf(DocumentError):
    kind = "encrypted"
    advice = "the PDF is password-protected; ask the publisher for an open copy or decrypt it (qpdf --decrypt)"


class NoTextLayer(DocumentError):
    kind = "no_text"
    advice = ("its pages are images in which OCR (Tesseract, jpn) found no text; "
              "check that the scan is legible (200 dpi or more, upright)")


class UnsupportedPdf(DocumentError):
    kind = "unsupported"
    advice = ("the PDF is valid but goes beyond what the PDF reader handles; re-save it flattened "
              "(e.g. print it to PDF) and ingest that, or report it with the file")


class TooLarge(DocumentError):
    kind = "too_large"
    advice = "the file is over the size limit; raise --max-bytes if it is genuine"


def raised_by_pdf_library(exc: BaseException) -> bool:
    """Whether an exception was raised inside a PDF parsing library (its last frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and not _PDF_LIBRARIES.isdisjoint(Path(frames[-1].filename).parts)


def unreadable_structure(source: str, exc: BaseException) -> CorruptPdf:
    """The failure for an error a PDF library raised while parsing the file."""
    return CorruptPdf(source, f"its structure cannot be read ({type(exc).__name__}: {exc})")
