"""The roles (人材像) a policy defines: from role tables, role headings, and the
role column of skill and level tables.

Sources, in order of authority:

1. role tables: a role column (`人材モデル`, `職級`, `専門性` …, or a row key column of
   role names whatever its header) beside a description column (`役割`, `果たすべき役割`,
   or the one column of sentences right of it); a bulleted description cell gives its lead
   line (the bullets are duties); a further column under the description's
   header or headed `対象` says whom the role is drawn from (`target_group`);
2. where there is no role table, headings whose whole text is a role name
   (`1 一般行政職員`, `(2) DX推進リーダー`, `CIO 補佐官・高度専門人材`), printed
   larger than body text or enumerated;
   where there are neither role tables nor role headings, list items opening
   with a role name (`▶DX推進リーダー・・・…`, `・一般職員：…`); and the labels of a
   diagram (a slide's pyramid or stack of shapes) each defined by the paragraph printed
   beside it, which also give a role named by a heading its definition;
3. role cells of skill and level tables naming a role none of the above defined
   (`高度専門人材` in a `専門性 | 必要となるスキルの例` table), a cell naming
   several (`DX推進員/全庁DX推進担当`) giving each; role names heading the
   columns of a skill matrix (`スキル | 管理職 | 一般職員`) or level table.

A name is a new role only when it does not resolve to one already found
(`resolve_role_reference`: abbreviations, target groups). Canonical roles are
assigned once the document's whole role set is known, since it decides
between `leader` and `promoter`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from jinzai.extractors.layout import BBox, Line
from jinzai.extractors.model import Block, Document, Figure, Heading, ListItem, Paragraph, TableBlock
from jinzai.extractors.model.headings import HEADING_SIZE_STEP, is_larger, numbering
from jinzai.extractors.model.tables import Cell, Table
from jinzai.extractors.policy.cell_evidence import (
    filled_cells,
    holds_item_lists,
    holds_sentences,
    key_column,
    names_roles,
    titled,
)
from jinzai.extractors.policy.vocabulary import (
    APPOINTED_ROLE,
    ASSISTING_WORDS,
    BROUGHT_IN_FROM_OUTSIDE,
    DEFINES_PEOPLE,
    GENERIC_HEADER_LABELS,
    NOT_IN_ROLE_NAMES,
    ROLE_LEADER,
    ROLE_LIST_SEPARATOR,
    ROLE_NOUN_ENDINGS,
    SKILL_SECTION_WORDS,
    TOPIC_MARKER,
    Column,
    TableKind,
    column_kind,
    columns_by_kind,
    is_role_label,
    table_kind,
)
from jinzai.models import ExtractionWarning, Role
from jinzai.normalizers.roles import canonical_role, resolve_role_reference
from jinzai.normalizers.text import normalize_name, normalize_text, split_list

# Role names are short; a longer line is a sentence that mentions roles.
_MAX_ROLE_NAME = 30
# Compound headings join role names with these (`CIO補佐官・高度専門人材`).
_COMPOUND_SEPARATOR = "・"
# A parenthetical note after a name.
_NOTE = re.compile(r"\(.*\)$")
# A label introducing a field (`目標人数：`).
_LABEL = re.compile(r"^[^。]{1,15}[:：]")
# A definition beside a diagram's label may stand this share of the label's height above or below it.
_HEIGHT_SLACK = 0.5
# A heading on the same page governs what lies under it or starts at most this many ems
# right of its end (a body indented past a short heading); further right is another column.
_COLUMN_REACH_EMS = 4


@dataclass
class RoleDraft:
    """A role as found, before its canonical role is known."""

    name: str
    page: int
    bbox: BBox | None
    source: str
    description: str | None = None
    target_group: str | None = None
    aliases: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- public

def extract_roles(
    document: Document, doc_id: str, tables: Sequence[Table],
) -> tuple[list[Role], list[ExtractionWarning]]:
    """The document's roles, in the order it introduces them, and warnings for
    names the synonym dictionary does not know. `tables`: the document's tables, upright."""
    drafts: list[RoleDraft] = []
    for table in tables:
        if kind_of(table) is TableKind.ROLES:
            _add_all(drafts, _roles_of_role_table(table))
    if not drafts:  # a role table is the definition; headings naming roles then head other matters
        _add_all(drafts, _roles_of_headings(document))
        _add_all(drafts, _roles_of_labelled_paragraphs(document, {draft.page for draft in drafts}))
    if not drafts:  # no role table nor role headings: roles defined in list items
        _add_all(drafts, _roles_of_list_items(document))
        _add_all(drafts, _roles_of_bulleted_names(document))
    for table in tables:
        if kind_of(table) in (TableKind.SKILLS, TableKind.LEVELS):
            _add_all(drafts, _roles_named_in_role_column(table))
        if kind_of(table) is TableKind.SKILLS or list(header_kinds(table)) == [Column.LEVEL]:
            _add_all(drafts, _roles_heading_matrix_columns(table))
    # a diagram's labels, each defined beside it: roles, or the definition of a role a heading
    # named; after the tables, whose cells define a role more fully than a diagram's caption
    _add_all(drafts, _roles_labelling_definitions(document))
    _add_all(drafts, _roles_of_appointing_sentences(document))
    return _finish(drafts, doc_id)


