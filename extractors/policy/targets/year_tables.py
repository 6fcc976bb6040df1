"""Year tables → targets: goal tables of fiscal years, with their printed totals checked.

* years across: a header row of fiscal years (`R7`, `令和7年度`, `2025年度`) over rows
  labelled by role, each year cell one target for the row's role and year; or the same
  printed one row per year under a header row of roles;
* indicator tables: a `目標値(R10)` column beside a `現状値` baseline (no target).

A 計 column or 合計 row is a derived total, never a target, but the sums are checked
against it (`sum_mismatch` warnings; the cells are kept as printed). The metric is the
one a row label names (`…受講率`), else the table's caption (`【育成目標数】` → 育成人数).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jinzai.extractors.layout import Line, Page
from jinzai.extractors.policy.plan_vocabulary import (
    BASELINE_WORDS,
    DEFAULT_METRIC,
    GOAL_COLUMN_WORDS,
    METRIC_UNITS,
    TOTAL_LABELS,
)
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.sentences import fiscal_year, named_metric
from jinzai.models import ExtractionWarning, Target
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_name, normalize_text

TABLE_EXTRACTOR = "table:targets"

_MAX_NUMBER_CELL = 8
# How many header heights above a year table its caption may stand.
_CAPTION_REACH = 8
_MAX_YEAR_HEADER = 16  # "2026年度(令和8年度)"
_GREGORIAN_YEAR_HEADER = re.compile(r"((?:19|20)\d{2})\s*年")
# A fiscal year as a header prints it; a line holding a whole joined row is short.
_YEAR_MENTION = re.compile(r"(?:令和|R|平成|H)\s*[0-9元]{1,2}\s*(?:年度|年)?|(?:19|20)[0-9]{2}\s*年度?")
_MAX_JOINED_ROW = 60
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_RANGE_MARKS = "～~〜-－ー・からの"
_PARENTHESIZED = re.compile(r"\([^()]{1,10}\)")
_UNIT_WORDS = frozenset({"人", "名", "%"})
_BLANK_CELLS = frozenset({"-", "ー", "―", "—", "–", "/", "…", "*"})


def visual_rows(lines: Iterable[Line]) -> list[list[Line]]:
    """Horizontal lines grouped into rows sharing a baseline band, top to bottom."""
    rows: list[list[Line]] = []
    for line in sorted((l for l in lines if not l.vertical), key=lambda l: (l.top + l.bottom) / 2):
        centre = (line.top + line.bottom) / 2
        if rows:
            last = rows[-1]
            last_centre = sum((l.top + l.bottom) / 2 for l in last) / len(last)
            if abs(centre - last_centre) <= min(l.bottom - l.top for l in last) / 2:
                last.append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda l: l.x0) for row in rows]


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


@dataclass(slots=True)
class YearColumn:
    """A column of a goal table: a year's or the goal's cells (targets), a baseline
    (現状値: no target) or a printed total (計: checked, no target)."""

    x: float  # centre
    year: int | None  # the fiscal year its header names
    header: Line
    kind: str = "target"  # "target", "baseline" or "total"


@dataclass(slots=True)
class YearRow:
    label_lines: list[Line]
    cells: dict[int, Line]  # column index → the cell's line
    blanks: list[Line] = field(default_factory=list)  # cells printed as a dash: part of the printed row

    @property
    def label(self) -> str:
        """The row's label; a number beside it is a cell of a column that is no year
        (a baseline, `現状値 26人`), not part of the label."""
        return normalize_name("\n".join(l.text for l in self.label_lines if not is_number(l.text)))


@dataclass(slots=True)
class YearTable:
    """A year table as rows of a label (a role) and one cell per year column.

    A table printed the other way round (one row per year) is stored transposed;
    `year_lines` then keeps each year's printed row, the text its targets cite.
    """

    page: int
    caption: str
    columns: list[YearColumn]
    rows: list[YearRow]
    lines: list[Line] = field(default_factory=list)  # every line the table consists of
    year_lines: dict[int, str] = field(default_factory=dict)  # column → printed year row (transposed)

    def text_raw(self, row: YearRow, column: int) -> str:
        """The printed row a cell belongs to: the label's row, or the year's row."""
        if column in self.year_lines:
            return self.year_lines[column]
        printed = row.label_lines + list(row.cells.values()) + row.blanks
        return " ".join(l.text for l in sorted(printed, key=lambda l: l.x0))


def _nearest_header(line: Line, headers: Sequence[Line], reach: float) -> int | None:
    """The header a cell stands under: the one its box overlaps (a cell printed
    left-aligned in a wide column), else the nearest centre within `reach`."""
    overlapping = [i for i, h in enumerate(headers) if min(line.x1, h.x1) > max(line.x0, h.x0)]
    if len(overlapping) == 1:
        return overlapping[0]
    centre = (line.x0 + line.x1) / 2
    best = min(range(len(headers)), key=lambda i: abs((headers[i].x0 + headers[i].x1) / 2 - centre))
    return best if abs((headers[best].x0 + headers[best].x1) / 2 - centre) <= reach else None


def _column_of(line: Line, columns: Sequence[YearColumn], reach: float) -> int | None:
    return _nearest_header(line, [c.header for c in columns], reach)


def is_number(text: str) -> bool:
    """A cell holding a number alone ("3", "10人", "約5名", "○名"), not a sentence with one."""
    if len(normalize_text(text)) > _MAX_NUMBER_CELL:
        return False
    quantity = parse_quantity(text)
    return quantity is not None and (quantity.value is not None or quantity.placeholder is not None)


def _is_blank_cell(text: str) -> bool:
    """A cell printed as a dash: no number for that year."""
    return normalize_text(text) in _BLANK_CELLS


def split_number_runs(line: Line) -> list[Line]:
    """A line holding several numbers ("3 1 1 1 6", printed without rulings) → one
    line per number, placed by its share of the line's width."""
    tokens = list(re.finditer(r"\S+", line.text))
    if len(tokens) < 2 or not all(is_number(t.group()) or _is_blank_cell(t.group()) for t in tokens):
        return [line]
    width = (line.x1 - line.x0) / max(len(line.text), 1)
    return [
        Line(text=t.group(), bbox=(line.x0 + t.start() * width, line.top, line.x0 + t.end() * width, line.bottom),
             size=line.size, page=line.page)
        for t in tokens
    ]


