"""normalizers.legends: legends, requirement marks, training formats (tarumizu p9, kakamigahara p8)."""

from __future__ import annotations

import pytest

from jinzai.normalizers.legends import normalize_format, parse_legend, requirement_of

TARGET_LEGEND = "※対象者 ●：必須， ○：推奨， △：一部該当者のみ"
FORMAT_LEGEND = "※研修形態 A：座学， B：グループワーク， C：eラーニング， D：動画"


def test_parse_requirement_legend() -> None:
    assert parse_legend(TARGET_LEGEND) == {"●": "required", "○": "recommended", "△": "partial"}


def test_parse_format_legend() -> None:
    assert parse_legend(FORMAT_LEGEND) == {"A": "座学", "B": "グループワーク", "C": "eラーニング", "D": "動画"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（◎：必須、○：推奨）", {"◎": "required", "○": "recommended"}),
        ("● = 必須 / ○ = 推奨", {"●": "required", "○": "recommended"}),
        ("A:集合研修, B:e-ラーニング, C:OJT", {"A": "集合研修", "B": "eラーニング", "C": "OJT"}),
        ("①：庁内講師", {"①": "庁内講師"}),  # unknown meaning kept as printed
        ("Step1: 基礎知識を有している", {}),  # "p1:" is inside a word, no legend
        ("対象者", {}),
        ("県や市町村間でのやりとりが1:1のため", {}),  # soumu_casebook: a ratio
        ("（パターン A：ICT 枠を設置する場合）", {}),  # model_policy p10: one labelled clause
    ],
)
def test_parse_legend_variants(text: str, expected: dict[str, str]) -> None:
    assert parse_legend(text) == expected


@pytest.mark.parametrize(
    ("mark", "expected"),
    [("●", "required"), ("○", "recommended"), ("△", "partial"), ("◎", "required"),
     (" ● ", "required"), ("必須", "required"), ("推奨", "recommended"), ("", None), ("A", None)],
)
def test_requirement_of_default_marks(mark: str, expected: str | None) -> None:
    assert requirement_of(mark) == expected


def test_requirement_of_uses_the_documents_legend_first() -> None:
    legend = parse_legend("◎：必須， ○：一部該当者のみ")
    assert requirement_of("○", legend) == "partial"
    assert requirement_of("◎", legend) == "required"
    assert requirement_of("●", legend) == "required"  # not in the legend: default marks


def test_requirement_of_a_format_letter_is_none() -> None:
    assert requirement_of("A", parse_legend(FORMAT_LEGEND)) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("e-ラーニ\nング", "eラーニング"),  # kakamigahara p8, wrapped in its cell
        ("eラーニング", "eラーニング"),
        ("Eラーニング", "eラーニング"),
        ("E-Learning", "eラーニング"),
        ("動画研修", "動画"),
        ("動画", "動画"),
        ("集合研修", "集合研修"),
        ("(集合演習Aコース)", "集合研修"),
        ("座学", "座学"),
        ("グループワーク", "グループワーク"),
        ("ワークショップ形式", "グループワーク"),
        ("(オンライン)", "オンライン"),
        ("集合研修／e-ラーニング", "集合研修"),  # the first named
        ("未定", None),
        ("", None),
    ],
)
def test_normalize_format(raw: str, expected: str | None) -> None:
    assert normalize_format(raw) == expected
