"""Training plans → `trainings` and `training_audience`.

A training table is recognised by its header words (vocabulary in
`plan_vocabulary`): a training-name column (研修名, 講座 …) and an audience
column (対象, 対象者 …); other columns are read when their header names them
(主催, 区分, 概要, 研修形態 …). The audience is read one of two ways:

* a matrix: the columns under a spanning 対象者 header (or columns whose header
  names a role) hold marks (●○△) resolved by the legend printed near the table
  (`※対象者 ●：必須 …`, carried over to later pages), each column being the
  role its header names (`推進リーダー` → DX推進リーダー, `管理職` → the role
  drawn from 管理職);
* a named audience: one 対象 column whose cell names the audience as written
  (`全職員`, `課長級以上`) or a role by its name, requirement `target`.

Format codes (`A`) are resolved by a format legend (`※研修形態 A：座学 …`).
A cell spanning several rows (a 区分 over a block of trainings) applies to every
row it covers. Grids come from `jinzai.extractors.tables`, asked only for pages
whose PyMuPDF lines show a training header (and the page after, where a table
may continue without repeating it).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from jinzai.extractors.cell_lines import cell_lines
from jinzai.extractors.layout import BBox, Line, Page, PdfLayout
from jinzai.extractors.plan_vocabulary import TRAINING_COLUMN_WORDS, TRAINING_TABLE_REQUIRED
from jinzai.extractors.role_match import RoleMatcher
from jinzai.extractors.tables import Cell, Table, read_tables
from jinzai.models import ExtractionWarning, Role, Training, TrainingAudience
from jinzai.normalizers.legends import REQUIREMENTS, normalize_format, parse_legend, requirement_of
from jinzai.normalizers.text import normalize_name, normalize_text

EXTRACTOR = "table:trainings"
LIST_EXTRACTOR = "list:trainings"
# Separators between several codes or audiences in one cell: "A・B", "管理職、監督職".
_CELL_SEPARATORS = ("、", "，", ",", "・", "/", "／")
_LEGEND_SEPARATORS = ("：", ":", "＝", "=")
_TRAILING_NOTE = re.compile(r"\(([^()]*)\)$")
_ENCLOSING_BRACKETS = re.compile(r"^[【\[〔<＜《]\s*(.*?)\s*[】\]〕>＞》]$")
# Header labels are short lines; an audience matrix without a 対象者 header names two roles or more.
_MAX_HEADER_CHARS = 12
_MIN_ROLE_HEADERS = 2
# Unruled tables: positions within this many points are the same edge; a gap of this
# many line heights ends a table; row spacings within this ratio are even (no wrapped rows).
_SLACK = 2.0
_MAX_ROW_GAP = 3.0
_EVEN_SPACING = 1.3
# A header label's wrapped line starts within this share of a line height below it.
_WRAP_GAP = 0.3
# A table continues onto the next page when it ends within this share of its page's
# bottom and the continuation starts within this share of the next page's top.
_PAGE_EDGE_SHARE = 0.25


# ---------------------------------------------------------------- header reading


@dataclass(slots=True)
class Columns:
    """What each column of a training table holds."""

    n_columns: int
    kinds: dict[str, int] = field(default_factory=dict)  # name/organizer/category/summary/format → column
    marks: list[tuple[int, str]] = field(default_factory=list)  # (column, header) of an audience matrix
    named_audience: int | None = None  # the column naming the audience, when there is no matrix

    def get(self, kind: str) -> int | None:
        return self.kinds.get(kind)


def column_kind(header: str) -> str | None:
    """The kind of column a header names: the kind whose longest word it equals or contains."""
    text = normalize_text(header).replace(" ", "")
    best: tuple[int, int, str] | None = None  # (exact, length, kind)
    for kind, words in TRAINING_COLUMN_WORDS.items():
        for word in words:
            if word in text:
                score = (int(word == text), len(word), kind)
                best = max(best, score) if best else score
    return best[2] if best else None


def read_columns(table: Table, roles: RoleMatcher) -> Columns | None:
    """The column map of a table whose header is a training header, else None."""
    columns = Columns(n_columns=table.n_cols)
    for c in range(table.n_cols):
        path = table.header_path(c)
        if not path:
            continue
        kind = column_kind(path[0])
        if kind == "audience" and len(path) > 1:
            columns.marks.append((c, path[-1]))
        elif kind == "audience":
            columns.named_audience = c
        elif kind and kind not in columns.kinds:
            columns.kinds[kind] = c
        elif kind is None and roles.resolve(path[-1]):
            columns.marks.append((c, path[-1]))
    if columns.marks:
        columns.named_audience = None
    found = set(columns.kinds)
    if columns.marks or columns.named_audience is not None:
        found.add("audience")
    return columns if all(kind in found for kind in TRAINING_TABLE_REQUIRED) else None


# ---------------------------------------------------------------- legends


@dataclass(slots=True)
class Legends:
    """Mark and format-code legends seen so far in a document (a later one overrides)."""

    marks: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)

    def read(self, lines: Sequence[Line]) -> None:
        self.read_texts(line.text for line in lines)

    def read_texts(self, texts: Iterable[str]) -> None:
        for text in texts:
            legend = legend_of(text)
            if set(legend.values()) <= set(REQUIREMENTS):  # a mark legend, else format codes
                self.marks.update(legend)
            else:
                self.formats.update(legend)


def legend_of(text: str) -> dict[str, str]:
    """The legend a text prints, or {}."""
    if not any(sep in text for sep in _LEGEND_SEPARATORS):
        return {}
    legend = parse_legend(text)
    if len(legend) == 1 and next(iter(legend)).isalpha():
        return {}  # one letter or kana code alone ("キャリア：…") is a label, not a legend
    return legend


def legend_rows(table: Table) -> list[str]:
    """Rows across a whole table that print a legend (`凡例 ●：必須 ○：任意` as its last row)."""
    return [row[0].text for row in table.rows if is_group_row(row) and legend_of(row[0].text)]


def lines_outside(page: Page, bbox: BBox) -> list[Line]:
    """The page's lines printed outside a table's box (legends, captions)."""
    x0, top, x1, bottom = bbox
    return [
        line for line in page.lines
        if not (x0 <= (line.x0 + line.x1) / 2 <= x1 and top <= (line.top + line.bottom) / 2 <= bottom)
    ]


# ---------------------------------------------------------------- rows → records


def split_cell(text: str) -> list[str]:
    """A cell naming several things ("A・B", "管理職、監督職") → its parts."""
    parts = [text]
    for sep in _CELL_SEPARATORS:
        parts = [p for part in parts for p in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


def resolve_format(text: str, legend: dict[str, str]) -> str | None:
    """A normalized format cell → the format: legend codes resolved, words normalized;
    a cell naming several (`A・B`, `集合研修／eラーニング`) → each, joined by `・`."""
    if not text:
        return None
    if text in legend:
        return normalize_format(legend[text]) or legend[text]
    parts = split_cell(text)
    if len(parts) > 1 and all(p in legend for p in parts):
        return "・".join(normalize_format(legend[p]) or legend[p] for p in parts)
    formats = [normalize_format(p) for p in parts]
    if len(parts) > 1 and all(formats):
        return "・".join(dict.fromkeys(f for f in formats if f))
    return normalize_format(text) or text


@dataclass(slots=True)
class TrainingRow:
    """One training read from a table row, before ids are assigned."""

    page: int
    bbox: BBox
    name: str
    organizer: str | None
    category: str | None
    summary: str | None
    format: str | None
    format_raw: str | None
    audience: list[tuple[str, str, str]]  # (role or audience as written, requirement, as printed)
    name_cell: Cell


def cell_text(row: list[Cell], column: int | None) -> str | None:
    if column is None:
        return None
    return row[column].normalized or None


def named_audience(text: str, roles: RoleMatcher) -> list[tuple[str, str, str]]:
    """A 対象 cell → (audience, requirement, as printed): a role by its exact name, else
    the audience as written; requirement `target` unless a note says it (`全職員(必須)`)."""
    if not text:
        return []
    parts = [text] if roles.exact(text) else split_cell(text)
    found = []
    for part in parts:
        note = _TRAILING_NOTE.search(part)
        requirement = requirement_of(note[1]) if note else None
        audience = part[: note.start()] if requirement else part
        found.append((roles.exact(audience) or audience, requirement or "target", part))
    return found


def matrix_audience(
    row: list[Cell], audience: dict[int, str], legend: dict[str, str], problems: list[str],
) -> list[tuple[str, str, str]]:
    """The marked cells of a row → (role, requirement, mark)."""
    found = []
    for column, role in audience.items():
        mark = row[column].normalized
        if not mark:
            continue
        requirement = requirement_of(mark, legend or None)
        if requirement is None:
            problems.append(f"unreadable audience mark {mark!r} for {role!r}")
            continue
        found.append((role, requirement, mark))
    return found


def group_heading(text: str) -> str:
    """A group row's label without its bullet or enclosing brackets: `【セキュリティ】` → `セキュリティ`."""
    return _ENCLOSING_BRACKETS.sub(r"\1", normalize_name(text)).strip()


