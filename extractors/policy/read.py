"""Policy and template documents → roles, skills, levels, trainings, audience, targets.

The roles come first: they are the document's role set, which every other
table refers to (a skill row's `推進リーダー`, a training's audience column, a
target's heading all resolve to it). Tables come from the document model
(`jinzai.extractors.model`), read once for the whole document; a table printed
sideways (one column per role) is read as its transpose.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from jinzai.extractors.policy.count_tables import (
    count_table_targets,
    new_goals,
    placements_in_role_definitions,
    placements_in_role_tables,
)
from jinzai.extractors.policy.digital_part import digital_part, keep_digital_part
from jinzai.extractors.layout import PdfLayout
from jinzai.extractors.policy.levels import extract_levels
from jinzai.extractors.model import Document, TableBlock, build_document
from jinzai.extractors.result import DocumentInfo, Extraction
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.roles import extract_roles, kind_of
from jinzai.extractors.policy.skills import extract_skills
from jinzai.extractors.model.tables import Table
from jinzai.extractors.policy.targets import extract_targets
from jinzai.extractors.policy.training_lists import carded_trainings, listed_trainings
from jinzai.extractors.policy.trainings import extract_trainings, is_training_header_word
from jinzai.extractors.policy.vocabulary import Column, column_kind, is_header_word


def extract_policy(layout: PdfLayout, document: Document, doc_id: str, info: DocumentInfo) -> Extraction:
    """All policy records of a document, roles first."""
    blocks = policy_table_blocks(document)
    tables = [block.table for block in blocks]
    roles, role_warnings = extract_roles(document, doc_id, tables)
    skills, skill_warnings = extract_skills(document, doc_id, tables, roles)
    levels, level_warnings = extract_levels(layout, doc_id, tables, roles, document)
    trainings, audience, training_warnings = extract_trainings(
        doc_id, roles, blocks,
        listed=lambda matcher: listed_trainings(document, matcher) + carded_trainings(document, matcher))
    targets, target_warnings = extract_targets(
        document, doc_id, roles, count_tables=partial(count_table_targets, document.blocks_of(TableBlock)))
    targets += new_goals(placements_in_role_tables(tables, doc_id, RoleMatcher(roles)), targets)
    targets += new_goals(placements_in_role_definitions(roles, doc_id), targets)
    extraction = Extraction(
        info=info, roles=roles, skills=skills, levels=levels, trainings=trainings,
        training_audience=audience, targets=targets,
        warnings=[*role_warnings, *skill_warnings, *level_warnings, *training_warnings, *target_warnings],
    )
    return keep_digital_part(extraction, digital_part(document, info.title, roles))


def is_table_header_word(label: str) -> bool:
    """A header label of a table some policy reader takes (role, skill, level or training
    table): the table reader's hint for tables printed without rulings."""
    return is_header_word(label) or is_training_header_word(label)


def read_policy_document(layout: PdfLayout) -> Document:
    """The document model of a policy: its tables read with every policy reader's header words."""
    return build_document(layout, header_hint=is_table_header_word)


def policy_tables(document: Document) -> list[Table]:
    """The document model's tables, each upright."""
    return [block.table for block in policy_table_blocks(document)]


def policy_table_blocks(document: Document) -> list[TableBlock]:
    """The document model's table blocks, each table upright (caption and legends as printed)."""
    return [replace(block, table=upright(block.table)) for block in document.blocks_of(TableBlock)]


def upright(table: Table) -> Table:
    """A table printed sideways — the top-left label names the role row (`人材像`), a
    role per column, the row labels below it name the kinds (`対象`, `役割`) — as its
    transpose; any other table as it is."""
    if kind_of(table) is not None or not table.header or column_kind(table.header[-1][0].normalized) is not Column.ROLE:
        return table
    turned = table.transposed()
    return turned if kind_of(turned) is not None else table
