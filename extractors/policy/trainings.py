"""Training plans → `trainings` and `training_audience`.

A training table is recognised by its header words (vocabulary in
`plan_vocabulary`): a training-name column (研修名, 講座 …) and an audience
column (対象, 対象者 …), or a name column and two of organizer, format and summary
(a catalogue whose audience another table or slide gives); other columns are read
when their header names them (主催, 区分, 概要, 研修形態 …). Where the header says nothing
(`テーマ | 届け方 | 運営`), the cells do (`cell_evidence`): training names, the document's
roles (the audience), format words, organisations, sentences (the summary); a table under
a title naming trainings whose first row is a training is read as printed without a
header row. The audience is read one of three ways:

* a matrix: the columns under a spanning 対象者 header (or columns whose header
  names a role) hold marks (●○△) resolved by the legend printed near the table
  (`※対象者 ●：必須 …`, carried over to later pages), each column being the
  role its header names (`推進リーダー` → DX推進リーダー, `管理職` → the role
  drawn from 管理職);
* a named audience: one 対象 column whose cell names the audience as written
  (`全職員`, `課長級以上`) or a role by its name, requirement `target`;
* chips: role names printed under each training's name in its cell (a roadmap's
  audience chips, `chip_audience`), requirement `target`.

A matrix printed sideways (a training per column, a role per row) is read as its
transpose (`sideways_training_table`).

Format codes (`A`) are resolved by a format legend (`※研修形態 A：座学 …`).
A cell spanning several rows (a 区分 over a block of trainings) applies to every
row it covers. Grids are the document model's tables (`jinzai.extractors.model.tables`
reads them, ruled or not; `is_training_header_word` is its hint for tables
printed without rulings); a table whose header is not a training header right
after a training table is its continuation when it has as many columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from jinzai.extractors.layout import BBox
from jinzai.extractors.model import TableBlock
from jinzai.extractors.policy.cell_evidence import (
    EVIDENCE,
    filled_cells,
    holds_formats,
    holds_organizations,
    holds_sentences,
    titled,
)
from jinzai.extractors.policy.plan_vocabulary import (
    TOTAL_LABELS,
    TRAINING_COLUMN_WORDS,
    TRAINING_NOUNS,
    TRAINING_TITLE_WORDS,
    is_training_header,
)
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.vocabulary import NO_ENTRY, is_role_label
from jinzai.extractors.model.tables import Cell, Table
from jinzai.models import ExtractionWarning, Role, Training, TrainingAudience
from jinzai.normalizers.legends import REQUIREMENTS, normalize_format, parse_legend, requirement_code, requirement_of
from jinzai.normalizers.text import normalize_name, normalize_text

EXTRACTOR = "table:trainings"
LIST_EXTRACTOR = "list:trainings"
# Separators between several codes or audiences in one cell: "A・B", "管理職、監督職".
_CELL_SEPARATORS = ("、", "，", ",", "・", "/", "／")
_TRAILING_NOTE = re.compile(r"\(([^()]*)\)$")
_ENCLOSING_BRACKETS = re.compile(r"^[【\[〔<＜《]\s*(.*?)\s*[】\]〕>＞》]$")
# A column is read as the training names when at least this share of its (at least two)
# filled cells ends with a training noun.
_TRAINING_NAME_SHARE = 0.8
_MIN_NAMED_ROWS = 2

# ---------------------------------------------------------------- header reading


@dataclass(slots=True)
class Columns:
    """What each column of a training table holds."""

    n_columns: int
    kinds: dict[str, int] = field(default_factory=dict)  # name/organizer/category/summary/format → column
    marks: list[tuple[int, str]] = field(default_factory=list)  # (column, header) of an audience matrix
    named_audience: int | None = None  # the column naming the audience, when there is no matrix
    chips: bool = False  # the audience as role names printed under each name, in its cell (a roadmap's chips)

    def get(self, kind: str) -> int | None:
        return self.kinds.get(kind)


def column_kind(header: str) -> str | None:
    """The kind of column a header names: the kind of the word it equals, else of the word
    it ends with (a compound's head noun: `研修区分` is a 区分 of trainings, `研修形態` a
    form), else of the longest word it contains."""
    text = normalize_text(header).replace(" ", "")
    best: tuple[int, int, int, str] | None = None  # (exact, head noun, length, kind)
    for kind, words in TRAINING_COLUMN_WORDS.items():
        for word in words:
            if word in text:
                score = (int(word == text), int(text.endswith(word)), len(word), kind)
                best = max(best, score) if best else score
    return best[-1] if best else None


def read_columns(table: Table, roles: RoleMatcher, names: int | None = None) -> Columns | None:
    """The column map of a table whose header is a training header, else None. `names` is
    a column known to hold the trainings' names whatever its header says."""
    columns = Columns(n_columns=table.n_cols)
    if names is not None:
        columns.kinds["name"] = names
    for c in range(table.n_cols):
        path = table.header_path(c)
        if not path or c == names:
            continue
        kind = column_kind(path[0])
        if kind != "audience" and len(path) > 1:  # a band over labels of their own (`実施方法` over `形式 | 実施主体`)
            kind = column_kind(path[-1]) or kind
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
    if "name" not in columns.kinds and (named := _column_of_training_names(table, columns)) is not None:
        columns.kinds["name"] = named
    if "name" in columns.kinds and not columns.marks and columns.named_audience is None:
        columns.chips = _names_over_role_chips(table, columns.kinds["name"], roles)
    by_header = set(columns.kinds)
    if "name" in columns.kinds:
        _kinds_by_cells(table, columns, roles)
    if columns.marks or columns.named_audience is not None or columns.chips:
        return columns if is_training_header({*columns.kinds, "audience"}) else None
    # a catalogue without audience by its header's words alone: cells holding an organiser and
    # a format under a row naming a training are the rows of a table whose header is elsewhere
    return columns if is_training_header(by_header) else None


