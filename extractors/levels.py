"""Growth stages per role (Step1–3, レベル1–5) from level tables.

A level table has a level column (`育成段階`, `レベル`, `Step` …) beside a role
column (`人材像区分`) or a definition column. Each row is one level: its label
as printed (`Step2`), its rank from the label's number (or, for labels without
one such as `初級/中級/上級`, its place among the role's rows) and its definition.
A role cell naming several roles (`DX 推進員/ 全庁 DX 推進担当`) gives the level
to each; in a table without a role column the role is the one whose heading
precedes the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from jinzai.extractors.layout import PdfLayout
from jinzai.extractors.roles import header_kinds, kind_of, resolve_roles
from jinzai.extractors.skills import role_heading_before
from jinzai.extractors.tables import Table
from jinzai.extractors.vocabulary import LEVEL_NUMBER, Column, TableKind
from jinzai.models import ExtractionWarning, Level, Role
from jinzai.normalizers.text import normalize_text


def extract_levels(
    layout: PdfLayout, doc_id: str, tables: Sequence[Table], roles: Sequence[Role],
) -> tuple[list[Level], list[ExtractionWarning]]:
    """Every level row of the document's level tables."""
    levels: list[Level] = []
    warnings: list[ExtractionWarning] = []
    for table in tables:
        if kind_of(table) is TableKind.LEVELS:
            found, problems = _levels_of_table(layout, table, doc_id, roles)
            levels += found
            warnings += problems
    return levels, warnings


def _levels_of_table(
    layout: PdfLayout, table: Table, doc_id: str, roles: Sequence[Role],
) -> tuple[list[Level], list[ExtractionWarning]]:
    kinds = header_kinds(table)
    if len(kinds[Column.LEVEL]) > 1:
        return _levels_of_level_columns(table, doc_id, roles, kinds)
    role_col = kinds.get(Column.ROLE, [None])[0]
    level_col = kinds[Column.LEVEL][0]
    definition_col = kinds.get(Column.DEFINITION, [None])[0]
    heading_role = None if role_col is not None else role_heading_before(layout, table, roles)
    places: Counter[str | None] = Counter()
    levels: list[Level] = []
    warnings: list[ExtractionWarning] = []
    names: list[str | None] = [heading_role]
    for index, row in enumerate(table.rows):
        label = normalize_text(row[level_col].text)
        if not label:
            continue
        page = table.row_page(index)
        if role_col is not None and not row[role_col].empty:  # an empty role cell continues the role above
            names, problem = _roles_of_cell(row[role_col].text, roles, doc_id, page)
            warnings += problem
        definition = normalize_text(row[definition_col].text) if definition_col is not None else ""
        for name in names:
            places[name] += 1
            levels.append(_level(doc_id, page, row[level_col].bbox, name, label, places[name], definition))
    return levels, warnings


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
            if definition:
                levels += [_level(doc_id, page, row[col].bbox, name, table.columns[col], place, definition)
                           for name in names]
    return levels, warnings


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


def level_rank(label: str, place: int) -> int:
    """The number printed in the label (`Step2` → 2, `レベル4` → 4), else the row's
    place among the role's levels."""
    match = LEVEL_NUMBER.search(label)
    return int(match.group(1)) if match else place
