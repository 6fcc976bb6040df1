"""Training tables of the sample corpus → trainings and training_audience."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdfs import text_pdf
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.read import policy_table_blocks, read_policy_document
from jinzai.extractors.policy.trainings import (
    column_kind,
    extract_trainings,
    named_audience,
    resolve_format,
)
from jinzai.models import Role, Training, TrainingAudience


def tables_of(layout):
    """The document model's table blocks, as the policy extractor hands them to the training reader."""
    return policy_table_blocks(read_policy_document(layout))


RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def role(doc_id: str, name: str, canonical: str, aliases: tuple[str, ...] = (), target_group: str | None = None) -> Role:
    return Role(doc_id=doc_id, page=5, name=name, canonical=canonical, aliases=list(aliases),
                target_group=target_group)


# tarumizu.pdf p5: the role table; its 対象 column says who each role is drawn from.
TARUMIZU_ROLES = [
    role("tarumizu", "DX推進マネージャー", "manager", target_group="管理職"),
    role("tarumizu", "DX推進アドバイザー", "specialist", ("DXアドバイザー",)),
    role("tarumizu", "DX推進リーダー", "leader"),
    role("tarumizu", "DX推進員", "promoter"),
    role("tarumizu", "一般職員", "all_staff"),
]
KAKAMIGAHARA_ROLES = [
    role("kakamigahara", "管理職", "manager"),
    role("kakamigahara", "監督職", "supervisor"),
    role("kakamigahara", "係員", "all_staff"),
    role("kakamigahara", "高度専門人材", "specialist"),
    role("kakamigahara", "デジタル推進員", "leader"),
    role("kakamigahara", "一般職員", "all_staff"),
]


@pytest.fixture(scope="module")
def tarumizu() -> PdfLayout:
    with open_layout(RAW / "tarumizu.pdf") as layout:
        yield layout


@pytest.fixture(scope="module")
def kakamigahara() -> PdfLayout:
    with open_layout(RAW / "kakamigahara.pdf") as layout:
        yield layout


@pytest.fixture(scope="module")
def tarumizu_result(tarumizu: PdfLayout):
    return extract_trainings("tarumizu", TARUMIZU_ROLES, tables_of(tarumizu))


def by_name(trainings: list[Training], name: str) -> list[Training]:
    return [t for t in trainings if t.name == name]


def audience_of(training: Training, audience: list[TrainingAudience]) -> dict[str, str]:
    return {a.role: a.requirement for a in audience if a.training_id == training.training_id}


# ---------------------------------------------------------------- tarumizu: matrix over two pages


def test_training_matrix_rows_over_two_pages(tarumizu_result) -> None:
    trainings, _, warnings = tarumizu_result
    assert len(trainings) == 19
    assert [t.page for t in trainings].count(9) == 9
    assert [t.page for t in trainings].count(10) == 10
    assert warnings == []


def test_training_ids_are_unique_and_numbered(tarumizu_result) -> None:
    trainings, _, _ = tarumizu_result
    ids = [t.training_id for t in trainings]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "tarumizu-t001" and ids[-1] == "tarumizu-t019"


def test_multi_line_and_letter_spaced_names(tarumizu_result) -> None:
    trainings, _, _ = tarumizu_result
    names = {t.name for t in trainings}
    # "パソコン研修 / (Word・Excel基 / 礎)" joined; "E B P M研修" and "B P R実践研修" letter-spaced.
    assert {"パソコン研修(Word・Excel基礎)", "EBPM研修", "BPR実践研修", "実践的サイバー防御演習(プレCYDER)"} <= names


def test_category_cell_spanning_rows_applies_to_each(tarumizu_result) -> None:
    trainings, _, _ = tarumizu_result
    basics = by_name(trainings, "デジタル人材育成のための基礎研修")
    assert [t.category for t in basics] == ["セキュリティ"] * 3
    assert by_name(trainings, "LoGo AIアシスタント")[0].category == "ツール"
    assert by_name(trainings, "新規採用職員研修")[0].category == "基礎"


