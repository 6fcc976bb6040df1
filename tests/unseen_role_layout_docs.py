"""Policy pages that lay roles, skills and levels out as no sample does, built in tests
with PyMuPDF (never committed as PDFs).

They differ from the unseen corpus documents that found the gaps (`tsuruga_word`,
`chino_pptx`) in producer, wording and layout: MuPDF's Story or text placed at
positions instead of Chromium, other role names and header words, square or rounded
boxes drawn by PyMuPDF. The municipalities are fictional uses of real names.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

import pdfs
from pdfs import A4, FONT, MARGIN
from unseen_roles_docs import Span, ruled_table

CSS = "* {font-family: sans-serif; font-size: 10pt} h1 {font-size: 18pt} h2 {font-size: 13pt}"


def introduced_tables(path: Path) -> Path:
    """A Story page (no rulings): roles in a table headed `人材の種類 | 期待する役割`; a skill
    table and two level tables without a role column, each introduced by a sentence: one
    whose topic names the role last (`…を補佐するデジタル推進サポーターについては`), one
    naming a role as topic (`…には`), one naming two roles with neither as its topic."""
    html = """
<h1>小浜市デジタル人材育成の手引き</h1>
<h2>1 人材の種類</h2>
<table>
<tr><th>人材の種類</th><th>期待する役割</th></tr>
<tr><td>データ活用推進員</td><td>所属のデータを整え、分析の結果を施策の検討に生かす。</td></tr>
<tr><td>デジタル推進サポーター</td><td>データ活用推進員を補佐し、課内のツール活用を支える。</td></tr>
<tr><td>全職員</td><td>情報を安全に扱い、オンラインの手続を案内できる。</td></tr>
</table>
<h2>2 求める知識</h2>
<p>データ活用推進員には、次の知識・スキルを求める。</p>
<table>
<tr><th>分類</th><th>知識・スキル</th></tr>
<tr><td>データ</td><td>統計の基礎と標本の考え方</td></tr>
<tr><td>ツール</td><td>BIツールによるダッシュボード作成</td></tr>
</table>
<h2>3 育成の目安</h2>
<p>本市では、データ活用推進員を補佐するデジタル推進サポーターについては、次の段階を目安に育成する。</p>
<table>
<tr><th>レベル</th><th>到達の目安</th></tr>
<tr><td>レベル1</td><td>表計算の関数で集計表を作ることができる</td></tr>
<tr><td>レベル2</td><td>ノーコードツールで課内の申請を電子化できる</td></tr>
<tr><td>レベル3</td><td>他課の職員にツールの使い方を教えることができる</td></tr>
</table>
<h2>4 共通の段階</h2>
<p>全職員とデジタル推進サポーターが共に目指す段階を次に示す。</p>
<table>
<tr><th>段階</th><th>到達の目安</th></tr>
<tr><td>段階1</td><td>情報セキュリティの規程を理解している</td></tr>
<tr><td>段階2</td><td>規程に沿って情報資産を管理できる</td></tr>
</table>
"""
    return pdfs.story_pdf(path, html, CSS)


def banded_skill_matrix(path: Path) -> Path:
    """Roles as numbered headings, then a ruled skill matrix: `区分 | スキル` beside a band
    `求める水準` over the role columns, two of them abbreviated (`マネージャー`, `推進員`),
    ◎○△ marks and `－` for none."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    y = 60.0
    for heading, body in (("1 DX推進マネージャー", "部のデジタル化の方針を定め、進捗を管理する。"),
                          ("2 デジタル推進員", "課の業務をデジタル化し、職員の相談に応じる。"),
                          ("3 一般職員", "デジタルツールで日々の業務を効率よく進める。")):
        page.insert_text((MARGIN, y), heading, fontname=FONT, fontsize=13)
        page.insert_text((MARGIN + 10, y + 20), body, fontname=FONT, fontsize=10)
        y += 50
    page.insert_text((MARGIN, y + 10), "4 役割ごとのスキル", fontname=FONT, fontsize=13)
    rows = [["区分", "スキル", "求める水準", "", ""],
            ["", "", "マネージャー", "推進員", "一般職員"],
            ["企画", "業務改革の構想", "◎", "○", "－"],
            ["企画", "費用対効果の評価", "◎", "△", "－"],
            ["運用", "クラウドサービスの設定", "－", "◎", "△"],
            ["運用", "個人情報の適正な管理", "○", "◎", "◎"]]
    spans = [Span(0, 0, rows=2), Span(0, 1, rows=2), Span(0, 2, cols=3), Span(2, 0, rows=2), Span(4, 0, rows=2)]
    for span in spans[3:]:
        rows[span.row + 1][0] = ""
    ruled_table(page, y + 30, [60, 150, 90, 70, 70], rows, spans=spans)
    doc.save(path)
    doc.close()
    return path


