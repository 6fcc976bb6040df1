"""Skills from skill tables and prose skill sections, on the sample policies (data/raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors.layout import open_layout
from jinzai.extractors.policy.read import policy_tables, read_policy_document
from jinzai.extractors.policy.roles import extract_roles
from jinzai.extractors.policy.skills import extract_skills
from jinzai.extractors.model.tables import Cell, Table
from jinzai.extractors.policy.vocabulary import SKILL_SENTENCE_TAIL
from jinzai.models import Skill

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def skills_of(stem: str) -> list[Skill]:
    with open_layout(RAW / f"{stem}.pdf") as layout:
        document = read_policy_document(layout)
        tables = policy_tables(document)
        roles, _ = extract_roles(document, stem, tables)
        return extract_skills(document, stem, tables, roles)[0]


@pytest.fixture(scope="module")
def tarumizu() -> list[Skill]:
    return skills_of("tarumizu")


@pytest.fixture(scope="module")
def kakamigahara() -> list[Skill]:
    return skills_of("kakamigahara")


@pytest.fixture(scope="module")
def kunisaki() -> list[Skill]:
    return skills_of("kunisaki")


@pytest.fixture(scope="module")
def model_policy() -> list[Skill]:
    return skills_of("model_policy")


def of_role(skills: list[Skill], role: str) -> list[tuple[str | None, str]]:
    return [(s.category, s.name) for s in skills if s.role == role]


def test_numbered_and_bulleted_cells_with_column_headers_as_categories(tarumizu):
    # p6: 役割区分 | 必要な能力 (①②) | 保有すべき知識・スキル (・), items wrapped over lines
    assert of_role(tarumizu, "DX推進アドバイザー") == [
        ("必要な能力", "デジタルスキル"), ("必要な能力", "プロジェクトマネジメント"),
        ("必要な能力", "人材育成"), ("必要な能力", "システム開発"),
        ("保有すべき知識・スキル", "DX施策を推進するための専門的な知識や高度なデジタル技術"),
        ("保有すべき知識・スキル", "各所属へのデジタル技術を活用した最適な解決策の提案及び支援"),
        ("保有すべき知識・スキル", "各人材に対する研修の企画・推進・評価"),
        ("保有すべき知識・スキル", "外注に頼らない情報システムの導入(内製化)"),
    ]
    assert len(tarumizu) == 31
    assert {s.page for s in tarumizu} == {6}


def test_bullets_are_skills_and_the_lead_line_is_not(kakamigahara):
    # p7: 専門性 | 必要となるスキルの例; p6's ⚫ bullets under 管理職… are duties; p8's training
    # plan column 得られるスキル belongs to no role
    assert of_role(kakamigahara, "高度専門人材") == [
        (None, "デジタル技術による改善(全庁)"), (None, "ネットワーク、情報セキュリティ管理統括(全庁)"),
        (None, "デジタル技術の選択、導入、運用管理(全庁)")]
    assert (None, "OAスキル、グループウェア活用スキル") in of_role(kakamigahara, "一般職員")
    assert not any(s.name.endswith("課題解決を行うスキル") for s in kakamigahara)
    assert {s.role for s in kakamigahara} == {"高度専門人材", "デジタル推進員", "一般職員"}
    assert len(kakamigahara) == 12


def test_prose_skill_lines_give_one_skill_per_topic(kunisaki):
    # p7 (2) 知識・スキルの主な内容: `▶高度専門人材・・・・マネジメント、…等に関する高度な知識、スキルの習得。`;
    # p6's goal sentence (ノーコードツールや生成AIなどのスキルを獲得する) gives none
    assert of_role(kunisaki, "高度専門人材") == [
        (None, "マネジメント"), (None, "ネットワーク"), (None, "情報セキュリティ"), (None, "施策の立案")]
    assert of_role(kunisaki, "DX推進リーダー") == [(None, "デジタルを活用した業務改善")]
    assert of_role(kunisaki, "一般職員") == [
        (None, "デジタルツールの基本的知識"), (None, "情報セキュリティ"), (None, "ITリテラシー")]
    assert {s.page for s in kunisaki} == {7}


def test_shared_tail_of_a_topic_sentence():
    assert SKILL_SENTENCE_TAIL.sub("", "マネジメント、施策の立案等に関する高度な知識、スキルの習得。") == "マネジメント、施策の立案"
    assert SKILL_SENTENCE_TAIL.sub("", "デジタルを活用した業務改善に関する知識、スキルの習得") == "デジタルを活用した業務改善"
    assert SKILL_SENTENCE_TAIL.sub("", "情報セキュリティ、ITリテラシーの習得") == "情報セキュリティ、ITリテラシー"


def test_heading_role_and_category_column(model_policy):
    # tables without a role column take the role of the heading above them (`3 全庁 DX 推進担当`);
    # 区分 gives the category, `情報基盤/統` + `制` joined
    assert of_role(model_policy, "全庁DX推進担当") == [
        ("共通", "変革マネジメント(管理監督職の管理とは異なる)"),
        ("業務高度化", "データ・AI活用業務の設計・事業実装・評価")]
    assert ("情報基盤/統制", "ITストラテジー") in of_role(model_policy, "全庁情報システム担当")
    assert len(of_role(model_policy, "一般行政職員(管理監督職)")) == 4
    assert not of_role(model_policy, "CIO補佐官")


def test_table_continued_over_a_page_break(model_policy):
    # 一般行政職員's table ends on p6 with `ツール活用（生成 AI）`, whose 区分 cell was cut by the break
    generative = next(s for s in model_policy if s.name == "ツール活用(生成AI)")
    assert (generative.role, generative.category, generative.page) == ("一般行政職員", "業務効率化", 6)
    assert generative.definition.startswith("生成AIツール(Copilot等)の基本的な機能を理解し")
    assert len(of_role(model_policy, "一般行政職員")) == 11


def grid(page: int, rows: list[list[str]]) -> Table:
    """A ruled table as read from a page: the first row is the header."""
    cells = [[Cell(tuple(text.split("\n")) if text else (), (0.0, 0.0, 1.0, 1.0), page) for text in row] for row in rows]
    return Table(page=page, bbox=(0.0, 0.0, 1.0, 1.0), header=cells[:1], rows=cells[1:], pages=[page])


def test_skill_matrix_with_roles_as_columns():
    # A skill map printed the other way round: skills label the rows, tarumizu's roles
    # (abbreviated as its training table heads them) the columns, a mark where a role needs it.
    with open_layout(RAW / "tarumizu.pdf") as layout:
        document = read_policy_document(layout)
        tables = policy_tables(document)
        roles, _ = extract_roles(document, "tarumizu", tables)
        matrix = grid(6, [["スキル項目", "推進リーダー", "推進員", "一般職員"],
                          ["サービスデザイン", "●", "○", ""],
                          ["デジタルリテラシー", "", "", "●"]])
        skills, _ = extract_skills(document, "tarumizu", [matrix], roles)
    table_skills = [(s.role, s.name) for s in skills if s.extractor == "table:skills"]
    assert table_skills == [("DX推進リーダー", "サービスデザイン"), ("DX推進員", "サービスデザイン"),
                            ("一般職員", "デジタルリテラシー")]


def test_group_rows_naming_a_role_assign_the_rows_below():
    # tarumizu's p6 skills printed as one table with a row across it per role
    with open_layout(RAW / "tarumizu.pdf") as layout:
        document = read_policy_document(layout)
        tables = policy_tables(document)
        roles, _ = extract_roles(document, "tarumizu", tables)
        header = [["必要な能力", "保有すべき知識・スキル"]]
        rows = [["DX推進員"], ["① サービスデザイン\n② デジタルスキル", "・ 業務目的に応じた効率的なデジタルツールの\n活用"],
                ["一般職員"], ["① デジタルリテラシー", "・ 基本的なビジネスソフトの活用"]]
        cells = []
        for row in header + rows:
            made = [Cell(tuple(text.split("\n")), (0.0, 0.0, 1.0, 1.0), 6) for text in row]
            cells.append(made * 2 if len(made) == 1 else made)
        table = Table(page=6, bbox=(0.0, 0.0, 1.0, 1.0), header=cells[:1], rows=cells[1:], pages=[6])
        skills, warnings = extract_skills(document, "tarumizu", [table], roles)
    assert [(s.role, s.category, s.name) for s in skills if s.extractor == "table:skills"] == [
        ("DX推進員", "必要な能力", "サービスデザイン"), ("DX推進員", "必要な能力", "デジタルスキル"),
        ("DX推進員", "保有すべき知識・スキル", "業務目的に応じた効率的なデジタルツールの活用"),
        ("一般職員", "必要な能力", "デジタルリテラシー"), ("一般職員", "保有すべき知識・スキル", "基本的なビジネスソフトの活用")]
    assert warnings == []
