"""Year tables → targets: goal tables of fiscal years, read from the document model's tables,
with their printed totals checked.

* years across: a header of fiscal years (`R7`, `令和7年度`, `2025年度`) over rows labelled
  by role, each year cell one target for the row's role and year; or the same printed one
  row per year (a first column of years) under a header of roles;
* indicator tables: a `目標値(R10)` column beside a `現状値` baseline (no target); a goal
  column headed by no year takes its row's year from a column of years (`時期 | 令和8年度`).

A 計 column or 合計 row is a derived total, never a target, but the sums are checked
against it (`sum_mismatch` warnings; the cells are kept as printed). The metric is the
one a row label names (`…受講率`), else the table's caption (`【育成目標数】` → 育成人数),
the nearest line above the table that names one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from jinzai.extractors.model import Document, TableBlock
from jinzai.extractors.model.tables import Cell, Table, spans_whole_row
from jinzai.extractors.model.tables.grid import distinct
from jinzai.extractors.policy.plan_vocabulary import (
    BASELINE_WORDS,
    DEFAULT_METRIC,
    GOAL_COLUMN_WORDS,
    METRIC_UNITS,
    PROFILE_WORDS,
    TOTAL_LABELS,
)
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.roles import role_of_table
from jinzai.extractors.policy.targets.sentences import fiscal_year, named_metric
from jinzai.models import ExtractionWarning, Role, Target
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_name, normalize_text

TABLE_EXTRACTOR = "table:targets"

_MAX_NUMBER_CELL = 8
# How many line heights above a year table its caption may stand.
_CAPTION_REACH = 8
_MAX_YEAR_HEADER = 16  # "2026年度(令和8年度)"
_GREGORIAN_YEAR_HEADER = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_MENTION = re.compile(r"(?:令和|R|平成|H)\s*[0-9元]{1,2}\s*(?:年度|年)?|(?:19|20)[0-9]{2}\s*年度?")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_RANGE_MARKS = "～~〜-－ー・からの"
_BLANK_CELLS = frozenset({"-", "ー", "―", "—", "–", "/", "…", "*"})


def _is_total(text: str) -> bool:
    """A total's label: `合計`, with a unit or period noted (`合計(人)`, `累計(R8～R10)`) or
    its period before it (`R8～R10累計`)."""
    label = _TRAILING_NOTE.sub("", normalize_text(text).replace(" ", ""))
    if label in TOTAL_LABELS:
        return True
    for total in (t for t in TOTAL_LABELS if label.endswith(t)):
        before = label[: -len(total)]
        period = _YEAR_MENTION.sub("", before)
        if period != before and not period.strip(_RANGE_MARKS):
            return True
    return False


def _year_of_header(text: str) -> int | None:
    """The fiscal year a header cell is ("R7", "令和7年度", "2025年度"), not a sentence.
    A plan's year column headed "2025年" is its fiscal year too."""
    text = normalize_text(text)
    if len(text) > _MAX_YEAR_HEADER:
        return None
    gregorian = _GREGORIAN_YEAR_HEADER.fullmatch(text)
    return int(gregorian[1]) if gregorian else fiscal_year(text)


def is_number(text: str) -> bool:
    """A cell holding a number alone ("3", "10人", "約5名", "○名"), not a sentence with one."""
    if len(normalize_text(text)) > _MAX_NUMBER_CELL:
        return False
    quantity = parse_quantity(text)
    return quantity is not None and (quantity.value is not None or quantity.placeholder is not None)


def _is_blank(text: str) -> bool:
    """A cell printed empty or as a dash: no number for that year."""
    return not text or text in _BLANK_CELLS


@dataclass(frozen=True, slots=True)
class YearColumn:
    """A column of a goal table: a year's or the goal's cells (targets), a baseline
    (現状値: no target) or a printed total (計: checked, no target)."""

    header: str  # the header label, normalized
    year: int | None  # the fiscal year it names
    kind: str = "target"  # "target", "baseline" or "total"


