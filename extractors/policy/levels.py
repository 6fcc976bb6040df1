"""Growth stages per role (Step1–3, レベル1–5) from level tables and level ladders.

A level table has a level column (`育成段階`, `レベル`, `Step` …) beside a role
column (`人材像区分`) or a definition column. Each row is one level: its label
as printed (`Step2`), its rank from the label's number (`初級/中級/上級` rank by
the word, `vocabulary.LEVEL_WORD_RANKS`, whatever order they are printed in;
other labels without a number by their place among the role's rows) and its
definition (the definition column, else the description column, else the one
column of no kind: `人材像 | 段階 | 目指す姿`). A role cell naming several roles
(`DX 推進員/ 全庁 DX 推進担当`) gives the level to each; a row spanning the whole
table names the role of the rows below it; in a table without a role column
the role is otherwise the one whose heading precedes the table, else the one the
sentence introducing the table is about (`DXサポーターは、次の3つのステップにより…`).
Levels printed as columns (`人材像 | Step1 | Step2`, `役割 | 初級 | 中級 | 上級`,
`　 | 基礎 | 応用 | 専門` over a role per row) are read across, and so are roles as
columns (`レベル | 管理職 | 一般職員`); a dash (`－`) in such a cell means the role has
no such level.

A level ladder is a column of label lines outside any table (`レベル5` …
`レベル1`, or `Step1：…`), each with its definition after a colon, beside it or
under it; its role is the one named in the lines just above it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from jinzai.extractors.layout import Line, Page, PdfLayout
from jinzai.extractors.model import Document
from jinzai.extractors.policy.roles import (
    header_kinds,
    kind_of,
    resolve_roles,
    role_columns,
    role_heading_above,
    role_of_table,
)
from jinzai.extractors.model.tables import Table, spans_whole_row
from jinzai.extractors.model.tables.grid import distinct
from jinzai.extractors.policy.vocabulary import (
    LADDER_ROLE_LOOKBACK,
    LEVEL_LABEL_LINE,
    LEVEL_NUMBER,
    LEVEL_STAGE_WORDS,
    LEVEL_WORD_RANKS,
    NO_ENTRY,
    Column,
    TableKind,
)
from jinzai.models import ExtractionWarning, Level, Role
from jinzai.normalizers.text import normalize_text


def extract_levels(
    layout: PdfLayout, doc_id: str, tables: Sequence[Table], roles: Sequence[Role], document: Document,
) -> tuple[list[Level], list[ExtractionWarning]]:
    """The levels of the document's level tables and of its level ladders (printed outside
    tables: the text lines of the document model's pages)."""
    levels: list[Level] = []
    warnings: list[ExtractionWarning] = []
    for table in tables:
        if kind_of(table) is TableKind.LEVELS:
            found, problems = _levels_of_table(document, table, doc_id, roles)
            levels += found
            warnings += problems
        elif kind_of(table) is None:
            levels += _levels_of_role_columns(table, doc_id, roles) or _levels_of_label_rows(document, table, doc_id, roles)
    for page, blocks in zip(layout.pages, document.pages, strict=True):
        levels += ladder_levels(page, blocks.text_lines, doc_id, roles, document)
    return levels, warnings


def _levels_of_table(
    document: Document, table: Table, doc_id: str, roles: Sequence[Role],
) -> tuple[list[Level], list[ExtractionWarning]]:
    kinds = header_kinds(table)
    if len(kinds[Column.LEVEL]) > 1 and _headers_are_levels(table, kinds[Column.LEVEL]):
        return _levels_of_level_columns(table, doc_id, roles, kinds)
    role_col = kinds.get(Column.ROLE, [None])[0]
    level_col = _label_column(table, kinds[Column.LEVEL])
    definition_col = _definition_column(table, kinds)
    section_role = None if role_col is not None else role_of_table(document, table, roles)
    places: Counter[str | None] = Counter()
    levels: list[Level] = []
    warnings: list[ExtractionWarning] = []
    names: list[str | None] = [section_role]
    for index, row in enumerate(table.rows):
        label = normalize_text(row[level_col].text)
        if not label:
            continue
        page = table.row_page(index)
        if spans_whole_row(row):  # a group row: the role of the rows below, if it names one
            names = list(resolve_roles(row[0].text, roles)) or names
            continue
        if role_col is not None and not row[role_col].empty:  # an empty role cell continues the role above
            names, problem = _roles_of_cell(row[role_col].text, roles, doc_id, page)
            warnings += problem
        definition = normalize_text(row[definition_col].text) if definition_col is not None else ""
        for name in names:
            places[name] += 1
            levels.append(_level(doc_id, page, row[level_col].bbox, name, label, places[name], definition))
    return levels, warnings