def header_kinds(table: Table) -> dict[Column, list[int]]:
    """Column indices per kind, read from the table's header labels and, where they say
    little, from its cells and titles (`cell_evidence`). In a table that only says whom
    (`対象者`) and which skills, the target column is the role column (`対象者 | 求められる
    知識・スキル`); so is a `区分` column whose cells are role names, and the row key column
    (the first not numbering the rows) when its header names no kind and its cells are role
    names (`タイプ | ミッション`, a blank corner, `項目`). A column of no kind holding sentences,
    the only one right of the role column, describes the roles; under a title naming skills (`表2 タイプ別の
    知識・スキル`), a column headed by no kind or a word saying nothing of it (`内容`) whose
    cells list items holds the skills."""
    kinds = columns_by_kind([table.header_path(c) for c in range(table.n_cols)])
    typed = {col for cols in kinds.values() for col in cols}
    if Column.ROLE not in kinds and Column.TARGET_GROUP in kinds and Column.SKILL in kinds \
            and len(typed) == table.n_cols and set(kinds) <= _WHOM_AND_SKILLS:
        kinds[Column.ROLE] = kinds.pop(Column.TARGET_GROUP)
    if Column.ROLE not in kinds and Column.CATEGORY in kinds \
            and names_roles(filled_cells(table, kinds[Column.CATEGORY][0])):
        kinds[Column.ROLE] = [kinds[Column.CATEGORY].pop(0)]  # `区分 | 役割` with a role per 区分
        if not kinds[Column.CATEGORY]:
            del kinds[Column.CATEGORY]
    key = key_column(table)
    if Column.ROLE not in kinds and table.n_cols > 1 and key is not None and key not in typed \
            and names_roles(filled_cells(table, key)):
        kinds[Column.ROLE] = [key]
    if Column.ROLE in kinds:
        _kinds_by_cells(table, kinds)
    return kinds


def _kinds_by_cells(table: Table, kinds: dict[Column, list[int]]) -> None:
    """Beside a role column, the kinds the cells and titles give columns whose header does not
    say (see `header_kinds`); `kinds` is updated in place."""
    role_col = kinds[Column.ROLE][0]
    typed = {col for cols in kinds.values() for col in cols}
    saying_nothing = [col for col in range(table.n_cols) if col > role_col
                      and (col not in typed or table.columns[col] in GENERIC_HEADER_LABELS)]
    if Column.SKILL not in kinds and titled(table, SKILL_SECTION_WORDS):
        listing = next((col for col in saying_nothing if holds_item_lists(filled_cells(table, col))), None)
        if listing is not None:
            for cols in kinds.values():
                if listing in cols:
                    cols.remove(listing)
            kinds[Column.SKILL] = [listing]
            for kind in [kind for kind, cols in kinds.items() if not cols]:
                del kinds[kind]
            return
    beside = list(range(role_col + 1, table.n_cols))
    if not {Column.DESCRIPTION, Column.DEFINITION, Column.SKILL} & set(kinds) and len(beside) == 1 \
            and beside[0] not in typed and holds_sentences(filled_cells(table, beside[0])):
        kinds[Column.DESCRIPTION] = beside  # the shape of a definition list: a role, then what it does


