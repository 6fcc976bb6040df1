"""Generic table reading (extractors/model/tables/) on real tables of the sample corpus and
on pages the tests lay out."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.model.tables import TABLE_SETTINGS, Table, read_tables
from jinzai.extractors.model.tables.aligned import unruled_tables
from jinzai.extractors.policy.vocabulary import is_header_word

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _layout(stem: str):
    with open_layout(RAW / f"{stem}.pdf") as opened:
        yield opened


@pytest.fixture(scope="module")
def tarumizu():
    yield from _layout("tarumizu")


@pytest.fixture(scope="module")
def kakamigahara():
    yield from _layout("kakamigahara")


@pytest.fixture(scope="module")
def model_policy():
    yield from _layout("model_policy")


def only_table(layout: PdfLayout, pages: list[int]) -> Table:
    tables = read_tables(layout, pages)
    assert len(tables) == 1
    return tables[0]


def test_header_row_and_multi_line_cells(tarumizu):
    # p6: 役割区分 | 必要な能力 | 保有すべき知識・スキル, the role cell split over two lines
    table = only_table(tarumizu, [6])
    assert table.columns == ["役割区分", "必要な能力", "保有すべき知識・スキル"]
    assert [row[0].normalized for row in table.rows] == [
        "DX推進マネージャー", "DX推進アドバイザー", "DX推進リーダー", "DX推進員", "一般職員"]
    adviser = table.rows[1]
    assert adviser[0].lines == ("DX推進", "アドバイザー")
    assert "② プロジェクトマネジメン" in adviser[1].lines  # the wrapped item, as printed
    assert adviser[1].items()[1] == ["デジタルスキル", "プロジェクトマネジメント", "人材育成", "システム開発"]


def test_header_cell_spanning_an_unlabeled_column(tarumizu):
    # p5: 人材モデル | 役割 (spanning the role text and the 対象 column)
    table = only_table(tarumizu, [5])
    header = table.header[-1]
    assert header[1] is header[2]
    assert table.header_path(2) == ("役割",)
    assert [row[2].normalized for row in table.rows][0] == "管理職"


def test_two_level_header(tarumizu):
    # p9: 対象者 over 管理職 | 推進アドバイザー | 推進リーダー | 推進員 | 一般職員
    table = only_table(tarumizu, [9])
    assert len(table.header) == 2
    assert table.header_path(0) == ("区分",)
    assert table.header_path(7) == ("対象者", "推進リーダー")
    assert table.columns[-1] == "一般職員"


def test_vertical_text_and_letter_spaced_header(kakamigahara):
    # p6: `職 級` header, first column printed one character per line (管/理/職)
    table = only_table(kakamigahara, [6])
    assert table.columns == ["職級", "果たすべき役割"]
    assert [row[0].normalized for row in table.rows] == ["管理職", "監督職", "係員"]
    assert table.rows[0][0].lines == ("管", "理", "職")


def test_merged_group_cell_fills_every_row_it_spans(model_policy):
    # p5: 区分 `共通` spans the first five skill rows
    table = read_tables(model_policy, [5])[0]
    common = [row[0] for row in table.rows[:5]]
    assert all(cell is common[0] for cell in common)
    assert common[0].normalized == "共通"
    assert table.rows[5][0].normalized == "業務高度化"


def test_table_continued_on_next_page_is_merged(model_policy):
    # 一般行政職員's skill table runs from p5 onto p6 (one row, its 区分 cell cut by the break)
    tables = read_tables(model_policy, [5, 6])
    first = tables[0]
    assert first.pages == [5, 6]
    last = first.rows[-1]
    assert last[1].normalized == "•ツール活用(生成AI)"
    assert last[0].normalized == "業務効率化"  # the group cell carried over the break
    assert first.row_page(len(first.rows) - 1) == 6
    assert first.row_page(0) == 5
    assert first.page_boxes[6][1] < 100 < first.page_boxes[5][1]  # the piece at p6's top
    assert tables[1].page == 6 and tables[1].columns == ["区分", "スキル要件", "定義"]


def test_continuation_is_followed_onto_a_page_not_asked_for(model_policy):
    # only p5 asked for: its table reaches the page bottom, so p6's top table is read too,
    # while p6's own next table (DX 推進員's) is not returned
    tables = read_tables(model_policy, [5])
    assert [t.pages for t in tables] == [[5, 6]]
    assert tables[0].rows[-1][1].normalized == "•ツール活用(生成AI)"


def test_unruled_table_from_positioned_lines(tarumizu, model_policy):
    # The same tables read as if printed without rulings: columns from the header
    # labels and the body's gutters, rows from the vertical gaps.
    skills = unruled_tables(tarumizu.pages[5], tarumizu.pages[5].lines, is_header_word, TABLE_SETTINGS)[0]
    assert not skills.ruled
    assert skills.columns == ["役割区分", "必要な能力", "保有すべき知識・スキル"]
    assert [row[0].normalized for row in skills.rows] == [
        "DX推進マネージャー", "DX推進アドバイザー", "DX推進リーダー", "DX推進員", "一般職員"]
    assert skills.rows[3][1].items()[1] == ["サービスデザイン", "デジタルスキル"]

    levels = unruled_tables(model_policy.pages[10], model_policy.pages[10].lines, is_header_word, TABLE_SETTINGS)[0]
    assert [row[1].normalized for row in levels.rows] == ["Step1", "Step2"] + ["Step1", "Step2", "Step3"] * 2
    assert levels.rows[4][0].normalized == "DX推進員/全庁DX推進担当"  # group label carried down


def test_pages_without_tables_give_none(kakamigahara):
    # p5 holds an org-chart figure of boxes, p2 prose
    assert read_tables(kakamigahara, [2, 5]) == []


def test_page_turned_to_landscape(tmp_path):
    # tarumizu p6 saved with /Rotate 90: lines and rulings keep the unrotated page's
    # coordinates, so the table reaches below the displayed page height
    import pymupdf

    with pymupdf.open(RAW / "tarumizu.pdf") as doc:
        doc.select([5])
        doc[0].set_rotation(90)
        doc.save(tmp_path / "turned.pdf")
    with open_layout(tmp_path / "turned.pdf") as layout:
        table = only_table(layout, [1])
    assert [row[0].normalized for row in table.rows][-1] == "一般職員"
    assert len(table.rows) == 5



def test_unruled_header_of_labels_at_heights_of_their_own(tmp_path):
    """A header whose cells differ in height prints each label centred in its cell: a label
    spanning three columns above them, a label wrapped onto two lines, the others between;
    marks printed larger than the text; a page number under the table."""
    from pdfs import text_pdf

    texts = [(60, 209, "講座名"), (150, 205, "提供"), (150, 214, "機関"), (316, 199, "受講者"),
             (266, 216, "部長級"), (316, 216, "係長級"), (366, 216, "担当者")]
    for y, (name, provider, marks) in zip((245, 270, 295), [
            ("データ活用講座", "県", ("●", "○", "")), ("文書管理基礎", "本市", ("", "●", "●")),
            ("生成AI入門", "民間", ("○", "●", "○"))]):
        texts += [(60, y, name), (150, y, provider)]
        texts += [(x, y + 1, mark) for x, mark in zip((275, 325, 375), marks) if mark]
    texts.append((290, 420, "- 3 -"))
    layout = open_layout(text_pdf(tmp_path / "ragged.pdf", texts))
    with layout:
        [table] = read_tables(layout, header_hint=lambda label: label in {"講座名", "提供"})
    assert [table.header_path(col) for col in range(table.n_cols)] == [
        ("講座名",), ("提供機関",), ("受講者", "部長級"), ("受講者", "係長級"), ("受講者", "担当者")]
    assert [[cell.normalized for cell in row] for row in table.rows] == [
        ["データ活用講座", "県", "●", "○", ""], ["文書管理基礎", "本市", "", "●", "●"],
        ["生成AI入門", "民間", "○", "●", "○"]]


def test_unruled_group_labels_centred_on_their_rows_and_a_row_of_values_under_the_table(tmp_path):
    """A spreadsheet prints a group label in the middle of the rows it spans (none in the
    first row); under the table, a row of values and a note are no table of their own."""
    from pdfs import text_pdf

    texts = [(60, 200, "区分"), (160, 200, "段階"), (260, 200, "内容")]
    for n, y in enumerate(range(225, 345, 20)):
        texts += [(160, y, f"Lv.{n % 3 + 1}"), (260, y, f"到達目標その{n + 1}")]
    texts += [(60, 245, "推進員"), (60, 305, "リーダー"),
              (60, 380, "受講率"), (160, 380, "58%"), (260, 380, "80%"), (60, 400, "※現状値は見込み。")]
    with open_layout(text_pdf(tmp_path / "groups.pdf", texts)) as layout:
        tables = read_tables(layout, header_hint=lambda label: True)
    assert [table.columns for table in tables] == [["区分", "段階", "内容"]]
    assert [row[0].normalized for row in tables[0].rows] == ["推進員"] * 3 + ["リーダー"] * 3


def test_unruled_table_found_by_its_alignment_without_any_header_word_known(tmp_path):
    """No hint: a row of short labels over rows whose texts align under them is a table;
    two columns of prose side by side are not."""
    from pdfs import text_pdf

    texts = [(60, 200, "観点"), (200, 200, "担い手"), (330, 200, "到達時期")]
    for y, row in zip((225, 245, 265), [("庁内の合意形成", "各部の次長", "初年度"),
                                        ("現場の改善", "係長", "二年目"), ("住民との協働", "全員", "三年目")]):
        texts += [(x, y, text) for x, text in zip((60, 200, 330), row)]
    texts += [(x, 340 + 14 * i, f"{side}の段の文章はここに続きます{i}行目") for i in range(6)
              for x, side in ((60, "左"), (320, "右"))]
    with open_layout(text_pdf(tmp_path / "plain.pdf", texts)) as layout:
        tables = read_tables(layout)
    assert [table.columns for table in tables] == [["観点", "担い手", "到達時期"]]
    assert [row[2].normalized for row in tables[0].rows] == ["初年度", "二年目", "三年目"]


def test_unruled_ragged_header_with_a_wrapped_letter_and_a_legend_beside_the_table(tmp_path):
    """A spreadsheet's header whose labels sit at different heights, one wrapped onto a
    last letter of its own (`推進統括` / `監`); a legend with its title printed beside the
    table is no column and no row."""
    from pdfs import text_pdf

    texts = [(60, 201, "分類"), (130, 201, "知識"), (230, 196, "推進統括"), (244, 206, "監"), (300, 201, "担当者"),
             (420, 200, "凡例"), (420, 214, "◎：高度"), (420, 228, "○：実務")]
    for y, row in zip((232, 252, 272), [("戦略", "組織運営", "◎", "○"), ("技術", "クラウド", "○", "◎"),
                                        ("データ", "分析", "", "○")]):
        texts += [(x, y, text) for x, text in zip((60, 130, 244, 306), row) if text]
    with open_layout(text_pdf(tmp_path / "sheet.pdf", texts)) as layout:
        tables = read_tables(layout)
    assert [table.columns for table in tables] == [["分類", "知識", "推進統括監", "担当者"]]
    assert [[cell.normalized for cell in row] for row in tables[0].rows] == [
        ["戦略", "組織運営", "◎", "○"], ["技術", "クラウド", "○", "◎"], ["データ", "分析", "", "○"]]


def test_unruled_labels_of_narrow_columns_wrapped_line_after_line(tmp_path):
    """Role labels of narrow mark columns wrapped over several lines at the type's own line
    spacing, the body further down: one header, not rows."""
    from pdfs import text_pdf

    texts = [(60, 200, "研修"), (160, 200, "主催"), (240, 200, "管理"), (240, 213, "職員"),
             (290, 200, "推進"), (290, 213, "リー"), (290, 226, "ダー")]
    for y, row in zip((245, 265, 285), [("入門講座", "県", "●", "○"), ("実践講座", "市", "", "●"),
                                        ("応用講座", "民間", "○", "●")]):
        texts += [(x, y, text) for x, text in zip((60, 160, 245, 295), row) if text]
    with open_layout(text_pdf(tmp_path / "narrow.pdf", texts)) as layout:
        tables = read_tables(layout)
    assert [table.columns for table in tables] == [["研修", "主催", "管理職員", "推進リーダー"]]
    assert [row[0].normalized for row in tables[0].rows] == ["入門講座", "実践講座", "応用講座"]


def test_cards_side_by_side_are_no_table_whatever_words_the_caller_knows(tmp_path):
    """Cards printed side by side without frames: a row of names, then rows of fields
    (`形式：演習`) and rows of the same label: no header, so no table."""
    from pdfs import text_pdf

    texts = []
    for x, (name, audience, form) in zip((60, 230, 400), [
            ("データ研修", "対象：係長", "形式：演習"), ("文書研修", "対象：全員", "形式：動画"),
            ("監査研修", "対象：課長", "形式：講義")]):
        texts += [(x, 200, name), (x, 220, audience), (x, 240, form), (x, 260, "身につく力"), (x, 280, "・分析の基礎")]
    with open_layout(text_pdf(tmp_path / "cards.pdf", texts)) as layout:
        assert read_tables(layout, header_hint=lambda label: "形式" in label or "対象" in label) == []


def test_unruled_first_column_without_a_header_label_over_it(tmp_path):
    # A count sheet as a spreadsheet prints it: the corner over the row labels left blank,
    # numbers under years, a wrapped label in the first column.
    from pdfs import text_pdf
    texts = [(60, 100, "受講者の見込み"),
             (230, 130, "2030年度"), (310, 130, "2031年度"), (390, 130, "累計"),
             (60, 150, "窓口担当"), (245, 150, "12"), (325, 150, "14"), (405, 150, "26"),
             (60, 170, "保健師・"), (60, 181, "栄養士"), (245, 175, "8"), (325, 175, "9"), (405, 175, "17")]
    with open_layout(text_pdf(tmp_path / "corner.pdf", texts)) as layout:
        [table] = read_tables(layout, [1])
    assert table.columns == ["", "2030年度", "2031年度", "累計"]
    assert [[cell.normalized for cell in row] for row in table.rows] == [
        ["窓口担当", "12", "14", "26"], ["保健師・栄養士", "8", "9", "17"]]


def test_unruled_table_ends_at_the_next_tables_caption_and_a_one_letter_label_heads_a_column(tmp_path):
    # Two count tables close together, as a producer with tight cell padding prints them: the
    # second one's caption, at the margin right under the first table, is no group label of
    # its first column; `計` alone is a header label.
    from pdfs import text_pdf
    texts = [(60, 100, "部署"), (160, 100, "前期"), (230, 100, "後期"), (300, 100, "計"),
             (62, 116, "企画課"), (162, 116, "2"), (232, 116, "3"), (302, 116, "5"),
             (62, 132, "税務課"), (162, 132, "1"), (232, 132, "1"), (302, 132, "2"),
             (58, 157, "【配置予定】"),
             (60, 176, "時期"), (160, 176, "企画課"), (230, 176, "税務課"),
             (62, 192, "前期"), (162, 192, "1"), (232, 192, "1"),
             (62, 208, "後期"), (162, 208, "2"), (232, 208, "0")]
    with open_layout(text_pdf(tmp_path / "two.pdf", texts)) as layout:
        tables = read_tables(layout, [1])
    assert [table.columns for table in tables] == [["部署", "前期", "後期", "計"], ["時期", "企画課", "税務課"]]
    assert [[cell.normalized for cell in row] for row in tables[0].rows] == [
        ["企画課", "2", "3", "5"], ["税務課", "1", "1", "2"]]


def test_unruled_table_with_one_shaded_row_beside_a_ruled_table_the_hint_knows(tmp_path):
    # A designed page: a ruled training table whose header the policy words know, and under it a
    # count table without rulings, its second row shaded cell by cell (one zebra row) and its
    # header underlined. The shaded row is a body row of the unruled table, not a header band.
    import pymupdf
    from pdfs import A4, FONT

    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    for r, row in enumerate([["研修名", "対象者"], ["DX基礎", "全職員"], ["データ分析", "係長級"]]):
        for c, text in enumerate(row):
            x0, y0 = 60 + 150 * c, 100 + 22 * r
            page.draw_rect(pymupdf.Rect(x0, y0, x0 + 150, y0 + 22), color=(0, 0, 0), width=0.6)
            page.insert_text((x0 + 4, y0 + 14), text, fontname=FONT, fontsize=9)
    edges = [60, 220, 300, 380, 460]
    page.draw_rect(pymupdf.Rect(60, 268, 460, 269.2), color=None, fill=(0.2, 0.6, 0.6))  # the header's underline
    for x0, x1 in zip(edges, edges[1:]):
        page.draw_rect(pymupdf.Rect(x0, 296, x1, 320), color=None, fill=(0.95, 0.95, 0.95))
    for r, row in enumerate([["職層", "2031年", "2032年", "2033年"], ["課長級", "2人", "3人", "4人"],
                             ["係長級", "5人", "6人", "7人"], ["主任級", "8人", "9人", "10人"]]):
        for c, text in enumerate(row):
            page.insert_text((edges[c] + 6, 262 + 26 * r), text, fontname=FONT, fontsize=9)
    doc.save(tmp_path / "zebra.pdf")
    doc.close()
    with open_layout(tmp_path / "zebra.pdf") as layout:
        tables = read_tables(layout, [1], header_hint=is_header_word)
    assert [table.columns for table in tables] == [["研修名", "対象者"], ["職層", "2031年", "2032年", "2033年"]]
    assert [[cell.normalized for cell in row] for row in tables[1].rows] == [
        ["課長級", "2人", "3人", "4人"], ["係長級", "5人", "6人", "7人"], ["主任級", "8人", "9人", "10人"]]


def test_a_row_of_label_value_pairs_without_rulings_is_a_table_of_its_labels_over_its_values(tmp_path):
    # A form's last row with its cell fills and lines gone: labels printed beside their values
    # (not above them), prose above and below; read as labels over values, so a reader of
    # header-over-body tables reads it. A spaced row of words with no count is no such row.
    from pdfs import text_pdf

    pdf = text_pdf(tmp_path / "pairs.pdf", [
        (60, 100, "本市は、地域の担い手と協働して窓口の見直しを進めてきました。今後も取組を続けます。"),
        (60, 130, "成果指標"), (140, 130, "地域DXサポーターの認定"), (290, 130, "基準（R5）"), (370, 130, "3人"),
        (420, 130, "到達目標（R9）"), (510, 130, "24人"),
        (60, 160, "担当課"), (140, 160, "情報政策課"), (290, 160, "連絡先"), (370, 160, "内線2301"),
        (60, 190, "取組の状況は毎年度公表し、必要に応じて見直しを行います。"),
    ])
    with open_layout(pdf) as layout:
        [table] = read_tables(layout, [1])
    assert table.columns == ["成果指標", "基準(R5)", "到達目標(R9)"]
    assert [[cell.normalized for cell in row] for row in table.rows] == [["地域DXサポーターの認定", "3人", "24人"]]


def _grid(table: Table) -> list[list[str]]:
    return [[cell.normalized for cell in row] for row in table.rows]


def _rows_at(top: float, pitch: float, xs: tuple[float, ...], rows: list[tuple[str, ...]]) -> list[tuple[float, float, str]]:
    """Texts of rows printed `pitch` apart from `top`, each row's cells at the x positions."""
    return [(x, top + n * pitch, text) for n, row in enumerate(rows) for x, text in zip(xs, row) if text]