def is_group_row(row: list[Cell]) -> bool:
    """A row that is one cell across the whole table: a heading over the rows below."""
    return len(row) > 1 and all(cell is row[0] for cell in row) and not row[0].empty


def read_rows(
    body: list[tuple[int, list[Cell]]], columns: Columns, roles: RoleMatcher, legends: Legends,
    problems: list[str],
) -> list[TrainingRow]:
    """Trainings of a table's body rows (page, cells); a name cell spanning several
    rows is one training; a row across the table groups the rows below it."""
    audience_columns = {}
    for column, header in columns.marks:
        role = roles.resolve(header)
        if role is None:
            problems.append(f"audience column {header!r} names no role of the document")
        audience_columns[column] = role or header
    name_column = columns.kinds["name"]
    rows: list[TrainingRow] = []
    group: str | None = None
    for page, row in body:
        if is_group_row(row):
            if not legend_of(row[0].text):  # a legend row is read with the legends
                group = group_heading(row[0].text)
            continue
        name_cell = row[name_column]
        name = normalize_name(name_cell.text)
        if not name or name in TRAINING_COLUMN_WORDS["name"]:
            continue  # an empty row or a repeated header
        if columns.marks:
            audience = matrix_audience(row, audience_columns, legends.marks, problems)
        elif columns.named_audience is not None:
            audience = named_audience(row[columns.named_audience].normalized, roles)
        else:
            audience = []
        if rows and rows[-1].name_cell is name_cell:  # one training printed over several rows
            rows[-1].audience.extend(a for a in audience if a not in rows[-1].audience)
            continue
        format_raw = cell_text(row, columns.get("format"))
        rows.append(TrainingRow(
            page=page,
            bbox=name_cell.bbox,
            name=name,
            organizer=cell_text(row, columns.get("organizer")),
            category=cell_text(row, columns.get("category")) or group,
            summary=cell_text(row, columns.get("summary")),
            format=resolve_format(format_raw, legends.formats) if format_raw else None,
            format_raw=format_raw,
            audience=audience,
            name_cell=name_cell,
        ))
    return rows