# The column kinds of a table naming whom and their skills, nothing else.
_WHOM_AND_SKILLS = frozenset({Column.TARGET_GROUP, Column.SKILL, Column.CATEGORY, Column.DEFINITION})


def kind_of(table: Table) -> TableKind | None:
    """What the table defines (roles, skills, levels), from its header words."""
    return table_kind(header_kinds(table))


def resolve_roles(text: str, roles: Sequence[Role]) -> list[str]:
    """The document roles a cell or phrase names: several joined by `/` or `、`
    (`DX推進員/全庁DX推進担当`, each part naming a role), one, or none."""
    names = [r.name for r in roles]
    groups = {r.name: r.target_group for r in roles if r.target_group}
    parts = [p for p in ROLE_LIST_SEPARATOR.split(normalize_name(text)) if p.strip()]
    if len(parts) > 1:
        found = [_resolve(p, roles, names, groups) for p in parts]
        if all(found):
            return list(dict.fromkeys(f for f in found if f))
    whole = _resolve(text, roles, names, groups)
    return [whole] if whole else []


def role_columns(table: Table, kinds: dict[Column, list[int]], roles: Sequence[Role]) -> dict[int, str]:
    """{column: role} for columns headed by a document role (`推進リーダー`), as in a
    matrix with one row per skill and a mark (●/○) per role."""
    found = {}
    for col in _unnamed_columns(table, kinds):
        names = resolve_roles(table.columns[col], roles) if table.columns[col] else []
        if len(names) == 1:
            found[col] = names[0]
    return found


def _unnamed_columns(table: Table, kinds: dict[Column, list[int]]) -> list[int]:
    """The columns whose own (lowest) header label names no kind of column: those of no
    kind, and those under a band whose word gave them one (`求めるレベル` over
    `管理職 | 一般職員`: the band says what the cells hold, each label whose column it is)."""
    typed = {col for cols in kinds.values() for col in cols}
    return [col for col in range(table.n_cols) if col not in typed or column_kind(table.columns[col]) is None]


def _resolve(text: str, roles: Sequence[Role], names: list[str], groups: dict[str, str]) -> str | None:
    name = normalize_name(text)
    for role in roles:
        if name in role.aliases:
            return role.name
    return resolve_role_reference(name, names, groups)


def role_heading_above(
    document: Document, page: int, top: float, roles: Sequence[Role], span: tuple[float, float] | None = None,
) -> str | None:
    """The role of the section a point of the page is in: walking back over the
    document model's headings above it, the first that names a document role, unless
    a heading of its depth or higher (its rank or a larger one) comes first. With
    `span` (x0, x1 of what is placed there), a heading on the same page counts only
    in its column: cards or columns side by side each have their own heading."""
    passed = None  # the highest rank (least depth) of the headings walked over
    for heading in reversed(_headings_above(document, page, top, span)):
        name = _heading_role_name(heading, roles)
        if name is not None:
            return name if passed is None or heading.depth < passed else None
        passed = heading.depth if passed is None else min(passed, heading.depth)
    return None


def role_of_table(document: Document, table: Table, roles: Sequence[Role]) -> str | None:
    """The role a table without a role column is about: the role heading of its section,
    else the role the sentence introducing it is about (`role_introducing`)."""
    return role_heading_above(document, table.page, table.bbox[1], roles) or role_introducing(document, table, roles)


def role_introducing(document: Document, table: Table, roles: Sequence[Role]) -> str | None:
    """The role the text right above a table is about (`DXサポーターは、次の3つのステップに
    より育成します。`): walking back over the paragraphs between the table and the heading
    above it (a caption among them), in the nearest one's first sentence naming a role, the
    role its topic (the words before `は`) names last — the head of `業務改革リーダーを補佐する
    DXサポーターは` — else the one role the sentence names."""
    for block in reversed(_blocks_before(document, table)):
        if not isinstance(block, Paragraph):
            return None  # a heading, list, figure or another table: no sentence introduces this one
        for sentence in normalize_text(block.text).split("。"):
            named = _roles_by_position(sentence, roles)
            if not named:
                continue
            topic = TOPIC_MARKER.search(sentence)
            in_topic = [name for start, name in named if topic and start < topic.start()]
            if in_topic:
                return in_topic[-1]
            return named[0][1] if len({name for _, name in named}) == 1 else None
    return None


