"""Roles from role tables, role headings and role columns, on the sample policies (data/raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors.layout import open_layout
from jinzai.extractors.policy.read import policy_tables, read_policy_document
from jinzai.extractors.policy.roles import extract_roles, resolve_roles
from jinzai.extractors.model.tables import read_tables
from jinzai.models import Role

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def roles_of(stem: str) -> tuple[list[Role], list]:
    with open_layout(RAW / f"{stem}.pdf") as layout:
        document = read_policy_document(layout)
        return extract_roles(document, stem, policy_tables(document))


@pytest.fixture(scope="module")
def tarumizu() -> list[Role]:
    return roles_of("tarumizu")[0]


@pytest.fixture(scope="module")
def kakamigahara() -> list[Role]:
    return roles_of("kakamigahara")[0]


@pytest.fixture(scope="module")
def kunisaki() -> list[Role]:
    return roles_of("kunisaki")[0]


@pytest.fixture(scope="module")
def model_policy() -> list[Role]:
    return roles_of("model_policy")[0]


def by_name(roles: list[Role]) -> dict[str, Role]:
    return {r.name: r for r in roles}


def test_role_table_names_canonicals_and_descriptions(tarumizu):
    # p5: 人材モデル | 役割 | (対象)
    assert [(r.name, r.canonical) for r in tarumizu] == [
        ("DX推進マネージャー", "manager"), ("DX推進アドバイザー", "specialist"), ("DX推進リーダー", "leader"),
        ("DX推進員", "promoter"),  # a DX推進リーダー exists in the document
        ("一般職員", "all_staff"),
    ]
    manager = tarumizu[0]
    assert manager.page == 5 and manager.extractor == "table:roles"
    assert manager.description == "各所属の責任者として、デジタル技術を活用した業務変革を推進するとともに、職員を指導・監督する。"


def test_target_group_column_under_the_description_header(tarumizu):
    roles = by_name(tarumizu)
    assert roles["DX推進マネージャー"].target_group == "管理職"
    assert "管理職" in roles["DX推進マネージャー"].aliases
    assert roles["DX推進アドバイザー"].target_group == "高度なICTの知識やスキルを習得した職員"
    assert roles["DX推進アドバイザー"].aliases == []  # not a role name


def test_vertical_role_cells_and_bulleted_descriptions(kakamigahara):
    # p6 職級 table (duties as ⚫ bullets) and p7 専門性 skill table
    assert [(r.name, r.canonical, r.page) for r in kakamigahara] == [
        ("管理職", "manager", 6), ("監督職", "supervisor", 6), ("係員", "all_staff", 6),
        ("高度専門人材", "specialist", 7), ("デジタル推進員", "leader", 7), ("一般職員", "all_staff", 7),
    ]
    roles = by_name(kakamigahara)
    assert roles["管理職"].description == "DXに向けた意識の醸成やリーダーシップをもった変革の推進"
    assert roles["デジタル推進員"].description == (
        "係内・課内という幅広い視野で課題解決を行うためにデジタル技術を効果的に活用できるスキル")


def test_figure_boxes_make_no_roles(kakamigahara):
    # p5's org chart prints 管理職/監督職/… as boxes; the roles come from the tables only
    assert all(r.page in (6, 7) for r in kakamigahara)


def test_roles_from_numbered_headings(kunisaki):
    # p6: (1) 高度専門人材 (2) DX推進リーダー (3) 一般職員 — not p5's `③一般職員 (①②以外の職員)`,
    # nor `(3) 外部人材の活用` or ▶ bullets that mention roles
    assert [(r.name, r.canonical, r.page) for r in kunisaki] == [
        ("高度専門人材", "specialist", 6), ("DX推進リーダー", "leader", 6), ("一般職員", "all_staff", 6)]


def test_heading_roles_of_a_template(model_policy):
    # 第2章: `1 一般行政職員` … `5 一般行政職員（管理監督職）`, then `CIO 補佐官・高度専門人材`;
    # the table of contents (p2) and 第5章's repeated headings add nothing
    assert [(r.name, r.canonical, r.page) for r in model_policy] == [
        ("一般行政職員", "all_staff", 5), ("DX推進員", "leader", 6), ("全庁DX推進担当", "specialist", 7),
        ("全庁情報システム担当", "specialist", 8), ("一般行政職員(管理監督職)", "manager", 9),
        ("CIO補佐官", "external", 9),
    ]
    cio = model_policy[-1]
    assert cio.aliases == ["CIO補佐官・高度専門人材", "高度専門人材"]
    assert model_policy[0].description.startswith("行政実務の知識・経験を基盤とし")


def test_resolve_roles_splits_a_cell_naming_two(model_policy):
    # p11's level table row label
    assert resolve_roles("DX 推進員/\n全庁 DX 推進担当", model_policy) == ["DX推進員", "全庁DX推進担当"]
    assert resolve_roles("一般行政職員", model_policy) == ["一般行政職員"]
    assert resolve_roles("情報基盤/統制", model_policy) == []


def test_no_unknown_role_warnings_on_known_names():
    roles, warnings = roles_of("kunisaki")
    assert warnings == [] and not any(r.flagged for r in roles)


def test_unknown_role_is_kept_and_flagged():
    from jinzai.extractors.policy.roles import RoleDraft, _finish

    drafts = [RoleDraft(name="DX推進リーダー", page=5, bbox=None, source="table:roles"),
              RoleDraft(name="デジタル伴走サポーター", page=5, bbox=None, source="table:roles")]
    roles, warnings = _finish(drafts, "doc")
    assert [(r.name, r.canonical, r.flagged) for r in roles] == [
        ("DX推進リーダー", "leader", False), ("デジタル伴走サポーター", None, True)]
    assert [w.kind for w in warnings] == ["unknown_role"]


def test_unknown_heading_between_known_role_headings_is_a_flagged_role():
    # model_policy p7's heading renamed to a role the dictionary does not know: it is
    # numbered and sized like its neighbours `2 DX 推進員` and `4 全庁情報システム担当`
    from dataclasses import replace

    with open_layout(RAW / "model_policy.pdf") as layout:
        page = layout.pages[6]
        page.lines = [replace(ln, text="3 デジタル伴走サポーター") if ln.text == "3 全庁 DX 推進担当" else ln
                      for ln in page.lines]
        document = read_policy_document(layout)
        roles, warnings = extract_roles(document, "model_policy", policy_tables(document))
    supporter = by_name(roles)["デジタル伴走サポーター"]
    assert (supporter.page, supporter.canonical, supporter.flagged) == (7, None, True)
    assert [r.name for r in roles].index("デジタル伴走サポーター") == 2
    assert any(w.kind == "unknown_role" and "デジタル伴走サポーター" in w.message for w in warnings)


def test_roles_from_list_items_when_no_table_or_heading_defines_them():
    # kunisaki p7 read alone (its p6 headings left out): `▶高度専門人材・・・・マネジメント…`
    from jinzai.extractors.policy.roles import _roles_of_list_items

    with open_layout(RAW / "kunisaki.pdf") as layout:
        document = read_policy_document(layout)
    document.pages = document.pages[6:7]
    drafts = _roles_of_list_items(document)
    assert [(d.name, d.page) for d in drafts] == [("高度専門人材", 7), ("DX推進リーダー", 7), ("一般職員", 7)]
    assert drafts[1].description == "デジタルを活用した業務改善に関する知識、スキルの習得"


def test_section_role_of_a_table_comes_from_the_heading_above():
    # model_policy p7: `3 全庁 DX 推進担当` heads the table below it, whatever defined the roles;
    # kakamigahara p8's training plan sits under `4.1.3 研修計画`, no role's section
    from jinzai.extractors.policy.roles import role_heading_above

    with open_layout(RAW / "model_policy.pdf") as layout:
        document = read_policy_document(layout)
        table = next(t for t in read_tables(layout, [7]))
        from_a_table = [Role(doc_id="d", page=1, name=n, canonical=c, extractor="table:roles") for n, c in (
            ("一般行政職員", "all_staff"), ("DX推進員", "leader"), ("全庁DX推進担当", "specialist"))]
        assert role_heading_above(document, 7, table.bbox[1], from_a_table) == "全庁DX推進担当"
        assert role_heading_above(document, 7, 60.0, from_a_table) == "DX推進員"  # top of p7: still p6's section
    with open_layout(RAW / "kakamigahara.pdf") as layout:
        document = read_policy_document(layout)
        roles, _ = extract_roles(document, "kakamigahara", read_tables(layout, [6, 7]))
        plan = read_tables(layout, [8])[0]
        assert role_heading_above(document, 8, plan.bbox[1], roles) is None


@pytest.mark.parametrize("label_size", [11, 9])
def test_a_role_labelled_at_a_line_start_beside_its_description(tmp_path, label_size):
    # Under role headings, a band naming one more role as a label (in larger type, or in body
    # type across a gap) at the start of its row, the sentence describing it beside it; a
    # role's name beside a count, not a sentence, is no role.
    from pdfs import text_pdf

    pdf = text_pdf(tmp_path / "band.pdf", [
        (60, 80, "2 目指す人材像", 14),
        (60, 120, "DX推進リーダー", 12), (60, 140, "所属の業務改善を企画し、職員を支援する。"),
        (60, 180, "デジタル推進員", 12), (60, 200, "各課でデジタルツールの導入を担う。"),
        (60, 250, "一般職員", label_size), (130, 250, "日々の業務でクラウドサービスを安全に使う。"),
        (60, 290, "管理職"), (130, 290, "20人"),
    ])
    with open_layout(pdf) as layout:
        document = read_policy_document(layout)
        roles, _ = extract_roles(document, "band", policy_tables(document))
    assert [r.name for r in roles] == ["DX推進リーダー", "デジタル推進員", "一般職員"]
    assert by_name(roles)["一般職員"].description == "日々の業務でクラウドサービスを安全に使う。"
