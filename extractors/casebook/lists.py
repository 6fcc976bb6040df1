"""Casebook list tables (項番 | 団体名 | 事例 | … | ページ) and keyword indexes.

The tables are the document model's (`jinzai.extractors.model`: ruled grids with merged
cells resolved, so a カテゴリ cell spanning several rows is repeated in each; unruled
tables found by their alignment), taken when a row names a list's columns
(`vocabulary.LIST_COLUMNS`): the header row, located here by its words. A list's kind of
body comes from the headings the model puts above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from jinzai.extractors.casebook import vocabulary as vocab
from jinzai.extractors.casebook.slides import (
    Body,
    body_with_population,
    parse_population,
    population_cell,
    split_body,
    split_keywords,
)
from jinzai.extractors.model import TableBlock
from jinzai.extractors.model.tables import Cell, Table
from jinzai.normalizers.text import normalize_text

# A table row: column name → the printed lines of its cell(s).
Row = dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class ListRow:
    """One case as a casebook's list prints it."""

    kind: str  # municipality | prefecture
    case_no: int
    body: Body
    population: int | None
    title: str
    category: str | None
    keywords: tuple[str, ...]
    list_page: int | None  # printed page number in the list's ページ column
    page: int  # PDF page of the list


@dataclass(frozen=True, slots=True)
class PageReference:
    """A printed page number that a list or index gives for a body's case."""

    body: Body
    printed_page: int
    page: int  # PDF page of the list or index
    where: str  # "list" | "keyword index"


def column_of(header: str) -> str | None:
    """The column a header cell names: `項\\n番` → number, `頻出キーワード` → keywords."""
    compact = re.sub(r"\s", "", normalize_text(header))
    for column, words in vocab.LIST_COLUMNS.items():
        if compact in words:
            return column
    if compact.endswith(vocab.LIST_COLUMNS["keywords"]):
        return "keywords"
    return None


def _header_keys(row: Sequence[Cell]) -> list[str | None]:
    return [column_of(cell.text) for cell in row]


def _keyed_rows(table: Table) -> list[Row]:
    """The table's rows below its header row, cells keyed by column name.

    The header row is found here, as the first row naming at least three columns,
    rather than taken from the table reader, so a first body row read as a second
    header row is not lost. Cells of one column (キーワード over two columns) are joined.
    """
    grid = [*table.header, *table.rows]
    for index, cells in enumerate(grid):
        keys = _header_keys(cells)
        if sum(k is not None for k in keys) < 3:
            continue
        rows: list[Row] = []
        for body_row in grid[index + 1:]:
            row: Row = {}
            for key, cell in zip(keys, body_row):
                if key is not None:
                    row.setdefault(key, []).extend(cell.lines)
            rows.append(row)
        return rows
    return []


def prints_case_list(tables: Sequence[Table]) -> bool:
    """Whether one of the tables (the document model's) is a list of cases: its header row
    names number, body, title and page columns."""
    return any(set(vocab.LIST_REQUIRED) <= {key for row in _keyed_rows(table) for key in row} for table in tables)


def case_list_tables(blocks: Sequence[TableBlock]) -> list[tuple[TableBlock, list[Row]]]:
    """The table blocks (the document model's) whose header row names list columns, with
    their rows keyed by column."""
    return [(block, rows) for block in blocks if (rows := _keyed_rows(block.table))]


def _text(cell: list[str] | None) -> str:
    return normalize_text("\n".join(cell)) if cell else ""


def _number(cell: list[str] | None) -> int | None:
    """A case number cell: `12`, `No.12`."""
    match = vocab.CASE_NUMBER.match(_text(cell)) or re.fullmatch(r"(?P<no>\d{1,4})", _text(cell).replace(" ", ""))
    return int(match.group("no")) if match else None


def _page_number(cell: list[str] | None) -> int | None:
    """A page cell: `45`, `P.45`, or the first page of a range `45～48`."""
    match = vocab.LIST_PAGE.match(_text(cell))
    return int(match.group("no")) if match else None