def _blocks_before(document: Document, table: Table) -> list[Block]:
    """The document's blocks in reading order before the block of `table` (none when the
    table is no block of the document, as a table built by a caller)."""
    blocks = document.blocks
    index = next((i for i, b in enumerate(blocks) if isinstance(b, TableBlock) and b.page == table.page
                  and b.table.bbox == table.bbox), 0)
    return blocks[:index]


def _roles_by_position(text: str, roles: Sequence[Role]) -> list[tuple[int, str]]:
    """(offset, role) of each mention of a document role (by its name or an alias) in the
    text, left to right; a name inside a longer one mentioned there (`推進員` in
    `デジタル推進員`) is no mention of its own."""
    spans = [(m.start(), m.end(), role.name) for role in roles for name in {role.name, *role.aliases}
             for m in re.finditer(re.escape(name), text)]
    return sorted((start, name) for start, end, name in spans
                  if not any(s <= start and end <= e and e - s > end - start for s, e, _ in spans))


def _headings_above(
    document: Document, page: int, top: float, span: tuple[float, float] | None,
) -> list[Heading]:
    """The headings of the pages before `page` (not of a table of contents) and those
    of `page` ending above `top` (in the column of `span`), in reading order."""
    before = [b for p in document.pages[:page - 1] if not p.contents for b in p.blocks if isinstance(b, Heading)]
    on_page = [b for b in document.page_blocks(page) if isinstance(b, Heading) and b.bbox[3] <= top
               and (span is None or _same_column(b, span))]
    return before + on_page


def _same_column(block: Block, span: tuple[float, float]) -> bool:
    """A block over `span` or ending just left of it (a heading indented less than its body)."""
    return block.bbox[0] <= span[1] and block.bbox[2] >= span[0] - _COLUMN_REACH_EMS * _largest(block).size


def _largest(block: Block) -> Line:
    """A block's line printed largest: its type size is the block's."""
    return max(block.lines, key=lambda line: line.size)


def _heading_role_name(heading: Heading, roles: Sequence[Role]) -> str | None:
    """The document role a heading names (by its name or the first of a `・` compound)."""
    name = normalize_name(heading.title)
    first = name.split(_COMPOUND_SEPARATOR)[0]
    if not _shaped_like_role(first):
        return None
    named = resolve_roles(first, roles)
    return named[0] if len(named) == 1 else None


# ---------------------------------------------------------------- role tables

def _roles_of_role_table(table: Table) -> list[RoleDraft]:
    kinds = header_kinds(table)
    role_col = kinds[Column.ROLE][0]
    desc_col = (kinds.get(Column.DESCRIPTION) or kinds[Column.DEFINITION])[0]
    group_col = _target_group_column(table, kinds, desc_col)
    drafts = []
    for index, row in enumerate(table.rows):
        name = normalize_name(row[role_col].text)
        if not _plausible_name(name):
            continue
        group = normalize_text(row[group_col].text) if group_col is not None else None
        drafts.append(RoleDraft(
            name=name, page=table.row_page(index), bbox=row[role_col].bbox, source="table:roles",
            description=_lead_text(row[desc_col]), target_group=group or None, aliases=_bare_name(name),
        ))
    return drafts


def _bare_name(name: str) -> list[str]:
    """The name without its trailing note (`DX推進リーダー(各課1名)` → `DX推進リーダー`),
    which other tables of the document use for the role; [] without a note."""
    bare = _NOTE.sub("", name)
    return [bare] if bare != name and _plausible_name(bare) else []


def _target_group_column(table: Table, kinds: dict[Column, list[int]], desc_col: int) -> int | None:
    """A column headed `対象`, else one sharing the description's header cell
    (an unlabeled column under a header spanning both)."""
    if Column.TARGET_GROUP in kinds:
        return kinds[Column.TARGET_GROUP][0]
    header = table.header[-1]
    shared = [c for c in range(table.n_cols) if c != desc_col and header[c] is header[desc_col]]
    return shared[0] if shared else None


def _lead_text(cell: Cell) -> str | None:
    """A description cell's text; of a bulleted cell, the lead line above the bullets."""
    lead, items = split_list(cell.text)
    if items:
        return lead
    return normalize_text(cell.text) or None


# ---------------------------------------------------------------- role columns of other tables

