"""Goal passages of the document model → targets.

Inside sections whose heading speaks of goals (数値目標, 育成目標, 中期目標 …), every
sentence of the paragraphs, list items and figure texts is read for goals; elsewhere
only sentences that say they state a goal (目標, 目指す) or commit to a count by a
deadline; nowhere a sentence in the past that reports a result. A goal counts the role
of the heading above it (`2 DX 推進員`, or a short line naming a role alone), else the
role its sentence names, else the one role its goal section's heading names
(`業務改革デザイナーの育成目標`). Sections, headings and
passages come from the document model (`jinzai.extractors.model`): its `Heading`
blocks, with their depth, and the lines of its text blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jinzai.extractors.layout import Line
from jinzai.extractors.model import Document, Figure, Heading, ListItem, Paragraph
from jinzai.extractors.policy.plan_vocabulary import (
    COMMITTED_GOAL,
    DEADLINE_WORDS,
    DEFAULT_METRIC,
    GOAL_SECTION_WORDS,
    GOAL_SENTENCE_WORDS,
    PAST_RESULT,
)
from jinzai.extractors.policy.goal_parse import names_several
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.sentences import PER_UNIT_COUNT, QUANTITY, named_metric, targets_from_sentence
from jinzai.models import Target
from jinzai.normalizers.text import fold_width, normalize_name, normalize_text

# `目標人数：各係に1人`: a label and its value, a passage of its own.
_LABEL_LINE = re.compile(r"^[^\s、。]{2,10}[:：]")
# A line naming a role alone, as a heading does, is short.
_MAX_ROLE_LINE = 40
_BULLET = re.compile(r"^\s*[・•⚫▶●◆■○◯\-–]")


@dataclass(slots=True)
class Passage:
    """The lines of one paragraph, list item or figure text, with the role of the heading
    above it and whether it lies in a goal section."""

    role: str | None
    in_goal_section: bool
    lines: list[Line] = field(default_factory=list)
    section_metric: str | None = None  # the metric the goal section's heading names (育成目標 → 育成人数)
    section_role: str | None = None  # the one role the goal section's heading names (`Xの育成目標`)

    def sentences(self) -> Iterator[tuple[str, Line]]:
        """(sentence, line where it starts): split at 。."""
        pieces: list[str] = []
        starts: list[tuple[int, Line]] = []
        length, last = 0, ""
        for line in self.lines:
            stripped = line.text.strip()
            pieces.append(_joint(last, stripped) + stripped)
            starts.append((length + len(pieces[-1]) - len(stripped), line))
            length += len(pieces[-1])
            last = stripped or last
        text = "".join(pieces)  # joined once: a long paragraph costs no quadratic copying
        position, line_index = 0, 0
        for piece in re.split(r"(?<=。)", text):
            while line_index + 1 < len(starts) and starts[line_index + 1][0] <= position:
                line_index += 1  # one pass over the lines: a long paragraph is no quadratic search
            if piece.strip():
                yield piece, starts[line_index][1]
            position += len(piece)


def _joint(text: str, line: str) -> str:
    """What joins a wrapped line to the text before it: Japanese wraps anywhere, even
    inside a number (`令和1` / `0年度`), so lines join directly; a space only between Latin words."""
    if text and line and fold_width(text[-1]).isascii() and fold_width(text[-1]).isalpha() \
            and fold_width(line[0]).isascii() and fold_width(line[0]).isalpha():
        return " "
    return ""


@dataclass(frozen=True, slots=True)
class _GoalSection:
    depth: int
    label: str
    metric: str | None
    role: str | None


def goal_passages(document: Document, roles: RoleMatcher, skip: set[int]) -> Iterator[Passage]:
    """The document's text blocks in reading order, each with the role of the heading above
    it and whether it lies in a goal section. A goal section runs from a heading that speaks
    of goals to the next heading of its depth or higher; role sub-headings inside it
    (`1 一般行政職員`) do not end it, nor does its own heading repeated on the next page.
    `skip`: ids of lines read already (a chart's)."""
    section: _GoalSection | None = None
    role: str | None = None
    for page in document.pages:
        if page.contents:
            continue  # a table of contents repeats the headings
        for block in page.blocks:
            if isinstance(block, Heading):
                label = normalize_text(f"{block.numbering or ''} {block.title}")
                if section is not None and label == section.label:
                    continue  # the section's heading repeated at the top of a page
                if QUANTITY.search(block.title):  # a goal printed large: `目標 DX推進員 100名`
                    yield _passage(role, section, _unread(block.lines, skip))
                named = role_heading(block.title, roles)
                if section is not None and block.depth <= section.depth and named is None:
                    section = None
                if section is None and any(w in label for w in GOAL_SECTION_WORDS):
                    section = _GoalSection(block.depth, label, named_metric(label, None),
                                           None if names_several(label, roles) else roles.mentioned(label))
                role = named
            elif isinstance(block, Figure):
                for column in _figure_passages(block, skip):
                    yield Passage(role, section is not None, column, section.metric if section else None)
            elif isinstance(block, (Paragraph, ListItem)):
                lines = _unread(block.lines, skip)
                if isinstance(block, Paragraph) and lines and (named := role_heading(lines[0].text, roles)):
                    role, lines = named, lines[1:]  # a role named alone on a line: an unnumbered heading
                for run in _label_runs(lines):
                    yield _passage(role, section, run)


def _passage(role: str | None, section: _GoalSection | None, lines: list[Line]) -> Passage:
    if section is None:
        return Passage(role, False, lines)
    return Passage(role, True, lines, section.metric, section.role)


def _figure_passages(figure: Figure, skip: set[int]) -> list[list[Line]]:
    """A figure's texts read column by column where they stand in columns of two texts or
    more (KPI cards side by side: a deadline over a large value over what it counts, each
    card one passage); else one passage as printed."""
    columns = [_unread(column, skip) for column in figure.columns()]
    if len(columns) >= 2 and all(len(column) >= 2 for column in columns):
        return columns
    lines = _unread(figure.lines, skip)
    return [lines] if lines else []


def _label_runs(lines: list[Line]) -> Iterator[list[Line]]:
    """A block's lines cut before and after each label line (`目標人数：各係に1人`): a label
    and its value are a passage of their own, not a clause of the sentence around them."""
    run: list[Line] = []
    for line in lines:
        label = bool(_LABEL_LINE.match(normalize_text(line.text)))
        if run and (label or _LABEL_LINE.match(normalize_text(run[-1].text))):
            yield run
            run = []
        run.append(line)
    if run:
        yield run


def _unread(lines: Iterable[Line], skip: set[int]) -> list[Line]:
    return [line for line in lines if id(line) not in skip and not line.vertical]


def role_heading(text: str, roles: RoleMatcher) -> str | None:
    """The role a heading or a line alone names (`DX 推進員`, `(2) DX推進リーダー`,
    `CIO 補佐官・高度専門人材（外部登用人材）`); None for a sentence, an item or a goal."""
    normalized = normalize_text(text)
    if "。" in normalized or "、" in normalized or len(normalized) > _MAX_ROLE_LINE or _BULLET.match(text) \
            or QUANTITY.search(normalized):
        return None
    return roles.resolve(normalize_name(text))


def _states_goal(sentence: str) -> bool:
    """A sentence outside a goal section states a goal when it says so (`目標`, `目指す`)
    or commits to a count by a deadline (`令和10年度までに…30名育成する`) or per unit
    (`各所属に1人以上の…を配置します`): the count and a goal verb in the present, not a past
    result (`育成した`)."""
    text = normalize_text(sentence)
    committed = bool(COMMITTED_GOAL.search(text))
    return any(w in text for w in GOAL_SENTENCE_WORDS) or committed and (
        any(w in text for w in DEADLINE_WORDS) or bool(PER_UNIT_COUNT.search(text)))


def _reports_result(sentence: str) -> bool:
    """A sentence in the past that speaks of no goal or deadline reports a result
    (`令和6年度の受講率は82%であった`), in a goal section too."""
    text = normalize_text(sentence)
    return bool(PAST_RESULT.search(text)) and not any(w in text for w in (*GOAL_SENTENCE_WORDS, *DEADLINE_WORDS))


def goal_key(target: Target) -> tuple:
    """What makes two targets one goal: role, metric, value, unit and year."""
    return (target.role, target.metric, target.value, target.unit, target.fiscal_year)


def prose_targets(
    document: Document, doc_id: str, roles: RoleMatcher, skip: set[int], known: Iterable[Target] = (),
) -> list[Target]:
    """Targets of the sentences of goal sections, and of sentences elsewhere that
    state a goal (`目標`, `目指す`); one goal restated for the same role is kept once."""
    targets: list[Target] = []
    seen: set[tuple] = {goal_key(t) for t in known}  # a table's goal restated in prose
    for passage in goal_passages(document, roles, skip):
        for sentence, line in passage.sentences():
            if not passage.in_goal_section and not _states_goal(sentence) or _reports_result(sentence):
                continue
            # a sentence naming no role counts the one its goal section's heading names
            role = passage.role or (passage.section_role if roles.mentioned(normalize_text(sentence)) is None else None)
            for target in targets_from_sentence(sentence, role, doc_id=doc_id, page=line.page,
                                                bbox=line.bbox, roles=roles):
                if target.metric == DEFAULT_METRIC.get(target.unit or "人") and passage.section_metric \
                        and target.unit != "%":  # nothing in the sentence named it: the heading does
                    target = target.model_copy(update={"metric": passage.section_metric})
                if goal_key(target) not in seen:
                    seen.add(goal_key(target))
                    targets.append(target)
    return targets
