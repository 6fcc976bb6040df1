"""Training plans and goals in layouts the sample corpus does not have.

The PDFs are built by `unseen_training_docs` (MuPDF Story: tables without rulings;
PyMuPDF drawing: a ruled grid in another font) for towns outside the corpus, with
other header words, legends, format codes, year spellings and goal phrasings.
Each test asserts the records exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import unseen_training_docs as docs
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets import extract_targets
from jinzai.extractors.policy.targets.sentences import goals_in_sentence, is_rate_per_year, named_metric, targets_from_sentence
from jinzai.extractors.policy.targets.year_tables import header_column
from jinzai.extractors.policy.read import policy_table_blocks, read_policy_document
from jinzai.extractors.policy.trainings import Legends, column_kind, extract_trainings, resolve_format
from jinzai.models import Role, Target, Training, TrainingAudience
from jinzai.pipeline.ingest import ingest_paths
from jinzai.pipeline.store import Store


def tables_of(layout):
    """The document model's table blocks, as the policy extractor hands them to the training reader."""
    return policy_table_blocks(read_policy_document(layout))


def targets_of(layout, doc_id, roles):
    return extract_targets(read_policy_document(layout), doc_id, roles)


def extract_trainings_of(layout, doc_id, roles):
    return extract_trainings(doc_id, roles, tables_of(layout))



def role(name: str, canonical: str, target_group: str | None = None) -> Role:
    return Role(doc_id="unseen", page=1, name=name, canonical=canonical, target_group=target_group)


# The role set these documents define (a role table or role headings).
ROLES = [
    role("DX推進マネージャー", "manager", "管理職"),
    role("DX推進リーダー", "leader", "係長級職員"),
    role("DX推進員", "promoter"),
    role("一般職員", "all_staff"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen")


@pytest.fixture(scope="module")
def layout_of(folder: Path) -> Iterator[Callable[[Callable[[Path], Path]], PdfLayout]]:
    """Build a document and open it (once per builder)."""
    opened: dict[str, PdfLayout] = {}

    def build(builder: Callable[[Path], Path]) -> PdfLayout:
        if builder.__name__ not in opened:
            opened[builder.__name__] = open_layout(builder(folder))
        return opened[builder.__name__]

    yield build
    for layout in opened.values():
        layout.close()


def goal_rows(targets: list[Target]) -> list[tuple]:
    return [(t.role, t.metric, t.value, t.unit, t.fiscal_year, t.placeholder, t.qualifier) for t in targets]


def training_rows(trainings: list[Training]) -> list[tuple]:
    return [(t.name, t.organizer, t.format, t.format_raw) for t in trainings]


def audience_of(trainings: list[Training], audience: list[TrainingAudience]) -> dict[str, dict[str, str]]:
    names = {t.training_id: t.name for t in trainings}
    found: dict[str, dict[str, str]] = {}
    for a in audience:
        found.setdefault(names[a.training_id], {})[a.role] = a.requirement
    return found


# ---------------------------------------------------------------- training tables


def test_unruled_matrix_under_a_spanning_audience_header(layout_of) -> None:
    """No rulings, `受講対象` over `管理職 / リーダー / 一般職員`, ◎○△ by the legend above,
    formats in words, an organizer printed on two lines."""
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.furano_matrix), "furano", ROLES)
    assert training_rows(trainings) == [
        ("DX概論研修", "富良野市", "座学", "講義"),
        ("データ活用実践講座", "北海道市町村振興協会", "オンライン", "オンライン研修"),
        ("生成AI活用研修", "民間事業者", "eラーニング", "eラーニング"),
    ]
    assert audience_of(trainings, audience) == {
        "DX概論研修": {"DX推進マネージャー": "required", "DX推進リーダー": "recommended", "一般職員": "partial"},
        "データ活用実践講座": {"DX推進リーダー": "required", "一般職員": "recommended"},
        "生成AI活用研修": {"DX推進マネージャー": "partial", "DX推進リーダー": "required", "一般職員": "required"},
    }
    assert [a.mark_raw for a in audience][:3] == ["◎", "○", "△"]
    assert all(t.page == 1 and t.extractor == "table:trainings" for t in trainings)
    assert warnings == []


