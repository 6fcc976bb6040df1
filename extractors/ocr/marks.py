"""Glyphs told by their shape, which Tesseract misreads or drops: the ●○◎△▲ of a
training matrix, list bullets (・ ▶) and leader dots."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from jinzai.extractors.ocr.image import points_to_pixels
from jinzai.extractors.ocr.settings import OcrSettings
from jinzai.extractors.ocr.tesseract import Word


def find_marks(ink: np.ndarray, settings: OcrSettings) -> list[Word]:
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
        [replace(w, text=LEADER) for w in dots if _in_a_run(w, dots, settings)]


def _in_a_run(dot: Word, dots: list[Word], settings: OcrSettings) -> bool:
    """A leader dot is one of at least three dots in a row, each within a pitch of the next
    (a lone middle dot, 知識・スキル, is Tesseract's to read)."""
    pitch = points_to_pixels(DOT_PITCH * 1.5, settings.dpi)
    row = sorted(w.box[0] for w in dots if abs(w.box[1] - dot.box[1]) <= 2)
    start = end = row.index(dot.box[0])
    while start > 0 and row[start] - row[start - 1] <= pitch:
        start -= 1
    while end < len(row) - 1 and row[end + 1] - row[end] <= pitch:
        end += 1
    return end - start >= 2


LEADER = "・"


_DOT = "."  # a dot that is not a bullet: a leader dot if others follow it


def _glyph_at(blob: np.ndarray, ink: np.ndarray, rows: slice, cols: slice,
              settings: OcrSettings) -> tuple[str, float] | None:
    """A mark, a bullet or a leader dot; None for anything else."""
    height, width = blob.shape
    dpi = settings.dpi
    clearance = points_to_pixels(settings.bullet_clearance, dpi)
    half_line = points_to_pixels(settings.bullet_clearance / 2, dpi)
    line = slice(max(0, rows.start - half_line), rows.stop + half_line)
    # a bullet: nothing before it on its line, the item's text right after it
    heads_a_line = not _ink_near(ink, line, cols, clearance, 0) and _ink_near(ink, rows, cols, 0, clearance)
    if points_to_pixels(settings.min_mark_size, dpi) <= min(height, width) and \
            max(height, width) <= points_to_pixels(settings.max_mark_size, dpi):
        shape = mark_shape(ink[rows, cols])  # all ink in its box: ◎ is two rings
        if shape is not None:  # alone: a ring among text is 〇, and a full stop (。) sits low after a glyph
            glyph_row = slice(max(0, rows.start - height), rows.stop)
            alone = not _ink_near(ink, rows, cols, width, width) and not _ink_near(ink, glyph_row, cols, 2 * width, 0)
            return shape if alone else None
        return ("▶", 1.0) if heads_a_line and _points_right(blob) else None
    if points_to_pixels(settings.min_dot_size, dpi) <= min(height, width) \
            and max(height, width) <= points_to_pixels(settings.max_bullet_size, dpi) \
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
    if edges > 0.3 and across == (4, 4) and _holds_a_ring(tight):  # a ring in a ring (not ④, a digit in one)
        return "◎", round(edges, 3)
    if centre < 0.1 and edges > 0.3:
        return "○", round(1 - centre, 3)
    return None


def _holds_a_ring(patch: np.ndarray) -> bool:
    """A second piece of ink in the middle of the patch that is itself a ring."""
    from scipy import ndimage  # deferred: only scanned pages need it

    labels, _ = ndimage.label(patch)
    height, width = patch.shape
    for index, (rows, cols) in enumerate(ndimage.find_objects(labels), start=1):
        centred = abs(rows.start + rows.stop - height) < 0.3 * height and abs(cols.start + cols.stop - width) < 0.3 * width
        if centred and rows.stop - rows.start < 0.8 * height:
            shape = mark_shape(labels[rows, cols] == index)
            if shape is not None and shape[0] == "○":
                return True
    return False


def _ink_runs(inked: np.ndarray) -> int:
    """How many separate runs of ink a row of pixels crosses."""
    return int(np.count_nonzero(np.diff(np.concatenate(([False], inked, [False])).astype(np.int8)) == 1))


DOT_PITCH = 11.0  # points between leader dots at body-text size
