"""normalizers.numbers: quantities in targets and case profiles (strings from the sample corpus)."""

from __future__ import annotations

import pytest

from jinzai.normalizers.numbers import Quantity, kanji_to_int, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("人口：約8,000人", Quantity(8000.0, "人", None, "約")),  # soumu_casebook p5
        ("人口:約234,000人", Quantity(234000.0, "人", None, "約")),  # soumu_casebook p3
        ("50人 (累計)", Quantity(50.0, "人", None, "累計")),
        ("50人（累計）", Quantity(50.0, "人", None, "累計")),
        ("100%", Quantity(100.0, "%", None, None)),
        ("５年以内に 受講率 100%\nを達成する。", Quantity(100.0, "%", None, None)),  # model_policy p13
        ("職員の 70%以上", Quantity(70.0, "%", None, "以上")),
        ("そのうち 50%以上 は Step2", Quantity(50.0, "%", None, "以上")),
        ("少なくとも1名以上を配置し", Quantity(1.0, "人", None, "以上")),
        ("各係に1人（総括リーダー）", Quantity(1.0, "人", None, None)),  # kunisaki p6
        ("係ごとに1名配置する", Quantity(1.0, "人", None, None)),
        ("年間10名程度", Quantity(10.0, "人", None, "程度")),
        ("三名", Quantity(3.0, "人", None, None)),
        ("十二人", Quantity(12.0, "人", None, None)),
        ("計三名", Quantity(3.0, "人", None, "計")),
        ("約23万人", Quantity(230000.0, "人", None, "約")),
        ("6割", Quantity(60.0, "%", None, None)),
        # placeholders (model_policy p13)
        ("○名", Quantity(None, "人", "○名", None)),
        ("庁内で計○名程度 を育成", Quantity(None, "人", "○名", "程度")),
        ("常勤○名を安定的に配置する", Quantity(None, "人", "○名", None)),
        ("〇名", Quantity(None, "人", "〇名", None)),
        # bare numbers in a target table cell (tarumizu p7)
        ("3", Quantity(3.0, None, None, None)),
        ("10", Quantity(10.0, None, None, None)),
    ],
)
def test_parse_quantity(raw: str, expected: Quantity) -> None:
    assert parse_quantity(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Step2に到達する人材を複数名確保",  # a goal with no number
        "誰一人取り残されず",  # kakamigahara p1: an idiom, not a count
        "職員一人ひとりのデジタルスキル",
        "○自治体名○では",  # a template blank that is no quantity
        "統一名称を用いる",  # a kanji numeral inside a word
        "同一人物",
        "",
        "計",
    ],
)
def test_parse_quantity_none(raw: str) -> None:
    assert parse_quantity(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("十二", 12), ("二百五十", 250), ("三千五百万", 35_000_000), ("十", 10), ("二〇二五", 2025)],
)
def test_kanji_to_int(raw: str, expected: int) -> None:
    assert kanji_to_int(raw) == expected


def test_kanji_to_int_rejects_other_text() -> None:
    with pytest.raises(ValueError):
        kanji_to_int("三名")


@pytest.mark.parametrize(("raw", "expected"), [("8,000", 8000.0), ("１０", 10.0), ("23万", 230000.0), ("十二", 12.0), ("8人", None)])
def test_parse_number(raw: str, expected: float | None) -> None:
    assert parse_number(raw) == expected


@pytest.mark.parametrize(("text", "value"), [
    ("人口：約1万2千人", 12_000),      # groups joined by multipliers, as populations are printed
    ("人口 12万3,456人", 123_456),
    ("約1億2,000万人", 120_000_000),
    ("人口：約4.2万人", 42_000),
])
def test_arabic_groups_joined_by_multipliers(text: str, value: int) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None and quantity.value == value and quantity.unit == "人"
