"""OCR of scanned pages (extractors/ocr.py, normalizers/ocr.py).

Scans are made in the tests from PDFs they build and from the samples (tests/scans.py:
rendered in grey with paper tone, noise and skew, saved as image-only PDFs), then read
back through the same layout, table reader and pipeline as any PDF.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from jinzai.extractors import ocr
from jinzai.extractors.layout import open_layout
from jinzai.extractors.model.tables import read_tables
from jinzai.normalizers.ocr import (
    clean_ocr_line,
    complete_year_run,
    fix_lookalikes,
    snap_to_known,
    strip_rule_marks,
    unreadable_share,
)
from jinzai.pipeline.ingest import ingest_paths
from jinzai.pipeline.query import connect
from pdfs import A4, FONT, text_pdf
from scans import scan_pdf

needs_tesseract = pytest.mark.skipif(not ocr.tesseract_ready(), reason="needs tesseract-ocr and tesseract-ocr-jpn")


# ---------------------------------------------------------------- normalizers (pure)

@pytest.mark.parametrize(("read", "meant"), [
    ("マネ一ジャ一", "マネージャー"),  # 一 for the long-vowel mark after katakana
    ("DX推進リ−ダ−", "DX推進リーダー"),
    ("プ口ジェクト", "プロジェクト"),  # kanji 口 between katakana
    ("口ードマップ", "ロードマップ"),  # … or before a long-vowel mark
    ("人ロ", "人口"),  # katakana ロ after a kanji
    ("ー般職員", "一般職員"),  # a long-vowel mark before a kanji with no kana before it
    ("推進りーダー", "推進リーダー"),
    ("推進り一ダー", "推進リーダー"),
    ("メールにより一層", "メールにより一層"),  # より + 一層
    ("高度専門人村", "高度専門人材"),  # a misreading that is no word: the domain's word
    ("データ一覧", "データ一覧"),  # 一 before a kanji stays: 一覧 is a word
    ("口コミ", "口コミ"),  # nothing settles it: kept as read
    ("システムへ移行", "システムへ移行"),  # the particle へ after katakana
    ("データに基づいて考えるカ", "データに基づいて考える力"),  # a lone katakana after kana is its kanji twin
    ("3カ所", "3カ所"),  # after a digit it stays
    ("生成Al活用", "生成AI活用"),
    ("生成Aエ活用", "生成AI活用"),
    ("Alpha", "Alpha"),  # a Latin word is no AI
])
def test_lookalikes_are_corrected_only_where_the_neighbours_settle_them(read: str, meant: str) -> None:
    assert fix_lookalikes(read) == meant


@pytest.mark.parametrize(("read", "meant"), [
    ("| 管理職 |", "管理職"),
    ("一一一一一", ""),
    ("|||", ""),
    ("一般職員", "一般職員"),
    ("l 全職員", "全職員"),
])
def test_ruled_lines_read_as_characters_are_dropped(read: str, meant: str) -> None:
    assert strip_rule_marks(read) == meant


def test_a_line_loses_an_enumerator_whose_number_was_not_read() -> None:
    assert clean_ocr_line("() 高度 専門人村") == "高度 専門人材"
    assert clean_ocr_line("(1) 高度専門人材") == "(1) 高度専門人材"


def test_a_name_one_misread_character_from_one_known_name_becomes_it() -> None:
    known = ["DX推進員", "DX推進リーダー", "管理職"]
    assert snap_to_known("DX推進貞", known) == "DX推進員"
    assert snap_to_known(")DX推進リーダー", known) == "DX推進リーダー"  # a stray bracket
    assert snap_to_known("DX推進員と", known) == "DX推進員と"  # a letter more is another word
    assert snap_to_known("等理職", known) == "等理職"  # three characters: too short to be sure …
    assert snap_to_known("等理職", known, min_length=3) == "管理職"  # … unless the reading was doubted
    assert snap_to_known("DX推進係", ["DX推進員", "DX推進課"]) == "DX推進係"  # two candidates: no guess


def test_unreadable_text_layers_are_told_from_text() -> None:
    assert unreadable_share("人材育成の方針") == 0.0
    assert unreadable_share("\ufffd\ufffd\ufffd人") == 0.75
    assert unreadable_share("\ue001\ue002 \ue003") == 1.0
    assert unreadable_share("   ") == 0.0


def _disc(size: int, ring: bool = False) -> np.ndarray:
    y, x = np.mgrid[:size, :size]
    r = np.hypot(y - (size - 1) / 2, x - (size - 1) / 2)
    return (r <= size / 2) & ~(ring & (r < size / 2 - 3))


def test_marks_are_told_by_their_shape() -> None:
    assert ocr.mark_shape(_disc(40))[0] == "●"
    assert ocr.mark_shape(_disc(40, ring=True))[0] == "○"
    square_ring = np.ones((40, 40), dtype=bool)
    square_ring[4:-4, 4:-4] = False  # 口 or ロ: inked corners
    assert ocr.mark_shape(square_ring) is None
    triangle = np.array([[abs(x - 20) <= y / 2 for x in range(41)] for y in range(40)])
    assert ocr.mark_shape(triangle)[0] == "▲"
    double = _disc(40, ring=True)
    double[10:30, 10:30] |= _disc(20, ring=True)  # a ring in a ring
    assert ocr.mark_shape(double)[0] == "◎"
    circled = _disc(40, ring=True)
    circled[12:28, 19:22] = True  # a stroke and a bar in a ring, like a circled digit
    circled[19:22, 12:28] = True
    assert ocr.mark_shape(circled) is None or ocr.mark_shape(circled)[0] != "◎"


def test_tesseract_tsv_words_keep_their_boxes_and_confidence() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t120\t40\t96.5\t研修名\n"
           "5\t1\t1\t1\t1\t2\t200\t22\t110\t38\t0\t \n")
    [word] = ocr.parse_tsv(tsv)
    assert (word.text, word.box, word.confidence, word.line_key) == ("研修名", (10, 20, 130, 60), 0.965, (1, 1, 1))


# ---------------------------------------------------------------- scanned pages read

def _ruled_table_pdf(path: Path) -> Path:
    """A heading, a sentence and a ruled table of roles and marks."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    page.insert_text((60, 80), "第3章 研修の対象者", fontname=FONT, fontsize=16)
    page.insert_text((60, 115), "職員の役割に応じて研修を受講します。", fontname=FONT, fontsize=10.5)
    xs, ys = [60, 260, 360, 460], [140, 170, 200, 230]
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.8)
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y), width=0.8)
    rows = [("研修名", "管理職", "一般職員"), ("情報セキュリティ研修", "●", "○"), ("文書管理研修", "○", "●")]
    for row, texts in enumerate(rows):
        for col, text in enumerate(texts):
            page.insert_text((xs[col] + 8, ys[row] + 20), text, fontname=FONT, fontsize=10.5)
    doc.save(path)
    doc.close()
    return path


