"""The digital part of a general staff-development policy (人材育成・確保基本方針 with a
section on デジタル人材): only that part holds records. Its job grades (主事, 係長 …), general
trainings (接遇研修) and general goals (女性管理職比率, 採用予定数) are no digital-talent records.

Whether a document is such a policy is read from its title, its headings and its roles:

* a title naming a digital subject (`…DX人材育成プラン`, `…基本方針(デジタル部分)`): the
  whole document is about digital talent and is read whole;
* any other title: a general policy. Its digital part is every section whose heading names a
  digital subject (`第4章 デジタル人材の育成`, `6 行政のデジタル変革を担う職員`), from that
  heading to the next heading of the same depth or a shallower one; the chapter (top-level
  section) defining a role whose name names one (`DX推進リーダー`) under a heading that does
  not (`第5章 変革を支える人材`); and the rows a table or list groups under a digital label
  (a `研修区分` cell `デジタル` over some trainings of a 研修計画). A general policy without
  any of these holds no records;
* no title found: read whole (nothing shows it is a general policy).

A heading that only names one of the document's roles (`(1) DX推進リーダー`) opens no
section. The records left out are kept aside with the reason (the `blocks` table tells it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jinzai.extractors.model import Document, Heading
from jinzai.extractors.policy.vocabulary import DIGITAL_SUBJECT_WORDS
from jinzai.extractors.result import Extraction, SetAside
from jinzai.models import ExtractionWarning, Record, Role, Training
from jinzai.normalizers.text import normalize_text

OUTSIDE = "outside the digital part of a general staff-development policy"


@dataclass(frozen=True)
class Section:
    """From (page, top) of its heading to (page, top) of the heading ending it (None: the end)."""

    start: tuple[int, float]
    end: tuple[int, float] | None

    def holds(self, page: int, top: float | None) -> bool:
        point = (page, top if top is not None else 0.0)
        return self.start <= point and (self.end is None or point < self.end)


@dataclass(frozen=True)
class DigitalPart:
    """The digital sections of a general policy (none when it has no digital section)."""

    sections: tuple[Section, ...]

    def holds(self, page: int, top: float | None) -> bool:
        return any(section.holds(page, top) for section in self.sections)


def digital_part(document: Document, title: str | None, roles: Sequence[Role] = ()) -> DigitalPart | None:
    """The digital part of a general policy, or None when the document is read whole (its
    title names a digital subject, or no title was found)."""
    if not title or _names_digital_subject(title):
        return None
    role_names = {normalize_text(role.name) for role in roles}
    headings = document.blocks_of(Heading)
    opening = [h for h in headings if _names_digital_subject(h.title) and normalize_text(h.title) not in role_names]
    digital_roles = [role for role in roles if _names_digital_subject(role.name)]
    sections = _sections(opening, headings)
    chapters = [_chapter_of(role, headings) for role in digital_roles
                if not any(s.holds(role.page, role.bbox[1] if role.bbox else None) for s in sections)]
    return DigitalPart(sections=tuple(sections + _sections([c for c in chapters if c], headings)))


def _sections(opening: Sequence[Heading], headings: Sequence[Heading]) -> list[Section]:
    """Each opening heading's section, to the next heading as deep or shallower; a section
    inside another one is part of it already."""
    sections: list[Section] = []
    for heading in sorted(opening, key=lambda h: (h.page, h.bbox[1])):
        start = (heading.page, heading.bbox[1])
        if any(section.holds(*start) for section in sections):
            continue
        after = [h for h in headings if (h.page, h.bbox[1]) > start and h.depth <= heading.depth]
        sections.append(Section(start=start, end=(after[0].page, after[0].bbox[1]) if after else None))
    return sections


def _chapter_of(role: Role, headings: Sequence[Heading]) -> Heading | None:
    """The chapter heading last printed before a role's definition: chapters are the
    headings of the shallowest depth more than one heading has (a document's title
    may stand alone above them)."""
    depths = Counter(h.depth for h in headings)
    chapter_depth = min((d for d, n in depths.items() if n > 1), default=None)
    where = (role.page, role.bbox[1] if role.bbox else 0.0)
    before = [h for h in headings if h.depth == chapter_depth and (h.page, h.bbox[1]) <= where]
    return before[-1] if before else None


def keep_digital_part(extraction: Extraction, part: DigitalPart | None) -> Extraction:
    """The extraction with the records placed outside `part` set aside (trainings with their
    audience); a training grouped under a digital label stays wherever it is printed."""
    if part is None:
        return extraction
    kept: dict[str, list[Record]] = {}
    set_aside: list[SetAside] = []
    for table in ("roles", "skills", "levels", "trainings", "targets"):
        records = getattr(extraction, table)
        kept[table] = [r for r in records if _in_part(r, part)]
        set_aside += [SetAside(table, r, OUTSIDE) for r in records if not _in_part(r, part)]
    kept_ids = {t.training_id for t in kept["trainings"]}
    warnings = list(extraction.warnings)
    if not part.sections and not any(kept.values()) and set_aside:
        warnings.append(ExtractionWarning(
            doc_id=set_aside[0].record.doc_id, kind="general_policy",
            message=f"a general staff-development policy without a digital part: "
                    f"its {len(set_aside)} records read are set aside"))
    return replace(
        extraction, **kept, warnings=warnings, set_aside=[*extraction.set_aside, *set_aside],
        training_audience=[a for a in extraction.training_audience if a.training_id in kept_ids],
    )


def _in_part(record: object, part: DigitalPart) -> bool:
    if isinstance(record, Training) and record.category and _names_digital_subject(record.category):
        return True
    bbox = getattr(record, "bbox", None)
    return part.holds(record.page, bbox[1] if bbox else None)


def _names_digital_subject(text: str) -> bool:
    """Whether a title, heading, group label or role name names a digital subject."""
    folded = normalize_text(text).lower()
    return any(word in folded for word in DIGITAL_SUBJECT_WORDS)
