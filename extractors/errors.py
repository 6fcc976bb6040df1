"""Why a file could not be read, as the `failures` table names it."""

from __future__ import annotations


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


class TooLarge(DocumentError):
    kind = "too_large"
    advice = "the file is over the size limit; raise --max-bytes if it is genuine"
