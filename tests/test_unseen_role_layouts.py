"""Roles, skills and levels laid out as no sample lays them out (`unseen_role_layout_docs`):
tables whose role is named only by the sentence introducing them, a band over a skill
matrix's role columns, a slide's grid of separate boxes with stage words over its columns
(and the same page with its drawings removed), a ragged header printed without rulings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import unseen_role_layout_docs as docs
from jinzai.extractors import extract, open_layout
from jinzai.extractors.model.tables import read_tables
from jinzai.extractors.result import Extraction
from jinzai.normalizers.roles import canonical_role
from pdfs import without_drawings


def _extracted(path: Path) -> Extraction:
    with open_layout(path) as layout:
        return extract(layout, path.stem)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Callable[[Path], Path]], Path]:
    folder = tmp_path_factory.mktemp("role-layouts")
    return lambda build: build(folder / f"{build.__name__}.pdf")


def levels_of(ex: Extraction) -> list[tuple[str | None, int, str]]:
    return [(lv.role, lv.rank, lv.label) for lv in ex.levels]


def test_a_tables_role_is_the_topic_of_the_sentence_introducing_it(built):
    ex = _extracted(built(docs.introduced_tables))
    assert [r.name for r in ex.roles] == ["データ活用推進員", "デジタル推進サポーター", "全職員"]
    # `…データ活用推進員を補佐するデジタル推進サポーターについては、…`: the topic's head, not the first role named
    assert [lv for lv in levels_of(ex) if lv[2].startswith("レベル")] == [
        ("デジタル推進サポーター", rank, f"レベル{rank}") for rank in (1, 2, 3)]
    # `データ活用推進員には、次の知識・スキルを求める。` over a `分類 | 知識・スキル` table
    assert {(s.role, s.category, s.name) for s in ex.skills} == {
        ("データ活用推進員", "データ", "統計の基礎と標本の考え方"),
        ("データ活用推進員", "ツール", "BIツールによるダッシュボード作成")}
    # a sentence naming two roles, neither as its topic, gives the table no role
    assert {lv[0] for lv in levels_of(ex) if lv[2].startswith("段階")} == {None}


def test_skill_matrix_with_a_band_over_abbreviated_role_columns(built):
    ex = _extracted(built(docs.banded_skill_matrix))
    # `推進員` heads デジタル推進員's column: an abbreviation, no role of its own
    assert [(r.name, r.canonical) for r in ex.roles] == [
        ("DX推進マネージャー", "manager"), ("デジタル推進員", "leader"), ("一般職員", "all_staff")]
    skills = {(s.role, s.category, s.name) for s in ex.skills}
    assert skills == {
        ("DX推進マネージャー", "企画", "業務改革の構想"), ("DX推進マネージャー", "企画", "費用対効果の評価"),
        ("DX推進マネージャー", "運用", "個人情報の適正な管理"),
        ("デジタル推進員", "企画", "業務改革の構想"), ("デジタル推進員", "企画", "費用対効果の評価"),
        ("デジタル推進員", "運用", "クラウドサービスの設定"), ("デジタル推進員", "運用", "個人情報の適正な管理"),
        ("一般職員", "運用", "クラウドサービスの設定"), ("一般職員", "運用", "個人情報の適正な管理")}
    # the band (`求める水準`) says what the marks are; a mark is no skill's definition
    assert {s.definition for s in ex.skills} == {None}


@pytest.mark.parametrize("drawn", [True, False], ids=["boxes", "drawings-removed"])
def test_stage_words_over_a_grid_of_boxes_are_each_roles_levels(built, tmp_path, drawn):
    path = built(docs.box_grid_levels)
    if not drawn:
        path = without_drawings(path, tmp_path / path.name)
    ex = _extracted(path)
    assert [r.name for r in ex.roles] == ["DX推進リーダー", "一般職員"]
    assert levels_of(ex) == [(role, rank, stage) for role in ("DX推進リーダー", "一般職員")
                             for rank, stage in ((1, "入門"), (2, "実践"), (3, "発展"))]
    leader = [lv.definition for lv in ex.levels if lv.role == "DX推進リーダー"]
    assert leader[0] == "庁内の改善事例を集め、課の課題を整理できる"


def test_box_grid_reads_its_blank_corner_and_row_keys(built):
    with open_layout(built(docs.box_grid_levels)) as layout:
        [table] = read_tables(layout)
    assert table.ruled and table.columns == ["", "入門", "実践", "発展"]
    assert [row[0].normalized for row in table.rows] == ["DX推進リーダー", "一般職員"]
    assert table.rows[1][3].normalized == "後輩にツールの使い方を教えられる"


def test_unruled_header_with_labels_between_its_two_rows(built):
    with open_layout(built(docs.ragged_unruled_matrix)) as layout:
        [table] = read_tables(layout, header_hint=lambda label: True)
    assert [table.header_path(col) for col in range(table.n_cols)] == [
        ("分類",), ("項目",), ("到達度", "課長級"), ("到達度", "係長級"), ("到達度", "一般職員"),
        ("到達度", "新規採用職員")]
    # each group label centred between its two rows labels both
    assert [[cell.normalized for cell in row[:2]] for row in table.rows] == [
        ["セキュリティ", "パスワードの管理"], ["セキュリティ", "不審メールへの対応"],
        ["データ", "オープンデータの公開"], ["データ", "集計表の作成"]]
    assert [cell.normalized for cell in table.rows[2][2:]] == ["●", "○", "", ""]


def test_core_staff_are_specialists():
    assert canonical_role("DX推進コア人材") == ("specialist", True)
    assert canonical_role("デジタル中核人材") == ("specialist", True)
