"""What a case states that fits the corpus's other tables: level schemes and numeric goals.

Read by structure and vocabulary, never by page or name:
- a level scheme is a column of `レベルN` (or 初級・中級・上級) labels, each with its
  definition beside it, under it or after it on the same line; the role is the one the
  slide's heading names (`五霞町におけるDX推進リーダーのレベル設定例` → DX推進リーダー);
- a numeric goal is an indicator row of a table (`指標 | DX推進員の育成 | … | 目標値 2026年度 | 50人 (累計)`,
  or the count under a `目標値 2026年度` header),
  a sentence (in a text block or a table cell of the document model) with a yearly rate (`年間10名程度のDX推進員を育成します`, fiscal_year null)
  or with a deadline (`目標：令和9年度までにDX推進リーダー30名`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from jinzai.extractors.casebook import vocabulary as vocab
from jinzai.extractors.casebook.slides import slide_heading
from jinzai.extractors.layout import Line
from jinzai.extractors.model import PageBlocks, TableBlock
from jinzai.extractors.model.tables.grid import Cell, center_inside, distinct
from jinzai.normalizers.dates import InvalidDate, parse_fiscal_year
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_text


@dataclass(frozen=True, slots=True)
class LevelFact:
    role: str | None
    rank: int
    label: str
    definition: str
    page: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class GoalFact:
    role: str | None
    metric: str
    value: float | None
    unit: str | None
    fiscal_year: int | None
    text_raw: str
    qualifier: str | None
    placeholder: str | None
    page: int
    bbox: tuple[float, float, float, float]


def _center_y(line: Line) -> float:
    return (line.top + line.bottom) / 2


# ---------------------------------------------------------------- levels

def level_role(heading: str) -> str | None:
    """The role a level scheme's heading names: `…におけるDX推進リーダーのレベル設定例` → DX推進リーダー."""
    match = vocab.LEVEL_HEADING_ROLE.search(vocab.LEVEL_HEADING_PLACE.sub("", heading))
    return match.group("role") if match else None