def _column_of_training_names(table: Table, columns: Columns) -> int | None:
    """A column whose header word is unknown (プログラム, メニュー, コース …) but whose cells are
    mostly names of trainings (…研修, …講座, …セミナー): the training-name column, by content."""
    taken = set(columns.kinds.values()) | {c for c, _ in columns.marks} | {columns.named_audience}
    for c in range(table.n_cols):
        texts = [row[c].normalized for row in table.rows if c < len(row) and not row[c].empty]
        if c not in taken and _names_trainings(texts):
            return c
    return None


def _names_over_role_chips(table: Table, column: int, roles: RoleMatcher) -> bool:
    """Whether most named cells of the column (two at least) print role names under the
    training's name (`DXリテラシー研修` over `一般職員 推進員`: a roadmap's audience chips)."""
    named = [row[column] for row in table.rows if not row[column].empty]
    chipped = sum(bool(chip_audience(cell, roles)) for cell in named)
    return chipped >= _MIN_NAMED_ROWS and chipped * 2 >= len(named)


def chip_audience(cell: Cell, roles: RoleMatcher) -> list[tuple[str, str, str]]:
    """The roles a name cell prints under the name, each as its own word (chips):
    (role, `target`, as printed); none unless every word below the name names a role."""
    words = [word for line in cell.lines[1:] for word in line.split()]
    found = [(roles.resolve(word), word) for word in words]
    if not found or any(role is None for role, _ in found):
        return []
    return [(role, "target", word) for role, word in found if role is not None]


def _kinds_by_cells(table: Table, columns: Columns, roles: RoleMatcher) -> None:
    """The columns of a training table whose header names no kind (`受講者`, `手段`, `担い手`,
    `ねらい`, or no header row at all), read by what their cells hold: the document's roles
    (the named audience, where no matrix gives it), format words, organisations, sentences (the
    summary). The audience is not looked for where the names' cells print it (`chips`).
    `columns` is updated in place."""
    for c in range(table.n_cols):
        if c in columns.kinds.values() or c == columns.named_audience or any(c == m for m, _ in columns.marks):
            continue
        cells = filled_cells(table, c)
        if not columns.marks and columns.named_audience is None and not columns.chips \
                and _names_audience(cells, roles):
            columns.named_audience = c
        elif "format" not in columns.kinds and holds_formats(cells):
            columns.kinds["format"] = c
        elif "summary" not in columns.kinds and holds_sentences(cells):
            columns.kinds["summary"] = c
        elif "organizer" not in columns.kinds and holds_organizations(cells):
            columns.kinds["organizer"] = c


