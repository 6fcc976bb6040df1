"""Scanned pages → positioned text lines, read by Tesseract OCR.

A page whose text layer is empty (or unreadable) but which carries an image is
rendered in grey, straightened (its skew estimated from the rows of ink), binarised,
and its ruled lines are found and erased; Tesseract (`jpn`) then reads the page and
reports every word with its box and confidence. The words become the same `Line`s a
text layer gives (box, font size from the line's height), and the ruled lines become
the page's `rules`, so tables are read from their positions as in any other PDF.

Tesseract runs as the Debian `tesseract` program, one process per page with one thread
each (OMP_THREAD_LIMIT=1), as many at once as there are cores; its TSV output carries
the word boxes and confidences that a text layer made by OCRmyPDF or PyMuPDF's OCR
would drop (bench/ocr.py measures the routes).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TypeVar

import numpy as np
import pymupdf
from PIL import Image

from jinzai.extractors.errors import DocumentError, NoTextLayer
from jinzai.extractors.layout import BBox, Line, Page, PdfLayout
from jinzai.extractors.result import Extraction
from jinzai.models import ExtractionWarning, Role, TrainingAudience
from jinzai.normalizers.ocr import clean_ocr_line, complete_year_run, snap_to_known, unreadable_share
from jinzai.normalizers.roles import known_role_names, role_key

INSTALL_HINT = ("install Tesseract with its Japanese data: "
                "apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert (or `make install` as root)")


@dataclass(frozen=True)
class OcrSettings:
    """Every tunable of OCR in one place."""

    dpi: int = 300  # what Tesseract is trained for; 400 read the samples worse and slower
    language: str = "jpn"
    vertical_language: str = "jpn_vert"  # for cells printed in vertical writing
    max_vertical_width: float = 24.0  # points: a column of vertical writing is one glyph wide …
    min_vertical_aspect: float = 2.5  # … and at least this many times as tall
    # Tesseract's page segmentation: 11 (sparse text) finds the short, centred lines of
    # table cells that the default (3, one column of blocks) runs together or misreads;
    # lines are put in order from their positions here anyway.
    page_segmentation: str = "11"
    # A page needs OCR when it has fewer readable characters than this, or this share
    # of its characters is unreadable, and an image covers at least `min_image_share`.
    min_text_chars: int = 5
    max_unreadable_share: float = 0.3
    min_image_share: float = 0.3
    # Skew is searched within ± this many degrees, in steps of `skew_step`.
    max_skew: float = 2.0
    skew_step: float = 0.1
    # An ink run at least this long (points) and at most this thick is a ruled line (the
    # strokes of a cover's title are shorter; a table's horizontal rules span the table).
    min_rule_length: float = 40.0
    max_rule_thickness: float = 3.0
    dark_box_share: float = 0.6  # a block this much inked is dark print (with light text in it)
    dark_block: float = 4.0  # points
    min_dark_area: float = 20.0  # points across: a bold glyph is smaller
    min_bar_length: float = 12.0  # points: a solid upright bar this tall by a heading is no text
    min_bar_fill: float = 0.9
    max_enclosed_text: float = 40.0  # points: a light hole this tall in a dark area is its text
    min_cell_height: float = 6.0  # a shorter vertical rule between two horizontal ones is a cell's side
    rule_margin: float = 0.5  # points around a rule erased with it
    # Words of one Tesseract line farther apart than this many ems are
    # separate lines (cells of a table); closer than that but farther than
    # `space_gap` they are separated by a space.
    cell_gap: float = 1.2
    space_gap: float = 0.35
    # A CJK line's ink is about this share of its font size.
    ink_per_size: float = 0.88
    min_pitch_ems: float = 3.0  # a line this many characters wide gives its size by its pitch too
    # Sizes of OCRed lines within this share of one another are one type size (a
    # text layer's are exact; the model tells headings by a 0.4 pt step).
    size_tolerance: float = 0.12
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout_seconds: float = 120.0
    max_mark_size: float = 16.0  # points: a ●○△ mark in a table cell is no larger …
    min_mark_size: float = 3.5  # … and no smaller
    doubtful_confidence: float = 0.6  # below it a line's reading is doubted (see _known_role_or_text)
    reread_confidence: float = 0.85  # a table cell read with less is read again on its own
    # Ink no read line comes near: pieces at least `min_glyph_size` points, within
    # `glyph_spacing` of one another, at most `max_unread_height` tall, are read again;
    # of what that reads, words with at least `min_found_confidence` are kept.
    min_glyph_size: float = 3.0
    glyph_spacing: float = 2.0
    max_unread_height: float = 30.0
    min_found_confidence: float = 0.7
    max_bullet_size: float = 3.5  # points: a list bullet (・) is a dot smaller than a mark …
    min_dot_size: float = 1.0  # … and larger than the specks a scanner's noise leaves on a tinted band
    bullet_clearance: float = 12.0  # … with no ink this far before it on its row


SETTINGS = OcrSettings()


class OcrUnavailable(NoTextLayer):
    advice = INSTALL_HINT


class OcrFailed(DocumentError):
    """Tesseract ran but failed on every scanned page (a crash, a timeout, broken language data)."""

    kind = "ocr_failed"
    advice = ("Tesseract failed on its scanned pages; check the installation (`tesseract --list-langs` lists jpn; "
              f"{INSTALL_HINT}) and that the pages are legible images")


class TesseractError(RuntimeError):
    """Tesseract could not read one image: what it said, or that it ran out of time."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What OCR made of one page."""

    lines: list[Line]
    rules: tuple[BBox, ...]
    confidence: float | None
    skew: float


# ---------------------------------------------------------------- which pages

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


