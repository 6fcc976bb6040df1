"""The one heading parser: what a heading looks like, where its number ends, how big body text is.

Every reader that asks "is this line a heading, and of which rank?" asks here,
through the document model (`build.py`): its `Heading` blocks, their depth and the
section paths are what the readers of records use. A heading is a short line printed larger
than body text or opened by a section number (`第1章`, `1`, `(1)`, `(ア)`, `①`,
`IV`); bullets (`・`, `▶`) open list items, and a symbol (`◆`, `■`) opens a
heading only when its line is printed larger than the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from jinzai.extractors.layout import Line
from jinzai.extractors.model.tables.grid import is_quantity
from jinzai.extractors.policy.vocabulary import CONTENTS_TITLES
from jinzai.normalizers.text import fold_width, normalize_text

# A heading is printed at least this much (points) larger than the body text.
HEADING_SIZE_STEP = 0.4
# Headings are short; a longer line is a sentence (role names are ≤ 30 characters plus a number).
HEADING_MAX_CHARS = 34

# A section number at the start of a line, read on width-folded text with its spaces
# kept (`3 求められる知識` is numbered, `3人の職員` is not): `第1章`, `(1)`, `(ア)`, `(一)`,
# `1 `, `1.`, `3.2.`, `1)`, `①`, `IV `, `ア `.
SECTION_NUMBER = re.compile(
    r"^\s*(?:第\s*[0-9一二三四五六七八九十]{1,3}\s*[章節部編]"
    r"|\((?:\d{1,2}|[ア-ン]|[一二三四五六七八九十]{1,3})\)"
    r"|\d{1,2}(?:[.．]\d{1,2})*(?:[.．)]|\s)"
    r"|[\u2460-\u2473]"
    r"|[IVX]{1,4}[.．\s]"
    r"|[ア-ン](?:[.．]|\s(?=\S\S)))"
)
# Symbols that open a heading printed larger than the body (else a list item).
HEADING_SYMBOLS = "◆◇■□●○▶▼◎★☆【"


def split_numbering(text: str) -> tuple[str | None, str]:
    """(the section number as printed, the text after it): `第1章 はじめに` → (`第1章`, `はじめに`);
    (None, text) for a line without one."""
    folded = " ".join(fold_width(text).split())
    match = SECTION_NUMBER.match(folded)
    if not match:
        return None, normalize_text(text)
    token = match.group(0).strip().rstrip(".．")
    return token.replace(" ", ""), normalize_text(folded[match.end():])


def numbering(text: str) -> str | None:
    """The shape of a heading's number (`(0)`, `0`, `①`, `(ア)`, `(一)`, `第0章`), digits,
    kana and kanji numerals folded, Roman numerals `R`; None if unnumbered. Two headings of
    one shape and size are of one rank."""
    token, _ = split_numbering(text)
    if token is None:
        return None
    if re.fullmatch(r"[IVX]+", token):
        return "R"
    shape = re.sub(r"[\u2460-\u2473]", "①", token)
    return re.sub(r"[ア-ン]", "ア", re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "0", shape)))


def body_size(lines: Iterable[Line]) -> float:
    """The type size of most characters printed in sentences (lines holding a `。`),
    else of most printed characters: tables in smaller type can hold more
    characters than the prose, but fewer sentences."""
    sizes: Counter[float] = Counter()
    in_sentences: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
        if "。" in line.text:
            in_sentences[line.size] += len(line.text)
    return (in_sentences or sizes).most_common(1)[0][0] if sizes else 0.0


def is_contents_page(lines: Sequence[Line]) -> bool:
    """A table of contents lists the headings again; its entries are no definitions."""
    return any(normalize_text(line.text) in CONTENTS_TITLES for line in lines)


def is_heading(line: Line, body: float) -> bool:
    """A short line printed larger than the body text, or numbered; not a figure alone
    (`30人`, `100%`: a KPI card's or a chart's value printed large heads no section)."""
    text = line.text.strip()
    return len(text) <= HEADING_MAX_CHARS and (is_larger(line, body) or is_enumerated(line)) \
        and not is_quantity(normalize_text(text).replace(" ", ""))


def is_larger(line: Line, body: float) -> bool:
    return line.size >= body + HEADING_SIZE_STEP


def is_enumerated(line: Line) -> bool:
    """Numbered (`1`, `(2)`, `③`, `IV`); a bullet (`▶`, `・`) marks list items, not headings."""
    return numbering(line.text) is not None