def _names_audience(cells: Sequence[Cell], roles: RoleMatcher) -> bool:
    """Cells naming whom a training is for: `EVIDENCE.role_share` of them name a role of the
    document or one the role dictionary knows (`DXリーダー(必須)、デジタル推進員(推奨)`,
    `全職員(希望者)`)."""
    def names_a_role(cell: Cell) -> bool:
        return roles.mentioned(cell.normalized) is not None or any(
            is_role_label(_TRAILING_NOTE.sub("", part)) for part in split_cell(cell.normalized))
    return len(cells) >= EVIDENCE.min_cells and sum(map(names_a_role, cells)) >= EVIDENCE.role_share * len(cells)


def _names_trainings(texts: list[str]) -> bool:
    """Texts (a column's or a header row's filled cells) that are mostly names of trainings:
    at least `_MIN_NAMED_ROWS` of them, `_TRAINING_NAME_SHARE` ending with a training noun."""
    return len(texts) >= _MIN_NAMED_ROWS \
        and sum(text.endswith(TRAINING_NOUNS) for text in texts) >= len(texts) * _TRAINING_NAME_SHARE


# ---------------------------------------------------------------- legends


@dataclass(slots=True)
class Legends:
    """Mark and format-code legends seen so far in a document (a later one overrides)."""

    marks: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)

    def read_texts(self, texts: Iterable[str]) -> None:
        for text in texts:
            legend = legend_of(text)
            if set(legend.values()) <= set(REQUIREMENTS):  # a mark legend, else format codes
                self.marks.update(legend)
            else:
                self.formats.update(legend)


def legend_of(text: str) -> dict[str, str]:
    """The legend a text prints, or {}."""
    legend = parse_legend(text)
    if len(legend) == 1 and next(iter(legend)).isalpha():
        return {}  # one letter or kana code alone ("キャリア：…") is a label, not a legend
    return legend


# ---------------------------------------------------------------- rows → records