def _roles_named_in_role_column(table: Table) -> list[RoleDraft]:
    kinds = header_kinds(table)
    if Column.ROLE not in kinds:
        return []
    role_col = kinds[Column.ROLE][0]
    skill_col = kinds.get(Column.SKILL, [None])[0]
    duty_col = kinds.get(Column.DESCRIPTION, [None])[0]  # `人材像 | 役割 | 必要なスキル`
    drafts = []
    for index, row in enumerate(table.rows):
        text = normalize_name(row[role_col].text)
        names = [text] if _plausible_name(text) else []
        if not names or ROLE_LIST_SEPARATOR.search(text):
            names = [p for p in (normalize_name(x) for x in ROLE_LIST_SEPARATOR.split(text)) if _plausible_name(p)]
        if duty_col is not None:
            description = _lead_text(row[duty_col])
        else:
            description = _lead_of_bulleted(row[skill_col]) if skill_col is not None else None
        drafts.extend(RoleDraft(name=n, page=table.row_page(index), bbox=row[role_col].bbox,
                                source="table:roles", description=description) for n in names)
    return drafts


def _roles_heading_matrix_columns(table: Table) -> list[RoleDraft]:
    """Roles heading the columns of a skill matrix (`スキル | 管理職 | 監督職 | 一般職員`)
    or of a level table (`レベル | 管理職 | 一般職員`), where the document may name
    them nowhere else: headers that are role names."""
    kinds = header_kinds(table)
    if Column.ROLE in kinds:
        return []
    return [RoleDraft(name=table.columns[col], page=table.page, bbox=table.header[-1][col].bbox,
                      source="table:roles")
            for col in _unnamed_columns(table, kinds) if is_role_label(table.columns[col])]


def _lead_of_bulleted(cell: Cell) -> str | None:
    lead, items = split_list(cell.text)
    return lead if items else None


# ---------------------------------------------------------------- headings, list items, sentences

def _roles_of_headings(document: Document) -> list[RoleDraft]:
    """Roles named by the document model's headings. A heading whose name the dictionary
    does not know counts when it is shaped like a role name and a neighbouring heading
    of its rank (depth and numbering) is a known role: `3 デジタル伴走サポーター`
    between `2 DX推進員` and `4 全庁情報システム担当`."""
    headings = [(b, below) for b, below in _with_text_below(document) if isinstance(b, Heading)]
    known = [_heading_role(heading, document.body_size) for heading, _ in headings]
    drafts = []
    for index, ((heading, below), draft) in enumerate(zip(headings, known)):
        name = normalize_name(heading.title)
        if draft is None and _shaped_like_role(name) and any(
            known[n] is not None and _same_rank(headings[n][0], heading)
            for n in (index - 1, index + 1) if 0 <= n < len(headings)
        ):
            draft = RoleDraft(name=name, page=heading.page, bbox=heading.bbox, source="heading:roles")
        if draft is not None:
            draft.description = _first_sentence(below, document.body_size)
            drafts.append(draft)
    return drafts


def _roles_of_labelled_paragraphs(document: Document, pages: set[int]) -> list[RoleDraft]:
    """On the pages defining roles under headings, a known role's name printed apart at the
    start of a row (a line of its own: a label in other type, or across a gap) beside a
    sentence describing it (`全職員　オンライン手続を…使いこなす。`): the band a slide adds
    under its role cards for everyone else."""
    drafts = []
    for page in document.pages:
        if page.number not in pages:
            continue
        for index, block in enumerate(page.blocks):
            if not isinstance(block, Paragraph):
                continue
            label, beside = _label_and_beside(block, page.blocks[index + 1:index + 2])
            name = normalize_name(label.text)
            if not beside or not _known(name) or "。" not in _printed(beside):
                continue
            description = _first_sentence(beside, beside[0].size)  # in the band's own type
            if description is not None:
                drafts.append(RoleDraft(name=name, page=block.page, bbox=label.bbox, source="prose:roles",
                                        description=description))
    return drafts


