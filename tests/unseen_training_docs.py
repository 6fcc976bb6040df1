"""Training plans and goal tables in layouts the sample corpus does not have, built as PDFs.

Two producers other than the samples' Chrome/Skia:

* `story_pdf`: HTML rendered by MuPDF's Story — tables come out WITHOUT ruling lines
  (MuPDF draws no borders), with MuPDF's own font and line breaking;
* `ruled_pdf`: a grid drawn with PyMuPDF's line primitives, text set in its built-in
  CJK font (Droid Sans Fallback), prose lines placed above and below the grid.

The documents are municipal policies of towns not in the corpus; each function
returns the path of the PDF it wrote into `folder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pymupdf

import pdfs
from pdfs import A4, FONT, MARGIN

CSS = "* {font-family: sans-serif; font-size: 10pt} td, th {padding: 3pt 6pt} h2 {font-size: 13pt}"


story_pdf = partial(pdfs.story_pdf, css=CSS)


def html_table(rows: Sequence[Sequence[str]], widths: Sequence[int] = ()) -> str:
    """Rows of cells → an HTML table; a cell `"text|n"` spans n columns. Column `widths`
    (points, set on rows without spans) keep the columns in place from page to page."""
    out = ["<table>"]
    for row in rows:
        cells = []
        fixed = len(widths) == len(row)
        for k, cell in enumerate(row):
            text, _, span = cell.partition("|")
            width = f' width="{widths[k]}"' if fixed else ""
            cells.append(f'<td colspan="{span}">{text}</td>' if span else f"<td{width}>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def ruled_pdf(
    path: Path, above: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
    below: Sequence[str] = (), *, row_height: float = 22, font_size: float = 9,
) -> Path:
    """One page: prose lines `above`, a fully ruled grid of `rows` (column `widths`
    in points; a cell `"text|n"` spans n columns), prose lines `below`."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    y = MARGIN + 20
    for text in above:
        page.insert_text((MARGIN, y), text, fontname=FONT, fontsize=10.5)
        y += 20
    top = y
    edges = [MARGIN]
    for w in widths:
        edges.append(edges[-1] + w)
    for r, row in enumerate(rows):
        row_top = top + r * row_height
        column = 0
        for cell in row:
            text, _, span = cell.partition("|")
            n = int(span) if span else 1
            x0, x1 = edges[column], edges[column + n]
            page.draw_rect(pymupdf.Rect(x0, row_top, x1, row_top + row_height), color=(0, 0, 0), width=0.6)
            if text:  # lines centred vertically in the cell, as word processors print them
                n_lines = text.count("\n") + 1
                baseline = row_top + row_height / 2 + font_size / 2.8 - (n_lines - 1) * font_size * 1.2 / 2
                page.insert_text((x0 + 4, baseline), text, fontname=FONT, fontsize=font_size, lineheight=1.2)
            column += n
    y = top + len(rows) * row_height + 20
    for text in below:
        page.insert_text((MARGIN, y), text, fontname=FONT, fontsize=9)
        y += 16
    doc.save(str(path))
    doc.close()
    return path


# ---------------------------------------------------------------- the documents


def furano_matrix(folder: Path) -> Path:
    """富良野市 (Story, no rulings): a role table, then a training matrix headed
    `研修名称 | 実施主体 | 受講対象` over `管理職 / リーダー / 一般職員`, marks ◎○△ with a
    legend above, formats written as words."""
    roles = html_table([
        ["人材区分", "役割", "対象"],
        ["DX推進マネージャー", "所属のDXを統括する", "管理職"],
        ["DX推進リーダー", "所属の業務改革を牽引する", "係長級職員"],
        ["一般職員", "デジタル技術を業務に活用する", "全職員"],
    ])
    matrix = html_table([
        ["研修名称", "実施主体", "受講対象|3", "研修形式"],
        ["", "", "管理職", "リーダー", "一般職員", ""],
        ["DX概論研修", "富良野市", "◎", "○", "△", "講義"],
        ["データ活用実践講座", "北海道市町村<br>振興協会", "", "◎", "○", "オンライン研修"],
        ["生成AI活用研修", "民間事業者", "△", "◎", "◎", "eラーニング"],
    ])
    html = (
        "<h1>富良野市デジタル人材育成方針</h1>"
        "<h2>3 育成する人材像</h2>" + roles +
        "<h2>4 研修体系</h2><p>※受講区分 ◎：必須 ○：推奨 △：任意</p>" + matrix +
        "<p>研修は毎年度見直しを行う。</p>"
    )
    return story_pdf(folder / "furano_policy.pdf", html)


