"""Levels from level tables, on the model policy (data/raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors.layout import open_layout
from jinzai.extractors.policy.levels import extract_levels, ladder_levels, level_rank
from jinzai.extractors.policy.read import policy_tables, read_policy_document
from jinzai.extractors.policy.roles import extract_roles
from jinzai.extractors.model.tables import Cell, Table
from jinzai.models import Level, Role

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def levels_of(stem: str) -> list[Level]:
    with open_layout(RAW / f"{stem}.pdf") as layout:
        document = read_policy_document(layout)
        tables = policy_tables(document)
        roles, _ = extract_roles(document, stem, tables)
        return extract_levels(layout, stem, tables, roles, document)[0]


@pytest.fixture(scope="module")
def model_policy() -> list[Level]:
    return levels_of("model_policy")


def test_steps_per_role(model_policy):
    # p11: 人材像区分 | 育成段階 | 定義
    assert [(lv.role, lv.rank, lv.label) for lv in model_policy if lv.role == "一般行政職員"] == [
        ("一般行政職員", 1, "Step1"), ("一般行政職員", 2, "Step2")]
    assert [lv.rank for lv in model_policy if lv.role == "全庁情報システム担当"] == [1, 2, 3]
    assert {lv.page for lv in model_policy} == {11}
    first = model_policy[0]
    assert first.definition == "共通で求められる基礎知識を有している(=推奨する研修を受講済)"


def test_a_row_label_naming_two_roles_gives_each_the_steps(model_policy):
    # `DX 推進員/ 全庁 DX 推進担当`
    for role in ("DX推進員", "全庁DX推進担当"):
        assert [(lv.rank, lv.label) for lv in model_policy if lv.role == role] == [
            (1, "Step1"), (2, "Step2"), (3, "Step3")]
    assert len(model_policy) == 11


def test_policies_without_level_tables_have_none():
    # tarumizu's tables are roles, skills and trainings; kunisaki's 目標とするレベル is prose
    assert levels_of("tarumizu") == []
    assert levels_of("kunisaki") == []


def test_rank_from_label_or_place():
    assert level_rank("Step2", 1) == 2
    assert level_rank("レベル4", 1) == 4
    assert level_rank("中級", 2) == 2


def test_levels_as_columns():
    # The p11 steps printed with one column per step and one row per role (in place of the real table)
    with open_layout(RAW / "model_policy.pdf") as layout:
        document = read_policy_document(layout)
        tables = policy_tables(document)
        roles, _ = extract_roles(document, "model_policy", tables)
        real = next(t for t in tables if t.page == 11)
        rows = [["人材像区分", "Step1", "Step2"],
                ["一般行政職員", "共通で求められる基礎知識を有している", "各種ツールの活用能力を有している"]]
        cells = [[Cell((text,), real.bbox, 11) for text in row] for row in rows]
        table = Table(page=11, bbox=real.bbox, header=cells[:1], rows=cells[1:], pages=[11], page_boxes={11: real.bbox})
        levels, _ = extract_levels(layout, "model_policy", [t for t in tables if t is not real] + [table], roles, document)
    assert [(lv.role, lv.rank, lv.label, lv.definition) for lv in levels] == [
        ("一般行政職員", 1, "Step1", "共通で求められる基礎知識を有している"),
        ("一般行政職員", 2, "Step2", "各種ツールの活用能力を有している")]


def test_level_ladder_outside_tables():
    # 五霞町's ladder in the casebook (p8): `レベル5` … `レベル1` labels, each definition beside
    # its label, under a line naming `DX推進リーダー(各課職員)`
    with open_layout(RAW / "soumu_casebook.pdf") as layout:
        page = layout.pages[7]
        roles = [Role(doc_id="casebook", page=8, name="DX推進リーダー", canonical="leader")]
        levels = ladder_levels(page, page.lines, "casebook", roles)
    assert [(lv.role, lv.rank, lv.label) for lv in levels] == [
        ("DX推進リーダー", rank, f"レベル{rank}") for rank in (5, 4, 3, 2, 1)]
    assert levels[-1].definition == "研修等に参加して、また自学で専門的な知識やスキルを身につける"
    assert levels[0].definition == "システムなどを導入または入れ替えて業務改善、住民の利便性向上につなげられる改革ができる"


def test_step_mentions_in_sentences_are_no_ladder(model_policy):
    # p13: `・ Step2（システム導入・設計支援）に到達する人材を…` states a goal, not a level
    assert all(lv.extractor == "table:levels" for lv in model_policy)
