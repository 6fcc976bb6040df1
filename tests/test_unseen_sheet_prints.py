"""Spreadsheets printed whole: gridlines over the print area, row and column headings printed,
title cells and legends in the grid, error values and level numbers in cells.

The workbook is drawn by `unseen_sheet_docs` (PyMuPDF, its built-in CJK font), not printed by
the Chromium that printed the unseen corpus's workbook, and worded otherwise. Each test asserts
the records or blocks exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import unseen_sheet_docs as docs
from jinzai.extractors import Extraction, extract, open_layout, read_document
from jinzai.extractors.layout import Line
from jinzai.extractors.model import Heading, Paragraph, TableBlock
from jinzai.extractors.model.furniture import SHEET_HEADING, sheet_headings


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield docs.kawachinagano_workbook(tmp_path_factory.mktemp("sheets"))


@pytest.fixture(scope="module")
def extraction(workbook: Path) -> Extraction:
    with open_layout(workbook) as layout:
        return extract(layout, "sheet")


def test_row_and_column_headings_are_furniture_and_no_cell(workbook: Path) -> None:
    with open_layout(workbook) as layout:
        document = read_document(layout)
        set_aside = {f.line.text for f in document.pages[0].furniture if f.kind == SHEET_HEADING}
        tables = [b.table for b in document.blocks_of(TableBlock)]
    assert {"A", "B", "C", "D", "1", "2", "9"} <= set_aside
    # every table starts at its own header, without the letters or the row numbers
    assert [t.columns for t in tables if t.page == 1] == [["No.", "人材像", "期待される役割", "職位"]]
    assert tables[1].columns[:2] == ["分野", "知識・スキル"]
    texts = [b.text if isinstance(b, Paragraph) else b.title
             for b in document.blocks if isinstance(b, (Paragraph, Heading))]
    assert not any(text.strip(" 0123456789ABCDEF") == "" for text in texts)


def test_the_title_and_dates_above_a_sheets_table_are_no_rows_of_it(extraction: Extraction) -> None:
    assert (extraction.info.issued, extraction.info.period_start_fy, extraction.info.period_end_fy) \
        == ("2025-05", 2025, 2028)
    assert [(r.name, r.description) for r in extraction.roles] == [
        ("デジタル推進監", "全庁のDXを統括し、部局間の調整を行う。"),
        ("業務改革リーダー", "所属の業務を見直し、改善策を企画して実行する。"),
        ("一般職員", "デジタルツールで日常業務を効率化する。"),
    ]


def test_level_numbers_mark_skills_and_an_error_value_or_a_note_beside_them_does_not(extraction: Extraction) -> None:
    assert sorted((s.role, s.category, s.name) for s in extraction.skills) == sorted([
        ("デジタル推進監", "企画", "業務の可視化"), ("業務改革リーダー", "企画", "業務の可視化"),
        ("一般職員", "企画", "業務の可視化"),  # its `1` printed on one line with the note beside it
        ("デジタル推進監", "企画", "データ分析"),  # `#REF!` for the leader: no level
        ("デジタル推進監", "基盤", "クラウドの理解"), ("業務改革リーダー", "基盤", "クラウドの理解"),
        ("デジタル推進監", "基盤", "ネットワーク管理"),
    ])


def test_a_level_scale_printed_under_the_matrix_is_levels_of_no_role(extraction: Extraction) -> None:
    assert [(lv.role, lv.rank, lv.label, lv.definition) for lv in extraction.levels] == [
        (None, 1, "Lv.1", "基本を知っている"),
        (None, 2, "Lv.2", "手順に沿って実行できる"),  # `10 Lv.2`: its row number printed on its line
        (None, 3, "Lv.3", "他者に教えられる"),
    ]


def test_a_total_row_of_a_training_list_is_no_training(extraction: Extraction) -> None:
    names = {t.training_id: t.name for t in extraction.trainings}
    assert [(t.name, t.organizer) for t in extraction.trainings] == [
        ("DX戦略セミナー", "外部講師"), ("業務改善演習", "本市"), ("情報セキュリティ講座", "本市")]
    assert sorted((names[a.training_id], a.role, a.requirement) for a in extraction.training_audience) == sorted([
        ("DX戦略セミナー", "デジタル推進監", "required"),
        ("業務改善演習", "業務改革リーダー", "required"),
        ("情報セキュリティ講座", "デジタル推進監", "required"),
        ("情報セキュリティ講座", "業務改革リーダー", "required"),
        ("情報セキュリティ講座", "一般職員", "required"),
    ])


def _line(text: str, x: float, y: float, size: float = 8.0) -> Line:
    width = size * 0.6 * len(text)
    return Line(text=text, bbox=(x, y, x + width, y + size), size=size, page=1)


def test_sheet_headings_need_letters_in_order_and_row_numbers_below_them() -> None:
    letters = [_line(c, 80 + 60 * n, 40) for n, c in enumerate("ABCD")]
    numbers = [_line(str(n), 50, 52 + 12 * k) for k, n in enumerate([3, 4, 5, 12])]
    assert sheet_headings(letters + numbers) == letters + numbers
    assert sheet_headings(letters) == []  # a list of options A–D is no sheet
    assert sheet_headings(numbers) == []  # a numbered column is no sheet
    shuffled = [_line(c, 80 + 60 * n, 40) for n, c in enumerate("ACBD")]
    assert sheet_headings(shuffled + numbers) == []
    counting_down = [_line(str(n), 50, 52 + 12 * k) for k, n in enumerate([5, 4, 3])]
    assert sheet_headings(letters + counting_down) == []


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    with open_layout(docs.kawachinagano_plain(tmp_path_factory.mktemp("plain-sheets"))) as layout:
        return extract(layout, "plain")


def test_rows_of_a_sheet_without_gridlines_are_cut_at_their_keys(plain: Extraction) -> None:
    # one line per row, spaced like a cell's wrapped lines; numbers right-aligned under left-aligned labels
    assert sorted((s.role, s.name) for s in plain.skills) == sorted([
        ("デジタル推進監", "業務の可視化"), ("業務改革リーダー", "業務の可視化"), ("一般職員", "業務の可視化"),
        ("デジタル推進監", "データ分析"),
        ("デジタル推進監", "クラウドの理解"), ("業務改革リーダー", "クラウドの理解"),
        ("デジタル推進監", "ネットワーク管理"),
        ("デジタル推進監", "情報セキュリティ"), ("業務改革リーダー", "情報セキュリティ"), ("一般職員", "情報セキュリティ"),
    ])


def test_a_legend_two_rows_above_the_band_over_the_role_columns(plain: Extraction) -> None:
    names = {t.training_id: t.name for t in plain.trainings}
    assert sorted((names[a.training_id], a.role, a.requirement) for a in plain.training_audience) == sorted([
        ("DX戦略セミナー", "デジタル推進監", "required"), ("DX戦略セミナー", "業務改革リーダー", "target"),
        ("業務改善演習", "業務改革リーダー", "required"), ("業務改善演習", "一般職員", "target"),
        ("情報セキュリティ講座", "デジタル推進監", "required"), ("情報セキュリティ講座", "業務改革リーダー", "required"),
        ("情報セキュリティ講座", "一般職員", "required"),
    ])
