"""A slide deck drawn with PyMuPDF (another producer and font than the unseen corpus's
Chromium-printed deck, other wording and layout), for a town outside the corpus.

`nichinan_deck` draws 16:9 pages (960 × 540 pt): a cover whose period is joined by an arrow,
roles as a stack of rounded boxes with each definition printed to its right, one role's
skills as three boxes in a row (heading over items), a roadmap grid (a filled header band of
fiscal years, row rules, year rules, rounded bars, role chips under each course's name), a
course catalogue, KPI cards with a note of baseline figures, and a closing slide that holds
no record. Pages carry a footer band with the deck's name and the slide number.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pymupdf

from pdfs import FONT

WIDTH, HEIGHT = 960.0, 540.0
NAVY, PALE, ORANGE = (0.1, 0.2, 0.4), (0.92, 0.95, 0.98), (0.95, 0.6, 0.2)


def _text(page: pymupdf.Page, x: float, y: float, text: str, size: float = 12, color=(0, 0, 0)) -> None:
    page.insert_text((x, y + size), text, fontname=FONT, fontsize=size, color=color)


def _centred(page: pymupdf.Page, box: Sequence[float], lines: Sequence[str], size: float, color=(0, 0, 0)) -> None:
    """Lines centred in a box, the block centred vertically."""
    top = (box[1] + box[3]) / 2 - len(lines) * size * 1.3 / 2
    for n, line in enumerate(lines):
        width = pymupdf.get_text_length(line, fontname=FONT, fontsize=size)
        page.insert_text(((box[0] + box[2] - width) / 2, top + n * size * 1.3 + size), line,
                         fontname=FONT, fontsize=size, color=color)


def _box(page: pymupdf.Page, rect: Sequence[float], fill, radius: float | None = 0.15) -> None:
    page.draw_rect(pymupdf.Rect(rect), color=None, fill=fill, radius=radius)


def _slide(doc: pymupdf.Document, number: int, title: str | None) -> pymupdf.Page:
    page = doc.new_page(width=WIDTH, height=HEIGHT)
    _box(page, (0, HEIGHT - 26, WIDTH, HEIGHT), NAVY, radius=None)
    _text(page, 30, HEIGHT - 20, "日南市DX人材育成プラン", 9, (1, 1, 1))
    _text(page, WIDTH - 50, HEIGHT - 21, str(number), 11, (1, 1, 1))
    if title:
        _text(page, 40, 28, title, 24, NAVY)
    return page


def nichinan_deck(folder: Path) -> Path:
    """日南市 (fictional content)."""
    doc = pymupdf.open()
    cover = _slide(doc, 1, None)
    _text(cover, 60, 170, "日南市DX人材育成プラン", 34, NAVY)
    _text(cover, 60, 250, "対象期間　2026年度 → 2030年度", 14)
    _text(cover, 60, 275, "2026年2月　日南市 情報政策課", 14)

    roles = _slide(doc, 2, "育成する人材")
    for n, (name, definition) in enumerate([
        (["DXマネージャー"], ["部局のデジタル化を統括し、", "投資の優先順位を決める。"]),
        (["デジタル", "推進員"], ["課の業務をデジタルで見直し、改善を実行する。"]),
        (["全職員"], ["情報を安全に扱い、デジタルツールで仕事を進める。"]),
    ]):
        top = 110 + n * 120
        _box(roles, (60, top, 300, top + 90), NAVY)
        _centred(roles, (60, top, 300, top + 90), name, 18, (1, 1, 1))
        for k, line in enumerate(definition):  # its last line beside the name
            _text(roles, 360, top + 38 - (len(definition) - 1 - k) * 20, line, 13)

    skills = _slide(doc, 3, "デジタル推進員に必要なスキル")
    for n, (heading, items) in enumerate([
        ("業務改善", ["業務フローの図示", "改善効果の測定"]),
        ("データ", ["表計算による集計", "グラフによる可視化"]),
        ("安全管理", ["パスワードの管理"]),
    ]):
        left = 50 + n * 300
        _box(skills, (left, 120, left + 270, 380), PALE)
        _text(skills, left + 20, 140, heading, 18, NAVY)
        for k, item in enumerate(items):
            _text(skills, left + 20, 190 + k * 30, item, 13)

    roadmap = _slide(doc, 4, "講座の実施計画")
    years, columns = ["R8", "R9", "R10"], [330, 520, 710, 900]
    _box(roadmap, (40, 100, 900, 130), NAVY, radius=None)
    _text(roadmap, 50, 106, "講座", 13, (1, 1, 1))
    for year, x in zip(years, columns):
        _text(roadmap, x + 80, 106, year, 13, (1, 1, 1))
        roadmap.draw_line((x, 100), (x, 130), color=(1, 1, 1), width=0.8)
    courses = [("BPR基礎講座", ["マネージャー", "推進員"], 0, 3, "毎年"),
               ("ノーコード実習", ["推進員"], 1, 3, "拡充"),
               ("セキュリティ講座", ["全職員", "推進員"], 0, 2, "隔年")]
    for n, (course, chips, first, last, label) in enumerate(courses):
        top, bottom = 130 + n * 60, 190 + n * 60
        roadmap.draw_line((40, bottom), (900, bottom), color=(0.7, 0.7, 0.7), width=0.8)
        for x in columns[:-1]:
            roadmap.draw_line((x, top), (x, bottom), color=(0.7, 0.7, 0.7), width=0.5)
        _text(roadmap, 50, top + 8, course, 14)
        chip_x = 50.0
        for chip in chips:
            width = pymupdf.get_text_length(chip, fontname=FONT, fontsize=9) + 10
            _box(roadmap, (chip_x, top + 32, chip_x + width, top + 46), PALE, radius=0.5)
            _text(roadmap, chip_x + 5, top + 33.5, chip, 9, NAVY)
            chip_x += width + 6
        bar = (columns[first] + 10, top + 18, columns[last] - 10, top + 38)
        _box(roadmap, bar, ORANGE, radius=0.5)
        _centred(roadmap, bar, [label], 11, (1, 1, 1))

    catalogue = _slide(doc, 5, "講座の内容")
    rows = [["講座名", "概要", "研修形式", "主催"],
            ["BPR基礎講座", "業務の流れを図にして改善点を探る", "集合研修", "情報政策課"],
            ["ノーコード実習", "申請フォームを自分で作る", "オンライン", "宮崎県"],
            ["セキュリティ講座", "標的型メールへの備えを学ぶ", "eラーニング", "J-LIS"]]
    widths = [200, 380, 130, 150]
    for r, row in enumerate(rows):
        top = 100 + r * 40
        x = 40.0
        for text, width in zip(row, widths):
            catalogue.draw_rect(pymupdf.Rect(x, top, x + width, top + 40), color=(0.5, 0.5, 0.5), width=0.6,
                                fill=NAVY if r == 0 else None)
            _text(catalogue, x + 8, top + 13, text, 13, (1, 1, 1) if r == 0 else (0, 0, 0))
            x += width

    kpi = _slide(doc, 6, "数値目標")
    for n, (when, value, what) in enumerate([
        ("R10年度までに", "12人", "DXマネージャーの育成"),
        ("R12年度までに", "60人", "デジタル推進員の育成"),
        ("毎年", "100%", "全職員の研修受講率"),
    ]):
        left = 60 + n * 290
        _box(kpi, (left, 110, left + 250, 360), PALE)
        _centred(kpi, (left, 130, left + 250, 150), [when], 12)
        _centred(kpi, (left, 170, left + 250, 250), [value], 44, NAVY)
        _centred(kpi, (left, 280, left + 250, 300), [what], 13)
    _text(kpi, 60, 470, "※令和7年度末の実績はDXマネージャー3人、デジタル推進員14人。", 9)

    closing = _slide(doc, 7, None)
    _text(closing, 300, 230, "ご清聴ありがとうございました", 28, NAVY)
    path = folder / "nichinan_deck.pdf"
    doc.save(str(path))
    doc.close()
    return path
