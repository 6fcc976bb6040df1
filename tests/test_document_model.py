"""The document model (extractors/model): real sample pages and PDFs the tests build."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors.layout import open_layout
from jinzai.extractors.model import Figure, Heading, ListItem, Paragraph, TableBlock, build_document
from jinzai.extractors.model.headings import numbering, split_numbering
from jinzai.extractors.model.tables import center_inside
from jinzai.extractors.policy.vocabulary import is_header_word
from tests.pdfs import boxed_pdf, text_pdf

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def tarumizu():
    with open_layout(RAW / "tarumizu.pdf") as layout:
        yield build_document(layout, header_hint=is_header_word)


@pytest.mark.parametrize(("text", "token", "title"), [
    ("第1章 本方針策定の背景", "第1章", "本方針策定の背景"),
    ("(1) 研修の推進体制", "(1)", "研修の推進体制"),
    ("（２）学習支援", "(2)", "学習支援"),
    ("① 目標の設定", "①", "目標の設定"),
    ("3.2. 育成方針", "3.2", "育成方針"),
    ("イ\u3000専門研修", "イ", "専門研修"),
    ("デ ジ タ ル 人 材", None, "デジタル人材"),
    ("3人の職員を配置する", None, "3人の職員を配置する"),
])
def test_split_numbering(text, token, title):
    assert split_numbering(text) == (token, title)


def test_numbering_shape_folds_digits_and_kana():
    assert numbering("(3) 研修") == numbering("(1) 目標") == "(0)"
    assert numbering("(イ) 研修") == "(ア)"
    assert numbering("研修の実施") is None


def test_headings_nest_by_numbering_and_size(tarumizu):
    headings = tarumizu.blocks_of(Heading)
    chapter = next(h for h in headings if h.numbering == "第4章")
    goal = next(h for h in headings if h.title == "デジタル人材の育成目標")
    assert goal.numbering == "2" and goal.depth == chapter.depth + 1
    assert goal.section_path[-1] == "第4章 デジタル人材の育成"
    sub = next(h for h in headings if h.numbering == "(1)" and h.title == "研修の推進体制")
    assert sub.depth == goal.depth + 1 and sub.section_path[-1] == "3 推進体制"


def test_a_cover_opens_no_section(tarumizu):
    first_chapter = next(h for h in tarumizu.blocks_of(Heading) if h.numbering == "第1章")
    assert first_chapter.section_path == ()


def test_table_block_has_caption_and_section(tarumizu):
    table = next(b for b in tarumizu.blocks_of(TableBlock) if b.caption == "【育成目標数】")
    assert table.section_path[-1] == "2 デジタル人材の育成目標"
    assert table.table.columns[1:3] == ["R7", "R8"]


def test_enumerated_sentences_are_list_items_in_reading_order(tarumizu):
    page = tarumizu.page_blocks(7)
    items = [b for b in page if isinstance(b, ListItem)]
    assert [i.marker for i in items] == ["(1)", "(2)", "(3)", "(4)"]
    assert items[0].text.startswith("DX推進員及びDX推進リーダーの候補者は")
    assert page.index(items[0]) > next(i for i, b in enumerate(page) if isinstance(b, TableBlock))


def test_contents_page_entries_are_no_headings(tarumizu):
    assert not any(isinstance(b, Heading) for b in tarumizu.page_blocks(2))


def test_paragraph_lines_are_joined(tarumizu):
    paragraph = next(b for b in tarumizu.page_blocks(4) if isinstance(b, Paragraph))
    assert len(paragraph.lines) > 1 and "\n" not in paragraph.text and paragraph.text.endswith("。")


def test_two_column_page_is_read_column_by_column(tmp_path):
    left = [(50, 100 + 14 * i, f"左の段の文章はここに続きます{i}行目") for i in range(6)]
    right = [(310, 100 + 14 * i, f"右の段の文章はここに続きます{i}行目") for i in range(6)]
    pdf = text_pdf(tmp_path / "columns.pdf", [(50, 70, "二段組の見出しになる長い一行の文章がここにあります"), *right, *left])
    with open_layout(pdf) as layout:
        texts = "".join(b.text for b in build_document(layout).blocks if isinstance(b, Paragraph))
    assert texts.index("左の段の文章はここに続きます5行目") < texts.index("右の段の文章はここに続きます0行目")


def test_bullets_are_list_items_with_depths(tmp_path):
    pdf = text_pdf(tmp_path / "list.pdf", [
        (50, 100, "研修は次のとおり実施します。"),
        (60, 120, "・情報セキュリティ研修"),
        (75, 134, "○ 標的型メール訓練"),
        (60, 148, "・データ活用研修"),
    ])
    with open_layout(pdf) as layout:
        items = build_document(layout).blocks_of(ListItem)
    assert [(i.marker, i.depth, i.text) for i in items] == [
        ("・", 1, "情報セキュリティ研修"), ("○", 2, "標的型メール訓練"), ("・", 1, "データ活用研修")]


def test_a_list_item_wrapped_with_wide_line_spacing_runs_on(tmp_path):
    # Lines printed a line apart (Word's double spacing): an item's unfinished sentence runs on
    # under its text; a finished one ends it, and so does a line back at the marker's position.
    pdf = text_pdf(tmp_path / "spaced.pdf", [
        (60, 100, "・ 令和9年度までに、全ての課に推進員を"),
        (72, 120, "1名以上配置する。"),
        (72, 140, "配置の方法は別に定める。"),
        (60, 160, "・ 研修の受講率を100%とする"),
        (60, 180, "毎年度、結果を公表する。"),
    ])
    with open_layout(pdf) as layout:
        blocks = build_document(layout).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("list_item", "令和9年度までに、全ての課に推進員を1名以上配置する。"),
        ("paragraph", "配置の方法は別に定める。"),
        ("list_item", "研修の受講率を100%とする"),
        ("paragraph", "毎年度、結果を公表する。"),
    ]


def test_staircase_of_boxes_is_a_figure(tmp_path):
    steps = [((60 + 120 * i, 300 - 40 * i, 170 + 120 * i, 330 - 40 * i), f"Step{i + 1} 段階{i + 1}") for i in range(4)]
    pdf = boxed_pdf(tmp_path / "stairs.pdf", steps, [(50, 120, "育成段階は次の図のとおりです。")])
    with open_layout(pdf) as layout:
        document = build_document(layout)
    (figure,) = document.blocks_of(Figure)
    assert figure.texts == ["Step4段階4", "Step3段階3", "Step2段階2", "Step1段階1"]
    assert [b.text for b in document.blocks_of(Paragraph)] == ["育成段階は次の図のとおりです。"]


@pytest.mark.parametrize("stem", ["tarumizu", "model_policy", "kunisaki"])
def test_every_line_is_in_one_block_a_table_or_the_page_margin(stem):
    with open_layout(RAW / f"{stem}.pdf") as layout:
        document = build_document(layout, header_hint=is_header_word)
        for page in layout.pages:
            held = [id(ln) for b in document.page_blocks(page.number) for ln in b.lines]
            assert len(held) == len(set(held))  # no line in two blocks
            boxes = [t.page_boxes[page.number] for t in document.tables() if page.number in t.page_boxes]
            rest = [ln for ln in page.lines if id(ln) not in set(held)
                    and not any(center_inside(ln.bbox, box) for box in boxes)]
            assert all(ln.bottom < 0.08 * page.height or ln.top > 0.92 * page.height for ln in rest), rest


def test_page_numbers_and_running_titles_are_kept_as_furniture(tmp_path) -> None:
    """Set aside from the blocks, not dropped: each page keeps its furniture lines and what they are."""
    from jinzai.extractors.model.furniture import PAGE_NUMBER, RUNNING_TITLE

    pages = [[(60, 30, "みどり町 人材育成の手引き"), (60, 300, f"第{n}節の本文です。"), (280, 815, f"- {n} -")]
             for n in (1, 2, 3)]
    with open_layout(text_pdf(tmp_path / "furniture.pdf", *pages)) as layout:
        document = build_document(layout)
    for number, page in enumerate(document.pages, start=1):
        assert [(f.kind, f.line.text.strip()) for f in page.furniture] == [
            (RUNNING_TITLE, "みどり町 人材育成の手引き"), (PAGE_NUMBER, f"- {number} -")]
        assert all("人材育成の手引き" not in line.text for line in page.text_lines)
        assert page.height == layout.pages[number - 1].height


def test_margin_lines_in_display_type_are_read_not_set_aside(tmp_path) -> None:
    """Slides repeat their title in the top margin and may print a number large in a corner:
    in display type they are the slide's own text; the small footer stays furniture."""
    from jinzai.extractors.model.furniture import PAGE_NUMBER, RUNNING_TITLE

    slides = [[(30, 44, str(n), 40), (120, 36, "取組の背景", 20), (60, 200, f"説明の{n}枚目です。研修を続けます。", 10),
               (60, 220, "職員の声を聞きながら進めました。", 10), (30, 585, "あおば市の取組", 8), (800, 585, str(n + 10), 8)]
              for n in (1, 2, 3)]
    with open_layout(text_pdf(tmp_path / "slides.pdf", *slides, width=842, height=595)) as layout:
        document = build_document(layout)
    for number, page in enumerate(document.pages, start=1):
        assert [(f.kind, f.line.text.strip()) for f in page.furniture] == [
            (RUNNING_TITLE, "あおば市の取組"), (PAGE_NUMBER, str(number + 10))]
        printed = [line.text.strip() for line in page.text_lines]
        assert str(number) in printed and "取組の背景" in printed


