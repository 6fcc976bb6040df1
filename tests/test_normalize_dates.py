"""normalizers.dates: wareki and fiscal years (strings from the sample corpus)."""

from __future__ import annotations

import pytest

from jinzai.normalizers.dates import (
    InvalidDate,
    era_to_gregorian,
    parse_fiscal_period,
    parse_fiscal_year,
    parse_within_years,
    parse_year_month,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("令和7年3月改定", "2025-03"),  # tarumizu p1
        ("令和８年３月", "2026-03"),  # kunisaki p1 (full-width digits)
        ("平成27年10月に一部改訂", "2015-10"),  # kunisaki p3
        ("令和 2年 12月に「自治体デ", "2020-12"),  # kakamigahara p1 (spaced)
        ("令和元年5月", "2019-05"),
        ("令和三年七月", "2021-07"),
        ("2025年3月", "2025-03"),
        ("2025/3", "2025-03"),
        ("2025.03.31", "2025-03"),
        ("R4.2 『DX』(DX推進本部長)", "2022-02"),  # soumu_casebook p12: a dated event list
        ("1,416の地方公共団体から約9,500人が参加 (R6.12時", "2024-12"),
        ("室として2022.2に設置。", "2022-02"),
        ("[日付]", None),  # model_policy p1: a template leaves the date blank
        ("令和○年度に策定した", None),
        ("", None),
    ],
)
def test_parse_year_month(raw: str, expected: str | None) -> None:
    assert parse_year_month(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("R7", 2025),  # tarumizu p7 header
        ("R10", 2028),
        ("R７年度", 2025),
        ("令和7年度", 2025),
        ("令和元年度", 2019),
        ("令和５年度", 2023),
        ("2026年度", 2026),
        ("FY2025", 2025),
        ("H30", 2018),
        ("平成30年度", 2018),
        ("令和7年", 2025),
        ("BPR7", None),  # letters inside a word are no era
        ("R4.2 『DX』", None),  # an era letter with a dotted month is a date
        ("令和7年3月", None),  # a date, not a fiscal year
        ("計", None),
        ("令和○年度", None),
    ],
)
def test_parse_fiscal_year(raw: str, expected: int | None) -> None:
    assert parse_fiscal_year(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("令和７年度から令和１０年度まで", (2025, 2028)),
        ("本方針の対象期間は、令和7年度から令和10年度までの4年間とします。", (2025, 2028)),  # tarumizu p4
        ("「垂水市DX推進計画（令和5年度～令和7年度）」", (2023, 2025)),  # tarumizu p4
        ("「第五次垂水市総合計画（平成30年度\n～令和6年度）」", (2018, 2024)),  # across eras
        ("R7～R10", (2025, 2028)),
        ("令和7年度から10年度まで", (2025, 2028)),  # era carried to the second year
        ("2025年度-2028年度", (2025, 2028)),
        ("計画期間　R7年度 → R9年度", (2025, 2027)),  # a slide joins the years with an arrow
        ("2026年度 ▶ 2030年度", (2026, 2030)),
        ("令和7年度", None),  # one year is no period
        ("令和7年度及び令和8年度", None),  # no range word
    ],
)
def test_parse_fiscal_period(raw: str, expected: tuple[int, int] | None) -> None:
    assert parse_fiscal_period(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5年以内に 受講率 100%", 5),  # model_policy p13
        ("5年以内に ICT 専門担当として常勤○名を安定的に配置する。", 5),
        ("五年以内", 5),
        ("3か年以内", 3),
        ("概ね5年を目途に", None),
    ],
)
def test_parse_within_years(raw: str, expected: int | None) -> None:
    assert parse_within_years(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "令和0年3月",  # eras start at 元年
        "令和7年13月",
        "令和元年4月",  # 令和 began 2019-05-01
        "令和7年0月",
        "2025年13月",
    ],
)
def test_impossible_year_month_raises(raw: str) -> None:
    with pytest.raises(InvalidDate):
        parse_year_month(raw)


def test_invalid_date_is_a_value_error() -> None:
    assert issubclass(InvalidDate, ValueError)


def test_prospective_years_past_an_era_are_accepted_within_the_window() -> None:
    # Plans drafted in 2018 cite 平成32年度 (2020); eras.yaml allows 5 years past the end.
    assert parse_fiscal_year("平成32年度") == 2020
    with pytest.raises(InvalidDate):
        parse_fiscal_year("平成40年度")


def test_period_running_backwards_raises() -> None:
    with pytest.raises(InvalidDate):
        parse_fiscal_period("令和10年度から令和7年度まで")


def test_era_to_gregorian_by_name_and_letter() -> None:
    assert era_to_gregorian("令和", 7) == 2025
    assert era_to_gregorian("R", 7) == 2025
    assert era_to_gregorian("平成", 31, 4) == 2019
    with pytest.raises(InvalidDate):
        era_to_gregorian("天平", 1)