def split_cell(text: str) -> list[str]:
    """A cell naming several things ("A・B", "管理職、監督職") → its parts."""
    parts = [text]
    for sep in _CELL_SEPARATORS:
        parts = [p for part in parts for p in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


def resolve_format(text: str, legend: dict[str, str]) -> str | None:
    """A normalized format cell → the format: legend codes resolved, words normalized;
    a cell naming several (`A・B`, `集合研修／eラーニング`) → each, joined by `・`, or as
    printed when one of them is no format the vocabulary knows (`集合・Web併用` is not only
    集合研修)."""
    if not text:
        return None
    if text in legend:
        return normalize_format(legend[text]) or legend[text]
    parts = split_cell(text)
    if len(parts) > 1 and all(p in legend for p in parts):
        return "・".join(normalize_format(legend[p]) or legend[p] for p in parts)
    formats = [normalize_format(p) for p in parts]
    if len(parts) > 1:
        return "・".join(dict.fromkeys(f for f in formats if f)) if all(formats) else text
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
    table: int = 0  # which of the document's tables it is read from


def cell_text(row: list[Cell], column: int | None) -> str | None:
    if column is None:
        return None
    return row[column].normalized or None


def named_audience(text: str, roles: RoleMatcher) -> list[tuple[str, str, str]]:
    """A 対象 cell → (audience, requirement, as printed): a role by its exact name, else
    the audience as written (`管理職(必修)、係長級(推奨)、希望者`); requirement `target`
    unless a note says it (`全職員(必須)`) or the audience is the volunteers (`希望者`: partial)."""
    if not text:
        return []
    parts = [text] if roles.exact(text) else split_cell(text)
    found = []
    for part in parts:
        note = _TRAILING_NOTE.search(part)
        requirement = requirement_of(note[1]) if note else None
        audience = part[: note.start()] if requirement else part
        role = roles.exact(audience)
        if requirement is None and role is None and requirement_code(audience) == "partial":
            requirement = "partial"  # 希望者, 一部の職員
        found.append((role or audience, requirement or "target", part))
    return found


def matrix_audience(
    row: list[Cell], audience: dict[int, str], legend: dict[str, str], problems: list[str],
) -> list[tuple[str, str, str]]:
    """The marked cells of a row → (role, requirement, mark); a dash or `対象外` is no mark."""
    found = []
    for column, role in audience.items():
        mark = row[column].normalized
        if not mark or NO_ENTRY.match(mark):
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
    problems: list[str], carried: str | None = None, table: int = 0,
) -> list[TrainingRow]:
    """Trainings of a table's body rows (page, cells); a name cell spanning several
    rows is one training; a row across the table groups the rows below it, and so does
    a category cell over the empty ones below it (a group label printed once, or a merged
    cell whose label stayed on the page before the break). `carried` is the category the
    rows before this piece of the table were in."""
    audience_columns = {}
    for column, header in columns.marks:
        role = roles.resolve(header)
        if role is None:
            problems.append(f"audience column {header!r} names no role of the document")
        audience_columns[column] = role or header
    name_column = columns.kinds["name"]
    rows: list[TrainingRow] = []
    group = carried
    for page, row in body:
        if is_group_row(row):
            if not legend_of(row[0].text):  # a legend row is read with the legends
                group = group_heading(row[0].text)
            continue
        name_cell = row[name_column]
        name = normalize_name(name_cell.lines[0] if columns.chips and name_cell.lines else name_cell.text)
        if not name or name in TRAINING_COLUMN_WORDS["name"] or name in TOTAL_LABELS:
            continue  # an empty row, a repeated header, or a 計 row counting the marks above
        if columns.marks:
            audience = matrix_audience(row, audience_columns, legends.marks, problems)
        elif columns.chips:
            audience = chip_audience(name_cell, roles)
        elif columns.named_audience is not None:
            audience = named_audience(row[columns.named_audience].normalized, roles)
        else:
            audience = []
        if rows and rows[-1].name_cell is name_cell:  # one training printed over several rows
            rows[-1].audience.extend(a for a in audience if a not in rows[-1].audience)
            continue
        format_raw = cell_text(row, columns.get("format"))
        category = cell_text(row, columns.get("category")) or group
        if columns.get("category") is not None:
            group = category
        rows.append(TrainingRow(
            page=page,
            bbox=name_cell.bbox,
            name=name,
            organizer=cell_text(row, columns.get("organizer")),
            category=category,
            summary=cell_text(row, columns.get("summary")),
            format=resolve_format(format_raw, legends.formats) if format_raw else None,
            format_raw=format_raw,
            audience=audience,
            name_cell=name_cell,
            table=table,
        ))
    return rows


# ---------------------------------------------------------------- tables


def is_training_header_word(text: str) -> bool:
    """Whether a header label names a column of a training table (the table reader's
    hint for tables printed without rulings)."""
    return column_kind(text) is not None


def printed_without_header(table: Table) -> bool:
    """A training table printed without a header row, whose first row the table reader took
    for one: under a title naming trainings (`表3 研修体系`), the header cell over a column of
    training names is itself a training's name (`DX基礎講座`), not a header word (`研修`), and
    no other cell of that row names a column (`対象`, `主催`: `実施研修 | 対象` is a header)."""
    if len(table.header) != 1 or not titled(table, TRAINING_TITLE_WORDS):
        return False
    for col, cell in enumerate(table.header[0]):
        if _is_training_name(cell.normalized) and _names_trainings([c.normalized for c in filled_cells(table, col)]):
            return not any(column_kind(other.normalized) for k, other in enumerate(table.header[0]) if k != col)
    return False


def _is_training_name(text: str) -> bool:
    """A training's name: a training noun after what the training is about (`DX基礎講座`), not
    the noun alone (`プログラム`) nor a header word naming the column (`研修プログラム`)."""
    return any(text.endswith(noun) and len(text) > len(noun) for noun in TRAINING_NOUNS) \
        and text not in TRAINING_COLUMN_WORDS["name"]