def header_column(text: str) -> YearColumn | None:
    """What a header label makes its column: a total (計), a baseline (現状値(R5)),
    a year (R7, 令和7年度) or the goal (目標値(R10), 目標), else None."""
    label = normalize_text(text).replace(" ", "")
    if not label or len(label) > _MAX_YEAR_HEADER:
        return None
    year = _year_of_header(label)
    if _is_total(label):
        return YearColumn(header=label, year=None, kind="total")
    if any(word in label for word in BASELINE_WORDS):
        return YearColumn(header=label, year=year, kind="baseline")
    if year is not None or any(word in label for word in GOAL_COLUMN_WORDS):
        return YearColumn(header=label, year=year)
    return None


def _is_year_header(columns: Sequence[YearColumn | None]) -> bool:
    """A goal table's header: two years or more, or a goal column."""
    targets = [c for c in columns if c is not None and c.kind == "target"]
    return sum(1 for c in targets if c.year) >= 2 or any(w in c.header for c in targets for w in GOAL_COLUMN_WORDS)


@dataclass(slots=True)
class YearRow:
    label: str
    cells: dict[int, Cell]  # column index → the cell holding its number
    printed: str  # the printed row, the text its targets cite
    year: int | None = None  # the year a column of years gives the row (`目標 | 時期`: 令和8年度)


@dataclass(slots=True)
class YearTable:
    """A year table as rows of a label (a role) and one cell per year column.

    A table printed the other way round (one row per year) is stored transposed;
    `year_rows` then keeps each year's printed row, the text its targets cite.
    """

    page: int
    caption: str
    columns: list[YearColumn]
    rows: list[YearRow]
    year_rows: dict[int, str] = field(default_factory=dict)  # column → printed year row (transposed)
    role: str | None = None  # the role of the table's section, for rows whose label names none

    def text_raw(self, row: YearRow, column: int) -> str:
        """The printed row a cell belongs to: the label's row, or the year's row."""
        return self.year_rows.get(column, row.printed)


def _cell_text(cell: Cell) -> str:
    """A cell's printed text on one line; a number whose unit wrapped (`100` over `人`) joined back."""
    joined = "".join(line.strip() for line in cell.lines)
    return joined if is_number(joined) else " ".join(line.strip() for line in cell.lines)


def _printed(row: list[Cell]) -> str:
    """The texts printed on a row's line: its own cells, and a cell spanning several rows
    (a group label) only where it is centred."""
    shared = [cell for cell in distinct(row) if cell.bbox[3] - cell.bbox[1] > _row_height(row) + 1]
    own = [cell for cell in distinct(row) if cell not in shared] or shared
    top, bottom = min(c.bbox[1] for c in own), max(c.bbox[3] for c in own)
    printed = [cell for cell in distinct(row) if cell in own or top <= (cell.bbox[1] + cell.bbox[3]) / 2 <= bottom]
    return " ".join(text for cell in printed if (text := _cell_text(cell)))


def _row_height(row: list[Cell]) -> float:
    """The height of a row: its lowest cell's (cells spanning several rows are taller)."""
    return min(cell.bbox[3] - cell.bbox[1] for cell in row)


def _column_of(table: Table, col: int) -> YearColumn | None:
    """What a column's header labels make it, named by their first printed line (`令和10年度`
    over `(2028)`)."""
    column = header_column("".join(table.header_path(col)))
    first = next((line for row in table.header for line in row[col].lines if line.strip()), None)
    return replace(column, header=normalize_text(first).replace(" ", "")) if column and first else column


def read_year_table(table: Table, caption: str) -> YearTable | None:
    """The year table a model table is, years across or down; None if it is none."""
    columns = [_column_of(table, col) for col in range(table.n_cols)]
    if _is_year_header(columns) and not _years_label_the_rows(table, columns):
        return _years_across(table, columns, caption)
    return _years_down(table, caption)


def _years_label_the_rows(table: Table, columns: Sequence[YearColumn | None]) -> bool:
    """A header naming no year over rows labelled by years (`年度 | 目標数` over `R7 | 5名`):
    the goal column holds one goal per year, the table is printed one row per year."""
    if any(column is not None and column.year for column in columns):
        return False
    years = [row for row in table.rows if (label := header_column(row[0].normalized)) and label.year]
    return len(years) >= 2


