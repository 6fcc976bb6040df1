"""Skills per role: from skill tables and from skill sections written as prose.

Skill tables are recognised by a skill column header (`必要な能力`, `スキル要件`,
`必要となるスキルの例` …, see `vocabulary`). In each row:

- the role is the row's role cell (resolved to a document role), or, in a table
  without a role column, the role whose heading precedes the table, else the one
  the sentence introducing the table is about (`Xには、次の知識を求めます。`);
- each bulleted or numbered item of a skill cell is one skill, wrapped lines
  joined; a cell without bullets is one skill; text above the bullets is the
  role's summary (`部局をまたいだ課題解決を行うスキル`), not a skill;
- the category is the row's category cell (`区分`: `共通`, `業務効率化`), else, in a
  table with several skill columns, the column's header (`必要な能力`).

A skill matrix (skills labelling the rows, roles heading the columns, a mark
where a role needs the skill) gives each marked role the row's skills.

Labelled lists: in a role's section (under its heading), a label such as
`【求められる知識・スキル】` over bulleted items gives one skill per item.

Prose: under a heading with skill words (`(2) 知識・スキルの主な内容`), an item
`<role>・・・<topics>` gives one skill per topic of the sentence, its shared
tail dropped (`マネジメント、ネットワーク…等に関する高度な知識、スキルの習得。`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import takewhile

from jinzai.extractors.layout import Line
from jinzai.extractors.model import Document, Figure, Heading, ListItem, Paragraph
from jinzai.extractors.model.headings import HEADING_SIZE_STEP
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.roles import (
    header_kinds,
    kind_of,
    resolve_roles,
    role_columns,
    role_heading_above,
    role_of_table,
)
from jinzai.extractors.model.tables import Cell, Table, spans_whole_row
from jinzai.extractors.policy.vocabulary import (
    NO_ENTRY,
    ROLE_LEADER,
    SKILL_LABEL_MARKS,
    SKILL_LIST_INTRO,
    SKILL_LIST_LABEL,
    SKILL_LIST_SEPARATOR,
    SKILL_NEED_HEADING,
    SKILL_ROLE_SENTENCE,
    SKILL_SECTION_WORDS,
    SKILL_SENTENCE_TAIL,
    SKILL_TOPIC_SEPARATOR,
    Column,
    TableKind,
)
from jinzai.models import ExtractionWarning, Role, Skill
from jinzai.normalizers.text import normalize_name, normalize_text, split_list


def extract_skills(
    document: Document, doc_id: str, tables: Sequence[Table], roles: Sequence[Role],
) -> tuple[list[Skill], list[ExtractionWarning]]:
    """Every skill the document assigns to one of its roles."""
    skills: list[Skill] = []
    warnings: list[ExtractionWarning] = []
    for table in tables:
        if kind_of(table) is TableKind.SKILLS:
            found, problems = _skills_of_table(table, doc_id, roles, document)
            skills += found
            warnings += problems
    skills += _skills_of_prose(document, doc_id, roles)
    skills += _skills_of_labelled_lists(document, doc_id, roles)
    skills += _skills_of_role_sentences(document, doc_id, roles)
    skills += _skills_of_figure_panels(document, doc_id, roles)
    return _unique(skills), warnings


# ---------------------------------------------------------------- tables

def _skills_of_table(
    table: Table, doc_id: str, roles: Sequence[Role], document: Document,
) -> tuple[list[Skill], list[ExtractionWarning]]:
    """Skills row by row. The role is the row's role cell (an empty one continues
    the role above), else the last group row spanning the table that names a
    role (`DX推進リーダー` across all columns), else the section's role heading."""
    kinds = header_kinds(table)
    matrix = role_columns(table, kinds, roles) if Column.ROLE not in kinds else {}
    if matrix:
        # the other columns' kinds: a band over the role columns (`求める水準`) says what their cells hold
        others = {kind: own for kind, cols in kinds.items() if (own := [c for c in cols if c not in matrix])}
        if Column.SKILL in others and min(others[Column.SKILL]) < min(matrix):  # skills label the rows
            return _skills_of_matrix(table, doc_id, others, matrix), []
    role_col = kinds.get(Column.ROLE, [None])[0]
    names: list[str] = []
    if role_col is None:
        section_role = role_of_table(document, table, roles)
        names = [section_role] if section_role else []
    skills: list[Skill] = []
    warnings: list[ExtractionWarning] = []
    for index, row in enumerate(table.rows):
        if spans_whole_row(row):
            names = resolve_roles(row[0].text, roles) or names
            continue
        if role_col is not None and (not row[role_col].empty or not names):
            names = resolve_roles(row[role_col].text, roles)
        if not names:
            if role_col is not None:
                warnings.append(_unresolved(doc_id, table.row_page(index), row, role_col))
            continue  # without a role column: a table of something else (a training plan)
        skills += [
            _skill(doc_id, table, index, col, name, item, kinds)
            for col in kinds[Column.SKILL] for item in skill_items(row[col]) for name in names
        ]
    return skills, warnings