# ---------------------------------------------------------------- tables without rulings
#
# `read_tables` reads one unruled table per page, with one header row, and cuts its
# columns at the widest white strip between header centres — which, for cells printed
# left-aligned (HTML, word processors), falls inside the next column. A training table
# printed without rulings is therefore read here from the lines under its own header:
# a header row naming a training column and an audience (or two roles), the row below
# it when it holds the labels of the columns under a spanning 対象 header, and body
# lines placed in the column whose label they overlap most.


def header_label(line: Line) -> str:
    return normalize_text(line.text).replace(" ", "")


def is_name_header(text: str) -> bool:
    """A header that says it holds training names (研修名, 研修名称) — `研修計画` is a heading."""
    return column_kind(text) == "name" and (text in TRAINING_COLUMN_WORDS["name"] or "名" in text)


def is_training_header(texts: Sequence[str], roles: RoleMatcher) -> bool:
    """Header labels naming a training column and an audience column or two roles."""
    if not any(is_name_header(t) for t in texts):
        return False
    return any(column_kind(t) == "audience" for t in texts) or \
        sum(1 for t in texts if column_kind(t) is None and roles.resolve(t)) >= _MIN_ROLE_HEADERS


def line_rows(lines: Sequence[Line]) -> list[list[Line]]:
    """Horizontal lines grouped into printed rows (vertical centres within half a line), left to right."""
    rows: list[list[Line]] = []
    for line in sorted((l for l in lines if not l.vertical), key=lambda l: (l.top + l.bottom) / 2):
        centre = (line.top + line.bottom) / 2
        if rows and abs(centre - (rows[-1][0].top + rows[-1][0].bottom) / 2) <= (line.bottom - line.top) / 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda l: l.x0) for row in rows]


