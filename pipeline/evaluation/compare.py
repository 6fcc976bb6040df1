"""How values are compared: text normalization, name similarity, and the field checks
made on matched records."""

from __future__ import annotations

import difflib
import functools
import math
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from jinzai.pipeline.evaluation.tables import Row


SIMILARITY = 0.85        # names, training names, case titles
CONTAINED_SHARE = 0.80   # "one contains the other" when the shorter is >= 80% of the longer
KEYWORD_JACCARD = 0.80

# Leading bullets and enumerators: ・•⚫▶●✓ ①-⑳ "(1)" "1." "1)" "-".
LEADING_MARKS = re.compile(r"^(?:[・•⚫▶●✓\-\u2460-\u2473]|\(\d{1,2}\)|\d{1,2}[.)](?!\d))+")
# Whitespace (full-width included), zero-width characters, variation selectors.
WHITESPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f]+")
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# A trailing parenthetical note: "プロジェクトマネジメント(管理監督職の管理とは異なる)".
TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def norm(value: object) -> str:
    """Text as compared: NFKC, no whitespace, no leading bullets, ASCII lower-cased."""
    return "" if value is None else _norm_text(str(value))


@functools.lru_cache(maxsize=1 << 20)  # matching normalizes the same names many times
def _norm_text(text: str) -> str:
    text = LEADING_MARKS.sub("", WHITESPACE.sub("", text))  # before NFKC, which turns ① into 1
    text = unicodedata.normalize("NFKC", text)
    text = LEADING_MARKS.sub("", WHITESPACE.sub("", text))  # after NFKC: （１） → (1)
    return text.translate(ASCII_LOWER)


def norm_or_none(value: object) -> str | None:
    """norm(), with empty text read as null."""
    return norm(value) or None


def norm_unit(value: object) -> str | None:
    unit = norm_or_none(value)
    return "人" if unit == "名" else unit  # ％ is already % after NFKC


def as_number(value: object) -> float | None:
    """A float, or None for null, NaN and text that is no number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = WHITESPACE.sub("", unicodedata.normalize("NFKC", value)).replace(",", "")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def as_int(value: object) -> int | str | None:
    """An int where the value is a whole number, else the normalized text (or None)."""
    number = as_number(value)
    if number is not None and number.is_integer():
        return int(number)
    return norm_or_none(value)


def same_value(gold: object, out: object) -> bool:
    """Target values: numbers equal within 1e-9; null (a placeholder) equals null."""
    a, b = as_number(gold), as_number(out)
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def without_note(name: str) -> str:
    return TRAILING_NOTE.sub("", name)


@functools.lru_cache(maxsize=1 << 16)
def name_similarity(gold: str, out: str) -> float | None:
    """How alike two normalized names are, or None when they do not match.

    The SequenceMatcher ratio when it is at least 0.85; else 0.85 when one
    contains the other and the shorter is at least 80% as long, or when they
    are equal once one drops a trailing parenthetical note.
    """
    if not gold or not out:
        return None
    if 2 * min(len(gold), len(out)) / (len(gold) + len(out)) >= SIMILARITY:  # ratio's upper bound
        matcher = difflib.SequenceMatcher(None, gold, out, autojunk=False)
        if matcher.quick_ratio() >= SIMILARITY and (ratio := matcher.ratio()) >= SIMILARITY:
            return ratio
    shorter, longer = sorted((gold, out), key=len)
    if shorter in longer and len(shorter) >= CONTAINED_SHARE * len(longer):
        return SIMILARITY
    if without_note(gold) == out or without_note(out) == gold:
        return SIMILARITY
    return None


def keyword_set(value: object) -> set[str]:
    if value is None:
        return set()
    items = [value] if isinstance(value, str) else value
    return {norm(k) for k in items if norm(k)}  # type: ignore[union-attr]


# ---------------------------------------------------------------- field comparisons

def same_text(gold: object, out: object) -> bool:
    return norm_or_none(gold) == norm_or_none(out)


def same_int(gold: object, out: object) -> bool:
    return as_int(gold) == as_int(out)


def similar_text(gold: object, out: object) -> bool:
    g, o = norm(gold), norm(out)
    return g == o or name_similarity(g, o) is not None


def similar_keywords(gold: object, out: object) -> bool:
    """Keyword lists whose Jaccard similarity is at least 0.8 (two empty lists agree)."""
    g, o = keyword_set(gold), keyword_set(out)
    union = g | o
    return not union or len(g & o) / len(union) >= KEYWORD_JACCARD


def similar_case_title(case: Row, out: object) -> bool:
    """A case title matches the casebook list's title or the case slide's heading (title_alt)."""
    return any(similar_text(t, out) for t in (case.get("title"), case.get("title_alt")) if t)


def same_document_field(gold: object, out: object) -> bool:
    """documents: equal after normalization, whole numbers as ints."""
    if isinstance(gold, int) and not isinstance(gold, bool):
        return as_int(gold) == as_int(out)
    return same_text(gold, out)


@dataclass(frozen=True)
class FieldCheck:
    """A field compared on matched records; `compare` gets (gold record, output value)."""

    name: str
    compare: Callable[[Row, object], bool]


def _value_check(name: str, compare: Callable[[object, object], bool]) -> FieldCheck:
    """A check comparing the gold record's value of `name` with the output's."""
    return FieldCheck(name, lambda gold_record, out_value: compare(gold_record.get(name), out_value))


FIELD_CHECKS: dict[str, tuple[FieldCheck, ...]] = {
    "roles": (_value_check("canonical", same_text),),
    "trainings": (_value_check("organizer", same_text), _value_check("category", same_text),
                  _value_check("format", same_text)),
    "targets": (_value_check("metric", same_text),),
    "cases": (_value_check("municipality", same_text), _value_check("prefecture", same_text),
              _value_check("population", same_int), FieldCheck("title", similar_case_title),
              _value_check("keywords", similar_keywords)),
}