def large_circle_matrix(folder: Path) -> Path:
    """A word processor's print: no rulings, no legend, the large circle `◯` and a
    full-width dash `－` for "not for this role"."""
    from pdfs import text_pdf

    rows = [["研修名", "DX推進リーダー", "一般職員", "実施方法"],
            ["庁内データ研修", "◯", "－", "集合"],
            ["情報倫理講座", "－", "◯", "オンライン"]]
    texts = [(60, 100, "研修の体系")]
    texts += [(x, 130 + 20 * index, text) for index, row in enumerate(rows)
              for x, text in zip((60, 210, 320, 410), row)]
    return text_pdf(folder / "large_circle.pdf", texts)


def test_large_circle_marks_without_a_legend(layout_of) -> None:
    trainings, audience, _ = extract_trainings_of(layout_of(large_circle_matrix), "circle", ROLES)
    assert audience_of(trainings, audience) == {
        "庁内データ研修": {"DX推進リーダー": "recommended"}, "情報倫理講座": {"一般職員": "recommended"}}


def widely_spaced_two_level_header(folder: Path) -> Path:
    """A word processor's table without rulings, rows spaced more than twice the type
    size: `対象職員` centred over two role labels printed a row lower, other labels
    in the upper row only."""
    from pdfs import text_pdf

    rows = [["講座", "", "", "方法"],
            ["", "DX推進リーダー", "DX推進員", ""],
            ["庁内データ研修", "●", "", "集合"],
            ["情報倫理講座", "", "●", "オンライン"],
            ["ノーコード演習", "●", "●", "eラーニング"]]
    texts = [(60, 100, "研修の体系"), (285, 130, "対象職員")]
    texts += [(x, 130 + 22 * index, text) for index, row in enumerate(rows)
              for x, text in zip((60, 200, 330, 430), row) if text]
    return text_pdf(folder / "spaced_header.pdf", texts)


def test_two_level_header_with_rows_spaced_as_wide_as_the_body(layout_of) -> None:
    trainings, audience, _ = extract_trainings_of(layout_of(widely_spaced_two_level_header), "spaced", ROLES)
    assert audience_of(trainings, audience) == {
        "庁内データ研修": {"DX推進リーダー": "required"}, "情報倫理講座": {"DX推進員": "required"},
        "ノーコード演習": {"DX推進リーダー": "required", "DX推進員": "required"}}


def test_unruled_matrix_with_requirements_in_words_and_left_aligned_cells(layout_of) -> None:
    """Role columns right of a 主催 column, cells left-aligned: a mark belongs to the
    column whose label it lies under, not to the organizer's."""
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.sakuragawa_words), "sakuragawa", ROLES)
    assert training_rows(trainings) == [
        ("情報セキュリティ研修", "茨城県", "集合研修", "集合研修"),
        ("RPA実践研修", "桜川市", "演習", "ハンズオン"),
        ("業務改善ワークショップ", "桜川市", "グループワーク", "グループワーク"),
    ]
    assert audience_of(trainings, audience) == {
        "情報セキュリティ研修": {"DX推進リーダー": "required", "DX推進員": "required", "一般職員": "required"},
        "RPA実践研修": {"DX推進リーダー": "recommended", "DX推進員": "required"},
        "業務改善ワークショップ": {"DX推進リーダー": "required", "DX推進員": "recommended", "一般職員": "recommended"},
    }
    assert warnings == []


def test_ruled_matrix_with_kana_format_codes_and_legends_below(layout_of) -> None:
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.misato_ruled), "misato", ROLES)
    assert training_rows(trainings) == [
        ("DX推進研修", "美郷町", "集合研修", "ア"),
        ("クラウド活用講座", "秋田県", "オンライン", "イ"),
        ("データ分析基礎", "美郷町", "集合研修・eラーニング", "ア・ウ"),
    ]
    assert audience_of(trainings, audience) == {
        "DX推進研修": {"DX推進マネージャー": "required", "DX推進員": "required"},
        "クラウド活用講座": {"DX推進員": "required", "一般職員": "recommended"},
        "データ分析基礎": {"DX推進マネージャー": "recommended", "DX推進員": "required", "一般職員": "recommended"},
    }
    assert warnings == []