@needs_tesseract
def test_a_scanned_ruled_table_is_read_from_its_positions(tmp_path: Path) -> None:
    scan = scan_pdf(_ruled_table_pdf(tmp_path / "table.pdf"), tmp_path / "scan.pdf", dpi=200, seed=3)
    with open_layout(scan) as layout:
        page = layout.pages[0]
        assert layout.ocr_pages == [1] and page.ocr_confidence is not None
        assert page.rules, "the table's ruling is found in the image"
        assert any("研修の対象者" in line.text for line in page.lines)
        assert all(line.confidence is not None for line in page.lines)
        [table] = read_tables(layout, [1])
        cells = [[cell.text for cell in row] for row in table.header + table.rows]
    assert cells[0][1:] == ["管理職", "一般職員"]
    assert [row[1:] for row in cells[1:]] == [["●", "○"], ["○", "●"]]
    assert "セキュリティ" in cells[1][0]


@needs_tesseract
def test_only_the_scanned_pages_of_a_document_are_read_by_ocr(tmp_path: Path) -> None:
    typed = text_pdf(tmp_path / "typed.pdf", [(60, 100, "本方針は職員の育成について定める。")])
    scan = scan_pdf(_ruled_table_pdf(tmp_path / "table.pdf"), tmp_path / "scan.pdf", dpi=200, seed=4)
    mixed = pymupdf.open(typed)
    mixed.insert_pdf(pymupdf.open(scan))
    mixed.save(tmp_path / "mixed.pdf")
    with open_layout(tmp_path / "mixed.pdf") as layout:
        assert layout.ocr_pages == [2]
        assert layout.pages[0].ocr_confidence is None and layout.pages[0].lines[0].confidence is None


