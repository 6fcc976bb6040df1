"""Goal cards (a slide's KPI boxes) → targets.

A card stacks a goal label, its count and its fiscal year (`目標` / `6人` / `2029年度`),
often beside a card of the baseline (`現状` / `2人` / `2024年度`) and an arrow; the
indicator is printed at the left of the row (`セキュリティエキスパートの人数`). Read from the
page's texts by position, whatever block holds them (a baseline card and a goal card side
by side may read as a small table of their labels over their counts): the count and year
right under the label, the indicator the words left of them on the card's band (no count,
year or baseline label among them).
"""

from __future__ import annotations

from jinzai.extractors.layout import Line
from jinzai.extractors.model import PageBlocks
from jinzai.extractors.policy.plan_vocabulary import BASELINE_WORDS, DEFAULT_METRIC, GOAL_COLUMN_WORDS, METRIC_UNITS
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.sentences import fiscal_year, named_metric
from jinzai.extractors.policy.targets.year_tables import TABLE_EXTRACTOR, is_number
from jinzai.models import Target
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_text

# A card's count and year stand within this many of its label's line heights under it.
_CARD_REACH = 4
# A card's label is a goal word alone, or with a suffix (`目標値`).
_MAX_LABEL = 3


def card_targets(page: PageBlocks, doc_id: str, roles: RoleMatcher) -> tuple[list[Target], set[int]]:
    """Targets of the page's goal cards, and the ids of the lines they print."""
    texts = [line for block in page.blocks for line in block.lines]  # two cards side by side may read as a table
    targets: list[Target] = []
    printed: set[int] = set()
    for label in texts:
        if not _is_goal_label(label):
            continue
        under = _stacked_under(label, texts)
        value = next((ln for ln in under if _is_count(ln)), None)
        year_line = next((ln for ln in under if value is not None and ln.top >= value.bottom - 1
                          and fiscal_year(ln.text) is not None and not _is_count(ln)), None)
        if value is None or year_line is None:
            continue
        indicator = _indicator(label, year_line, texts)
        quantity = parse_quantity(normalize_text(value.text))
        assert quantity is not None  # checked by _is_count
        metric = named_metric(indicator, quantity.unit) or DEFAULT_METRIC[quantity.unit or "人"]
        targets.append(Target(
            doc_id=doc_id, page=page.number, bbox=list(value.bbox), extractor=TABLE_EXTRACTOR,
            role=roles.mentioned(indicator), metric=metric, value=quantity.value,
            unit=quantity.unit or METRIC_UNITS.get(metric), fiscal_year=fiscal_year(year_line.text),
            text_raw=" ".join(normalize_text(ln.text) for ln in (label, value, year_line)) + f" ({indicator})",
            placeholder=quantity.placeholder, qualifier=quantity.qualifier))
        printed |= {id(label), id(value), id(year_line)}
    return targets, printed


def _is_goal_label(line: Line) -> bool:
    text = normalize_text(line.text)
    return len(text) <= _MAX_LABEL and any(text.startswith(word) for word in GOAL_COLUMN_WORDS)


def _is_count(line: Line) -> bool:
    text = normalize_text(line.text)
    return is_number(text) and parse_quantity(text).unit is not None


def _stacked_under(label: Line, texts: list[Line]) -> list[Line]:
    """The lines right under a label and centred under it, top down."""
    centre = (label.x0 + label.x1) / 2
    reach = label.bottom + _CARD_REACH * (label.bottom - label.top)
    return sorted((ln for ln in texts if label.bottom - 1 <= ln.top <= reach and ln.x0 - label.size <= centre
                   <= ln.x1 + label.size), key=lambda ln: ln.top)


def _indicator(label: Line, bottom: Line, texts: list[Line]) -> str:
    """The words printed left of a card on its band: no count, year or card label."""
    top, low = label.top, bottom.bottom
    words = [ln for ln in texts if ln.x1 < label.x0 and top - label.size <= (ln.top + ln.bottom) / 2 <= low + label.size
             and not _is_count(ln) and fiscal_year(ln.text) is None
             and not any(normalize_text(ln.text).startswith(w) for w in (*BASELINE_WORDS, *GOAL_COLUMN_WORDS))]
    return normalize_text("".join(ln.text.strip() for ln in sorted(words, key=lambda ln: (ln.top, ln.x0))))
