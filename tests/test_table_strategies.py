"""One table reader, strategies by evidence: rulings, shaded rows without rulings, text
alignment without either, and tables continued over a page break — on PDFs the tests build."""

from __future__ import annotations

import pytest

from jinzai.extractors import extract
from jinzai.extractors.layout import open_layout
from tests.pdfs import table_pdf, text_pdf

ROLES = [("DX推進リーダー", "所属のDXを推進する", "係長級"), ("DX推進員", "業務改善を実行する", "主任級"),
         ("一般職員", "デジタル技術を活用する", "全職員"), ("管理職", "組織の変革を導く", "課長級")]
HEADER = ["人材像", "役割", "対象"]


def _read(pdf):
    with open_layout(pdf) as layout:
        return extract(layout, "doc")


@pytest.mark.parametrize("drawn", [
    {},                                       # every cell ruled
    {"rules": False},                         # no lines at all: columns from the text's alignment
    {"rules": False, "shaded": (0, 1, 3)},    # zebra rows: fills touching, no lines
])
def test_a_role_table_reads_alike_however_it_is_drawn(tmp_path, drawn):
    pdf = table_pdf(tmp_path / "roles.pdf", [HEADER, *map(list, ROLES)], [120, 220, 100], **drawn)
    extraction = _read(pdf)
    assert [(r.name, r.description, r.target_group) for r in extraction.roles] == ROLES
    (block,) = [b for b in extraction.blocks if b.kind == "table"]
    assert (block.read_as, block.n_cols, block.n_rows) == ("roles", 3, len(ROLES))


def _page(top: float, rows, header: bool) -> list[tuple[float, float, str]]:
    texts = [(50, top - 10, "デジタル人材の役割を次のとおり定めます。")] if top > 100 else []
    y = top + 20
    for row in ([HEADER[:2]] if header else []) + [list(r[:2]) for r in rows]:
        texts += [(60, y, row[0]), (220, y, row[1])]
        y += 22
    return texts


@pytest.mark.parametrize("repeated", [True, False])
def test_a_table_without_lines_continues_on_the_next_page(tmp_path, repeated):
    pdf = text_pdf(tmp_path / "split.pdf", _page(700, ROLES[:3], True), _page(50, ROLES[3:], repeated))
    extraction = _read(pdf)
    assert [(r.name, r.description, r.page) for r in extraction.roles] == [
        (name, duty, 1 if i < 3 else 2) for i, (name, duty, _) in enumerate(ROLES)]
    (block,) = [b for b in extraction.blocks if b.kind == "table"]
    assert block.pages == [1, 2] and block.n_rows == len(ROLES)


def test_a_sheet_with_a_filled_header_and_filled_row_labels_over_unfilled_values(tmp_path):
    """A spreadsheet printed without gridlines: the header band and some row labels filled,
    their values not; the values of the filled rows wrap onto two lines, so their rows stand
    closer than the unwrapped ones below and only the filled labels tell them apart."""
    wrapped = [("DX推進リーダー", "所属のDXを\n推進する", "係長級"), ("DX推進員", "業務改善を\n実行する", "主任級"),
               *ROLES[2:]]
    filled = ((0, 0), (0, 1), (0, 2), (1, 0), (2, 0))
    pdf = table_pdf(tmp_path / "sheet.pdf", [HEADER, *map(list, wrapped)], [120, 220, 100], rules=False,
                    filled=filled, row_height=24)
    extraction = _read(pdf)
    assert [(r.name, r.description, r.target_group) for r in extraction.roles] == ROLES
    (block,) = [b for b in extraction.blocks if b.kind == "table"]
    assert (block.read_as, block.n_cols, block.n_rows) == ("roles", 3, len(ROLES))
