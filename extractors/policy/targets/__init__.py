"""Numeric goals → `targets`, from goal tables, bar charts and goal sentences.

- `sentences`: the numbers of a goal sentence, each with its metric, year and role
  (pure, reusable: a casebook's goal sentences, a count table's cells);
- `year_tables`: the document model's tables of fiscal years (years across or down,
  indicator tables with a goal column), their printed totals checked;
- `charts`: a bar chart of yearly goals (values above bars, years below, or bars across);
- `cards`: a slide's goal cards (`目標` / `6人` / `2029年度`, the indicator left of the row);
- `prose`: the goal passages of the document model (sections whose heading speaks of
  goals, sentences that state one) read with `sentences`.

Tables recognised by their counts come from `count_tables` (given by the caller).
"""

from __future__ import annotations

from collections.abc import Callable

from jinzai.extractors.model import Document
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.cards import card_targets
from jinzai.extractors.policy.targets.charts import chart_targets
from jinzai.extractors.policy.targets.prose import goal_key, prose_targets
from jinzai.extractors.policy.targets.sentences import fiscal_year, goals_in_sentence, named_metric
from jinzai.extractors.policy.targets.year_tables import check_sums, targets_of_year_table, year_tables
from jinzai.models import ExtractionWarning, Role, Target

# The sentence readers other policy readers use (`count_tables`) are this package's API too.
__all__ = ["CountTables", "extract_targets", "fiscal_year", "goals_in_sentence", "named_metric"]

CountTables = Callable[[str, RoleMatcher], list[Target]]


def extract_targets(
    document: Document, doc_id: str, roles: list[Role], count_tables: CountTables | None = None,
) -> tuple[list[Target], list[ExtractionWarning]]:
    """Targets from year tables, bar charts, goal cards, tables recognised by their counts (`count_tables`)
    and goal sentences, with sum-check warnings. Goal sentences are read from the model's text
    blocks, which hold no table's lines."""
    matcher = RoleMatcher(roles)
    targets = count_tables(doc_id, matcher) if count_tables is not None else []
    warnings: list[ExtractionWarning] = []
    chart_lines: set[int] = set()
    cards = [card_targets(page_blocks, doc_id, matcher) for page_blocks in document.pages]
    for page_blocks, (_, card_lines) in zip(document.pages, cards):  # a goal card's count and year are no bar
        found, printed = chart_targets(page_blocks, doc_id, matcher, read=card_lines)
        targets += found
        chart_lines.update(printed)
    known = {goal_key(t) for t in targets}
    for table in year_tables(document, roles):  # a KPI table a count table was read as already adds nothing
        targets += [t for t in targets_of_year_table(table, doc_id, matcher, warnings) if goal_key(t) not in known]
        warnings += check_sums(table, doc_id)
    known = {goal_key(t) for t in targets}
    for found, printed in cards:  # goal cards, in the text or read as a small table; added after the tables
        targets += [t for t in found if goal_key(t) not in known]
        chart_lines.update(printed)
    targets += prose_targets(document, doc_id, matcher, chart_lines, known=targets)
    return targets, warnings