def _skills_of_matrix(table: Table, doc_id: str, kinds: dict[Column, list[int]], matrix: dict[int, str]) -> list[Skill]:
    """A skill matrix: each marked role column of a row gives that role the row's skills
    (a dash or `対象外` is no mark)."""
    skills = []
    for index, row in enumerate(table.rows):
        for col, role in matrix.items():
            if not row[col].empty and not NO_ENTRY.match(row[col].normalized):
                skills += [_skill(doc_id, table, index, skill_col, role, item, kinds)
                           for skill_col in kinds[Column.SKILL] for item in skill_items(row[skill_col])]
    return skills


def _skill(doc_id: str, table: Table, index: int, col: int, role: str, name: str,
           kinds: dict[Column, list[int]]) -> Skill:
    row = table.rows[index]
    definition_col = kinds.get(Column.DEFINITION, [None])[0]
    definition = normalize_name(row[definition_col].text) or None if definition_col is not None else None
    return Skill(doc_id=doc_id, page=table.row_page(index), bbox=list(row[col].bbox), extractor="table:skills",
                 role=role, category=_category(table, row, col, kinds), name=name, definition=definition)


def skill_items(cell: Cell) -> list[str]:
    """The skills of one cell: its bulleted items, or the whole cell when it has none."""
    lead, items = split_list(cell.text)
    if items:
        return items
    return [lead] if lead else []


def _category(table: Table, row: list[Cell], col: int, kinds: dict[Column, list[int]]) -> str | None:
    """The row's category cell, else the skill column's header where there are several."""
    if Column.CATEGORY in kinds:
        return normalize_text(row[kinds[Column.CATEGORY][0]].text) or None
    if len(kinds[Column.SKILL]) > 1:
        return table.columns[col] or None
    return None


def _unresolved(doc_id: str, page: int, row: list[Cell], role_col: int | None) -> ExtractionWarning:
    text = normalize_text(row[role_col].text) if role_col is not None else ""
    return ExtractionWarning(doc_id=doc_id, page=page, kind="unknown_role",
                             message=f"skill row for {text or 'no role'!r} names no role of the document; skipped")


# ---------------------------------------------------------------- prose

def _skills_of_prose(document: Document, doc_id: str, roles: Sequence[Role]) -> list[Skill]:
    return [skill for items in _skill_sections(document) for item in items
            for skill in _skills_of_item(item, doc_id, roles)]


def _skill_sections(document: Document) -> list[list[ListItem | Heading]]:
    """The items of each section whose heading names skills or knowledge (down to the
    next heading of its depth or higher): its list items, and its sub-headings, which
    may be items numbered `(1)` printed short."""
    sections: list[list[ListItem | Heading]] = []
    section: Heading | None = None
    for page in document.pages:
        if page.contents:
            continue  # a table of contents repeats the headings
        for block in page.blocks:
            if isinstance(block, Heading) and (section is None or block.depth <= section.depth):
                section = block if any(w in block.title for w in SKILL_SECTION_WORDS) else None
                if section is not None:
                    sections.append([])
            elif section is not None and isinstance(block, (ListItem, Heading)):
                sections[-1].append(block)
    return sections


def _skills_of_item(item: ListItem | Heading, doc_id: str, roles: Sequence[Role]) -> list[Skill]:
    """`高度専門人材・・・マネジメント、ネットワーク…に関する高度な知識、スキルの習得。`
    → one skill per topic for the role named before the leader dots."""
    match = ROLE_LEADER.match(normalize_name(item.text if isinstance(item, ListItem) else item.title))
    if not match:
        return []
    names = resolve_roles(match["role"], roles)
    if not names:
        return []
    body = SKILL_SENTENCE_TAIL.sub("", match["body"].strip())
    topics = [t.strip() for t in SKILL_TOPIC_SEPARATOR.split(body) if t.strip()]
    return [Skill(doc_id=doc_id, page=item.page, bbox=list(item.bbox), extractor="prose:skills", role=name,
                  category=None, name=topic) for name in names for topic in topics]