def test_cards_side_by_side_without_frames_are_read_card_by_card(tmp_path):
    """Three role cards printed side by side, no frames, a gap of two ems between them
    (narrower than the gap that parts pieces of a printed line): each card's
    description is one paragraph of its own, not one running across the cards."""
    cards = [("企画担当", ["庁内の業務改革を企画して、", "全体の計画をとりまとめる。"]),
             ("現場支援員", ["窓口の困りごとを聞き取って、", "道具の使い方を広めていく。"]),
             ("全職員", ["身近な情報技術を理解して", "毎日の仕事に取り入れる。"])]
    texts = [(60, 130, "庁内では次の役割を分担し、それぞれに学ぶ機会を設ける。")]
    for x, (name, description) in zip((60, 205, 350), cards):
        texts.append((x, 170, name))
        texts += [(x, 186 + 12 * row, text) for row, text in enumerate(description)]
    with open_layout(text_pdf(tmp_path / "cards.pdf", texts)) as layout:
        document = build_document(layout)
    paragraphs = [p.text for p in document.blocks_of(Paragraph)]
    for _, description in cards:
        assert "".join(description) in paragraphs
    assert not any(cards[0][1][0] in text and cards[1][1][0] in text for text in paragraphs)


def test_label_and_value_rows_keep_their_rows(tmp_path):
    """Short labels with their values after a tab, row under row: the values' repeated
    gutter parts them from the labels, but no label runs on into the next row's label."""
    rows = [("令和7年度", "研修を始める"), ("令和8年度", "対象を広げる"), ("令和9年度", "全庁で展開する")]
    texts = [(x, 200 + 14 * index, text) for index, row in enumerate(rows) for x, text in zip((60, 120), row)]
    with open_layout(text_pdf(tmp_path / "rows.pdf", texts)) as layout:
        document = build_document(layout)
    texts_read = [p.text for p in document.blocks_of(Paragraph)]
    assert not any("令和7年度" in text and "令和8年度" in text for text in texts_read)