def sakuragawa_words(folder: Path) -> Path:
    """桜川市 (Story, no rulings): a matrix whose cells say 必須/推奨 in words, no legend,
    a 主催 column and a 実施方法 column in words."""
    matrix = html_table([
        ["研修名", "主催", "DX推進リーダー", "DX推進員", "一般職員", "実施方法"],
        ["情報セキュリティ研修", "茨城県", "必須", "必須", "必須", "集合研修"],
        ["RPA実践研修", "桜川市", "推奨", "必須", "", "ハンズオン"],
        ["業務改善ワークショップ", "桜川市", "必須", "推奨", "推奨", "グループワーク"],
    ])
    html = "<h1>桜川市DX人材育成計画</h1><h2>5 研修計画</h2>" + matrix + "<p>以上の研修を計画的に実施する。</p>"
    return story_pdf(folder / "sakuragawa_plan.pdf", html)


def misato_ruled(folder: Path) -> Path:
    """美郷町 (ruled grid): `対象者` spanning the role columns, format codes ア/イ/ウ and
    the mark legend printed BELOW the table."""
    rows = [
        ["研修名", "主催", "形態", "対象者|3"],
        ["", "", "", "管理職", "DX推進員", "一般職員"],
        ["DX推進研修", "美郷町", "ア", "●", "●", ""],
        ["クラウド活用講座", "秋田県", "イ", "", "●", "○"],
        ["データ分析基礎", "美郷町", "ア・ウ", "○", "●", "○"],
    ]
    below = ["※形態 ア：集合研修 イ：オンライン ウ：eラーニング", "※対象者 ●：必須 ○：推奨"]
    return ruled_pdf(folder / "misato_plan.pdf", ["美郷町デジタル人材育成方針", "4 研修計画"], rows,
                     [150, 90, 55, 60, 60, 60], below)


def sakuragawa_year_targets(folder: Path) -> Path:
    """桜川市 (ruled grid): 令和8年度…令和10年度 across, a 合計 column wrong in one row,
    a dash in one cell, a caption naming the metric."""
    rows = [
        ["区分", "令和8年度", "令和9年度", "令和10年度", "合計"],
        ["DX推進リーダー", "5", "5", "5", "16"],
        ["DX推進員", "10", "―", "10", "20"],
    ]
    return ruled_pdf(folder / "sakuragawa_targets.pdf", ["6 数値目標", "【育成目標人数】（単位：人）"], rows,
                     [130, 80, 80, 80, 60], ["※合計は計画期間中の累計を示す。"])


def furano_years_down(folder: Path) -> Path:
    """富良野市 (Story, no rulings): one row per year (`2026年度`) under a header of roles."""
    table = html_table([
        ["年度", "DX推進リーダー", "一般職員"],
        ["2026年度", "4", "120"],
        ["2027年度", "4", "150"],
        ["2028年度", "6", "180"],
    ])
    html = "<h2>5 目標</h2><p>研修受講者数の目標は次のとおりとする。</p>" + table + \
        "<p>目標は毎年度の研修実績を踏まえて見直す。</p>"
    return story_pdf(folder / "furano_targets.pdf", html)


def misato_goal_prose(folder: Path) -> Path:
    """美郷町 (Story): goal sentences under a 数値目標 heading, one per paragraph."""
    html = (
        "<h1>美郷町DX推進人材育成方針</h1>"
        "<h2>2 育成する人材</h2>"
        "<h3>(1) DX推進リーダー</h3><p>各課の業務改革を牽引する職員。</p>"
        "<h3>(2) DX推進員</h3><p>所属内でデジタル化を推進する職員。</p>"
        "<h3>(3) 一般職員</h3><p>デジタル技術を日常業務に活用する全職員。</p>"
        "<h2>3 数値目標</h2>"
        "<p>令和9年度までに全職員の研修受講率を80％とする。</p>"
        "<p>各課に1名以上のDX推進員を配置する。</p>"
        "<p>令和8年度から令和10年度まで、DX推進リーダーを年間20名程度育成する。</p>"
        "<p>庁内の推進体制を強化する。</p>"
        "<p>令和10年度までにDX推進員を計○名程度育成する。</p>"
        "<h2>4 推進体制</h2><p>町長を本部長とする推進本部を置く。</p>"
    )
    return story_pdf(folder / "misato_goals.pdf", html)