STAFF_LEVELS = [("部長級", "組織の変革を率いて、必要な資源を配分する。"),
                ("課長級", "課の業務を見直し、職員の挑戦を後押しする。"),
                ("係長級", "現場の課題を拾い上げて改善案にまとめる。")]


@pytest.mark.parametrize("hint", [None, lambda label: label in {"職層", "求められる姿", "プログラム", "受講者", "方法"}])
def test_unruled_table_stacked_right_under_another_with_other_columns(tmp_path, hint):
    """Two tables without rulings printed one right under the other at the same row pitch,
    nothing between: the second one's header, in three columns where the first has two, over
    rows of short names under the first one's sentences, starts a table of its own, whether or
    not the caller knows its words."""
    from pdfs import text_pdf

    texts = _rows_at(100, 18, (60, 180), [("職層", "求められる姿"), *STAFF_LEVELS])
    texts += _rows_at(172, 18, (60, 180, 300), [
        ("プログラム", "受講者", "方法"), ("変革リーダー塾", "部長級", "対面"), ("改善ラボ", "係長級", "演習"),
        ("データ読解", "全員", "動画")])
    with open_layout(text_pdf(tmp_path / "stacked.pdf", texts)) as layout:
        tables = read_tables(layout, [1], header_hint=hint)
    assert [table.columns for table in tables] == [["職層", "求められる姿"], ["プログラム", "受講者", "方法"]]
    assert _grid(tables[0]) == [list(row) for row in STAFF_LEVELS]
    assert _grid(tables[1]) == [["変革リーダー塾", "部長級", "対面"], ["改善ラボ", "係長級", "演習"],
                                ["データ読解", "全員", "動画"]]