def overlap(line: Line, label: Line) -> float:
    return min(line.x1, label.x1) - max(line.x0, label.x0)


def column_of(line: Line, labels: Sequence[Line]) -> int:
    """The column whose label a body line overlaps most, else whose label is nearest."""
    centre = (line.x0 + line.x1) / 2
    return max(range(len(labels)), key=lambda i: (overlap(line, labels[i]),
                                                  -abs(centre - (labels[i].x0 + labels[i].x1) / 2)))


def continues_labels(row: list[Line], labels: list[Line]) -> bool:
    """Whether a row holds the wrapped second lines of header labels (`DX推進` over
    `リーダー`): each line short, under one label other than the training name's (a
    body row names its training), right below it, and no mark."""
    height = statistics.median(l.bottom - l.top for l in labels)
    for line in row:
        under = [label for label in labels if overlap(line, label) > 0]
        if len(under) != 1 or len(header_label(line)) > _MAX_HEADER_CHARS or is_name_header(header_label(under[0])) \
                or requirement_of(line.text) is not None \
                or abs(line.top - under[0].bottom) > _WRAP_GAP * height:
            return False
    return True


def join_labels(labels: list[Line], row: list[Line]) -> list[Line]:
    """Header labels with the wrapped lines of `row` appended to the labels above them."""
    joined = list(labels)
    for line in row:
        k = next(k for k, label in enumerate(joined) if overlap(line, label) > 0)
        label = joined[k]
        joined[k] = Line(text=label.text.strip() + line.text.strip(),
                         bbox=(min(label.x0, line.x0), label.top, max(label.x1, line.x1), line.bottom),
                         size=label.size, page=label.page)
    return joined


def stacked_labels(rows: list[list[Line]], i: int) -> tuple[list[Line], int] | None:
    """A header printed from a spreadsheet's merged cells: labels centred in cells of
    different heights land on staggered printed rows (`部局DX` / `全職員` / `推進監`),
    so a row below the header row holds both wrapped second lines and labels of
    columns of its own. Such rows (short labels, no marks, touching the header) are
    taken into the header and its lines grouped into columns by horizontal overlap:
    (one label per column left to right, index of the header's last row). None when
    the next row is no such row, or a line overlaps two labels of the header row."""
    height = statistics.median(l.bottom - l.top for l in rows[i])
    bottom = max(l.bottom for l in rows[i])
    last = i
    while last + 1 < len(rows) and _is_header_like(rows[last + 1], bottom, height):
        last += 1
        bottom = max(bottom, *(l.bottom for l in rows[last]))
    if last == i:
        return None
    lines = [l for row in rows[i:last + 1] for l in row]
    if any(sum(overlap(l, label) > 0 for label in rows[i]) > 1 for l in lines):
        return None
    columns: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: l.x0):
        if columns and any(overlap(line, other) > 0 for other in columns[-1]):
            columns[-1].append(line)
        else:
            columns.append([line])
    labels = []
    for column in columns:
        ordered = sorted(column, key=lambda l: l.top)
        labels.append(Line(text="".join(l.text.strip() for l in ordered),
                           bbox=(min(l.x0 for l in column), ordered[0].top,
                                 max(l.x1 for l in column), max(l.bottom for l in column)),
                           size=ordered[0].size, page=ordered[0].page))
    return labels, last