def misato_policy(folder: Path) -> Path:
    """美郷町 (Story, no rulings), a whole policy for `ingest_paths`: roles as headings,
    a matrix whose audience labels abbreviate them (`リーダー`, `推進員`) with marks read
    without a legend, and a goal table with one row per year."""
    matrix = html_table([
        ["研修名", "実施主体", "受講対象|3", "実施方法"],
        ["", "", "リーダー", "推進員", "一般職員", ""],
        ["DX基礎研修", "美郷町", "●", "●", "●", "動画視聴"],
        ["ノーコード開発講座", "秋田県", "●", "○", "", "ハンズオン"],
    ])
    goals = html_table([
        ["年度", "DX推進リーダー", "DX推進員"],
        ["令和8年度", "2", "8"],
        ["令和9年度", "2", "8"],
    ])
    html = (
        "<h1>美郷町デジタル人材育成方針</h1>"
        "<h2>2 育成する人材</h2>"
        "<h3>(1) DX推進リーダー</h3><p>各課の業務改革を牽引する職員。</p>"
        "<h3>(2) DX推進員</h3><p>所属内でデジタル化を推進する職員。</p>"
        "<h3>(3) 一般職員</h3><p>デジタル技術を日常業務に活用する職員。</p>"
        "<h2>3 研修計画</h2>" + matrix +
        "<h2>4 育成目標</h2><p>育成する人数の目標を次のとおり定める。</p>" + goals
    )
    return story_pdf(folder / "misato_policy.pdf", html)


def minamiise_two_line_years(folder: Path) -> Path:
    """南伊勢町 (ruled grid): a year header printed on two lines (`令和8年度` over `(2026)`)
    and a 計 row whose last sum is wrong."""
    rows = [
        ["区分", "令和8年度\n(2026)", "令和9年度\n(2027)", "令和10年度\n(2028)"],
        ["DX推進リーダー", "3", "3", "4"],
        ["DX推進員", "10", "12", "15"],
        ["計", "13", "15", "20"],
    ]
    return ruled_pdf(folder / "minamiise_targets.pdf", ["【DX推進人材の育成目標】"], rows, [130, 90, 90, 90],
                     row_height=26)


def kamishihoro_wrapped_units(folder: Path) -> Path:
    """上士幌町 (Story, no rulings): `R8 | R9 | R10 | 計` over cells so narrow that `100人`
    wraps into `100` over `人`."""
    table = html_table([
        ["", "R8", "R9", "R10", "計"],
        ["DX推進リーダー", "5人", "5人", "5人", "15人"],
        ["一般職員", "100人", "100人", "100人", "300人"],
    ])
    return story_pdf(folder / "kamishihoro_targets.pdf", "<h2>6 目標</h2><p>【研修受講者数】</p>" + table)


def furano_long_matrix(folder: Path) -> Path:
    """富良野市 (Story, no rulings): a matrix of 45 trainings running over two pages, the
    header printed only on the first."""
    rows = [["研修名称", "実施主体", "受講対象|3", "研修形式"], ["", "", "管理職", "リーダー", "一般職員", ""]]
    for i in range(1, 46):
        rows.append([f"デジタル研修 第{i}回", "富良野市", "◎" if i % 2 else "", "○", "△", "講義"])
    html = "<h2>研修計画</h2><p>※ ◎：必須 ○：推奨 △：任意</p>" + html_table(rows, [150, 90, 50, 50, 50, 60]) + \
        "<p>以上の研修を実施する。</p>"
    return story_pdf(folder / "furano_long.pdf", html)


def tomisato_two_line_labels(folder: Path) -> Path:
    """富里市 (ruled grid): role labels centred on two lines (`DX推進` / `リーダー`) beside
    `R8年度`-style years."""
    doc_rows = [
        ["人材区分", "R8年度", "R9年度", "R10年度"],
        ["DX推進\nリーダー", "3", "3", "4"],
        ["DX推進員", "10", "12", "15"],
    ]
    return ruled_pdf(folder / "tomisato_targets.pdf", ["育成目標（人）"], doc_rows, [130, 90, 90, 90], row_height=30)


