"""Quantities in targets and case profiles: ``約8,000人``, ``70%以上``, ``計○名程度``.

`parse_quantity` finds the first counted quantity in a cell or sentence and returns a
`Quantity`: the value (``None`` for a placeholder such as ``○名``), the unit (``人`` for
人/名, ``%`` for %/％/割 with 割 scaled to percent), the placeholder as printed and one
qualifier. Qualifiers that follow the number (``以上``, ``程度``, ``累計`` …) win over the
ones in front of it (``約``, ``計`` …) because they change the meaning more; the vocabulary
is in ``data/quantities.yaml``.

Numbers may be Arabic (``8,000``, ``１０``), Arabic with a kanji multiplier (``23万``) or
kanji (``三``, ``十二``, ``二百五十``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.text import normalize_text

__all__ = ["Quantity", "kanji_to_int", "parse_number", "parse_quantity"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted quantity; ``value`` is None when the document leaves a placeholder."""

    value: float | None
    unit: str | None
    placeholder: str | None = None
    qualifier: str | None = None


_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                 "六": 6, "七": 7, "八": 8, "九": 9, "壱": 1, "弐": 2, "参": 3}
_KANJI_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10}
_KANJI_LARGE_UNITS = {"万": 10_000, "億": 100_000_000}
KANJI_NUMERAL = "〇零一二三四五六七八九壱弐参十拾百千万億"


def kanji_to_int(s: str) -> int:
    """``十二`` → 12, ``二百五十`` → 250, ``二〇二五`` → 2025; ValueError if not a numeral."""
    if not s or any(ch not in KANJI_NUMERAL for ch in s):
        raise ValueError(f"not a kanji numeral: {s!r}")
    if all(ch in _KANJI_DIGITS for ch in s):  # positional: 二〇二五
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in s))
    total = section = digit = 0
    for ch in s:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch]
        elif ch in _KANJI_SMALL_UNITS:
            section += (digit or 1) * _KANJI_SMALL_UNITS[ch]
            digit = 0
        else:
            total += (section + digit or 1) * _KANJI_LARGE_UNITS[ch]
            section = digit = 0
    return total + section + digit


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Arabic groups joined by multipliers, as populations are printed: 1万2千, 12万3,456, 1億2,000万.
_ARABIC = rf"(?:(?:{_DIGITS})[億万千])*(?:{_DIGITS})"
_GROUP = re.compile(rf"({_DIGITS})([億万千]?)")
_NUMBER = re.compile(rf"^(?:(?P<arabic>{_ARABIC})(?P<mult>[万千億]?)|(?P<kanji>[{KANJI_NUMERAL}]+))$")


def parse_number(s: str) -> float | None:
    """``8,000`` → 8000.0, ``23万`` → 230000.0, ``十二`` → 12.0; None if not a number."""
    m = _NUMBER.match(normalize_text(s))
    if not m:
        return None
    if m["kanji"]:
        try:
            return float(kanji_to_int(m["kanji"]))
        except ValueError:
            return None
    return _arabic_value(m)


_MULTIPLIERS = {"千": 1000, "万": 10_000, "億": 100_000_000}


def _arabic_value(m: re.Match[str]) -> float:
    """Value of the ``arabic`` and ``mult`` groups of a match: ``23`` + ``万`` → 230000,
    ``1万2千`` → 12000 (each group times its multiplier, summed)."""
    total = 0.0
    for digits, multiplier in _GROUP.findall(m["arabic"] + m["mult"]):
        total += float(digits.replace(",", "")) * (_MULTIPLIERS[multiplier] if multiplier else 1)
    return total


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    units: dict[str, str]
    scale: dict[str, float]
    placeholders: str
    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    idioms: tuple[str, ...]