def _label_and_beside(block: Paragraph, following: Sequence[Block]) -> tuple[Line, list[Line]]:
    """A paragraph's first piece of its first row, and the text beside it on that row with
    what follows: the rest of the paragraph, or, when the piece is the whole paragraph, the
    paragraph printed right of it on its row (a label the document model set apart from its
    text across a wide gap); no text when nothing stands beside the piece."""
    first, rest = _first_printed_line(block)
    label, *beside = sorted(first, key=lambda line: line.x0)
    if beside:
        return label, [*beside, *rest]
    if not rest and following and isinstance(following[0], Paragraph):
        row, below = _first_printed_line(following[0])
        if row[0].x0 > label.x1 and row[0].top <= (label.top + label.bottom) / 2 <= row[0].bottom:
            return label, [*sorted(row, key=lambda line: line.x0), *below]
    return label, []


def _roles_of_list_items(document: Document) -> list[RoleDraft]:
    """List items that open with a known role name and a leader or colon
    (`▶DX推進リーダー・・・デジタルを活用した業務改善…`), the rest their description."""
    drafts = []
    for item in document.blocks_of(ListItem):
        match = ROLE_LEADER.match(normalize_name(item.text))
        if match and _known(match["role"].strip()):
            drafts.append(RoleDraft(name=match["role"].strip(), page=item.page, bbox=item.bbox,
                                    source="prose:roles", description=match["body"].strip()))
    return drafts


def _roles_of_appointing_sentences(document: Document) -> list[RoleDraft]:
    """Roles a sentence creates by appointing people under a quoted name
    (`外部人材を「CIO補佐官」として登用します`); the name must be shaped like a
    role. The first sentence opening with the name (`CIO補佐官は、…`) describes it."""
    drafts = []
    for block in _prose(document):
        for match in APPOINTED_ROLE.finditer(block.text):
            name = normalize_name(match["name"])
            if _shaped_like_role(name) and not _find(drafts, name):
                line = next((ln for ln in block.lines if name in normalize_name(ln.text)), None)
                drafts.append(RoleDraft(name=name, page=block.page, bbox=line.bbox if line else block.bbox,
                                        source="prose:roles", description=_sentence_about(document, name)))
    return drafts


def _sentence_about(document: Document, name: str) -> str | None:
    """The first sentence of the document that opens with `<name>は`."""
    for block in _prose(document):
        found = re.search(rf"(?:^|。){re.escape(name)}は[^。]*。", block.text)
        if found:
            return found.group(0).lstrip("。")
    return None


def _prose(document: Document) -> list[Paragraph | ListItem]:
    """The paragraphs and list items of the document, in reading order."""
    return [b for b in document.blocks if isinstance(b, (Paragraph, ListItem))]


def _roles_of_bulleted_names(document: Document) -> list[RoleDraft]:
    """Bulleted or numbered lines that are a role's name alone (`◆DX推進リーダー`,
    `■データ活用担当`), each followed by the paragraph defining it (the rest of its list
    item, or the blocks below): a role when the dictionary knows the name or the
    paragraph's first sentence says whom it is about (`…職員です。`)."""
    drafts = []
    for block, below in _with_text_below(document):
        if not isinstance(block, (ListItem, Heading)):
            continue
        first, rest = _first_printed_line(block)
        name = normalize_name(_printed(first))
        if name == normalize_text(_printed(first)) or not _shaped_like_role(name):
            continue  # no bullet or number in front, or not a name of people
        description = _first_sentence(chain(rest, below), document.body_size)
        if _known(name) or description and DEFINES_PEOPLE.search(description):
            drafts.append(RoleDraft(name=name, page=block.page, bbox=block.bbox,
                                    source="prose:roles", description=description))
    return drafts


def _roles_labelling_definitions(document: Document) -> list[RoleDraft]:
    """A slide's diagram of roles — a pyramid or stack of shapes, each holding a role's name,
    its definition printed beside it — read as the names and their definitions: on one page,
    two labels or more (the cells of a table of no known kind, a figure's texts, headings)
    shaped like role names, two of them known, each with a paragraph to its right at its
    height, or within half its height of it (the one sharing most of it)."""
    drafts: list[RoleDraft] = []
    for page in document.pages:
        paragraphs = [b for b in page.blocks if isinstance(b, Paragraph)]
        found = []
        for name, box in _diagram_labels(page.blocks):
            reach = -_HEIGHT_SLACK * (box[3] - box[1])
            beside = [p for p in paragraphs if p.bbox[0] >= box[2] - 1 and _height_shared(p.bbox, box) >= reach]
            if _shaped_like_role(name) and beside:
                definition = max(beside, key=lambda p: (_height_shared(p.bbox, box), -p.bbox[0]))
                found.append(RoleDraft(name=name, page=page.number, bbox=box, source="figure:roles",
                                       description=normalize_text(definition.text)))
        if len(found) >= 2 and sum(_known(d.name) for d in found) >= 2:
            drafts += found
    return drafts


