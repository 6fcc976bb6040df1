"""General staff-development policies (人材育成基本方針, 研修計画), built in tests with PyMuPDF
(never committed as PDFs).

They hold what `tests/unseen_corpus/kurume_kihon.pdf`, `iwaki_kihon.pdf` and
`iida_kenshu.pdf` hold — job grades and their abilities, general trainings, general numeric
goals beside (or without) a digital part — worded and laid out otherwise: MuPDF's Story
(tables without rulings) or grids drawn here, other chapter words, other header words,
digital groups as rows across a table instead of a merged column. The municipalities are
real ones that no corpus document is about; the contents are made up.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pymupdf

import pdfs
from pdfs import A4, FONT, MARGIN
from unseen_roles_docs import Span, ruled_table, text_lines

CSS = "* {font-family: sans-serif; font-size: 10pt} h1 {font-size: 20pt} h2 {font-size: 13pt} td {padding: 2pt 5pt}"

story_pdf = partial(pdfs.story_pdf, css=CSS)


def html_table(rows: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


GRADES = [["階層", "求められる役割", "必要な能力"],
          ["部長", "部の経営方針を定め、部内を統率する", "経営判断力"],
          ["課長", "課の目標を設定し、成果に責任を持つ", "組織マネジメント力"],
          ["係長", "係の業務を進行管理し、係員を指導する", "指導力"],
          ["主任", "業務の中核を担い、後輩に助言する", "企画力"],
          ["主事", "担当業務を正確に処理する", "事務処理能力"]]


def tatebayashi(path: Path, digital_chapter: str = "第4章 ICTを活かす人材の育成") -> Path:
    """館林市職員人材育成ビジョン: chapters `第n章`, unruled tables. A 階層 table of job grades
    with their roles and abilities, a general training table, then the chapter headed
    `digital_chapter` with its own role table, training table and a goal sentence, then a
    chapter on working conditions with a 女性管理職 goal and a yearly KPI table."""
    html = f"""
    <h1>館林市職員人材育成ビジョン</h1>
    <p>令和8年4月 館林市総務部人事課</p>
    <h2>第1章 ビジョンの期間</h2>
    <p>本ビジョンの期間は、令和8年度から令和12年度までとします。</p>
    <h2>第2章 階層ごとに期待する姿</h2>
    {html_table(GRADES)}
    <h2>第3章 研修</h2>
    {html_table([["研修名", "対象者", "方法"], ["新任係長研修", "係長", "集合研修"],
                 ["接遇研修", "新規採用職員", "集合研修"], ["ハラスメント防止研修", "全職員", "eラーニング"]])}
    <h2>{digital_chapter}</h2>
    <p>業務の見直しとサービスの向上を担う職員を、次のとおり育成します。</p>
    {html_table([["人材", "役割"],
                 ["DX推進リーダー", "各課で業務改善を企画し、実行を先導する職員です。"],
                 ["情報システム担当職員", "庁内のシステムとネットワークを管理する職員です。"]])}
    <p>研修は次のとおり実施します。</p>
    {html_table([["講座名", "対象", "形式"],
                 ["ノーコードアプリ作成講座", "DX推進リーダー(必須)", "演習"],
                 ["ネットワーク管理研修", "情報システム担当職員(必須)", "集合研修"]])}
    <p>令和12年度までに、DX推進リーダーを40名育成します。</p>
    <h2>第5章 働きやすい職場</h2>
    <p>女性管理職の割合を、令和12年度までに30%とすることを目指します。</p>
    {html_table([["指標", "令和6年度(実績)", "令和12年度目標"],
                 ["年次休暇の平均取得日数", "10日", "15日"], ["男性職員の育児休業取得率", "40%", "85%"]])}
    """
    return story_pdf(path, html)


def komoro(path: Path) -> Path:
    """小諸市人材育成基本方針: one page, a ruled grid of 職層 with their roles and abilities,
    trainings named in prose, DX named only in passing, goal sentences about the whole staff
    (女性管理職比率, 研修の受講率) and a ruled yearly goal grid. No digital part at all."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    page.insert_text((MARGIN, 80), "小諸市人材育成基本方針", fontname=FONT, fontsize=20)
    y = text_lines(page, 95, [
        ("令和7年10月 小諸市総務課", 10.5),
        ("1 目指す職員像", 12),
        ("DXの推進をはじめ社会の変化に対応できる、市民に信頼される職員を育成します。", 10),
        ("2 職層ごとの役割", 12),
    ])
    y = ruled_table(page, y + 4, [90, 230, 150], [
        ["職層", "役割", "求められる能力"],
        ["管理職", "組織目標を定め、職員を育成する。", "決断力、人材育成力"],
        ["監督職", "係の業務を管理し、職員を指導する。", "調整力、指導力"],
        ["一般職員", "担当業務を着実に遂行する。", "実務能力"],
    ])
    y = text_lines(page, y + 6, [
        ("3 研修と目標", 12),
        ("新任監督職研修、接遇研修(新規採用職員・必修、集合研修)を毎年度実施します。", 10),
        ("令和10年度までに女性管理職比率を25%とすることを目指します。", 10),
    ])
    ruled_table(page, y + 4, [170, 90, 90, 90], [
        ["目標", "令和8年度", "令和9年度", "令和10年度"],
        ["管理職研修の受講者数", "20人", "25人", "30人"],
        ["自己啓発支援制度の利用者数", "40人", "50人", "60人"],
    ])
    doc.save(str(path))
    doc.close()
    return path


