"""Trainings written as a numbered list or as cards instead of a table, read from the document model.

A Word-style plan lists its trainings as enumerated items whose parentheses say, in
words, whom each is for and how it is held:

    ア 基礎研修
    ① 情報リテラシー研修（全職員・必修、ｅラーニング）
       デジタル技術の基本的な用語や仕組み … を学びます。
       実施主体：本市

An item (a `ListItem` block: wrapped lines joined, its paragraph after the
parentheses) is a training when the evidence agrees (`_is_training`): its name
ends with a training noun (研修, 講座, 演習 …) and its parentheses hold an
audience requirement (必修, 推奨) or a format (eラーニング, 集合研修) — at least two
of these three. Each part of the parentheses is a format, or an audience with
its requirement after a `・` (`デザイナー・推奨`), or an audience alone (`希望する職員`,
requirement `target`; `希望者` is partial); an audience naming a role of the
document is that role. A short enumerated line right above the first item of a
group (`イ 専門研修`) is the group's category; the text after the parentheses is
the summary, and a `実施主体：…` paragraph after the item (any organizer word of
the training vocabulary) its organizer. Where the parentheses name no audience, a
sentence of those paragraphs may (`対象はDX推進リーダー(必修)及び…(推奨)とする。`,
`対象：全職員`), read as a 対象 cell is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jinzai.extractors.model import Block, Document, Figure, Heading, ListItem, Paragraph
from jinzai.extractors.model.headings import split_numbering
from jinzai.extractors.policy.plan_vocabulary import (
    AUDIENCE_CONJUNCTIONS,
    AUDIENCE_SENTENCE,
    TRAINING_COLUMN_WORDS,
    TRAINING_NOUNS,
)
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.model.tables import Cell
from jinzai.extractors.policy.trainings import TrainingRow, column_kind, named_audience
from jinzai.normalizers.legends import normalize_format, requirement_code
from jinzai.normalizers.text import normalize_name, normalize_text

# A category line above a group of items is short.
_MAX_CATEGORY_CHARS = 20
# `実施主体：本市`: a label, a colon, the value.
_LABELLED = re.compile(r"^(?P<label>[^:：。]{1,10})[:：]\s*(?P<value>.+)$")
# Where an audience meets its requirement: `全職員・必修`.
_AUDIENCE_REQUIREMENT = re.compile(r"^(?P<audience>.+)・(?P<requirement>[^・]+)$")
# Parts of the parentheses.
_PARTS = re.compile(r"[、，,]")
# A requirement word printed alone (`必修`, `希望者`) is short; `希望者` names people.
_MAX_BARE_REQUIREMENT = 4
_PEOPLE = ("者", "職員")
_REQUIREMENTS = ("required", "recommended", "partial")


def listed_trainings(document: Document, roles: RoleMatcher) -> list[TrainingRow]:
    """Every training of the document's numbered training lists, in reading order."""
    blocks = document.blocks
    rows: list[TrainingRow] = []
    category: str | None = None
    for index, block in enumerate(blocks):
        text = _item_text(block)
        split = _name_and_parentheses(normalize_text(text)) if text else None
        if split is None:
            continue
        previous = blocks[index - 1] if index else None
        if previous is not None and _is_category(previous):
            category = _category_text(previous)
        name, inside, summary = split
        after = _after(blocks[index + 1:])
        row = _training_row(block, name, inside, summary + after.summary, after.organizer, category, roles)
        if not row.audience and after.audience:
            row.audience = [a for part in AUDIENCE_CONJUNCTIONS.split(after.audience)
                            for a in named_audience(part.strip(), roles)]
        rows.append(row)
    return rows


def carded_trainings(document: Document, roles: RoleMatcher) -> list[TrainingRow]:
    """Trainings printed as cards (a slide's or designed page's boxes): a name on the first
    line, then labelled lines whose labels are training-column words (`対象：DXサポーター
    (必須)、一般職員(希望者)`, `形式：演習`, `提供：長野県`). A card is a training when it
    names its audience and either its name ends with a training noun or it gives a format."""
    rows = []
    for figure in document.blocks_of(Figure):
        texts = figure.texts
        if len(texts) < 2 or _LABELLED.match(texts[0]):
            continue
        fields: dict[str, str] = {}
        for text in texts[1:]:
            labelled = _LABELLED.match(text)
            kind = column_kind(labelled["label"]) if labelled else None
            if kind and kind not in fields:
                fields[kind] = labelled["value"].strip()
        fmt = normalize_format(fields.get("format", ""))
        if "audience" not in fields or not (texts[0].endswith(TRAINING_NOUNS) or fmt):
            continue
        first = figure.lines[0]
        rows.append(TrainingRow(
            page=figure.page, bbox=first.bbox, name=normalize_name(texts[0]), organizer=fields.get("organizer"),
            category=None, summary=fields.get("summary"), format=fmt or None, format_raw=fields.get("format"),
            audience=named_audience(fields["audience"], roles),
            name_cell=Cell(lines=(texts[0],), bbox=first.bbox, page=figure.page)))
    return rows


