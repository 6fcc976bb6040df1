"""Document metadata read from the layout: title, kind, body, date, period."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors import read_document
from jinzai.extractors.document import classify, describe_document
from jinzai.extractors.layout import Line, Page, PdfLayout, open_layout
from jinzai.extractors.model import Document
from jinzai.extractors.result import DocumentInfo

STEMS = ["kakamigahara", "kunisaki", "model_policy", "soumu_casebook", "tarumizu"]


@pytest.mark.parametrize("stem", STEMS)
def test_document_fields_equal_the_answer_key(stem: str, raw_dir: Path, gold_documents: dict) -> None:
    with open_layout(raw_dir / f"{stem}.pdf") as layout:
        info = describe_document(layout, read_document(layout))
    assert {field: getattr(info, field) for field in gold_documents[stem]} == gold_documents[stem]


def cover(*lines: tuple[str, float], top: float = 300) -> PdfLayout:
    """A one-page layout whose lines are (text, font size), stacked downwards."""
    placed = []
    for text, size in lines:
        placed.append(Line(text, (100, top, 100 + size * len(text), top + size), size, 1))
        top += size * 1.8
    return PdfLayout(Path("x.pdf"), [Page(1, 595, 842, placed, "\n".join(t for t, _ in lines))], {})


# The model of a layout of text lines alone: no table, no page furniture.
NO_BLOCKS = Document(pages=[], body_size=0.0)


def describe_cover(layout: PdfLayout) -> DocumentInfo:
    """The metadata of a layout of text lines alone (it prints no table)."""
    return describe_document(layout, NO_BLOCKS)


def test_an_issuer_line_above_the_title_is_joined() -> None:
    info = describe_cover(cover(("国東市", 22), ("人材育成・確保基本方針（デジタル部分）", 22), ("令和8年3月", 16)))
    assert info.title == "国東市人材育成・確保基本方針(デジタル部分)"
    assert (info.municipality, info.issued) == ("国東市", "2026-03")


def test_a_series_line_is_left_out_and_a_bracketed_subtitle_kept() -> None:
    info = describe_cover(cover(("（自治体DX全体手順書・別冊）", 30), ("デジタル人材の育成ガイドブック", 38),
                                   ("＜事例編＞", 26), ("総務省", 30)))
    assert info.title == "デジタル人材の育成ガイドブック<事例編>"
    assert info.publisher == "総務省" and info.municipality is None


def test_a_revised_edition_date_is_read_from_its_own_line() -> None:
    info = describe_cover(cover(("垂水市デジタル人材育成方針", 26), ("令和8年4月改定", 14), ("垂水市企画政策課", 16)))
    assert (info.issued, info.municipality_code) == ("2026-04", "462144")


def test_a_first_page_without_cover_gives_the_date_its_opening_lines_start_with() -> None:
    body = [("本計画は、職員のデジタル技術の活用を進めるため、役割に応じた育成の考え方を示すものです。", 10.5)] * 16
    layout = cover(("小諸市DX人材育成実施計画", 16), ("2026年2月 小諸市企画課", 10.5), *body, top=60)  # too full for a cover
    assert describe_cover(layout).issued == "2026-02"


def test_a_sentence_starting_with_a_date_gives_no_issue_date() -> None:
    body = [("本計画は、職員のデジタル技術の活用を進めるため、役割に応じた育成の考え方を示すものです。", 10.5)] * 16
    layout = cover(("小諸市DX人材育成実施計画", 16), ("令和6年4月に策定した前計画を見直す。", 10.5), *body, top=60)
    assert describe_cover(layout).issued is None


def test_placeholders_make_a_template() -> None:
    layout = cover(("デジタル人材確保・育成方針", 26), ("区市町村名", 16), ("[日付]", 12))
    layout.pages[0].text += "\n○自治体名○では、計○名程度を育成する。"
    assert classify(layout, NO_BLOCKS) == "template"


def test_an_impossible_date_leaves_the_date_unknown_and_the_document_readable() -> None:
    layout = cover(("垂水市デジタル人材育成方針", 26), ("令和0年3月改定", 14))
    layout.pages[0].text += "\n本方針の対象期間は、令和9年度から令和7年度までとします。"
    info = describe_cover(layout)
    assert (info.title, info.issued, info.period_start_fy) == ("垂水市デジタル人材育成方針", None, None)


def test_without_cover_or_self_name_the_first_pages_policy_heading_is_the_title() -> None:
    body = [("本計画は、職員のデジタル技術の活用を進めるため、役割に応じた育成の考え方を示すものです。", 10.5)] * 16
    layout = cover(("第1章 はじめに", 14), ("南砺市デジタル人材育成計画", 18), *body, top=60)  # too full for a cover
    info = describe_cover(layout)
    assert (info.title, info.municipality, info.municipality_code) == ("南砺市デジタル人材育成計画", "南砺市", "162108")


def test_a_name_several_prefectures_share_is_resolved_by_the_prefecture_the_document_names() -> None:
    layout = cover(("美郷町デジタル人材育成方針", 26), ("令和8年4月", 14))
    assert describe_cover(layout).municipality is None  # 美郷町 is in 秋田県, 島根県 and 宮崎県
    layout.pages[0].text += "\n秋田県の支援を受けて、本町は人材育成を進める。秋田県と連携する。"
    info = describe_cover(layout)
    assert (info.municipality, info.prefecture) == ("美郷町", "秋田県")
