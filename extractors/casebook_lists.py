"""Casebook list tables (項番 | 団体名 | 事例 | … | ページ) and keyword indexes.

Tables are found by their header words (casebook_vocabulary.LIST_COLUMNS). Cell
geometry comes from pdfplumber, which also reports merged cells (a カテゴリ cell
spanning several rows is one cell; the rows below it get None there); the text in
each cell is taken from the PyMuPDF lines inside it. A table printed without
ruling lines is read from the lines alone: columns under their header words,
rows anchored at the numbers in the 項番 column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jinzai.extractors import casebook_vocabulary as vocab
from jinzai.extractors.casebook_slides import Body, parse_population, split_body, split_keywords
from jinzai.extractors.layout import Line, Page, PdfLayout
from jinzai.normalizers.text import normalize_text

BBox = tuple[float, float, float, float]
# A table row: column name → the lines in its cell, or None where a cell merged from
# the row above covers it.
Row = dict[str, list[Line] | None]


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


def _inside(line: Line, box: BBox) -> bool:
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _cell_lines(lines: Sequence[Line], box: BBox | None) -> list[Line] | None:
    return None if box is None else [line for line in lines if _inside(line, box)]


def _header_keys(cells: Sequence[list[Line] | None]) -> list[str | None]:
    """Column names of a header row; a header merged across columns (None) continues."""
    keys: list[str | None] = []
    for cell in cells:
        if cell is None:
            keys.append(keys[-1] if keys else None)
        else:
            keys.append(column_of("".join(line.text for line in cell)))
    return keys


def _merge_row(keys: Sequence[str | None], cells: Sequence[list[Line] | None]) -> Row:
    """Cells of one row under their column names (several cells may share a column)."""
    row: Row = {}
    for key, cell in zip(keys, cells):
        if key is None:
            continue
        if cell is None:
            row.setdefault(key, None)
        else:
            row[key] = (row.get(key) or []) + cell
    return row


def _ruled_tables(layout: PdfLayout, page: Page) -> list[list[Row]]:
    """Tables pdfplumber finds on the page, as rows keyed by column (header row first dropped)."""
    tables: list[list[Row]] = []
    for table in layout.plumber_page(page.number).find_tables():
        grid = [[_cell_lines(page.lines, cell) for cell in row.cells] for row in table.rows]
        for index, cells in enumerate(grid):
            keys = _header_keys(cells)
            if sum(k is not None for k in keys) >= 3:
                tables.append([_merge_row(keys, row) for row in grid[index + 1:]])
                break
    return tables


def _header_lines(page: Page) -> dict[str, Line]:
    """Header words printed on the page, first occurrence per column (stacked `項`/`番` joined)."""
    found: dict[str, Line] = {}
    lines = page.lines
    for index, line in enumerate(lines):
        text = line.text
        if index + 1 < len(lines) and len(text.strip()) == 1 and abs(lines[index + 1].x0 - line.x0) < 2:
            stacked = text + lines[index + 1].text
            if column_of(stacked):
                line = Line(stacked, (line.x0, line.top, lines[index + 1].x1, lines[index + 1].bottom),
                            line.size, line.page)
                text = stacked
        column = column_of(text)
        if column and column not in found:
            found[column] = line
    return found


def _unruled_table(page: Page, headers: dict[str, Line]) -> list[Row]:
    """Rows read from lines alone: each line under the header nearest its centre, each
    row anchored at a number in the 項番 column; `#` lines are keywords wherever they stand."""
    header_bottom = max(line.bottom for line in headers.values())
    centers = {column: (line.x0 + line.x1) / 2 for column, line in headers.items()}
    body = [line for line in page.lines if line.top > header_bottom]
    number_x = centers.get("number")
    anchors = [
        line for line in body
        if number_x is not None and line.x0 <= number_x <= line.x1 and re.fullmatch(r"\d{1,3}", line.text.strip())
    ]
    rows: list[Row] = [{"number": [anchor]} for anchor in anchors]
    if not rows:
        return []
    for line in body:
        if any(line is anchor for anchor in anchors):
            continue
        cy = (line.top + line.bottom) / 2
        nearest = min(range(len(anchors)), key=lambda i: abs((anchors[i].top + anchors[i].bottom) / 2 - cy))
        center = (line.x0 + line.x1) / 2
        column = "keywords" if vocab.KEYWORD_MARK.match(line.text.strip()) and "keywords" in centers \
            else min(centers, key=lambda c: abs(centers[c] - center))
        cell = rows[nearest].setdefault(column, [])
        assert cell is not None
        cell.append(line)
    return rows


def page_tables(layout: PdfLayout, page: Page) -> list[list[Row]]:
    """The list-like tables of a page (header words for body and page present)."""
    headers = _header_lines(page)
    if not {"body", "page"} <= headers.keys():
        return []
    tables = _ruled_tables(layout, page)
    if tables:
        return tables
    return [_unruled_table(page, headers)] if "number" in headers else []


def _text(cell: list[Line] | None) -> str:
    return normalize_text("\n".join(line.text for line in cell)) if cell else ""


def _number(cell: list[Line] | None) -> int | None:
    match = re.fullmatch(r"\d{1,4}", _text(cell).replace(" ", ""))
    return int(match.group()) if match else None


def _list_kind(page: Page, bodies: Sequence[Body]) -> str:
    """prefecture/municipality: from the list's heading words, else from what it lists."""
    heading = normalize_text("\n".join(line.text for line in page.lines[:3]))
    if any(word in heading for word in vocab.PREFECTURE_LIST_WORDS):
        return "prefecture"
    if any(word in heading for word in vocab.MUNICIPALITY_LIST_WORDS):
        return "municipality"
    return "prefecture" if bodies and all(b.is_prefecture for b in bodies) else "municipality"


