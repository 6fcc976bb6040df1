"""Which pages need OCR, and reading them: each page rendered, straightened, binarised,
its rulings and marks found, read by Tesseract (pages in parallel on every core), and
the lines of a document given one size per printed type size."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from jinzai.extractors.layout import BBox, Line, Page
from jinzai.extractors.ocr.image import (
    accent_bars,
    centre_in,
    grow,
    invert_dark_areas,
    otsu_threshold,
    paint,
    points_to_pixels,
    ruled_lines,
    rules_of_bands,
    skew_angle,
    table_cells,
    through_filled_rows,
    transpose,
)
from jinzai.extractors.ocr.lines import page_lines
from jinzai.extractors.ocr.marks import find_marks
from jinzai.extractors.ocr.regions import (
    doubtful_cells,
    doubtful_lines,
    read_again,
    unread_ink,
    upright_text,
    vertical_lines,
)
from jinzai.extractors.ocr.settings import OcrFailed, OcrSettings, OcrUnavailable, SETTINGS, TesseractError
from jinzai.extractors.ocr.tesseract import tesseract_ready, tesseract_words
from jinzai.extractors.pdf_library import pymupdf
from jinzai.normalizers.ocr import unreadable_share


@dataclass(frozen=True, slots=True)
class Reading:
    """What OCR made of one page."""

    lines: list[Line]
    rules: tuple[BBox, ...]
    confidence: float | None
    skew: float


def lacks_text(page: Page, settings: OcrSettings = SETTINGS) -> bool:
    """A page whose text layer holds (almost) nothing readable."""
    visible = sum(not ch.isspace() for ch in page.text)
    return visible < settings.min_text_chars or unreadable_share(page.text) > settings.max_unreadable_share


def is_scanned(pdf_page: pymupdf.Page, page: Page, settings: OcrSettings = SETTINGS) -> bool:
    """A page without readable text that an image covers: what a scanner produces."""
    if not lacks_text(page, settings):
        return False
    area = abs(pdf_page.rect) or 1.0
    covered = sum(abs(pymupdf.Rect(info["bbox"]) & pdf_page.rect) for info in pdf_page.get_image_info())
    return covered / area >= settings.min_image_share


def read_scanned_pages(doc: pymupdf.Document, pages: list[Page], source: str,
                       settings: OcrSettings = SETTINGS) -> dict[int, str]:
    """OCR every scanned page of `pages` in place; return {page number: why it was not
    read} for those that needed OCR but could not have it (Tesseract missing, or
    failing on that page). Raises `OcrUnavailable` when no page has text and Tesseract
    is missing, `OcrFailed` when no page has text and Tesseract failed on every one."""
    scanned = [p for p in pages if lacks_text(p, settings) and is_scanned(doc[p.number - 1], p, settings)]
    if not scanned:
        return {}
    only_scans = all(lacks_text(p, settings) for p in pages)
    if not tesseract_ready(settings.language):
        if only_scans:
            raise OcrUnavailable(source, f"scanned PDF ({len(pages)} pages without a text layer) and no OCR available")
        return {p.number: f"Tesseract with `{settings.language}` is not installed" for p in scanned}
    unread: dict[int, str] = {}
    for page, reading in zip(scanned, _read_all(doc, scanned, settings)):
        if isinstance(reading, TesseractError):
            unread[page.number] = f"Tesseract failed: {reading}"
            continue
        page.lines = reading.lines
        page.text = "\n".join(line.text for line in reading.lines)
        page.rules = reading.rules
        page.ocr_confidence = reading.confidence
    if only_scans and len(unread) == len(scanned):
        raise OcrFailed(source, f"Tesseract failed on all {len(scanned)} scanned pages "
                                f"(page {scanned[0].number}: {unread[scanned[0].number]})")
    snap_sizes([p for p in scanned if p.number not in unread], settings)
    return unread


def snap_sizes(pages: list[Page], settings: OcrSettings = SETTINGS) -> None:
    """Give the OCRed lines of a document one size per type size printed: sizes
    measured from pixels scatter by a tenth, while the document model tells headings
    from body text, and joins a paragraph's lines, by equal sizes. Starting from the
    size most characters share, every size within `size_tolerance` of it takes the
    characters' median size; then the next most shared size of those left, and so on."""
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[line.size] += len(line.text)
    left, snapped = dict(weights), {}
    while left:
        def near(size: float) -> list[float]:
            return [other for other in left if abs(other - size) <= settings.size_tolerance * size]
        centre = max(left, key=lambda size: (sum(left[other] for other in near(size)), -size))
        members = near(centre)
        median = _weighted_median({member: left[member] for member in members})
        for member in members:
            snapped[member] = median
            del left[member]
    for page in pages:
        page.lines = [replace(line, size=snapped[line.size]) for line in page.lines]