def test_unruled_table_stacked_under_another_in_the_same_columns(tmp_path):
    """A count table printed in the very columns of the table above it, at its row pitch and
    with no header word anyone knows: its header of years, a row of short labels where every
    row above holds a sentence, over counts where the column above held sentences, starts a
    table of its own. A row of short labels between sentences, over further sentences, does not."""
    from pdfs import text_pdf

    xs = (60, 180, 420)
    duties = [("部長級", "組織の変革を率いて、必要な資源を配分する。", "各部"),
              ("課長級", "課の業務を見直し、職員の挑戦を後押しする。", "各課"),
              ("補佐", "調整", "本庁"),
              ("係長級", "現場の課題を拾い上げて改善案にまとめる。", "各係"),
              ("主任", "日々の手続を電子化し、記録を共有する。", "各係")]
    counts = [("職種", "2026年度", "2028年度"), ("企画職", "4人", "9人"), ("技術職", "2人", "6人")]
    texts = _rows_at(100, 18, xs, [("担い手", "主な任務", "所属"), *duties])
    texts += _rows_at(208, 18, xs, counts)
    with open_layout(text_pdf(tmp_path / "same_columns.pdf", texts)) as layout:
        tables = read_tables(layout, [1])
    assert [table.columns for table in tables] == [["担い手", "主な任務", "所属"], ["職種", "2026年度", "2028年度"]]
    assert _grid(tables[0]) == [list(row) for row in duties]
    assert _grid(tables[1]) == [list(row) for row in counts[1:]]


