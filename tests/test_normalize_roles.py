"""normalizers.roles: synonym dictionary and header references (role sets of the sample corpus)."""

from __future__ import annotations

import pytest

from jinzai.normalizers.roles import CANONICAL_ROLES, canonical_role, resolve_role_reference

# Role names as the sample documents print them.
TARUMIZU = ["DX推進マネージャー", "DX推進アドバイザー", "DX推進リーダー", "DX推進員", "一般職員"]
MODEL_POLICY = ["一般行政職員", "DX 推進員", "全庁 DX 推進担当", "全庁情報システム担当",
                "一般行政職員（管理監督職）", "CIO 補佐官"]
KAKAMIGAHARA = ["管理職", "監督職", "係員", "高度専門人材", "デジタル推進員", "一般職員"]
KUNISAKI = ["高度専門人材", "DX推進リーダー", "一般職員"]


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (TARUMIZU, ["manager", "specialist", "leader", "promoter", "all_staff"]),
        (MODEL_POLICY, ["all_staff", "leader", "specialist", "specialist", "manager", "external"]),
        (KAKAMIGAHARA, ["manager", "supervisor", "all_staff", "specialist", "leader", "all_staff"]),
        (KUNISAKI, ["specialist", "leader", "all_staff"]),
    ],
)
def test_canonical_roles_of_sample_documents(roles: list[str], expected: list[str]) -> None:
    assert [canonical_role(name, roles) for name in roles] == [(c, True) for c in expected]


def test_dx_promoter_depends_on_a_leader_in_the_same_document() -> None:
    assert canonical_role("DX推進員", ["DX推進リーダー", "DX推進員"]) == ("promoter", True)
    assert canonical_role("DX推進員", ["一般行政職員", "DX推進員"]) == ("leader", True)
    assert canonical_role("DX推進員", []) == ("leader", True)
    # a leader found by a pattern rule counts too
    assert canonical_role("DX推進員", ["各課DX推進リーダー"]) == ("promoter", True)
    # and a leader named with a trailing note
    assert canonical_role("DX推進員", ["DX推進リーダー(各課職員)", "DX推進員"]) == ("promoter", True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("管理監督職", "manager"),
        ("DX推進責任者", "manager"),
        ("課長級以上", "manager"),  # kakamigahara p8 audience, by pattern
        ("係長級", "supervisor"),
        ("情報部門担当職員", "specialist"),  # kunisaki p4
        ("デジタル専門職員", "specialist"),  # a 専門職員 as a 専門員
        ("DXアドバイザー", "specialist"),  # tarumizu p7 "D Xアドバイザー"
        ("D Xアドバイザー", "specialist"),
        ("ＤＸ推進リーダー", "leader"),
        ("デジタル推進リーダー", "leader"),
        ("DXリーダー", "leader"),
        ("全職員", "all_staff"),
        ("CIO補佐官・高度専門人材", "external"),  # model_policy p9
        ("CIO補佐官（外部登用人材）", "external"),
        ("外部登用人材", "external"),
        ("地域活性化起業人", "external"),
        ("市役所変えよっさ推進員", "leader"),  # soumu_casebook: a 推進員 with no leader named
        ("業務改善プロモーター", "leader"),  # a departmental lead named by its trade
    ],
)
def test_canonical_role_synonyms_and_patterns(name: str, expected: str) -> None:
    assert canonical_role(name, []) == (expected, True)


@pytest.mark.parametrize("name", ["情報化推進サポートチームメンバー", "会計年度任用職員の指導役", "謎の役割"])
def test_unknown_role_is_flagged_not_guessed(name: str) -> None:
    assert canonical_role(name, []) == (None, False)


def test_all_dictionary_roles_are_canonical() -> None:
    assert set(CANONICAL_ROLES) == {"manager", "supervisor", "specialist", "leader", "promoter",
                                    "all_staff", "external"}


# tarumizu p2 role table: 人材モデル → 役割 → 対象 (target group)
TARUMIZU_TARGET_GROUPS = {
    "DX推進マネージャー": "管理職",
    "DX推進アドバイザー": "高度なICTの知識やスキルを習得した職員",
    "DX推進リーダー": "ICTの知識やスキルを習得した職員",
    "DX推進員": "ICTの知識やスキルの習得に意欲的な職員",
    "一般職員": "全職員",
}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # tarumizu p9 training matrix headers
        ("管理職", "DX推進マネージャー"),
        ("推進アド\nバイザー", "DX推進アドバイザー"),
        ("推進リー\nダー", "DX推進リーダー"),
        ("推進員", "DX推進員"),
        ("一般職員", "一般職員"),
        # other ways of naming the same roles
        ("D Xアドバイザー", "DX推進アドバイザー"),  # tarumizu p7
        ("DX推進リーダー（各課）", "DX推進リーダー"),
        ("全職員", "一般職員"),
        # audiences that are no defined role
        ("課長級以上", None),
        ("デジタル推進員", None),
        ("", None),
    ],
)
def test_resolve_role_reference(header: str, expected: str | None) -> None:
    assert resolve_role_reference(header, TARUMIZU, TARUMIZU_TARGET_GROUPS) == expected


def test_resolve_role_reference_by_own_name_in_a_document_with_that_role() -> None:
    # kakamigahara p8: the audience デジタル推進員 is the role itself
    assert resolve_role_reference("デジタル\n推進員", KAKAMIGAHARA) == "デジタル推進員"
    assert resolve_role_reference("全職員", KAKAMIGAHARA) is None


def test_resolve_role_reference_ambiguous_suffix_gives_none() -> None:
    assert resolve_role_reference("推進員", ["DX推進員", "デジタル推進員"]) is None
