"""Goal tables recognised by what their cells hold, whatever their headers say.

A table states goals per role when, whatever its header words (`区分 | 確保の方法 |
人数 | 時期`, `人材 | 目標 | 期限` …), one column names roles of the document,
another holds counts of people or shares (`1名`, `20人`, `100%`) and, optionally,
one holds fiscal years (`令和7年度`, `令和8年度まで`). Each row with a count is one
target for its role, in the year its year cell gives (none where it gives none).
A column whose header says it is a baseline (`現状値`, `実績`) is no goal; tables
with a header row of years are the year tables of `targets`. The metric is the
one the role cell (`DX推進リーダーの育成数` → 育成人数), another label cell of the row
(`基礎的な研修の修了率`), the count's header or the table's caption names (`外部人材の確保` → 確保人数), else the unit's default. A KPI
table (`指標 | 現状値 | 目標値 | 目標年度`) is one such table: its baseline is no goal.

A role (or role and skill) table may state in a role's own row how many are placed (`各課に1名以上を
配置する`, `部局長が1名を指名する`): each such placement is a target of that role
(metric 配置, no fiscal year).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jinzai.extractors.model import TableBlock
from jinzai.extractors.policy.plan_vocabulary import BASELINE_WORDS, DEFAULT_METRIC, GOAL_COLUMN_WORDS, PER_UNIT_METRIC
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.model.tables import Cell, Table
from jinzai.extractors.policy.roles import header_kinds, kind_of
from jinzai.extractors.policy.targets import fiscal_year, goals_in_sentence, named_metric
from jinzai.extractors.policy.vocabulary import Column, TableKind
from jinzai.models import Role, Target
from jinzai.normalizers.numbers import parse_quantity

EXTRACTOR = "table:targets"
# A count cell is short (`1名`, `20人程度`); a longer cell is a sentence mentioning one.
_MAX_COUNT_CELL = 10
# Share of a column's filled cells that must hold its kind of content.
_ROLE_SHARE = 2 / 3
_COUNT_SHARE = 1 / 2
_YEAR_SHARE = 1 / 2


def count_table_targets(blocks: Sequence[TableBlock], doc_id: str, roles: RoleMatcher) -> list[Target]:
    """Targets of the document's role × count tables (the document model's table blocks:
    their columns are told by their cells, whatever their header words)."""
    if not roles.names:
        return []
    return [target for block in blocks for target in _targets_of(block.table, block.caption or "", doc_id, roles)]


def _is_count(text: str) -> bool:
    if not text or len(text) > _MAX_COUNT_CELL:
        return False
    quantity = parse_quantity(text)
    return quantity is not None and quantity.unit in ("人", "%") and quantity.value is not None


def _filled(table: Table, col: int) -> list[str]:
    return [row[col].normalized for row in table.rows if not row[col].empty]


def _share(cells: Sequence[str], test: Callable[[str], object]) -> float:
    return sum(bool(test(c)) for c in cells) / len(cells) if cells else 0.0


def _targets_of(table: Table, caption: str, doc_id: str, roles: RoleMatcher) -> list[Target]:
    if not table.header or len(table.rows) < 1 or any(
            fiscal_year(table.header[-1][c].normalized) for c in range(table.n_cols) if not _is_baseline(table, c)):
        return []  # a goal column headed by its year: a year table (a baseline's year, `策定時(R6)`, is none)
    role_col = next((c for c in range(table.n_cols)
                     if len(_filled(table, c)) >= 2 and _share(_filled(table, c), roles.resolve) >= _ROLE_SHARE), None)
    if role_col is None:
        return []
    counts = [c for c in range(table.n_cols) if c != role_col and not _is_baseline(table, c)
              and _share(_filled(table, c), _is_count) >= _COUNT_SHARE]
    goal = [c for c in counts if any(w in "".join(table.header_path(c)) for w in GOAL_COLUMN_WORDS)]
    if len(goal or counts) != 1:
        return []  # no count column, or several none of which says it is the goal
    count_col = (goal or counts)[0]
    year_col = next((c for c in range(table.n_cols) if c not in (role_col, count_col)
                     and _share(_filled(table, c), fiscal_year) >= _YEAR_SHARE), None)
    label = "".join(table.header_path(count_col)) + caption
    targets = []
    for index, row in enumerate(table.rows):
        role = roles.resolve(row[role_col].normalized)
        text = row[count_col].normalized
        if role is None or not _is_count(text):
            continue
        quantity = parse_quantity(text)
        assert quantity is not None  # checked by _is_count
        year = fiscal_year(row[year_col].normalized) if year_col is not None else None
        targets.append(Target(
            doc_id=doc_id, page=table.row_page(index), bbox=list(row[count_col].bbox), extractor=EXTRACTOR,
            role=role, metric=named_metric(row[role_col].normalized, quantity.unit)
            or _named_in_row(row, (role_col, count_col), quantity.unit)
            or named_metric(label, quantity.unit) or DEFAULT_METRIC[quantity.unit or "人"],
            value=quantity.value, unit=quantity.unit, fiscal_year=year,
            text_raw=" ".join(_row_text(row)), qualifier=quantity.qualifier,
        ))
    return targets


def _named_in_row(row: Sequence[Cell], skip: tuple[int, ...], unit: str | None) -> str | None:
    """The metric a label cell of the row names (an indicator column: `基礎的な研修の修了率`)."""
    return next((metric for col, cell in enumerate(row) if col not in skip
                 and (metric := named_metric(cell.normalized, unit))), None)


def _is_baseline(table: Table, col: int) -> bool:
    return any(w in "".join(table.header_path(col)) for w in BASELINE_WORDS)


def _row_text(row: Sequence[Cell]) -> list[str]:
    return list(dict.fromkeys(cell.normalized for cell in row if not cell.empty))


def placements_in_role_tables(tables: Sequence[Table], doc_id: str, roles: RoleMatcher) -> list[Target]:
    """Placements a role table states in a role's row (`各課に1名以上を配置する`)."""
    targets = []
    for table in tables:
        kinds = header_kinds(table)
        if kind_of(table) not in (TableKind.ROLES, TableKind.SKILLS) or Column.ROLE not in kinds:
            continue  # a table of the roles' rows: what they do, where they are placed, their skills
        role_col = kinds[Column.ROLE][0]
        for index, row in enumerate(table.rows):
            role = roles.resolve(row[role_col].normalized)
            if role is None:
                continue
            for col, cell in enumerate(row):
                if col == role_col or cell.empty:
                    continue
                targets += [
                    Target(doc_id=doc_id, page=table.row_page(index), bbox=list(cell.bbox), extractor=EXTRACTOR,
                           role=role, metric=goal.metric, value=goal.value, unit=goal.unit, fiscal_year=None,
                           text_raw=cell.normalized, qualifier=goal.qualifier)
                    for goal in goals_in_sentence(cell.normalized)
                    if goal.metric == PER_UNIT_METRIC and goal.value is not None
                ]
    return targets


def placements_in_role_definitions(roles: Sequence[Role], doc_id: str) -> list[Target]:
    """Placements a role's definition states (`各課に1名以上置き、…`: a number per unit)."""
    return [
        Target(doc_id=doc_id, page=role.page, bbox=role.bbox, extractor=EXTRACTOR, role=role.name,
               metric=goal.metric, value=goal.value, unit=goal.unit, fiscal_year=None,
               text_raw=role.description, qualifier=goal.qualifier)
        for role in roles if role.description
        for goal in goals_in_sentence(role.description)
        if goal.metric == PER_UNIT_METRIC and goal.value is not None
    ]


def new_goals(found: Sequence[Target], known: Sequence[Target]) -> list[Target]:
    """The targets of `found` not already stated (same role, metric, value, unit and year)."""
    def key(t: Target) -> tuple:
        return (t.role, t.metric, t.value, t.unit, t.fiscal_year)
    seen = {key(t) for t in known}
    return [t for t in found if key(t) not in seen and not seen.add(key(t))]
