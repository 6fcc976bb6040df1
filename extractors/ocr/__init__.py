"""Scanned pages → positioned text lines, read by Tesseract OCR.

A page whose text layer is empty (or unreadable) but which carries an image is
rendered in grey, straightened (its skew estimated from the rows of ink), binarised
(dark and grey areas on their own), and its ruled lines are found and erased;
Tesseract (`jpn`) then reads the page and reports every word with its box and
confidence; doubtful cells and lines, and ink it left unread, are read again on their
own, and cells printed in vertical writing by `jpn_vert`. The words become the same
`Line`s a text layer gives (box, a size measured from the ink), and the ruled lines
become the page's `rules`, so tables are read from their positions as in any other PDF.

Tesseract runs as the Debian `tesseract` program, one process per page with one thread
each (OMP_THREAD_LIMIT=1), as many at once as there are cores; its TSV output carries
the word boxes and confidences that a text layer made by OCRmyPDF or PyMuPDF's OCR
would drop (bench/ocr.py measures the routes).

The parts: `settings` (the tunables, the failures), `pages` (which pages, reading
them), `image` (the page image: binarisation, skew, rulings), `marks` (●○◎△, bullets,
leader dots by their shape), `tesseract` (the program and its TSV), `regions` (what
is read again), `lines` (words → lines), `provenance` (what records and warnings say).
"""

from jinzai.extractors.ocr.marks import mark_shape
from jinzai.extractors.ocr.pages import lacks_text, read_image, read_scanned_pages, render_page
from jinzai.extractors.ocr.provenance import mark_ocr_records, warn_unread_pages
from jinzai.extractors.ocr.settings import INSTALL_HINT, SETTINGS, OcrFailed, OcrSettings, OcrUnavailable
from jinzai.extractors.ocr.tesseract import parse_tsv, tesseract_ready

__all__ = [
    "INSTALL_HINT", "SETTINGS", "OcrFailed", "OcrSettings", "OcrUnavailable", "lacks_text", "mark_ocr_records",
    "mark_shape", "parse_tsv", "read_image", "read_scanned_pages", "render_page", "tesseract_ready",
    "warn_unread_pages",
]
