"""Tables whose header words no vocabulary lists, or that print no header row, read from the
other evidence they carry: what their cells hold, their shape, the title they are printed under
(documents built by `unseen_header_docs`). Each test asserts what a reader of the page records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


import unseen_header_docs as docs
from jinzai.extractors import extract, open_layout
from jinzai.extractors.model.tables import Cell, Table
from jinzai.extractors.policy.cell_evidence import holds_formats, holds_organizations, key_column, names_roles, titled
from jinzai.extractors.policy.read import policy_tables, read_policy_document
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.result import Extraction
from jinzai.models import Role
from unseen_training_docs import ruled_pdf


def _extracted(folder: Path, build: Callable[[Path], Path], *args: str) -> Extraction:
    path = build(folder, *args)
    with open_layout(path) as layout:
        return extract(layout, path.stem)


def _cells(*texts: str) -> list[Cell]:
    return [Cell((text,), (0, 0, 10, 10), 1) for text in texts]


# ---------------------------------------------------------------- the evidence itself

def test_cell_evidence_tests_read_what_cells_hold():
    assert names_roles(_cells("DX推進リーダー", "一般職員", "業務改革エバンジェリスト"))
    assert not names_roles(_cells("DX推進リーダー"))  # one name says nothing of a column
    assert not names_roles(_cells("データ可視化研修", "業務自動化セミナー"))
    assert holds_formats(_cells("動画", "集合", "オンライン"))
    assert not holds_formats(_cells("総務省", "広島県"))
    assert holds_organizations(_cells("J-LIS", "広島県", "総務省"))
    assert not holds_organizations(_cells("DX推進員(必須)", "動画"))


def test_key_column_skips_row_numbers_and_titles_are_nearest_first():
    table = Table(page=1, bbox=(0, 0, 1, 1), header=[],
                  rows=[_cells("1", "DX推進員", "…"), _cells("2", "一般職員", "…")],
                  titles=("表2 研修の一覧", "3 人材育成の取組", "第1章 デジタル人材"))
    assert key_column(table) == 1
    assert titled(table, ("研修",)) and not titled(table, ("デジタル人材",))  # only the nearest two speak


# ---------------------------------------------------------------- roles

def test_role_table_read_from_role_names_beside_sentences(tmp_path):
    ex = _extracted(tmp_path, docs.himi_roles)
    assert {r.name: r.description for r in ex.roles} == {name: text for _, name, text in docs.HIMI_ROLES}
    canonical = {r.name: r.canonical for r in ex.roles}
    assert canonical["DX推進員"] == "promoter" and canonical["DX推進マネージャー"] == "manager"
    assert canonical["デジタル政策監"] == "external"  # 民間から任用し: brought in from outside


def test_role_names_beside_several_columns_define_no_roles(tmp_path):
    with open_layout(docs.himi_counts(tmp_path)) as layout:
        [table] = policy_tables(read_policy_document(layout))
        ex = extract(layout, "himi_counts")
    assert table.columns == ["呼称", "確保の方法", "人数", "時期"]
    assert not [r for r in ex.roles if r.description]  # 確保の方法 is no description of the roles


def test_english_header_words(tmp_path):
    ex = _extracted(tmp_path, docs.kaga_english)
    assert {r.name: r.description for r in ex.roles} == {
        "DX推進リーダー": "課内の業務改善を主導する", "一般職員": "日常業務にデジタルツールを使う"}
    assert sorted((s.role, s.name) for s in ex.skills) == [
        ("DX推進リーダー", "クラウドの基本操作"), ("DX推進リーダー", "業務分析"), ("一般職員", "クラウドの基本操作")]


# ---------------------------------------------------------------- skills

def test_lists_under_a_title_naming_skills_are_skills(tmp_path):
    ex = _extracted(tmp_path, docs.yame_skills, "表5 求められる能力の一覧")
    found: dict[str, list[str]] = {}
    for skill in ex.skills:
        found.setdefault(skill.role, []).append(skill.name)
    assert found == docs.YAME_SKILLS


def test_lists_under_another_title_are_no_skills(tmp_path):
    ex = _extracted(tmp_path, docs.yame_skills, "表5 職員の種類と主な業務")
    assert ex.skills == []


# ---------------------------------------------------------------- trainings

def test_training_list_printed_without_header_row(tmp_path):
    ex = _extracted(tmp_path, docs.miyoshi_headerless)
    assert [(t.name, t.organizer, t.format) for t in ex.trainings] == [
        (name, organizer, fmt) for name, organizer, fmt, _ in docs.MIYOSHI_TRAININGS]
    by_id = {t.training_id: t.name for t in ex.trainings}
    assert sorted((by_id[a.training_id], a.role, a.requirement) for a in ex.training_audience) == [
        ("データ可視化研修", "DX推進リーダー", "required"), ("データ可視化研修", "DX推進員", "recommended"),
        ("業務自動化セミナー", "DX推進員", "required"), ("自治体DX入門講座", "全職員", "required")]


def test_first_row_of_a_table_under_another_title_stays_its_header(tmp_path):
    path = ruled_pdf(tmp_path / "schedule.pdf", ["三次市デジタル人材育成方針", "別表 職員数の推移"],
                     [["情報政策講座", "4月", "5月"], ["DX推進員", "3", "5"], ["一般職員", "10", "12"]],
                     [120, 60, 60])
    with open_layout(path) as layout:
        ex = extract(layout, "schedule")
    assert ex.trainings == []


def test_training_columns_read_from_their_cells(tmp_path):
    ex = _extracted(tmp_path, docs.goshogawara_trainings)
    assert [(t.name, t.format, t.organizer, t.summary) for t in ex.trainings] == [
        (name, fmt, organizer, aim) for name, fmt, organizer, _, aim in docs.GOSHOGAWARA_TRAININGS]
    by_id = {t.training_id: t.name for t in ex.trainings}
    assert sorted((by_id[a.training_id], a.role, a.requirement) for a in ex.training_audience) == [
        ("データ活用研修", "DX推進リーダー", "target"), ("データ活用研修", "DX推進員", "target"),
        ("情報セキュリティ研修", "一般職員", "required"), ("業務改革セミナー", "DX推進リーダー", "target")]


# ---------------------------------------------------------------- targets

def test_goal_tables_count_the_role_of_their_heading_and_a_sentence_its_topic(tmp_path):
    ex = _extracted(tmp_path, docs.uwajima_goals)
    assert sorted((t.role, t.fiscal_year, t.value) for t in ex.targets) == sorted([
        *[("DX推進リーダー", 2025 + i, v) for i, v in enumerate([5, 10, 15])],
        *[("DX推進員", 2025 + i, v) for i, v in enumerate([12, 24, 36])],
        ("高度専門人材", 2027, 2)])


def test_role_matcher_topic_is_the_head_of_the_phrase_before_wa():
    roles = [Role(doc_id="t", page=1, name=n, canonical=c)
             for n, c in [("DX推進リーダー", "leader"), ("DXサポーター", "promoter"), ("デジタル推進員", "leader")]]
    matcher = RoleMatcher(roles)
    assert matcher.topic("DX推進リーダーを補佐するDXサポーターは、毎年度10名を育成する。") == "DXサポーター"
    assert matcher.topic("デジタル推進員については、各課に1名を置く。") == "デジタル推進員"
    assert matcher.topic("本市では、DX推進リーダーを20名育成する。") is None  # では sets the scene


def test_a_header_label_ending_in_a_training_noun_beside_header_words_stays_a_header(tmp_path):
    path = ruled_pdf(tmp_path / "plan.pdf", ["三次市デジタル人材育成方針", "別表 研修一覧"],
                     [["実施研修", "対象", "主催"], ["自治体DX入門講座", "全職員", "総務省"],
                      ["データ可視化研修", "DX推進員", "広島県"]], [120, 120, 80])
    with open_layout(path) as layout:
        ex = extract(layout, "plan")
    assert [(t.name, t.organizer) for t in ex.trainings] == [("自治体DX入門講座", "総務省"), ("データ可視化研修", "広島県")]
