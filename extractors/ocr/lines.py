"""Tesseract's words → layout `Line`s: rows put together and cut at rules and gutters,
type sizes from the ink, bullets and enumerators put back at the head of their lines,
leader dots joined, predictable misreadings corrected."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import replace

import numpy as np

from jinzai.extractors.layout import BBox, Line
from jinzai.extractors.ocr.marks import DOT_PITCH, LEADER
from jinzai.extractors.ocr.settings import OcrSettings
from jinzai.extractors.ocr.tesseract import Word
from jinzai.normalizers.ocr import clean_ocr_line, complete_year_run, snap_to_known
from jinzai.normalizers.roles import known_role_names, role_key


def known_role_or_text(text: str, confidence: float, settings: OcrSettings) -> str:
    """A line that is a known role name but for one misread character is that name;
    a three-character name (管理職) only when Tesseract doubted its reading."""
    key = role_key(text)
    shortest = 3 if confidence < settings.doubtful_confidence else 4
    snapped = snap_to_known(key, known_role_names(), shortest)
    return snapped if snapped != key else text


def page_lines(words: list[Word], ink: np.ndarray, number: int, scale: float, rules: tuple[BBox, ...],
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
    for leader in [ln for ln in out if set(ln.text) == {LEADER} and len(ln.text) >= 2]:
        middle = (leader.top + leader.bottom) / 2
        row = [ln for ln in out if ln is not leader and ln.top <= middle <= ln.bottom]
        before = [ln for ln in row if 0 <= leader.x0 - ln.x1 <= ln.size]
        # the text after may have taken the last dot for its bullet
        after = [ln for ln in row if leader.x0 < ln.x0 and ln.x0 - leader.x1 <= ln.size]
        if not before or not after:
            continue
        first, last = max(before, key=lambda ln: ln.x1), min(after, key=lambda ln: ln.x0)
        text = last.text.removeprefix(LEADER + " ")
        joined = replace(first, text=first.text + leader.text + text,
                         bbox=(first.x0, min(first.top, last.top), last.x1, max(first.bottom, last.bottom)))
        out = [joined if ln is first else ln for ln in out if ln is not leader and ln is not last]
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def _leader_runs(lines: list[Line]) -> list[Line]:
    """Leader dots read one by one, joined into runs along their row."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda ln: (round(ln.top), ln.x0)):
        run = next((i for i, ln in enumerate(out) if ln.text and set(ln.text) == {LEADER}
                    and abs(ln.top - line.top) <= 1 and 0 <= line.x0 - ln.x1 <= 2 * DOT_PITCH), None)
        if line.text == LEADER and run is not None:
            out[run] = replace(out[run], text=out[run].text + LEADER, bbox=(*out[run].bbox[:2], line.x1, line.bottom))
        else:
            out.append(line)
    # however many dots were printed, a leader is one separator
    return [replace(ln, text=LEADER * 3) if set(ln.text) == {LEADER} and len(ln.text) > 3 else ln for ln in out]


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


def _both_full_width(left: str, right: str) -> bool:
    """Two Japanese characters: no space is printed between them, whatever the gap (a
    long-vowel mark after a space would read as a ruled line)."""
    return all(unicodedata.east_asian_width(ch) in ("W", "F") for ch in (left, right))


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
        spaced = _blank_gap(ink, before, word) > settings.space_gap * em and not _both_full_width(text[-1], word.text[0])
        text += (" " if spaced else "") + word.text
    confidence = sum(w.confidence * len(w.text) for w in words) / sum(len(w.text) for w in words)
    text = known_role_or_text(clean_ocr_line(text), confidence, settings)
    if not text:
        return []
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    return [Line(text=text, bbox=tuple(round(v * scale, 2) for v in box),
                 size=round(em * scale, 1), page=number,
                 confidence=round(confidence, 3))]
