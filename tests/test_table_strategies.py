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



def _bar_chart_slide(path, direction: str, bars: str):
    """A 16:9 slide whose chart stands near the top (where a table cut by a page break would
    be closed): bars of one thickness from one base and of differing lengths, the count at
    each bar's end. `bars`: filled or outlined, set apart, gridlines crossing them and axis
    ticks; or touching, filled, the counts printed inside their ends and no gridlines."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=720, height=405)
    page.insert_text((40, 40), "データサイエンティストの確保見込み", fontname="japan", fontsize=14)
    style = {"color": (0.9, 0.5, 0.1), "width": 1.2} if bars == "outlined" else {"color": None, "fill": (0.9, 0.5, 0.1)}
    gap, inside = (0, 30) if bars == "touching" else (5, 0)  # the gap between bars, the count's place inside
    counts = [("R8年度", 2), ("R9年度", 5), ("R10年度", 7), ("R11年度", 10)]
    gridlines = bars != "touching"
    if direction == "across":  # bars from one left edge, each row's gridlines drawn with it
        for row, (label, count) in enumerate(counts):
            top = 62 + 26 * row
            page.insert_text((70, top + 16), label, fontname="japan", fontsize=9)
            for x in (150, 230, 310, 390) if gridlines else ():
                page.draw_line((x, top), (x, top + 26), color=(0.8, 0.8, 0.8), width=0.6)
            page.draw_rect(pymupdf.Rect(150, top + gap, 150 + 24 * count, top + 26 - gap), **style)
            page.insert_text((156 + 24 * count - inside, top + 16), f"{count}名", fontname="japan", fontsize=9)
        for x, tick in zip((150, 230, 310, 390), ("0", "4", "8", "12")):
            page.insert_text((x - 3, 178), tick, fontname="japan", fontsize=8)
    else:  # columns up from one baseline, gridlines across the plot
        for y in (70, 110, 150, 190) if gridlines else ():
            page.draw_line((120, y), (460, y), color=(0.8, 0.8, 0.8), width=0.6)
            page.insert_text((100, y + 3), str((190 - y) // 10), fontname="japan", fontsize=8)
        for column, (label, count) in enumerate(counts):
            left = 150 + (80 if gridlines else 50) * column
            page.draw_rect(pymupdf.Rect(left, 190 - 10 * count, left + (30 if gridlines else 50), 190), **style)
            page.insert_text((left + 6, 184 - 10 * count + (inside and 16)), f"{count}名", fontname="japan", fontsize=9)
            page.insert_text((left - 2, 206), label, fontname="japan", fontsize=9)
    doc.save(path)
    return path


@pytest.mark.parametrize("bars", ["filled", "outlined", "touching"])
@pytest.mark.parametrize("direction", ["across", "up"])
def test_a_bar_chart_is_no_table_and_its_goals_are_read(tmp_path, direction, bars):
    """Filled, the bars are a chart's data, not cells (touching, with their counts inside,
    they would otherwise make a table of counts); outlined, their sides ending between the
    gridlines would cut cells inside cells, which no table's rulings do. Either way no
    table, and the chart's counts are read as the goals of the role its title names."""
    from jinzai.extractors.model.tables import read_tables
    from jinzai.extractors.policy.read import read_policy_document
    from jinzai.extractors.policy.role_match import RoleMatcher
    from jinzai.extractors.policy.targets.charts import chart_targets
    from jinzai.models import Role

    pdf = _bar_chart_slide(tmp_path / f"{direction}-{bars}.pdf", direction, bars)
    roles = [Role(doc_id="d", page=1, extractor="test", name="データサイエンティスト", canonical="specialist")]
    with open_layout(pdf) as layout:
        assert read_tables(layout) == []
        found, _ = chart_targets(read_policy_document(layout).pages[0], "d", RoleMatcher(roles))
    assert [(t.role, t.fiscal_year, t.value, t.unit) for t in found] == [
        ("データサイエンティスト", year, count, "人") for year, count in ((2026, 2), (2027, 5), (2028, 7), (2029, 10))]