def _upright(x: float, top: float, text: str, *, pitch: float = 9.5, per_column: int = 99) -> list[tuple[float, float, str]]:
    """A label in vertical writing: a character a line from `top` down, wrapping onto a
    further column to the left after `per_column` characters (baselines given, 9-point type)."""
    return [(x - 10 * (n // per_column), top + 8 + pitch * (n % per_column), char) for n, char in enumerate(text)]


def test_unruled_header_of_labels_in_vertical_writing(tmp_path):
    """A spreadsheet's matrix printed without lines, its course names set in vertical writing
    over narrow mark columns (one name wrapped onto a second column, read right to left),
    the corner label written across, centred on their height: one header of five labels."""
    from pdfs import text_pdf

    names = ["庁内データ連携講座", "窓口業務改善研修", "情報セキュリティ管理者養成講座", "文書電子化実務"]
    texts = [(60, 136, "職員区分")]
    for x, name in zip((200, 250, 300, 350), names):
        texts += _upright(x, 90, name, per_column=10)
    rows = [("統括責任者", "●", "", "●", "○"), ("推進担当者", "○", "●", "●", "●"), ("一般職員", "", "○", "○", "●")]
    texts += _rows_at(205, 20, (60, 200, 250, 300, 350), rows)
    with open_layout(text_pdf(tmp_path / "upright.pdf", texts)) as layout:
        [table] = read_tables(layout, [1])
    assert table.columns == ["職員区分", *names]
    assert _grid(table) == [list(row) for row in rows]


def test_one_letter_cells_of_a_tight_table_are_no_vertical_label(tmp_path):
    """A column of one-letter cells in rows printed close together (a narrow provider column)
    stands beside its rows' other cells: the letters stay cells of their rows, not a label
    set in vertical writing."""
    from pdfs import text_pdf

    rows = [("文書事務", "県", "講義"), ("統計入門", "市", "演習"), ("広報基礎", "国", "動画"), ("接遇研修", "市", "講義")]
    texts = _rows_at(100, 11.5, (60, 160, 220), [("研修", "主催", "形式"), *rows])
    with open_layout(text_pdf(tmp_path / "tight.pdf", texts)) as layout:
        [table] = read_tables(layout, [1])
    assert table.columns == ["研修", "主催", "形式"]
    assert _grid(table) == [list(row) for row in rows]


def test_unruled_rows_of_different_heights_parted_at_their_first_column(tmp_path):
    """A spreadsheet printed without lines: rows at least 20 points high, taller where a cell
    wraps onto two lines, each cell centred in its row, so the gaps between the rows' texts
    differ (narrow between two wrapped rows, wide between two one-line rows). Each text of the
    first column, farther under the one above than a cell's lines follow each other, starts a
    row of its own; a wrapped cell stays one cell."""
    from pdfs import text_pdf

    rows = [("会議運営", ("議事録の作成と", "資料の電子化"), "2名"), ("申請受付", ("電子申請の案内と", "本人確認"), "4名"),
            ("広報", ("SNSの運用",), "1名"), ("統計", ("調査票の集計",), "2名"),
            ("施設管理", ("予約システムの", "保守と点検"), "3名")]
    texts = [(60, 96, "担当"), (150, 96, "主な仕事"), (330, 96, "人数")]
    top = 104.0
    for key, lines, count in rows:
        height = max(20.0, 9 * len(lines) + 3)
        baseline = top + height / 2 + 3.4  # a 9-point line centred in its row
        texts += [(60, baseline, key), (330, baseline, count)]
        texts += [(150, baseline + 9 * (n - (len(lines) - 1) / 2), line) for n, line in enumerate(lines)]
        top += height
    with open_layout(text_pdf(tmp_path / "heights.pdf", texts)) as layout:
        [table] = read_tables(layout, [1])
    assert table.columns == ["担当", "主な仕事", "人数"]
    assert _grid(table) == [[key, "".join(lines), count] for key, lines, count in rows]


def test_unruled_table_leaves_out_a_page_mark_printed_far_right_of_it(tmp_path):
    """A spreadsheet's print area ends mid-page with its page mark at the right edge, right
    under the last row of a narrow table: farther right of the header than the header is
    wide, it is no cell of the table."""
    from pdfs import text_pdf

    rows = [("税務課", "3人", "5人"), ("福祉課", "2人", "4人")]
    texts = _rows_at(100, 18, (60, 140, 200), [("所属", "2027年度", "2029年度"), *rows])
    texts.append((520, 150, "シート2 / 4"))
    with open_layout(text_pdf(tmp_path / "print_area.pdf", texts)) as layout:
        [table] = read_tables(layout, [1])
    assert table.columns == ["所属", "2027年度", "2029年度"]
    assert _grid(table) == [list(row) for row in rows]


@pytest.mark.parametrize("mark", ["#", "№"])
def test_unruled_table_headed_by_a_mark_over_its_row_numbers(tmp_path, mark):
    # A mark (`#`, `№`) over a column of row numbers 1, 2, 3 heads it: the table is found by
    # that column and the alignment of the rest, whatever its other header words; the same
    # mark over values that number no rows heads nothing.
    from pdfs import text_pdf

    texts = [(72, 120, mark), (100, 120, "施策"), (250, 120, "所管"), (350, 120, "開始")]
    for n, row in enumerate([("庁内チャットの導入", "行政改革室", "春"), ("公金の電子収納", "会計課", "夏"),
                             ("窓口予約の受付", "市民生活課", "秋"), ("施設予約の一元化", "文化振興課", "冬")], 1):
        texts += [(x, 120 + 19 * n, text) for x, text in zip((74, 100, 250, 350), (str(n), *row))]
    texts += [(72, 260, mark), (100, 260, "指標"), (250, 260, "値")]
    texts += [(x, 260 + 19 * n, text) for n, row in enumerate([("30", "来庁者", "多い"), ("45", "電話", "少ない")], 1)
              for x, text in zip((74, 100, 250), row)]
    with open_layout(text_pdf(tmp_path / "numbered.pdf", texts)) as layout:
        tables = read_tables(layout, [1])
    assert [table.columns for table in tables] == [[mark, "施策", "所管", "開始"]]
    assert [row[0].normalized for row in tables[0].rows] == ["1", "2", "3", "4"]
    assert tables[0].rows[1][1].normalized == "公金の電子収納"


def test_unruled_table_cut_after_its_first_row_at_a_page_foot_goes_on_over_the_break(tmp_path):
    # A header and one row at the very foot of a page, the other rows at the top of the next:
    # one table with its header, though one row alone is too little to tell a table. The same
    # header and row at the foot of a page followed by prose are no table.
    from pdfs import text_pdf

    xs = (60, 170, 330, 430)
    intro = [(60, 90, "本市が独自に開く講座の一覧を次に掲げます。各講座の詳細は募集時に案内します。")]
    foot = [(x, 745, text) for x, text in zip(xs, ("講座", "扱う題材", "会場", "時期"))]
    foot += [(x, 770, text) for x, text in zip(xs, ("表計算の基礎", "関数と集計", "市役所会議室", "前期"))]
    top = [(x, 70 + 22 * n, text) for n, row in enumerate([("地図の活用", "位置情報の可視化", "図書館", "後期"),
                                                           ("写真の整理", "画像の管理", "公民館", "通年")])
           for x, text in zip(xs, row)]
    with open_layout(text_pdf(tmp_path / "cut.pdf", intro + foot, top)) as layout:
        [table] = read_tables(layout, header_hint=lambda _: False)  # no label is a word the caller knows
    assert table.columns == ["講座", "扱う題材", "会場", "時期"]
    assert table.pages == [1, 2]
    assert _grid(table) == [["表計算の基礎", "関数と集計", "市役所会議室", "前期"],
                            ["地図の活用", "位置情報の可視化", "図書館", "後期"],
                            ["写真の整理", "画像の管理", "公民館", "通年"]]
    prose = [(60, 70, "講座の受講を希望する職員は、所属長の承認を得て申し込んでください。")]
    with open_layout(text_pdf(tmp_path / "alone.pdf", intro + foot, prose)) as layout:
        assert read_tables(layout, header_hint=lambda _: False) == []


@pytest.mark.parametrize("padding", [1.0, 2.5])
def test_unruled_first_row_wrapped_in_a_tall_cell_under_a_tight_header(tmp_path, padding):
    # A browser's table without borders: a narrow first column wraps its cells over lines set
    # solid, the other cells centred beside them, the rows `padding` apart from the header and
    # twice that from each other. The first row's wrapped lines are no wrap of the header label
    # over them, and its other cells, centred lower than the next rows', do not merge those.
    from pdfs import text_pdf

    pitch = 10.8  # a 9-point line's height: wrapped lines touch
    texts = [(60, 100, "ここでは委託する業務を整理します。"), (60, 130, "業務の範囲"), (130, 130, "発注先"), (220, 130, "頻度")]
    y = 130 + pitch + padding
    for cell, who, when in [(("住民票の写", "しの交付申", "請の受付と", "案内"), "事業者A", "毎日"),
                            (("庁舎の清掃", "と警備"), "事業者B", "週1回"), (("公用車の点", "検"), "事業者C", "月1回")]:
        texts += [(60, y + pitch * i, line) for i, line in enumerate(cell)]
        middle = y + pitch * (len(cell) - 1) / 2
        texts += [(130, middle, who), (220, middle, when)]
        y += pitch * len(cell) + 2 * padding
    with open_layout(text_pdf(tmp_path / "wrapped.pdf", texts)) as layout:
        [table] = read_tables(layout, [1], header_hint=lambda _: False)
    assert table.columns == ["業務の範囲", "発注先", "頻度"]
    assert _grid(table) == [["住民票の写しの交付申請の受付と案内", "事業者A", "毎日"],
                            ["庁舎の清掃と警備", "事業者B", "週1回"], ["公用車の点検", "事業者C", "月1回"]]