def test_unruled_matrix_continued_on_the_next_page_without_its_header(layout_of) -> None:
    layout = layout_of(docs.furano_long_matrix)
    assert layout.page_count == 2
    trainings, audience, warnings = extract_trainings_of(layout, "furano", ROLES)
    assert [t.name for t in trainings] == [f"デジタル研修第{i}回" for i in range(1, 46)]
    pages = [t.page for t in trainings]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 2
    assert all(t.organizer == "富良野市" and t.format == "座学" for t in trainings)
    by_training = audience_of(trainings, audience)
    assert by_training["デジタル研修第45回"] == \
        {"DX推進マネージャー": "required", "DX推進リーダー": "recommended", "一般職員": "partial"}
    assert by_training["デジタル研修第44回"] == {"DX推進リーダー": "recommended", "一般職員": "partial"}
    assert len(audience) == 45 * 2 + 23
    assert warnings == []


def test_unruled_matrix_with_a_role_header_on_two_lines(layout_of) -> None:
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.kitaakita_wrapped_headers), "kitaakita", ROLES)
    assert training_rows(trainings) == [
        ("AI活用研修", None, "オンライン", "オンライン"),
        ("データ分析研修", None, "集合研修", "集合研修"),
    ]
    assert audience_of(trainings, audience) == {
        "AI活用研修": {"DX推進リーダー": "required", "DX推進員": "recommended"},
        "データ分析研修": {"DX推進リーダー": "required", "DX推進員": "required", "一般職員": "recommended"},
    }
    assert warnings == []


def test_named_audience_column_as_written_or_a_role_by_name(layout_of) -> None:
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.kitaakita_named_audience), "kitaakita", ROLES)
    assert [(t.name, t.summary) for t in trainings] == [
        ("情報セキュリティ研修", "標的型攻撃への対応"),
        ("DX推進リーダー養成講座", "業務改革の手法"),
        ("新任係長研修", "DXマネジメント"),
    ]
    assert [(a.role, a.requirement, a.mark_raw) for a in audience] == [
        ("全職員", "target", "全職員"),
        ("DX推進リーダー", "target", "DX推進リーダー"),
        ("係長級職員", "required", "係長級職員(必須)"),
    ]
    assert warnings == []


def test_legend_printed_as_the_last_row_of_the_table(layout_of) -> None:
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.omitama_legend_row), "omitama", ROLES)
    assert [(t.name, t.category) for t in trainings] == [("DX入門", "基礎"), ("データ分析", "応用")]
    assert audience_of(trainings, audience) == {
        "DX入門": {"DX推進リーダー": "required", "DX推進員": "required", "一般職員": "partial"},
        "データ分析": {"DX推進リーダー": "required", "DX推進員": "partial"},  # ○ is 任意 here
    }
    assert warnings == []


def test_unruled_matrix_whose_header_cells_print_as_one_line(layout_of) -> None:
    layout = layout_of(docs.ena_tight_cells)
    assert any(line.text.startswith("主催DX推進リーダー") for line in layout.pages[0].lines)  # the premise
    trainings, audience, warnings = extract_trainings_of(layout, "ena", ROLES)
    assert training_rows(trainings) == [("AI研修", "県", "座学", "講義"), ("RPA研修", "市", "演習", "演習")]
    assert audience_of(trainings, audience) == {
        "AI研修": {"DX推進リーダー": "required", "DX推進員": "recommended", "一般職員": "recommended"},
        "RPA研修": {"DX推進リーダー": "required", "DX推進員": "required"},
    }
    assert warnings == []


def test_catalogue_cut_by_a_page_break_inside_a_merged_field(layout_of) -> None:
    """The merged `分野` cell cut by the break is closed on both pages though no ruling closes
    it, the first row on page 2 (no ruling above it, no header repeated) is read, and keeps
    the field whose label stayed on page 1; a dash is no mark."""
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.takikawa_catalogue_over_a_break),
                                                         "takikawa", ROLES)
    assert [(t.name, t.category, t.organizer, t.format, t.page) for t in trainings] == [
        ("情報リテラシー研修", "基礎", "滝川市", "eラーニング", 1),
        ("個人情報保護研修", "基礎", "北海道", "集合研修", 1),
        ("文書デジタル化講座", "基礎", "滝川市", "オンライン", 2),
        ("業務改善ワークショップ", "応用", "民間事業者", "集合研修", 2),
        ("ノーコード開発講座", "応用", "民間事業者", "オンライン", 2),
        ("ネットワーク管理研修", "専門", "J-LIS", "集合研修", 2),
    ]
    assert audience_of(trainings, audience) == {
        "情報リテラシー研修": {"DX推進リーダー": "required", "DX推進員": "required", "一般職員": "required"},
        "個人情報保護研修": {"DX推進リーダー": "recommended", "DX推進員": "required", "一般職員": "required"},
        "文書デジタル化講座": {"DX推進リーダー": "required", "DX推進員": "recommended"},
        "業務改善ワークショップ": {"DX推進リーダー": "required", "DX推進員": "required"},
        "ノーコード開発講座": {"DX推進リーダー": "recommended", "DX推進員": "required"},
        "ネットワーク管理研修": {"DX推進員": "recommended"},
    }
    assert warnings == []