def tomisato_indicator_table(folder: Path) -> Path:
    """富里市 (ruled grid): an indicator table, `現状値(R6)` (a baseline) beside `目標値(R10)`."""
    rows = [
        ["指標", "現状値(R6)", "目標値(R10)"],
        ["DX研修受講率", "35%", "100%"],
        ["DX推進リーダー育成人数", "4人", "20人"],
    ]
    return ruled_pdf(folder / "tomisato_indicators.pdf", ["7 成果指標"], rows, [170, 90, 90])


def kitaakita_wrapped_headers(folder: Path) -> Path:
    """北秋田市 (Story, no rulings): a role header wrapped on two lines (`DX推進` / `リーダー`),
    the legend printed below the table."""
    matrix = html_table([
        ["研修名", "DX推進<br>リーダー", "DX推進員", "一般職員", "形式"],
        ["AI活用研修", "●", "○", "", "オンライン"],
        ["データ分析研修", "●", "●", "○", "集合研修"],
    ])
    return story_pdf(folder / "kitaakita_plan.pdf", "<h2>研修計画</h2>" + matrix + "<p>凡例 ●：必須 ○：推奨</p>")


def kitaakita_named_audience(folder: Path) -> Path:
    """北秋田市 (ruled grid): a 対象者 column naming the audience, training names on two lines."""
    rows = [
        ["研修名", "対象者", "内容"],
        ["情報セキュリティ\n研修", "全職員", "標的型攻撃への対応"],
        ["DX推進リーダー\n養成講座", "DX推進リーダー", "業務改革の手法"],
        ["新任係長研修", "係長級職員（必須）", "DXマネジメント"],
    ]
    return ruled_pdf(folder / "kitaakita_named.pdf", ["研修計画"], rows, [150, 120, 150], row_height=30)


def misato_goal_bullets(folder: Path) -> Path:
    """美郷町 (Story): goals as bullets `役割：目標` under a `第4章 育成目標` heading, and a
    count that is no goal (職員数) in the next chapter."""
    html = (
        "<h2>第4章 育成目標</h2><p>本町では、次のとおり育成目標を定める。</p>"
        "<ul><li>DX推進リーダー：令和10年度までに30名</li><li>DX推進員：各課1名以上（計50名程度）</li>"
        "<li>一般職員：研修受講率100％</li></ul>"
        "<h2>第5章 推進体制</h2><p>町長を本部長とする。職員数は約800人である。</p>"
    )
    return story_pdf(folder / "misato_goal_bullets.pdf", html)


def omitama_legend_row(folder: Path) -> Path:
    """小美玉市 (ruled grid): group rows across the table (`【基礎】`) and the legend printed
    as the table's last row, giving ○ a meaning other than the usual one (任意)."""
    rows = [
        ["研修名", "DX推進リーダー", "DX推進員", "一般職員"],
        ["【基礎】|4"],
        ["DX入門", "●", "●", "○"],
        ["【応用】|4"],
        ["データ分析", "●", "○", ""],
        ["凡例　●：必須　○：任意|4"],
    ]
    return ruled_pdf(folder / "omitama_plan.pdf", ["研修計画"], rows, [150, 90, 90, 90])


def ena_tight_cells(folder: Path) -> Path:
    """恵那市 (Story with MuPDF's default cell padding, no rulings): the header cells stand so
    close that PyMuPDF prints `主催DX推進リーダーDX推進員一般職員形態` as one line."""
    matrix = html_table([
        ["研修名", "主催", "DX推進リーダー", "DX推進員", "一般職員", "形態"],
        ["AI研修", "県", "●", "○", "○", "講義"],
        ["RPA研修", "市", "●", "●", "", "演習"],
    ])
    return story_pdf(folder / "ena_plan.pdf", "<p>研修計画</p>" + matrix + "<p>以上のとおり実施する。</p>",
                     css="* {font-family: sans-serif; font-size: 10pt}")


