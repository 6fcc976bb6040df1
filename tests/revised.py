"""Revised editions of sample PDFs, built in tests by editing a copy with PyMuPDF.

A revised policy changes a number in a year table, drops a training, or turns
a recommended training into a required one. These helpers make such edits on
the printed page: they find a table cell by the texts of its row and column
headers and a table row by the ruling lines around a text in it — never by
coordinates known in advance — redact what is printed there and, for a cell,
print the new text in its place at the same size.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pymupdf

# Droid Sans Fallback, built into PyMuPDF: digits, Latin and the marks ●○△.
REPLACEMENT_FONT = "japan"
_RULE_THICKNESS = 2.0  # a filled rectangle thinner than this is a ruling line
_MIN_RULE_LENGTH = 5.0
_SLACK = 1.0


class EditError(LookupError):
    """The text an edit was asked to find is not printed where expected."""


def page_with(doc: pymupdf.Document, text: str) -> pymupdf.Page:
    """The first page that prints `text`."""
    for page in doc:
        if page.search_for(text):
            return page
    raise EditError(f"no page prints {text!r}")


def replace_cell(page: pymupdf.Page, row_label: str, column_label: str, new_text: str,
                 *, below: str | None = None) -> str:
    """Replace the text of the cell at (row, column) with `new_text`; return the old text.

    The column is the first occurrence of `column_label` below the text
    `below` (e.g. the table's caption) and the row is the first occurrence of
    `row_label` below that header; the cell is where the column's x-range
    meets the row's band between its ruling lines.
    """
    area = _area_below(page, below)
    column = _first(page.search_for(column_label, clip=area), column_label)
    row_area = pymupdf.Rect(area.x0, column.y1, area.x1, area.y1)
    row = _first(page.search_for(row_label, clip=row_area), row_label)
    top, bottom = _row_band(page, row)
    words = [w for w in page.get_text("words")
             if _overlaps(w[0], w[2], column.x0, column.x1) and top <= (w[1] + w[3]) / 2 <= bottom]
    if not words:
        raise EditError(f"the cell ({row_label!r}, {column_label!r}) is empty")
    old_rect = pymupdf.Rect(words[0][:4])
    for word in words[1:]:
        old_rect |= pymupdf.Rect(word[:4])
    size, baseline = _font_size_and_baseline(page, old_rect)
    _redact(page, [old_rect])
    width = pymupdf.Font(REPLACEMENT_FONT).text_length(new_text, size)
    origin = pymupdf.Point((old_rect.x0 + old_rect.x1 - width) / 2, baseline)
    page.insert_text(origin, new_text, fontname=REPLACEMENT_FONT, fontsize=size)
    return " ".join(w[4] for w in words)


def replace_text(page: pymupdf.Page, old: str, new: str) -> str:
    """Reprint the first line that prints `old` with `new` in its place; return the new line.

    The whole line is reprinted (same size and baseline), so that a sentence
    stays one line of text for the extractors."""
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line["spans"])
            if old in text:
                first = line["spans"][0]
                rect = pymupdf.Rect(line["bbox"])
                _redact(page, [rect])
                reprinted = text.replace(old, new, 1)
                page.insert_text(pymupdf.Point(rect.x0, first["origin"][1]), reprinted,
                                 fontname=REPLACEMENT_FONT, fontsize=first["size"])
                return reprinted
    raise EditError(f"{old!r} is not printed on page {page.number + 1}")


def remove_row(page: pymupdf.Page, text: str) -> list[str]:
    """Blank the table row that prints `text`: every word between the row's rulings.

    Only the columns the row's rulings close are cleared, so a merged cell
    spanning this row and others (a category printed once for several rows)
    stays. Returns the words removed.
    """
    found = _first(page.search_for(text), text)
    top, bottom = _row_band(page, found)
    left, right = _row_extent(page, found, top, bottom)
    band = pymupdf.Rect(left + _SLACK, top + _SLACK, right - _SLACK, bottom - _SLACK)
    words = [w for w in page.get_text("words") if pymupdf.Rect(w[:4]).intersects(band)]
    _redact(page, [pymupdf.Rect(w[:4]) for w in words])
    return [w[4] for w in words]


# ---------------------------------------------------------------- locating


def _area_below(page: pymupdf.Page, text: str | None) -> pymupdf.Rect:
    if text is None:
        return page.rect
    anchor = _first(page.search_for(text), text)
    return pymupdf.Rect(page.rect.x0, anchor.y1, page.rect.x1, page.rect.y1)


def _first(rects: list[pymupdf.Rect], text: str) -> pymupdf.Rect:
    if not rects:
        raise EditError(f"{text!r} is not printed there")
    return min(rects, key=lambda r: (r.y0, r.x0))


def _overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    return min(a1, b1) - max(a0, b0) > 0


def _horizontal_rules(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Thin horizontal rectangles and lines: the row rulings of the page's tables."""
    rules: list[pymupdf.Rect] = []
    for drawing in page.get_cdrawings():
        for item in drawing["items"]:
            if item[0] == "re":
                rect = pymupdf.Rect(item[1])
            elif item[0] == "l":
                rect = pymupdf.Rect(item[1], item[2])
            else:
                continue
            if rect.height <= _RULE_THICKNESS and rect.width >= _MIN_RULE_LENGTH:
                rules.append(rect)
    return rules


def _row_band(page: pymupdf.Page, inside: pymupdf.Rect) -> tuple[float, float]:
    """The y-range between the nearest rulings above and below a text in a table row."""
    crossing = [r for r in _horizontal_rules(page) if _overlaps(r.x0, r.x1, inside.x0, inside.x1)]
    above = [r.y1 for r in crossing if r.y1 <= inside.y0 + _SLACK]
    below = [r.y0 for r in crossing if r.y0 >= inside.y1 - _SLACK]
    if not above or not below:
        raise EditError(f"no table row around {page.get_textbox(inside)!r}")
    return max(above), min(below)


def _row_extent(page: pymupdf.Page, inside: pymupdf.Rect, top: float, bottom: float) -> tuple[float, float]:
    """The x-range ruled both above and below the row: the columns this row owns."""
    rules = _horizontal_rules(page)
    upper = _ruled_runs([r for r in rules if abs(r.y1 - top) <= _SLACK])
    lower = _ruled_runs([r for r in rules if abs(r.y0 - bottom) <= _SLACK])
    left = max(_run_around(upper, inside)[0], _run_around(lower, inside)[0])
    right = min(_run_around(upper, inside)[1], _run_around(lower, inside)[1])
    return left, right


def _ruled_runs(rules: Iterable[pymupdf.Rect]) -> list[tuple[float, float]]:
    """Touching ruling pieces joined into continuous x-runs."""
    runs: list[tuple[float, float]] = []
    for rule in sorted(rules, key=lambda r: r.x0):
        if runs and rule.x0 <= runs[-1][1] + _SLACK:
            runs[-1] = (runs[-1][0], max(runs[-1][1], rule.x1))
        else:
            runs.append((rule.x0, rule.x1))
    return runs


def _run_around(runs: list[tuple[float, float]], inside: pymupdf.Rect) -> tuple[float, float]:
    for x0, x1 in runs:
        if x0 <= inside.x0 and inside.x1 <= x1:
            return x0, x1
    raise EditError("the row's rulings do not cover the text found in it")


def _font_size_and_baseline(page: pymupdf.Page, rect: pymupdf.Rect) -> tuple[float, float]:
    """Size and baseline of the first text span printed in `rect`."""
    for block in page.get_text("dict", clip=rect)["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if span["text"].strip():
                    return span["size"], span["origin"][1]
    raise EditError("no text span in the cell")


def _redact(page: pymupdf.Page, rects: list[pymupdf.Rect]) -> None:
    """Remove the text under `rects`, keeping backgrounds, rulings and images."""
    for rect in rects:
        page.add_redact_annot(rect, fill=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)


# ------------------------------------------------------------------ a revised edition of tarumizu

GOAL_TABLE = "育成目標数"  # caption of the year table of training goals
REMOVED_TRAINING = "ICTの基礎セミナー"
RETARGETED_TRAINING = "LoGo Chat"

# (row label, column label, new text): the adviser's R7 goal 3 → 5, with the row
# total and the grand totals corrected, as a council would print its revision.
GOAL_EDITS = [("推進アドバイザー", "R7", "5"), ("推進アドバイザー", "計", "8"), ("合計", "R7", "18"), ("合計", "計", "60")]
# The revision is dated a year later and shifts the period it covers by a year.
TEXT_EDITS = [("令和7年3月改定", "令和8年3月改定"), ("令和7年度から令和10年度", "令和8年度から令和11年度")]


def build_revision(original: Path, dest: Path) -> dict[str, object]:
    """The revised edition of tarumizu; returns what each edit found and replaced."""
    found: dict[str, object] = {}
    with pymupdf.open(original) as doc:
        goals = page_with(doc, GOAL_TABLE)
        found["text"] = [replace_text(page_with(doc, old), old, new) for old, new in TEXT_EDITS]
        found["goals"] = [replace_cell(goals, row, column, new, below=GOAL_TABLE)
                          for row, column, new in GOAL_EDITS]
        found["removed row"] = remove_row(page_with(doc, REMOVED_TRAINING), REMOVED_TRAINING)
        matrix = page_with(doc, RETARGETED_TRAINING)
        found["mark"] = replace_cell(matrix, RETARGETED_TRAINING, "一般職員", "●")
        dest.parent.mkdir(parents=True, exist_ok=True)
        doc.save(dest, garbage=3, deflate=True)
    return found




def resaved(path: Path, note: str, dest: Path | None = None) -> Path:
    """The same document saved again with other bytes (a city's re-export of its PDF), at `dest` or in place."""
    with pymupdf.open(path) as doc:
        doc.set_metadata({**doc.metadata, "subject": note})
        data = doc.tobytes(garbage=3, deflate=True)
    target = dest or path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