def _row_label(cells: list[Cell]) -> str:
    """A row's label from its label cells; a cell that is a total (`合計`) makes the row a total
    whatever group label an unruled print spreads beside it (`DX基礎研修受講率 | 合計`)."""
    total = next((cell for cell in cells if _is_total(_cell_text(cell))), None)
    return normalize_name("\n".join(line for cell in ([total] if total else cells) for line in cell.lines))


def _years_across(table: Table, columns: list[YearColumn | None], caption: str) -> YearTable | None:
    """Rows labelled by the columns left of the first year column, a number per year column."""
    first = next(i for i, c in enumerate(columns) if c is not None)
    if first == 0:
        return None  # no label column: nothing says whose goals the numbers are
    kept = [i for i, c in enumerate(columns) if c is not None]
    years = _row_year_column(table, kept)
    result = YearTable(page=table.page, caption=caption, columns=[columns[i] for i in kept], rows=[])
    for row in table.rows:
        if spans_whole_row(row):
            continue
        texts = {n: normalize_text(_cell_text(row[i])) for n, i in enumerate(kept)}
        if not all(is_number(text) or _is_blank(text) for text in texts.values()):
            continue  # a row of words under the years: a note or a sub-header, no goals
        cells = {n: row[kept[n]] for n, text in texts.items() if is_number(text)}
        label = _row_label(distinct(row[:first]))
        if cells and label:
            year = fiscal_year(row[years].normalized) if years is not None else None
            result.rows.append(YearRow(label=label, cells=cells, printed=_printed(row), year=year))
    return result if result.rows else None


def _row_year_column(table: Table, kept: Sequence[int]) -> int | None:
    """A column right of the labels, headed by no year, whose every filled cell is a fiscal
    year (`時期 | 令和8年度`): the year of its row's goal."""
    for col in range(table.n_cols):
        filled = [row[col].normalized for row in table.rows if not row[col].empty]
        if col not in kept and col > 0 and filled and all(_year_of_header(text) for text in filled):
            return col
    return None


def _years_down(table: Table, caption: str) -> YearTable | None:
    """One row per year (`R7 | 3 | 10`) under a header of labels (`年度 | DX推進リーダー | DX推進員`)."""
    years = [row for row in table.rows if header_column(row[0].normalized) is not None]
    if sum(1 for row in years if not _is_total(row[0].normalized)) < 2 or not table.header or table.n_cols < 2:
        return None
    if any(not (is_number(text) or _is_blank(text)) for row in years
           for text in (normalize_text(_cell_text(cell)) for cell in row[1:])):
        return None
    result = YearTable(page=table.page, caption=caption, columns=[], rows=[
        YearRow(label=normalize_name("".join(table.header_path(col))), cells={}, printed="")
        for col in range(1, table.n_cols)])
    for n, row in enumerate(years):
        result.columns.append(header_column(row[0].normalized))
        result.year_rows[n] = _printed(row)
        for col in range(1, table.n_cols):
            if is_number(normalize_text(_cell_text(row[col]))):
                result.rows[col - 1].cells[n] = row[col]
    result.rows = [row for row in result.rows if row.cells]
    return result if result.rows else None


def _caption(document: Document, block: TableBlock) -> str:
    """The title of a table: the nearest line above it on its page that names a metric
    (`【育成目標数】`, a heading `2 DX推進リーダーの育成人数`), within a few lines."""
    top = block.bbox[1]
    above = [ln for other in document.page_blocks(block.page) if other is not block for ln in other.lines
             if 0 <= top + 1 - ln.bottom <= _CAPTION_REACH * (ln.bottom - ln.top) + 1]
    for line in sorted(above, key=lambda ln: ln.top, reverse=True):
        if named_metric(normalize_text(line.text), None):
            return normalize_text(line.text)
    return ""