def test_cards_under_headings_of_their_own_are_read_card_after_card(tmp_path):
    """Numbered card titles side by side, a paragraph under each: each paragraph follows
    its own card's heading and lies in its section, not in the last title's of the row."""
    cards = [("(1) 企画担当", ["庁内の業務改革を企画して、", "全体の計画をとりまとめる。"]),
             ("(2) 現場支援員", ["窓口の困りごとを聞き取って、", "道具の使い方を広めていく。"]),
             ("(3) 全職員", ["身近な情報技術を理解して", "毎日の仕事に取り入れる。"])]
    texts = [(60, 130, "庁内では次の役割を分担し、それぞれに学ぶ機会を設ける。"),
             (60, 250, "以上の役割ごとに研修の機会を設けて、毎年度その内容を見直していく。")]
    for x, (name, description) in zip((60, 205, 350), cards):
        texts.append((x, 170, name))
        texts += [(x, 186 + 12 * row, text) for row, text in enumerate(description)]
    with open_layout(text_pdf(tmp_path / "cards.pdf", texts)) as layout:
        blocks = build_document(layout).pages[0].blocks
    titles = [b.title for b in blocks if isinstance(b, Heading)]
    assert titles == ["企画担当", "現場支援員", "全職員"]
    for title, (_, description) in zip(titles, cards):
        paragraph = next(b for b in blocks if isinstance(b, Paragraph) and b.text == "".join(description))
        assert paragraph.section_path[-1].endswith(title)
        assert blocks.index(paragraph) == blocks.index(next(b for b in blocks if getattr(b, "title", None) == title)) + 1


def test_card_text_in_a_type_larger_than_the_body_is_no_heading(tmp_path):
    """Cards whose descriptions are printed larger than the page's body text (the notes
    that hold most of its sentences): the lines a sentence wraps over, however short
    and unpunctuated (`…電子化し` / `審査の手順を標準化`), are the card's paragraph, not
    headings; a title wrapped over two lines, no sentence in it, stays a heading."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 90), "窓口改革を担う", fontname="japan", fontsize=12)
    page.insert_text((60, 106), "職員の役割", fontname="japan", fontsize=12)
    cards = [("受付の改善", ["窓口で受け付けた申請を", "電子化し審査の手順を標", "準化する。"]),
             ("資料の整理", ["紙の台帳を読み取って", "検索できる形にまとめ", "る。"])]
    for x, (title, lines) in zip((60, 260), cards):
        page.insert_text((x, 140), title, fontname="japan", fontsize=12)
        for row, text in enumerate(lines):
            page.insert_text((x, 160 + 13 * row), text, fontname="japan", fontsize=10)
    for row in range(4):
        page.insert_text((60, 260 + 11 * row), f"注{row + 1}：この資料の数値は令和6年度末のものであり、今後見直すことがある。",
                         fontname="japan", fontsize=8)
    doc.save(tmp_path / "cards.pdf")
    with open_layout(tmp_path / "cards.pdf") as layout:
        blocks = build_document(layout).pages[0].blocks
    assert [b.title for b in blocks if isinstance(b, Heading)] == ["窓口改革を担う職員の役割", "受付の改善", "資料の整理"]
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    for _, lines in cards:
        assert "".join(lines) in paragraphs
