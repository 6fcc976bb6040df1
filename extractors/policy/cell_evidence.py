"""What a table column holds, read from its cells and from the titles the table is printed under.

Header words are one kind of evidence; a document may head its columns with words no
vocabulary lists (`タイプ | ミッション`, `項目 | 内容 | 備考`, `手段 | 担い手`) or print no header
row at all (`表3 研修体系` over rows of trainings). The readers then combine these tests with
what the header says: a row key column whose cells are mostly role names is a role column, one
of sentences beside it describes the roles, lists of short items under a title naming skills
are skills, cells of format words are formats, cells that are organisations are organisers.
Each test looks at a column's filled cells only and needs `EVIDENCE.min_cells` of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jinzai.extractors.model.tables import Cell, Table
from jinzai.extractors.policy.vocabulary import is_role_label
from jinzai.normalizers.legends import normalize_format
from jinzai.normalizers.terms import find_organizations
from jinzai.normalizers.text import normalize_name, normalize_text, split_list


@dataclass(frozen=True, slots=True)
class EvidenceSettings:
    """The shares of a column's filled cells each test needs."""

    min_cells: int = 2             # fewer filled cells say nothing about a column
    role_share: float = 2 / 3      # known role names (the rest may be roles the dictionary lacks)
    sentence_share: float = 0.6    # sentences (`…を担う。`): a description
    list_share: float = 0.6        # lists of two items or more: skills, duties
    format_share: float = 0.6      # format words (`eラーニング`, `集合`)
    organizer_share: float = 0.6   # organisation names (`J-LIS`, `富山県`)
    title_depth: int = 2           # how many titles (caption, innermost heading) speak for a table


EVIDENCE = EvidenceSettings()

# A cell that only numbers its row (`1`, `No.1`, `(2)`, `①`).
_ROW_NUMBER = re.compile(r"^(?:no\.?\s*)?[(\[]?\d{1,3}[)\].]?$|^[\u2460-\u2473]$", re.IGNORECASE)


def filled_cells(table: Table, col: int, with_header: bool = False) -> list[Cell]:
    """A column's filled cells top down, each merged cell once; with the header rows' cells
    when `with_header` (a table printed without a header row, whose first row the reader took
    for one)."""
    rows = [*table.header, *table.rows] if with_header else table.rows
    cells: list[Cell] = []
    for row in rows:
        cell = row[col]
        if not cell.empty and not any(cell is seen for seen in cells):
            cells.append(cell)
    return cells


def _share(cells: Sequence[Cell], test: Callable[[Cell], bool], share: float) -> bool:
    return len(cells) >= EVIDENCE.min_cells and sum(1 for cell in cells if test(cell)) >= share * len(cells)


def key_column(table: Table) -> int | None:
    """The column that names what each row is about: the first one not numbering the rows."""
    for col in range(table.n_cols):
        cells = filled_cells(table, col)
        if cells and not all(_ROW_NUMBER.match(cell.normalized) for cell in cells):
            return col
    return None


def names_roles(cells: Sequence[Cell]) -> bool:
    """Cells that are role names: at least two distinct ones, `role_share` of them names the
    role dictionary knows."""
    names = list(dict.fromkeys(normalize_name(cell.text) for cell in cells))
    return len(names) >= EVIDENCE.min_cells and \
        sum(1 for name in names if is_role_label(name)) >= EVIDENCE.role_share * len(names)


def holds_sentences(cells: Sequence[Cell]) -> bool:
    """Cells of running text: sentences closed by `。` (a role's description, a training's aim)."""
    return _share(cells, lambda cell: cell.normalized.endswith("。"), EVIDENCE.sentence_share)


def holds_item_lists(cells: Sequence[Cell]) -> bool:
    """Cells each listing two items or more (`・業務フローの分析` / `・課内の合意形成`)."""
    return _share(cells, lambda cell: len(split_list(cell.text)[1]) >= 2, EVIDENCE.list_share)


def holds_formats(cells: Sequence[Cell]) -> bool:
    """Cells naming how a training is given (`eラーニング`, `集合`, `オンライン`)."""
    return _share(cells, lambda cell: normalize_format(cell.normalized) is not None, EVIDENCE.format_share)


def holds_organizations(cells: Sequence[Cell]) -> bool:
    """Cells each naming one organisation and nothing else (`J-LIS`, `富山県`, `砺波市`)."""
    return _share(cells, lambda cell: find_organizations(cell.text) == [cell.normalized], EVIDENCE.organizer_share)


def titled(table: Table, words: Sequence[str]) -> bool:
    """Whether the titles the table is printed under (its caption, its section's innermost
    heading) name one of `words` (`表2 タイプ別の知識・スキル` names スキル)."""
    return any(word in normalize_text(title).lower() for title in table.titles[:EVIDENCE.title_depth]
               for word in words)
