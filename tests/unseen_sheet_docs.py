"""Spreadsheet workbooks printed to PDF, drawn with PyMuPDF (another producer and font than
the unseen corpus's Chromium prints), for towns outside the corpus.

`sheet_pdf` draws each sheet as Excel prints it with gridlines on: one lattice over the whole
print area (title cells, blank rows, tables and notes in it), optionally with the row and
column headings printed around it (`A B C …` above, row numbers left), a running header, and
the cells' texts set as a spreadsheet sets them (numbers right-aligned, a merged cell's label
centred across its rows). Each function returns the path of the PDF it wrote into `folder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pymupdf

from pdfs import FONT

LANDSCAPE = pymupdf.paper_rect("a4-l")
HEADING_WIDTH = 22.0  # the printed row headings' column
ROW_HEIGHT = 16.0
SIZE = 8.0

Row = tuple[int, Sequence[str]]
"""(row number, cell texts): a text `"label|n"` spans n columns, `"label|n|m"` n columns and m rows
(the slots it covers are left out of the rows below); `">12"` is a number set right-aligned."""


def sheet_pdf(path: Path, pages: Sequence[tuple[str, Sequence[float], Sequence[Row]]], *,
              headings: bool = True, gridlines: bool = True) -> Path:
    """Pages of (sheet name, column widths in points, rows); with `headings` each page
    prints the column letters over its cells and each row's number left of it; without
    `gridlines` no cell is drawn, only its text."""
    doc = pymupdf.open()
    for sheet, widths, rows in pages:
        page = doc.new_page(width=LANDSCAPE.width, height=LANDSCAPE.height)
        page.insert_text((40, 26), f"令和7年度 人材育成計画表　{sheet}", fontname=FONT, fontsize=7)
        left = 40 + (HEADING_WIDTH if headings else 0)
        top = 48 + (ROW_HEIGHT if headings else 0)
        edges = [left]
        for width in widths:
            edges.append(edges[-1] + width)
        if headings:
            _grid_cell(page, (40, 48, left, top), "", gridlines)
            for n, (x0, x1) in enumerate(zip(edges, edges[1:])):
                _grid_cell(page, (x0, 48, x1, top), chr(ord("A") + n), gridlines, centre=True)
        covered: set[tuple[int, int]] = set()
        for r, (number, cells) in enumerate(rows):
            y0 = top + r * ROW_HEIGHT
            if headings:
                _grid_cell(page, (40, y0, left, y0 + ROW_HEIGHT), str(number), gridlines, centre=True)
            column = 0
            for cell in cells:
                while (r, column) in covered:
                    column += 1
                text, *span = cell.split("|")
                across, down = (int(span[0]) if span else 1), (int(span[1]) if len(span) > 1 else 1)
                covered |= {(r + i, column + j) for i in range(down) for j in range(across)}
                box = (edges[column], y0, edges[column + across], y0 + down * ROW_HEIGHT)
                _grid_cell(page, box, text.removeprefix(">"), gridlines, right=text.startswith(">"), centre=down > 1)
                column += across
    doc.save(str(path))
    doc.close()
    return path


def _grid_cell(page: pymupdf.Page, box: tuple[float, float, float, float], text: str, gridlines: bool, *,
               right: bool = False, centre: bool = False) -> None:
    """A cell (bounded by gridlines or not) and its text: left-aligned, right-aligned (a
    number) or centred."""
    if gridlines:
        page.draw_rect(pymupdf.Rect(box), color=(0.75, 0.75, 0.75), width=0.4)
    if not text:
        return
    width = pymupdf.get_text_length(text, fontname=FONT, fontsize=SIZE)
    x = box[2] - 2 - width if right else (box[0] + box[2] - width) / 2 if centre else box[0] + 2
    page.insert_text((x, (box[1] + box[3]) / 2 + SIZE / 2.8), text, fontname=FONT, fontsize=SIZE)


# ---------------------------------------------------------------- the documents


def kawachinagano_workbook(folder: Path) -> Path:
    """河内長野市 (fictional content): three sheets printed with their row and column headings.
    A cover block (title, issue date, period) over a role table headed `No. | 人材像 | 期待される役割`
    under a section label; a skill sheet whose `分野` cell is merged over its rows, required levels
    as numbers with `#REF!` and blanks, and a `Lv.1 …` scale under it; a training sheet whose
    print starts at row 3 (rows 1–2 hidden), `●` marks under a merged `対象`,
    the legend in cells below, and a `合計` row of counts."""
    roles: list[Row] = [
        (1, ["河内長野市 DX人材育成実施計画|3", ""]),
        (2, ["計画期間 2025年度から2028年度まで|2", "", "2025年5月"]),
        (3, ["", "", "", ""]),
        (4, ["■ 育成する人材像|2", "", ""]),
        (5, ["No.", "人材像", "期待される役割", "職位"]),
        (6, ["1", "デジタル推進監", "全庁のDXを統括し、部局間の調整を行う。", "部長級"]),
        (7, ["2", "業務改革リーダー", "所属の業務を見直し、改善策を企画して実行する。", "課長補佐級"]),
        (8, ["3", "一般職員", "デジタルツールで日常業務を効率化する。", "全職員"]),
        (9, ["", "", "", ""]),
    ]
    skills: list[Row] = [
        (1, ["知識・スキルの一覧|3", "", "", ""]),
        (2, ["", "", "", "", "", ""]),
        (3, ["分野", "知識・スキル", "デジタル推進監", "業務改革リーダー", "一般職員", "備考"]),
        (4, ["企画|1|2", "業務の可視化", ">3", ">2", ">1", "要件見直し中"]),
        (5, ["データ分析", ">2", "#REF!", "", ""]),
        (6, ["基盤|1|2", "クラウドの理解", ">3", ">1", "", ""]),
        (7, ["ネットワーク管理", ">2", "", "", ""]),
        (8, ["", "", "", "", "", ""]),
        (9, ["Lv.1", "基本を知っている", "", "", "", ""]),
        (10, ["Lv.2", "手順に沿って実行できる", "", "", "", ""]),
        (11, ["Lv.3", "他者に教えられる", "", "", "", ""]),
    ]
    trainings: list[Row] = [
        (3, ["研修名|1|2", "主催|1|2", "対象|3"]),
        (4, ["デジタル推進監", "業務改革リーダー", "一般職員"]),
        (5, ["DX戦略セミナー", "外部講師", "●", "", ""]),
        (6, ["業務改善演習", "本市", "", "●", ""]),
        (7, ["情報セキュリティ講座", "本市", "●", "●", "●"]),
        (8, ["合計", "", ">2", ">2", ">1"]),
        (9, ["", "", "", "", ""]),
        (10, ["●：必修|2", "", "", ""]),
    ]
    return sheet_pdf(folder / "kawachinagano_workbook.pdf", [
        ("人材像", [40, 110, 230, 90], roles),
        ("スキル", [70, 130, 80, 90, 60, 80], skills),
        ("研修", [130, 70, 80, 90, 70], trainings),
    ])


def kawachinagano_plain(folder: Path) -> Path:
    """河内長野市 (fictional content) again, its skill and training sheets printed as most
    workbooks are: no gridlines, no headings. Under a header row twice as tall, rows one line
    each, spaced like a cell's wrapped lines, keyed `01`…; the training sheet's legend `◎：必修　○：受講対象` in its title row, two
    rows above the band `受講対象` over the role columns."""
    skills: list[Row] = [
        (1, ["知識・スキルの一覧|3", "", "", ""]),
        (2, ["", "", "", "", "", ""]),
        (3, ["No|1|2", "知識・スキル|1|2", "デジタル推進監|1|2", "業務改革リーダー|1|2", "一般職員|1|2", "備考|1|2"]),
        (4, []),
        (5, ["01", "業務の可視化", ">3", ">2", ">1", ""]),
        (6, ["02", "データ分析", ">2", "", "", ""]),
        (7, ["03", "クラウドの理解", ">3", ">1", "", ""]),
        (8, ["04", "ネットワーク管理", ">2", "", "", ""]),
        (9, ["05", "情報セキュリティ", ">3", ">2", ">1", ""]),
    ]
    trainings: list[Row] = [
        (1, ["研修計画|2", "", "", "◎：必修　○：受講対象"]),
        (2, ["", "", "", "", ""]),
        (3, ["", "", "受講対象|3"]),
        (4, ["研修名", "主催", "デジタル推進監", "業務改革リーダー", "一般職員"]),
        (5, ["DX戦略セミナー", "外部講師", "◎", "○", ""]),
        (6, ["業務改善演習", "本市", "", "◎", "○"]),
        (7, ["情報セキュリティ講座", "本市", "◎", "◎", "◎"]),
    ]
    return sheet_pdf(folder / "kawachinagano_plain.pdf", [
        ("スキル", [40, 130, 80, 90, 60, 80], skills),
        ("研修", [130, 70, 80, 90, 110], trainings),
    ], headings=False, gridlines=False)
