"""A slide deck read whole: roles in boxes defined beside them, one role's skills in boxes,
a roadmap whose courses carry role chips, the same courses in a catalogue, KPI cards with a
note of baseline figures, a closing slide with nothing to read.

The deck is drawn by `unseen_deck_docs` (PyMuPDF, its built-in CJK font), not printed by the
Chromium that printed the unseen corpus's deck, and worded and laid out otherwise. Each test
asserts the records exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import unseen_deck_docs as docs
from jinzai.extractors import Extraction, extract, open_layout, read_document
from jinzai.extractors.model import Figure, Heading
from jinzai.extractors.model.tables import TABLE_SETTINGS
from jinzai.extractors.model.tables.aligned import unruled_tables
from jinzai.extractors.policy.targets.sentences import targets_from_sentence
from jinzai.normalizers.roles import resolve_role_reference
from pdfs import text_pdf, without_drawings


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return docs.nichinan_deck(tmp_path_factory.mktemp("decks"))


@pytest.fixture(scope="module")
def extraction(deck: Path) -> Extraction:
    with open_layout(deck) as layout:
        return extract(layout, "deck")


def test_a_period_joined_by_an_arrow(extraction: Extraction) -> None:
    assert (extraction.info.title, extraction.info.period_start_fy, extraction.info.period_end_fy) \
        == ("日南市DX人材育成プラン", 2026, 2030)


def test_roles_named_in_boxes_are_defined_by_the_text_beside_them(extraction: Extraction) -> None:
    assert [(r.name, r.canonical, r.description) for r in extraction.roles] == [
        ("DXマネージャー", "manager", "部局のデジタル化を統括し、投資の優先順位を決める。"),
        ("デジタル推進員", "leader", "課の業務をデジタルで見直し、改善を実行する。"),  # its name on two lines
        ("全職員", "all_staff", "情報を安全に扱い、デジタルツールで仕事を進める。"),
    ]


def test_roles_and_definitions_side_by_side_without_the_boxes(deck: Path, tmp_path: Path) -> None:
    # with its drawings removed the names and definitions align as two columns: no table whose
    # header is a name beside a definition's last words
    with open_layout(without_drawings(deck, tmp_path / "plain.pdf")) as layout:
        roles = extract(layout, "plain").roles
    assert [(r.name, r.description) for r in roles] == [
        ("DXマネージャー", "部局のデジタル化を統括し、投資の優先順位を決める。"),
        ("デジタル推進員", "課の業務をデジタルで見直し、改善を実行する。"),
        ("全職員", "情報を安全に扱い、デジタルツールで仕事を進める。"),
    ]


def test_skill_boxes_under_a_heading_saying_what_a_role_needs(extraction: Extraction) -> None:
    assert [(s.role, s.category, s.name) for s in extraction.skills] == [
        ("デジタル推進員", "業務改善", "業務フローの図示"), ("デジタル推進員", "業務改善", "改善効果の測定"),
        ("デジタル推進員", "データ", "表計算による集計"), ("デジタル推進員", "データ", "グラフによる可視化"),
        ("デジタル推進員", "安全管理", "パスワードの管理"),  # a box of one item, a wide gutter away
    ]


def test_a_roadmaps_chips_and_a_catalogue_make_one_training_each(extraction: Extraction) -> None:
    names = {t.training_id: t.name for t in extraction.trainings}
    assert [(t.name, t.organizer, t.format) for t in extraction.trainings] == [
        ("BPR基礎講座", "情報政策課", "集合研修"), ("ノーコード実習", "宮崎県", "オンライン"),
        ("セキュリティ講座", "J-LIS", "eラーニング")]
    assert sorted((names[a.training_id], a.role, a.requirement) for a in extraction.training_audience) == sorted([
        ("BPR基礎講座", "DXマネージャー", "target"), ("BPR基礎講座", "デジタル推進員", "target"),
        ("ノーコード実習", "デジタル推進員", "target"),
        ("セキュリティ講座", "全職員", "target"), ("セキュリティ講座", "デジタル推進員", "target"),
    ])


def test_kpi_cards_are_read_card_by_card_and_the_baseline_note_is_no_goal(extraction: Extraction) -> None:
    assert sorted((t.role, t.value, t.unit, t.fiscal_year) for t in extraction.targets) == sorted([
        ("DXマネージャー", 12, "人", 2028), ("デジタル推進員", 60, "人", 2030), ("全職員", 100, "%", None)])


def test_large_values_head_no_section_and_the_closing_slide_gives_nothing(deck: Path, extraction: Extraction) -> None:
    with open_layout(deck) as layout:
        document = read_document(layout)
    assert not [b.title for b in document.blocks if isinstance(b, Heading) and b.title in ("12人", "60人", "100%")]
    kpi = [b for b in document.page_blocks(6) if isinstance(b, Figure)]
    assert [[line.text for line in column] for column in kpi[0].columns()] == [
        ["R10年度までに", "12人", "DXマネージャーの育成"], ["R12年度までに", "60人", "デジタル推進員の育成"],
        ["毎年", "100%", "全職員の研修受講率"]]
    assert not any(record.page == 7 for table in (extraction.roles, extraction.skills, extraction.trainings,
                                                  extraction.targets, extraction.levels) for record in table)


def test_numbers_listed_after_a_baseline_are_baselines_too() -> None:
    def goals(sentence: str) -> list[tuple]:
        return [(t.value, t.fiscal_year) for t in targets_from_sentence(sentence, None, doc_id="x", page=1)]

    assert goals("現状は推進員12人、リーダー4人、管理職2人である。") == []
    assert goals("現状値は推進員12人、令和10年度までに30人を育成する。") == [(30, 2028)]
    assert goals("推進員を令和9年度までに20人、令和11年度までに40人育成する。") == [(20, 2027), (40, 2029)]


@pytest.mark.parametrize(("label", "expected"), [
    ("高度専門", "高度専門人材"), ("外部専門", "外部専門人材"), ("専門", None), ("データ活用", None)])
def test_a_label_may_drop_the_head_noun_of_a_role_name(label: str, expected: str | None) -> None:
    assert resolve_role_reference(label, ["高度専門人材", "外部専門人材", "データ活用推進員"]) == expected


def test_a_definitions_last_words_beside_a_name_head_no_table(tmp_path: Path) -> None:
    # names set large, each beside a definition whose last line shares the name's row
    texts: list[tuple] = []
    for n, (name, lines) in enumerate([
            ("高度専門人材", ["全庁のシステムとデータ活用を技術の面から企", "画・支援する。"]),
            ("DX推進リーダー", ["部内の業務改革を企画し、推進員を指導する。"]),
            ("DX推進員", ["課内の業務をデジタル化し、相談に応じる。"]),
            ("一般職員", ["ツールで業務を効率化し、情報を守る。"])]):
        y = 120 + 60 * n
        texts += [(250, y - 12 * (len(lines) - 1 - k), line) for k, line in enumerate(lines)]
        texts.append((60, y, name, 12))
    with open_layout(text_pdf(tmp_path / "beside.pdf", texts)) as layout:
        page = layout.pages[0]
        assert unruled_tables(page, page.lines, lambda _: True, TABLE_SETTINGS) == []


def test_a_role_defined_in_a_table_keeps_its_definition_beside_a_later_diagram(tmp_path: Path) -> None:
    """A role table (read for its skills) defines the roles; a later slide's diagram labels them
    with short captions. The table's definition stands, and with it what it says of the role
    (`DXリーダーを補佐し`: the assistant is the promoter under that leader)."""
    import pymupdf
    from pdfs import FONT, table_pdf

    rows = [["人材区分", "求められる役割", "主なスキル"],
            ["DXリーダー", "課の業務改革を企画し実行する。", "・業務分析\n・企画立案"],
            ["デジタル推進員", "DXリーダーを補佐し、課内のツール操作を支援する。", "・表計算\n・情報共有"],
            ["全職員", "デジタルツールを日常業務で活用する。", "・情報セキュリティ\n・基本操作"]]
    path = table_pdf(tmp_path / "roles.pdf", rows, [90, 250, 150], row_height=34,
                     texts=[(56, 150, "2 人材区分と役割")])
    doc = pymupdf.open(path)
    slide = doc.new_page(width=doc[0].rect.width, height=doc[0].rect.height)
    slide.insert_text((56, 80), "3 人材像の全体図", fontname=FONT, fontsize=14)
    for n, (name, caption) in enumerate([("DXリーダー", "課の改善を先頭に立って率いる。"),
                                         ("デジタル推進員", "課内のツールの使い方を支える。"),
                                         ("全職員", "デジタルの基礎を身につけて使う。")]):
        top = 140 + n * 90
        slide.draw_rect(pymupdf.Rect(60, top, 240, top + 50), color=None, fill=(0.1, 0.2, 0.4))
        slide.insert_text((80, top + 30), name, fontname=FONT, fontsize=14, color=(1, 1, 1))
        slide.insert_text((270, top + 30), caption, fontname=FONT, fontsize=10)
    doc.saveIncr()
    doc.close()
    with open_layout(path) as layout:
        roles = {role.name: role for role in extract(layout, "roles").roles}
    assert roles["デジタル推進員"].description == "DXリーダーを補佐し、課内のツール操作を支援する。"
    assert roles["デジタル推進員"].canonical == "promoter"