@cache
def tesseract_ready(language: str = SETTINGS.language) -> bool:
    """Whether the `tesseract` program and its `language` data are installed."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return language in listed.stdout.split()


# ---------------------------------------------------------------- reading pages

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
    threshold = _otsu_threshold(grey)
    skew = _skew_angle(grey < threshold, settings)
    if skew:
        grey = np.asarray(Image.fromarray(grey).rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255))
    ink, filled = _invert_dark_areas(grey, grey < threshold, settings)
    horizontal, vertical = _ruled_lines(ink, settings)
    # a filled area's edges are rulings (a dark header row's top is its table's)
    horizontal += [edge for x0, y0, x1, y1 in filled for edge in ((x0, y0, x1, y0 + 1), (x0, y1 - 1, x1, y1))]
    vertical = _through_filled_rows(vertical, filled, _points_to_pixels(settings.max_rule_thickness, settings.dpi))
    vertical += [edge for x0, y0, x1, y1 in filled for edge in ((x0, y0, x0 + 1, y1), (x1 - 1, y0, x1, y1))]
    scale = 72.0 / settings.dpi
    rules = (*_rules(horizontal, scale, settings),
             *(_transpose(rule) for rule in _rules([_transpose(b) for b in vertical], scale, settings)))
    bars = _accent_bars(ink, settings)
    text_ink = ink & ~_grow(_paint(ink.shape, horizontal + vertical + bars),
                            _points_to_pixels(settings.rule_margin, settings.dpi))
    marks = _find_marks(text_ink, settings)
    for mark in marks:  # Tesseract misreads or drops them; it reads the rest
        left, top, right, bottom = mark.box
        text_ink[top:bottom, left:right] = False
    words = _tesseract_words(text_ink, settings)
    cells = _table_cells(horizontal, vertical, _points_to_pixels(settings.max_rule_thickness, settings.dpi))
    upright = _upright_text(text_ink, cells, settings) if tesseract_ready(settings.vertical_language) else []
    words = [w for w in words if not any(_centre_in(w.box, box) for box in upright)]
    doubtful = _doubtful_cells(words, text_ink, [c for c in cells if not any(_centre_in(b, c) for b in upright)], settings)
    regions = doubtful + _doubtful_lines(words, cells, ink.shape, settings)
    unread = _unread_ink(text_ink, words, [m.box for m in marks] + regions + upright, settings)
    words = _reread(words, text_ink, regions, unread, settings) + marks
    lines = sorted(_lines(words, text_ink, number, scale, rules, settings)
                   + _vertical_lines(text_ink, upright, number, scale, settings), key=lambda ln: (ln.top, ln.x0))
    confidences = [w.confidence for w in words if w.text.strip()]
    return Reading(lines=lines, rules=tuple(rules),
                   confidence=round(statistics.fmean(confidences), 3) if confidences else None, skew=skew)


PixelBox = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, ends exclusive
_N = TypeVar("_N", int, float)


def _invert_dark_areas(grey: np.ndarray, ink: np.ndarray,
                       settings: OcrSettings) -> tuple[np.ndarray, list[PixelBox]]:
    """Areas printed dark or grey (a cover's title band, a dark header row, a shaded
    box) thresholded each on its own, so that their text is ink and their fill is not;
    with the areas' boxes (a dark header row's edges are its table's rulings). An area
    is a run of blocks (about 4 points square) mostly inked, at least `min_dark_area`
    across both ways (a bold glyph has no such area), trimmed to where its fill is."""
    from scipy import ndimage  # deferred: only scanned pages need it

    block = _points_to_pixels(settings.dark_block, settings.dpi)
    rows, cols = ink.shape[0] // block, ink.shape[1] // block
    density = ink[:rows * block, :cols * block].reshape(rows, block, cols, block).mean(axis=(1, 3))
    dark = _box_mean(density > settings.dark_box_share, 1) >= 0.5  # letters inside count as dark
    side = max(1, round(settings.min_dark_area / settings.dark_block / 2))
    core = _box_mean(dark, side) >= 0.99  # an opening: small dark spots vanish …
    area = _box_mean(core, side) > 0  # … and what stays grows back to its extent
    if not area.any():
        return ink, []
    area |= _enclosed(area, _points_to_pixels(settings.max_enclosed_text, settings.dpi) // block)
    labels, _ = ndimage.label(area)
    ink, boxes = ink.copy(), []
    for block_rows, block_cols in ndimage.find_objects(labels):
        # the opening gave back the area to within a block of its edge: look a block further
        box = _filled_box(ink, (max(0, (block_cols.start - 1) * block), max(0, (block_rows.start - 1) * block),
                                (block_cols.stop + 1) * block, (block_rows.stop + 1) * block))
        if box is None:
            continue
        x0, y0, x1, y1 = box
        # the area's own threshold (the page's lies between paper and ink); its text is
        # the lesser part of it, light on dark print or dark on a grey fill
        patch = grey[y0:y1, x0:x1]
        light = patch > _otsu_threshold(patch)
        ink[y0:y1, x0:x1] = light if light.mean() < 0.5 else ~light
        boxes.append(box)
    return ink, boxes


def _filled_box(ink: np.ndarray, box: PixelBox) -> PixelBox | None:
    """The part of a box its fill covers: the outer rows and columns at least half inked
    (blocks reach past the fill's edge onto the paper)."""
    x0, y0, x1, y1 = box
    filled_rows = np.flatnonzero(ink[y0:y1, x0:x1].mean(axis=1) >= 0.5)
    if len(filled_rows) == 0:
        return None
    top, bottom = y0 + filled_rows[0], y0 + filled_rows[-1] + 1
    filled_cols = np.flatnonzero(ink[top:bottom, x0:x1].mean(axis=0) >= 0.5)
    if len(filled_cols) == 0:
        return None
    return (int(x0 + filled_cols[0]), int(top), int(x0 + filled_cols[-1] + 1), int(bottom))


def _enclosed(area: np.ndarray, max_height: int) -> np.ndarray:
    """The holes of a dark area no taller than `max_height` blocks: the large light
    letters of a title printed on a dark band leave such holes in it."""
    from scipy import ndimage  # deferred: only scanned pages need it

    holes, _ = ndimage.label(ndimage.binary_fill_holes(area) & ~area)
    filled = np.zeros_like(area)
    for index, (rows, _cols) in enumerate(ndimage.find_objects(holes), start=1):
        if rows.stop - rows.start <= max_height:
            filled[rows] |= holes[rows] == index
    return filled


def _box_mean(mask: np.ndarray, radius: int) -> np.ndarray:
    """Mean of `mask` over the (2·radius+1)² square around each cell (edges padded with False)."""
    padded = np.pad(mask.astype(np.float64), radius + 1)
    sums = padded.cumsum(axis=0).cumsum(axis=1)
    width = 2 * radius + 1
    total = sums[width:, width:] - sums[:-width, width:] - sums[width:, :-width] + sums[:-width, :-width]
    return total[: mask.shape[0], : mask.shape[1]] / width**2


def _ruled_lines(ink: np.ndarray, settings: OcrSettings) -> tuple[list[PixelBox], list[PixelBox]]:
    """The horizontal and vertical ruled lines of a page image. A vertical ink run
    shorter than a rule (a cell of a one-line row) counts when both its ends meet
    a horizontal rule, which a glyph's stroke does not."""
    long_run = _points_to_pixels(settings.min_rule_length, settings.dpi)
    horizontal = _bands(_long_runs(ink, long_run))
    # vertical rules run along the rows of the transposed image
    vertical = [_transpose(b) for b in _bands(_long_runs(ink.T, _points_to_pixels(settings.min_cell_height, settings.dpi)))]
    reach = _points_to_pixels(settings.rule_margin, settings.dpi) + 1
    vertical = [v for v in vertical if v[3] - v[1] >= long_run or
                (_meets(v[0], v[2], v[1], horizontal, reach) and _meets(v[0], v[2], v[3], horizontal, reach))]
    return horizontal, vertical


def _through_filled_rows(vertical: list[PixelBox], filled: list[PixelBox], reach: int) -> list[PixelBox]:
    """Column rules that stop at the foot of a dark row (a table's header, whose cells
    are printed as one dark band) carried up through it: the columns go on, though
    their separators in the band are not told from its fill."""
    out = []
    for x0, y0, x1, y1 in vertical:
        above = [f for f in filled if abs(f[3] - y0) <= reach and f[0] + reach < x0 and x1 < f[2] - reach]
        out.append((x0, min([f[1] for f in above], default=y0), x1, y1))
    return out


def _accent_bars(ink: np.ndarray, settings: OcrSettings) -> list[PixelBox]:
    """Solid upright bars thicker than a rule, with nothing touching them: the accent a
    heading often carries at its left (Tesseract reads it as `|` or `上`). A glyph's
    thick stroke is crossed by its other strokes."""
    rule = _points_to_pixels(settings.max_rule_thickness, settings.dpi)
    bands = [_transpose(b) for b in _bands(_long_runs(ink.T, _points_to_pixels(settings.min_bar_length, settings.dpi)))]
    return [b for b in bands if b[2] - b[0] > rule and b[3] - b[1] > 2 * (b[2] - b[0])
            and ink[b[1]:b[3], b[0]:b[2]].mean() >= settings.min_bar_fill and _alone(ink, b)]


def _alone(ink: np.ndarray, box: PixelBox, edge: int = 3, margin: int = 8) -> bool:
    """No ink (a few specks of noise aside) on the frame from `edge` to `margin` pixels
    around a box (its own ragged edge is within `edge`)."""
    def inked(reach: int) -> tuple[int, int]:
        x0, y0, x1, y1 = box
        area = ink[max(0, y0 - reach):y1 + reach, max(0, x0 - reach):x1 + reach]
        return int(area.sum()), area.size

    (inner, inner_size), (outer, outer_size) = inked(edge), inked(margin)
    return outer - inner <= 0.03 * (outer_size - inner_size)


def _meets(x0: int, x1: int, y: int, horizontal: list[PixelBox], reach: int) -> bool:
    return any(h[0] - reach <= x1 and x0 <= h[2] + reach and h[1] - reach <= y <= h[3] + reach for h in horizontal)


def _paint(shape: tuple[int, ...], boxes: list[PixelBox]) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        mask[y0:y1, x0:x1] = True
    return mask


def _transpose(box: tuple[_N, _N, _N, _N]) -> tuple[_N, _N, _N, _N]:
    """A box (pixels or points) with its axes swapped."""
    x0, y0, x1, y1 = box
    return (y0, x0, y1, x1)


def _points_to_pixels(points: float, dpi: int) -> int:
    return max(1, round(points * dpi / 72.0))


def _otsu_threshold(grey: np.ndarray) -> int:
    """The grey level that best separates ink from paper (Otsu's method)."""
    histogram = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    total, grand_mean = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (grand_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    if np.isnan(between[:-1]).all():  # one grey level only: a blank page, no ink
        return 0
    return int(np.nanargmax(between[:-1])) + 1


def _skew_angle(ink: np.ndarray, settings: OcrSettings) -> float:
    """The rotation (degrees, counter-clockwise) that makes text rows sharpest: the sum of
    squared differences of the row profile peaks when rows are level."""
    small = Image.fromarray(ink[::4, ::4].astype(np.uint8) * 255)
    best, best_score = 0.0, -1.0
    steps = round(settings.max_skew / settings.skew_step)
    for step in range(-steps, steps + 1):
        angle = step * settings.skew_step
        profile = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = angle, score
    return round(best, 2)


def _long_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """The ink pixels that lie on a horizontal run of at least `length` (a morphological
    opening with a 1×length line)."""
    height, width = ink.shape
    if width < length:
        return np.zeros_like(ink)
    sums = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # window [i, i+length) all ink
    covered = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(np.pad(full, ((0, 0), (0, length - 1))), axis=1, out=covered[:, 1:])
    # pixel j is on a run when some window starting in (j-length, j] is full
    starts = np.maximum(np.arange(width) - length + 1, 0)
    return (covered[:, 1:] - covered[:, starts]) > 0


def _grow(mask: np.ndarray, reach: int) -> np.ndarray:
    """The mask widened by `reach` pixels each way (a rule's ragged, anti-aliased edges go with it)."""
    grown = mask.copy()
    for _ in range(reach):
        grown[1:] |= grown[:-1].copy()
        grown[:-1] |= grown[1:].copy()
        grown[:, 1:] |= grown[:, :-1].copy()
        grown[:, :-1] |= grown[:, 1:].copy()
    return grown


def _bands(runs: np.ndarray) -> list[PixelBox]:
    """Horizontal bands of a mask of long runs: runs in neighbouring rows that overlap
    are one band (a rule a few pixels thick, or a filled box)."""
    open_: dict[tuple[int, int], list[int]] = {}  # (x0, x1) → [first row, last row]
    done: list[PixelBox] = []
    for row in np.flatnonzero(runs.any(axis=1)):
        padded = np.concatenate(([False], runs[row], [False]))
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        still_open: dict[tuple[int, int], list[int]] = {}
        for x0, x1 in zip(edges[::2], edges[1::2]):
            match = next((k for k, v in open_.items() if v[1] == row - 1 and k[0] < x1 and x0 < k[1]), None)
            if match is not None:
                first = open_.pop(match)[0]
                still_open[(min(x0, match[0]), max(x1, match[1]))] = [first, row]
            else:
                still_open[(int(x0), int(x1))] = [int(row), int(row)]
        done += [(x0, first, x1, last + 1) for (x0, x1), (first, last) in open_.items()]
        open_ = still_open
    done += [(x0, first, x1, last + 1) for (x0, x1), (first, last) in open_.items()]
    return done


def _rules(bands: list[PixelBox], scale: float, settings: OcrSettings) -> list[BBox]:
    """Horizontal bands as ruled lines in points; a band thicker than a rule is a filled
    box, whose top and bottom edges are rules."""
    thickness = settings.max_rule_thickness / scale
    rules: list[BBox] = []
    for x0, top, x1, bottom in bands:
        ys = [top, bottom] if bottom - top > thickness else [(top + bottom) / 2]
        rules += [(round(x0 * scale, 2), round(y * scale, 2), round(x1 * scale, 2), round(y * scale, 2)) for y in ys]
    return rules


def _known_role_or_text(text: str, confidence: float, settings: OcrSettings) -> str:
    """A line that is a known role name but for one misread character is that name;
    a three-character name (管理職) only when Tesseract doubted its reading."""
    key = role_key(text)
    shortest = 3 if confidence < settings.doubtful_confidence else 4
    snapped = snap_to_known(key, known_role_names(), shortest)
    return snapped if snapped != key else text


def _table_cells(horizontal: list[PixelBox], vertical: list[PixelBox], reach: int) -> list[PixelBox]:
    """The cells of ruled tables: between two vertical rules that both run from one
    horizontal rule to the next, and within both horizontal rules' spans."""
    levels = sorted({int(h[1] + h[3]) // 2 for h in horizontal})
    cells: list[PixelBox] = []
    for top, bottom in zip(levels, levels[1:]):
        if bottom - top < 3 * reach:
            continue  # two edges of one thick rule
        walls = sorted({int(v[0] + v[2]) // 2 for v in vertical if v[1] <= top + reach and v[3] >= bottom - reach})
        spans = [h for h in horizontal if abs((h[1] + h[3]) // 2 - top) <= reach or abs((h[1] + h[3]) // 2 - bottom) <= reach]
        for left, right in zip(walls, walls[1:]):
            covered_above = any(abs((h[1] + h[3]) // 2 - top) <= reach and h[0] - reach <= left and right <= h[2] + reach for h in spans)
            covered_below = any(abs((h[1] + h[3]) // 2 - bottom) <= reach and h[0] - reach <= left and right <= h[2] + reach for h in spans)
            if covered_above and covered_below and right - left > 3 * reach:
                cells.append((left, top, right, bottom))
    return cells


def _doubtful_cells(words: list[Word], ink: np.ndarray, cells: list[PixelBox],
                    settings: OcrSettings) -> list[PixelBox]:
    """Table cells whose words Tesseract doubted, or where it found none in their ink
    (its sparse-text reading of a whole page runs the short lines of neighbouring
    cells together)."""
    doubtful = []
    for cell in cells:
        inside = [w for w in words if _centre_in(w.box, cell)]
        has_ink = ink[cell[1]:cell[3], cell[0]:cell[2]].any()
        if has_ink and (not inside or statistics.fmean(w.confidence for w in inside) < settings.reread_confidence):
            doubtful.append(cell)
    return doubtful


def _doubtful_lines(words: list[Word], cells: list[PixelBox], shape: tuple[int, ...],
                    settings: OcrSettings) -> list[PixelBox]:
    """Boxes around the lines outside table cells that Tesseract doubted (a bold heading
    it breaks into pieces, `第3 草テジ タル人材…`), grown to take in every word they touch
    on their row, so that the line is read again whole."""
    by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        if not any(_centre_in(word.box, cell) for cell in cells):
            by_line[word.line_key].append(word)
    boxes = []
    for group in by_line.values():
        confidence = sum(w.confidence * len(w.text) for w in group) / sum(len(w.text) for w in group)
        if confidence < settings.reread_confidence:
            x0, y0 = min(w.box[0] for w in group), min(w.box[1] for w in group)
            x1, y1 = max(w.box[2] for w in group), max(w.box[3] for w in group)
            reach = (y1 - y0) // 4
            boxes.append((max(0, x0 - 4 * reach), max(0, y0 - reach), min(shape[1], x1 + 4 * reach), min(shape[0], y1 + reach)))
    loose = [w.box for w in words if not any(_centre_in(w.box, cell) for cell in cells)]
    return _merged([_take_in(box, loose) for box in boxes])


def _take_in(box: PixelBox, others: list[tuple[int, int, int, int]]) -> PixelBox:
    """The box grown over every box on its rows that it cuts or that lies within a line
    height of it (the rest of its line: Tesseract splits a line it doubts into pieces)."""
    x0, y0, x1, y1 = box
    grown = True
    while grown:
        grown = False
        reach = y1 - y0
        for ox0, oy0, ox1, oy1 in others:
            on_row = y0 <= (oy0 + oy1) / 2 <= y1
            near = ox0 < x1 + reach and x0 - reach < ox1
            if on_row and near and not (x0 <= ox0 and ox1 <= x1 and y0 <= oy0 and oy1 <= y1):
                x0, y0, x1, y1 = min(x0, ox0), min(y0, oy0), max(x1, ox1), max(y1, oy1)
                grown = True
    return (x0, y0, x1, y1)


def _merged(boxes: list[PixelBox]) -> list[PixelBox]:
    """Overlapping boxes as one."""
    out: list[PixelBox] = []
    for box in sorted(boxes):
        for i, other in enumerate(out):
            if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                break
        else:
            out.append(box)
    return out if len(out) == len(boxes) else _merged(out)


def _unread_ink(ink: np.ndarray, words: list[Word], read: list[PixelBox], settings: OcrSettings) -> list[PixelBox]:
    """Boxes around ink that no line Tesseract read comes near and that is in no region
    read otherwise: what its page-wide pass dropped (a lone digit in a table's number
    column, a short word). Glyph-sized pieces near one another are one box; specks of
    noise and anything taller than a line of large type (a figure) are left out."""
    from scipy import ndimage  # deferred: only scanned pages need it

    by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        by_line[word.line_key].append(word)
    covered = np.zeros(ink.shape, dtype=bool)
    for group in by_line.values():
        x0, y0 = min(w.box[0] for w in group), min(w.box[1] for w in group)
        x1, y1 = max(w.box[2] for w in group), max(w.box[3] for w in group)
        reach = (y1 - y0) // 2  # Tesseract's boxes fall short of the glyphs at a line's ends
        covered[max(0, y0 - reach // 2):y1 + reach // 2, max(0, x0 - reach):x1 + reach] = True
    for x0, y0, x1, y1 in read:
        covered[y0:y1, x0:x1] = True
    labels, _ = ndimage.label(ink)
    touched = np.unique(labels[covered & ink])
    smallest = _points_to_pixels(settings.min_glyph_size, settings.dpi)
    pieces = [(c.start, r.start, c.stop, r.stop) for index, (r, c) in enumerate(ndimage.find_objects(labels), start=1)
              if index not in touched and max(r.stop - r.start, c.stop - c.start) >= smallest]
    if not pieces:
        return []
    reach = _points_to_pixels(settings.glyph_spacing, settings.dpi)
    tallest = _points_to_pixels(settings.max_unread_height, settings.dpi)
    grouped = _merged([(x0 - reach, y0 - reach, x1 + reach, y1 + reach) for x0, y0, x1, y1 in pieces])
    return [(max(0, x0 + reach), max(0, y0 + reach), x1 - reach, y1 - reach) for x0, y0, x1, y1 in grouped
            if y1 - y0 - 2 * reach <= tallest]


def _reread(words: list[Word], ink: np.ndarray, regions: list[PixelBox], unread: list[PixelBox],
            settings: OcrSettings) -> list[Word]:
    """The regions (doubtful cells and lines) read again on their own, as one block
    each, with the ink the first pass left unread: stacked into one image, read by one
    Tesseract process, and the words put back in place of those read there before (of
    the unread ink, only what Tesseract is sure of: it is often a figure's strokes)."""
    regions = regions + unread
    if not regions:
        return words
    gap = _points_to_pixels(settings.min_rule_length / 2, settings.dpi)
    width = max(c[2] - c[0] for c in regions) + 2 * gap
    height = sum(c[3] - c[1] + gap for c in regions) + gap
    sheet = np.zeros((height, width), dtype=bool)
    offsets = []
    y = gap
    for x0, y0, x1, y1 in regions:
        sheet[y:y + y1 - y0, gap:gap + x1 - x0] = ink[y0:y1, x0:x1]
        offsets.append((y, y + y1 - y0, int(x0) - gap, int(y0) - y))
        y += y1 - y0 + gap
    reread: dict[int, list[Word]] = defaultdict(list)
    for word in _tesseract_words(sheet, replace(settings, page_segmentation="6")):
        middle = (word.box[1] + word.box[3]) // 2
        for index, (start, stop, dx, dy) in enumerate(offsets):
            if start <= middle < stop:
                left, top, right, bottom = word.box
                if index >= len(regions) - len(unread) and word.confidence < settings.min_found_confidence:
                    continue
                reread[index].append(Word(text=word.text, box=(left + dx, top + dy, right + dx, bottom + dy),
                                          confidence=word.confidence, line_key=(-1 - index, *word.line_key[1:])))
    out = [w for w in words if not any(_centre_in(w.box, region) for region in regions)]
    for index, region in enumerate(regions):
        before = [w for w in words if _centre_in(w.box, region)]
        # the second reading where it is surer than the first (it can drop what the first read)
        out += reread[index] if _surety(reread[index]) >= _surety(before) else before
    return out


def _surety(words: list[Word]) -> float:
    """How much of a reading Tesseract was sure of: its characters, each counted by how
    far its confidence is above even (a reading that drops a character is no surer for
    it; one that adds doubtful ones is less sure)."""
    return sum((w.confidence - 0.5) * len(w.text) for w in words)


def _upright_text(ink: np.ndarray, cells: list[PixelBox], settings: OcrSettings) -> list[PixelBox]:
    """The ink boxes of table cells printed in vertical writing (`管理職` down a row
    header): a single column of glyphs, narrow and at least `min_vertical_aspect` times
    as tall as it is wide."""
    widest = _points_to_pixels(settings.max_vertical_width, settings.dpi)
    boxes = []
    for x0, y0, x1, y1 in cells:
        ys, xs = np.nonzero(ink[y0:y1, x0:x1])
        if len(ys) == 0:
            continue
        width, height = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
        if width <= widest and height >= settings.min_vertical_aspect * width:
            boxes.append((int(x0 + xs.min()), int(y0 + ys.min()), int(x0 + xs.max() + 1), int(y0 + ys.max() + 1)))
    return boxes


def _vertical_lines(ink: np.ndarray, boxes: list[PixelBox], number: int, scale: float,
                    settings: OcrSettings) -> list[Line]:
    """Vertical text read by Tesseract's `jpn_vert`, the boxes side by side in one image
    (one process a page), each box one vertical line."""
    if not boxes:
        return []
    gap = _points_to_pixels(settings.min_rule_length / 2, settings.dpi)
    height = max(b[3] - b[1] for b in boxes) + 2 * gap
    sheet = np.zeros((height, sum(b[2] - b[0] + gap for b in boxes) + gap), dtype=bool)
    spans, x = [], gap
    for x0, y0, x1, y1 in boxes:
        sheet[gap:gap + y1 - y0, x:x + x1 - x0] = ink[y0:y1, x0:x1]
        spans.append((x, x + x1 - x0))
        x += x1 - x0 + gap
    read = _tesseract_words(sheet, replace(settings, language=settings.vertical_language, page_segmentation="5"))
    lines = []
    for (start, stop), box in zip(spans, boxes):
        inside = [w for w in read if start <= (w.box[0] + w.box[2]) / 2 < stop and w.confidence > 0]
        if not inside:
            continue
        inside.sort(key=lambda w: w.box[1])
        confidence = sum(w.confidence * len(w.text) for w in inside) / sum(len(w.text) for w in inside)
        text = _known_role_or_text(clean_ocr_line("".join(w.text for w in inside)), confidence, settings)
        if text:
            lines.append(Line(text=text, bbox=tuple(round(v * scale, 2) for v in box),
                              size=round((box[2] - box[0]) * scale / settings.ink_per_size, 1), page=number,
                              vertical=True, confidence=round(confidence, 3)))
    return lines


def _centre_in(box: tuple[int, int, int, int], cell: PixelBox) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]


# ---------------------------------------------------------------- Tesseract

@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    confidence: float  # 0–1
    line_key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)


def _tesseract_words(ink: np.ndarray, settings: OcrSettings) -> list[Word]:
    buffer = io.BytesIO()
    Image.fromarray(~ink).convert("1").save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page; pages run side by side
    command = ["tesseract", "stdin", "stdout", "-l", settings.language, "--dpi", str(settings.dpi),
               "--psm", settings.page_segmentation, "tsv"]
    try:
        done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, env=env, check=False,
                              timeout=settings.timeout_seconds)
    except subprocess.TimeoutExpired as error:
        raise TesseractError(f"no answer within {settings.timeout_seconds:.0f} s") from error
    except OSError as error:  # the program vanished or cannot be run
        raise TesseractError(f"cannot run tesseract ({error})") from error
    if done.returncode != 0:
        said = [line for line in done.stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
        raise TesseractError(f"exit status {done.returncode}" + (": " + "; ".join(said[-3:]) if said else ""))
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(v) for v in cells[6:10])
        words.append(Word(text=cells[11], box=(left, top, left + width, top + height),
                          confidence=max(0.0, float(cells[10])) / 100.0,
                          line_key=(int(cells[2]), int(cells[3]), int(cells[4]))))
    return words


def _find_marks(ink: np.ndarray, settings: OcrSettings) -> list[Word]:
    """The ●, ○ and △ printed alone (a training matrix's cells), the bullets (・ ▶)
    that head list items and the leader dots between a label and its text (・・・):
    blobs of ink with the shape, size and surroundings of one. Tesseract misreads the
    marks (`し】`, `@`, `ぁ`) and drops the dots."""
    from scipy import ndimage  # deferred: only scanned pages need it

    labels, _ = ndimage.label(ink)
    found = []
    for index, (rows, cols) in enumerate(ndimage.find_objects(labels), start=1):
        glyph = _glyph_at(labels[rows, cols] == index, ink, rows, cols, settings)
        if glyph is not None:
            text, score = glyph
            found.append(Word(text=text, box=(cols.start, rows.start, cols.stop, rows.stop), confidence=score,
                              line_key=(-index, 0, 0)))  # each a line of its own
    dots = [w for w in found if w.text == _DOT]
    return [w for w in found if w.text != _DOT] + \
        [replace(w, text=_LEADER) for w in dots if _in_a_run(w, dots, settings)]


def _in_a_run(dot: Word, dots: list[Word], settings: OcrSettings) -> bool:
    """A leader dot is one of at least three dots in a row, each within a pitch of the next
    (a lone middle dot, 知識・スキル, is Tesseract's to read)."""
    pitch = _points_to_pixels(_DOT_PITCH * 1.5, settings.dpi)
    row = sorted(w.box[0] for w in dots if abs(w.box[1] - dot.box[1]) <= 2)
    start = end = row.index(dot.box[0])
    while start > 0 and row[start] - row[start - 1] <= pitch:
        start -= 1
    while end < len(row) - 1 and row[end + 1] - row[end] <= pitch:
        end += 1
    return end - start >= 2


_LEADER = "・"
_DOT = "."  # a dot that is not a bullet: a leader dot if others follow it


def _glyph_at(blob: np.ndarray, ink: np.ndarray, rows: slice, cols: slice,
              settings: OcrSettings) -> tuple[str, float] | None:
    """A mark, a bullet or a leader dot; None for anything else."""
    height, width = blob.shape
    dpi = settings.dpi
    clearance = _points_to_pixels(settings.bullet_clearance, dpi)
    half_line = _points_to_pixels(settings.bullet_clearance / 2, dpi)
    line = slice(max(0, rows.start - half_line), rows.stop + half_line)
    # a bullet: nothing before it on its line, the item's text right after it
    heads_a_line = not _ink_near(ink, line, cols, clearance, 0) and _ink_near(ink, rows, cols, 0, clearance)
    if _points_to_pixels(settings.min_mark_size, dpi) <= min(height, width) and \
            max(height, width) <= _points_to_pixels(settings.max_mark_size, dpi):
        shape = mark_shape(ink[rows, cols])  # all ink in its box: ◎ is two rings
        if shape is not None:  # alone: a ring among text is 〇, and a full stop (。) sits low after a glyph
            glyph_row = slice(max(0, rows.start - height), rows.stop)
            alone = not _ink_near(ink, rows, cols, width, width) and not _ink_near(ink, glyph_row, cols, 2 * width, 0)
            return shape if alone else None
        return ("▶", 1.0) if heads_a_line and _points_right(blob) else None
    if _points_to_pixels(settings.min_dot_size, dpi) <= min(height, width) \
            and max(height, width) <= _points_to_pixels(settings.max_bullet_size, dpi) \
            and 0.7 <= width / height <= 1.4 and blob.mean() > 0.6:
        if heads_a_line:
            return "・", 1.0
        if _clear_above_and_below(ink, rows, cols):  # a leader dot, if others follow (_in_a_run)
            return _DOT, 1.0
    return None


def _points_right(blob: np.ndarray) -> bool:
    """A filled triangle pointing right (▶): a full left side, a tip at mid-height."""
    height, width = blob.shape
    left = blob[:, : max(1, width // 6)].mean()
    tip = blob[:, width - max(1, width // 6):]
    tip_rows = np.flatnonzero(tip.any(axis=1))
    return bool(0.6 <= width / height <= 1.2 and left > 0.7 and 0.35 < blob.mean() < 0.7 and len(tip_rows)
                and tip_rows.min() > height * 0.25 and tip_rows.max() < height * 0.75)


def _clear_above_and_below(ink: np.ndarray, rows: slice, cols: slice) -> bool:
    """No ink just above or below a dot (the dot of a glyph has strokes around it)."""
    height = rows.stop - rows.start
    return not ink[max(0, rows.start - 2 * height):rows.start, cols].any() \
        and not ink[rows.stop:rows.stop + 2 * height, cols].any()


def _ink_near(ink: np.ndarray, rows: slice, cols: slice, before: int, after: int) -> bool:
    """Ink on the blob's rows within `before` pixels to its left or `after` pixels to its right."""
    return bool(ink[rows, max(0, cols.start - before):cols.start].any()
                or ink[rows, cols.stop:cols.stop + after].any())


def mark_shape(patch: np.ndarray) -> tuple[str, float] | None:
    """(mark, how well the ink fits its shape) for an ink patch that is a filled circle
    (●), a ring (○), a ring in a ring (◎) or a triangle (△ ▲); None for anything else
    (口 and ロ are square: their corners are inked)."""
    ys, xs = np.nonzero(patch)
    if len(ys) == 0:
        return None
    tight = patch[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    height, width = tight.shape
    if min(height, width) < 4 or not 0.8 <= width / height <= 1.25:
        return None

    def ink(y0: float, y1: float, x0: float, x1: float) -> float:
        region = tight[int(y0 * height):max(int(y1 * height), int(y0 * height) + 1),
                       int(x0 * width):max(int(x1 * width), int(x0 * width) + 1)]
        return float(region.mean())

    centre = ink(.35, .65, .35, .65)
    top_corners = max(ink(0, .15, 0, .15), ink(0, .15, .85, 1))
    bottom_corners = min(ink(.85, 1, 0, .15), ink(.85, 1, .85, 1))
    tip_alone = ink(0, .12, .4, .6) > 0.2 and max(ink(0, .25, 0, .25), ink(0, .25, .75, 1)) < 0.02
    if tip_alone and bottom_corners > 0.3 and ink(.88, 1, .2, .8) > 0.6:
        return ("▲", centre) if centre > 0.8 else ("△", 1 - centre) if centre < 0.2 else None
    if max(top_corners, ink(.85, 1, 0, .15), ink(.85, 1, .85, 1)) > 0.2:
        return None
    if centre > 0.9 and tight.mean() > 0.6:
        return "●", round(min(1.0, float(tight.mean()) / (np.pi / 4)), 3)
    edges = min(ink(0, .12, .4, .6), ink(.88, 1, .4, .6), ink(.4, .6, 0, .12), ink(.4, .6, .88, 1))
    across = (_ink_runs(tight[height // 2 - 1:height // 2 + 2].mean(axis=0) > 0.5),
              _ink_runs(tight[:, width // 2 - 1:width // 2 + 2].mean(axis=1) > 0.5))
    inner = tight[int(.2 * height):int(.8 * height) + 1, int(.2 * width):int(.8 * width) + 1]
    if edges > 0.3 and across == (4, 4) and _is_ring(inner):  # a ring in a ring (not ④, a digit in one)
        return "◎", round(edges, 3)
    if centre < 0.1 and edges > 0.3:
        return "○", round(1 - centre, 3)
    return None


def _is_ring(patch: np.ndarray) -> bool:
    shape = mark_shape(patch)
    return shape is not None and shape[0] == "○"


def _ink_runs(inked: np.ndarray) -> int:
    """How many separate runs of ink a row of pixels crosses."""
    return int(np.count_nonzero(np.diff(np.concatenate(([False], inked, [False])).astype(np.int8)) == 1))


def _lines(words: list[Word], ink: np.ndarray, number: int, scale: float, rules: tuple[BBox, ...],
           settings: OcrSettings) -> list[Line]:
    """Tesseract's lines as layout `Line`s, in reading order: the words of its lines
    that share a row put together (its sparse-text reading breaks a line into pieces)
    and cut where a vertical rule or a gap wider than a cell gutter separates them (it
    runs table cells that share a baseline into one line)."""
    by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        by_line[word.line_key].append(word)
    walls = [rule for rule in rules if rule[0] == rule[2]]
    lines: list[Line] = []
    for group in _rows_of(list(by_line.values())):
        group.sort(key=lambda w: w.box[0])
        em = _em(group, ink, settings)
        piece = [group[0]]
        for word in group[1:]:
            if _blank_gap(ink, piece[-1], word) > settings.cell_gap * em or \
                    _wall_between(piece[-1], word, walls, scale):
                lines += _line(piece, ink, number, scale, settings)
                piece = []
            piece.append(word)
        lines += _line(piece, ink, number, scale, settings)
    return _complete_year_rows(_join_leaders(_attach_bullets(sorted(lines, key=lambda ln: (ln.top, ln.x0)))))


def _rows_of(groups: list[list[Word]]) -> list[list[Word]]:
    """Groups of words on one row (each one's middle within the first one's height) as one."""
    def extent(group: list[Word]) -> tuple[int, int]:
        return min(w.box[1] for w in group), max(w.box[3] for w in group)

    rows: list[tuple[tuple[int, int], list[Word]]] = []
    for group in sorted(groups, key=lambda g: sum(extent(g)) / 2):
        middle = sum(extent(group)) / 2
        row = next((r for (top, bottom), r in rows if top <= middle <= bottom), None)
        if row is None:
            rows.append((extent(group), list(group)))
        else:
            row.extend(group)
    return [row for _, row in rows]


_BULLETS = ("・", "･", "•", "▶")
# An enumerator alone: a circled number, a number or kana in brackets or before a
# stop, a lone kana of the イロハ / アイウ orders.
_LONE_ENUMERATOR = re.compile(r"[\u2460-\u2473\u3251-\u325f]|[(（]?[0-9０-９]{1,2}[)）.．]|[(（][ア-ンア-ン][)）]|[ア-ン]")


def _heads_a_line(text: str) -> bool:
    return text in _BULLETS or bool(_LONE_ENUMERATOR.fullmatch(text))


def _join_leaders(lines: list[Line]) -> list[Line]:
    """A label, its leader dots and its text (`高度専門人材・・・・マネジメント、…`), which
    Tesseract reads as separate lines, are one line again."""
    out = _leader_runs(lines)
    for leader in [ln for ln in out if set(ln.text) == {_LEADER} and len(ln.text) >= 2]:
        middle = (leader.top + leader.bottom) / 2
        row = [ln for ln in out if ln is not leader and ln.top <= middle <= ln.bottom]
        before = [ln for ln in row if 0 <= leader.x0 - ln.x1 <= ln.size]
        # the text after may have taken the last dot for its bullet
        after = [ln for ln in row if leader.x0 < ln.x0 and ln.x0 - leader.x1 <= ln.size]
        if not before or not after:
            continue
        first, last = max(before, key=lambda ln: ln.x1), min(after, key=lambda ln: ln.x0)
        text = last.text.removeprefix(_LEADER + " ")
        joined = replace(first, text=first.text + leader.text + text,
                         bbox=(first.x0, min(first.top, last.top), last.x1, max(first.bottom, last.bottom)))
        out = [joined if ln is first else ln for ln in out if ln is not leader and ln is not last]
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def _leader_runs(lines: list[Line]) -> list[Line]:
    """Leader dots read one by one, joined into runs along their row."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda ln: (round(ln.top), ln.x0)):
        run = next((i for i, ln in enumerate(out) if ln.text and set(ln.text) == {_LEADER}
                    and abs(ln.top - line.top) <= 1 and 0 <= line.x0 - ln.x1 <= 2 * _DOT_PITCH), None)
        if line.text == _LEADER and run is not None:
            out[run] = replace(out[run], text=out[run].text + _LEADER, bbox=(*out[run].bbox[:2], line.x1, line.bottom))
        else:
            out.append(line)
    # however many dots were printed, a leader is one separator
    return [replace(ln, text=_LEADER * 3) if set(ln.text) == {_LEADER} and len(ln.text) > 3 else ln for ln in out]


_DOT_PITCH = 11.0  # points between leader dots at body-text size


def _attach_bullets(lines: list[Line]) -> list[Line]:
    """A bullet or an enumerator (`③`, `(2)`, `イ`) Tesseract read as a line of its
    own goes back to the start of the line it heads (lists are split at their bullets,
    headings told by their numbers)."""
    bullets = [ln for ln in lines if _heads_a_line(ln.text)]
    out = [ln for ln in lines if not _heads_a_line(ln.text)]
    for bullet in bullets:
        middle = (bullet.top + bullet.bottom) / 2
        heads = [i for i, ln in enumerate(out) if ln.top <= middle <= ln.bottom
                 and 0 <= ln.x0 - bullet.x1 <= 2 * ln.size]
        if not heads:
            out.append(bullet)
            continue
        i = min(heads, key=lambda i: out[i].x0)
        line = out[i]
        out[i] = replace(line, text=f"{bullet.text} {line.text}",
                         bbox=(bullet.x0, min(bullet.top, line.top), line.x1, max(bullet.bottom, line.bottom)))
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def _complete_year_rows(lines: list[Line]) -> list[Line]:
    """A row of year cells (a targets table's header) with one year misread (`R7 RS R9`)
    is completed where its neighbours make the year certain (normalizers/ocr.py)."""
    out = list(lines)
    for row in _rows(out):
        for index, text in zip(row, complete_year_run([out[i].text for i in row])):
            out[index] = replace(out[index], text=text)
    return out


def _rows(lines: list[Line]) -> list[list[int]]:
    """Indices of lines side by side (each one's middle within the first one's height), left to right."""
    rows: list[list[int]] = []
    for index, line in enumerate(lines):
        middle = (line.top + line.bottom) / 2
        row = next((r for r in rows if lines[r[0]].top <= middle <= lines[r[0]].bottom), None)
        if row is None:
            rows.append([index])
        else:
            row.append(index)
    return [sorted(row, key=lambda i: lines[i].x0) for row in rows]


def _blank_gap(ink: np.ndarray, left: Word, right: Word) -> int:
    """The widest run of ink-free columns between two words of a line, in pixels: the
    gap their boxes leave can be glyphs (Tesseract's boxes of Japanese words are often
    narrower than their ink)."""
    if right.box[0] <= left.box[2]:
        return 0
    top, bottom = min(left.box[1], right.box[1]), max(left.box[3], right.box[3])
    inked = ink[top:bottom, left.box[2]:right.box[0]].any(axis=0)
    widest = run = 0
    for column_inked in inked:
        run = 0 if column_inked else run + 1
        widest = max(widest, run)
    return widest


def _em(words: list[Word], ink: np.ndarray, settings: OcrSettings) -> float:
    """The line's type size in pixels: from the usual height of the words' ink (ink is
    `ink_per_size` of the size), or from the character pitch along the line when that
    is smaller (Tesseract's word boxes of Japanese text can span a whole line and its
    brackets reach above and below; letter-spacing only ever widens the pitch)."""
    height = statistics.median(_ink_height(ink, w.box) for w in words) / settings.ink_per_size
    ems = sum(_ems(w.text) for w in words)
    if ems < settings.min_pitch_ems:
        return height
    span = max(w.box[2] for w in words) - min(w.box[0] for w in words)
    return min(height, span / ems)


def _ink_height(ink: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The height of the ink in a word's box (its box may be taller than its glyphs)."""
    x0, y0, x1, y1 = box
    rows = np.flatnonzero(ink[y0:y1, x0:x1].any(axis=1))
    return int(rows[-1] - rows[0] + 1) if len(rows) else y1 - y0


def _ems(text: str) -> float:
    """The width of a text in ems: full-width characters one, Latin and half-width ones half."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0 for ch in text if not ch.isspace())


def _wall_between(left: Word, right: Word, walls: list[BBox], scale: float) -> bool:
    """A vertical ruled line runs between the middles of two words (a word's box may
    reach over a rule it was read next to)."""
    middle = (left.box[1] + left.box[3] + right.box[1] + right.box[3]) / 4 * scale
    centres = ((left.box[0] + left.box[2]) / 2 * scale, (right.box[0] + right.box[2]) / 2 * scale)
    return any(centres[0] <= x <= centres[1] and top <= middle <= bottom for x, top, _, bottom in walls)


def _line(words: list[Word], ink: np.ndarray, number: int, scale: float, settings: OcrSettings) -> list[Line]:
    em = _em(words, ink, settings)
    text = words[0].text
    for before, word in zip(words, words[1:]):
        gap = _blank_gap(ink, before, word)
        text += (" " if gap > settings.space_gap * em else "") + word.text
    confidence = sum(w.confidence * len(w.text) for w in words) / sum(len(w.text) for w in words)
    text = _known_role_or_text(clean_ocr_line(text), confidence, settings)
    if not text:
        return []
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    return [Line(text=text, bbox=tuple(round(v * scale, 2) for v in box),
                 size=round(em * scale, 1), page=number,
                 confidence=round(confidence, 3))]


# ---------------------------------------------------------------- provenance

def mark_ocr_records(extraction: Extraction, layout: PdfLayout) -> None:
    """Mark every record read from an OCRed page: `extractor` gains `+ocr` and
    `ocr_confidence` the mean confidence of the OCRed lines under its box (of its page
    when it has no box). A role a record names that is one misread character away from
    exactly one of the document's roles is that role."""
    read = {p.number: p for p in layout.pages if p.ocr_confidence is not None}
    if not read:
        return
    roles = {role.name for role in extraction.roles}
    boxes = {t.training_id: (t.page, t.bbox) for t in extraction.trainings}
    for table, records in extraction.tables().items():
        marked = []
        for record in records:
            page, bbox = boxes.get(getattr(record, "training_id", None), (None, None)) \
                if isinstance(record, TrainingAudience) else (getattr(record, "page", None), getattr(record, "bbox", None))
            if page not in read or "ocr_confidence" not in type(record).model_fields:
                marked.append(record)
                continue
            update: dict[str, object] = {"ocr_confidence": _confidence_under(read[page], bbox)}
            if "extractor" in type(record).model_fields:
                update["extractor"] = f"{record.extractor}+ocr" if record.extractor else "ocr"
            if isinstance(getattr(record, "role", None), str) and not isinstance(record, Role):
                update["role"] = snap_to_known(record.role, roles)
            marked.append(record.model_copy(update=update))
        setattr(extraction, table, marked)


def _confidence_under(page: Page, bbox: list[float] | None) -> float | None:
    if bbox is None:
        return page.ocr_confidence
    under = [line.confidence for line in page.lines if line.confidence is not None and _overlaps(line.bbox, bbox)]
    return round(statistics.fmean(under), 3) if under else page.ocr_confidence


def _overlaps(a: BBox, b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def warn_unread_pages(extraction: Extraction, layout: PdfLayout, doc_id: str) -> None:
    """A warning for each scanned page left unread: Tesseract is missing (one warning
    for them all) or failed on it."""
    missing = [number for number, why in layout.ocr_unread.items() if why.startswith("Tesseract with")]
    if missing:
        extraction.warnings.append(ExtractionWarning(
            doc_id=doc_id, page=missing[0], kind="ocr_unavailable",
            message=f"scanned pages {', '.join(map(str, missing))} were not read: {INSTALL_HINT}"))
    for number, why in layout.ocr_unread.items():
        if number not in missing:
            extraction.warnings.append(ExtractionWarning(
                doc_id=doc_id, page=number, kind="ocr_failed", message=f"scanned page {number} was not read: {why}"))