def ena_tight_year_tables(folder: Path) -> Path:
    """恵那市 (Story with MuPDF's default padding, no rulings): year tables whose cells
    PyMuPDF joins into lines (`令和8年度令和9年度令和10年度合計`, `2026年度4`), numbers
    printed left-aligned in wide columns."""
    across = html_table([
        ["区分", "令和8年度", "令和9年度", "令和10年度", "合計"],
        ["DX推進リーダー", "5", "5", "5", "15"],
        ["DX推進員", "10", "10", "10", "30"],
    ])
    down = html_table([["年度", "DX推進リーダー", "一般職員"], ["2026年度", "4", "120"], ["2027年度", "4", "150"]])
    html = "<h2>6 目標</h2><p>【育成目標人数】</p>" + across + "<p>【研修受講者数】</p>" + down
    return story_pdf(folder / "ena_targets.pdf", html, css="* {font-family: sans-serif; font-size: 10pt}")


def _centred(page: pymupdf.Page, box: tuple[float, float, float, float], text: str, size: float = 9) -> None:
    """Text set in a box, each of its lines centred horizontally, the block centred vertically."""
    lines = text.split("\n")
    top = (box[1] + box[3]) / 2 - len(lines) * size * 1.2 / 2
    for n, line in enumerate(lines):
        width = pymupdf.get_text_length(line, fontname=FONT, fontsize=size)
        page.insert_text(((box[0] + box[2] - width) / 2, top + (n + 1) * size * 1.2 - size * 0.25), line,
                         fontname=FONT, fontsize=size)


