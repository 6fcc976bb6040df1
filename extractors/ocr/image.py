"""A scanned page image at the pixel level: binarisation (dark and grey areas thresholded
on their own), skew, ruled lines, a heading's accent bars, and the cells ruled tables form."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
from PIL import Image

from jinzai.extractors.layout import BBox
from jinzai.extractors.ocr.settings import OcrSettings


PixelBox = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, ends exclusive


_N = TypeVar("_N", int, float)


def invert_dark_areas(grey: np.ndarray, ink: np.ndarray,
                      settings: OcrSettings) -> tuple[np.ndarray, list[PixelBox]]:
    """Areas printed dark or grey (a cover's title band, a dark header row, a shaded
    box) thresholded each on its own, so that their text is ink and their fill is not;
    with the areas' boxes (a dark header row's edges are its table's rulings). An area
    is a run of blocks (about 4 points square) mostly inked, at least `min_dark_area`
    across both ways (a bold glyph has no such area), trimmed to where its fill is."""
    from scipy import ndimage  # deferred: only scanned pages need it

    block = points_to_pixels(settings.dark_block, settings.dpi)
    rows, cols = ink.shape[0] // block, ink.shape[1] // block
    density = ink[:rows * block, :cols * block].reshape(rows, block, cols, block).mean(axis=(1, 3))
    dark = _box_mean(density > settings.dark_box_share, 1) >= 0.5  # letters inside count as dark
    side = max(1, round(settings.min_dark_area / settings.dark_block / 2))
    core = _box_mean(dark, side) >= 0.99  # an opening: small dark spots vanish …
    area = _box_mean(core, side) > 0  # … and what stays grows back to its extent
    if not area.any():
        return ink, []
    area |= _enclosed(area, points_to_pixels(settings.max_enclosed_text, settings.dpi) // block)
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
        light = patch > otsu_threshold(patch)
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


def ruled_lines(ink: np.ndarray, settings: OcrSettings) -> tuple[list[PixelBox], list[PixelBox]]:
    """The horizontal and vertical ruled lines of a page image. A vertical ink run
    shorter than a rule (a cell of a one-line row) counts when both its ends meet
    a horizontal rule, which a glyph's stroke does not."""
    long_run = points_to_pixels(settings.min_rule_length, settings.dpi)
    horizontal = _bands(_long_runs(ink, long_run))
    # vertical rules run along the rows of the transposed image
    vertical = [transpose(b) for b in _bands(_long_runs(ink.T, points_to_pixels(settings.min_cell_height, settings.dpi)))]
    reach = points_to_pixels(settings.rule_margin, settings.dpi) + 1
    vertical = [v for v in vertical if v[3] - v[1] >= long_run or
                (_meets(v[0], v[2], v[1], horizontal, reach) and _meets(v[0], v[2], v[3], horizontal, reach))]
    return horizontal, vertical


def through_filled_rows(vertical: list[PixelBox], filled: list[PixelBox], reach: int) -> list[PixelBox]:
    """Column rules that stop at the foot of a dark row (a table's header, whose cells
    are printed as one dark band) carried up through it: the columns go on, though
    their separators in the band are not told from its fill."""
    out = []
    for x0, y0, x1, y1 in vertical:
        above = [f for f in filled if abs(f[3] - y0) <= reach and f[0] + reach < x0 and x1 < f[2] - reach]
        out.append((x0, min([f[1] for f in above], default=y0), x1, y1))
    return out


def accent_bars(ink: np.ndarray, settings: OcrSettings) -> list[PixelBox]:
    """Solid upright bars thicker than a rule, with nothing touching them: the accent a
    heading often carries at its left (Tesseract reads it as `|` or `上`). A glyph's
    thick stroke is crossed by its other strokes."""
    rule = points_to_pixels(settings.max_rule_thickness, settings.dpi)
    bands = [transpose(b) for b in _bands(_long_runs(ink.T, points_to_pixels(settings.min_bar_length, settings.dpi)))]
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


def paint(shape: tuple[int, ...], boxes: list[PixelBox]) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        mask[y0:y1, x0:x1] = True
    return mask


def transpose(box: tuple[_N, _N, _N, _N]) -> tuple[_N, _N, _N, _N]:
    """A box (pixels or points) with its axes swapped."""
    x0, y0, x1, y1 = box
    return (y0, x0, y1, x1)


def points_to_pixels(points: float, dpi: int) -> int:
    return max(1, round(points * dpi / 72.0))


def otsu_threshold(grey: np.ndarray) -> int:
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


def skew_angle(ink: np.ndarray, settings: OcrSettings) -> float:
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


def grow(mask: np.ndarray, reach: int) -> np.ndarray:
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


def rules_of_bands(bands: list[PixelBox], scale: float, settings: OcrSettings) -> list[BBox]:
    """Horizontal bands as ruled lines in points; a band thicker than a rule is a filled
    box, whose top and bottom edges are rules."""
    thickness = settings.max_rule_thickness / scale
    rules: list[BBox] = []
    for x0, top, x1, bottom in bands:
        ys = [top, bottom] if bottom - top > thickness else [(top + bottom) / 2]
        rules += [(round(x0 * scale, 2), round(y * scale, 2), round(x1 * scale, 2), round(y * scale, 2)) for y in ys]
    return rules


def table_cells(horizontal: list[PixelBox], vertical: list[PixelBox], reach: int) -> list[PixelBox]:
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


def centre_in(box: tuple[int, int, int, int], cell: PixelBox) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]
