"""Readers on layouts other producers print: designed HTML cards and shaded grids, slide
boxes, a Word report with a digital chapter, a spreadsheet with a legend beside its table.

The PDFs are the ones in `tests/unseen_corpus/` (headless Chromium prints of the HTML in
`src/`, see its README) and small PDFs drawn here with PyMuPDF. Each test checks one
generic rule of the readers; the scores against the answer keys live in
`test_unseen_corpus_scores.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pdfs
from jinzai.extractors import extract, open_layout
from jinzai.extractors.policy.digital_part import digital_part
from jinzai.extractors.model import build_document
from jinzai.extractors.policy.read import is_table_header_word, policy_tables, read_policy_document
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.charts import chart_targets
from jinzai.extractors.policy.vocabulary import SKILL_LIST_INTRO, SKILL_ROLE_SENTENCE
from jinzai.models import Role

CORPUS = Path(__file__).resolve().parent / "unseen_corpus"


def tables_of(path: Path) -> list:
    with open_layout(path) as layout:
        return policy_tables(build_document(layout, header_hint=is_table_header_word))


def records_of(path: Path):
    with open_layout(path) as layout:
        return extract(layout, path.stem)


def header_labels(table) -> list[str]:
    return [cell.normalized for cell in table.header[-1]]


def test_a_shaded_header_band_heads_the_unruled_rows_below_it() -> None:
    """Spreadsheet print: the header cells are filled, the body has no lines; the header labels
    wrap inside their cells (`デジタル統括` / `監`). One table, the band's columns."""
    matrix = next(t for t in tables_of(CORPUS / "ube_sheet.pdf") if "習得すべき知識" in header_labels(t))
    assert header_labels(matrix) == ["分野", "習得すべき知識", "デジタル統括監", "部門DXリーダー", "DX推進担当者"]
    assert [row[1].normalized for row in matrix.rows] == [
        "DX推進の組織運営", "自治体DXの国の動向", "クラウドサービスの基礎", "RPAの設計", "データ分析と可視化"]
    assert [row[0].normalized for row in matrix.rows] == ["戦略", "戦略", "技術", "技術", "データ"]


def test_a_header_band_drawn_here_over_zebra_rows(tmp_path: Path) -> None:
    """The same habit drawn with PyMuPDF: a filled header row, zebra-filled body rows, no rulings."""
    rows = [["講座名", "対象", "形式"], ["情報セキュリティ研修", "全職員", "eラーニング"],
            ["データ分析講座", "DX推進員", "集合研修"], ["業務改善演習", "DX推進員", "演習"]]
    path = pdfs.table_pdf(tmp_path / "band.pdf", rows, [160, 110, 110], rules=False, shaded=(0, 2))
    (table,) = tables_of(path)
    assert header_labels(table) == ["講座名", "対象", "形式"]
    assert [row[0].normalized for row in table.rows] == ["情報セキュリティ研修", "データ分析講座", "業務改善演習"]


def test_cards_side_by_side_are_read_apart_not_as_a_table() -> None:
    """Designed page: role cards two per row. No table is read across two cards, and each
    card's skill list goes to the role heading its own card."""
    side_by_side = {"DXプロデューサー", "デジタル改革リーダー"}  # the first two cards
    cards_page = [t for t in tables_of(CORPUS / "moriya.pdf") if t.page == 2]
    assert not any(side_by_side <= set(header_labels(t)) for t in cards_page)
    skills = {(s.role, s.name) for s in records_of(CORPUS / "moriya.pdf").skills}
    assert ("DXプロデューサー", "DX戦略の立案") in skills
    assert ("デジタル改革リーダー", "業務フローの可視化") in skills
    assert ("デジタル改革リーダー", "DX戦略の立案") not in skills


def test_slide_boxes_side_by_side_give_roles_and_their_skills() -> None:
    """Slide: framed role boxes with a title bar, a `求められる力` list in each."""
    extraction = records_of(CORPUS / "ina_slides.pdf")
    assert {r.name for r in extraction.roles} == {"DX推進責任者", "DXサポーター", "一般職員"}
    assert ("DXサポーター", "RPA・ノーコードツールの操作") in {(s.role, s.name) for s in extraction.skills}


def test_a_training_name_column_is_found_by_its_cells() -> None:
    """Header `プログラム` or any other unknown word: the column whose cells end in
    研修/講座/セミナー/ワークショップ/塾 holds the training names."""
    trainings = {t.name: t for t in records_of(CORPUS / "moriya.pdf").trainings}
    assert {"DX入門セミナー", "生成AI活用ワークショップ", "業務改善実践塾"} <= set(trainings)


def test_a_general_policy_keeps_only_its_digital_part() -> None:
    """Word report 人材育成基本方針: job grades (課長, 主事), general trainings (接遇研修) and
    女性管理職比率 lie outside its digital chapter and give no records."""
    extraction = records_of(CORPUS / "sanjo_report.pdf")
    assert {r.name for r in extraction.roles} == {"情報化推進監", "情報化推進員", "情報システム専門員"}
    assert "接遇研修" not in {t.name for t in extraction.trainings}
    assert all(t.unit != "%" for t in extraction.targets)
    with open_layout(CORPUS / "moriya.pdf") as layout:
        document = build_document(layout, header_hint=is_table_header_word)
    assert digital_part(document, "守谷市DX人材育成プラン") is None  # a digital policy is read whole