def _is_header_like(row: list[Line], bottom: float, height: float) -> bool:
    """Short labels without marks, starting within a wrap gap of the header above."""
    return min(l.top for l in row) - bottom <= _WRAP_GAP * height and all(
        len(header_label(l)) <= _MAX_HEADER_CHARS and requirement_of(l.text) is None
        and not header_label(l).isdigit() for l in row)


def sub_header(row: list[Line], top: list[Line], roles: RoleMatcher) -> tuple[int, list[Line]] | None:
    """(index in `top`, labels) when `row` holds the labels of the columns under one
    spanning header of `top` (`受講対象` over `管理職 / リーダー / 一般職員`): two short
    labels or more, all between that header's left edge and the next header's."""
    if len(row) < _MIN_ROLE_HEADERS or any(len(header_label(l)) > _MAX_HEADER_CHARS for l in row):
        return None
    for i, parent in enumerate(top):
        right = top[i + 1].x0 if i + 1 < len(top) else float("inf")
        inside = all(parent.x0 - _SLACK <= l.x0 and l.x1 <= right + _SLACK for l in row)
        if inside and column_kind(header_label(parent)) == "audience" or \
                inside and sum(1 for l in row if roles.resolve(l.text)) >= _MIN_ROLE_HEADERS:
            return i, row
    return None


def printed_body(rows: list[list[Line]], labels: list[Line], bottom: float) -> list[list[Line]]:
    """The printed rows of a table body starting below `bottom` (its header's): down to
    a line printed left of the table or reaching over two label centres (prose), or a
    gap of several lines. A line starting left of the first label is still a cell of
    the first column when centred under it (a wide group label under a short `区分`)."""
    first = min(labels, key=lambda l: l.x0)
    left = first.x0 - _SLACK
    centres = [(l.x0 + l.x1) / 2 for l in labels]
    height = statistics.median(l.bottom - l.top for l in labels)
    body: list[list[Line]] = []
    for row in rows:
        spans = any(sum(l.x0 < c < l.x1 for c in centres) >= 2 for l in row)
        outside = row[0].x0 < left and not _centred_under(row[0], first)
        if outside or spans or min(l.top for l in row) - bottom > _MAX_ROW_GAP * height:
            break
        body.append(row)
        bottom = max(l.bottom for l in row)
    return body


def _centred_under(line: Line, label: Line) -> bool:
    return abs((line.x0 + line.x1) / 2 - (label.x0 + label.x1) / 2) <= (label.bottom - label.top) / 2


def body_rows(printed: list[list[Line]], labels: list[Line]) -> tuple[list[list[Line]], set[int]]:
    """Printed rows → table rows, and the columns holding group labels centred on
    their group (a merged cell printed from a spreadsheet).

    A printed row of one column whose cell in the row above is empty cannot be a
    wrapped line of that cell: it is such a centred group label, set between the
    rows of its group. It joins the nearest row and is spread over its group later
    (`spread_centred`). Of the other printed rows: where their spacing varies, the
    rows closer to the one above than the middle spacing are wrapped lines of its
    cells; where it is even, every printed row is a table row."""
    anchors: list[list[Line]] = []
    floating: list[Line] = []
    centred: set[int] = set()
    for row in printed:
        columns = {column_of(l, labels) for l in row}
        if anchors and len(columns) == 1 and not any(column_of(l, labels) in columns for l in anchors[-1]):
            floating += row
            centred |= columns
        else:
            anchors.append(row)
    rows = _rows_by_spacing(anchors)
    for line in floating:
        centre = (line.top + line.bottom) / 2
        nearest = min(rows, key=lambda r: abs(_centre_of(r) - centre))
        nearest.append(line)
    return rows, centred | {c for row in rows for c in _straddling_columns(row, labels)}