def test_sideways_matrix_with_vertical_names_on_a_sheet_without_gridlines(layout_of) -> None:
    """Trainings as columns (names set vertically, wrapped ones read right to left), roles
    as rows, organizer and format rows between; filled cells only, the legend with `…`."""
    trainings, audience, warnings = extract_trainings_of(layout_of(docs.shiojiri_sideways_sheet), "shiojiri", ROLES)
    assert training_rows(trainings) == [
        ("DX基礎研修", "塩尻市", "eラーニング", "e-ラーニング"),
        ("クラウド活用セミナー", "長野県", "オンライン", "オンライン"),
        ("アジャイル開発実践講座", "J-LIS", "集合研修", "集合研修"),
        ("庁内データ分析演習", "塩尻市", "動画", "動画"),
        ("RPA勉強会", "民間", "演習", "演習"),
    ]
    assert audience_of(trainings, audience) == {  # ● is 推奨 by this legend
        "DX基礎研修": {"DX推進マネージャー": "recommended", "DX推進リーダー": "required", "DX推進員": "required",
                    "一般職員": "required"},
        "クラウド活用セミナー": {"DX推進マネージャー": "partial", "DX推進リーダー": "recommended", "DX推進員": "required"},
        "アジャイル開発実践講座": {"DX推進リーダー": "required", "DX推進員": "recommended"},
        "庁内データ分析演習": {"DX推進リーダー": "recommended", "DX推進員": "required", "一般職員": "partial"},
        "RPA勉強会": {"DX推進員": "required", "一般職員": "recommended"},
    }
    assert warnings == []


def test_a_field_printed_once_holds_for_the_empty_cells_below_it(layout_of) -> None:
    trainings, _, warnings = extract_trainings_of(layout_of(docs.mizunami_fields_once), "mizunami", ROLES)
    assert [(t.name, t.category) for t in trainings] == [
        ("情報セキュリティ基礎研修", "セキュリティ"), ("標的型メール対応訓練", "セキュリティ"),
        ("BPR入門講座", "業務改革"), ("業務フロー作図演習", "業務改革"),
    ]
    assert warnings == []


@pytest.mark.parametrize(("cell", "legend", "expected"), [
    ("集合研修／eラーニング", {}, "集合研修・eラーニング"),
    ("講義・演習", {}, "座学・演習"),
    ("集合・オンライン併用", {}, "集合研修・オンライン"),
    ("オンライン(ライブ配信)", {}, "オンライン"),
    ("ア・ウ", {"ア": "集合研修", "ウ": "eラーニング"}, "集合研修・eラーニング"),
    ("個別指導", {}, "個別指導"),  # a format the vocabulary does not know is kept as printed
    ("対面・Zoom併用", {}, "対面・Zoom併用"),  # ... and so is a mix of a known and an unknown one
])
def test_format_cells_naming_several_formats(cell: str, legend: dict[str, str], expected: str) -> None:
    assert resolve_format(cell, legend) == expected


@pytest.mark.parametrize(("header", "kind"), [
    ("研修形式", "format"), ("実施形態", "format"), ("研修名称", "name"), ("実施主体", "organizer"),
    ("受講対象", "audience"),
    # a compound is of its head noun's kind: a 区分 of trainings, the people trainings are for
    ("研修区分", "category"), ("講座分類", "category"), ("研修対象者", "audience"), ("講師", "organizer"), ("方法", "format"),
])
def test_header_words_of_other_towns(header: str, kind: str) -> None:
    assert column_kind(header) == kind


def test_a_kana_code_alone_is_a_label_not_a_legend(layout_of) -> None:
    layout = layout_of(docs.misato_ruled)
    legends = Legends()
    legends.read_texts(["キャリア：専門職として育成する"])
    assert legends.formats == {} and legends.marks == {}
    for block in tables_of(layout):
        legends.read_texts(block.legends)
    assert legends.formats == {"ア": "集合研修", "イ": "オンライン", "ウ": "eラーニング"}
    assert legends.marks == {"●": "required", "○": "recommended"}


