"""Training plans and goals in layouts the sample corpus does not have.

The PDFs are built by `unseen_training_docs` (MuPDF Story: tables without rulings;
PyMuPDF drawing: a ruled grid in another font) for towns outside the corpus, with
other header words, legends, format codes, year spellings and goal phrasings.
Each test asserts the records exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import unseen_training_docs as docs
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.targets import extract_targets, goals_in_sentence, is_rate_per_year, named_metric
from jinzai.extractors.role_match import RoleMatcher
from jinzai.models import Role, Target


def role(name: str, canonical: str, target_group: str | None = None) -> Role:
    return Role(doc_id="unseen", page=1, name=name, canonical=canonical, target_group=target_group)


# The role set these documents define (a role table or role headings).
ROLES = [
    role("DX推進マネージャー", "manager", "管理職"),
    role("DX推進リーダー", "leader", "係長級職員"),
    role("DX推進員", "promoter"),
    role("一般職員", "all_staff"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen")


@pytest.fixture(scope="module")
def layout_of(folder: Path) -> Iterator[Callable[[Callable[[Path], Path]], PdfLayout]]:
    """Build a document and open it (once per builder)."""
    opened: dict[str, PdfLayout] = {}

    def build(builder: Callable[[Path], Path]) -> PdfLayout:
        if builder.__name__ not in opened:
            opened[builder.__name__] = open_layout(builder(folder))
        return opened[builder.__name__]

    yield build
    for layout in opened.values():
        layout.close()


def goal_rows(targets: list[Target]) -> list[tuple]:
    return [(t.role, t.metric, t.value, t.unit, t.fiscal_year, t.placeholder, t.qualifier) for t in targets]


# ---------------------------------------------------------------- year tables


def test_wareki_year_table_with_a_wrong_total_and_a_dash(layout_of) -> None:
    targets, warnings = extract_targets(layout_of(docs.sakuragawa_year_targets), "sakuragawa", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "育成人数", 5, "人", 2026, None, None),
        ("DX推進リーダー", "育成人数", 5, "人", 2027, None, None),
        ("DX推進リーダー", "育成人数", 5, "人", 2028, None, None),
        ("DX推進員", "育成人数", 10, "人", 2026, None, None),
        ("DX推進員", "育成人数", 10, "人", 2028, None, None),
    ]
    assert [(w.kind, w.message) for w in warnings] == [
        ("sum_mismatch", "row 'DX推進リーダー': printed total 16, cells add up to 15"),
    ]
    # the dash is part of the printed row the target cites
    assert targets[-1].text_raw == "DX推進員 10 ― 10 20"
    assert all(t.page == 1 and t.extractor == "table:targets" for t in targets)


def test_years_down_table_under_a_role_header(layout_of) -> None:
    targets, warnings = extract_targets(layout_of(docs.furano_years_down), "furano", ROLES)
    assert goal_rows(targets) == [
        ("DX推進リーダー", "受講者数", 4, "人", 2026, None, None),
        ("DX推進リーダー", "受講者数", 4, "人", 2027, None, None),
        ("DX推進リーダー", "受講者数", 6, "人", 2028, None, None),
        ("一般職員", "受講者数", 120, "人", 2026, None, None),
        ("一般職員", "受講者数", 150, "人", 2027, None, None),
        ("一般職員", "受講者数", 180, "人", 2028, None, None),
    ]
    assert targets[0].text_raw == "2026年度 4 120"
    assert warnings == []


@pytest.mark.parametrize(("caption", "metric"), [
    ("【育成目標人数】（単位：人）", "育成人数"),  # the verb names it, not the generic noun inside
    ("目標人数", "目標人数"),
    ("研修受講率の目標", "受講率"),
])
def test_caption_metric_prefers_a_verb_over_a_generic_noun(caption: str, metric: str) -> None:
    assert named_metric(caption, "人" if "率" not in caption else "%") == metric


# ---------------------------------------------------------------- goal sentences


def test_goal_sentences_of_a_goal_section(layout_of) -> None:
    targets, warnings = extract_targets(layout_of(docs.misato_goal_prose), "misato", ROLES)
    assert goal_rows(targets) == [
        ("一般職員", "受講率", 80, "%", 2027, None, None),  # 全職員: the document's all-staff role
        ("DX推進員", "配置", 1, "人", None, None, "以上"),
        ("DX推進リーダー", "育成人数", 20, "人", None, None, "程度"),  # a rate per year
        ("DX推進員", "育成人数", None, "人", 2028, "○名", "程度"),
    ]  # 推進体制を強化する: a goal without a number is no target
    assert [t.text_raw for t in targets][1] == "各課に1名以上のDX推進員を配置する。"
    assert all(t.extractor == "prose:targets" for t in targets)
    assert warnings == []


@pytest.mark.parametrize(("before", "per_year"), [
    ("DX推進リーダーを年間", True),
    ("毎年度", True),
    ("令和10年度までに", False),
    ("今後5年間で", False),  # a span of years, not a rate
    ("三年間で", False),
])
def test_rate_per_year(before: str, per_year: bool) -> None:
    assert is_rate_per_year(before) is per_year


def test_a_rate_per_year_has_no_fiscal_year_even_with_a_period() -> None:
    goals = goals_in_sentence("令和8年度から令和10年度まで、毎年度10名のDX推進員を育成する。")
    assert [(g.metric, g.value, g.fiscal_year) for g in goals] == [("育成人数", 10, None)]
    goals = goals_in_sentence("令和10年度までの5年間で100名を育成する。")
    assert [(g.metric, g.value, g.fiscal_year) for g in goals] == [("育成人数", 100, 2028)]


def test_a_sentence_naming_the_whole_staff_means_the_all_staff_role() -> None:
    matcher = RoleMatcher(ROLES)
    assert matcher.mentioned("全職員の受講率を80%とする") == "一般職員"
    assert matcher.mentioned("管理職の受講率を100%とする") == "DX推進マネージャー"  # its target group
    assert matcher.mentioned("DX推進員と全職員") == "DX推進員"  # a role by name comes first
    two_kinds = RoleMatcher([*ROLES, role("一般行政職員", "all_staff")])
    assert two_kinds.mentioned("全職員の受講率") is None  # ambiguous: which all-staff role?