def test_trainings_sharing_a_name_keep_their_summaries(tarumizu_result) -> None:
    trainings, _, _ = tarumizu_result
    summaries = [t.summary for t in by_name(trainings, "デジタル人材育成のための基礎研修")]
    assert summaries[0].startswith("情報セキュリティコース")
    assert summaries[1].startswith("個人情報保護コース")
    assert summaries[2].startswith("デジタルリテラシーコース")


def test_organizer_cell_lines_joined(tarumizu_result) -> None:
    trainings, _, _ = tarumizu_result
    assert by_name(trainings, "実践的サイバー防御演習(集合演習Aコース)")[0].organizer == "情報通信研究機構"
    assert by_name(trainings, "情報セキュリティ研修")[0].organizer == "RICHO"


def test_format_codes_resolved_by_the_legend(tarumizu_result) -> None:
    trainings, _, _ = tarumizu_result
    ebpm = by_name(trainings, "EBPM研修")[0]
    assert (ebpm.format, ebpm.format_raw) == ("グループワーク", "B")
    assert by_name(trainings, "ICTの基礎セミナー")[0].format == "動画"
    # p10 prints no legend: the one above the table on p9 still applies.
    assert by_name(trainings, "SmartDiscussion")[0].format == "座学"


def test_audience_columns_resolve_to_roles_and_marks_to_requirements(tarumizu_result) -> None:
    trainings, audience, _ = tarumizu_result
    ict = by_name(trainings, "ICTの基礎セミナー")[0]
    # 管理職 is the role drawn from 管理職; 推進アド/バイザー the abbreviation of DX推進アドバイザー.
    assert audience_of(ict, audience) == {
        "DX推進マネージャー": "recommended", "DX推進アドバイザー": "required", "DX推進リーダー": "required",
        "DX推進員": "required", "一般職員": "required",
    }
    assert audience_of(by_name(trainings, "新規採用職員研修")[0], audience) == {"一般職員": "partial"}
    literacy = by_name(trainings, "デジタル人材育成のための基礎研修")[2]
    assert audience_of(literacy, audience) == {"DX推進アドバイザー": "required", "DX推進リーダー": "recommended"}


def test_audience_marks_are_kept_as_printed(tarumizu_result) -> None:
    trainings, audience, _ = tarumizu_result
    first = trainings[0]
    assert [(a.role, a.mark_raw, a.page) for a in audience if a.training_id == first.training_id] == [
        ("一般職員", "△", 9),
    ]


def test_audience_column_naming_no_role_is_kept_as_written_and_warned(tarumizu: PdfLayout) -> None:
    roles = [r for r in TARUMIZU_ROLES if r.name != "一般職員"]
    trainings, audience, warnings = extract_trainings("tarumizu", roles, tables_of(tarumizu))
    assert audience_of(trainings[0], audience) == {"一般職員": "partial"}
    assert any("一般職員" in w.message for w in warnings)


# ---------------------------------------------------------------- kakamigahara: named audience


def test_named_audience_column(kakamigahara: PdfLayout) -> None:
    trainings, audience, warnings = extract_trainings("kakamigahara", KAKAMIGAHARA_ROLES, tables_of(kakamigahara))
    assert [(t.name, t.format, t.organizer, t.category, t.page) for t in trainings] == [
        ("情報セキュリティ研修(基礎)", "eラーニング", None, None, 8),
        ("DXマインドアップ研修", "動画", None, None, 8),
        ("デジタルスキルアップ研修", "集合研修", None, None, 8),
    ]
    assert [audience_of(t, audience) for t in trainings] == [
        {"全職員": "target"}, {"課長級以上": "target"}, {"デジタル推進員": "target"},
    ]
    assert trainings[0].format_raw == "e-ラーニング"
    assert warnings == []


def test_named_audience_keeps_non_roles_as_written() -> None:
    matcher = RoleMatcher(KAKAMIGAHARA_ROLES)
    # 全職員 is not the role 一般職員, and 課長級以上 is not 管理職: both stay as printed.
    assert named_audience("全職員", matcher) == [("全職員", "target", "全職員")]
    assert named_audience("課長級以上", matcher) == [("課長級以上", "target", "課長級以上")]
    assert named_audience("管理職、監督職", matcher) == [("管理職", "target", "管理職"), ("監督職", "target", "監督職")]
    # A requirement noted on the audience is kept; any other note stays part of what is written.
    assert named_audience("全職員(必須)", matcher) == [("全職員", "required", "全職員(必須)")]
    assert named_audience("デジタル推進員(各課)", matcher) == [("デジタル推進員", "target", "デジタル推進員(各課)")]


