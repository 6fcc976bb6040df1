"""normalizers.text: CONTRACT normalization, names and list items (strings from the sample corpus)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinzai.normalizers.text import is_sheet_error, normalize_name, normalize_text, split_items, split_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # width folding (kakamigahara p8: "ＤＸの推進", kunisaki p1 "令和８年３月")
        ("ＤＸの推進やデジタル化", "DXの推進やデジタル化"),
        ("令和８年３月", "令和8年3月"),
        ("「各務原市第３次 ICT基本計画」", "「各務原市第3次ICT基本計画」"),
        ("情報セキュリティ研修（基礎）", "情報セキュリティ研修(基礎)"),
        ("人口：約8,000人", "人口:約8,000人"),
        ("ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ", "ガバメントクラウド"),
        ("㈱ジンザイ", "(株)ジンザイ"),
        ("⼈材育成", "人材育成"),  # Kangxi radical ⼈ (U+2F08) some PDF fonts emit for 人
        ("⾏政職員", "行政職員"),  # Kangxi ⾏ (U+2F8F)
        ("市⻑", "市長"),  # CJK Radicals Supplement ⻑ (U+2ED1), not folded by NFKC
        ("関⻄", "関西"),
        ("令和5年度～令和7年度", "令和5年度~令和7年度"),
        ("令和5年度〜令和7年度", "令和5年度~令和7年度"),
        ("J−LIS", "J-LIS"),
        ("Ⅲ 国東市職員に求める職員像", "III国東市職員に求める職員像"),
        ("①DX推進の意義を理解", "①DX推進の意義を理解"),  # enumerators are not folded to digits
        ("DX\u200b推進", "DX推進"),
        # letter-spaced Latin (tarumizu p7, p10; kunisaki p7)
        ("D X推進アドバイザー", "DX推進アドバイザー"),
        ("Ｄ Ｘ推進員", "DX推進員"),
        ("E B P M研修", "EBPM研修"),
        ("B P R実践研修", "BPR実践研修"),
        ("（J-L I S）", "(J-LIS)"),
        ("地方公共団体情報システム機構（J-L I S）等の実施機関を活用", "地方公共団体情報システム機構(J-LIS)等の実施機関を活用"),
        # real word gaps survive
        ("パソコン研修(Word・Excel基礎)", "パソコン研修(Word・Excel基礎)"),
        ("Power BI", "Power BI"),
        ("LoGo AIアシスタント", "LoGo AIアシスタント"),
        # no spaces between Japanese characters / Japanese and Latin (kakamigahara)
        ("令和 2年 12月に", "令和2年12月に"),
        ("UI・UX デザイン", "UI・UXデザイン"),
        ("5年以内に 受講率 100%", "5年以内に受講率100%"),
        ("庁内で計○名程度 を育成", "庁内で計○名程度を育成"),
        ("職員の 70%以上", "職員の70%以上"),
        ("人材育成・確保\u3000基本方針", "人材育成・確保基本方針"),
        # PDF line breaks inside a cell or sentence
        ("プロジェクトマネジメン\nト", "プロジェクトマネジメント"),
        ("LoGo AIアシスタ\nント", "LoGo AIアシスタント"),
        ("D Xアドバ\nイザー", "DXアドバイザー"),
        ("推進アド\nバイザー", "推進アドバイザー"),
        ("地方公共団体情報システム機構（J-\nLIS）", "地方公共団体情報システム機構(J-LIS)"),
        ("パソコン研修\n(Word・Excel基\n礎)", "パソコン研修(Word・Excel基礎)"),
        ("Power\nBI", "Power BI"),
        ("情報セキュリティ\r\n研修", "情報セキュリティ研修"),
        # vertical text, one character per line (kakamigahara p6, p7)
        ("管\n理\n職", "管理職"),
        ("高\n度\n専\n門\n人\n材", "高度専門人材"),
        ("", ""),
        ("  \n ", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("・ リーダーとして先頭に立ってデジタルによる\n業務変革を推進する指導力",
         "リーダーとして先頭に立ってデジタルによる業務変革を推進する指導力"),
        ("① リーダーシップ", "リーダーシップ"),
        ("③ プロジェクトマネジメン\nト", "プロジェクトマネジメント"),
        ("⚫\nデジタル技術による改善（全庁）", "デジタル技術による改善(全庁)"),
        ("•ツール活用（BI ツール）", "ツール活用(BIツール)"),
        ("▶全職員が基本的なデジタルリテラシーを有する", "全職員が基本的なデジタルリテラシーを有する"),
        ("✓ 定期的なアンケートを活用し、職員", "定期的なアンケートを活用し、職員"),
        ("(1) D X推進員及びD X推進リーダーの候補者", "DX推進員及びDX推進リーダーの候補者"),
        ("（２）DX推進リーダー", "DX推進リーダー"),
        ("1. 市町村によるデジタル人材育成の取組", "市町村によるデジタル人材育成の取組"),
        ("1.2. 位置づけ", "位置づけ"),
        ("4.1.1 基本的な考え方", "基本的な考え方"),
        ("1 一般行政職員", "一般行政職員"),
        ("5 一般行政職員（管理監督職）", "一般行政職員(管理監督職)"),
        ("II 人材育成基本方針（デジタル部分）の策定", "人材育成基本方針(デジタル部分)の策定"),
        ("Ⅲ 国東市職員に求める職員像", "国東市職員に求める職員像"),
        # not enumerators
        ("○自治体名○", "○自治体名○"),
        ("5年以内", "5年以内"),
        ("2042年の本市人口", "2042年の本市人口"),
        ("(株)ジンザイ", "(株)ジンザイ"),
        ("DX推進員", "DX推進員"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_split_items_joins_wrapped_numbered_items() -> None:
    # tarumizu p6, 必要な能力 of DX推進アドバイザー
    cell = "① デジタルスキル\n② プロジェクトマネジメン\nト\n③ 人材育成\n④ システム開発"
    assert split_items(cell) == ["デジタルスキル", "プロジェクトマネジメント", "人材育成", "システム開発"]


def test_split_items_bulleted_cell() -> None:
    # tarumizu p6, 保有すべき知識・スキル of DX推進アドバイザー
    cell = ("・ DX施策を推進するための専門的な知識や高\n度なデジタル技術\n"
            "・ 各所属へのデジタル技術を活用した最適な解\n決策の提案及び支援\n"
            "・ 外注に頼らない情報システムの導入（内製\n化）")
    assert split_items(cell) == [
        "DX施策を推進するための専門的な知識や高度なデジタル技術",
        "各所属へのデジタル技術を活用した最適な解決策の提案及び支援",
        "外注に頼らない情報システムの導入(内製化)",
    ]


def test_split_list_separates_the_heading_from_marker_on_own_line_items() -> None:
    # kakamigahara p7: the heading, then "⚫" on a line of its own before each item
    cell = ("部局をまたいだ課題解決を行うスキル\n⚫\nデジタル技術による改善（全庁）\n⚫\n"
            "ネットワーク、情報セキュリティ管理統括（全庁）\n⚫\nデジタル技術の選択、導入、運用管理（全庁）")
    lead, items = split_list(cell)
    assert lead == "部局をまたいだ課題解決を行うスキル"
    assert items == ["デジタル技術による改善(全庁)", "ネットワーク、情報セキュリティ管理統括(全庁)",
                     "デジタル技術の選択、導入、運用管理(全庁)"]
    assert split_items(cell) == [lead, *items]


def test_split_items_inline_circled_numbers() -> None:
    # model_policy p3
    text = "①窓口サービスのオンライン化、②庁内業務のデジタル化、③データ利活用による政策形成の高度化"
    assert split_items(text) == ["窓口サービスのオンライン化", "庁内業務のデジタル化", "データ利活用による政策形成の高度化"]


def test_split_items_without_markers_is_one_item() -> None:
    assert split_items("情報政策部門の\n職員") == ["情報政策部門の職員"]
    assert split_items("") == []


def test_split_items_keeps_middle_dot_inside_a_name() -> None:
    assert split_items("・ Word・Excelの基本操作\n・ UI・UX デザイン") == ["Word・Excelの基本操作", "UI・UXデザイン"]


# ---------------------------------------------------------------- properties

_KANA_KANJI = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u4e00-\u9fff]")

_corpus_alphabet = st.sampled_from(
    list("デジタル人材育成推進員管理職のをにはDXABICTEPMLIS0123456789１０ＤＸ（）：，－・•⚫▶✓①②"
         "～〜㈱⼈ｶﾞﾒ%％○●△ \n\u3000-.()/")
)
_texts = st.one_of(st.text(alphabet=_corpus_alphabet, max_size=40), st.text(max_size=30))


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_normalize_text_is_idempotent(s: str) -> None:
    once = normalize_text(s)
    assert normalize_text(once) == once


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_normalize_name_is_idempotent(s: str) -> None:
    once = normalize_name(s)
    assert normalize_name(once) == once


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_normalize_text_never_loses_a_japanese_character(s: str) -> None:
    before = _KANA_KANJI.findall(s)
    after = _KANA_KANJI.findall(normalize_text(s))
    # Folding may add characters (⼈ → 人, ㈱ → (株)) but never drops kana or kanji.
    for ch in set(before):
        assert after.count(ch) >= before.count(ch)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_normalize_text_leaves_no_line_breaks_or_double_spaces(s: str) -> None:
    out = normalize_text(s)
    assert "\n" not in out and "  " not in out and out == out.strip()


@pytest.mark.parametrize(("text", "expected"), [
    ("#N/A", True), ("＃Ｎ／Ａ", True), (" #REF! ", True), ("#DIV/0!", True), ("#VALUE!", True),
    ("#1", False), ("N/A", False), ("#N/A 要確認", False), ("該当なし", False),
])
def test_a_spreadsheet_error_value_is_told_apart(text: str, expected: bool) -> None:
    assert is_sheet_error(text) is expected
