"""Dates and periods: wareki (``令和7年3月``, ``R7``) → Gregorian, and fiscal years.

Eras and their date ranges are in ``data/eras.yaml``. The first year of an era may be
written ``元年``; era letters (``R7``, ``H30``) are read as fiscal-year headers. A
Japanese fiscal year is named by the calendar year in which it starts (April), so
``令和7年度`` is 2025.

Impossible dates raise `InvalidDate` (a ValueError): year 0 of an era, a month outside
1-12, a year-month before its era began (``令和元年4月``), a year too far past the era's
end (``平成40年``; a few years past it are accepted as prospective references, see
``prospective_years`` in the data file), a period that ends before it starts. Text
with no date at all gives None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import cache

from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.numbers import KANJI_NUMERAL, kanji_to_int
from jinzai.normalizers.text import normalize_text

__all__ = [
    "InvalidDate",
    "era_to_gregorian",
    "fiscal_year_label",
    "fiscal_year_mentions",
    "parse_fiscal_period",
    "parse_fiscal_year",
    "parse_within_years",
    "parse_year_month",
]


class InvalidDate(ValueError):
    """A date or period that cannot exist (e.g. 令和0年, month 13, 平成40年)."""


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    abbreviations: tuple[str, ...]
    start: date
    end: date | None


@cache
def _eras() -> tuple[tuple[Era, ...], int]:
    data = load_yaml("eras.yaml")
    eras = tuple(
        Era(
            name=e["name"],
            abbreviations=tuple(e.get("abbreviations", [])),
            start=e["start"],
            end=e.get("end"),
        )
        for e in data["eras"]
    )
    return eras, int(data.get("prospective_years", 0))


@cache
def _era_by_label() -> dict[str, Era]:
    eras, _ = _eras()
    labels: dict[str, Era] = {}
    for era in eras:
        labels[era.name] = era
        for abbr in era.abbreviations:
            labels[abbr] = era
            labels[abbr.lower()] = era
    return labels


def era_to_gregorian(era_label: str, year: int, month: int | None = None) -> int:
    """Gregorian year of ``year`` of an era (``令和``, ``R``); InvalidDate if impossible."""
    era = _era_by_label().get(era_label)
    if era is None:
        raise InvalidDate(f"unknown era {era_label!r}")
    if year < 1:
        raise InvalidDate(f"{era.name}{year}年: eras start at year 1 (元年)")
    if month is not None and not 1 <= month <= 12:
        raise InvalidDate(f"month {month} does not exist")
    gregorian = era.start.year + year - 1
    if month is not None and (gregorian, month) < (era.start.year, era.start.month):
        raise InvalidDate(f"{era.name}{year}年{month}月 is before {era.name} began ({era.start})")
    _, prospective = _eras()
    if era.end is not None and gregorian > era.end.year + prospective:
        raise InvalidDate(f"{era.name}{year}年 is long after {era.name} ended ({era.end})")
    return gregorian


def fiscal_year_label(fiscal_year: int) -> str:
    """A fiscal year in wareki, as documents print it: 2025 → ``令和7年度``, 2019 → ``令和元年度``.

    A fiscal year takes the era in force at the end of the calendar year it starts in, which
    is how its year number is spoken: FY2019 is 令和元年度 (Reiwa began in May), FY1988 昭和63年度."""
    eras, _ = _eras()
    year_end = date(fiscal_year, 12, 31)
    era = next((e for e in reversed(eras) if e.start <= year_end), None)
    if era is None:
        raise InvalidDate(f"fiscal year {fiscal_year} is before the first known era")
    number = fiscal_year - era.start.year + 1
    return f"{era.name}{'元' if number == 1 else number}年度"


# ---------------------------------------------------------------- patterns

_NUM = rf"(?:\d{{1,4}}|[{KANJI_NUMERAL}]{{1,4}}|元)"


@cache
def _era_alternatives() -> tuple[str, str]:
    eras, _ = _eras()
    names = "|".join(re.escape(e.name) for e in eras)
    letters = "".join(re.escape(a) for e in eras for a in e.abbreviations)
    return names, letters


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    names, letters = _era_alternatives()
    # 令和7年 / 令和5(2023)年 / R7 / R 7年度; a Gregorian year in brackets is ignored.
    era_year = (
        rf"(?:(?P<era>{names})\s?(?P<year>{_NUM})(?:\(\d{{4}}\))?"
        rf"|(?<![A-Za-z])(?P<letter>[{letters}{letters.lower()}])\.?\s?(?P<lyear>\d{{1,2}})(?!\d))"
    )
    greg_year = r"(?<!\d)(?P<greg>(?:18|19|20|21)\d{2})(?!\d)"
    month = rf"(?P<month>\d{{1,2}}|[{KANJI_NUMERAL}]{{1,3}})"
    return {
        "era_year_month": re.compile(rf"{era_year}\s?年\s?{month}\s?月"),
        "greg_year_month": re.compile(rf"{greg_year}\s?年\s?{month}\s?月"),
        "greg_numeric_month": re.compile(rf"{greg_year}[./-]{month}(?:[./-]\d{{1,2}})?(?![\d./-])"),
        # R4.2 / H30.4.1: an era letter with a dotted month is a date, not a fiscal year.
        "era_dotted_month": re.compile(
            rf"(?<![A-Za-z])(?P<letter>[{letters}])(?P<lyear>\d{{1,2}})\.(?P<month>\d{{1,2}})(?![\d])"
        ),
        "era_fiscal_year": re.compile(rf"{era_year}(?:\s?年度|\s?年(?!\s?\d)|(?![\dA-Za-z年]|\.\d))"),
        "greg_fiscal_year": re.compile(rf"(?P<fy>FY\s?)?{greg_year}(?(fy)|\s?年度)"),
        "bare_fiscal_year": re.compile(r"(?<!\d)(?P<year>\d{1,2}|元)\s?年度"),
        "within_years": re.compile(rf"(?P<n>\d{{1,3}}|[{KANJI_NUMERAL}]{{1,3}})\s?(?:か|ヵ|ケ|カ|箇)?年\s?以内"),
        # an arrow joins a slide's years too (`2025年度 ▶ 2029年度`)
        "range_separator": re.compile(r"\s?(?:~|-|から|より|〜|―|–|—|▶|►|▸|→|⇒)\s?"),
    }


def _to_int(s: str) -> int:
    if s == "元":
        return 1
    return int(s) if s.isdigit() else kanji_to_int(s)


def _year_of(m: re.Match[str]) -> int:
    """Gregorian year of an era or Gregorian year match (month checked when present)."""
    groups = m.groupdict()
    month = _to_int(groups["month"]) if groups.get("month") else None
    if groups.get("greg"):
        if month is not None and not 1 <= month <= 12:
            raise InvalidDate(f"month {month} does not exist")
        return int(groups["greg"])
    if groups.get("era"):
        return era_to_gregorian(groups["era"], _to_int(groups["year"]), month)
    return era_to_gregorian(groups["letter"].upper(), int(groups["lyear"]), month)


# ---------------------------------------------------------------- public API

def parse_year_month(s: str) -> str | None:
    """``令和7年3月改定`` → ``2025-03``; also ``2025年3月``, ``2025/3``, ``R4.2``; None without a date."""
    text = normalize_text(s)
    found = [m for key in ("era_year_month", "era_dotted_month", "greg_year_month", "greg_numeric_month")
             for m in _patterns()[key].finditer(text)]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    month = _to_int(first["month"])
    if not 1 <= month <= 12:
        raise InvalidDate(f"month {month} does not exist in {s!r}")
    return f"{_year_of(first):04d}-{month:02d}"


def fiscal_year_mentions(text: str) -> list[tuple[int, int, int | None]]:
    """(start offset, end offset, fiscal year) of every fiscal-year mention in normalized
    `text`, in order, in one pass; the year is None for an impossible one (``H45``)."""
    found: list[tuple[int, int, int | None]] = []
    for m in _fiscal_year_matches(text):
        try:
            found.append((m.start(), m.end(), _year_of(m)))
        except InvalidDate:
            found.append((m.start(), m.end(), None))
    return found


def _fiscal_years(text: str) -> list[tuple[int, int, int]]:
    """(start offset, end offset, fiscal year) of every fiscal-year mention, in order;
    InvalidDate for an impossible one."""
    return [(m.start(), m.end(), _year_of(m)) for m in _fiscal_year_matches(text)]


def _fiscal_year_matches(text: str) -> list[re.Match[str]]:
    """Gregorian mentions (2025年度, FY2025), and era mentions that overlap none of them."""
    pats = _patterns()
    gregorian = list(pats["greg_fiscal_year"].finditer(text))
    starts = [m.start() for m in gregorian]
    era = []
    for m in pats["era_fiscal_year"].finditer(text):
        # Gregorian mentions do not overlap each other: only the last one starting
        # before this mention ends can overlap it.
        before = bisect_left(starts, m.end()) - 1
        if before < 0 or gregorian[before].end() <= m.start():
            era.append(m)
    return sorted(gregorian + era, key=lambda m: m.start())


def parse_fiscal_year(s: str) -> int | None:
    """``R7``, ``R７年度``, ``令和7年度``, ``令和元年度``, ``2026年度``, ``FY2025`` → the
    fiscal year (Gregorian year it starts in); the first one in ``s``; None if none."""
    years = _fiscal_years(normalize_text(s))
    return years[0][2] if years else None


def parse_fiscal_period(s: str) -> tuple[int, int] | None:
    """``令和７年度から令和１０年度まで`` → (2025, 2028); also ``R7～R10``,
    ``2025年度-2028年度`` and ``令和7年度から10年度`` (era carried over). None unless two
    years are joined by a range word; InvalidDate if the period runs backwards."""
    text = normalize_text(s)
    years = _fiscal_years(text)
    pats = _patterns()
    for i, (_, end, first) in enumerate(years):
        sep = pats["range_separator"].match(text, end)
        if not sep:
            continue
        if i + 1 < len(years) and years[i + 1][0] == sep.end():
            return _checked_period(first, years[i + 1][2], s)
        # Second year without its era: 令和7年度から10年度 (same era as the first).
        bare = pats["bare_fiscal_year"].match(text, sep.end())
        if bare:
            era_start = first - _era_year_offset(text, years[i])
            return _checked_period(first, era_start + _to_int(bare["year"]), s)
    return None


def _era_year_offset(text: str, mention: tuple[int, int, int]) -> int:
    """Era year printed in a mention (令和7年度 → 7) so a bare year can reuse its era."""
    start, end, fiscal_year = mention
    m = _patterns()["era_fiscal_year"].match(text, start)
    if m is None:  # a Gregorian mention: a bare second year is Gregorian too
        return fiscal_year
    return _to_int(m["year"] or m["lyear"])


def _checked_period(start: int, end: int, s: str) -> tuple[int, int]:
    if end < start:
        raise InvalidDate(f"period ends before it starts: {s!r}")
    return start, end


def parse_within_years(s: str) -> int | None:
    """``5年以内に受講率100%`` → 5 (a deadline relative to the policy, kept as such)."""
    m = _patterns()["within_years"].search(normalize_text(s))
    return _to_int(m["n"]) if m else None
