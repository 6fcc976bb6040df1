"""The `blocks` table: every table, list and figure gets a row saying what it was read as."""

from __future__ import annotations

from jinzai.extractors import extract
from jinzai.extractors.layout import open_layout
from tests.pdfs import table_pdf

ROLE_ROWS = [
    ["人材像", "役割"],
    ["DX推進リーダー", "所属のDXを推進する"],
    ["一般職員", "デジタル技術を業務に活用する"],
]


def _blocks(pdf):
    with open_layout(pdf) as layout:
        return extract(layout, "doc").blocks


def test_a_role_table_is_read_as_roles(tmp_path):
    (row,) = [b for b in _blocks(table_pdf(tmp_path / "roles.pdf", ROLE_ROWS, [120, 260])) if b.kind == "table"]
    assert (row.read_as, row.reason, row.header) == ("roles", None, "人材像 | 役割")
    assert row.records == 2 and row.n_rows == 2 and row.n_cols == 2


def test_a_table_of_unknown_header_words_says_why_it_was_not_read(tmp_path):
    rows = [["分類", "説明"], ["会議", "月に一度開催する"], ["報告", "年度末に取りまとめる"]]
    (row,) = [b for b in _blocks(table_pdf(tmp_path / "other.pdf", rows, [120, 260])) if b.kind == "table"]
    assert row.read_as == "none"
    assert row.reason == "header words not recognised: 分類, 説明"


def test_list_items_get_a_row_with_their_section(tmp_path):
    texts = [(50, 80, "1 推進体制"), (60, 100, "・会議を月に一度開催する"), (60, 114, "・年度末に結果を取りまとめる")]
    rows = _blocks(table_pdf(tmp_path / "list.pdf", ROLE_ROWS, [120, 260], texts=texts))
    (listed,) = [b for b in rows if b.kind == "list"]
    assert listed.section_path == ["1 推進体制"] and listed.n_rows == 2
    assert listed.read_as == "none" and listed.reason


def test_a_table_without_lines_of_unknown_header_words_still_gets_its_row(tmp_path):
    rows = [["時期", "主な取組", "担当"], ["4月", "計画の策定", "情報政策課"], ["10月", "中間の点検", "各課"],
            ["3月", "結果の公表", "情報政策課"]]
    pdf = table_pdf(tmp_path / "plain.pdf", rows, [80, 160, 120], rules=False)
    (row,) = [b for b in _blocks(pdf) if b.kind == "table"]
    assert (row.read_as, row.n_cols, row.n_rows) == ("none", 3, 3)
    assert row.reason == "header words not recognised: 時期, 主な取組, 担当"