def _list_kind(headings: Sequence[str], bodies: Sequence[Body]) -> str | None:
    """prefecture/municipality: from the nearest heading above the list (or its caption)
    that names a kind of body, where it names one kind, else from what it lists; None for
    a list of both kinds (each row is its body's kind)."""
    for heading in reversed(headings):
        prefectural = any(word in heading for word in vocab.PREFECTURE_LIST_WORDS)
        municipal = any(word in heading for word in vocab.MUNICIPALITY_LIST_WORDS)
        if prefectural != municipal:
            return "prefecture" if prefectural else "municipality"
        if prefectural:
            break  # a heading over both kinds
    if bodies and all(b.is_prefecture for b in bodies):
        return "prefecture"
    return None if any(b.is_prefecture for b in bodies) else "municipality"


def _body_kind(body: Body) -> str:
    return "prefecture" if body.is_prefecture else "municipality"


def _row_body(cell: list[str] | None, home: str | None) -> tuple[Body | None, int | None]:
    lines = cell or []
    body = _wrapped_body(lines, home)
    population = None
    for line in lines:
        combined = body_with_population(line, home)  # `茨城県五霞町（人口：約8,000人）`
        body = body or split_body(line, home) or (combined[0] if combined else None)
        found = parse_population(line) if combined is None else combined[1]
        population = found if found is not None else population
    return body, population


def _wrapped_body(lines: Sequence[str], home: str | None) -> Body | None:
    """A body a narrow cell wraps over two lines (`静岡県` / `裾野市`): read alone, its first
    line would be the prefecture."""
    for upper, lower in pairwise(lines):
        body = split_body(upper + lower, home)
        if body and not body.is_prefecture:
            return body
    return None


def list_rows(page: int, headings: Sequence[str], rows: Sequence[Row], home: str | None = None) -> list[ListRow]:
    """The cases of one list table printed on `page` under `headings` (outermost first);
    `home`: the prefecture that issues the casebook."""
    parsed: list[tuple[int, Body, int | None, str, str | None, tuple[str, ...], int | None]] = []
    for row in rows:
        case_no = _number(row.get("number"))
        body, population = _row_body(row.get("body"), home)
        if case_no is None or body is None:
            continue
        if population is None and row.get("population"):
            population = population_cell(_text(row.get("population")))
        keywords = tuple(split_keywords(" ".join(row.get("keywords", []))))
        parsed.append((case_no, body, population, _text(row.get("title")),
                       _text(row.get("category")) or None, keywords, _page_number(row.get("page"))))
    kind = _list_kind(headings, [p[1] for p in parsed])
    return [ListRow(kind or _body_kind(body), no, body, pop, title, cat, kws, printed, page)
            for no, body, pop, title, cat, kws, printed in parsed]


def index_references(page: int, rows: Sequence[Row], home: str | None = None) -> list[PageReference]:
    """(body, printed page) pairs of a keyword index table."""
    references: list[PageReference] = []
    for row in rows:
        body, _ = _row_body(row.get("body"), home)
        printed = _page_number(row.get("page"))
        if body is not None and printed is not None:
            references.append(PageReference(body, printed, page, "keyword index"))
    return references


@dataclass
class CaseLists:
    """Everything the list pages of a casebook say."""

    rows: list[ListRow]
    references: list[PageReference]
    pages: list[int]  # PDF pages holding lists or indexes


def read_case_lists(blocks: Sequence[TableBlock], home: str | None = None) -> CaseLists:
    """List tables (cases) and keyword indexes (page references) among the document's
    table blocks; `home`: the prefecture that issues the casebook."""
    lists = CaseLists([], [], [])
    for block, rows in case_list_tables(blocks):
        columns = {key for row in rows for key in row}
        if set(vocab.LIST_REQUIRED) <= columns:
            headings = [*block.section_path, *([block.caption] if block.caption else [])]
            cases = list_rows(block.page, headings, rows, home)
            lists.rows.extend(cases)
            lists.references.extend(
                PageReference(c.body, c.list_page, block.page, "list") for c in cases if c.list_page is not None
            )
            found = bool(cases)
        elif set(vocab.INDEX_REQUIRED) <= columns:
            references = index_references(block.page, rows, home)
            lists.references.extend(references)
            found = bool(references)
        else:
            found = False
        if found and block.page not in lists.pages:
            lists.pages.append(block.page)
    return lists