def tsubame_plan(path: Path) -> Path:
    """燕市職員研修実施計画 (one year): a ruled training grid whose groups are rows across
    the table (`【階層別研修】`, `【情報化研修】`, `【派遣研修】`) over header words
    `講座名称 | 受講対象 | 開催方法 | 主催`; only the 情報化 group's trainings are digital."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    page.insert_text((MARGIN, 80), "令和8年度燕市職員研修実施計画", fontname=FONT, fontsize=18)
    y = text_lines(page, 95, [("令和8年3月 燕市総務部", 10.5), ("計画期間:令和8年度", 10.5)])
    rows = [
        ["講座名称", "受講対象", "開催方法", "主催"],
        ["【階層別研修】", "", "", ""],
        ["新規採用職員研修", "新規採用職員", "集合研修", "人事課"],
        ["新任主査研修", "新任主査", "集合研修", "人事課"],
        ["【情報化研修】", "", "", ""],
        ["表計算ソフト活用講座", "希望者", "演習", "情報政策課"],
        ["生成AI業務活用研修", "全職員", "eラーニング", "民間事業者"],
        ["【派遣研修】", "", "", ""],
        ["政策形成能力開発研修", "主査級", "派遣", "新潟県"],
    ]
    spans = [Span(row=r, col=0, cols=4) for r, row in enumerate(rows) if row[0].startswith("【")]
    ruled_table(page, y + 6, [170, 110, 90, 100], rows, spans=spans)
    doc.save(str(path))
    doc.close()
    return path


def kounosu_list(path: Path) -> Path:
    """鴻巣市DX研修プラン: trainings as a list `1) 名称（形式）`, each followed by a paragraph
    whose sentence names its audience in words (`受講対象者は、…(必須)及び…(希望者)です。`)."""
    html = """
    <h1>鴻巣市DX研修プラン</h1>
    <h2>1 育成する人材</h2>
    <p>(1) デジタル推進員</p>
    <p>各課において業務のデジタル化を進める職員です。</p>
    <p>(2) 一般職員</p>
    <p>デジタル技術を日常の業務に活用する職員です。</p>
    <h2>2 研修</h2>
    <p>1) RPA実践講座（演習）</p>
    <p>定型業務を自動化する手順を学びます。受講対象者は、デジタル推進員(必須)及び一般職員(希望者)です。</p>
    <p>2) データ活用入門講座（オンライン）</p>
    <p>対象:一般職員</p>
    """
    return story_pdf(path, html)


def konosu_summary(path: Path) -> Path:
    """鴻巣市職員育成方針【概要版】: one 16:9 page, the title at the left of its top line and
    the issue date with the issuer at the right, a ruled grid of 職級 with their roles,
    prose naming デジタル only in passing."""
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=474)
    page.insert_text((30, 40), "鴻巣市職員育成方針【概要版】", fontname=FONT, fontsize=18)
    y = text_lines(page, 60, [
        ("方針の期間は令和8年度から令和11年度までです。", 9),
        ("デジタル化の進展など環境の変化を踏まえ、職員の育成に取り組みます。", 9),
    ], x=30)
    ruled_table(page, y + 6, [90, 300, 200], [
        ["職級", "役割", "必要な能力"],
        ["部長級", "部の方針を定め、部を統率する。", "経営感覚"],
        ["課長級", "課の目標を定め、職員を育てる。", "人材育成力"],
        ["係長級", "係の業務を管理する。", "業務管理能力"],
    ])
    page.insert_text((640, 40), "令和8年5月 鴻巣市人事課", fontname=FONT, fontsize=9)  # printed last: read after the body
    doc.save(str(path))
    doc.close()
    return path
