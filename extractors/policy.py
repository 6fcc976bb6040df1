"""Policy and template documents → roles, skills, levels, trainings, audience, targets.

The roles come first: they are the document's role set, which every other
table refers to (a skill row's `推進リーダー`, a training's audience column, a
target's heading all resolve to it). Tables are read once, only on pages that
print a header row of a role, skill or level table (a cheap check on PyMuPDF
lines, so drawings and pdfplumber are read only where such a table can be);
a table printed sideways (one column per role) is read as its transpose.
"""

from __future__ import annotations

from jinzai.extractors.count_tables import count_table_targets, new_goals, placements_in_role_tables
from jinzai.extractors.layout import Line, PdfLayout
from jinzai.extractors.levels import extract_levels
from jinzai.extractors.role_match import RoleMatcher
from jinzai.extractors.result import DocumentInfo, Extraction
from jinzai.extractors.roles import extract_roles, kind_of
from jinzai.extractors.skills import extract_skills
from jinzai.extractors.tables import Table, read_tables
from jinzai.extractors.targets import extract_targets
from jinzai.extractors.training_lists import listed_trainings
from jinzai.extractors.trainings import extract_trainings
from jinzai.extractors.vocabulary import DUTY_WORDS, TABLE_KINDS, Column, column_kind, is_header_word
from jinzai.normalizers.text import normalize_text

# Header labels are short lines of their own; longer lines are prose that mentions the words.
_MAX_HEADER_LABEL = 40


def extract_policy(layout: PdfLayout, doc_id: str, info: DocumentInfo) -> Extraction:
    """All policy records of a document, roles first."""
    tables = [upright(t) for t in read_tables(layout, table_pages(layout), header_hint=is_header_word)]
    roles, role_warnings = extract_roles(layout, doc_id, tables)
    skills, skill_warnings = extract_skills(layout, doc_id, tables, roles)
    levels, level_warnings = extract_levels(layout, doc_id, tables, roles)
    trainings, audience, training_warnings = extract_trainings(layout, doc_id, roles, listed=listed_trainings)
    targets, target_warnings = extract_targets(layout, doc_id, roles, count_tables=count_table_targets)
    targets += new_goals(placements_in_role_tables(tables, doc_id, RoleMatcher(roles)), targets)
    return Extraction(
        info=info, roles=roles, skills=skills, levels=levels, trainings=trainings,
        training_audience=audience, targets=targets,
        warnings=[*role_warnings, *skill_warnings, *level_warnings, *training_warnings, *target_warnings],
    )


def upright(table: Table) -> Table:
    """A table printed sideways — the top-left label names the role row (`人材像`), a
    role per column, the row labels below it name the kinds (`対象`, `役割`) — as its
    transpose; any other table as it is."""
    if kind_of(table) is not None or not table.header or column_kind(table.header[-1][0].normalized) is not Column.ROLE:
        return table
    turned = table.transposed()
    return turned if kind_of(turned) is not None else table


def table_pages(layout: PdfLayout) -> list[int]:
    """Pages printing a header row: two short labels side by side, one naming a
    role, skill or level column (`役割区分` beside `必要な能力`), or `区分` beside `役割`."""
    return [page.number for page in layout.pages if _has_header_row(page.lines)]


def _has_header_row(lines: list[Line]) -> bool:
    """A label of a table kind beside another header label (a column kind's word or
    a role name: `レベル | 管理職 | 一般職員`), or `区分` beside `役割`."""
    labels = [(line, column_kind(normalize_text(line.text))) for line in lines
              if len(normalize_text(line.text)) <= _MAX_HEADER_LABEL and is_header_word(normalize_text(line.text))]
    return any(
        (kind in TABLE_KINDS or kind is Column.CATEGORY and _names_duties(other)) and other is not line
        and _side_by_side(line, other)
        for line, kind in labels for other, _ in labels
    )


def _names_duties(label: Line) -> bool:
    """`役割` beside `区分`: a role table may head its role column 区分 (`roles.header_kinds`)."""
    return any(word in normalize_text(label.text) for word in DUTY_WORDS)


def _side_by_side(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and (a.x1 <= b.x0 or b.x1 <= a.x0)
