"""Trainings written as a numbered list instead of a table.

A Word-style plan lists its trainings as enumerated items whose trailing
parentheses say, in words, whom each is for and how it is held:

    ア 基礎研修
    ① 情報リテラシー研修（全職員・必修、ｅラーニング）
       デジタル技術の基本的な用語や仕組み … を学びます。
       実施主体：本市

An item is a training when the evidence agrees (`_is_training_item`): its name
ends with a training noun (研修, 講座, 演習 …) and its parentheses hold an
audience requirement (必修, 推奨) or a format (eラーニング, 集合研修) — at
least two of these three. Each part of the parentheses is a format, or an
audience with its requirement after a `・` (`デザイナー・推奨`), or an audience
alone (`希望する職員`, requirement `target`); an audience naming a role of the
document is that role. An enumerated line right above the first item of a
group (`イ 専門研修`) is the group's category; the paragraph below an item is
its summary, and a `実施主体：…` line (any organizer word of the training
vocabulary) its organizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jinzai.extractors.casebook_slides import running_lines
from jinzai.extractors.layout import Line, PdfLayout
from jinzai.extractors.plan_vocabulary import TRAINING_COLUMN_WORDS, TRAINING_NOUNS
from jinzai.extractors.role_match import RoleMatcher
from jinzai.extractors.model.headings import HEADING_SIZE_STEP, numbering, split_numbering
from jinzai.extractors.trainings import TrainingRow
from jinzai.extractors.tables import Cell
from jinzai.normalizers.legends import normalize_format, requirement_code
from jinzai.normalizers.text import normalize_name, normalize_text

# An item wraps over at most this many lines before its parentheses close.
_MAX_ITEM_LINES = 4
# A category line above a group of items is short.
_MAX_CATEGORY_CHARS = 20
# A page number printed alone (`- 7 -`, `7`, `3 / 9`).
_PAGE_NUMBER = re.compile(r"^[-‐－―–—]?\s*\d{1,3}\s*[-‐－―–—]?$|^\d{1,3}\s*/\s*\d{1,3}$")
# `実施主体：本市`: a label, a colon, the value.
_LABELLED = re.compile(r"^(?P<label>[^:：。]{1,10})[:：]\s*(?P<value>.+)$")
# Where an audience meets its requirement: `全職員・必修`.
_AUDIENCE_REQUIREMENT = re.compile(r"^(?P<audience>.+)・(?P<requirement>[^・]+)$")
# A requirement word printed alone (`必修`, `希望者`) is short; `希望者` names people.
_MAX_BARE_REQUIREMENT = 4
_PEOPLE = ("者", "職員")
# The parentheses closing an item: the last balanced group at its end.
_PARTS = re.compile(r"[、，,]")


@dataclass(slots=True)
class _Item:
    lines: list[Line]
    text: str  # normalized, wrapped lines joined


def listed_trainings(layout: PdfLayout, roles: RoleMatcher) -> list[TrainingRow]:
    """Every training of the document's numbered training lists, in reading order
    (running headers and page numbers skipped: an item's paragraph may go on
    over a page break)."""
    running = running_lines(layout)
    lines = [ln for page in layout.pages for ln in page.lines
             if normalize_text(ln.text) not in running and not _PAGE_NUMBER.match(normalize_text(ln.text))]
    rows: list[TrainingRow] = []
    category: str | None = None
    index = 0
    while index < len(lines):
        item = _item_at(lines, index)
        if item is None or not _is_training_item(item.text):
            index += 1
            continue
        previous = lines[index - 1] if index else None
        if previous is not None and _is_category_line(previous, item.lines[0]):
            category = _without_number(previous.text)
        end = index + len(item.lines)
        body = list(_body_lines(lines, end))
        rows.append(_training_row(item, body, category, roles))
        index = end + len(body)
    return rows


def _item_at(lines: Sequence[Line], index: int) -> _Item | None:
    """The enumerated item starting at `index`, its wrapped lines joined until its
    parentheses close; None when the line is not enumerated or they never close."""
    first = lines[index]
    if numbering(first.text) is None:
        return None
    taken: list[Line] = []
    text = ""
    for line in lines[index:index + _MAX_ITEM_LINES]:
        text += normalize_text(line.text) if taken else _without_number(line.text)
        taken.append(line)
        if text.count("(") <= text.count(")"):
            break
    if text.count("(") != text.count(")") or not text.endswith(")"):
        return None
    return _Item(lines=taken, text=text)


def _trailing_parentheses(text: str) -> tuple[str, str] | None:
    """(name, inside) of `name(inside)`, the parentheses being the balanced group
    closing the text (a name may hold its own: `業務改革(BPR)実践研修(…)`)."""
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[pos], 0)
        if depth == 0:
            return (text[:pos].strip(), text[pos + 1:-1]) if pos > 0 else None
    return None


def _is_training_item(text: str) -> bool:
    """Two of three: a training noun ending the name, a requirement word, a format word."""
    split = _trailing_parentheses(text)
    if split is None:
        return False
    name, inside = split
    parts = [p.strip() for p in _PARTS.split(inside) if p.strip()]
    evidence = (
        name.endswith(TRAINING_NOUNS),
        any(_requirement_of_part(p)[1] not in (None, "target") for p in parts),
        any(normalize_format(p) for p in parts),
    )
    return sum(evidence) >= 2


def _requirement_of_part(part: str) -> tuple[str, str | None]:
    """`デザイナー・推奨` → (`デザイナー`, recommended); `必修` alone → ('', required)."""
    match = _AUDIENCE_REQUIREMENT.match(part)
    if match and (code := requirement_code(match["requirement"])) in ("required", "recommended", "partial"):
        return match["audience"].strip(), code
    code = requirement_code(part)
    if code in ("required", "recommended", "partial") and len(part) <= _MAX_BARE_REQUIREMENT:
        return (part if part.endswith(_PEOPLE) else ""), code  # `希望者` names its audience
    return part, None


def _is_category_line(line: Line, first_item: Line) -> bool:
    """An enumerated short line, numbered unlike the items, right above a group's first item."""
    text = normalize_name(line.text)
    return (numbering(line.text) is not None and numbering(line.text) != numbering(first_item.text)
            and 0 < len(text) <= _MAX_CATEGORY_CHARS and "。" not in text and "(" not in text)


