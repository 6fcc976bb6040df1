"""Levels from level tables, on the model policy (data/raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors.layout import open_layout
from jinzai.extractors.levels import extract_levels, level_rank
from jinzai.extractors.policy import table_pages
from jinzai.extractors.roles import extract_roles
from jinzai.extractors.tables import read_tables
from jinzai.extractors.vocabulary import is_header_word
from jinzai.models import Level

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def levels_of(stem: str) -> list[Level]:
    with open_layout(RAW / f"{stem}.pdf") as layout:
        tables = read_tables(layout, table_pages(layout), header_hint=is_header_word)
        roles, _ = extract_roles(layout, stem, tables)
        return extract_levels(layout, stem, tables, roles)[0]


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
