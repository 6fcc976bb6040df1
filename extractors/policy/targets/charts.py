"""Bar charts of yearly goals (a slide's), columns or bars across → targets.

A chart's texts are what the document model leaves outside its tables on a page: its
labels and values are short texts read as headings, paragraphs or figure texts.
"""

from __future__ import annotations

from collections.abc import Set

from jinzai.extractors.layout import Line
from jinzai.extractors.model import PageBlocks
from jinzai.extractors.policy.plan_vocabulary import DEFAULT_METRIC, METRIC_UNITS
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.sentences import named_metric
from jinzai.extractors.model.tables.grid import line_rows
from jinzai.extractors.policy.targets.year_tables import TABLE_EXTRACTOR, header_column, is_number
from jinzai.models import Target
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_text

# A chart's axis has no count within this many of its line heights under a year label.
_CHART_AXIS_REACH = 3


def chart_targets(
    page: PageBlocks, doc_id: str, roles: RoleMatcher, read: Set[int] = frozenset(),
) -> tuple[list[Target], set[int]]:
    """Targets of a bar chart (a slide's yearly goals), for the role and metric its title
    names (the nearest line above its bars naming a role): columns over an axis of years (a
    row holding only year labels, one count printed above each, in its column), or bars
    across from a column of years (one count on each label's row, right of it: the bar's
    end). Lines already `read` (ids of a goal card's count and year) make no chart: cards side
    by side put counts over years too. Returns the targets and the ids of the lines they print
    (no sentence reads them again)."""
    texts = page.text_lines
    for labels, values in [*_vertical_bars(texts), *_horizontal_bars(texts)]:
        if read & {id(line) for line in [*labels, *values]}:
            continue
        top = min(ln.top for ln in [*labels, *values])
        title = next((ln for ln in sorted(texts, key=lambda ln: -ln.bottom)
                      if ln.bottom <= top and roles.mentioned(normalize_text(ln.text))), None)
        if title is None:
            continue
        caption = normalize_text(title.text)
        targets = []
        for label, value in zip(labels, values):
            quantity = parse_quantity(value.text)
            metric = named_metric(caption, quantity.unit) or DEFAULT_METRIC[quantity.unit or "人"]
            targets.append(Target(
                doc_id=doc_id, page=page.number, bbox=list(value.bbox), extractor=TABLE_EXTRACTOR,
                role=roles.mentioned(caption), metric=metric, value=quantity.value,
                unit=quantity.unit or METRIC_UNITS.get(metric), fiscal_year=_year(label),
                text_raw=f"{caption} {normalize_text(label.text)} {normalize_text(value.text)}",
                placeholder=quantity.placeholder, qualifier=quantity.qualifier))
        return targets, {id(line) for line in [*labels, *values]}
    return [], set()


def _year(label: Line) -> int | None:
    column = header_column(label.text)
    return column.year if column is not None and column.kind == "target" else None


def _vertical_bars(texts: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """(year labels, bar values) of each axis row: a row of year labels only, a count over each."""
    charts = []
    for axis in line_rows(texts):
        if len(axis) < 2 or not all(_year(line) for line in axis):
            continue
        values = [_bar_value(texts, label) for label in axis]
        if any(v is None for v in values) or any(_count_under(texts, label) for label in axis):
            continue  # counts under the years: a table's header row, not a chart's axis
        charts.append((axis, values))
    return charts


def _horizontal_bars(texts: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """(year labels, bar values) of bars printed across: year labels one under another,
    aligned on their right or left edges, each alone at the left of its row with one count
    right of it, and nothing else on the row."""
    rows = [row for row in line_rows(texts) if len(row) == 2]
    pairs = [(label, value) for label, value in (sorted(row, key=lambda ln: ln.x0) for row in rows)
             if _year(label) and is_number(normalize_text(value.text)) and parse_quantity(value.text).unit]
    for edge in (lambda ln: ln.x1, lambda ln: ln.x0):
        for label, _ in pairs:
            column = [(l, v) for l, v in pairs if abs(edge(l) - edge(label)) <= label.size]
            if len(column) >= 2:
                return [([l for l, _ in column], [v for _, v in column])]
    return []


def _count_under(texts: list[Line], label: Line) -> bool:
    """A count printed right under a year label, in its column (a table's first row)."""
    reach = label.bottom + _CHART_AXIS_REACH * (label.bottom - label.top)
    return any(label.bottom <= ln.top <= reach and is_number(normalize_text(ln.text))
               and label.x0 - label.size <= (ln.x0 + ln.x1) / 2 <= label.x1 + label.size for ln in texts)


def _bar_value(texts: list[Line], label: Line) -> Line | None:
    """The count printed nearest above a year label and over it (the top of its bar)."""
    over = [ln for ln in texts if ln.bottom <= label.top and is_number(normalize_text(ln.text))
            and label.x0 - label.size <= (ln.x0 + ln.x1) / 2 <= label.x1 + label.size]
    return max(over, key=lambda ln: ln.bottom, default=None)