def _row_body(cell: list[Line] | None) -> tuple[Body | None, int | None]:
    body = population = None
    for line in cell or []:
        body = body or split_body(line.text)
        found = parse_population(line.text)
        population = found if found is not None else population
    return body, population


def list_rows(page: Page, rows: Sequence[Row]) -> list[ListRow]:
    """The cases of one list table."""
    parsed: list[tuple[int, Body, int | None, str, str | None, tuple[str, ...], int | None]] = []
    category: str | None = None
    for row in rows:
        case_no = _number(row.get("number"))
        body, population = _row_body(row.get("body"))
        if "category" in row:
            cell = row["category"]
            category = category if cell is None else (_text(cell) or None)
        if case_no is None or body is None:
            continue
        keywords = tuple(split_keywords(_text(row.get("keywords"))))
        parsed.append((case_no, body, population, _text(row.get("title")),
                       category if "category" in row else None, keywords, _number(row.get("page"))))
    kind = _list_kind(page, [p[1] for p in parsed])
    return [ListRow(kind, no, body, pop, title, cat, kws, printed, page.number)
            for no, body, pop, title, cat, kws, printed in parsed]


def index_references(page: Page, rows: Sequence[Row]) -> list[PageReference]:
    """(body, printed page) pairs of a keyword index table."""
    references: list[PageReference] = []
    for row in rows:
        body, _ = _row_body(row.get("body"))
        printed = _number(row.get("page"))
        if body is not None and printed is not None:
            references.append(PageReference(body, printed, page.number, "keyword index"))
    return references


@dataclass
class CaseLists:
    """Everything the list pages of a casebook say."""

    rows: list[ListRow]
    references: list[PageReference]
    pages: list[int]  # PDF pages holding lists or indexes


def read_case_lists(layout: PdfLayout) -> CaseLists:
    """List tables (cases) and keyword indexes (page references) of the whole document."""
    lists = CaseLists([], [], [])
    for page in layout.pages:
        found = False
        for rows in page_tables(layout, page):
            columns = {key for row in rows for key in row}
            if set(vocab.LIST_REQUIRED) <= columns:
                cases = list_rows(page, rows)
                lists.rows.extend(cases)
                lists.references.extend(
                    PageReference(c.body, c.list_page, page.number, "list")
                    for c in cases if c.list_page is not None
                )
                found = found or bool(cases)
            elif set(vocab.INDEX_REQUIRED) <= columns:
                references = index_references(page, rows)
                lists.references.extend(references)
                found = found or bool(references)
        if found:
            lists.pages.append(page.number)
    return lists
