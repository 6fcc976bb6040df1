"""Casebooks we do not have: built in tests (tests/unseen_casebook_docs.py), ingested end to end.

Their layouts differ from 総務省's sample: a prefecture's casebook whose list prints bare
city names under `市町村名 | 取組名 | 掲載頁` and a running `茨城県` footer, populations in 万
units, keywords as `【キーワード】A／B／C`; a prefecture's list of town names other
prefectures share, with a 人口 column; slides opening `事例2 美郷町（秋田県）` after a list
continued without its header row; level schemes named 初級・中級・上級 or printed inline
(`レベル1 …`) and a goal in a sentence; no list and no numbers; a drawn ruled list with
bodies wrapped in narrow cells; the profile in a box at the slide's foot; a list that alone
gives the population. Page numbers print as `P.3`, `3 / 9` or `- 3 -` with offsets 2, 0
and 3 from the PDF's. And a policy citing cities with their population is no casebook.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
import unseen_casebook_docs as docs
from jinzai.extractors import extract, read_document
from jinzai.extractors.casebook.read import extract_casebook
from jinzai.extractors.casebook.facts import deadline_goals, level_label, level_role
from jinzai.extractors.casebook.lists import column_of, list_rows
from jinzai.extractors.casebook.slides import (
    Body,
    body_with_population,
    case_heading_body,
    names_a_body,
    page_offset,
    parse_population,
    population_cell,
    populations,
    printed_page_number,
    read_case_slide,
    split_keywords,
)
from jinzai.extractors.document import describe_document
from jinzai.extractors.layout import Line, open_layout
from jinzai.extractors.model import PageBlocks, Paragraph
from jinzai.extractors.model.furniture import PAGE_NUMBER, RUNNING_TITLE, Furniture
from jinzai.pipeline.ingest import ingest_paths

CASE_FIELDS = ("kind", "case_no", "municipality", "prefecture", "population", "title", "keywords", "page", "list_page")


def rows(out: Path, table: str) -> list[dict]:
    if not list((out / table).glob("**/*.parquet")):
        return []
    pattern = str(out / table / "**" / "*.parquet")
    return duckdb.sql(f"SELECT * FROM read_parquet('{pattern}', union_by_name=true)").to_arrow_table().to_pylist()


def ingested(tmp_path_factory: pytest.TempPathFactory, build) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("unseen")
    pdf = build(folder)
    out = folder / "out"
    report = ingest_paths([pdf], out, workers=1)
    assert report.exit_code == 0
    return pdf, out


def cases_of(out: Path) -> list[tuple]:
    return sorted(tuple(c[f] for f in CASE_FIELDS) for c in rows(out, "cases"))


def assert_only_casebook_tables(out: Path) -> None:
    """A casebook defines no roles of its own: no roles, skills or trainings."""
    assert rows(out, "roles") == rows(out, "skills") == rows(out, "trainings") == []


# ---------------------------------------------------------------- 1. a prefecture's casebook

@pytest.fixture(scope="module")
def prefecture_book(tmp_path_factory) -> tuple[Path, Path]:
    return ingested(tmp_path_factory, docs.prefecture_casebook)


def test_a_prefectures_casebook_with_bare_city_names_is_a_casebook(prefecture_book) -> None:
    _, out = prefecture_book
    [document] = rows(out, "documents")
    assert document["doc_kind"] == "casebook"
    assert_only_casebook_tables(out)


def test_its_cases_take_the_prefecture_from_the_name_and_population_in_man_units(prefecture_book) -> None:
    _, out = prefecture_book
    assert cases_of(out) == [
        ("municipality", 1, "桜川市", "茨城県", 39000, "全職員向けDX研修の体系化", ["DX研修", "OJT", "庁内公募"], 4, 2),
        ("municipality", 2, "常陸大宮市", "茨城県", 38000, "若手職員によるDX推進チームの設置",
         ["若手職員", "ワーキンググループ", "業務改善"], 6, 4),
        ("municipality", 3, "稲敷市", "茨城県", 38000, "外部デジタル人材と連携した伴走支援",
         ["外部専門人材", "伴走支援", "RPA"], 8, 6),
    ]


def test_its_point_slides_become_sections_in_printed_order(prefecture_book) -> None:
    _, out = prefecture_book
    first = [(s["heading"], s["text"], s["page"]) for s in rows(out, "case_sections") if s["case_no"] == 1]
    assert [(heading, page) for heading, _, page in first] == [
        ("全職員向けDX研修の体系化", 4), ("取組のポイント", 5), ("今後の展開", 5)]
    assert first[1][1] == "所属長の理解を得て、業務時間内に研修を実施\n研修成果を庁内報で共有"


def test_the_publishers_running_footer_is_no_body_and_no_text(prefecture_book) -> None:
    pdf, out = prefecture_book
    with open_layout(pdf) as layout:
        document = read_document(layout)
    running = {f.line.text for page in document.pages for f in page.furniture if f.kind == RUNNING_TITLE}
    assert running == {"茨城県"}  # the model's running title: page numbers differ from page to page
    assert not any("茨城県" in s["text"] for s in rows(out, "case_sections"))


def test_bare_names_other_prefectures_share_are_read_in_the_issuing_prefecture(tmp_path_factory) -> None:
    _, out = ingested(tmp_path_factory, docs.home_names_casebook)
    [document] = rows(out, "documents")
    assert (document["doc_kind"], document["prefecture"]) == ("casebook", "北海道")
    assert_only_casebook_tables(out)
    # the population is the list's 人口 column (rounded), the slide's exact figure is not needed
    assert [(c[1], c[2], c[3], c[4], c[7], c[8]) for c in cases_of(out)] == [
        (1, "伊達市", "北海道", 31000, 3, 3), (2, "森町", "北海道", 14000, 4, 4), (3, "富良野市", "北海道", 20000, 5, 5)]


# ---------------------------------------------------------------- 2. 事例N city（prefecture）

@pytest.fixture(scope="module")
def parenthesized_book(tmp_path_factory) -> tuple[Path, Path]:
    return ingested(tmp_path_factory, docs.parenthesized_casebook)


def test_slides_opening_with_case_number_and_bracketed_prefecture_are_cases(parenthesized_book) -> None:
    _, out = parenthesized_book
    assert rows(out, "documents")[0]["doc_kind"] == "casebook"
    assert_only_casebook_tables(out)
    assert cases_of(out) == [
        ("municipality", 1, "富良野市", "北海道", 20000, "データ活用研修による政策立案力の向上", ["EBPM", "データ分析"], 5, 5),
        ("municipality", 2, "美郷町", "秋田県", 18000, "少人数体制でのDX推進員の育成", ["DX推進員", "兼務"], 7, 7),
        # its list row ran over to a page without the header row: the case is its slide's
        ("municipality", 3, "伊那市", "長野県", 65000, "民間企業との人事交流によるDX人材の確保",
         ["人事交流", "外部専門人材"], 9, None),
    ]


def test_a_case_missing_from_the_list_is_kept_and_reported(parenthesized_book) -> None:
    pdf, _ = parenthesized_book
    with open_layout(pdf) as layout:
        document = read_document(layout)
        extraction = extract_casebook(document, "jirei", describe_document(layout, document))
    assert [(w.kind, w.page) for w in extraction.warnings] == [("case_not_listed", 9)]


def test_a_sparse_slides_heading_is_not_read_as_its_text(parenthesized_book) -> None:
    _, out = parenthesized_book
    section = next(s for s in rows(out, "case_sections") if s["case_no"] == 2 and s["page"] == 8)
    assert section["heading"] == "取組の成果と課題"
    assert section["text"].startswith("研修受講者が")


# ---------------------------------------------------------------- 3. levels, goals, page offset

@pytest.fixture(scope="module")
def facts_book(tmp_path_factory) -> tuple[Path, Path]:
    return ingested(tmp_path_factory, docs.facts_casebook)


def test_cases_of_a_book_whose_numbering_starts_three_pages_in(facts_book) -> None:
    pdf, out = facts_book
    assert_only_casebook_tables(out)
    assert [(c[1], c[2], c[4], c[7], c[8]) for c in cases_of(out)] == [
        (1, "桐生市", 101000, 5, 2), (2, "西条市", 105000, 7, 4), (3, "智頭町", 6500, 9, 6)]
    with open_layout(pdf) as layout:
        document = read_document(layout)
        assert page_offset(document) == 3
        extraction = extract_casebook(document, "facts", describe_document(layout, document))
    assert extraction.warnings == []  # every printed page of the list is where its case starts


def test_a_grade_scheme_and_an_inline_level_scheme_are_levels(facts_book) -> None:
    _, out = facts_book
    levels = sorted((l["municipality"], l["role"], l["rank"], l["label"], l["definition"], l["page"])
                    for l in rows(out, "levels"))
    assert levels == [
        ("桐生市", "DX推進リーダー", 1, "初級", "業務の課題をデジタルで解決する発想を持つ", 6),
        ("桐生市", "DX推進リーダー", 2, "中級", "所属のデジタル化を企画し実行できる", 6),
        ("桐生市", "DX推進リーダー", 3, "上級", "全庁のDX推進を主導できる", 6),
        ("西条市", "職員", 1, "レベル1", "パソコンの基本操作ができる", 8),
        ("西条市", "職員", 2, "レベル2", "業務で表計算やクラウドを活用できる", 8),
        ("西条市", "職員", 3, "レベル3", "データを分析し業務改善を提案できる", 8),
    ]


def test_a_goal_with_a_deadline_is_a_target(facts_book) -> None:
    _, out = facts_book
    [target] = rows(out, "targets")
    assert (target["municipality"], target["role"], target["metric"], target["value"], target["unit"],
            target["fiscal_year"], target["page"]) == ("桐生市", "DX推進リーダー", "育成人数", 30.0, "人", 2027, 6)
    assert target["text_raw"] == "目標：令和9年度までにDX推進リーダー30名"


# ---------------------------------------------------------------- 4. no list, no numbers

def test_a_casebook_without_list_or_numbers_numbers_its_cases_in_page_order_per_kind(tmp_path_factory) -> None:
    _, out = ingested(tmp_path_factory, docs.unlisted_casebook)
    assert rows(out, "documents")[0]["doc_kind"] == "casebook"  # body and population on one line
    assert_only_casebook_tables(out)
    assert cases_of(out) == [
        ("municipality", 1, "糸島市", "福岡県", 103000, "庁内公募によるDXサポーターの育成", ["DXサポーター", "庁内公募"], 2, None),
        ("municipality", 2, "武雄市", "佐賀県", 48000, "管理職向けDXマネジメント研修", ["管理職研修", "DXマネジメント"], 3, None),
        ("municipality", 3, "菊池市", "熊本県", 47000, "窓口業務のデジタル化を担う職員の育成", ["窓口DX", "業務改善"], 4, None),
        ("prefecture", 1, "長崎県", "長崎県", 1280000, "県と市町の合同DX研修", ["市町支援", "合同研修"], 5, None),
    ]
    first = [s for s in rows(out, "case_sections") if (s["kind"], s["case_no"]) == ("municipality", 1)]
    assert [(s["heading"], s["page"]) for s in first] == [("庁内公募によるDXサポーターの育成", 2)]
    assert first[0]["text"].startswith("職員一人ひとりが")  # the keywords under their label are no intro


# ---------------------------------------------------------------- 5. a ruled list, drawn

def test_a_drawn_ruled_list_with_bodies_wrapped_in_narrow_cells(tmp_path_factory) -> None:
    _, out = ingested(tmp_path_factory, docs.ruled_list_casebook)
    assert rows(out, "documents")[0]["doc_kind"] == "casebook"
    assert_only_casebook_tables(out)
    assert cases_of(out) == [
        ("municipality", 1, "裾野市", "静岡県", 50000, "職員の自主研究グループによるDX推進", ["自主研究", "OJT"], 3, 2),
        ("municipality", 2, "北杜市", "山梨県", 46000, "外部人材登用とOJTの組合せ", ["自主研究", "OJT"], 5, 4),
        ("municipality", 3, "郡上市", "岐阜県", 38000, "全職員向けeラーニングの導入", ["自主研究", "OJT"], 7, 6),
    ]
    sections = [(s["case_no"], s["heading"], s["page"]) for s in rows(out, "case_sections")]
    assert (2, "外部人材登用とOJTの組合せ", 5) in sections and (2, "取組の効果", 6) in sections


# ---------------------------------------------------------------- 7. the population in the list only

def test_a_casebook_whose_list_alone_gives_the_population(tmp_path_factory) -> None:
    _, out = ingested(tmp_path_factory, docs.list_population_casebook)
    [document] = rows(out, "documents")
    assert (document["doc_kind"], document["prefecture"]) == ("casebook", "福島県")
    assert_only_casebook_tables(out)
    assert [(c[1], c[2], c[3], c[4], c[5], c[7], c[8]) for c in cases_of(out)] == [
        (1, "伊達市", "福島県", 58000, "ペーパーレス会議の定着とDX推進員", 3, 2),
        (2, "喜多方市", "福島県", 45000, "地域おこし協力隊と連携したデジタル人材育成", 5, 4),
        (3, "南相馬市", "福島県", 58000, "全庁BPRプロジェクトによる人材育成", 7, 6),
    ]
    sections = [(s["case_no"], s["heading"], s["page"]) for s in rows(out, "case_sections")]
    assert (1, "取組の成果", 4) in sections


def test_without_page_numbers_each_row_finds_the_first_page_heading_with_its_body(tmp_path: Path) -> None:
    pdf = docs.list_population_casebook(tmp_path, page_numbers=False)
    with open_layout(pdf) as layout:
        document = read_document(layout)
        info = describe_document(layout, document)
        assert info.doc_kind == "policy"  # nothing to tell a casebook by: no 人口 lines, no page numbers
        extraction = extract_casebook(document, "fukushima", dataclasses.replace(info, doc_kind="casebook"))
    assert [(c.case_no, c.municipality, c.page) for c in extraction.cases] == [(1, "伊達市", 3), (2, "喜多方市", 5),
                                                                                (3, "南相馬市", 7)]


# ---------------------------------------------------------------- 6. the profile at the foot

def test_a_profile_box_at_the_foot_of_the_slide_makes_a_case(tmp_path_factory) -> None:
    _, out = ingested(tmp_path_factory, docs.profile_box_casebook)
    assert rows(out, "documents")[0]["doc_kind"] == "casebook"
    assert_only_casebook_tables(out)
    assert [(c[1], c[2], c[3], c[4], c[5], c[7]) for c in cases_of(out)] == [
        (4, "三豊市", "香川県", 63000, "民間企業と共創するデジタル人材育成", 2),
        (5, "須崎市", "高知県", 20000, "職員提案から始まる業務のデジタル化", 3),
        (6, "美波町", "徳島県", 6200, "サテライトオフィス企業による職員研修", 4),
    ]


# ---------------------------------------------------------------- not a casebook

def test_a_policy_citing_cities_with_their_population_is_no_casebook(tmp_path_factory) -> None:
    _, out = ingested(tmp_path_factory, docs.policy_citing_cities)
    [document] = rows(out, "documents")
    assert (document["doc_kind"], document["municipality"]) == ("policy", "常総市")
    assert rows(out, "cases") == []


# ---------------------------------------------------------------- the rules, one by one

@pytest.mark.parametrize(("printed", "expected"), [
    ("茨城県五霞町", (Body("茨城県", "五霞町"), None)),
    ("事例3 美郷町（秋田県）", (Body("秋田県", "美郷町"), 3)),
    ("美郷町（宮崎県）", (Body("宮崎県", "美郷町"), None)),
    ("No.12 桜川市", (Body("茨城県", "桜川市"), 12)),
    ("事例1：桜川市の取組", (Body("茨城県", "桜川市"), 1)),
    ("美郷町", None),  # three prefectures have one: the name alone does not say which
    ("美郷町（東京都）", None),  # no such body
    ("県内市町村の取組一覧", None),
])
def test_a_case_heading_names_its_body_however_the_prefecture_is_printed(printed, expected) -> None:
    assert case_heading_body(printed) == expected


def test_a_shared_bare_name_is_the_home_prefectures_body_and_still_names_a_body() -> None:
    assert case_heading_body("美郷町", home="秋田県") == (Body("秋田県", "美郷町"), None)
    assert case_heading_body("美郷町", home="茨城県") is None
    assert names_a_body("事例2 美郷町") and names_a_body("森町")
    assert not names_a_body("他団体の取組") and not names_a_body("市町村")


@pytest.mark.parametrize(("header", "column"), [
    ("市町村名", "body"), ("市区町村名", "body"), ("取組内容", "title"), ("テーマ", "title"), ("分野", "category"),
    ("掲載頁", "page"), ("掲載\nページ", "page"), ("事例\n番号", "number"), ("人口", "population"), ("備考", None),
])
def test_list_headers_of_other_publishers(header, column) -> None:
    assert column_of(header) == column


@pytest.mark.parametrize(("cell", "population"), [("約4.2万人", 42000), ("42,000", 42000), ("3万人", 30000),
                                                  ("50%", None), ("-", None)])
def test_a_population_column_cell(cell, population) -> None:
    assert population_cell(cell) == population


@pytest.mark.parametrize(("line", "population"), [
    ("人口 約4.2万人", 42000), ("人口：42,000人", 42000), ("人口：約12万人", 120000),
    ("人口:約8,000人", 8000), ("人口：約２３．４万人（令和6年1月1日現在）", 234000),
    ("人口（R6.1.1現在）：42,123人", 42123), ("人口：約8千人", 8000),
    ("人口：約8,000人 ／ 職員数：120人", 8000), ("人口：約4.2万人（R6.1.1）／面積：100km²", 42000),
    ("人口：約2.0万人の団体でも同様の取組が可能です。", None), ("人口：約2.0万人、本市と同規模", None),
])
def test_a_population_line_is_read_in_its_units(line, population) -> None:
    assert parse_population(line) == population


@pytest.mark.parametrize(("text", "keywords"), [
    ("DX研修／OJT／庁内公募", ["DX研修", "OJT", "庁内公募"]),
    ("RPA、AI-OCR、ｅラーニング", ["RPA", "AI-OCR", "eラーニング"]),
    ("#定期アンケート #OJT(職場内訓練)", ["定期アンケート", "OJT(職場内訓練)"]),
    ("DX研修・OJT・庁内公募", ["DX研修", "OJT", "庁内公募"]),
    ("ICT・DX人材／OJT", ["ICT・DX人材", "OJT"]), ("#ICT・DX人材 #OJT", ["ICT・DX人材", "OJT"]),
])
def test_keywords_are_split_at_marks_or_separators(text, keywords) -> None:
    assert split_keywords(text) == keywords


def _page_with_footer(footer: str) -> PageBlocks:
    """A page of the document model whose footer prints `footer`, which the model set aside as a page number."""
    line = Line(footer, (280.0, 800.0, 280.0 + 10 * len(footer), 810.0), 10.0, 1)
    return PageBlocks(1, [], furniture=(Furniture(line, PAGE_NUMBER),), width=595.0, height=842.0)


def _slide(lines: list[Line]) -> PageBlocks:
    """A page of the document model holding each line as a paragraph of its own."""
    return PageBlocks(1, [Paragraph(page=1, bbox=line.bbox, section_path=(), lines=(line,), text=line.text)
                          for line in lines], width=595.0, height=842.0)


def _text_page(sentence: str) -> PageBlocks:
    """A page of the document model holding one paragraph of one line."""
    line = Line(sentence, (40.0, 100.0, 40.0 + 10 * len(sentence), 110.0), 10.0, 1)
    return PageBlocks(1, [Paragraph(page=1, bbox=line.bbox, section_path=(), lines=(line,), text=sentence)])


@pytest.mark.parametrize(("footer", "number"), [("P.12", 12), ("12 / 40", 12), ("- 12 -", 12), ("12", 12),
                                                 ("令和7年", None)])
def test_printed_page_numbers_in_several_styles(footer, number) -> None:
    assert printed_page_number(_page_with_footer(footer)) == number


@pytest.mark.parametrize(("line", "label"), [
    ("レベル5", ("レベル5", 5, "")), ("中級", ("中級", 2, "")),
    ("レベル1 パソコンの基本操作ができる", ("レベル1", 1, "パソコンの基本操作ができる")),
    ("上級：全庁のDX推進を主導できる", ("上級", 3, "全庁のDX推進を主導できる")),
    ("レベル1（初級）", ("レベル1", 1, "")), ("ステージ3：全庁を主導", ("ステージ3", 3, "全庁を主導")),
    ("レベルに合わせた人材育成", None), ("初級編の研修を受講", None),
])
def test_level_labels(line, label) -> None:
    assert level_label(line) == label


@pytest.mark.parametrize(("heading", "role"), [
    ("DX推進リーダーの育成レベル", "DX推進リーダー"), ("DX推進リーダーに求められるレベル", "DX推進リーダー"),
    ("職員のデジタルスキルのレベル", "職員"), ("五霞町におけるDX推進リーダーのレベル設定例", "DX推進リーダー"),
    ("研修体系", None),
])
def test_the_role_a_level_schemes_heading_names(heading, role) -> None:
    assert level_role(heading) == role


@pytest.mark.parametrize("sentence", [
    "2027年度末までに30名以上のDX推進リーダーを育成します。",
    "本市は、DX推進リーダーを令和9年度までに30名以上育成します。",
    "令和９年度までにDX推進リーダーを30名以上育成する。",
])
def test_deadline_goals_in_other_phrasings(sentence) -> None:
    [goal] = deadline_goals(_text_page(sentence))
    assert (goal.role, goal.value, goal.unit, goal.qualifier, goal.fiscal_year) == (
        "DX推進リーダー", 30.0, "人", "以上", 2027)
    assert goal.text_raw == sentence


def test_a_year_without_a_headcount_is_no_goal() -> None:
    assert deadline_goals(_text_page("令和9年度までに全庁でペーパーレス化を完了します。")) == []


@pytest.mark.parametrize(("heading", "kinds"), [
    ("都道府県・市町村の取組一覧", ["prefecture", "municipality"]),  # both kinds: each row its body's
    ("事例一覧", ["prefecture", "municipality"]),
    ("市町村の取組一覧", ["municipality", "municipality"]),
])
def test_a_list_of_both_kinds_of_body_gives_each_row_its_bodys_kind(heading, kinds) -> None:
    rows = [{"number": ["1"], "body": ["長野県"], "title": ["県と市町村の共同研修"], "page": ["3"]},
            {"number": ["2"], "body": ["長野県伊那市"], "title": ["人事交流"], "page": ["5"]}]
    assert [row.kind for row in list_rows(1, [heading], rows)] == kinds


@pytest.mark.parametrize(("cell", "page"), [("45", 45), ("P.45", 45), ("45～48", 45), ("4-7", 4), ("１２", 12),
                                            ("―", None)])
def test_a_lists_page_cell_gives_the_cases_first_page(cell, page) -> None:
    page_row = {"number": ["1"], "body": ["長野県伊那市"], "title": ["人事交流"], "page": [cell]}
    [row] = list_rows(1, ["事例一覧"], [page_row])
    assert row.list_page == page


def test_a_population_as_a_profile_tables_label_and_amount() -> None:
    assert populations(["岐阜県郡上市", "人口", "約3.8万人", "面積", "1,030km²"]) == [(1, 3, 38000)]
    assert populations(["人口", "本市の人口は減少しています"]) == []
    lines = [Line("岐阜県郡上市", (40.0, 40.0, 124.0, 54.0), 14.0, 1), Line("人口", (40.0, 60.0, 60.0, 70.0), 10.0, 1),
             Line("約3.8万人", (190.0, 60.0, 250.0, 70.0), 10.0, 1),
             Line("全職員向けeラーニングの導入", (40.0, 100.0, 320.0, 120.0), 20.0, 1)]
    slide = read_case_slide(_slide(lines))
    assert slide is not None
    assert (slide.body, slide.population, slide.heading) == (Body("岐阜県", "郡上市"), 38000, "全職員向けeラーニングの導入")


@pytest.mark.parametrize(("line", "profile"), [
    ("茨城県 桜川市 人口：約4.2万人", (Body("茨城県", "桜川市"), 42000)),
    ("茨城県桜川市／人口：約4.2万人", (Body("茨城県", "桜川市"), 42000)),
    ("美郷町（秋田県）人口：約1.8万人", (Body("秋田県", "美郷町"), 18000)),
    ("事例1 桜川市（人口：約4.2万人、職員数：約400人）", (Body("茨城県", "桜川市"), 42000)),
    ("本市の人口：約2.0万人", None), ("桜川市は人口約4.2万人", None),
])
def test_a_body_and_its_population_on_one_line(line, profile) -> None:
    assert body_with_population(line) == profile


def test_goals_read_from_a_tables_cells(tmp_path) -> None:
    """An indicator row with no `指標` label cell and a goal sentence in a cell of the same
    table: read from the document model's cells, not the page's lines."""
    from pdfs import table_pdf

    from jinzai.extractors.casebook.facts import page_goals
    from jinzai.extractors.model import build_document

    pdf = table_pdf(tmp_path / "goals.pdf", [
        ["DX推進リーダーの育成", "現状値 2024年度 12人", "目標値 2028年度", "40人"],
        ["取組内容", "毎年度8名以上のDX推進員を育成する。", "担当", "情報政策課"],
    ], [150, 170, 100, 80])
    with open_layout(pdf) as layout:
        indicator, sentence = page_goals(build_document(layout).pages[0])
    assert (indicator.role, indicator.value, indicator.unit, indicator.fiscal_year) == ("DX推進リーダー", 40.0, "人", 2028)
    assert indicator.text_raw == "DX推進リーダーの育成 現状値 2024年度 12人 目標値 2028年度 40人"
    assert (sentence.role, sentence.value, sentence.qualifier, sentence.fiscal_year) == ("DX推進員", 8.0, "以上", None)
    assert sentence.text_raw == "毎年度8名以上のDX推進員を育成する。"


def test_a_casebooks_prose_with_training_words_side_by_side_is_no_table(tmp_path) -> None:
    """One document model per PDF, and a casebook's is read without the policy readers' header
    words: two short texts naming 研修 over one row (a slide's two boxes) are no table, in the
    model the records are read from as in the `blocks` rows that describe it."""
    from pdfs import text_pdf

    slides = [[(40, 60, body, 18), (40, 84, population, 11), (260, 70, heading, 20),
               (60, 200, "職員の学び直しを全庁で進めています。", 12)]
              for body, population, heading in [("長野県塩尻市", "人口：約6.6万人", "研修体系の見直し"),
                                                ("岡山県真庭市", "人口：約4.2万人", "庁内公募の推進リーダー"),
                                                ("宮崎県都城市", "人口：約16万人", "外部人材との協働")]]
    slides[0] += [(60, 300, "研修の企画", 12), (420, 300, "職員研修の見直し", 12),
                  (60, 318, "外部講師と連携", 12), (420, 318, "受講後に成果を共有", 12)]
    with open_layout(text_pdf(tmp_path / "book.pdf", *slides, width=842, height=595)) as layout:
        extraction = extract(layout, "book")
    assert extraction.info.doc_kind == "casebook" and len(extraction.cases) == 3
    assert extraction.model.tables() == []
    assert [row for row in extraction.blocks if row.kind == "table"] == []


def _first_slide(body: str, population: str, heading: str) -> list[tuple[float, float, str, float]]:
    return [(40, 60, body, 18), (40, 84, population, 11), (260, 70, heading, 20),
            (60, 200, "職員の学び直しを全庁で進めています。", 12)]


def _interview(question: str, answer: str) -> list[tuple[float, float, str, float]]:
    """A slide whose title, printed small in the top margin of every interview slide, is a running title."""
    return [(40, 30, "インタビュー", 9), (60, 120, question, 14), (60, 150, answer, 12)]


def test_a_slides_boxes_side_by_side_are_read_box_after_box(tmp_path) -> None:
    """Three boxes on one slide, their lines printed box after box: each box's text stays
    together in the case's section, however the rows of the boxes line up across the slide."""
    from pdfs import text_pdf

    boxes = [(40, 40, "庁内の支え合い", 20)]
    for x, lines in ((60, ["各課から一名を選び", "月に一度集まる"]), (320, ["民間の専門家が", "半年ごとに助言する"]),
                     (580, ["若手職員の勉強会を", "昼休みに開く"])):
        boxes += [(x, 120 + 20 * row, text, 12) for row, text in enumerate(lines)]
    pages = [_first_slide("長野県塩尻市", "人口：約6.6万人", "研修体系の見直し"), boxes,
             _first_slide("岡山県真庭市", "人口：約4.2万人", "庁内公募の推進リーダー"),
             _first_slide("宮崎県都城市", "人口：約16万人", "外部人材との協働")]
    with open_layout(text_pdf(tmp_path / "boxes.pdf", *pages, width=842, height=595)) as layout:
        extraction = extract(layout, "boxes")
    [section] = [s for s in extraction.case_sections if s.page == 2]
    assert section.heading == "庁内の支え合い"
    assert section.text == "各課から一名を選び月に一度集まる民間の専門家が半年ごとに助言する若手職員の勉強会を昼休みに開く"


def test_an_interview_titled_by_a_running_title_is_read_question_by_question(tmp_path) -> None:
    """The model sets a title repeated small in the margin aside as a running title; the slide
    is still an interview: one section per question."""
    from pdfs import text_pdf

    pages = []
    for body, population, heading, answer in [
            ("長野県塩尻市", "人口：約6.6万人", "研修体系の見直し", "受講した職員が各課で教え始めました。"),
            ("岡山県真庭市", "人口：約4.2万人", "庁内公募の推進リーダー", "手を挙げた職員の意欲が高まりました。"),
            ("宮崎県都城市", "人口：約16万人", "外部人材との協働", "専門家の助言で計画が具体的になりました。")]:
        pages += [_first_slide(body, population, heading), _interview("① 取組の効果はありましたか", answer)]
    with open_layout(text_pdf(tmp_path / "interviews.pdf", *pages, width=842, height=595)) as layout:
        extraction = extract(layout, "interviews")
        assert [f.line.text for f in extraction.model.pages[1].furniture] == ["インタビュー"]
    sections = sorted((s.case_no, s.heading, s.text) for s in extraction.case_sections if s.page % 2 == 0)
    assert sections == [(1, "取組の効果はありましたか", "受講した職員が各課で教え始めました。"),
                        (2, "取組の効果はありましたか", "手を挙げた職員の意欲が高まりました。"),
                        (3, "取組の効果はありましたか", "専門家の助言で計画が具体的になりました。")]


def test_an_indicator_printed_as_label_value_pairs_without_rulings(tmp_path) -> None:
    """A case's indicator as a row of labels each beside its value, no lines or fills
    (`目標値 2027年度` beside `30人`): the goal under its label, the baseline none."""
    from pdfs import text_pdf

    from jinzai.extractors.casebook.facts import page_goals
    from jinzai.extractors.model import build_document

    pdf = text_pdf(tmp_path / "pairs.pdf", [
        (60, 80, "三島町におけるデジタル人材の育成例"),
        (60, 120, "町の全課から職員を募り、外部講師の指導のもとで業務の見直しに取り組んでいます。"),
        (60, 150, "評価指標"), (130, 150, "地域DXリーダーの育成"), (255, 150, "現状値 2023年度"), (365, 150, "8人"),
        (410, 150, "目標値 2027年度"), (520, 150, "30人"),
    ])
    with open_layout(pdf) as layout:
        [goal] = page_goals(build_document(layout).pages[0])
    assert (goal.role, goal.value, goal.unit, goal.fiscal_year) == ("地域DXリーダー", 30.0, "人", 2027)
    assert goal.text_raw == "評価指標 地域DXリーダーの育成 現状値 2023年度 8人 目標値 2027年度 30人"