def _item_text(block: Block) -> str | None:
    """The text of an enumerated item: a list item, or a numbered line the model took
    for a heading (a short item without its paragraph: `1) デジタル入門講座(…)`)."""
    if isinstance(block, ListItem):
        return block.text
    if isinstance(block, Heading) and block.numbering is not None:
        return block.title
    return None


def _name_and_parentheses(text: str) -> tuple[str, str, str] | None:
    """(name, inside, summary) of `name(inside)summary`: the first balanced parentheses
    whose inside shows a training (a name may hold its own: `業務改革(BPR)実践研修(…)`)."""
    depth, start = 0, -1
    for pos, char in enumerate(text):
        if char == "(":
            depth += 1
            start = pos if depth == 1 else start
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and start > 0 and _is_training(text[:start].strip(), text[start + 1:pos]):
                return text[:start].strip(), text[start + 1:pos], text[pos + 1:].strip()
    return None


def _parts(inside: str) -> list[str]:
    return [p.strip() for p in _PARTS.split(inside) if p.strip()]


def _is_training(name: str, inside: str) -> bool:
    """Two of three: a training noun ending the name, a requirement word, a format word."""
    parts = _parts(inside)
    evidence = (
        name.endswith(TRAINING_NOUNS),
        any(_requirement_of_part(p)[1] is not None for p in parts),
        any(normalize_format(p) for p in parts),
    )
    return sum(evidence) >= 2


def _requirement_of_part(part: str) -> tuple[str, str | None]:
    """`デザイナー・推奨` → (`デザイナー`, recommended); `必修` alone → ('', required)."""
    match = _AUDIENCE_REQUIREMENT.match(part)
    if match and (code := requirement_code(match["requirement"])) in _REQUIREMENTS:
        return match["audience"].strip(), code
    code = requirement_code(part)
    if code in _REQUIREMENTS and len(part) <= _MAX_BARE_REQUIREMENT:
        return (part if part.endswith(_PEOPLE) else ""), code  # `希望者` names its audience
    return part, None


def _is_category(block: Block) -> bool:
    """A short numbered heading or line right above a group's first item (`イ 専門研修`)."""
    if isinstance(block, Heading):
        return block.numbering is not None and 0 < len(block.title) <= _MAX_CATEGORY_CHARS \
            and "(" not in normalize_text(block.title)
    if isinstance(block, Paragraph):
        number, text = split_numbering(block.text)
        return number is not None and 0 < len(text) <= _MAX_CATEGORY_CHARS and "。" not in text
    return False


def _category_text(block: Block) -> str:
    """`ア 基礎研修` → `基礎研修`."""
    text = block.title if isinstance(block, Heading) else split_numbering(block.text)[1]
    return normalize_name(text)


@dataclass(slots=True)
class After:
    """What the paragraphs right after a listed training say about it."""

    summary: str = ""
    organizer: str | None = None
    audience: str | None = None  # as written, requirements in notes: `DX推進リーダー(必修)`


def _after(blocks: Sequence[Block]) -> After:
    """The paragraphs right after an item, before the next item or heading: a labelled one
    gives the organizer (`実施主体：本市`), the others the summary; a sentence of them
    naming whom it is for (`対象：…`, `対象は…とする。`) the audience."""
    after = After()
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        text = normalize_text(block.text)
        labelled = _LABELLED.match(text)
        if labelled and any(word in labelled["label"] for word in TRAINING_COLUMN_WORDS["organizer"]):
            after.organizer = labelled["value"].strip()
            continue
        after.summary += text
        for sentence in text.split("。"):
            if after.audience is None and (said := AUDIENCE_SENTENCE.match(sentence.strip())):
                after.audience = said["who"]
    return after


def _training_row(
    item: Block, name: str, inside: str, summary: str, organizer: str | None, category: str | None,
    roles: RoleMatcher,
) -> TrainingRow:
    formats = [f for p in _parts(inside) if (f := normalize_format(p))]
    audience = []
    for part in _parts(inside):
        if normalize_format(part):
            continue
        who, requirement = _requirement_of_part(part)
        if who:
            audience.append((roles.exact(who) or roles.resolve(who) or who, requirement or "target", part))
    first = item.lines[0]
    return TrainingRow(
        page=item.page, bbox=first.bbox, name=normalize_name(name), organizer=organizer, category=category,
        summary=summary or None, format="・".join(dict.fromkeys(formats)) or None,
        format_raw=inside, audience=audience, name_cell=Cell(lines=(name,), bbox=first.bbox, page=item.page),
    )