def _headers_are_levels(table: Table, columns: Sequence[int]) -> bool:
    """Levels as columns: their headers are the labels (`Step1 | Step2`, `初級 | 中級`,
    `基礎 | 応用 | 専門`), not words naming what a column holds (`レベル | 段階` over `Lv.1 | 基礎`)."""
    return all(LEVEL_NUMBER.search(table.columns[c]) or table.columns[c] in LEVEL_WORD_RANKS
               or table.columns[c] in LEVEL_STAGE_WORDS for c in columns)


def _label_column(table: Table, columns: Sequence[int]) -> int:
    """Of several level columns (`レベル | 段階` over `Lv.1 | 基礎`), the one whose cells
    carry the rank (a number or a ranked word); the others name the stages."""
    def ranked(col: int) -> int:
        return sum(bool(LEVEL_NUMBER.search(normalize_text(row[col].text)))
                   or normalize_text(row[col].text) in LEVEL_WORD_RANKS for row in table.rows)
    return max(columns, key=lambda col: (ranked(col), -columns.index(col)))


def _definition_column(table: Table, kinds: dict[Column, list[int]]) -> int | None:
    """The column defining each level: headed as a definition (`到達目標`), else as
    a description (`求められる姿`), else the one column whose header names no kind."""
    for kind in (Column.DEFINITION, Column.DESCRIPTION):
        if kind in kinds:
            return kinds[kind][0]
    typed = {col for cols in kinds.values() for col in cols}
    untyped = [col for col in range(table.n_cols) if col not in typed]
    return untyped[0] if len(untyped) == 1 else None


def _levels_of_level_columns(
    table: Table, doc_id: str, roles: Sequence[Role], kinds: dict[Column, list[int]],
) -> tuple[list[Level], list[ExtractionWarning]]:
    """Levels as columns (`人材像 | Step1 | Step2 | Step3`): each cell of a role's row
    defines that role's level of the column."""
    role_col = kinds.get(Column.ROLE, [None])[0]
    levels: list[Level] = []
    warnings: list[ExtractionWarning] = []
    for index, row in enumerate(table.rows):
        page = table.row_page(index)
        names: list[str | None] = [None]
        if role_col is not None:
            names, problem = _roles_of_cell(row[role_col].text, roles, doc_id, page)
            warnings += problem
        for place, col in enumerate(kinds[Column.LEVEL], start=1):
            definition = normalize_text(row[col].text)
            if definition and not NO_ENTRY.match(definition):  # `－`: the role has no such level
                levels += [_level(doc_id, page, row[col].bbox, name, table.columns[col], place, definition)
                           for name in names]
    return levels, warnings


def _levels_of_role_columns(table: Table, doc_id: str, roles: Sequence[Role]) -> list[Level]:
    """Levels as rows and roles as columns (`レベル | 管理職 | 一般職員`): each cell
    defines its column's role at its row's level; `－` where a role has no such level."""
    kinds = header_kinds(table)
    matrix = role_columns(table, kinds, roles)
    if list(kinds) != [Column.LEVEL] or len(kinds[Column.LEVEL]) != 1 or not matrix:
        return []
    level_col = kinds[Column.LEVEL][0]
    levels = []
    for index, row in enumerate(table.rows):
        label = normalize_text(row[level_col].text)
        for col, role in matrix.items():
            definition = normalize_text(row[col].text)
            if label and definition and not NO_ENTRY.match(definition):
                levels.append(_level(doc_id, table.row_page(index), row[col].bbox, role, label, index + 1, definition))
    return levels


def _levels_of_label_rows(document: Document, table: Table, doc_id: str, roles: Sequence[Role]) -> list[Level]:
    """A table without a header whose rows open with a level's label (`レベル1 | 知識として
    理解している`: a scale printed as a legend under a skill matrix, or a ladder drawn as a
    table), two rows or more: one level per such row, the rest of the row its definition;
    the role is the table's (its section's role heading, the sentence introducing it),
    else none (a scale for every role)."""
    if table.header:
        return []
    labelled = []
    for index, row in enumerate(table.rows):
        cells = [cell for cell in distinct(row) if not cell.empty]
        match = LEVEL_LABEL_LINE.match(cells[0].normalized) if len(cells) >= 2 else None
        if match and not match["definition"]:
            labelled.append((index, cells, match))
    if len(labelled) < 2:
        return []
    role = role_of_table(document, table, roles)
    return [Level(doc_id=doc_id, page=table.row_page(index), bbox=list(cells[0].bbox), extractor="table:levels",
                  role=role, rank=int(match["rank"]), label=match["label"].replace(" ", ""),
                  definition=normalize_text(" ".join(cell.text for cell in cells[1:])))
            for index, cells, match in labelled]