def box_grid_levels(path: Path) -> Path:
    """A slide-like page (landscape): stage boxes `入門 | 実践 | 発展` over rounded boxes set
    apart by white gutters, one row per role, its name in a box of its own on the left,
    larger and centred while the cells' text sits at their tops; no header over the names."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.height, height=A4.width)
    page.insert_text((MARGIN, 60), "育成段階の目安", fontname=FONT, fontsize=20)
    columns = [(200.0, 380.0), (390.0, 570.0), (580.0, 760.0)]
    for (x0, x1), stage in zip(columns, ("入門", "実践", "発展")):
        page.draw_rect(pymupdf.Rect(x0, 90, x1, 120), color=None, fill=(0.1, 0.4, 0.6))
        page.insert_text(((x0 + x1) / 2 - 14, 110), stage, fontname=FONT, fontsize=14, color=(1, 1, 1))
    rows = [("DX推進リーダー", ["庁内の改善事例を集め、課の課題を", "整理できる", ""],
             ["業務の流れを図にして、改善案を", "提案できる", ""], ["複数の課にまたがる改革の計画を", "立てられる", ""]),
            ("一般職員", ["オンライン会議とチャットを使い", "こなせる", ""], ["共有フォルダの権限を正しく", "設定できる", ""],
             ["後輩にツールの使い方を", "教えられる", ""])]
    top = 128.0
    for name, *cells in rows:
        bottom = top + 100
        page.draw_rect(pymupdf.Rect(60, top, 190, bottom), color=None, fill=(0.2, 0.3, 0.4), radius=0.08)
        page.insert_text((70, (top + bottom) / 2 + 5), name, fontname=FONT, fontsize=13, color=(1, 1, 1))
        for (x0, x1), lines in zip(columns, cells):
            page.draw_rect(pymupdf.Rect(x0, top, x1, bottom), color=None, fill=(0.93, 0.96, 0.9), radius=0.08)
            for n, text in enumerate(line for line in lines if line):
                page.insert_text((x0 + 8, top + 18 + 15 * n), text, fontname=FONT, fontsize=10.5)
        top = bottom + 8
    doc.save(path)
    doc.close()
    return path


def ragged_unruled_matrix(path: Path) -> Path:
    """A matrix printed without rulings: `分類` and `項目` centred between the header's two
    rows, `到達度` over four role labels (an even run: it stands over none of them), and
    the 分類 labels centred between the two rows of their group."""
    size = 9.0
    texts = [(MARGIN, 80, "情報化推進計画 別表")]
    texts += [(367, 200, "到達度"), (MARGIN + 10, 200 + size, "分類"), (140, 200 + size, "項目")]
    roles = ("課長級", "係長級", "一般職員", "新規採用職員")
    xs = (260, 320, 400, 460)
    texts += [(x, 200 + 2 * size, role) for x, role in zip(xs, roles)]
    items = [("セキュリティ", "パスワードの管理", ("●", "●", "●", "●")), ("セキュリティ", "不審メールへの対応", ("○", "●", "●", "●")),
             ("データ", "オープンデータの公開", ("●", "○", "", "")), ("データ", "集計表の作成", ("", "●", "●", "○"))]
    for n, (_, item, marks) in enumerate(items):
        y = 240 + 18 * n
        texts.append((140, y, item))
        texts += [(x + 8, y, mark) for x, mark in zip(xs, marks) if mark]
    texts += [(MARGIN + 4, 249, "セキュリティ"), (MARGIN + 10, 285, "データ")]
    texts.append((MARGIN, 360, "●：必須　○：推奨"))
    return pdfs.text_pdf(path, texts, fontsize=size)