@pytest.mark.parametrize(("sentence", "role"), [
    ("情報化推進員には、次の知識・スキルを求めます。", "情報化推進員"),
    ("DX推進リーダーは、以下の能力を身につけることとする:", "DX推進リーダー"),
])
def test_a_sentence_introducing_a_roles_skill_list(sentence: str, role: str) -> None:
    match = SKILL_LIST_INTRO.match(sentence)
    assert match is not None and match["role"] == role


def test_a_sentence_listing_a_roles_skills() -> None:
    match = SKILL_ROLE_SENTENCE.match("情報化推進監は、デジタル化の動向に関する知識、業務改革を指揮するマネジメント力を身に付けます。")
    assert match is not None and match["role"] == "情報化推進監"
    skills = {(s.role, s.name) for s in records_of(CORPUS / "sanjo_report.pdf").skills}
    assert ("情報化推進監", "業務改革を指揮するマネジメント力") in skills
    assert ("情報システム専門員", "システム調達仕様書の作成") in skills


def test_a_staircase_of_named_levels_on_a_slide() -> None:
    """`Level 1 ベーシック` … boxes in a rising line, each with its definition under the label
    (its first line overlapping the label's box), the role named in the slide's title."""
    levels = {(lv.role, lv.rank): lv.definition for lv in records_of(CORPUS / "ina_slides.pdf").levels}
    assert levels == {
        ("DXサポーター", 1): "ツールを使って自分の業務を改善できる",
        ("DXサポーター", 2): "課内の業務改善を企画し、実行できる",
        ("DXサポーター", 3): "部をまたぐ改革を主導し、他の職員に教えられる",
    }


def test_trainings_printed_as_cards() -> None:
    """Slide: one box per training, its name first, then `対象：…(必須)、…(希望者)`, `形式：…`."""
    extraction = records_of(CORPUS / "ina_slides.pdf")
    trainings = {t.training_id: t for t in extraction.trainings}
    audience = {(trainings[a.training_id].name, a.role, a.requirement) for a in extraction.training_audience}
    assert audience == {
        ("DXリーダーシップ研修", "DX推進責任者", "required"),
        ("業務改善ハンズオン", "DXサポーター", "required"),
        ("業務改善ハンズオン", "一般職員", "partial"),
        ("ICT基礎eラーニング", "一般職員", "required"),
        ("ICT基礎eラーニング", "DXサポーター", "recommended"),
    }
    assert {t.name: t.format for t in trainings.values()}["業務改善ハンズオン"] == "演習"


def test_a_bar_chart_of_yearly_targets(tmp_path: Path) -> None:
    """Values printed over their bars, years under them: one target per year for the role its
    title names. The slide of the unseen corpus, and the same chart drawn here in other words."""
    targets = {(t.role, t.fiscal_year, t.value) for t in records_of(CORPUS / "ina_slides.pdf").targets}
    assert {("DXサポーター", 2025, 15), ("DXサポーター", 2026, 20), ("DXサポーター", 2027, 25)} <= targets
    roles = [Role(doc_id="d", page=1, extractor="test", name="DX推進リーダー", canonical="leader")]
    path = pdfs.text_pdf(tmp_path / "chart.pdf", [
        (60, 80, "DX推進リーダーの育成目標"), (90, 200, "8名"), (190, 160, "12名"),
        (80, 300, "R8年度"), (180, 300, "R9年度")])
    with open_layout(path) as layout:
        found, _ = chart_targets(read_policy_document(layout).pages[0], "d", RoleMatcher(roles))
    assert [(t.role, t.fiscal_year, t.value, t.metric) for t in found] == [
        ("DX推進リーダー", 2026, 8, "育成人数"), ("DX推進リーダー", 2027, 12, "育成人数")]


def test_a_year_header_with_counts_under_it_is_no_chart(tmp_path: Path) -> None:
    roles = [Role(doc_id="d", page=1, extractor="test", name="DX推進リーダー", canonical="leader")]
    path = pdfs.text_pdf(tmp_path / "table.pdf", [
        (60, 80, "DX推進リーダーの育成目標"), (80, 150, "3名"), (180, 150, "4名"),
        (80, 200, "R8年度"), (180, 200, "R9年度"), (80, 215, "5名"), (180, 215, "6名")])
    with open_layout(path) as layout:
        assert chart_targets(read_policy_document(layout).pages[0], "d", RoleMatcher(roles)) == ([], set())


def test_a_placement_stated_in_a_roles_definition() -> None:
    """`各課に1名以上置き、課内の業務改善を…` in a slide's role box: a placement of that role."""
    placements = [(t.role, t.metric, t.value, t.fiscal_year) for t in records_of(CORPUS / "ina_slides.pdf").targets
                  if t.metric == "配置"]
    assert placements == [("DXサポーター", "配置", 1, None)]