def sideways_training_table(table: Table, roles: RoleMatcher) -> tuple[Table, Columns] | None:
    """A training matrix printed sideways — a training per column (names in the header row,
    often set vertically in narrow cells), a role per row, rows of the trainings' organizer
    or format between — as its transpose and column map; None for any other table. The
    header row must name trainings (`_names_trainings`; the corner label above the row labels
    says nothing about them) and rows must name roles."""
    turned = table.transposed()
    if not _names_trainings([row[0].normalized for row in turned.rows if not row[0].empty]):
        return None
    columns = read_columns(turned, roles, names=0)
    return (turned, columns) if columns is not None and columns.marks else None


def training_rows(
    blocks: Sequence[TableBlock], roles: RoleMatcher, problems: list[tuple[int, str]],
) -> Iterator[TrainingRow]:
    """Every training row of the document's training tables, in page order, read with the
    legends printed around each table or in a row across it (`TableBlock.legends`).

    A table without a training header right after a training table (a
    continuation whose header is not repeated) is read with the previous
    table's columns when it has as many.
    """
    legends = Legends()
    previous: tuple[Columns, int, str | None] | None = None  # the last training table's columns, last page, last category
    for index, block in enumerate(blocks):
        table = block.table
        if printed_without_header(table):
            table = replace(table, header=[], rows=[*table.header, *table.rows])
        columns = read_columns(table, roles) if table.header or table.rows else None
        carried = None
        if columns is None and previous and previous[0].n_columns == table.n_cols \
                and table.page == previous[1] + 1:
            columns, _, carried = previous
            body = [(table.page, row) for row in table.header] + _body(table)
        elif columns is None and table.header and (turned := sideways_training_table(table, roles)):
            table, columns = turned
            body = _body(table)
        else:
            body = _body(table)
        if columns is None:
            continue
        legends.read_texts(block.legends)
        messages: list[str] = []
        rows = read_rows(body, columns, roles, legends, messages, carried, index)
        yield from rows
        problems.extend((table.page, m) for m in dict.fromkeys(messages))
        previous = (columns, max(table.pages or [table.page]), rows[-1].category if rows else carried)


def _body(table: Table) -> list[tuple[int, list[Cell]]]:
    """A table's body rows with the page each is printed on."""
    return [(table.row_page(i), row) for i, row in enumerate(table.rows)]


_ROW_FIELDS = ("organizer", "category", "summary", "format", "format_raw")


def _one_per_training(rows: list[TrainingRow]) -> list[TrainingRow]:
    """A training printed in two tables (a roadmap naming whom it is for, a catalogue its
    format and organizer) is one training: a row of another table with the same name and
    no field that disagrees fills the first row's empty fields and adds its audience. Rows
    of one table stay apart (two courses of one name, told apart by their summaries)."""
    kept: list[TrainingRow] = []
    for row in rows:
        twin = next((k for k in kept if k.name == row.name and k.table != row.table and all(
            getattr(k, f) is None or getattr(row, f) is None or getattr(k, f) == getattr(row, f)
            for f in _ROW_FIELDS)), None)
        if twin is None:
            kept.append(row)
            continue
        for name in _ROW_FIELDS:
            if getattr(twin, name) is None:
                setattr(twin, name, getattr(row, name))
        twin.audience.extend(a for a in row.audience if a not in twin.audience)
    return kept


def extract_trainings(
    doc_id: str, roles: list[Role], tables: Sequence[TableBlock],
    listed: Callable[[RoleMatcher], list[TrainingRow]] | None = None,
) -> tuple[list[Training], list[TrainingAudience], list[ExtractionWarning]]:
    """Trainings and their audience from the document's training tables (of `tables`:
    the document model's table blocks, in reading order), and from its numbered training lists
    (`listed`) where no table names them."""
    matcher = RoleMatcher(roles)
    problems: list[tuple[int, str]] = []
    trainings: list[Training] = []
    audience: list[TrainingAudience] = []
    rows = _one_per_training(list(training_rows(tables, matcher, problems)))
    in_tables = {row.name for row in rows}
    rows += [row for row in (listed(matcher) if listed else []) if row.name not in in_tables]
    for row in rows:
        training_id = f"{doc_id}-t{len(trainings) + 1:03d}"
        trainings.append(Training(
            doc_id=doc_id, page=row.page, bbox=list(row.bbox),
            extractor=EXTRACTOR if row.name in in_tables else LIST_EXTRACTOR,
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