# ---------------------------------------------------------------- year tables


def test_wareki_year_table_with_a_wrong_total_and_a_dash(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.sakuragawa_year_targets), "sakuragawa", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "育成人数", 5, "人", 2026, None, None),
        ("DX推進リーダー", "育成人数", 5, "人", 2027, None, None),
        ("DX推進リーダー", "育成人数", 5, "人", 2028, None, None),
        ("DX推進員", "育成人数", 10, "人", 2026, None, None),
        ("DX推進員", "育成人数", 10, "人", 2028, None, None),
    ]
    assert [(w.kind, w.message) for w in warnings] == [
        ("sum_mismatch", "row 'DX推進リーダー': printed total 16, cells add up to 15"),
    ]
    # the dash is part of the printed row the target cites
    assert targets[-1].text_raw == "DX推進員 10 ― 10 20"
    assert all(t.page == 1 and t.extractor == "table:targets" for t in targets)


def test_years_down_table_under_a_role_header(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.furano_years_down), "furano", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "受講者数", 4, "人", 2026, None, None),
        ("DX推進リーダー", "受講者数", 4, "人", 2027, None, None),
        ("DX推進リーダー", "受講者数", 6, "人", 2028, None, None),
        ("一般職員", "受講者数", 120, "人", 2026, None, None),
        ("一般職員", "受講者数", 150, "人", 2027, None, None),
        ("一般職員", "受講者数", 180, "人", 2028, None, None),
    ]
    assert targets[0].text_raw == "2026年度 4 120"
    assert warnings == []


def test_year_header_on_two_lines_and_a_wrong_total_row(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.minamiise_two_line_years), "minamiise", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "育成人数", 3, "人", 2026, None, None),
        ("DX推進リーダー", "育成人数", 3, "人", 2027, None, None),
        ("DX推進リーダー", "育成人数", 4, "人", 2028, None, None),
        ("DX推進員", "育成人数", 10, "人", 2026, None, None),
        ("DX推進員", "育成人数", 12, "人", 2027, None, None),
        ("DX推進員", "育成人数", 15, "人", 2028, None, None),
    ]
    assert [w.message for w in warnings] == ["column '令和10年度': printed total 20, cells add up to 19"]


def test_units_wrapped_under_their_numbers(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.kamishihoro_wrapped_units), "kamishihoro", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "受講者数", 5, "人", 2026, None, None),
        ("DX推進リーダー", "受講者数", 5, "人", 2027, None, None),
        ("DX推進リーダー", "受講者数", 5, "人", 2028, None, None),
        ("一般職員", "受講者数", 100, "人", 2026, None, None),
        ("一般職員", "受講者数", 100, "人", 2027, None, None),
        ("一般職員", "受講者数", 100, "人", 2028, None, None),
    ]
    assert targets[-1].text_raw == "一般職員 100人 100人 100人 300人"  # as printed, units joined back
    assert warnings == []


def test_role_label_centred_on_two_lines(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.tomisato_two_line_labels), "tomisato", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "育成人数", 3, "人", 2026, None, None),
        ("DX推進リーダー", "育成人数", 3, "人", 2027, None, None),
        ("DX推進リーダー", "育成人数", 4, "人", 2028, None, None),
        ("DX推進員", "育成人数", 10, "人", 2026, None, None),
        ("DX推進員", "育成人数", 12, "人", 2027, None, None),
        ("DX推進員", "育成人数", 15, "人", 2028, None, None),
    ]
    assert warnings == []


def test_indicator_table_goal_column_beside_a_baseline(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.tomisato_indicator_table), "tomisato", ROLES)
    assert goal_rows(targets) == [
        (None, "受講率", 100, "%", 2028, None, None),  # the baseline 35% is no target
        ("DX推進リーダー", "育成人数", 20, "人", 2028, None, None),
    ]
    assert warnings == []


