"""The digital part of a general staff-development policy (人材育成基本方針 with a chapter
on デジタル人材): only that part holds records. Its job grades (主事, 係長 …), general
trainings (接遇研修) and general goals (女性管理職比率) are no digital-talent records.

A document whose title names no digital subject but one of whose headings does
(`第4章 デジタル人材の育成`) is such a policy; its part runs from that heading to the next
heading of the same depth or a shallower one. Records placed outside it are dropped.
A heading that only names one of the document's roles (`(1) DX推進リーダー`) opens no
part, and a document whose title was not found is read whole: nothing shows it is a
general policy.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from jinzai.extractors.model import Document, Heading
from jinzai.extractors.result import Extraction
from jinzai.extractors.policy.vocabulary import DIGITAL_SUBJECT_WORDS
from jinzai.normalizers.text import normalize_text

R = TypeVar("R")


@dataclass(frozen=True)
class Part:
    """From (page, top) of its heading to (page, top) of the heading ending it (None: the end)."""

    start: tuple[int, float]
    end: tuple[int, float] | None

    def holds(self, page: int, top: float | None) -> bool:
        point = (page, top if top is not None else 0.0)
        return self.start <= point and (self.end is None or point < self.end)


def digital_part(document: Document, title: str | None, role_names: Collection[str] = ()) -> Part | None:
    """The digital part of a general policy, or None when the whole document is about
    digital talent (its title says so, or no title was found) or no heading opens a digital part."""
    if not title or _names_digital_subject(title):
        return None
    roles = {normalize_text(name) for name in role_names}
    headings = document.blocks_of(Heading)
    opening = [h for h in headings if _names_digital_subject(h.title) and normalize_text(h.title) not in roles]
    if not opening:
        return None
    first = min(opening, key=lambda h: (h.depth, h.page, h.bbox[1]))
    after = [h for h in headings if (h.page, h.bbox[1]) > (first.page, first.bbox[1]) and h.depth <= first.depth]
    end = (after[0].page, after[0].bbox[1]) if after else None
    return Part(start=(first.page, first.bbox[1]), end=end)


def keep_digital_part(extraction: Extraction, part: Part | None) -> Extraction:
    """The extraction with the records placed outside `part` dropped (with their audience)."""
    if part is None:
        return extraction
    trainings = _inside(extraction.trainings, part)
    kept_ids = {t.training_id for t in trainings}
    return replace(
        extraction, roles=_inside(extraction.roles, part), skills=_inside(extraction.skills, part),
        levels=_inside(extraction.levels, part), trainings=trainings, targets=_inside(extraction.targets, part),
        training_audience=[a for a in extraction.training_audience if a.training_id in kept_ids],
    )


def _inside(records: Sequence[R], part: Part) -> list[R]:
    return [r for r in records if part.holds(r.page, r.bbox[1] if r.bbox else None)]


def _names_digital_subject(text: str) -> bool:
    folded = normalize_text(text).lower()
    return any(word in folded for word in DIGITAL_SUBJECT_WORDS)
