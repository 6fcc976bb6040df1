"""Training-matrix vocabulary: legends, requirement marks and training formats.

A legend prints what the marks of a matrix mean (``※対象者 ●：必須， ○：推奨，
△：一部該当者のみ``) or what the letters of a column stand for (``※研修形態 A：座学，
B：グループワーク``). `parse_legend` reads either kind; meanings that are requirement words
become codes (``required``/``recommended``/``partial``/``target``), format words are
normalized with `normalize_format`, anything else is kept as printed. The vocabularies
are in ``data/legends.yaml`` and ``data/formats.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.text import normalize_text

__all__ = ["REQUIREMENTS", "normalize_format", "parse_legend", "requirement_of"]

REQUIREMENTS = ("required", "recommended", "partial", "target")


@cache
def _requirement_words() -> tuple[tuple[str, str], ...]:
    """(word, code) pairs, longest word first."""
    data = load_yaml("legends.yaml")["requirements"]
    pairs = [(normalize_text(w), code) for code, words in data.items() for w in words]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


@cache
def _mark_pattern() -> re.Pattern[str]:
    data = load_yaml("legends.yaml")
    marks = re.escape(data["mark_characters"])
    separators = "|".join(re.escape(s) for s in sorted(data["mark_separators"], key=len, reverse=True))
    # A mark is one symbol, one Latin letter (not inside a word) or a circled number.
    return re.compile(
        rf"(?P<mark>[{marks}\u2460-\u2473]|(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9]))\s?(?:{separators})\s?"
    )


_LABEL_TAIL = re.compile(r"[\s,、;/|)\]]+$")


def requirement_code(word: str) -> str | None:
    """``必須`` → ``required``, ``一部該当者のみ`` → ``partial``; None for other words."""
    text = normalize_text(word)
    if text in REQUIREMENTS:
        return text
    for w, code in _requirement_words():
        if text == w:
            return code
    for w, code in _requirement_words():
        if w in text:
            return code
    return None


@lru_cache(maxsize=1024)
def _parse_legend(text: str) -> tuple[tuple[str, str], ...]:
    matches = list(_mark_pattern().finditer(text))
    if not matches:
        return ()
    pairs: list[tuple[str, str]] = []
    for m, following in zip(matches, matches[1:] + [None], strict=True):
        label = text[m.end():following.start() if following else len(text)]
        label = _LABEL_TAIL.sub("", label).strip()
        if label:
            pairs.append((m["mark"], _meaning(label)))
    if len(pairs) == 1 and pairs[0][0].isascii():
        return ()  # one "A：…" alone is a labelled clause (パターンA：…), not a legend
    return tuple(pairs)


def _meaning(label: str) -> str:
    return requirement_code(label) or normalize_format(label) or label


def parse_legend(text: str) -> dict[str, str]:
    """Legend text → {mark: meaning}; empty when the text holds no ``mark：meaning`` pair."""
    return dict(_parse_legend(normalize_text(text)))


@cache
def _default_marks() -> dict[str, str]:
    return dict(load_yaml("legends.yaml")["default_marks"])


def requirement_of(mark: str, legend: Mapping[str, str] | None = None) -> str | None:
    """Requirement code of a matrix cell: by the document's legend when it has the mark,
    else by the default marks (● ◎ → required, ○ → recommended, △ → partial) or a
    requirement word written in the cell (``必須``); None for an empty or unknown cell."""
    cell = normalize_text(mark)
    if not cell:
        return None
    if legend and cell in legend:
        meaning = legend[cell]
        return meaning if meaning in REQUIREMENTS else requirement_code(meaning)
    return _default_marks().get(cell) or requirement_code(cell)


@cache
def _format_spellings() -> tuple[tuple[str, str], ...]:
    """(lower-cased spelling, stored form), longest spelling first."""
    data = load_yaml("formats.yaml")["formats"]
    pairs = [(normalize_text(str(s)).lower(), fmt) for fmt, spellings in data.items() for s in spellings]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


@lru_cache(maxsize=4096)
def normalize_format(s: str) -> str | None:
    """``e-ラーニング`` → ``eラーニング``, ``動画研修`` → ``動画``; the format named first
    when several are (``集合研修/e-ラーニング`` → ``集合研修``); None if none is known."""
    text = normalize_text(s).lower()
    if not text:
        return None
    best: tuple[int, str] | None = None
    for spelling, fmt in _format_spellings():
        pos = text.find(spelling)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, fmt)
    return best[1] if best else None
