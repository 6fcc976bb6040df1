"""normalizers.terms: Sudachi normalized forms, GiNZA organizations and goal sentences."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from jinzai.normalizers.cache import cache_dir
from jinzai.normalizers import terms
from jinzai.normalizers.terms import (
    build_user_dictionary,
    find_organizations,
    is_organization_name,
    goal_sentences,
    normalized_form,
    sudachi_tokenizer,
)
from jinzai.normalizers.text import normalize_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("取組", "取り組み"),  # tarumizu "DXの取組" / kakamigahara "取り組み"
        ("取組み", "取り組み"),
        ("Eラーニング", "eラーニング"),
        ("e-ラーニング", "eラーニング"),
        ("LoGo Chat", "LoGoチャット"),  # tarumizu p10 prints "LoGo Chat"
        ("DX推進マネジャー", "DX推進マネージャー"),
    ],
)
def test_spelling_variants_share_a_normalized_form(a: str, b: str) -> None:
    assert normalized_form(a) == normalized_form(b)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("DX推進リーダー", "DX推進リーダー"),
        ("EBPM研修", "EBPM研修"),  # Latin words keep their case
        ("LoGoフォーム", "LoGoフォーム"),  # not Sudachi's reading ロゴ
        ("5年以内に受講率100%を達成する", "5年以内に受講率100%を達成する"),
        ("", ""),
    ],
)
def test_normalized_form_keeps_domain_terms_and_latin(raw: str, expected: str) -> None:
    assert normalized_form(raw) == expected


@pytest.mark.parametrize("term", ["DX推進リーダー", "ガバメントクラウド", "LoGoチャット", "J-LIS", "EBPM"])
def test_domain_terms_are_single_tokens(term: str) -> None:
    tokens = [m.surface() for m in sudachi_tokenizer().tokenize(term)]
    assert tokens == [term]


def test_user_dictionary_builds_into_the_given_cache_dir(tmp_path: Path) -> None:
    built = build_user_dictionary(tmp_path / "jinzai")
    assert built is not None and built.is_file() and built.parent == tmp_path / "jinzai"
    assert build_user_dictionary(tmp_path / "jinzai") == built  # reused, not rebuilt


def test_user_dictionary_failure_falls_back_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with caplog.at_level(logging.WARNING, logger=terms.__name__):
        assert build_user_dictionary(not_a_dir / "jinzai") is None
    assert "system dictionary only" in caplog.text


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "jinzai"


def test_importing_normalizers_does_not_load_spacy() -> None:
    code = "import sys, jinzai.normalizers; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ---------------------------------------------------------------- GiNZA (loaded once per module)

@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201 - spaCy Language
    return terms.ginza()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # kakamigahara p8
        ("「地方公共団体情報システム機構（J-\nLIS）」の教育研修をはじめ", ["地方公共団体情報システム機構", "J-LIS"]),
        # kunisaki p7
        ("②外部研修・・・大分県自治人材育成センター、地方公共団体情報システム機構（J-L I S）等の実施機関を活用",
         ["大分県自治人材育成センター", "地方公共団体情報システム機構", "J-LIS"]),
        # tarumizu p9-10 主催 cells
        ("J-LIS", ["J-LIS"]),
        ("鹿児島県", ["鹿児島県"]),
        ("情報通信\n研究機構", ["情報通信研究機構"]),
        # model_policy p10
        ("東京都・GovTech 東京とも連携して適切な人材を確保する。", ["東京都", "GovTech東京"]),
        # tarumizu p10: organizer and training name in one row
        ("鹿児島県\nE B P M研修", ["鹿児島県"]),
        # no organization: a role heading, a section of the office, a method
        ("3 全庁 DX 推進担当", []),  # model_policy p2
        ("Off-JT（研修による育成）", []),  # model_policy p11
        ("デジタル技術による改善（全庁）", []),  # kakamigahara p7
        ("", []),
    ],
)
def test_find_organizations(nlp: object, text: str, expected: list[str]) -> None:
    assert find_organizations(text) == expected


def test_ginza_is_loaded_once(nlp: object) -> None:
    assert terms.ginza() is nlp


MODEL_POLICY_P13 = """1 一般行政職員
・ 全職員を対象とした基礎研修（リテラシー研修）について、5年以内に 受講率 100%
を達成する。
・ ツール活用（表計算、業務アプリ、生成 AI 等）について、5年以内に 職員の 70%以上
が Step2（活用レベル定義を満たす）に到達する。
2 DX 推進員
・ 各主要事業所管課に少なくとも1名以上を配置し、5年以内に 庁内で計○名程度 を育成
する。
4 全庁情報システム担当
・ Step2（システム導入・設計支援）に到達する人材を複数名確保し、少なくとも○名は
Step3（全庁戦略・リスク管理・ガバナンス設計）に到達することを目指す。"""


def test_goal_sentences_from_model_policy_targets(nlp: object) -> None:
    assert goal_sentences(MODEL_POLICY_P13) == [
        "全職員を対象とした基礎研修(リテラシー研修)について、5年以内に受講率100%を達成する。",
        "ツール活用(表計算、業務アプリ、生成AI等)について、5年以内に職員の70%以上がStep2(活用レベル定義を満たす)に到達する。",
        "各主要事業所管課に少なくとも1名以上を配置し、5年以内に庁内で計○名程度を育成する。",
        "Step2(システム導入・設計支援)に到達する人材を複数名確保し、少なくとも○名はStep3(全庁戦略・リスク管理・ガバナンス設計)に到達することを目指す。",
    ]


def test_goal_sentences_skip_numbers_that_set_no_goal(nlp: object) -> None:
    # tarumizu p3: a population forecast, and a goal without a number (kunisaki p6)
    text = ("我が国の高齢者人口がピークを迎える2042年の本市人口は8,400人程度と2020年比の6割まで減少すると示されています。"
            "研修等に積極的に参加して、ノーコードツールや生成AIなどのスキルを獲得する。")
    assert goal_sentences(text) == []


def test_goal_sentence_from_a_target_paragraph(nlp: object) -> None:
    # kunisaki p6: the count sits in a heading line, the goal in the sentence below it
    text = ("目標人数：各係に1人（総括リーダー）\n"
            "所属における業務のデジタル化を推進するため係ごとに1名配置するほか、デジタル技術を用い\n"
            "たプロジェクトを所管する担当者を考慮し設定する。")
    assert goal_sentences(text) == [normalize_text(text)]


def test_goal_sentence_is_normalized_text(nlp: object) -> None:
    (sentence,) = goal_sentences("・ 5年以内に 受講率 100%\nを達成する。")
    assert sentence == normalize_text("5年以内に受講率100%を達成する。")


@pytest.mark.parametrize(("cell", "expected"), [
    ("J-LIS", True), ("地方公共団体情報システム機構", True), ("島根県", True), ("出雲市", True),
    ("株式会社しまねデジタル", True), ("県央デジタル人材育成センター", True),
    ("情報政策課の職員", False), ("集合研修", False), ("DX推進リーダー", False), ("", False),
])
def test_a_cell_naming_one_organisation_is_told_without_ginza(cell: str, expected: bool) -> None:
    """A table column of organisers is told by its cells (`cell_evidence`): by the lists alone,
    so a training table never loads spaCy."""
    assert is_organization_name(cell) is expected


def test_telling_an_organisation_cell_loads_no_ginza() -> None:
    script = ("import sys\nfrom jinzai.normalizers.terms import is_organization_name\n"
              "print([is_organization_name(c) for c in ('富山県', '民間事業者', 'J-LIS')], 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split("] ")[1].strip() == "False"