def _skills_of_labelled_lists(document: Document, doc_id: str, roles: Sequence[Role]) -> list[Skill]:
    """A label such as `【求められる知識・スキル】` over bulleted items (the text lines of a
    page, outside its tables), in the section of a role heading: each item is one skill of
    that role, kept as printed."""
    skills: list[Skill] = []
    for page in document.pages:
        lines = page.text_lines
        right = max((ln.x1 for ln in lines), default=0.0)
        for index, label in enumerate(lines):
            if not SKILL_LIST_LABEL.match(normalize_text(label.text)):
                continue
            items = _items_below(lines[index + 1:], right)
            role = role_heading_above(document, page.number, label.top, roles, (label.x0, label.x1)) if items else None
            if role is None:
                continue
            category = SKILL_LABEL_MARKS.sub("", normalize_text(label.text)) or None
            skills += [Skill(doc_id=doc_id, page=page.number, bbox=list(first.bbox), extractor="prose:skills",
                             role=role, category=category, name=name) for first, name in items]
    return skills


def _skills_of_role_sentences(document: Document, doc_id: str, roles: Sequence[Role]) -> list[Skill]:
    """Skills given to a role in a sentence: one that introduces the list items right after it
    (`情報化推進員には、次の知識・スキルを求めます。` + `・業務フローの分析` …), one skill per
    item; or, in a section whose heading names skills, one listing them as topics
    (`情報化推進監は、A、Bを身に付けます。`), one skill per topic. The category is the
    section's heading."""
    skills: list[Skill] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        text = normalize_text(block.text)
        section = normalize_name(block.section_path[-1]) if block.section_path else None
        if intro := SKILL_LIST_INTRO.match(text):
            names = resolve_roles(intro["role"], roles)
            items = list(takewhile(lambda b: isinstance(b, ListItem), blocks[index + 1:]))
            found = [(item, normalize_name(item.text)) for item in items]
        elif (sentence := SKILL_ROLE_SENTENCE.match(text)) and section \
                and any(word in section for word in SKILL_SECTION_WORDS):
            names = resolve_roles(sentence["role"], roles)
            found = [(block, topic.strip()) for topic in SKILL_LIST_SEPARATOR.split(sentence["body"]) if topic.strip()]
        else:
            continue
        skills += [Skill(doc_id=doc_id, page=where.page, bbox=list(where.bbox), extractor="prose:skills",
                         role=name, category=section, name=skill)
                   for name in names[:1] for where, skill in found if skill]
    return skills


def _skills_of_figure_panels(document: Document, doc_id: str, roles: Sequence[Role]) -> list[Skill]:
    """A slide's diagram of one role's skills (quadrants or boxes around the role's name)
    under a heading saying what that role needs (`DX推進リーダーに求める4つの力`): each box
    whose first text is set larger than the texts under it (its heading) gives one skill per
    text under it, the box's heading its category."""
    matcher = RoleMatcher(roles)
    skills: list[Skill] = []
    for figure in document.blocks_of(Figure):
        title = normalize_text(figure.section_path[-1]) if figure.section_path else ""
        role = matcher.mentioned(title) if SKILL_NEED_HEADING.search(title) else None
        if role is None:
            continue
        for head, *items in (panel for panel in figure.panels() if len(panel) >= 2):
            if all(head.size >= item.size + HEADING_SIZE_STEP for item in items):
                skills += [Skill(doc_id=doc_id, page=figure.page, bbox=list(item.bbox), extractor="figure:skills",
                                 role=role, category=normalize_name(head.text), name=normalize_name(item.text))
                           for item in items]
    return skills


def _items_below(lines: Sequence[Line], right: float) -> list[tuple[Line, str]]:
    """(first line, item) of the bulleted items right below a label, all in the
    first item's type size (the label may be set smaller or larger; a line in
    another size is the next heading); a line continues the item above when
    that one ran to the right margin (it wrapped)."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and abs(line.size - groups[0][0].size) >= HEADING_SIZE_STEP:
            break
        opens_item = normalize_name(line.text) != normalize_text(line.text)
        if opens_item:
            groups.append([line])
        elif groups and groups[-1][-1].x1 >= right - 2 * line.size:
            groups[-1].append(line)
        else:
            break
    items = [(group[0], split_list("\n".join(ln.text for ln in group))[1]) for group in groups]
    return [(first, found[0]) for first, found in items if len(found) == 1]


def _unique(skills: list[Skill]) -> list[Skill]:
    """One skill per (role, category, name): a table cut by a page break may repeat a row."""
    seen: set[tuple[str, str | None, str]] = set()
    kept = []
    for skill in skills:
        key = (skill.role, skill.category, skill.name)
        if key not in seen:
            seen.add(key)
            kept.append(skill)
    return kept
