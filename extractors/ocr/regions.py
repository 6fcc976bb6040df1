"""Parts of a page read again after Tesseract's page-wide pass: doubtful table cells and
lines, ink it left unread, and cells printed in vertical writing (`jpn_vert`)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import replace

import numpy as np

from jinzai.extractors.layout import Line
from jinzai.extractors.ocr.image import PixelBox, centre_in, points_to_pixels
from jinzai.extractors.ocr.lines import known_role_or_text
from jinzai.extractors.ocr.settings import OcrSettings
from jinzai.extractors.ocr.tesseract import Word, tesseract_words
from jinzai.normalizers.ocr import clean_ocr_line


def doubtful_cells(words: list[Word], ink: np.ndarray, cells: list[PixelBox],
                   settings: OcrSettings) -> list[PixelBox]:
    """Table cells whose words Tesseract doubted, or where it found none in their ink
    (its sparse-text reading of a whole page runs the short lines of neighbouring
    cells together)."""
    doubtful = []
    for cell in cells:
        inside = [w for w in words if centre_in(w.box, cell)]
        has_ink = ink[cell[1]:cell[3], cell[0]:cell[2]].any()
        if has_ink and (not inside or statistics.fmean(w.confidence for w in inside) < settings.reread_confidence):
            doubtful.append(cell)
    return doubtful


def doubtful_lines(words: list[Word], cells: list[PixelBox], shape: tuple[int, ...],
                   settings: OcrSettings) -> list[PixelBox]:
    """Boxes around the lines outside table cells that Tesseract doubted (a bold heading
    it breaks into pieces, `第3 草テジ タル人材…`), grown to take in every word they touch
    on their row, so that the line is read again whole."""
    by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        if not any(centre_in(word.box, cell) for cell in cells):
            by_line[word.line_key].append(word)
    boxes = []
    for group in by_line.values():
        confidence = sum(w.confidence * len(w.text) for w in group) / sum(len(w.text) for w in group)
        if confidence < settings.reread_confidence:
            x0, y0 = min(w.box[0] for w in group), min(w.box[1] for w in group)
            x1, y1 = max(w.box[2] for w in group), max(w.box[3] for w in group)
            reach = (y1 - y0) // 4
            boxes.append((max(0, x0 - 4 * reach), max(0, y0 - reach), min(shape[1], x1 + 4 * reach), min(shape[0], y1 + reach)))
    loose = [w.box for w in words if not any(centre_in(w.box, cell) for cell in cells)]
    return merged_boxes([_take_in(box, loose) for box in boxes])


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


def merged_boxes(boxes: list[PixelBox]) -> list[PixelBox]:
    """Overlapping boxes as one."""
    out: list[PixelBox] = []
    for box in sorted(boxes):
        for i, other in enumerate(out):
            if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                break
        else:
            out.append(box)
    return out if len(out) == len(boxes) else merged_boxes(out)


def unread_ink(ink: np.ndarray, words: list[Word], read: list[PixelBox], settings: OcrSettings) -> list[PixelBox]:
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
    smallest = points_to_pixels(settings.min_glyph_size, settings.dpi)
    pieces = [(c.start, r.start, c.stop, r.stop) for index, (r, c) in enumerate(ndimage.find_objects(labels), start=1)
              if index not in touched and max(r.stop - r.start, c.stop - c.start) >= smallest]
    if not pieces:
        return []
    reach = points_to_pixels(settings.glyph_spacing, settings.dpi)
    tallest = points_to_pixels(settings.max_unread_height, settings.dpi)
    grouped = merged_boxes([(x0 - reach, y0 - reach, x1 + reach, y1 + reach) for x0, y0, x1, y1 in pieces])
    return [(max(0, x0 + reach), max(0, y0 + reach), x1 - reach, y1 - reach) for x0, y0, x1, y1 in grouped
            if y1 - y0 - 2 * reach <= tallest]


def read_again(words: list[Word], ink: np.ndarray, regions: list[PixelBox], unread: list[PixelBox],
               settings: OcrSettings) -> list[Word]:
    """The regions (doubtful cells and lines) read again on their own, as one block
    each, with the ink the first pass left unread: stacked into one image, read by one
    Tesseract process, and the words put back in place of those read there before (of
    the unread ink, only what Tesseract is sure of: it is often a figure's strokes)."""
    regions = regions + unread
    if not regions:
        return words
    gap = points_to_pixels(settings.min_rule_length / 2, settings.dpi)
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
    for word in tesseract_words(sheet, replace(settings, page_segmentation="6")):
        middle = (word.box[1] + word.box[3]) // 2
        for index, (start, stop, dx, dy) in enumerate(offsets):
            if start <= middle < stop:
                left, top, right, bottom = word.box
                if index >= len(regions) - len(unread) and word.confidence < settings.min_found_confidence:
                    continue
                reread[index].append(Word(text=word.text, box=(left + dx, top + dy, right + dx, bottom + dy),
                                          confidence=word.confidence, line_key=(-1 - index, *word.line_key[1:])))
    out = [w for w in words if not any(centre_in(w.box, region) for region in regions)]
    for index, region in enumerate(regions):
        before = [w for w in words if centre_in(w.box, region)]
        # the second reading where it is surer than the first (it can drop what the first read)
        out += reread[index] if _surety(reread[index]) >= _surety(before) else before
    return out


def _surety(words: list[Word]) -> float:
    """How much of a reading Tesseract was sure of: its characters, each counted by how
    far its confidence is above even (a reading that drops a character is no surer for
    it; one that adds doubtful ones is less sure)."""
    return sum((w.confidence - 0.5) * len(w.text) for w in words)


def upright_text(ink: np.ndarray, cells: list[PixelBox], settings: OcrSettings) -> list[PixelBox]:
    """The ink boxes of table cells printed in vertical writing (`管理職` down a row
    header): a single column of glyphs, narrow and at least `min_vertical_aspect` times
    as tall as it is wide."""
    widest = points_to_pixels(settings.max_vertical_width, settings.dpi)
    boxes = []
    for x0, y0, x1, y1 in cells:
        ys, xs = np.nonzero(ink[y0:y1, x0:x1])
        if len(ys) == 0:
            continue
        width, height = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
        if width <= widest and height >= settings.min_vertical_aspect * width:
            boxes.append((int(x0 + xs.min()), int(y0 + ys.min()), int(x0 + xs.max() + 1), int(y0 + ys.max() + 1)))
    return boxes


def vertical_lines(ink: np.ndarray, boxes: list[PixelBox], number: int, scale: float,
                   settings: OcrSettings) -> list[Line]:
    """Vertical text read by Tesseract's `jpn_vert`, the boxes side by side in one image
    (one process a page), each box one vertical line."""
    if not boxes:
        return []
    gap = points_to_pixels(settings.min_rule_length / 2, settings.dpi)
    height = max(b[3] - b[1] for b in boxes) + 2 * gap
    sheet = np.zeros((height, sum(b[2] - b[0] + gap for b in boxes) + gap), dtype=bool)
    spans, x = [], gap
    for x0, y0, x1, y1 in boxes:
        sheet[gap:gap + y1 - y0, x:x + x1 - x0] = ink[y0:y1, x0:x1]
        spans.append((x, x + x1 - x0))
        x += x1 - x0 + gap
    read = tesseract_words(sheet, replace(settings, language=settings.vertical_language, page_segmentation="5"))
    lines = []
    for (start, stop), box in zip(spans, boxes):
        inside = [w for w in read if start <= (w.box[0] + w.box[2]) / 2 < stop and w.confidence > 0]
        if not inside:
            continue
        inside.sort(key=lambda w: w.box[1])
        confidence = sum(w.confidence * len(w.text) for w in inside) / sum(len(w.text) for w in inside)
        text = known_role_or_text(clean_ocr_line("".join(w.text for w in inside)), confidence, settings)
        if text:
            lines.append(Line(text=text, bbox=tuple(round(v * scale, 2) for v in box),
                              size=round((box[2] - box[0]) * scale / settings.ink_per_size, 1), page=number,
                              vertical=True, confidence=round(confidence, 3)))
    return lines