# ---------------------------------------------------------------- header words and formats


@pytest.mark.parametrize(("header", "kind"), [
    ("研修名", "name"), ("研修\n形態", "format"), ("研修手法", "format"), ("対象者", "audience"),
    ("対象", "audience"), ("主催", "organizer"), ("区分", "category"), ("概要", "summary"),
    ("得られるスキル", None),
])
def test_column_kind_by_header_words(header: str, kind: str | None) -> None:
    assert column_kind(header) == kind


def test_format_cells() -> None:
    legend = {"A": "座学", "B": "グループワーク", "C": "eラーニング", "D": "動画"}
    assert resolve_format("C", legend) == "eラーニング"
    assert resolve_format("A・D", legend) == "座学・動画"
    assert resolve_format("動画研修", {}) == "動画"


def test_document_without_training_table() -> None:
    with open_layout(RAW / "kunisaki.pdf") as layout:
        assert extract_trainings("kunisaki", [], tables_of(layout)) == ([], [], [])


# ---------------------------------------------------------------- tables printed without rulings


def test_unruled_table_with_named_audience(tmp_path: Path) -> None:
    # kakamigahara p8's 研修計画 printed without rulings.
    pdf = text_pdf(tmp_path / "plan.pdf", [
        (70, 130, "研修名"), (200, 130, "研修手法"), (300, 130, "対象"),
        (70, 150, "情報セキュリティ研修"), (200, 150, "e-ラーニング"), (300, 150, "全職員"),
        (70, 175, "DXマインドアップ研修"), (200, 175, "動画研修"), (300, 175, "課長級以上"),
        (70, 260, "本市はこれらの研修を計画的に実施し、職員の能力向上に努めます。"),
    ])
    with open_layout(pdf) as layout:
        trainings, audience, _ = extract_trainings("plan", KAKAMIGAHARA_ROLES, tables_of(layout))
    assert [(t.name, t.format) for t in trainings] == [("情報セキュリティ研修", "eラーニング"), ("DXマインドアップ研修", "動画")]
    assert [audience_of(t, audience) for t in trainings] == [{"全職員": "target"}, {"課長級以上": "target"}]


def test_unruled_matrix_whose_columns_name_roles(tmp_path: Path) -> None:
    # tarumizu p9-p10 rows with role columns but no 対象者 header, and a legend of its own marks.
    pdf = text_pdf(tmp_path / "matrix.pdf", [
        (70, 90, "※ ◎：必須 ○：推奨"),
        (70, 130, "研修名"), (200, 130, "形式"), (280, 130, "管理職"), (330, 130, "推進リーダー"), (400, 130, "一般職員"),
        (70, 150, "情報セキュリティ研修"), (200, 150, "動画"), (285, 150, "◎"), (345, 150, "◎"), (410, 150, "○"),
        (70, 175, "EBPM研修"), (200, 175, "グループワーク"), (345, 175, "○"),
        (70, 260, "本市はこれらの研修を計画的に実施し、職員の能力向上に努めます。"),
    ])
    roles = [role("m", "DX推進マネージャー", "manager", target_group="管理職"), role("m", "DX推進リーダー", "leader"),
             role("m", "一般職員", "all_staff")]
    with open_layout(pdf) as layout:
        trainings, audience, _ = extract_trainings("matrix", roles, tables_of(layout))
    assert [audience_of(t, audience) for t in trainings] == [
        {"DX推進マネージャー": "required", "DX推進リーダー": "required", "一般職員": "recommended"},
        {"DX推進リーダー": "recommended"},
    ]