def _straddling_columns(row: list[Line], labels: list[Line]) -> set[int]:
    """Columns whose cell in the row reaches above and below all its other cells:
    a label taller than its row, centred on a group of rows (`情報` / `セキュリティ`)."""
    by_column: dict[int, list[Line]] = {}
    for line in row:
        by_column.setdefault(column_of(line, labels), []).append(line)
    found = set()
    for column, lines in by_column.items():
        others = [l for l in row if l not in lines]
        if not others:
            continue
        reach = _WRAP_GAP * statistics.median(l.bottom - l.top for l in row)
        if min(l.top for l in lines) < min(l.top for l in others) - reach \
                and max(l.bottom for l in lines) > max(l.bottom for l in others) + reach:
            found.add(column)
    return found


def _centre_of(row: list[Line]) -> float:
    return (min(l.top for l in row) + max(l.bottom for l in row)) / 2


def spread_centred(grid: list[list[Cell]], column: int, rows: list[list[Line]], labels: list[Line]) -> None:
    """Give each label of a column of centred group labels to every row of its group:
    the rows from the first one after the previous group down to the one that puts
    the label (its printed lines, `rows[r]` in `column`) in the middle
    (`基礎・意識改革` centred beside rows 1–3)."""
    found = [(r, row[column]) for r, row in enumerate(grid) if not row[column].empty]
    start = 0
    for n, (at, cell) in enumerate(found):
        printed = [l for l in rows[at] if column_of(l, labels) == column]
        centre = (min(l.top for l in printed) + max(l.bottom for l in printed)) / 2
        last = len(grid) - 1 if n == len(found) - 1 else found[n + 1][0] - 1
        top = _row_top(grid[start])
        end = min(range(start, max(start, last) + 1), key=lambda e: abs((top + _row_bottom(grid[e])) / 2 - centre))
        if n == len(found) - 1:
            end = len(grid) - 1  # the last group runs to the table's end
        for r in range(start, end + 1):
            grid[r][column] = cell
        start = end + 1


def _row_top(row: list[Cell]) -> float:
    return min(c.bbox[1] for c in row)


def _row_bottom(row: list[Cell]) -> float:
    return max(c.bbox[3] for c in row)


def _rows_by_spacing(printed: list[list[Line]]) -> list[list[Line]]:
    tops = [min(l.top for l in row) for row in printed]
    pitches = [b - a for a, b in zip(tops, tops[1:])]
    if not pitches or max(pitches) <= _EVEN_SPACING * min(pitches):
        return [list(row) for row in printed]
    threshold = (min(pitches) + max(pitches)) / 2
    rows = [list(printed[0])]
    for row, pitch in zip(printed[1:], pitches):
        if pitch < threshold:
            rows[-1] += row
        else:
            rows.append(list(row))
    return rows


def grid_row(lines: list[Line], labels: list[Line], page: int) -> list[Cell]:
    """One body row's lines → one cell per column (empty where nothing is printed)."""
    top, bottom = min(l.top for l in lines), max(l.bottom for l in lines)
    placed: list[list[Line]] = [[] for _ in labels]
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        placed[column_of(line, labels)].append(line)
    return [
        Cell(tuple(l.text.strip() for l in cell), (label.x0, top, label.x1, bottom), page)
        for label, cell in zip(labels, placed)
    ]


def unruled_training_tables(page: Page, roles: RoleMatcher, lines: Sequence[Line] | None = None) -> list[Table]:
    """The training tables printed on a page without rulings, read from its lines
    (`lines`: the page's lines cut into cells, `cell_lines`)."""
    rows = line_rows(page.lines if lines is None else lines)
    tables: list[Table] = []
    i = 0
    while i < len(rows):
        top = rows[i]
        while i + 1 < len(rows) and len(top) >= 2 and continues_labels(rows[i + 1], top):
            top = join_labels(top, rows[i + 1])
            i += 1
        stacked = stacked_labels(rows, i) if len(top) >= 2 else None
        if stacked is not None:
            top, i = stacked
        texts = [header_label(l) for l in top]
        if len(top) < 2 or any(len(t) > _MAX_HEADER_CHARS for t in texts) or not is_training_header(texts, roles):
            i += 1
            continue
        upper = [Cell((l.text.strip(),), l.bbox, page.number) for l in top]
        labels, parents = list(top), list(upper)
        below = sub_header(rows[i + 1], top, roles) if i + 1 < len(rows) else None
        if below is not None:
            at, subs = below
            labels[at:at + 1] = subs
            parents[at:at + 1] = [upper[at]] * len(subs)
            i += 1
        lower = [parents[k] if labels[k] in top else Cell((labels[k].text.strip(),), labels[k].bbox, page.number)
                 for k in range(len(labels))]
        printed_rows = printed_body(rows[i + 1:], labels, max(l.bottom for l in labels))
        i += 1 + len(printed_rows)
        if printed_rows:
            tables.append(table_of_lines(page.number, [parents, lower], labels, printed_rows))
    return tables