def _roles_of_cell(text: str, roles: Sequence[Role], doc_id: str, page: int) -> tuple[list[str | None], list[ExtractionWarning]]:
    names: list[str | None] = list(resolve_roles(text, roles))
    if names:
        return names, []
    return [None], [ExtractionWarning(
        doc_id=doc_id, page=page, kind="unknown_role",
        message=f"levels for {normalize_text(text)!r}, which names no role of the document; kept without a role")]


def _level(doc_id: str, page: int, bbox: tuple[float, ...], role: str | None, label: str, place: int,
           definition: str) -> Level:
    return Level(doc_id=doc_id, page=page, bbox=list(bbox), extractor="table:levels", role=role,
                 rank=level_rank(label, place), label=label, definition=definition)


# ---------------------------------------------------------------- ladders outside tables

def ladder_levels(
    page: Page, lines: Sequence[Line], doc_id: str, roles: Sequence[Role], document: Document | None = None,
) -> list[Level]:
    """The levels of a ladder printed on the page (at least two label lines), for
    the role named just above it, else (given the document) the role heading above."""
    labels = [ln for ln in lines if LEVEL_LABEL_LINE.match(normalize_text(ln.text))]
    if len(labels) < 2:
        return []
    others = [ln for ln in lines if all(ln is not label for label in labels)]
    top = min(labels, key=lambda ln: ln.top)
    role = _ladder_role(top, lines, roles)
    if role is None and document is not None:
        role = role_heading_above(document, page.number, top.top, roles)
    levels = []
    for label in labels:
        match = LEVEL_LABEL_LINE.match(normalize_text(label.text))
        assert match is not None
        definition = match["definition"] or normalize_text(
            "\n".join(ln.text for ln in _definition_lines(label, labels, others)))
        if definition:
            levels.append(Level(doc_id=doc_id, page=page.number, bbox=list(label.bbox), extractor="ladder:levels",
                                role=role, rank=int(match["rank"]), label=match["label"].replace(" ", ""),
                                definition=definition))
    return levels


def _ladder_role(top_label: Line, lines: Sequence[Line], roles: Sequence[Role]) -> str | None:
    """The role named in the nearest of the few lines above the ladder."""
    above = sorted((ln for ln in lines if ln.bottom <= top_label.top), key=lambda ln: ln.top, reverse=True)
    for line in above[:LADDER_ROLE_LOOKBACK]:
        named = _roles_named_in(normalize_text(line.text), roles)
        if len(named) == 1:
            return named[0]
    return None


def _roles_named_in(text: str, roles: Sequence[Role]) -> list[str]:
    return [r.name for r in roles if any(name in text for name in (r.name, *r.aliases))]


def _definition_lines(label: Line, labels: Sequence[Line], lines: Sequence[Line]) -> list[Line]:
    """Lines to the label's right, nearer to it than to any other label; where
    nothing stands beside it, the lines under it down to the next label."""
    centre = (label.top + label.bottom) / 2
    others = [(o.top + o.bottom) / 2 for o in labels if o is not label]
    reach = min(abs(centre - c) for c in others) / 2

    def mid(line: Line) -> float:
        return (line.top + line.bottom) / 2

    beside = [ln for ln in lines if ln.x0 >= label.x1 - 2 and abs(mid(ln) - centre) < reach]
    if beside:
        return sorted(beside, key=lambda ln: (ln.top, ln.x0))
    # Under the label: starting below its middle (a box's tight leading lets the first line
    # overlap the label's bottom) and under its text (not a page number far to the right).
    next_top = min((o.top for o in labels if o.top > label.top), default=float("inf"))
    return [ln for ln in lines if centre < ln.top < next_top and label.x0 - 2 <= ln.x0 <= label.x1 + 4 * label.size]


def level_rank(label: str, place: int) -> int:
    """The number printed in the label (`Step2` → 2, `レベル4` → 4), else the rank a
    level word says (`上級` → 3, whatever order the rows are printed in), else the
    row's place among the role's levels."""
    match = LEVEL_NUMBER.search(label)
    if match:
        return int(match.group(1))
    return next((rank for word, rank in LEVEL_WORD_RANKS.items() if word in label), place)