def _weighted_median(weights: dict[float, int]) -> float:
    total, running = sum(weights.values()), 0
    for value in sorted(weights):
        running += weights[value]
        if 2 * running >= total:
            return value
    raise ValueError("no values")


def _read_all(doc: pymupdf.Document, pages: list[Page],
              settings: OcrSettings) -> Iterator[Reading | TesseractError]:
    """Readings in page order (a page Tesseract failed on gives its error). Pages are
    rendered here (PyMuPDF is not thread-safe) and read in threads, each waiting on its
    own Tesseract process; at most twice as many rendered pages as workers are held
    at once."""
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        pending: list[Future[Reading]] = []
        for page in pages:
            grey = render_page(doc[page.number - 1], settings.dpi)
            pending.append(pool.submit(read_image, grey, page.number, settings))
            while len(pending) > 2 * settings.workers:
                yield _outcome(pending.pop(0))
        for future in pending:
            yield _outcome(future)


def _outcome(future: Future[Reading]) -> Reading | TesseractError:
    try:
        return future.result()
    except TesseractError as error:
        return error


def render_page(pdf_page: pymupdf.Page, dpi: int) -> np.ndarray:
    pixmap = pdf_page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.width).copy()


def read_image(grey: np.ndarray, number: int, settings: OcrSettings = SETTINGS) -> Reading:
    """Straighten, binarise, take the ruled lines out, and let Tesseract read the rest."""
    threshold = otsu_threshold(grey)
    skew = skew_angle(grey < threshold, settings)
    if skew:
        grey = np.asarray(Image.fromarray(grey).rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255))
    ink, filled = invert_dark_areas(grey, grey < threshold, settings)
    horizontal, vertical = ruled_lines(ink, settings)
    # a filled area's edges are rulings (a dark header row's top is its table's)
    horizontal += [edge for x0, y0, x1, y1 in filled for edge in ((x0, y0, x1, y0 + 1), (x0, y1 - 1, x1, y1))]
    vertical = through_filled_rows(vertical, filled, points_to_pixels(settings.max_rule_thickness, settings.dpi))
    vertical += [edge for x0, y0, x1, y1 in filled for edge in ((x0, y0, x0 + 1, y1), (x1 - 1, y0, x1, y1))]
    scale = 72.0 / settings.dpi
    rules = (*rules_of_bands(horizontal, scale, settings),
             *(transpose(rule) for rule in rules_of_bands([transpose(b) for b in vertical], scale, settings)))
    bars = accent_bars(ink, settings)
    text_ink = ink & ~grow(paint(ink.shape, horizontal + vertical + bars),
                            points_to_pixels(settings.rule_margin, settings.dpi))
    marks = find_marks(text_ink, settings)
    for mark in marks:  # Tesseract misreads or drops them; it reads the rest
        left, top, right, bottom = mark.box
        text_ink[top:bottom, left:right] = False
    words = tesseract_words(text_ink, settings)
    cells = table_cells(horizontal, vertical, points_to_pixels(settings.max_rule_thickness, settings.dpi))
    upright = upright_text(text_ink, cells, settings) if tesseract_ready(settings.vertical_language) else []
    words = [w for w in words if not any(centre_in(w.box, box) for box in upright)]
    doubtful = doubtful_cells(words, text_ink, [c for c in cells if not any(centre_in(b, c) for b in upright)], settings)
    regions = doubtful + doubtful_lines(words, cells, ink.shape, settings)
    unread = unread_ink(text_ink, words, [m.box for m in marks] + regions + upright, settings)
    words = read_again(words, text_ink, regions, unread, settings) + marks
    lines = sorted(page_lines(words, text_ink, number, scale, rules, settings)
                   + vertical_lines(text_ink, upright, number, scale, settings), key=lambda ln: (ln.top, ln.x0))
    confidences = [w.confidence for w in words if w.text.strip()]
    return Reading(lines=lines, rules=tuple(rules),
                   confidence=round(statistics.fmean(confidences), 3) if confidences else None, skew=skew)
