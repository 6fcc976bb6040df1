"""Numeric goals of the sample corpus → targets (year tables and goal sentences)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pdfs import text_pdf
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.model import Heading, TableBlock
from jinzai.extractors.model.tables import Cell
from jinzai.extractors.model.headings import numbering
from jinzai.extractors.policy.read import read_policy_document
from jinzai.extractors.policy.targets import extract_targets
from jinzai.extractors.policy.targets.sentences import goals_in_sentence, targets_from_sentence
from jinzai.extractors.policy.targets.year_tables import check_sums, year_tables
from jinzai.models import ExtractionWarning, Role, Target
from jinzai.normalizers.text import normalize_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def role(doc_id: str, name: str, canonical: str, aliases: tuple[str, ...] = ()) -> Role:
    return Role(doc_id=doc_id, page=5, name=name, canonical=canonical, aliases=list(aliases))


def targets_of(layout: PdfLayout, doc_id: str, roles: list[Role]) -> tuple[list[Target], list[ExtractionWarning]]:
    """The targets of a document read as ingest reads it: from its document model."""
    return extract_targets(read_policy_document(layout), doc_id, roles)


TARUMIZU_ROLES = [
    role("tarumizu", "DX推進マネージャー", "manager"),
    role("tarumizu", "DX推進アドバイザー", "specialist"),
    role("tarumizu", "DX推進リーダー", "leader"),
    role("tarumizu", "DX推進員", "promoter"),
    role("tarumizu", "一般職員", "all_staff"),
]
# The template's roles as its role pages name them (p5-p9).
MODEL_ROLES = [
    role("model", "一般行政職員", "all_staff"),
    role("model", "DX推進員", "leader"),
    role("model", "全庁DX推進担当", "specialist"),
    role("model", "全庁情報システム担当", "specialist"),
    role("model", "一般行政職員(管理監督職)", "manager", ("管理監督職",)),
    role("model", "CIO補佐官", "external", ("CIO補佐官・高度専門人材",)),
]
KUNISAKI_ROLES = [
    role("kunisaki", "高度専門人材", "specialist"),
    role("kunisaki", "DX推進リーダー", "leader"),
    role("kunisaki", "一般職員", "all_staff"),
]


def layout_of(stem: str) -> PdfLayout:
    return open_layout(RAW / f"{stem}.pdf")


@pytest.fixture(scope="module")
def tarumizu() -> PdfLayout:
    with layout_of("tarumizu") as layout:
        yield layout


@pytest.fixture(scope="module")
def model_targets() -> list[Target]:
    with layout_of("model_policy") as layout:
        targets, warnings = targets_of(layout, "model", MODEL_ROLES)
    assert warnings == []
    return targets


def facts(targets: list[Target]) -> list[tuple]:
    return [(t.role, t.metric, t.value, t.unit, t.fiscal_year) for t in targets]


# ---------------------------------------------------------------- tarumizu p7: 【育成目標数】 year table


def test_year_table_gives_one_target_per_role_and_year(tarumizu: PdfLayout) -> None:
    targets, warnings = targets_of(tarumizu, "tarumizu", TARUMIZU_ROLES)
    assert warnings == []  # the printed totals add up
    assert facts(targets) == [
        (r, "育成人数", v, "人", fy)
        for r, values in (("DX推進アドバイザー", (3, 1, 1, 1)), ("DX推進リーダー", (3, 3, 3, 3)),
                          ("DX推進員", (10, 10, 10, 10)))
        for fy, v in zip((2025, 2026, 2027, 2028), values, strict=True)
    ]
    assert {t.page for t in targets} == {7}
    assert {t.extractor for t in targets} == {"table:targets"}


def test_totals_are_not_targets(tarumizu: PdfLayout) -> None:
    targets, _ = targets_of(tarumizu, "tarumizu", TARUMIZU_ROLES)
    # 計 column (6, 12, 40) and 合計 row (16, 14, 58) are derived.
    assert not {t.value for t in targets} & {6, 12, 40, 16, 14, 58}
    assert all(t.role is not None for t in targets)


def test_year_table_text_raw_is_the_printed_row(tarumizu: PdfLayout) -> None:
    targets, _ = targets_of(tarumizu, "tarumizu", TARUMIZU_ROLES)
    page_text = normalize_text(tarumizu.pages[6].text).replace(" ", "").lower()
    assert targets[0].text_raw == "D X推進アドバイザー 3 1 1 1 6"
    assert all(normalize_text(t.text_raw).replace(" ", "").lower()[:20] in page_text for t in targets)


def _with_cell(cell: Cell, text: str) -> Cell:
    """The cell printed with another text."""
    return dataclasses.replace(cell, lines=(text,))


def test_sum_mismatch_is_warned_and_values_kept(tarumizu: PdfLayout) -> None:
    document = read_policy_document(tarumizu)
    [block] = [b for b in document.blocks_of(TableBlock) if b.page == 7 and "R8" in b.table.columns]
    table = block.table
    advisor = next(row for row in table.rows if normalize_text(row[0].text).replace(" ", "") == "DX推進アドバイザー")
    # DX推進アドバイザー's R8 cell printed as 2: its row (計 6) and the R8 column (合計 14) no longer add up.
    r8 = table.columns.index("R8")
    advisor[r8] = _with_cell(advisor[r8], "2")
    [year_table] = [t for t in year_tables(document) if t.page == 7]
    warnings = check_sums(year_table, "tarumizu")
    assert {w.kind for w in warnings} == {"sum_mismatch"}
    assert sorted(w.message for w in warnings) == [
        "column 'R8': printed total 14, cells add up to 15",
        "row 'DX推進アドバイザー': printed total 6, cells add up to 7",
    ]
    cells = [c for r in year_table.rows if r.label == "DX推進アドバイザー" for c in r.cells.values()]
    assert [c.text for c in cells] == ["3", "2", "1", "1", "6"]


# ---------------------------------------------------------------- model_policy p13: goal sentences


def test_template_goal_sentences(model_targets: list[Target]) -> None:
    assert facts(model_targets) == [
        ("一般行政職員", "受講率", 100, "%", None),
        ("一般行政職員", "到達率", 70, "%", None),
        ("DX推進員", "配置", 1, "人", None),
        ("DX推進員", "育成人数", None, "人", None),
        ("DX推進員", "到達率", 50, "%", None),
        ("全庁DX推進担当", "確保人数", None, "人", None),
        ("全庁DX推進担当", "到達人数", None, "人", None),
        ("全庁情報システム担当", "配置", None, "人", None),
        ("全庁情報システム担当", "到達人数", None, "人", None),
        ("CIO補佐官", "配置", 1, "人", None),
    ]
    assert {t.page for t in model_targets} == {13}


def test_placeholders_qualifiers_and_relative_deadlines(model_targets: list[Target]) -> None:
    first, _, placement, trained, *_ = model_targets
    assert (first.within_years, first.qualifier) == (5, None)
    assert (placement.qualifier, placement.placeholder) == ("以上", None)
    assert (trained.placeholder, trained.value) == ("○名", None)
    assert trained.text_raw.startswith("・ 各主要事業所管課に少なくとも1名以上を配置し")


def test_goal_without_number_is_no_target() -> None:
    sentence = ("・ Step2（システム導入・設計支援）に到達する人材を複数名確保し、少なくとも○名は\n"
                "Step3（全庁戦略・リスク管理・ガバナンス設計）に到達することを目指す。")
    [goal] = goals_in_sentence(sentence)  # 複数名 counts nothing
    assert (goal.metric, goal.value, goal.placeholder) == ("到達人数", None, "○名")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("・ 全職員を対象とした基礎研修（リテラシー研修）について、5年以内に 受講率 100%\nを達成する。",
     [("受講率", 100, "%")]),
    ("・ 各主要事業所管課に少なくとも1名以上を配置し、5年以内に 庁内で計○名程度 を育成\nする。",
     [("配置", 1, "人"), ("育成人数", None, "人")]),
    ("・ 5年以内に 庁内で○名程度 を確保し、Step2（案件リード経験）までの到達を基本と\nする。",
     [("確保人数", None, "人")]),
    ("・ 5年以内に ICT 専門担当として常勤○名を安定的に配置する。", [("配置", None, "人")]),
    ("・ 国の制度や外部サービスを活用し、少なくとも1名以上を継続的に登用する体制を5年\n以内に確立する。",
     [("配置", 1, "人")]),
    # kunisaki p6: a number per unit is a placement.
    ("目標人数：各係に1人（総括リーダー）", [("配置", 1, "人")]),
    # soumu_casebook p21: the verb before the number names it.
    ("DX推進員の育成\n現状値 2021年度\n—\n目標値 2026年度\n50人 (累計)", [("育成人数", 50, "人")]),
])
def test_metric_of_a_goal_sentence(sentence: str, expected: list[tuple]) -> None:
    assert [(g.metric, g.value, g.unit) for g in goals_in_sentence(sentence)] == expected


def test_fiscal_year_printed_before_the_number() -> None:
    [goal] = goals_in_sentence("DX推進員の育成\n現状値 2021年度\n—\n目標値 2026年度\n50人 (累計)")
    assert (goal.fiscal_year, goal.qualifier) == (2026, "累計")
    [relative] = goals_in_sentence("5年以内に 受講率 100%を達成する。")
    assert (relative.fiscal_year, relative.within_years) == (None, 5)


def test_impossible_era_year_is_no_fiscal_year() -> None:
    # "H45" reads as 平成45年, long after 平成 ended: a code, not the goal's year.
    [goal] = goals_in_sentence("システムH45の更新までに、DX推進員を10名育成する。")
    assert (goal.value, goal.fiscal_year) == (10, None)


def test_counts_that_are_no_goal() -> None:
    # tarumizu p3 and kakamigahara p9: a population and an idiom.
    assert goals_in_sentence("職員一人ひとりのデジタルスキルの向上を図ります。") == []
    assert [g.value for g in goals_in_sentence("2042年の本市人口は8,400人程度と")] == [8400]


def test_targets_from_sentence_builds_records() -> None:
    [target] = targets_from_sentence("目標人数：各係に1人（総括リーダー）", "DX推進リーダー",
                                     doc_id="kunisaki", page=6, municipality=None)
    assert (target.role, target.metric, target.value, target.unit, target.fiscal_year) == \
        ("DX推進リーダー", "配置", 1, "人", None)
    assert (target.text_raw, target.extractor) == ("目標人数：各係に1人（総括リーダー）", "prose:targets")


# ---------------------------------------------------------------- kunisaki p6, sections and headings


def test_goal_restated_under_the_same_role_is_kept_once() -> None:
    with layout_of("kunisaki") as layout:
        targets, _ = targets_of(layout, "kunisaki", KUNISAKI_ROLES)
    # "目標人数：各係に1人" and "係ごとに1名配置する" state one goal.
    assert facts(targets) == [("DX推進リーダー", "配置", 1, "人", None)]
    assert targets[0].page == 6


@pytest.mark.parametrize(("line", "shape"), [
    ("第5章 確保・育成の中期目標", "第0章"),
    ("IV 求められるデジタル人材の育成・確保に関する目標", "R"),
    ("2 デジタル人材の育成目標", "0"),
    ("4.1.3 研修計画", "0.0.0"),
    ("(2) DX推進リーダー", "(0)"),
])
def test_heading_shapes(line: str, shape: str) -> None:
    # the goal section's heading and its role sub-headings are the document model's headings
    assert numbering(line) == shape


def test_a_numbered_sentence_or_goal_is_no_heading(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "sentences.pdf", [
        (70, 100, "5 数値目標"),
        (70, 130, "5年以内に ICT 専門担当として常勤○名を安定的に配置する。"),
        (70, 160, "1名以上を配置"),
    ])
    with open_layout(pdf) as layout:
        document = read_policy_document(layout)
    assert [h.title for h in document.blocks_of(Heading)] == ["数値目標"]


def test_document_without_goals() -> None:
    with layout_of("kakamigahara") as layout:
        assert targets_of(layout, "kakamigahara", []) == ([], [])


# ---------------------------------------------------------------- year tables in other layouts


def test_year_table_with_wareki_headers_dashes_and_a_goal_sentence(tmp_path: Path) -> None:
    # tarumizu p7's table as another city might print it: 令和N年度 headers, a dash, no rulings.
    pdf = text_pdf(tmp_path / "years.pdf", [
        (70, 100, "2 デジタル人材の育成目標"),
        (70, 120, "【育成目標数】"),
        (200, 140, "令和7年度"), (270, 140, "令和8年度"), (340, 140, "令和9年度"), (410, 140, "合計"),
        (70, 160, "DX推進リーダー"), (215, 160, "3"), (285, 160, "3"), (355, 160, "－"), (425, 160, "6"),
        (70, 180, "DX推進員"), (215, 180, "10"), (285, 180, "10"), (355, 180, "10"), (425, 180, "30"),
        (70, 230, "3 推進体制"),
        (70, 250, "令和10年度までに、各課にDX推進リーダーを1名以上配置することを目標とする。"),
        (70, 270, "令和7年度はDX推進員を10人育成することを目標とする。"),  # restates the table
    ])
    with open_layout(pdf) as layout:
        targets, warnings = targets_of(layout, "years", TARUMIZU_ROLES)
    assert facts(targets) == [
        ("DX推進リーダー", "育成人数", 3, "人", 2025), ("DX推進リーダー", "育成人数", 3, "人", 2026),
        ("DX推進員", "育成人数", 10, "人", 2025), ("DX推進員", "育成人数", 10, "人", 2026),
        ("DX推進員", "育成人数", 10, "人", 2027),
        ("DX推進リーダー", "配置", 1, "人", 2028),
    ]
    assert warnings == []


def test_year_table_with_one_row_per_year(tmp_path: Path) -> None:
    # The same goals printed the other way round; the 計 row is a total with a wrong sum.
    pdf = text_pdf(tmp_path / "down.pdf", [
        (70, 100, "(2) 配置目標"),  # the metric comes from the nearest line above that names one
        (70, 120, "各課の体制を次のとおりとする。"),
        (70, 140, "年度"), (200, 140, "DX推進リーダー"), (300, 140, "DX推進員"),
        (70, 160, "2025年"), (220, 160, "3"), (315, 160, "10"),
        (70, 180, "2026年"), (220, 180, "3"), (315, 180, "10"),
        (70, 200, "計"), (220, 200, "6"), (315, 200, "21"),
    ])
    with open_layout(pdf) as layout:
        targets, warnings = targets_of(layout, "down", TARUMIZU_ROLES)
    assert facts(targets) == [
        ("DX推進リーダー", "配置", 3, "人", 2025), ("DX推進リーダー", "配置", 3, "人", 2026),
        ("DX推進員", "配置", 10, "人", 2025), ("DX推進員", "配置", 10, "人", 2026),
    ]
    assert targets[0].text_raw == "2025年 3 10"  # the printed row of its year
    assert [w.message for w in warnings] == ["row 'DX推進員': printed total 21, cells add up to 20"]


def test_a_total_adds_up_only_the_rows_above_it_in_its_unit(tmp_path: Path) -> None:
    # A KPI table: two counts, their 合計, then a rate row printed under the total.
    pdf = text_pdf(tmp_path / "kpi_total.pdf", [
        (70, 100, "育成目標"),
        (70, 120, "対象"), (250, 120, "R7"), (320, 120, "R8"),
        (70, 140, "DX推進リーダー"), (250, 140, "4人"), (320, 140, "6人"),
        (70, 160, "DX推進員"), (250, 160, "45人"), (320, 160, "65人"),
        (70, 180, "合計"), (250, 180, "49人"), (320, 180, "72人"),
        (70, 200, "研修受講率"), (250, 200, "80%"), (320, 200, "90%"),
    ])
    with open_layout(pdf) as layout:
        [table] = year_tables(read_policy_document(layout))
    # R8's total is misprinted (71 would be right); R7's adds up; the rate row is no part of either.
    assert [w.message for w in check_sums(table, "kpi")] == ["column 'R8': printed total 72, cells add up to 71"]


def test_a_total_row_beside_a_spread_group_label_is_still_a_total(tmp_path: Path) -> None:
    # An unruled KPI table: 合計 printed in the role column, and the next indicator's label
    # (研修受講率) centred between the total row and its own row, so it sits beside both.
    pdf = text_pdf(tmp_path / "spread.pdf", [
        (70, 100, "育成目標"),
        (70, 120, "指標"), (170, 120, "対象"), (300, 120, "R7"), (360, 120, "R8"),
        (70, 140, "育成人数"), (170, 140, "DX推進リーダー"), (300, 140, "4人"), (360, 140, "6人"),
        (70, 160, "育成人数"), (170, 160, "DX推進員"), (300, 160, "45人"), (360, 160, "65人"),
        (170, 180, "合計"), (300, 180, "49人"), (360, 180, "71人"),
        (70, 190, "研修受講率"),
        (170, 200, "全職員"), (300, 200, "80%"), (360, 200, "90%"),
    ])
    with open_layout(pdf) as layout:
        targets, warnings = targets_of(layout, "spread", TARUMIZU_ROLES)
    assert warnings == []  # the total adds up
    assert {t.value for t in targets if t.unit == "人"} == {4, 6, 45, 65}  # 49 and 71 are the total's
    assert {t.value for t in targets if t.unit == "%"} == {80, 90}


def test_goal_section_ends_at_a_heading_of_its_level_or_higher(tmp_path: Path) -> None:
    # model_policy p13's goals under a "(1)" heading that names the role; "3 推進体制" ends the section.
    pdf = text_pdf(tmp_path / "levels.pdf", [
        (70, 100, "2 デジタル人材の確保・育成"),
        (70, 120, "(1) DX推進リーダーの育成目標"),
        (70, 140, "・ 令和10年度までに 各主要事業所管課に少なくとも1名以上を配置する。"),
        (70, 170, "3 推進体制"),
        (70, 190, "・ DX推進員を30名育成する。"),
    ])
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "levels", TARUMIZU_ROLES)
    assert facts(targets) == [("DX推進リーダー", "配置", 1, "人", 2028)]


def test_running_header_does_not_end_the_goal_section(tmp_path: Path) -> None:
    # model_policy p13 over two pages, its chapter heading repeated at the top of the second.
    pdf = text_pdf(
        tmp_path / "running.pdf",
        [(70, 100, "第5章 確保・育成の中期目標"), (70, 130, "1 一般行政職員"),
         (70, 150, "・ 全職員を対象とした基礎研修について、5年以内に 受講率 100% を達成する。")],
        [(70, 60, "第5章 確保・育成の中期目標"),
         (70, 100, "・ ツール活用について、5年以内に 職員の 70%以上 が Step2 に到達する。")],
    )
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "running", MODEL_ROLES)
    assert [(t.role, t.metric, t.value, t.page) for t in targets] == [
        ("一般行政職員", "受講率", 100, 1), ("一般行政職員", "到達率", 70, 2),
    ]


def test_a_goal_printed_as_a_numbered_heading(tmp_path: Path) -> None:
    # A goal set as its own numbered line, without 。: the model reads it as a heading, and its
    # number is still a goal of the section; the role it names is the target's.
    pdf = text_pdf(tmp_path / "heading_goal.pdf", [
        (70, 100, "5 数値目標"),
        (70, 130, "(1) 令和10年度までにDX推進員を30名育成"),
        (70, 160, "研修の受講を通じて段階的に育成する。"),
    ])
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "heading_goal", TARUMIZU_ROLES)
    assert facts(targets) == [("DX推進員", "育成人数", 30, "人", 2028)]


def test_indicator_table_with_baseline_and_goal_columns(tmp_path: Path) -> None:
    # soumu_casebook p21's indicator (指標 / 現状値 2021年度 / 目標値 2026年度) printed as a table row,
    # with a rate row added: the baseline column is no target, the goal column is.
    pdf = text_pdf(tmp_path / "kpi.pdf", [
        (70, 100, "5 数値目標"),
        (70, 140, "指標"), (250, 140, "現状値(2021年度)"), (370, 140, "目標値(2026年度)"),
        (70, 160, "DX推進員の育成"), (275, 160, "—"), (385, 160, "50人(累計)"),
        (70, 180, "情報セキュリティ研修受講率"), (275, 180, "80%"), (385, 180, "100%"),
    ])
    with open_layout(pdf) as layout:
        targets, warnings = targets_of(layout, "kpi", TARUMIZU_ROLES)
    assert facts(targets) == [("DX推進員", "育成人数", 50, "人", 2026), (None, "受講率", 100, "%", 2026)]
    assert targets[0].qualifier == "累計"
    assert warnings == []


def test_a_deadline_after_the_last_number_is_the_year_of_the_numbers_before_it() -> None:
    both = goals_in_sentence("十二名のDX推進員と三名の高度専門人材を、令和九年度末までに確保する。")
    assert [(g.value, g.fiscal_year) for g in both] == [(12, 2027), (3, 2027)]
    # a deadline with a number after it is that number's year only
    split = goals_in_sentence("DX推進リーダーを10名育成し、令和9年度までにDX推進員を20名とする。")
    assert [(g.value, g.fiscal_year) for g in split] == [(10, None), (20, 2027)]


def test_the_whole_a_goal_is_taken_from_and_a_total_of_counts_per_unit_are_no_goals() -> None:
    def values(sentence: str) -> list[tuple]:
        return [(t.metric, t.value) for t in targets_from_sentence(sentence, "情報化推進員", doc_id="d", page=1)]

    assert values("在籍する職員860人の中から、令和9年度までに情報化推進員を15名選任する。") == [("配置", 15)]
    assert values("情報化推進員を各係に1人ずつ、計32人配置する。") == [("配置", 1)]
    assert values("情報化推進員は、毎年度4名を育成し、合計16名とする。") == [("育成人数", 4)]


def test_a_result_reported_in_the_past_is_no_goal_even_in_a_goal_section(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "result.pdf", [
        (70, 100, "4 数値目標"),
        (70, 125, "前年度に実施した情報セキュリティ研修の修了率は71%でした。"),
        (70, 145, "令和9年度までに、DX推進員を40人育成することとした。"),
        (70, 165, "一般職員の研修修了率は、令和8年度に100%とします。"),
    ])
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "result", TARUMIZU_ROLES)
    assert facts(targets) == [("DX推進員", "育成人数", 40, "人", 2027), ("一般職員", "修了率", 100, "%", 2026)]


def test_a_kpi_table_whose_baseline_header_names_a_year_and_whose_years_have_a_column(tmp_path: Path) -> None:
    # `策定時（R5）` is the baseline (no target, and its year makes no year table), the year
    # of each goal comes from a column of years, the metric from the indicator's cell.
    pdf = text_pdf(tmp_path / "kpi_years.pdf", [
        (70, 100, "5 成果目標"),
        (70, 130, "区分"), (190, 130, "指標名"), (320, 130, "策定時（R5）"), (410, 130, "目標"), (470, 130, "時期"),
        (70, 152, "DX推進リーダー"), (190, 152, "リーダー認定者数"), (330, 152, "4人"), (410, 152, "12人"),
        (470, 152, "令和8年度"),
        (70, 174, "一般職員"), (190, 174, "eラーニング修了率"), (330, 174, "55%"), (410, 174, "90%"),
        (470, 174, "令和9年度"),
    ])
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "kpi_years", TARUMIZU_ROLES)
    assert facts(targets) == [("DX推進リーダー", "育成人数", 12, "人", 2026), ("一般職員", "修了率", 90, "%", 2027)]


def test_a_bar_chart_drawn_across_with_gridlines(tmp_path: Path) -> None:
    # Bars drawn left to right from a column of years, the count at each bar's end, gridlines
    # and axis ticks under them: the grid of lines and bars holds no text, so it is no table.
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 80), "情報化推進員の育成見込み（累計）", fontname="japan", fontsize=12)
    for x in (120, 200, 280, 360):
        page.draw_line((x, 100), (x, 200), color=(0.8, 0.8, 0.8), width=0.5)
    for row, (label, count) in enumerate([("令和7年度", 4), ("令和8年度", 9), ("令和9年度", 14)]):
        y = 110 + 30 * row
        page.insert_text((62, y + 12), label, fontname="japan", fontsize=9)
        page.draw_rect(pymupdf.Rect(120, y, 120 + 16 * count, y + 18), color=None, fill=(0.2, 0.5, 0.4))
        page.insert_text((126 + 16 * count, y + 12), f"{count}名", fontname="japan", fontsize=9)
    for x, tick in zip((120, 200, 280, 360), ("0", "5", "10", "15")):
        page.insert_text((x - 3, 212), tick, fontname="japan", fontsize=8)
    doc.save(tmp_path / "bars.pdf")
    roles = [role("bars", "情報化推進員", "leader")]
    with open_layout(tmp_path / "bars.pdf") as layout:
        targets, _ = targets_of(layout, "bars", roles)
    assert facts(targets) == [("情報化推進員", "育成人数", 4, "人", 2025), ("情報化推進員", "育成人数", 9, "人", 2026),
                              ("情報化推進員", "育成人数", 14, "人", 2027)]


def test_staff_numbers_printed_beside_the_goals_are_no_goals(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "staff.pdf", [
        (70, 100, "3 年度ごとの育成計画"),
        (70, 130, "年度"), (170, 130, "情報化推進員"), (290, 130, "職員数（見込）"),
        (70, 152, "R7"), (190, 152, "6人"), (310, 152, "540人"),
        (70, 174, "R8"), (190, 174, "12人"), (310, 174, "535人"),
    ])
    roles = [role("staff", "情報化推進員", "leader")]
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "staff", roles)
    assert facts(targets) == [("情報化推進員", "育成人数", 6, "人", 2025), ("情報化推進員", "育成人数", 12, "人", 2026)]


def test_a_placement_per_unit_and_a_goal_under_a_heading_naming_its_role(tmp_path: Path) -> None:
    # Outside any goal section, a count per unit committed in the present is a goal; under a
    # goal heading naming one role, a sentence naming none counts that role.
    pdf = text_pdf(tmp_path / "heading_role.pdf", [
        (70, 100, "2 推進体制"),
        (70, 120, "各係に1人以上の情報化推進員を任命します。"),
        (70, 150, "3 データ活用担当の育成目標"),
        (70, 170, "研修と実務を組み合わせ、毎年度6人ずつ養成します。"),
    ])
    roles = [role("heading_role", "情報化推進員", "leader"), role("heading_role", "データ活用担当", "specialist")]
    with open_layout(pdf) as layout:
        targets, _ = targets_of(layout, "heading_role", roles)
    assert facts(targets) == [("情報化推進員", "配置", 1, "人", None), ("データ活用担当", "育成人数", 6, "人", None)]


def test_goal_cards_beside_baseline_cards_with_the_indicator_left_of_the_row(tmp_path: Path) -> None:
    # A slide's KPI boxes: a goal label over its count over its year, a baseline box and an
    # arrow before it, the indicator (naming the role and metric) at the left of the row.
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 70), "めざす姿", fontname="japan", fontsize=14)
    rows = [(("DX推進員の", "認定者数"), ("基準値", "10名", "R5年度"), ("目標値", "40名", "R9年度")),
            (("一般職員の", "研修受講率"), ("実績", "62%", "R5年度"), ("目標値", "95%", "R8年度"))]
    for index, (indicator, baseline, goal) in enumerate(rows):
        top = 110 + 90 * index
        for row, text in enumerate(indicator):
            page.insert_text((60, top + 25 + 14 * row), text, fontname="japan", fontsize=11)
        for left, box in ((200, baseline), (380, goal)):
            page.draw_rect(pymupdf.Rect(left, top, left + 110, top + 70), color=None, fill=(0.9, 0.9, 0.9))
            for row, (text, size) in enumerate(zip(box, (9, 18, 9))):
                page.insert_text((left + 30, top + 16 + 22 * row), text, fontname="japan", fontsize=size)
        page.draw_polyline([(325, top + 20), (355, top + 35), (325, top + 50)], color=None, fill=(0.3, 0.6, 0.4))
    doc.save(tmp_path / "cards.pdf")
    roles = [role("cards", "DX推進員", "leader"), role("cards", "一般職員", "all_staff")]
    with open_layout(tmp_path / "cards.pdf") as layout:
        targets, _ = targets_of(layout, "cards", roles)
    assert facts(targets) == [("DX推進員", "育成人数", 40, "人", 2027), ("一般職員", "受講率", 95, "%", 2026)]
