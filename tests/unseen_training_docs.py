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