def _diagram_labels(blocks: Sequence[Block]) -> Iterator[tuple[str, BBox]]:
    """(name, box) of the short texts a diagram may label with: cells of tables no reader
    takes, figure texts, headings."""
    for block in blocks:
        if isinstance(block, TableBlock) and kind_of(block.table) is None:
            cells = {id(c): c for row in [*block.table.header, *block.table.rows] for c in row if not c.empty}
            yield from ((normalize_name(c.text), c.bbox) for c in cells.values())
        elif isinstance(block, Figure):
            yield from ((normalize_name(line.text), line.bbox) for line in block.lines)
        elif isinstance(block, Heading):
            yield normalize_name(block.title), block.bbox


def _height_shared(a: BBox, b: BBox) -> float:
    """How much of their heights two boxes share (negative: the gap between them)."""
    return min(a[3], b[3]) - max(a[1], b[1])


def _first_printed_line(block: Block) -> tuple[list[Line], list[Line]]:
    """A block's first printed line (its pieces: `1` and `DX推進員` printed apart) and the lines after it."""
    top = block.lines[0]
    on_it = [line for line in block.lines if top.top <= (line.top + line.bottom) / 2 <= top.bottom]
    return on_it, [line for line in block.lines if all(line is not piece for piece in on_it)]


def _with_text_below(document: Document) -> Iterator[tuple[Block, Iterator[Line]]]:
    """(block, the lines printed below it) for every block outside tables of contents,
    in reading order."""
    for page in document.pages:
        if not page.contents:
            for index, block in enumerate(page.blocks):
                yield block, _text_below(block, page.blocks, index + 1)


def _text_below(block: Block, blocks: Sequence[Block], start: int) -> Iterator[Line]:
    """The lines of the paragraphs and list items from `blocks[start]` on that lie in the
    column of `block`, down to the next heading, table or figure there (cards printed side
    by side may be read as one paragraph running across them: only its lines in the column).
    Lazy: a reader takes only the lines it needs."""
    for other in (blocks[i] for i in range(start, len(blocks))):
        if not _same_column(block, (other.bbox[0], other.bbox[2])):
            continue
        if not isinstance(other, (Paragraph, ListItem)):
            return
        yield from (line for line in other.lines if _same_column(block, (line.x0, line.x1)))


def _same_rank(a: Heading, b: Heading) -> bool:
    """Two headings of one rank: at one depth of the document model, numbered alike."""
    return a.depth == b.depth and numbering(_label(a)) == numbering(_label(b))


def _label(heading: Heading) -> str:
    return f"{heading.numbering} {heading.title}" if heading.numbering else heading.title


def _printed(lines: Sequence[Line]) -> str:
    """Lines' text as printed, joined by spaces (a heading's number and title printed apart)."""
    return " ".join(line.text for line in lines)


def _heading_role(heading: Heading, body: float) -> RoleDraft | None:
    """A heading that is a role name, or role names joined by `・` (named by the
    first; the whole heading and the other names become aliases). A heading in
    body type (only its enumerator marks it) must be the bare name, without
    a note such as `(①②以外の職員)`."""
    name = normalize_name(heading.title)
    parts = name.split(_COMPOUND_SEPARATOR)
    if len(parts) > 1 and all(_known(p) for p in parts):
        return RoleDraft(name=parts[0], page=heading.page, bbox=heading.bbox, source="heading:roles",
                         aliases=[name, *parts[1:]])
    if _known(name) and (is_larger(_largest(heading), body) or not _NOTE.search(name)):
        return RoleDraft(name=name, page=heading.page, bbox=heading.bbox, source="heading:roles")
    return None


def _known(name: str) -> bool:
    """A role name the dictionary knows, shaped like one."""
    return _shaped_like_role(name) and canonical_role(name, [name])[1]


def _shaped_like_role(name: str) -> bool:
    """A noun phrase naming people (`全庁情報システム担当`), not a phrase that
    mentions a role (`外部人材の活用`, `各所属でDX推進リーダーに指名された職員`)."""
    bare = _NOTE.sub("", name)
    return _plausible_name(name) and bare.endswith(ROLE_NOUN_ENDINGS) and not NOT_IN_ROLE_NAMES.search(bare)