def year_tables(document: Document, roles: Sequence[Role] = ()) -> list[YearTable]:
    """The year tables among the document's tables, each with the role of its section (the
    heading it is printed under, the sentence introducing it) among the document's `roles`:
    `年次 | 人数` under `(1) DXリーダー` counts DXリーダー."""
    found = []
    for block in document.blocks_of(TableBlock):
        table = read_year_table(block.table, _caption(document, block))
        if table is not None:
            found.append(replace(table, role=role_of_table(document, block.table, roles)) if roles else table)
    return found


def _value(cell: Cell) -> tuple[float | None, str | None]:
    quantity = parse_quantity(_cell_text(cell))
    return (quantity.value, quantity.unit) if quantity else (None, None)


def check_sums(table: YearTable, doc_id: str) -> list[ExtractionWarning]:
    """Printed totals (計 column, 合計 row) against the cells they add up."""
    warnings = []
    year_columns = [i for i, c in enumerate(table.columns) if c.kind == "target"]
    total_columns = [i for i, c in enumerate(table.columns) if c.kind == "total"]

    def compare(printed: Cell, parts: list[float | None], what: str) -> None:
        total = _value(printed)[0]
        if total is None or any(p is None for p in parts):
            return
        if abs(sum(p for p in parts if p is not None) - total) > 1e-9:
            warnings.append(ExtractionWarning(
                doc_id=doc_id, page=table.page, kind="sum_mismatch",
                message=f"{what}: printed total {total:g}, cells add up to {sum(parts):g}",
            ))

    for row in table.rows:
        for t in total_columns:
            if t in row.cells:
                parts = [_value(row.cells[c])[0] for c in year_columns if c in row.cells]
                compare(row.cells[t], parts, f"row {row.label!r}")
    for total_row, body in _total_rows_with_their_rows(table.rows):
        for c, cell in total_row.cells.items():
            unit = _value(cell)[1]
            # a row of another unit (a rate under a 合計 of people) is not one of the total's parts
            parts = [_value(r.cells[c])[0] for r in body if c in r.cells and _value(r.cells[c])[1] == unit]
            compare(cell, parts, f"column {table.columns[c].header!r}")
    return warnings


def _total_rows_with_their_rows(rows: Sequence[YearRow]) -> list[tuple[YearRow, list[YearRow]]]:
    """Each total row with the rows it adds up: those above it, back to the previous total."""
    totals, since_last = [], []
    for row in rows:
        if _is_total(row.label):
            totals.append((row, since_last))
            since_last = []
        else:
            since_last.append(row)
    return totals


def targets_of_year_table(
    table: YearTable, doc_id: str, roles: RoleMatcher, warnings: list[ExtractionWarning],
) -> list[Target]:
    """One target per year or goal cell of every row but totals and figures of the body
    (`職員数（見込）`), for the role the row's label names, else the table's section's. The
    metric is the one the row's label names (`…受講率`), else the table's caption, else a default."""
    targets = []
    for row in table.rows:
        label = row.label
        named = roles.resolve(label)
        if _is_total(label) or named is None and any(word in label for word in PROFILE_WORDS):
            continue  # a total, or a figure of the body (職員数（見込）) printed beside the goals
        role = named or table.role
        if role is None and named_metric(label, None) is None:
            warnings.append(ExtractionWarning(
                doc_id=doc_id, page=table.page, kind="unknown_role",
                message=f"year table row {label!r} names neither a role of the document nor a metric"))
        for c, cell in sorted(row.cells.items()):
            column = table.columns[c]
            quantity = parse_quantity(_cell_text(cell))
            if column.kind != "target" or quantity is None:
                continue
            metric = named_metric(label, quantity.unit) or named_metric(table.caption, quantity.unit) \
                or DEFAULT_METRIC[quantity.unit or "人"]
            targets.append(Target(
                doc_id=doc_id, page=cell.page, bbox=list(cell.bbox), extractor=TABLE_EXTRACTOR,
                role=role, metric=metric, value=quantity.value,
                unit=quantity.unit or METRIC_UNITS.get(metric), fiscal_year=column.year or row.year,
                text_raw=table.text_raw(row, c), placeholder=quantity.placeholder, qualifier=quantity.qualifier,
            ))
    return targets