def test_without_tesseract_a_scan_is_one_failure_that_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = scan_pdf(_ruled_table_pdf(tmp_path / "table.pdf"), tmp_path / "scan.pdf", dpi=100)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    ocr.tesseract_ready.cache_clear()
    try:
        report = ingest_paths([scan], tmp_path / "out", workers=1)
    finally:
        ocr.tesseract_ready.cache_clear()
    [outcome] = report.outcomes
    assert outcome.status == "failed" and outcome.error_kind == "no_text"
    assert str(scan) in outcome.message and "apt-get install tesseract-ocr tesseract-ocr-jpn" in outcome.message
    assert shutil.which("tesseract", path=str(tmp_path / "no-programs-here")) is None


@needs_tesseract
def test_records_from_scanned_pages_are_marked_and_documents_list_them(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    scan = scan_pdf(Path(__file__).parents[1] / "data" / "raw" / "kunisaki.pdf", tmp_path / "in" / "kunisaki.pdf",
                    dpi=200, pages=[1, 5], seed=5)
    ingest_paths([scan], tmp_path / "out", workers=1)
    corpus = connect(tmp_path / "out")
    assert corpus.execute("SELECT pages, ocr_pages FROM documents").fetchall() == [(2, [1, 2])]
    roles = corpus.execute("SELECT extractor, ocr_confidence FROM roles").fetchall()
    assert roles, "the scanned roles page gives roles"
    assert all(extractor.endswith("+ocr") and 0 < confidence <= 1 for extractor, confidence in roles)


@needs_tesseract
def test_tesseract_failing_is_an_ocr_failure_that_says_what_it_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Broken language data (listed, but not loadable): a scan-only file fails as
    `ocr_failed` with Tesseract's words; a file with typed pages keeps them and warns
    about the scanned page it could not read."""
    table = _ruled_table_pdf(tmp_path / "table.pdf")
    (tmp_path / "in").mkdir()
    scan = scan_pdf(table, tmp_path / "in" / "scan.pdf", dpi=100)
    typed = text_pdf(tmp_path / "typed.pdf", [(60, 100, "本方針は職員の育成について定める。")])
    mixed = pymupdf.open(typed)
    mixed.insert_pdf(pymupdf.open(scan))
    mixed.save(tmp_path / "in" / "mixed.pdf")
    broken = tmp_path / "tessdata"
    broken.mkdir()
    (broken / "jpn.traineddata").write_bytes(b"not a traineddata file" * 100)
    monkeypatch.setenv("TESSDATA_PREFIX", str(broken))
    ocr.tesseract_ready.cache_clear()
    try:
        report = ingest_paths([tmp_path / "in"], tmp_path / "out", workers=1)
    finally:
        ocr.tesseract_ready.cache_clear()
    outcomes = {Path(o.source).name: o for o in report.outcomes}
    assert outcomes["scan.pdf"].status == "failed" and outcomes["scan.pdf"].error_kind == "ocr_failed"
    assert "Failed loading language 'jpn'" in outcomes["scan.pdf"].message
    assert outcomes["mixed.pdf"].status == "ingested"
    warnings = connect(tmp_path / "out").execute("SELECT page, kind, message FROM warnings").fetchall()
    assert [(page, kind) for page, kind, _ in warnings] == [(2, "ocr_failed")]
    assert "Tesseract failed" in warnings[0][2]


@pytest.mark.parametrize(("row", "meant"), [
    (["", "R7", "RS", "R9", "R10", "計"], ["", "R7", "R8", "R9", "R10", "計"]),  # S for 8 between 7 and 9
    (["2024年度", "2O25年度", "2026年度"], ["2024年度", "2025年度", "2026年度"]),
    (["RS", "R9", "R10"], ["R8", "R9", "R10"]),
    (["R7", "RS"], ["R7", "RS"]),  # one year alone settles nothing
    (["R7", "RS", "R10"], ["R7", "RS", "R10"]),  # its neighbours disagree
    (["R7", "RX", "R9"], ["R7", "RX", "R9"]),  # X is no digit's lookalike
    (["⑥", "R7", "R8"], ["⑥", "R7", "R8"]),  # a circled number is no misread year
])
def test_a_row_of_years_is_completed_only_where_its_neighbours_settle_the_year(row: list[str], meant: list[str]) -> None:
    assert complete_year_run(row) == meant