def table_of_lines(page: int, header: list[list[Cell]], labels: list[Line], printed: list[list[Line]]) -> Table:
    """A table of its header cells and the printed rows of its body, cut into columns under `labels`."""
    rows, centred = body_rows(printed, labels)
    grid = [grid_row(row, labels, page) for row in rows]
    for column in centred:
        spread_centred(grid, column, rows, labels)
    lines = [*labels, *(l for row in printed for l in row)]
    bbox = (min(l.x0 for l in lines), min(l.top for l in lines), max(l.x1 for l in lines), max(l.bottom for l in lines))
    return Table(page=page, bbox=bbox, header=header, rows=grid, ruled=False, pages=[page], page_boxes={page: bbox})


def column_labels(table: Table) -> list[Line]:
    """The lowest header label of each column of a table, as positioned lines."""
    return [Line(text=cell.text, bbox=cell.bbox, size=0.0, page=cell.page) for cell in table.header[-1]]


def unruled_continuation(
    page: Page, lines: Sequence[Line], labels: list[Line], previous: Table, previous_page: Page,
) -> Table | None:
    """The rows at the top of a page continuing an unruled training table that reached
    the bottom of the page before, without its header: read under the previous page's
    column labels (a document keeps its columns in place). Lines above the first row in
    the table's columns (a running header) are skipped."""
    if previous.bbox[3] < previous_page.height * (1 - _PAGE_EDGE_SHARE):
        return None
    left = min(l.x0 for l in labels) - _SLACK
    rows = line_rows(lines)
    for start, row in enumerate(rows):
        if min(l.top for l in row) > page.height * _PAGE_EDGE_SHARE:
            return None
        if row[0].x0 >= left and column_of(row[0], labels) == 0:
            printed = printed_body(rows[start:], labels, min(l.top for l in row))
            return table_of_lines(page.number, [], labels, printed) if printed else None
    return None


# ---------------------------------------------------------------- pages


def shows_training_header(page: Page, roles: RoleMatcher, lines: Sequence[Line] | None = None) -> bool:
    """Whether a page prints a training-name header and an audience header, or role
    headers of an audience matrix (PyMuPDF lines, or the page's `lines` cut into cells)."""
    texts = {header_label(line) for line in (page.lines if lines is None else lines)
             if len(line.text) <= _MAX_HEADER_CHARS}
    return is_training_header(list(texts), roles)


def may_merge_header(page: Page) -> bool:
    """Whether the page prints a training-name header word and a long line that is no
    sentence, as when header cells are printed as one line (`主催DX推進リーダー…`)."""
    words = [w for w in TRAINING_COLUMN_WORDS["name"] if "名" in w]
    return any(any(w in header_label(line) for w in words) for line in page.lines) and \
        any(len(line.text) > _MAX_HEADER_CHARS and not any(p in line.text for p in "。、") for line in page.lines)


def candidate_pages(layout: PdfLayout, roles: RoleMatcher) -> list[int]:
    """Pages showing a training header, and the page after each (a continuation)."""
    pages: set[int] = set()
    for page in layout.pages:
        if shows_training_header(page, roles) or \
                may_merge_header(page) and shows_training_header(page, roles, cell_lines(layout, page)):
            pages.add(page.number)
            if page.number < layout.page_count:
                pages.add(page.number + 1)
    return sorted(pages)


def _is_header_word(text: str) -> bool:
    return column_kind(text) is not None