def test_row_across_the_table_groups_the_rows_below(tmp_path: Path) -> None:
    # tarumizu p9-p10 rows with their 区分 printed as full-width group rows of a ruled table.
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    xs, top = [70, 200, 300, 360, 420, 480], 100
    for cells in (["研修名", "形態", "管理職", "推進員", "一般職員"], "【セキュリティ】",
                  ["情報セキュリティ研修", "動画", "●", "●", "●"], "【DX】", ["自治体DX入門セミナー", "動画", "○", "●", "●"]):
        spans = [(xs[0], xs[-1], cells)] if isinstance(cells, str) else list(zip(xs, xs[1:], cells, strict=False))
        for x0, x1, text in spans:
            page.draw_rect(pymupdf.Rect(x0, top, x1, top + 20), width=0.5)
            page.insert_text((x0 + 3, top + 15), text, fontname="japan", fontsize=9)
        top += 20
    doc.save(tmp_path / "grouped.pdf")
    doc.close()
    roles = [role("g", "DX推進マネージャー", "manager", target_group="管理職"), role("g", "DX推進員", "promoter"),
             role("g", "一般職員", "all_staff")]
    with open_layout(tmp_path / "grouped.pdf") as layout:
        trainings, audience, _ = extract_trainings("grouped", roles, tables_of(layout))
    assert [(t.name, t.category) for t in trainings] == [("情報セキュリティ研修", "セキュリティ"), ("自治体DX入門セミナー", "DX")]
    assert audience_of(trainings[1], audience) == {"DX推進マネージャー": "recommended", "DX推進員": "required",
                                                   "一般職員": "required"}


def test_matrix_rows_on_the_next_page_with_organizer_and_format_cells_continue_it(tmp_path: Path) -> None:
    # A ruled matrix running over a page break, its header not repeated: the next page's rows
    # hold an organiser and a format beside each name, as a catalogue's would, but a table
    # without an audience is a catalogue only by its header's words, so they continue the matrix.
    import pymupdf

    xs = [60, 190, 270, 340, 400, 460, 520]
    pages = [
        [["講座名", "実施主体", "受講方法", "管理職", "推進員", "一般職員"],
         ["デジタル活用入門講座", "人事課", "オンライン", "○", "●", "●"],
         ["データ分析基礎講座", "情報政策課", "集合研修", "", "●", "○"]],
        [["業務改革ワークショップ", "岐阜県", "オンライン", "●", "●", ""],
         ["情報セキュリティ講座", "J-LIS", "eラーニング", "●", "●", "●"],
         ["生成AI活用講座", "岐阜県", "オンライン", "", "●", "○"],
         ["ノーコード開発講座", "J-LIS", "集合研修", "", "●", ""]],
    ]
    doc = pymupdf.open()
    for number, rows in enumerate(pages):
        page = doc.new_page(width=595, height=842)
        if number == 0:
            page.insert_text((60, 80), "凡例 ●：必須 ○：推奨", fontname="japan", fontsize=9)
        top = 100
        for cells in rows:
            for x0, x1, text in zip(xs, xs[1:], cells):
                page.draw_rect(pymupdf.Rect(x0, top, x1, top + 22), width=0.5)
                page.insert_text((x0 + 3, top + 15), text, fontname="japan", fontsize=9)
            top += 22
    doc.save(tmp_path / "matrix.pdf")
    doc.close()
    roles = [role("p", "DX推進マネージャー", "manager", target_group="管理職"), role("p", "DX推進員", "promoter"),
             role("p", "一般職員", "all_staff")]
    with open_layout(tmp_path / "matrix.pdf") as layout:
        trainings, audience, _ = extract_trainings("p", roles, tables_of(layout))
    assert [(t.name, t.organizer, t.page) for t in trainings] == [
        ("デジタル活用入門講座", "人事課", 1), ("データ分析基礎講座", "情報政策課", 1),
        ("業務改革ワークショップ", "岐阜県", 2), ("情報セキュリティ講座", "J-LIS", 2),
        ("生成AI活用講座", "岐阜県", 2), ("ノーコード開発講座", "J-LIS", 2)]
    assert [audience_of(t, audience) for t in trainings[2:]] == [
        {"DX推進マネージャー": "required", "DX推進員": "required"},
        {"DX推進マネージャー": "required", "DX推進員": "required", "一般職員": "required"},
        {"DX推進員": "required", "一般職員": "recommended"}, {"DX推進員": "required"}]