def header_column(line: Line) -> YearColumn | None:
    """What a header cell makes its column: a total (計), a baseline (現状値(R5)),
    a year (R7, 令和7年度) or the goal (目標値(R10), 目標), else None."""
    text = normalize_text(line.text).replace(" ", "")
    if len(text) > _MAX_YEAR_HEADER:
        return None
    x = (line.x0 + line.x1) / 2
    year = _year_of_header(text)
    if _is_total(text):
        return YearColumn(x=x, year=None, header=line, kind="total")
    if any(word in text for word in BASELINE_WORDS):
        return YearColumn(x=x, year=year, header=line, kind="baseline")
    if year is not None or any(word in text for word in GOAL_COLUMN_WORDS):
        return YearColumn(x=x, year=year, header=line)
    return None


def _year_header(row: list[Line]) -> list[YearColumn] | None:
    """The columns of a goal table's header row: two years or more, or a goal column."""
    columns = [column for line in row if (column := header_column(line))]
    targets = [c for c in columns if c.kind == "target"]
    goal_named = any(w in normalize_text(c.header.text) for c in targets for w in GOAL_COLUMN_WORDS)
    return columns if sum(1 for c in targets if c.year) >= 2 or goal_named else None


def _caption(page: Page, header_top: float, header_height: float) -> str:
    """The title of a table: the nearest line above its header that names a metric
    (`【育成目標数】`, a heading `2 DX推進リーダーの育成人数`), within a few lines."""
    above = [l for l in page.lines if header_top - _CAPTION_REACH * header_height <= l.bottom <= header_top]
    for line in sorted(above, key=lambda l: l.top, reverse=True):
        if named_metric(normalize_text(line.text), None):
            return normalize_text(line.text)
    return ""


def _continues_header(row: list[Line], left_edge: float) -> bool:
    """A row under a year header that only adds to its cells (`令和8年度` over `(2026)`),
    beside, maybe, the label column's header centred lower (`区分`)."""
    notes = [l for l in row if l.x0 > left_edge]
    return bool(notes) and all(_PARENTHESIZED.fullmatch(normalize_text(l.text)) or _year_of_header(l.text) is not None
                               for l in notes) \
        and not any(is_number(l.text) for l in row if l.x0 <= left_edge)