def test_year_tables_whose_cells_print_as_one_line(layout_of) -> None:
    layout = layout_of(docs.ena_tight_year_tables)
    assert any(line.text == "2026年度4" for line in layout.pages[0].lines)  # the premise
    targets, warnings = targets_of(layout, "ena", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "育成人数", 5, "人", 2026, None, None),
        ("DX推進リーダー", "育成人数", 5, "人", 2027, None, None),
        ("DX推進リーダー", "育成人数", 5, "人", 2028, None, None),
        ("DX推進員", "育成人数", 10, "人", 2026, None, None),
        ("DX推進員", "育成人数", 10, "人", 2027, None, None),
        ("DX推進員", "育成人数", 10, "人", 2028, None, None),
        ("DX推進リーダー", "受講者数", 4, "人", 2026, None, None),
        ("DX推進リーダー", "受講者数", 4, "人", 2027, None, None),
        ("一般職員", "受講者数", 120, "人", 2026, None, None),
        ("一般職員", "受講者数", 150, "人", 2027, None, None),
    ]  # and the joined lines are not read again as goal sentences
    assert warnings == []


@pytest.mark.parametrize(("header", "year", "kind"), [
    ("2026年度(令和8年度)", 2026, "target"),
    ("令和8年度（2026年度）", 2026, "target"),
    ("R8(2026)", 2026, "target"),
    ("令和１０年度末", 2028, "target"),
    ("目標値(R10)", 2028, "target"),
    ("現状値(R6)", 2024, "baseline"),
    ("合計", None, "total"),
    ("合計（人）", None, "total"),  # a total with its unit noted
    ("累計(R8～R10)", None, "total"),
    ("R8～R10累計", None, "total"),  # its period before it
    ("令和8年度(人)", 2026, "target"),
])
def test_year_header_spellings(header: str, year: int | None, kind: str) -> None:
    column = header_column(header)
    assert column is not None and (column.year, column.kind) == (year, kind)


@pytest.mark.parametrize(("caption", "metric"), [
    ("【育成目標人数】（単位：人）", "育成人数"),  # the verb names it, not the generic noun inside
    ("目標人数", "目標人数"),
    ("研修受講率の目標", "受講率"),
])
def test_caption_metric_prefers_a_verb_over_a_generic_noun(caption: str, metric: str) -> None:
    assert named_metric(caption, "人" if "率" not in caption else "%") == metric


# ---------------------------------------------------------------- goal sentences


def test_goal_sentences_of_a_goal_section(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.misato_goal_prose), "misato", ROLES)
    assert goal_rows(targets) == [
        ("一般職員", "受講率", 80, "%", 2027, None, None),  # 全職員: the document's all-staff role
        ("DX推進員", "配置", 1, "人", None, None, "以上"),
        ("DX推進リーダー", "育成人数", 20, "人", None, None, "程度"),  # a rate per year
        ("DX推進員", "育成人数", None, "人", 2028, "○名", "程度"),
    ]  # 推進体制を強化する: a goal without a number is no target
    assert [t.text_raw for t in targets][1] == "各課に1名以上のDX推進員を配置する。"
    assert all(t.extractor == "prose:targets" for t in targets)
    assert warnings == []


def test_goal_bullets_take_the_metric_of_their_section_heading(layout_of) -> None:
    targets, warnings = targets_of(layout_of(docs.misato_goal_bullets), "misato", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "育成人数", 30, "人", 2028, None, None),  # 育成目標: nothing else names it
        ("DX推進員", "配置", 1, "人", None, None, "以上"),  # 各課1名: one per unit
        ("DX推進員", "育成人数", 50, "人", None, None, "程度"),
        ("一般職員", "受講率", 100, "%", None, None, None),
    ]  # 職員数は約800人: outside the goal section, no goal
    assert warnings == []


@pytest.mark.parametrize(("before", "per_year"), [
    ("DX推進リーダーを年間", True),
    ("毎年度", True),
    ("令和10年度までに", False),
    ("今後5年間で", False),  # a span of years, not a rate
    ("三年間で", False),
])
def test_rate_per_year(before: str, per_year: bool) -> None:
    assert is_rate_per_year(before) is per_year


@pytest.mark.parametrize(("sentence", "goal"), [
    ("令和10年度末までに延べ300人が研修を受講する。", ("受講者数", 300, "人", 2028, "延べ")),
    ("デジタル研修の受講者数を令和10年度までに累計500人とする。", ("受講者数", 500, "人", 2028, "累計")),
    ("DX推進リーダーを各部に2名ずつ配置する。", ("配置", 2, "人", None, None)),
    ("外部人材をおおむね2名登用する。", ("配置", 2, "人", None, "おおむね")),
    ("2028年度までに職員の8割がデータ活用研修を修了することを目指す。", ("修了率", 80, "%", 2028, None)),
])
def test_goal_phrasings_of_other_towns(sentence: str, goal: tuple) -> None:
    assert [(g.metric, g.value, g.unit, g.fiscal_year, g.qualifier) for g in goals_in_sentence(sentence)] == [goal]