def takikawa_catalogue_over_a_break(folder: Path) -> Path:
    """滝川市 (ruled as a word processor prints a table cut by a page break): `分野` cells merged
    over their rows, the catalogue running onto page 2 without its header row. The first
    group's merged cell is cut by the break: its label stays on page 1 and no ruling closes it
    there, and page 2 draws no ruling above its first row. Marks ● ○ and a dash for "not for
    this role", the legend under the table."""
    widths = [50, 140, 70, 70, 65, 55, 55]
    edges = [MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
    header = ["分野", "講座名", "主催者", "受講方法", "DX推進リーダー", "DX推進員", "一般職員"]
    first = [("情報リテラシー研修", "滝川市", "eラーニング", "●", "●", "●"),
             ("個人情報保護研修", "北海道", "集合研修", "○", "●", "●")]
    second = [("文書デジタル化講座", "滝川市", "オンライン", "●", "○", "－")]
    applied = [("業務改善ワークショップ", "民間事業者", "集合研修", "●", "●", "－"),
               ("ノーコード開発講座", "民間事業者", "オンライン", "○", "●", "－")]
    expert = [("ネットワーク管理研修", "J-LIS", "集合研修", "－", "○", "－")]
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    page.insert_text((MARGIN, 80), "滝川市デジタル人材育成計画", fontname=FONT, fontsize=14)
    page.insert_text((MARGIN, 620), "5 研修講座の一覧", fontname=FONT, fontsize=11)

    def rule(x0: float, y0: float, x1: float, y1: float) -> None:
        page.draw_line((x0, y0), (x1, y1), color=(0, 0, 0), width=0.6)

    def rows(top: float, trainings, label: str | None, closed_above: bool, closed_below: bool) -> float:
        """One group's rows from `top`: the group column merged, the others ruled cell by cell."""
        height = 24 * len(trainings)
        for x in edges:
            rule(x, top, x, top + height)
        if closed_above:
            rule(edges[0], top, edges[-1], top)
        for n, cells in enumerate(trainings):
            y = top + 24 * n
            if n or closed_above:
                rule(edges[1], y, edges[-1], y)
            for x0, x1, text in zip(edges[1:], edges[2:], cells):
                _centred(page, (x0, y, x1, y + 24), text)
        rule(edges[0] if closed_below else edges[1], top + height, edges[-1], top + height)
        if label:
            _centred(page, (edges[0], top, edges[1], top + height), label)
        return top + height

    for x0, x1, text in zip(edges, edges[1:], header):
        rule(x0, 640, x0, 664)
        _centred(page, (x0, 640, x1, 664), text, 8)
    rule(edges[-1], 640, edges[-1], 664)
    rule(edges[0], 640, edges[-1], 640)
    rows(664, first, "基礎", closed_above=True, closed_below=False)
    page = doc.new_page(width=A4.width, height=A4.height)
    top = rows(60, second, None, closed_above=False, closed_below=True)
    top = rows(top, applied, "応用", closed_above=True, closed_below=True)
    top = rows(top, expert, "専門", closed_above=True, closed_below=True)
    page.insert_text((MARGIN, top + 20), "凡例　●＝必須　○＝推奨　－＝対象外", fontname=FONT, fontsize=9)
    path = folder / "takikawa_catalogue.pdf"
    doc.save(str(path))
    return path


def shiojiri_sideways_sheet(folder: Path) -> Path:
    """塩尻市 (a spreadsheet printed without gridlines, fills only): a training matrix printed
    sideways — a training per column, its name set vertically in a narrow filled header cell
    (the longest wrapped onto a second column to the left), filled row labels `主催` and
    `研修形態` over unfilled values (some wrapped onto two lines), then one unfilled row per
    role with marks ◎ ● △, the legend under the table with `…` between mark and meaning (● is
    推奨 here, not the usual 必須)."""
    names = ["DX基礎研修", "クラウド活用セミナー", "アジャイル開発実践講座", "庁内データ分析演習", "RPA勉強会"]
    organizers = ["塩尻市", "長野県", "J-LIS", "塩尻市", "民間"]
    formats = ["e-ラー\nニング", "オンラ\nイン", "集合\n研修", "動画", "演習"]
    marks = {"管理職": ["●", "△", "", "", ""],
             "DX推進リーダー": ["◎", "●", "◎", "●", ""],
             "DX推進員": ["◎", "◎", "●", "◎", "◎"],
             "一般職員": ["◎", "", "", "△", "●"]}
    edges = [MARGIN, 160] + [160 + 44 * (i + 1) for i in range(len(names))]
    header_fill, label_fill = (0.99, 0.89, 0.84), (0.89, 0.94, 0.85)
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    page.insert_text((MARGIN, 60), "塩尻市職員DX研修計画", fontname=FONT, fontsize=13)
    page.insert_text((MARGIN, 90), "2 研修と受講者", fontname=FONT, fontsize=10)
    top, bottom = 110.0, 220.0
    for x0, x1 in zip(edges, edges[1:]):
        page.draw_rect(pymupdf.Rect(x0, top, x1, bottom), color=None, fill=header_fill)
    _centred(page, (edges[0], top, edges[1], bottom), "区分")
    for x0, x1, name in zip(edges[1:], edges[2:], names):
        stacks = [name[:8], name[8:]] if len(name) > 8 else [name]
        centre = (x0 + x1) / 2 + 5 * (len(stacks) - 1)
        for stack in stacks:  # vertical writing: columns right to left, characters top down
            for n, char in enumerate(stack):
                width = pymupdf.get_text_length(char, fontname=FONT, fontsize=9)
                page.insert_text((centre - width / 2, top + 14 + 10 * n), char, fontname=FONT, fontsize=9)
            centre -= 10
    y = bottom
    for label, values in (("主催", organizers), ("研修形態", formats)):
        page.draw_rect(pymupdf.Rect(edges[0], y, edges[1], y + 24), color=None, fill=label_fill)
        _centred(page, (edges[0], y, edges[1], y + 24), label)
        for x0, x1, value in zip(edges[1:], edges[2:], values):
            _centred(page, (x0, y, x1, y + 24), value, 8)
        y += 24
    for role, row in marks.items():
        page.insert_text((edges[0] + 4, y + 14), role, fontname=FONT, fontsize=9)
        for x0, x1, mark in zip(edges[1:], edges[2:], row):
            if mark:
                _centred(page, (x0, y, x1, y + 20), mark, 10)
        y += 20
    page.insert_text((MARGIN, y + 16), "◎…必須　●…推奨　△…一部の職員", fontname=FONT, fontsize=8)
    path = folder / "shiojiri_sheet.pdf"
    doc.save(str(path))
    return path


def mizunami_fields_once(folder: Path) -> Path:
    """瑞浪市 (ruled grid): a `分野` column, not the first, printing each field once on the
    first row of its trainings and leaving the cells below it empty."""
    rows = [
        ["研修名", "分野", "実施方法", "DX推進リーダー", "一般職員"],
        ["情報セキュリティ基礎研修", "セキュリティ", "eラーニング", "●", "●"],
        ["標的型メール対応訓練", "", "集合研修", "●", "○"],
        ["BPR入門講座", "業務改革", "集合研修", "●", ""],
        ["業務フロー作図演習", "", "オンライン", "○", ""],
    ]
    return ruled_pdf(folder / "mizunami_plan.pdf", ["4 研修の体系"], rows, [150, 80, 80, 80, 60],
                     ["●：必須　○：推奨"])
