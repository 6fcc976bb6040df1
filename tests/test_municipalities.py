"""Local-body codes: 総務省's official list for prefectures and municipalities, the check digit for wards."""

from __future__ import annotations

import pytest

from jinzai.normalizers.municipalities import check_digit, lookup, official_bodies


@pytest.mark.parametrize(("code5", "digit"), [("46214", "4"), ("21213", "0"), ("44214", "3"), ("01100", "2"), ("27214", "1"), ("01101", "1")])
def test_check_digit(code5: str, digit: str) -> None:
    assert check_digit(code5) == digit


def test_check_digit_rejects_malformed_codes() -> None:
    with pytest.raises(ValueError):
        check_digit("4621")


@pytest.mark.parametrize(("name", "prefecture", "code"), [
    ("垂水市", "鹿児島県", "462144"),
    ("各務原市", "岐阜県", "212130"),
    ("国東市", "大分県", "442143"),
    ("五霞町", "茨城県", "085421"),      # listed under 猿島郡 in the address data
    ("茨城県五霞町", "茨城県", "085421"),  # as a casebook prints it
    ("奈良県", "奈良県", "290009"),      # a prefecture
    ("札幌市", "北海道", "011002"),      # a designated city, known only through its wards
    ("川崎市", "神奈川県", "141305"),
])
def test_lookup(name: str, prefecture: str, code: str) -> None:
    body = lookup(name)
    assert body is not None and (body.prefecture, body.code) == (prefecture, code)


def test_an_ambiguous_name_needs_its_prefecture() -> None:
    assert lookup("府中市") is None
    assert lookup("府中市", "広島県").code == "342084"
    assert lookup("東京都府中市").code == "132063"


def test_unknown_names() -> None:
    assert lookup("デジタル市") is None


def test_the_index_is_cached_per_machine_and_rebuilt_when_missing(monkeypatch, tmp_path) -> None:
    from jinzai.normalizers import municipalities

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = municipalities._postal_rows()
    [cached] = (tmp_path / "jinzai").glob("municipalities-*.json")
    assert municipalities._postal_rows() == built  # read back from the cache file
    cached.write_text("not json")  # a damaged cache is rebuilt, not trusted
    assert municipalities._postal_rows() == built


def test_the_check_digit_rule_reproduces_every_official_code() -> None:
    for body in official_bodies():
        assert check_digit(body.code[:5]) == body.code[5], body


def test_every_municipality_has_its_official_code() -> None:
    bodies = official_bodies()
    assert len({b.code for b in bodies}) == len(bodies)
    for body in bodies:
        assert lookup(body.name, body.prefecture) == body


def test_a_weighted_sum_divisible_by_11_gives_check_digit_1() -> None:
    # 2*6 + 7*5 + 2*4 + 1*3 + 4*2 = 66: the case the old rule turned into 0
    assert lookup("富田林市").code == "272141"


def test_wards_of_designated_cities_get_the_official_check_digit() -> None:
    ward = lookup("札幌市中央区")
    assert ward is not None and ward.code == "011011"