def _label_spacing(labels: Sequence[Line]) -> float:
    """The median vertical distance between consecutive level labels."""
    centers = sorted(_center_y(l) for l in labels)
    steps = sorted(b - a for a, b in pairwise(centers))
    return steps[len(steps) // 2]


def _definition_lines(label: Line, labels: Sequence[Line], lines: Sequence[Line]) -> list[Line]:
    """The definition of one label: lines to its right nearer to it than to any other label;
    where nothing stands beside the labels, the lines under it up to the next label."""
    others = [l for l in labels if l is not label]
    reach = _label_spacing(labels) / 2  # a definition stands within half a step of its label
    beside = [
        line for line in lines
        if line.x0 >= label.x1 - 2 and abs(_center_y(line) - _center_y(label)) <= reach and all(
            abs(_center_y(line) - _center_y(label)) < abs(_center_y(line) - _center_y(o)) for o in others)
    ]
    if beside:
        return beside
    below_next = min((o.top for o in others if o.top > label.top), default=float("inf"))
    return [line for line in lines if label.bottom <= line.top < below_next]


def level_label(text: str) -> tuple[str, int, str] | None:
    """(label, rank, the definition printed after it on the same line) of a line that
    starts a level: `レベル5` → (レベル5, 5, ''); `中級` → (中級, 2, '');
    `レベル1 パソコンの基本操作ができる` → (レベル1, 1, パソコンの基本操作ができる)."""
    normalized = normalize_text(text)
    alone = vocab.LEVEL_LABEL.match(normalized)
    if alone:
        return alone.group("label").replace(" ", ""), int(alone.group("rank")), ""
    if normalized in vocab.LEVEL_GRADES:
        return normalized, vocab.LEVEL_GRADES[normalized], ""
    # on the printed text: normalization drops the space that ends the label (`レベル1 パソコン`)
    inline = vocab.LEVEL_LABEL_INLINE.match(text)
    if inline:
        label = normalize_text(inline.group("label")).replace(" ", "")
        rank = int(normalize_text(inline.group("rank"))) if inline.group("rank") else vocab.LEVEL_GRADES[label]
        return label, rank, normalize_text(inline.group("definition"))
    return None


def _wrapped_under(label: Line, lines: Sequence[Line]) -> list[Line]:
    """Lines that wrap an inline definition: right under it, indented past the label."""
    wrapped: list[Line] = []
    last = label
    for line in lines:
        if line.x0 > label.x0 + 2 and _continues_below(last, line):
            wrapped.append(line)
            last = line
    return wrapped


def _continues_below(upper: Line, lower: Line) -> bool:
    return abs(upper.size - lower.size) < 0.5 and 0 <= lower.top - upper.bottom < 0.8 * (upper.bottom - upper.top)


def page_levels(page: PageBlocks) -> list[LevelFact]:
    """The level scheme printed on a slide, if any (at least two level labels)."""
    heading, lines = slide_heading(page)
    labelled = [(line, found) for line in lines if (found := level_label(line.text))]
    if len(labelled) < 2:
        return []
    labels = [line for line, _ in labelled]
    label_ids = {id(l) for l in labels}
    texts = [line for line in lines if id(line) not in label_ids]
    role = level_role(heading)
    facts: list[LevelFact] = []
    for label, (name, rank, inline) in labelled:
        parts = [inline, *(l.text for l in _wrapped_under(label, texts))] if inline else \
            [l.text for l in _definition_lines(label, labels, texts)]
        definition = normalize_text("\n".join(parts))
        if definition:
            facts.append(LevelFact(role, rank, name, definition, page.number, label.bbox))
    return facts


# ---------------------------------------------------------------- goals

def indicator_goals(page: PageBlocks) -> list[GoalFact]:
    """Goals from the indicator rows of the page's tables, the goal beside its label
    (`指標 | Xの育成 | 現状値 … | 目標値 2026年度 | 50人 (累計)`) or under it (a `目標値 2026年度`
    column: a header printed over its values, or a row of label–value pairs read so)."""
    goals: list[GoalFact] = []
    for block in page.blocks:
        if not isinstance(block, TableBlock):
            continue
        table = block.table
        for row in [*table.header, *table.rows]:
            cells = distinct(row)
            goals += [goal for at, anchor in enumerate(cells)
                      if (goal := _goal(block, anchor.normalized, cells[at + 1:], cells[:at], cells))]
        header = [cell for row in table.header for cell in row]
        for col in range(table.n_cols):
            label = "".join(table.header_path(col))
            goals += [goal for row in table.rows
                      if (goal := _goal(block, label, [row[col]], distinct(row[:col]), [*header, *row]))]
    return goals


def _goal(block: TableBlock, label: str, values: Sequence[Cell], before: Sequence[Cell],
          row: Sequence[Cell]) -> GoalFact | None:
    """The goal a `目標値` label gives: the first quantity of the cells it labels, for the
    indicator the cells before them name, cited by the lines printed in `row`'s cells; None
    for another label or no quantity."""
    if not label.startswith(vocab.GOAL_VALUE_HEADER):
        return None
    quantity = next((q for cell in values for line in cell.lines if (q := parse_quantity(line)) is not None), None)
    if quantity is None or (quantity.value is None and quantity.placeholder is None):
        return None
    role, metric = _role_and_metric(_indicator_name(before))
    printed = [line for line in block.lines if any(center_inside(line.bbox, cell.bbox) for cell in row)]
    return GoalFact(
        role=role, metric=metric, value=quantity.value, unit=quantity.unit,
        fiscal_year=_fiscal_year_or_none(label[len(vocab.GOAL_VALUE_HEADER):]),
        text_raw=" ".join(l.text.strip() for l in printed), qualifier=quantity.qualifier,
        placeholder=quantity.placeholder, page=block.page, bbox=_union(printed) if printed else values[0].bbox,
    )


def _fiscal_year_or_none(text: str) -> int | None:
    """The goal's year; an impossible date printed in a case (a typo) leaves it unknown."""
    try:
        return parse_fiscal_year(text)
    except InvalidDate:
        return None


def _indicator_name(before: Sequence[Cell]) -> str:
    """The indicator's name: the cell after a `指標` header cell, else the row's first cell."""
    cells = [cell.normalized for cell in before if not cell.empty]
    if cells and cells[0] == vocab.GOAL_INDICATOR_HEADER:
        cells = cells[1:]
    return cells[0] if cells else ""


def _role_and_metric(indicator: str) -> tuple[str | None, str]:
    match = vocab.TRAINING_INDICATOR.match(indicator)
    if match:
        return match.group("role"), vocab.TRAINING_METRIC
    return None, indicator


def _union(lines: Sequence[Line]) -> tuple[float, float, float, float]:
    return (min(l.x0 for l in lines), min(l.top for l in lines),
            max(l.x1 for l in lines), max(l.bottom for l in lines))


def _sentence_around(lines: Sequence[Line], index: int, start: int, end: int) -> str:
    """The sentence of lines[index] holding text[start:end], as printed (the lines of its
    block or cell joined, cut at `。`)."""
    before = "".join(l.text for l in lines[:index])
    paragraph = before + "".join(l.text for l in lines[index:])
    offset = len(before)
    sentence_start = paragraph.rfind("。", 0, offset + start) + 1
    stop = paragraph.find("。", offset + end)
    return paragraph[sentence_start: stop + 1 if stop >= 0 else len(paragraph)].strip()


def _passages(page: PageBlocks) -> Iterator[Sequence[Line]]:
    """The printed lines of each text block of the page (heading, paragraph, list item,
    figure) and of each table cell, in reading order: where a goal sentence may be printed."""
    for block in page.blocks:
        if not isinstance(block, TableBlock):
            yield block.lines
            continue
        for cell in distinct([cell for row in [*block.table.header, *block.table.rows] for cell in row]):
            yield [line for line in block.lines if center_inside(line.bbox, cell.bbox)]


def _sentence_goals(page: PageBlocks, matches: Callable[[str], Iterable[re.Match[str]]],
                    year: Callable[[re.Match[str]], int | None]) -> list[GoalFact]:
    """Goals stated in a sentence: one per match in a printed line, its text the sentence around it."""
    goals: list[GoalFact] = []
    for lines in _passages(page):
        for index, line in enumerate(lines):
            for match in matches(line.text):
                quantity = parse_quantity(match.group("amount"))
                if quantity is None:
                    continue
                goals.append(GoalFact(
                    role=normalize_text(match.group("role")), metric=vocab.TRAINING_METRIC,
                    value=quantity.value, unit=quantity.unit, fiscal_year=year(match),
                    text_raw=_sentence_around(lines, index, match.start(), match.end()),
                    qualifier=quantity.qualifier, placeholder=quantity.placeholder,
                    page=page.number, bbox=line.bbox,
                ))
    return goals


def yearly_goals(page: PageBlocks) -> list[GoalFact]:
    """Yearly training rates: `年間10名程度のDX推進員を育成します` → 10 人 a year, fiscal_year null."""
    return _sentence_goals(page, vocab.YEARLY_TRAINING.finditer, lambda _: None)


def deadline_goals(page: PageBlocks) -> list[GoalFact]:
    """Headcounts due by a fiscal year: `目標：令和9年度までにDX推進リーダー30名` → 30 人, FY2027."""
    return _sentence_goals(page, _deadline_matches, lambda match: _fiscal_year_or_none(match.group("year")))


def _deadline_matches(text: str) -> list[re.Match[str]]:
    """Each deadline's goal once, whichever phrasing of vocab.DEADLINE_GOALS reads it."""
    found: dict[int, re.Match[str]] = {}
    for pattern in vocab.DEADLINE_GOALS:
        for match in pattern.finditer(text):
            found.setdefault(match.start("year"), match)
    return [found[start] for start in sorted(found)]


def page_goals(page: PageBlocks) -> list[GoalFact]:
    """The numeric goals of one page of the document model."""
    return indicator_goals(page) + yearly_goals(page) + deadline_goals(page)
