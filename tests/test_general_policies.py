"""General staff-development policies: only their digital part gives records.

The documents are built here (`unseen_general_docs`), worded and laid out unlike the
unseen corpus's `kurume_kihon`, `iwaki_kihon` and `iida_kenshu`: job grades with their
abilities, general trainings and general goals must give no record; the digital chapter
(found by its heading's words, or by the digital roles it defines), a digital group of a
training plan and a digital document read whole must.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import unseen_general_docs as docs
from jinzai.extractors import Extraction, extract, open_layout
from jinzai.extractors.policy.trainings import column_kind


def records_of(path: Path) -> Extraction:
    with open_layout(path) as layout:
        return extract(layout, path.stem)


def audience_of(extraction: Extraction) -> set[tuple[str, str, str]]:
    names = {t.training_id: t.name for t in extraction.trainings}
    return {(names[a.training_id], a.role, a.requirement) for a in extraction.training_audience}


@pytest.mark.parametrize("chapter", ["第4章 ICTを活かす人材の育成", "第4章 変革を支える人材の育成"])
def test_only_the_digital_chapter_of_a_general_vision_gives_records(tmp_path: Path, chapter: str) -> None:
    """Unruled tables of job grades (部長 … 主事 with their abilities), general trainings and a
    KPI table around one chapter: that chapter alone gives records, whether its heading names
    a digital subject (`ICT`) or only the roles it defines do (`DX推進リーダー`)."""
    extraction = records_of(docs.tatebayashi(tmp_path / "vision.pdf", chapter))
    assert {r.name for r in extraction.roles} == {"DX推進リーダー", "情報システム担当職員"}
    assert extraction.skills == []
    assert audience_of(extraction) == {("ノーコードアプリ作成講座", "DX推進リーダー", "required"),
                                       ("ネットワーク管理研修", "情報システム担当職員", "required")}
    assert [(t.role, t.value, t.fiscal_year) for t in extraction.targets] == [("DX推進リーダー", 40, 2030)]


def test_the_blocks_table_says_why_a_general_table_gave_no_record(tmp_path: Path) -> None:
    extraction = records_of(docs.tatebayashi(tmp_path / "vision.pdf"))
    grades = next(b for b in extraction.blocks if b.header and b.header.startswith("階層"))
    assert grades.read_as == "none"
    assert "roles" in grades.reason and "outside the digital part" in grades.reason


def test_a_general_policy_without_a_digital_part_gives_no_records(tmp_path: Path) -> None:
    """A ruled 職層 grid, trainings in prose with their audience and format in brackets, goal
    sentences and a yearly goal grid, DX named only in passing: no record, a warning, no failure."""
    extraction = records_of(docs.komoro(tmp_path / "kihon.pdf"))
    assert extraction.info.municipality == "小諸市"
    assert (extraction.roles, extraction.skills, extraction.trainings, extraction.targets) == ([], [], [], [])
    assert [w.kind for w in extraction.warnings if w.kind == "general_policy"] == ["general_policy"]


def test_the_digital_group_of_a_training_plan_gives_its_only_trainings(tmp_path: Path) -> None:
    """A one-year 研修計画 whose groups are rows across a ruled grid: only the trainings of the
    group named by a digital word (`【情報化研修】`) are records, each with that category."""
    extraction = records_of(docs.tsubame_plan(tmp_path / "plan.pdf"))
    assert {(t.name, t.category) for t in extraction.trainings} == {
        ("表計算ソフト活用講座", "情報化研修"), ("生成AI業務活用研修", "情報化研修")}
    assert audience_of(extraction) == {("表計算ソフト活用講座", "希望者", "partial"),
                                       ("生成AI業務活用研修", "全職員", "target")}


def test_a_yearly_plan_title_names_its_body_and_its_period(tmp_path: Path) -> None:
    """`令和8年度燕市職員研修実施計画`: the body after the fiscal year; `計画期間:令和8年度` one year."""
    info = records_of(docs.tsubame_plan(tmp_path / "plan.pdf")).info
    assert (info.title, info.municipality, info.municipality_code) == ("令和8年度燕市職員研修実施計画", "燕市", "152137")
    assert (info.period_start_fy, info.period_end_fy) == (2026, 2026)


@pytest.mark.parametrize(("header", "kind"), [
    ("研修区分", "category"), ("研修分野", "category"), ("研修の種類", "category"), ("研修名", "name"),
    ("研修名称", "name"), ("研修形態", "format"), ("講師・実施機関", "organizer"), ("受講対象者", "audience"),
])
def test_a_compound_training_header_is_read_by_its_head_noun(header: str, kind: str) -> None:
    """`研修区分` is a 区分 of trainings (a category column), not the trainings' names."""
    assert column_kind(header) == kind


def test_a_category_column_before_the_names_is_no_name_column(tmp_path: Path) -> None:
    from pdfs import table_pdf

    rows = [["研修分野", "研修名", "対象者"], ["デジタル", "RPA入門講座", "全職員"],
            ["デジタル", "データ分析研修", "係長級"], ["接遇", "電話応対研修", "新規採用職員"]]
    extraction = records_of(table_pdf(tmp_path / "grid.pdf", rows, [110, 180, 140], rules=False))
    assert {(t.name, t.category) for t in extraction.trainings} == {
        ("RPA入門講座", "デジタル"), ("データ分析研修", "デジタル"), ("電話応対研修", "接遇")}


def test_an_audience_sentence_under_a_listed_training(tmp_path: Path) -> None:
    """`1) 名称（形式）` then a paragraph naming whom it is for in words: `受講対象者は、X(必須)及び
    Y(希望者)です。`, or a label `対象:Y`."""
    extraction = records_of(docs.kounosu_list(tmp_path / "list.pdf"))
    assert audience_of(extraction) == {("RPA実践講座", "デジタル推進員", "required"),
                                       ("RPA実践講座", "一般職員", "partial"),
                                       ("データ活用入門講座", "一般職員", "target")}


def test_a_summary_slide_of_a_general_policy(tmp_path: Path) -> None:
    """Its title ends with a bracketed `【概要版】`; its date stands at the right of the title
    line, read after the body; its 職級 grid gives no record."""
    extraction = records_of(docs.konosu_summary(tmp_path / "summary.pdf"))
    info = extraction.info
    assert (info.title, info.municipality, info.issued) == ("鴻巣市職員育成方針【概要版】", "鴻巣市", "2026-05")
    assert (extraction.roles, extraction.skills) == ([], [])