def training_tables(layout: PdfLayout, roles: RoleMatcher) -> list[Table]:
    """The tables of the pages showing a training header: ruled ones as `read_tables`
    reads them; on a page without a ruled training table, the unruled training tables
    read here (or the continuation of the one on the page before) replace what
    `read_tables` made of them."""
    pages = candidate_pages(layout, roles)
    tables = read_tables(layout, pages, header_hint=_is_header_word)
    ruled = {t.page for t in tables if t.ruled and t.header and read_columns(t, roles)}
    last: tuple[Table, list[Line]] | None = None  # the last unruled training table read here, its labels
    for number in range(1, layout.page_count + 1):
        continuing = last is not None and last[0].page == number - 1
        if number in ruled or not (number in pages or continuing):
            continue
        page = layout.pages[number - 1]
        lines = cell_lines(layout, page)
        own = unruled_training_tables(page, roles, lines)
        if own:
            last = (own[-1], column_labels(own[-1]))
        elif continuing:
            continuation = unruled_continuation(page, lines, last[1], last[0], layout.pages[number - 2])
            own = [continuation] if continuation else []
            last = (continuation, last[1]) if continuation else None
        if own:
            tables = [t for t in tables if t.ruled or t.page != number] + own
    return sorted(tables, key=lambda t: (t.page, t.bbox[1]))


def training_rows(
    layout: PdfLayout, roles: RoleMatcher, problems: list[tuple[int, str]],
) -> Iterator[TrainingRow]:
    """Every training row of the document's training tables, in page order.

    A table without a training header right after a training table (a
    continuation whose header is not repeated) is read with the previous
    table's columns when it has as many.
    """
    legends = Legends()
    previous: tuple[Columns, int] | None = None  # columns and last page of the last training table
    for table in training_tables(layout, roles):
        page = layout.pages[table.page - 1]
        legends.read(lines_outside(page, table.bbox))
        legends.read_texts(legend_rows(table))
        columns = read_columns(table, roles) if table.header else None
        body = [(table.row_page(i), row) for i, row in enumerate(table.rows)]
        if columns is None and previous and previous[0].n_columns == table.n_cols \
                and table.page == previous[1] + 1:
            columns = previous[0]
            body = [(table.page, row) for row in table.header] + body
        if columns is None:
            continue
        messages: list[str] = []
        yield from read_rows(body, columns, roles, legends, messages)
        problems.extend((table.page, m) for m in dict.fromkeys(messages))
        previous = (columns, max(table.pages or [table.page]))


def extract_trainings(
    layout: PdfLayout, doc_id: str, roles: list[Role],
    listed: Callable[[PdfLayout, RoleMatcher], list[TrainingRow]] | None = None,
) -> tuple[list[Training], list[TrainingAudience], list[ExtractionWarning]]:
    """Trainings and their audience from the document's training tables, and from
    its numbered training lists (`listed`) where no table names them."""
    matcher = RoleMatcher(roles)
    problems: list[tuple[int, str]] = []
    trainings: list[Training] = []
    audience: list[TrainingAudience] = []
    rows = list(training_rows(layout, matcher, problems))
    in_tables = {row.name for row in rows}
    rows += [row for row in (listed(layout, matcher) if listed else []) if row.name not in in_tables]
    for row in rows:
        extractor = EXTRACTOR if row.name in in_tables else LIST_EXTRACTOR
        training_id = f"{doc_id}-t{len(trainings) + 1:03d}"
        trainings.append(Training(
            doc_id=doc_id, page=row.page, bbox=list(row.bbox), extractor=extractor,
            training_id=training_id, name=row.name, organizer=row.organizer, category=row.category,
            summary=row.summary, format=row.format, format_raw=row.format_raw,
        ))
        seen: set[str] = set()
        for role, requirement, mark in row.audience:
            if role not in seen:
                seen.add(role)
                audience.append(TrainingAudience(
                    doc_id=doc_id, page=row.page, training_id=training_id, role=role,
                    requirement=requirement, mark_raw=mark,
                ))
    warnings = [
        ExtractionWarning(doc_id=doc_id, page=page, kind="training_table", message=message)
        for page, message in problems
    ]
    return trainings, audience, warnings
