"""Policies read by meaning (built by `unseen_meaning_docs`): role headings of
デジタルスキル標準 role types, skill lists under plain labels, trainings in numbered
lists with audience and format in words, goals in sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

import unseen_meaning_docs as docs
from jinzai.extractors import extract, open_layout
from jinzai.extractors.result import Extraction


@pytest.fixture(scope="module")
def hatsukaichi(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = docs.hatsukaichi(tmp_path_factory.mktemp("meaning") / "hatsukaichi.pdf")
    with open_layout(path) as layout:
        return extract(layout, "hatsukaichi")


def test_dss_role_types_under_numbered_headings_are_known_roles(hatsukaichi: Extraction) -> None:
    roles = {r.name: r for r in hatsukaichi.roles}
    assert list(roles) == [name for name, *_ in docs.ROLES]
    assert roles["データエンジニア"].canonical == "specialist"
    assert roles["サービスデザイナー"].canonical == "specialist"
    assert not any(r.flagged for r in hatsukaichi.roles)


def test_bullets_under_a_plain_skill_label_are_the_roles_skills(hatsukaichi: Extraction) -> None:
    got = {(s.role, s.category, s.name) for s in hatsukaichi.skills}
    assert got == {(name, label, skill) for name, _, label, skills in docs.ROLES for skill in skills}


def test_numbered_training_list_reads_names_groups_organizers_and_formats(hatsukaichi: Extraction) -> None:
    trainings = [(t.name, t.category, t.organizer, t.format) for t in hatsukaichi.trainings]
    assert trainings == [
        ("デジタル入門講座", "共通研修", "市", "eラーニング"),
        ("セキュリティ基礎講座", "共通研修", None, "動画"),
        ("データ基盤構築演習", "専門研修", "県", "演習"),
        ("サービスデザイン実践ワークショップ", "専門研修", "民間事業者", "集合研修"),
    ]


def test_audience_in_words_maps_to_roles_and_requirements(hatsukaichi: Extraction) -> None:
    names = {t.training_id: t.name for t in hatsukaichi.trainings}
    got = {(names[a.training_id], a.role, a.requirement) for a in hatsukaichi.training_audience}
    assert ("データ基盤構築演習", "データエンジニア", "required") in got
    assert ("データ基盤構築演習", "DX推進リーダー", "recommended") in got
    assert ("サービスデザイン実践ワークショップ", "サービスデザイナー", "required") in got
    assert ("サービスデザイン実践ワークショップ", "希望者", "partial") in got
    assert ("デジタル入門講座", "職員全員", "required") in got
    assert len(got) == 6


def test_a_numbered_sentence_with_parentheses_is_no_training(tmp_path: Path) -> None:
    """An enumerated paragraph ending in a note is not a training: no training noun
    and nothing in its parentheses is a requirement or a format."""
    path = docs.story_pdf(tmp_path / "notes.pdf", """
    <h1>大竹市DX推進計画</h1>
    <p>1) 窓口の手続を見直します(令和7年度から)</p>
    <p>2) 職員向けの研修(詳細は別途通知)</p>
    """)
    with open_layout(path) as layout:
        assert extract(layout, "notes").trainings == []


@pytest.fixture(scope="module")
def goals(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = docs.hatsukaichi_goals(tmp_path_factory.mktemp("meaning") / "goals.pdf")
    with open_layout(path) as layout:
        return extract(layout, "goals")


def test_a_sentence_appointing_people_under_a_quoted_name_defines_a_role(goals: Extraction) -> None:
    role = next(r for r in goals.roles if r.name == "地域DXアドバイザー")
    assert role.extractor == "prose:roles"
    assert role.description == "地域DXアドバイザーは、計画の進め方について市に助言します。"


def test_goal_table_columns_known_by_their_cells(goals: Extraction) -> None:
    from_table = {(t.role, t.metric, t.value, t.unit, t.fiscal_year)
                  for t in goals.targets if t.extractor == "table:targets"}
    assert from_table == {("地域DXアドバイザー", "確保人数", 2, "人", 2026),
                          ("データエンジニア", "確保人数", 1, "人", 2027)}
    assert not any(t.role == "サービスデザイナー" for t in goals.targets)  # 適宜 is no count


def test_a_total_derived_from_a_per_year_rate_is_no_target(goals: Extraction) -> None:
    prose = [(t.role, t.value, t.fiscal_year, t.qualifier) for t in goals.targets if t.extractor == "prose:targets"]
    assert prose == [("データエンジニア", 3, None, "毎年度")]


def test_a_fiscal_year_wrapped_inside_its_number_is_read_whole(tmp_path: Path) -> None:
    path = docs.wrapped_goal(tmp_path / "wrapped.pdf")
    with open_layout(path) as layout:
        targets = extract(layout, "wrapped").targets
    assert [(t.value, t.fiscal_year) for t in targets] == [(25, 2028)]


def test_two_level_columns_rank_by_the_one_whose_cells_carry_a_number(tmp_path: Path) -> None:
    path = docs.otake_stages(tmp_path / "stages.pdf")
    with open_layout(path) as layout:
        levels = extract(layout, "stages").levels
    assert [(lv.role, lv.rank, lv.label, lv.definition) for lv in levels] == [
        (role, int(label[-1]), label, definition) for role, label, _, definition in docs.STAGES]


def test_a_baseline_column_and_a_total_row_give_no_targets(tmp_path: Path) -> None:
    path = docs.kpi_with_baseline(tmp_path / "kpi.pdf")
    with open_layout(path) as layout:
        ex = extract(layout, "kpi")
    got = sorted((t.value, t.fiscal_year) for t in ex.targets)
    assert got == [(10, 2025), (15, 2025), (20, 2026), (30, 2026)]  # no 現状値, no 合計, no 0人 note


def test_spreadsheet_print_staggered_role_headers_and_centred_groups(tmp_path: Path) -> None:
    from jinzai.extractors.model import build_document
    from jinzai.extractors.policy.read import is_table_header_word, policy_table_blocks
    from jinzai.extractors.policy.trainings import extract_trainings
    from jinzai.models import Role

    roles = [Role(doc_id="sheet", page=1, extractor="test", name=name, canonical=canonical)
             for name, canonical in (("DX推進リーダー", "leader"), ("DX推進員", "promoter"), ("一般職員", "all_staff"))]
    path = docs.sheet_print(tmp_path / "sheet.pdf")
    with open_layout(path) as layout:
        tables = policy_table_blocks(build_document(layout, header_hint=is_table_header_word))
        trainings, audience, _ = extract_trainings("sheet", roles, tables)
    assert [(t.name, t.organizer, t.category) for t in trainings] == [
        (name, organizer, group) for group, name, organizer, *_ in docs.SHEET_TRAININGS]
    names = {t.training_id: t.name for t in trainings}
    meaning = {"●": "required", "○": "recommended", "△": "partial"}
    expected = {(name, role, meaning[mark]) for _, name, _, *marks in docs.SHEET_TRAININGS
                for role, mark in zip(("DX推進リーダー", "DX推進員", "一般職員"), marks) if mark}
    assert {(names[a.training_id], a.role, a.requirement) for a in audience} == expected


def test_placements_stated_in_a_role_tables_rows_are_targets(tmp_path: Path) -> None:
    path = docs.role_table_with_placements(tmp_path / "placements.pdf")
    with open_layout(path) as layout:
        ex = extract(layout, "placements")
    assert [r.name for r in ex.roles] == ["DX推進リーダー", "DX推進員", "一般職員"]
    assert sorted((t.role, t.metric, t.value, t.fiscal_year) for t in ex.targets) == [
        ("DX推進リーダー", "配置", 1, None), ("DX推進員", "配置", 2, None)]


def test_a_role_assisting_another_leader_is_its_promoter(tmp_path: Path) -> None:
    path = docs.two_promoters(tmp_path / "promoters.pdf")
    with open_layout(path) as layout:
        roles = {r.name: r.canonical for r in extract(layout, "promoters").roles}
    assert roles == {"業務改善推進員": "leader", "ICT推進員": "promoter"}


@pytest.fixture(scope="module")
def in_words(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = docs.audience_in_words(tmp_path_factory.mktemp("meaning") / "words.pdf")
    with open_layout(path) as layout:
        return extract(layout, "words")


def test_audience_cells_in_words_map_to_roles_and_requirements(in_words: Extraction) -> None:
    names = {t.training_id: t.name for t in in_words.trainings}
    got = {(names[a.training_id], a.role, a.requirement) for a in in_words.training_audience}
    assert got == {("DX戦略研修", "管理職", "required"), ("DX戦略研修", "DX推進リーダー", "recommended"),
                   ("DX戦略研修", "希望者", "partial"), ("ノーコード入門", "DX推進リーダー", "required")}


def test_a_count_committed_by_a_deadline_is_a_goal_anywhere_a_past_result_is_not(in_words: Extraction) -> None:
    assert [(t.role, t.value, t.fiscal_year) for t in in_words.targets] == [("DX推進リーダー", 40, 2027)]


def test_roles_as_bulleted_names_with_definitions_unknown_ones_kept_flagged(tmp_path: Path) -> None:
    path = docs.bulleted_roles(tmp_path / "bulleted.pdf")
    with open_layout(path) as layout:
        roles = extract(layout, "bulleted").roles
    assert [(r.name, r.description) for r in roles] == [(name, text) for _, name, text in docs.BULLETED_ROLES]
    assert [r.name for r in roles if r.flagged] == ["データ活用担当"]


def test_a_cover_line_that_is_a_span_of_fiscal_years_is_the_period(tmp_path: Path) -> None:
    """No sentence names the period (a spreadsheet's 計画期間 cell is read apart from its
    value); the cover prints the span alone, in Western years."""
    path = docs.pdfs.text_pdf(tmp_path / "cover.pdf",
                              [(200, 300, "宇佐市DX人材育成実施計画"), (220, 340, "（2025年度～2027年度）")],
                              [(60, 80, "1 計画の概要"), (60, 110, "計画期間"), (60, 140, "本計画は職員の育成を定める。")])
    with open_layout(path) as layout:
        info = extract(layout, "cover").info
    assert (info.period_start_fy, info.period_end_fy) == (2025, 2027)


def test_kpi_table_with_a_target_year_column(tmp_path: Path) -> None:
    path = docs.kpi_with_target_year(tmp_path / "kpi.pdf")
    with open_layout(path) as layout:
        targets = extract(layout, "kpi").targets
    assert sorted((t.role, t.metric, t.value, t.unit, t.fiscal_year) for t in targets) == [
        ("DX推進リーダー", "育成人数", 30, "人", 2028), ("一般職員", "受講率", 100, "%", 2026)]


def test_passing_an_exam_counts_qualification_holders() -> None:
    from jinzai.extractors.policy.targets.sentences import goals_in_sentence

    goals = goals_in_sentence("情報処理安全確保支援士試験の合格者を令和9年度までに5名とすることを目指す。")
    assert [(g.metric, g.value, g.fiscal_year) for g in goals] == [("資格取得者数", 5, 2027)]


def test_skill_topics_under_an_unnumbered_symbol_heading_end_at_the_next_heading(tmp_path: Path) -> None:
    path = docs.skill_topics_under_a_symbol_heading(tmp_path / "topics.pdf")
    with open_layout(path) as layout:
        skills = extract(layout, "topics").skills
    assert sorted((s.role, s.name) for s in skills if s.extractor == "prose:skills") == sorted(
        (role, topic) for role, topics in docs.SKILL_TOPICS for topic in topics)


def test_roles_of_list_items_keep_their_whole_wrapped_description(tmp_path: Path) -> None:
    path = docs.roles_in_wrapped_list_items(tmp_path / "listed.pdf")
    with open_layout(path) as layout:
        roles = extract(layout, "listed").roles
    assert [(r.name, r.extractor, r.description) for r in roles] == [
        (name, "prose:roles", text) for name, text in docs.LISTED_ROLES]


def test_unknown_role_between_known_ones_under_symbol_headings_of_one_rank(tmp_path: Path) -> None:
    path = docs.symbol_headed_roles(tmp_path / "symbols.pdf")
    with open_layout(path) as layout:
        roles = extract(layout, "symbols").roles
    assert [(r.name, r.extractor, r.description) for r in roles] == [
        (name, "heading:roles", text) for name, text in docs.SYMBOL_HEADED_ROLES]
    assert [r.name for r in roles if r.flagged] == ["デジタル伴走サポーター"]