def _units_wrapped(row: list[Line], last: YearRow, columns: Sequence[YearColumn], reach: float) -> bool:
    """Whether a row holds only units wrapped from the cells above (`100` over `人`, a
    narrow column): they are joined to those cells."""
    placed = [(line, _column_of(line, columns, reach)) for line in row]
    if not all(normalize_text(l.text) in _UNIT_WORDS and c in last.cells for l, c in placed):
        return False
    for line, column in placed:
        cell = last.cells[column]
        last.cells[column] = Line(text=cell.text + line.text, bbox=(min(cell.x0, line.x0), cell.top,
                                  max(cell.x1, line.x1), line.bottom), size=cell.size, page=cell.page)
    return True


def _centre(lines: Iterable[Line]) -> float:
    lines = list(lines)
    return sum((l.top + l.bottom) / 2 for l in lines) / len(lines)


def _nearer_above(row: list[Line], above: YearRow, following: list[Line] | None) -> bool:
    """Whether a row of label lines alone lies nearer the numbers above it than the row
    below (a label centred over two lines prints its second line under its numbers)."""
    gap_above = _centre(row) - _centre(above.cells.values())
    return following is None or gap_above < _centre(following) - _centre(row)


def read_year_table(page: Page, rows: list[list[Line]], index: int, columns: list[YearColumn]) -> YearTable:
    """The body under a year header: rows with numbers under the year columns."""
    spacing = min((b.x - a.x for a, b in zip(columns, columns[1:])), default=50.0)
    reach = spacing / 2
    left_edge = min(c.header.x0 for c in columns) - 2
    header = rows[index]
    table = YearTable(page=page.number, caption="", columns=columns, rows=[], lines=list(header))
    pending_labels: list[Line] = []
    for j in range(index + 1, len(rows)):
        row = rows[j]
        if not table.rows and not pending_labels and _continues_header(row, left_edge):
            table.lines += row
            continue
        if table.rows and _units_wrapped(row, table.rows[-1], columns, reach):
            table.lines += row
            continue
        labels = [l for l in row if l.x1 <= left_edge]
        cells, blanks = {}, []
        for line in (piece for l in row if l not in labels for piece in split_number_runs(l)):
            column = _column_of(line, columns, reach)
            if column is None or not (is_number(line.text) or _is_blank_cell(line.text)):
                break
            if _is_blank_cell(line.text):
                blanks.append(line)
            else:
                cells[column] = line
        else:
            if cells:
                table.rows.append(YearRow(label_lines=pending_labels + labels, cells=cells, blanks=blanks))
                table.lines += pending_labels + row
                pending_labels = []
                continue
            if labels and len(labels) == len(row):  # a label's wrapped line: of the row above or below
                following = rows[j + 1] if j + 1 < len(rows) else None
                if table.rows and not pending_labels and _nearer_above(row, table.rows[-1], following):
                    table.rows[-1].label_lines += labels
                    table.lines += row
                else:
                    pending_labels += labels
                continue
        break
    header_height = max(l.bottom - l.top for l in header)
    table.caption = _caption(page, min(l.top for l in header), header_height)
    return table


def _year_row(row: list[Line]) -> tuple[Line, list[Line]] | None:
    """(label, cells) of a row that starts with a year or total label and holds numbers only."""
    label, rest = row[0], [piece for line in row[1:] for piece in split_number_runs(line)]
    if _year_of_header(label.text) is None and not _is_total(label.text):
        return None
    if not rest or not all(is_number(l.text) or _is_blank_cell(l.text) for l in rest):
        return None
    return label, [l for l in rest if not _is_blank_cell(l.text)]


def read_transposed_year_table(page: Page, rows: list[list[Line]], index: int) -> YearTable | None:
    """A table with one row per year (`R7 | 3 | 10`) under a header row of labels
    (`年度 | DX推進リーダー | DX推進員`), starting at rows[index]; None if there is none."""
    run = []
    for row in rows[index:]:
        found = _year_row(row)
        if found is None:
            break
        run.append((row, *found))
    if index == 0 or sum(1 for _, label, _ in run if not _is_total(label.text)) < 2:
        return None
    year_edge = max(label.x1 for _, label, _ in run)
    headers = [l for l in rows[index - 1] if (l.x0 + l.x1) / 2 > year_edge]
    if not headers:
        return None
    xs = [(h.x0 + h.x1) / 2 for h in headers]
    reach = min((b - a for a, b in zip(xs, xs[1:])), default=100.0) / 2
    table = YearTable(page=page.number, caption="", columns=[], rows=[YearRow([h], {}) for h in headers],
                      lines=list(rows[index - 1]))
    for column, (row, label, cells) in enumerate(run):
        kind = "total" if _is_total(label.text) else "target"
        table.columns.append(YearColumn(x=(label.x0 + label.x1) / 2, year=_year_of_header(label.text), header=label,
                                        kind=kind))
        table.year_lines[column] = " ".join(l.text for l in row)
        table.lines += row
        for cell in cells:
            nearest = _nearest_header(cell, headers, reach)
            if nearest is not None:
                table.rows[nearest].cells[column] = cell
    header_height = max(l.bottom - l.top for l in rows[index - 1])
    table.caption = _caption(page, min(l.top for l in rows[index - 1]), header_height)
    return table


