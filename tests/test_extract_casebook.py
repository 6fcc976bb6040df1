"""Casebook extraction, on 総務省's casebook of municipal digital-talent cases (data/raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors import read_document
from jinzai.extractors.casebook.read import extract_casebook, merge_keywords, page_mismatches, pair_cases
from jinzai.extractors.casebook.facts import level_role, page_levels, yearly_goals
from jinzai.extractors.casebook.lists import ListRow, PageReference, column_of, list_rows
from jinzai.extractors.casebook.slides import (
    Body,
    body_with_population,
    CaseSlide,
    case_page_ranges,
    page_offset,
    parse_population,
    read_case_slide,
    split_body,
    split_keywords,
    toc_chapter_starts,
)
from jinzai.extractors.layout import Line, open_layout
from jinzai.extractors.model import PageBlocks, Paragraph, build_document
from jinzai.extractors.result import DocumentInfo, Extraction

PDF = Path(__file__).resolve().parents[1] / "data" / "raw" / "soumu_casebook.pdf"


@pytest.fixture(scope="module")
def layout():
    with open_layout(PDF) as opened:
        yield opened


@pytest.fixture(scope="module")
def extraction(layout) -> Extraction:
    return extract_casebook(read_document(layout), "soumu_casebook", DocumentInfo(title="デジタル人材の育成ガイドブック<事例編>",
                                                                   doc_kind="casebook", publisher="総務省"))


def case(extraction: Extraction, kind: str, number: int):
    return next(c for c in extraction.cases if c.kind == kind and c.case_no == number)


# ---------------------------------------------------------------- cases

def test_every_case_of_both_lists_is_read(extraction):
    numbers = sorted((c.kind, c.case_no) for c in extraction.cases)
    assert numbers == [("municipality", n) for n in range(1, 13)] + [("prefecture", 1), ("prefecture", 2)]


def test_a_municipal_case_joins_list_and_slide(extraction):
    goka = case(extraction, "municipality", 1)
    assert (goka.prefecture, goka.municipality, goka.population) == ("茨城県", "五霞町", 8000)
    assert goka.title == "育成レベルに応じたデジタル人材の育成"
    assert goka.title_alt is None  # the slide heads it the same way
    assert goka.page == 5 and goka.list_page == 4
    assert goka.keywords == ["定期アンケート", "グループウェア", "OJT(職場内訓練)"]


def test_titles_wrapped_over_lines_are_joined(extraction):
    assert case(extraction, "municipality", 3).title == "交流人材を活用したデジタル人材育成方針の策定"
    assert case(extraction, "municipality", 12).title == "ITパスポート取得支援によるDX推進リーダーの育成"


def test_the_slide_heading_is_kept_where_it_differs(extraction):
    fukuchiyama = case(extraction, "municipality", 4)
    assert fukuchiyama.title == "行政改革大綱にDX推進を組み込むことで、実行力を高める"
    assert fukuchiyama.title_alt == "行政改革大綱へのDX推進の追加、数値目標による実行力の向上"


def test_a_prefectural_case_is_its_own_municipality_with_the_slides_population(extraction):
    nara = case(extraction, "prefecture", 1)
    assert nara.municipality == nara.prefecture == "奈良県"
    assert nara.population == 1315000  # the prefectural list has no 人口 column
    assert nara.page == 51 and nara.list_page == 50
    assert nara.keywords == ["チャットツール", "人材バンク", "外部デジタル人材の確保"]


def test_keywords_of_list_and_slide_are_merged_once(extraction):
    oyama = case(extraction, "municipality", 3).keywords
    assert oyama == ["人事交流", "基本方針策定", "外部専門人材", "OJT(職場内訓練)", "基本方針の策定"]
    assert case(extraction, "municipality", 12).keywords[0] == "ITパスポート"  # slide prints "# ITパスポート"


def test_a_category_cell_spanning_rows_applies_to_each(extraction):
    spanned = {c.case_no: c.category for c in extraction.cases if c.kind == "municipality"}
    assert {spanned[n] for n in (1, 2, 3, 4)} == {"人材育成を活性化する計画や制度の工夫"}
    assert spanned[9] == spanned[11] == "総務省アドバイザーの活用"
    assert case(extraction, "prefecture", 2).category is None


def test_a_casebook_defines_no_roles(extraction):
    assert extraction.roles == extraction.skills == extraction.trainings == []


# ---------------------------------------------------------------- page cross-check

def test_printed_page_numbers_give_the_offset(layout):
    assert page_offset(build_document(layout)) == 1  # slide printed "4" is PDF page 5


def test_the_keyword_index_page_that_misses_the_case_is_reported(extraction):
    mismatches = [w for w in extraction.warnings if w.kind == "page_mismatch"]
    assert len(mismatches) == 1
    assert mismatches[0].page == 4
    assert "茨城県笠間市" in mismatches[0].message and "46" in mismatches[0].message


KASAMA = Body("茨城県", "笠間市")


def slide(page: int, body: Body = KASAMA, case_no: int = 12) -> CaseSlide:
    return CaseSlide(page=page, case_no=case_no, body=body, population=None, heading="", keywords=(), intro="")


def test_cross_check_accepts_a_page_that_matches_after_the_offset():
    refs = [PageReference(KASAMA, 45, 3, "list")]
    assert page_mismatches("d", refs, [slide(46)], offset=1) == []


def test_cross_check_reports_a_page_that_does_not_match():
    refs = [PageReference(KASAMA, 46, 4, "keyword index")]
    [warning] = page_mismatches("d", refs, [slide(46)], offset=1)
    assert warning.kind == "page_mismatch" and warning.page == 4
    assert "printed page 45 (PDF page 46)" in warning.message


def test_cross_check_needs_an_offset_and_a_slide():
    refs = [PageReference(KASAMA, 46, 4, "keyword index")]
    assert page_mismatches("d", refs, [slide(46)], offset=None) == []
    assert page_mismatches("d", refs, [slide(46, Body("奈良県", "奈良県"))], offset=1) == []


def test_list_rows_pair_with_the_slide_of_their_body_not_their_number():
    nara, kochi = Body("奈良県", "奈良県"), Body("高知県", "高知県")
    rows = [ListRow("prefecture", 2, kochi, None, "職員からデジタル人材を見出す取組", None, (), 56, 50)]
    slides = [slide(5, Body("茨城県", "五霞町"), 1), slide(51, nara, 1), slide(57, kochi, 2)]
    [(row, found)] = pair_cases(rows, slides, offset=1)
    assert found is not None and found.page == 57


# ---------------------------------------------------------------- sections

def test_sections_make_cases_searchable(extraction):
    passport = {(s.kind, s.case_no) for s in extraction.case_sections if "ITパスポート" in s.text}
    assert passport == {("municipality", 12)}


def test_interview_answers_are_headed_by_their_question(extraction):
    goka = [s for s in extraction.case_sections if s.kind == "municipality" and s.case_no == 1]
    answer = next(s for s in goka if s.heading == "実施によりどのような効果がありましたか")
    assert answer.page == 7 and answer.text.startswith("KPI設定とOJT(職場内訓練)によって")


def test_boxed_points_keep_their_own_bullets(extraction):
    goka = {s.heading: s.text for s in extraction.case_sections if s.kind == "municipality" and s.case_no == 1}
    assert goka["人事部門とDX部門の連携強化"].split("\n") == [
        "定期的なアンケートを活用し、職員のスキルレベルを把握", "これに基づき、必要な研修を計画し、体制を整備"]
    assert goka["OJTを活用した現場指導"].startswith("HPやGISの運用について")


def test_intro_text_is_the_first_section(extraction):
    first = next(s for s in extraction.case_sections if s.kind == "municipality" and s.case_no == 1)
    assert first.page == 5 and first.text.startswith("「五霞町デジタル人材育成プラン」を策定しています。")


def test_sections_stop_at_the_end_of_a_chapter(extraction):
    pages = {s.page for s in extraction.case_sections}
    assert 49 not in pages  # the 目次 page between the two lists
    assert max(pages) == 59  # the messages and 対談 chapters (PDF 61-69) belong to no case
    assert {s.page for s in extraction.case_sections if s.case_no == 12 and s.kind == "municipality"} == {46, 47, 48}


def test_case_ranges_end_at_the_next_case_or_boundary():
    ranges = case_page_ranges([5, 9, 51], boundaries=[49, 50, 60], page_count=69)
    assert ranges == {5: range(5, 9), 9: range(9, 49), 51: range(51, 60)}


# ---------------------------------------------------------------- levels and targets

def test_a_cases_level_scheme_is_read(extraction):
    levels = sorted(extraction.levels, key=lambda level: level.rank)
    assert [(lv.rank, lv.label) for lv in levels] == [(n, f"レベル{n}") for n in range(1, 6)]
    assert {(lv.role, lv.municipality, lv.page) for lv in levels} == {("DX推進リーダー", "五霞町", 8)}
    assert levels[4].definition == "システムなどを導入または入れ替えて業務改善、住民の利便性向上につなげられる改革ができる"
    assert levels[1].definition == "一般的なパソコンの使い方、グループウェアやインターネットなどを人に教えることができる"


def test_numeric_goals_of_a_case(extraction):
    goals = sorted(extraction.targets, key=lambda t: t.value or 0)
    assert [(t.role, t.metric, t.value, t.unit, t.fiscal_year, t.municipality) for t in goals] == [
        ("DX推進員", "育成人数", 10, "人", None, "福知山市"),
        ("DX推進員", "育成人数", 50, "人", 2026, "福知山市"),
    ]
    assert goals[1].text_raw.startswith("指標 DX推進員の育成")
    assert "年間10名程度のDX推進員を育成します" in goals[0].text_raw
    assert {t.page for t in goals} == {21}


def test_level_role_comes_from_the_heading():
    assert level_role("五霞町におけるDX推進リーダーのレベル設定例") == "DX推進リーダー"
    assert level_role("デジタル人材育成プラン") is None


def line(text: str, x0: float, top: float, size: float = 12.0, page: int = 1) -> Line:
    return Line(text=text, bbox=(x0, top, x0 + size * len(text), top + size), size=size, page=page)


def paragraph(*lines: Line) -> Paragraph:
    box = (min(l.x0 for l in lines), lines[0].top, max(l.x1 for l in lines), lines[-1].bottom)
    return Paragraph(page=lines[0].page, bbox=box, section_path=(), lines=lines,
                     text="".join(l.text for l in lines))


def slide_page(number: int, *lines: Line) -> PageBlocks:
    """A landscape slide of the document model, each line a paragraph of its own."""
    return PageBlocks(number, [paragraph(ln) for ln in lines], width=842, height=595)


def test_level_definitions_printed_under_their_labels():
    lines = [line("DX推進員の育成レベル", 30, 10, 18), line("レベル1", 40, 100), line("研修に参加する", 40, 120),
             line("レベル2", 40, 160), line("人に教えることができる", 40, 180)]
    levels = page_levels(slide_page(3, *lines))
    assert [(lv.rank, lv.definition, lv.role) for lv in levels] == [
        (1, "研修に参加する", "DX推進員"), (2, "人に教えることができる", "DX推進員")]


def test_a_yearly_rate_has_no_fiscal_year():
    text = "2022（令和4）年度中にDX推進体制を整備し、ITコーディネータの指導のもと年間10名程度のDX推進員を育成します。"
    [goal] = yearly_goals(PageBlocks(1, [paragraph(line(text, 100, 100, 10))]))
    assert (goal.role, goal.value, goal.unit, goal.fiscal_year, goal.qualifier) == ("DX推進員", 10, "人", None, "程度")


# ---------------------------------------------------------------- small readers

def test_bodies_split_into_prefecture_and_municipality():
    assert split_body("茨城県五霞町") == Body("茨城県", "五霞町")
    assert split_body("奈良県") == Body("奈良県", "奈良県")
    assert split_body("人口:約8,000人") is None
    assert split_body("奈良県地域デジタル化推進協議会") is None


def test_population_lines():
    assert parse_population("人口：約8,000人") == 8000
    assert parse_population("人口:約1,315,000人") == 1315000
    assert parse_population("人口 約23.4万人") == 234000
    assert parse_population("人口減少や人口構造の変化") is None


def test_keywords_lose_their_marks():
    assert split_keywords("#定期アンケート #OJT(職場内訓練) # ITパスポート") == [
        "定期アンケート", "OJT(職場内訓練)", "ITパスポート"]
    assert merge_keywords(["OJT（職場内訓練）"], ["OJT(職場内訓練)", "市長発案"]) == ["OJT(職場内訓練)", "市長発案"]


def test_list_headers_are_read_by_their_words():
    assert column_of("項\n番") == "number"
    assert column_of("ページ数") == "page"
    assert column_of("頻出キーワード") == "keywords"
    assert column_of("団体名") == "body"
    assert column_of("人材育成を活性化") is None


def test_every_slide_found_is_listed(extraction):
    kinds = {w.kind for w in extraction.warnings}
    assert "case_not_listed" not in kinds and "case_slide_missing" not in kinds


def test_population_printed_with_a_date_or_beside_the_body():
    assert parse_population("（人口：8,000人 R6.1.1現在）") == 8000
    assert parse_population("本市は人口約8,000人") is None  # prose, not a slide's 人口 line
    assert body_with_population("茨城県五霞町（人口：約8,000人）") == (Body("茨城県", "五霞町"), 8000)
    assert body_with_population("人口：約8,000人") is None


def test_a_slide_printing_body_and_population_on_one_line():
    lines = [line("3", 20, 30, 60), line("静岡県小山町（人口：約17,000人）", 80, 40, 18),
             line("交流人材を活用したデジタル人材育成方針の策定", 270, 50, 21),
             line("キーワード: #人事交流 #外部専門人材", 56, 160, 14), line("県からの人事交流人材を配置しました。", 96, 260, 17)]
    found = read_case_slide(slide_page(14, *lines))
    assert found is not None
    assert (found.case_no, found.body, found.population) == (3, Body("静岡県", "小山町"), 17000)
    assert found.heading == "交流人材を活用したデジタル人材育成方針の策定"
    assert found.keywords == ("人事交流", "外部専門人材") and found.intro == "県からの人事交流人材を配置しました。"


def test_a_slide_without_keyword_line_keeps_its_intro():
    lines = [line("7", 20, 30, 60), line("兵庫県三田市", 80, 40, 18), line("人口:約107,000人", 80, 66, 12),
             line("インシデント対応研修", 270, 50, 21), line("インシデント訓練を全庁的に進めています。", 96, 260, 17)]
    found = read_case_slide(slide_page(28, *lines))
    assert found is not None and found.keywords == ()
    assert (found.heading, found.intro) == ("インシデント対応研修", "インシデント訓練を全庁的に進めています。")


def test_chapter_starts_come_from_the_table_of_contents(layout):
    # 目次: 2. 都道府県による… ・・・ 49, 3. …メッセージ ・・・ 60, 4. トップ対談 ・・・ 65 (printed + offset 1)
    document = build_document(layout)
    assert toc_chapter_starts(document, offset=1) == {3, 50, 61, 66}
    assert toc_chapter_starts(document, offset=None) == set()


def test_list_rows_read_from_keyed_cells():
    header = "1. 市町村によるデジタル人材育成の取組(一覧)"
    rows = [
        {"number": ["No.3"], "body": ["静岡県小山町（人口：約17,000人）"],
         "title": ["交流人材を活用したデジタル人材", "育成方針", "の策定"],
         "keywords": ["#人事交流", "#基本方針策定", "#人事交流"], "page": ["13"]},
        {"number": [""], "body": [""], "title": ["(注)人口は概数"], "page": [""]},
    ]
    [row] = list_rows(3, [header], rows)
    assert (row.kind, row.case_no, row.body, row.population, row.list_page) == (
        "municipality", 3, Body("静岡県", "小山町"), 17000, 13)
    assert row.title == "交流人材を活用したデジタル人材育成方針の策定"
    assert row.keywords == ("人事交流", "基本方針策定") and row.category is None


def test_every_case_carries_its_bodys_municipality_code(extraction):
    from jinzai.normalizers.municipalities import check_digit, lookup

    for c in extraction.cases:
        code, prefecture_code = c.municipality_code, lookup(c.prefecture).code
        assert code is not None, f"{c.prefecture}{c.municipality} has no code"
        assert code[5] == check_digit(code[:5]) and code[:2] == prefecture_code[:2]
        assert (code == prefecture_code) == (c.kind == "prefecture")