def _first_sentence(lines: Iterable[Line], body: float) -> str | None:
    """The first sentence of the paragraph below a heading (its lines in body type); none
    where the paragraph opens with a label (`目標人数：`), which introduces something else."""
    text = ""
    for line in lines:
        if abs(line.size - body) > HEADING_SIZE_STEP:
            break
        if not text and _LABEL.search(normalize_text(line.text)):
            return None
        text += line.text + "\n"
        if "。" in line.text:
            break
    sentence = normalize_text(text).split("。")[0]
    return sentence + "。" if sentence else None


# ---------------------------------------------------------------- assembling

def _plausible_name(name: str) -> bool:
    return 1 < len(name) <= _MAX_ROLE_NAME and "。" not in name


def _add_all(drafts: list[RoleDraft], new: Sequence[RoleDraft]) -> None:
    """Add the roles not already known by name, alias or target group; a known
    one gains a description or target group it lacked."""
    for draft in new:
        existing = _find(drafts, draft.name)
        if existing is None:
            drafts.append(draft)
            continue
        existing.description = existing.description or draft.description
        existing.target_group = existing.target_group or draft.target_group


def _find(drafts: list[RoleDraft], name: str) -> RoleDraft | None:
    """The role already found that `name` refers to: by name or alias, or by
    reference (`推進リーダー`, a target group) where that does not change the
    kind of role (`一般行政職員(管理監督職)` is not `一般行政職員`)."""
    named = next((d for d in drafts if d.name == name), None) or next((d for d in drafts if name in d.aliases), None)
    if named is not None:  # a role's own name before another's alias
        return named
    names = [d.name for d in drafts]
    groups = {d.name: d.target_group for d in drafts if d.target_group}
    resolved = resolve_role_reference(name, names, groups)
    if resolved is None:
        return None
    # the name's own kind beside the document's other roles: an abbreviation (`推進員` for
    # デジタル推進員) is not below a leader because the role it abbreviates is one
    own, known = canonical_role(name, [n for n in names if n != resolved])
    if known and own != canonical_role(resolved, names)[0]:
        return None
    return next((d for d in drafts if d.name == resolved), None)


def _assists_a_leader(draft: RoleDraft, drafts: list[RoleDraft], names: list[str]) -> bool:
    """Whether a role's description says it assists another leader of the document
    (`業務改革推進員を補佐し…`): two roles both read as leaders, the assistant is the
    promoter under the other."""
    text = draft.description or ""
    return any(other is not draft and canonical_role(other.name, names)[0] == "leader"
               and re.search(rf"{re.escape(other.name)}(?:を|の)(?:{ASSISTING_WORDS})", text)
               for other in drafts)


def _finish(drafts: list[RoleDraft], doc_id: str) -> tuple[list[Role], list[ExtractionWarning]]:
    names = [d.name for d in drafts]
    roles, warnings = [], []
    for draft in drafts:
        canonical, known = canonical_role(draft.name, names)
        if canonical == "leader" and _assists_a_leader(draft, drafts, names):
            canonical = "promoter"
        if draft.description and BROUGHT_IN_FROM_OUTSIDE.search(draft.description):
            canonical, known = "external", True
        aliases = [a for a in draft.aliases if a not in names]  # another role's own name is no alias
        if draft.target_group and canonical_role(draft.target_group, names)[1] \
                and _find([d for d in drafts if d is not draft], draft.target_group) is None:
            aliases.append(draft.target_group)  # `管理職` names the role drawn from 管理職
        roles.append(Role(
            doc_id=doc_id, page=draft.page, bbox=list(draft.bbox) if draft.bbox else None,
            extractor=draft.source, name=draft.name, canonical=canonical, description=draft.description,
            aliases=aliases, target_group=draft.target_group, flagged=not known,
        ))
        if not known:
            warnings.append(ExtractionWarning(
                doc_id=doc_id, page=draft.page, kind="unknown_role",
                message=f"role {draft.name!r} is not in the synonym dictionary; canonical role "
                        f"{'guessed as ' + canonical if canonical else 'left empty'}",
            ))
    return roles, warnings