@cache
def _vocabulary() -> _Vocabulary:
    data = load_yaml("quantities.yaml")
    return _Vocabulary(
        units={written: unit for unit, spellings in data["units"].items() for written in spellings},
        scale={k: float(v) for k, v in data.get("scale", {}).items()},
        placeholders="".join(data["placeholders"]),
        leading=tuple(sorted(data["qualifiers"]["leading"], key=len, reverse=True)),
        trailing=tuple(sorted(data["qualifiers"]["trailing"], key=len, reverse=True)),
        idioms=tuple(data["idioms"]),
    )


@cache
def _quantity_pattern() -> re.Pattern[str]:
    vocab = _vocabulary()
    units = "|".join(re.escape(u) for u in sorted(vocab.units, key=len, reverse=True))
    leading = "|".join(re.escape(q) for q in vocab.leading)
    trailing = "|".join(re.escape(q) for q in vocab.trailing)
    placeholder = re.escape(vocab.placeholders)
    # A kanji numeral starts a word (統一名称 and 同一人物 count nothing), or follows a
    # leading qualifier (計三名).
    after_qualifier = "".join(f"|(?<={re.escape(q)})" for q in vocab.leading)
    kanji_start = rf"(?:(?<![\u3400-\u9fff{placeholder}]){after_qualifier})"
    return re.compile(
        rf"""(?P<lead>{leading})?
        (?:
            (?<![\d.,{KANJI_NUMERAL}])(?P<arabic>{_ARABIC})(?P<mult>[万千億]?)
          | {kanji_start}(?P<kanji>[{KANJI_NUMERAL}]+)
          | (?<![{placeholder}A-Za-z])(?P<placeholder>[{placeholder}]+)
        )
        (?P<unit>{units})
        (?:\(?(?P<trail>{trailing})\)?)?""",
        re.VERBOSE,
    )


def _zero_placeholder(kanji: str | None) -> str | None:
    """A lone 〇 before a unit is a template's blank, not the number zero."""
    return kanji if kanji and set(kanji) == {"〇"} else None


def _mask_idioms(s: str) -> str:
    """Blank out phrases that look like counts but are not (``一人ひとり``)."""
    for idiom in _vocabulary().idioms:
        if idiom in s:
            s = s.replace(idiom, "\0" * len(idiom))
    return s


def _bare_number(s: str) -> Quantity | None:
    """A cell that holds only a number (``3`` in a target table) has no unit."""
    value = parse_number(s)
    return None if value is None else Quantity(value=value, unit=None)


def parse_quantity(s: str) -> Quantity | None:
    """The first counted quantity in ``s`` (see the module docstring), or None."""
    text = normalize_text(s)
    if not text:
        return None
    bare = _bare_number(text)
    if bare is not None:
        return bare
    vocab = _vocabulary()
    for m in _quantity_pattern().finditer(_mask_idioms(text)):
        printed_placeholder = m["placeholder"] or _zero_placeholder(m["kanji"])
        if printed_placeholder:
            value: float | None = None
        elif m["kanji"]:
            try:
                value = float(kanji_to_int(m["kanji"]))
            except ValueError:
                continue
        elif m["arabic"]:
            value = _arabic_value(m)
        unit = vocab.units[m["unit"]]
        if value is not None and m["unit"] in vocab.scale:
            value *= vocab.scale[m["unit"]]
        placeholder = printed_placeholder + m["unit"] if printed_placeholder else None
        qualifier = m["trail"] or m["lead"] or _qualifier_after(text, m.end())
        return Quantity(value=value, unit=unit, placeholder=placeholder, qualifier=qualifier)
    return None


_NOTE_GAP = 3  # a qualifier in a note such as "50人 (累計)" may sit a few characters on


def _qualifier_after(text: str, end: int) -> str | None:
    """A trailing qualifier separated from the number by a space or bracket."""
    window = text[end:end + _NOTE_GAP + 4]
    for q in _vocabulary().trailing:
        pos = window.find(q)
        if 0 <= pos <= _NOTE_GAP and not window[:pos].strip(" ()[]"):
            return q
    return None