def year_tables(page: Page, lines: Sequence[Line] | None = None) -> list[YearTable]:
    """The year tables printed on a page: years across (a header row of years) or
    down (a first column of years); `lines`: the page's lines cut into cells (`cell_lines`)."""
    rows = visual_rows(page.lines if lines is None else lines)
    tables: list[YearTable] = []
    used: set[int] = set()
    for i, row in enumerate(rows):
        if id(row[0]) in used:
            continue
        columns = _year_header(row)
        table = read_year_table(page, rows, i, columns) if columns else read_transposed_year_table(page, rows, i)
        if table is not None and any(r.cells for r in table.rows):
            tables.append(table)
            used.update(id(l) for l in table.lines)
    return tables


def may_join_cells(page: Page) -> bool:
    """Whether a line of the page may run across the cells of a year table: a year
    printed beside more than itself, in a line that is no sentence (`令和8年度令和9年度`,
    `2026年度4`)."""
    return any(
        "。" not in line.text and "、" not in line.text and (year := _YEAR_MENTION.search(normalize_text(line.text)))
        and year.group() != normalize_text(line.text).replace(" ", "")
        and len(normalize_text(line.text)) <= _MAX_JOINED_ROW
        for line in page.lines
    )


def printed_under(page: Page, parts: Iterable[Line]) -> list[Line]:
    """The page's own lines that hold some of the given cut lines."""
    boxes = [p.bbox for p in parts]
    return [line for line in page.lines
            if any(b[0] < line.x1 and line.x0 < b[2] and b[1] < line.bottom and line.top < b[3] for b in boxes)]


def _value(line: Line) -> tuple[float | None, str | None]:
    quantity = parse_quantity(line.text)
    return (quantity.value, quantity.unit) if quantity else (None, None)


def check_sums(table: YearTable, doc_id: str) -> list[ExtractionWarning]:
    """Printed totals (計 column, 合計 row) against the cells they add up."""
    warnings = []
    year_columns = [i for i, c in enumerate(table.columns) if c.kind == "target"]
    total_columns = [i for i, c in enumerate(table.columns) if c.kind == "total"]
    def compare(printed: Line, parts: list[float | None], what: str) -> None:
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
            compare(cell, parts, f"column {normalize_text(table.columns[c].header.text)!r}")
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
    """One target per year or goal cell of every non-total row. The metric is the one
    the row's label names (`…受講率`), else the table's caption, else a default."""
    targets = []
    for row in table.rows:
        label = row.label
        if _is_total(label):
            continue
        role = roles.resolve(label)
        if role is None and named_metric(label, None) is None:
            warnings.append(ExtractionWarning(
                doc_id=doc_id, page=table.page, kind="unknown_role",
                message=f"year table row {label!r} names neither a role of the document nor a metric"))
        for c, cell in sorted(row.cells.items()):
            column = table.columns[c]
            quantity = parse_quantity(cell.text)
            if column.kind != "target" or quantity is None:
                continue
            metric = named_metric(label, quantity.unit) or named_metric(table.caption, quantity.unit) \
                or DEFAULT_METRIC[quantity.unit or "人"]
            targets.append(Target(
                doc_id=doc_id, page=table.page, bbox=list(cell.bbox), extractor=TABLE_EXTRACTOR,
                role=role, metric=metric, value=quantity.value,
                unit=quantity.unit or METRIC_UNITS.get(metric), fiscal_year=column.year,
                text_raw=table.text_raw(row, c), placeholder=quantity.placeholder, qualifier=quantity.qualifier,
            ))
    return targets