def _without_number(text: str) -> str:
    """`ア　基礎研修` → `基礎研修`."""
    return normalize_name(split_numbering(text)[1])


def _body_lines(lines: Sequence[Line], start: int) -> Iterator[Line]:
    """The lines after an item up to the next enumerated line or a line set larger
    than the item's paragraph (a heading); smaller lines are its notes (`実施主体：…`)."""
    if start >= len(lines):
        return
    size = lines[start].size
    for line in lines[start:]:
        if numbering(line.text) is not None or line.size >= size + HEADING_SIZE_STEP:
            return
        yield line


def _training_row(item: _Item, body: list[Line], category: str | None, roles: RoleMatcher) -> TrainingRow:
    split = _trailing_parentheses(item.text)
    assert split is not None  # checked by _is_training_item
    name, inside = split
    organizer = None
    summary: list[str] = []
    for line in body:
        labelled = _LABELLED.match(normalize_text(line.text))
        if labelled and any(word in labelled["label"] for word in TRAINING_COLUMN_WORDS["organizer"]):
            organizer = labelled["value"].strip()
        elif organizer is None:
            summary.append(normalize_text(line.text))
    formats = [f for p in _PARTS.split(inside) if (f := normalize_format(p.strip()))]
    audience = []
    for part in (p.strip() for p in _PARTS.split(inside)):
        if not part or normalize_format(part):
            continue
        who, requirement = _requirement_of_part(part)
        if who:
            audience.append((roles.exact(who) or roles.resolve(who) or who, requirement or "target", part))
    first = item.lines[0]
    return TrainingRow(
        page=first.page, bbox=first.bbox, name=name, organizer=organizer, category=category,
        summary="".join(summary) or None, format="・".join(dict.fromkeys(formats)) or None,
        format_raw=inside, audience=audience, name_cell=Cell(lines=(name,), bbox=first.bbox, page=first.page),
    )
