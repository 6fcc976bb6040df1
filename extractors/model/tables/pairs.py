"""A row of label–value pairs printed without rulings: one record whose header labels stand
beside their values instead of above them (`指標 | Xの育成 | 現状値 2021年度 | — | 目標値 2026年度 | 50人`,
a form's last row once its cell fills and lines are gone). Read as the table it is: the
labels its header row, the values its one body row, so every reader of header-over-body
tables reads it (a `目標値 …` column over its count).

Evidence, not words: an even number of texts on one printed row, set apart by gutters; every
other text, from the first, a short label (a word, no count, no sentence, no `形式：…` field);
and a count or share among the texts between them (a row of data, not of headings)."""

from __future__ import annotations

from jinzai.extractors.layout import Line, Page
from jinzai.extractors.model.tables.grid import Cell, Table, line_rows
from jinzai.extractors.model.tables.settings import TableSettings
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_text, split_list

# What a value must count for the row to be data: people or a share.
_COUNTED_UNITS = frozenset({"人", "%"})


def pair_row_tables(page: Page, lines: list[Line], settings: TableSettings) -> list[Table]:
    """The rows of label–value pairs among `lines` (lines of no other table), each as a
    two-row table: the labels over their values."""
    tables = []
    for row in line_rows(lines):
        texts = sorted(row, key=lambda ln: ln.x0)
        if len(texts) < 2 * settings.min_pairs or len(texts) % 2 or not _spaced(texts, settings):
            continue
        labels, values = texts[0::2], texts[1::2]
        if all(_is_label(ln, settings) for ln in labels) and any(_counts(ln) for ln in values):
            tables.append(_pair_table(page, labels, values))
    return tables


def _spaced(texts: list[Line], settings: TableSettings) -> bool:
    """Neighbouring texts a gutter apart (`pair_gap` ems): cells, not words of one line."""
    return all(b.x0 - a.x1 >= settings.pair_gap * max(a.size, b.size) for a, b in zip(texts, texts[1:]))


def _is_label(line: Line, settings: TableSettings) -> bool:
    text = normalize_text(line.text)
    return (2 <= len(text.replace(" ", "")) <= settings.max_unhinted_label and "。" not in text
            and not any(mark in text for mark in ":：") and parse_quantity(text) is None
            and not split_list(line.text)[1])


def _counts(line: Line) -> bool:
    quantity = parse_quantity(normalize_text(line.text))
    return quantity is not None and quantity.value is not None and quantity.unit in _COUNTED_UNITS


def _pair_table(page: Page, labels: list[Line], values: list[Line]) -> Table:
    """Each label's cell over its value's; a column spans both texts of its pair."""
    header = [Cell((ln.text.strip(),), ln.bbox, page.number) for ln in labels]
    body = [Cell((ln.text.strip(),), ln.bbox, page.number) for ln in values]
    every = [*labels, *values]
    bbox = (min(ln.x0 for ln in every), min(ln.top for ln in every),
            max(ln.x1 for ln in every), max(ln.bottom for ln in every))
    return Table(page=page.number, bbox=bbox, header=[header], rows=[body], ruled=False,
                 pages=[page.number], page_boxes={page.number: bbox})