def test_a_rate_per_year_has_no_fiscal_year_even_with_a_period() -> None:
    goals = goals_in_sentence("令和8年度から令和10年度まで、毎年度10名のDX推進員を育成する。")
    assert [(g.metric, g.value, g.fiscal_year) for g in goals] == [("育成人数", 10, None)]
    goals = goals_in_sentence("令和10年度までの5年間で100名を育成する。")
    assert [(g.metric, g.value, g.fiscal_year) for g in goals] == [("育成人数", 100, 2028)]


@pytest.mark.parametrize(("sentence", "goals"), [
    ("DX推進リーダーを20名、DX推進員を50名育成する。",  # one verb for both numbers
     [("DX推進リーダー", "育成人数", 20), ("DX推進員", "育成人数", 50)]),
    ("各課に1名以上のDX推進員を、各部に1名のDX推進リーダーを配置する。",  # roles after their numbers
     [("DX推進員", "配置", 1), ("DX推進リーダー", "配置", 1)]),
    ("DX推進員を令和9年度までに各課1名以上配置する。", [("DX推進員", "配置", 1)]),
])
def test_each_number_of_a_sentence_counts_the_role_of_its_clause(sentence: str, goals: list[tuple]) -> None:
    targets = targets_from_sentence(sentence, None, doc_id="unseen", page=1, roles=RoleMatcher(ROLES))
    assert [(t.role, t.metric, t.value) for t in targets] == goals
    # a role given by the heading above the sentence wins
    under_heading = targets_from_sentence(sentence, "一般職員", doc_id="unseen", page=1, roles=RoleMatcher(ROLES))
    assert {t.role for t in under_heading} == {"一般職員"}


def test_a_sentence_naming_the_whole_staff_means_the_all_staff_role() -> None:
    matcher = RoleMatcher(ROLES)
    assert matcher.mentioned("全職員の受講率を80%とする") == "一般職員"
    assert matcher.mentioned("管理職の受講率を100%とする") == "DX推進マネージャー"  # its target group
    assert matcher.mentioned("DX推進員と全職員") == "DX推進員"  # a role by name comes first
    two_kinds = RoleMatcher([*ROLES, role("一般行政職員", "all_staff")])
    assert two_kinds.mentioned("全職員の受講率") is None  # ambiguous: which all-staff role?


# ---------------------------------------------------------------- the whole pipeline


def test_ingest_reads_roles_trainings_and_goals_of_an_unseen_policy(tmp_path: Path) -> None:
    """Roles from the document's own headings; audience labels that abbreviate them
    (`リーダー`, `推進員`) resolve to those roles; marks read without a legend."""
    report = ingest_paths([docs.misato_policy(tmp_path)], tmp_path / "corpus", workers=1)
    assert [o.status for o in report.outcomes] == ["ingested"]
    store = Store(tmp_path / "corpus")
    doc_id = store.documents()[0].doc_id
    assert [r["name"] for r in store.records("roles", doc_id)] == ["DX推進リーダー", "DX推進員", "一般職員"]
    trainings = {t["training_id"]: t for t in store.records("trainings", doc_id)}
    assert [(t["name"], t["organizer"], t["format"]) for t in trainings.values()] == [
        ("DX基礎研修", "美郷町", "動画"), ("ノーコード開発講座", "秋田県", "演習"),
    ]
    audience: dict[str, dict[str, str]] = {}
    for a in store.records("training_audience", doc_id):
        audience.setdefault(trainings[a["training_id"]]["name"], {})[a["role"]] = a["requirement"]
    assert audience == {
        "DX基礎研修": {"DX推進リーダー": "required", "DX推進員": "required", "一般職員": "required"},
        "ノーコード開発講座": {"DX推進リーダー": "required", "DX推進員": "recommended"},
    }
    assert [(t["role"], t["metric"], t["value"], t["unit"], t["fiscal_year"]) for t in store.records("targets", doc_id)] \
        == [("DX推進リーダー", "育成人数", 2, "人", 2026), ("DX推進リーダー", "育成人数", 2, "人", 2027),
            ("DX推進員", "育成人数", 8, "人", 2026), ("DX推進員", "育成人数", 8, "人", 2027)]
