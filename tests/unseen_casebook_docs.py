"""Casebooks we do not have, built in tests with PyMuPDF (MuPDF's HTML layout, not Skia).

Each builder writes a PDF into a folder and returns its path. The layouts differ from
総務省's sample on purpose: landscape or portrait pages, lists drawn without ruling
lines and with other header words, bodies printed without their prefecture or with it
in parentheses after the city, populations in 万 units, keywords in 【キーワード】A／B
form, level schemes named 初級・中級・上級 or printed on one line with their definition,
goals stated in a sentence, and printed page numbers offset differently from the PDF's.
Municipality names are real ones that the sample corpus does not mention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf

CSS = "* {font-family: sans-serif; font-size: 10pt} td {padding: 2pt 8pt; vertical-align: top}"
_MARGIN = 36.0
_BODY_SHARE = 0.86  # the footer band below stays free for the printed page number


@dataclass(frozen=True)
class Sheet:
    """One page: its HTML and the page number printed in its footer (None: unnumbered)."""

    html: str
    footer: str | None = None


def write_pdf(path: Path, sheets: Sequence[Sheet], paper: str = "a4", running: str | None = None) -> Path:
    """The sheets as a PDF; `running`: a text printed at the foot of every page, left."""
    rect = pymupdf.paper_rect(paper)
    doc = pymupdf.open()
    for sheet in sheets:
        page = doc.new_page(width=rect.width, height=rect.height)
        area = pymupdf.Rect(_MARGIN, _MARGIN, rect.width - _MARGIN, rect.height * _BODY_SHARE)
        page.insert_htmlbox(area, sheet.html, css=CSS)
        if sheet.footer is not None:
            width = pymupdf.get_text_length(sheet.footer, fontname="helv", fontsize=9)
            page.insert_text(((rect.width - width) / 2, rect.height - 18), sheet.footer, fontname="helv", fontsize=9)
        if running is not None:
            page.insert_text((_MARGIN, rect.height - 18), running, fontname="japan", fontsize=8)
    doc.save(path)
    doc.close()
    return path


def _p(text: str, size: float = 10, bold: bool = False) -> str:
    weight = "font-weight: bold;" if bold else ""
    return f'<p style="font-size: {size}pt; {weight} margin: 2pt 0">{text}</p>'


def _table(rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    head = "".join(f'<td style="width: {w}%">{cell}</td>' for cell, w in zip(rows[0], widths))
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows[1:])
    return f'<table style="width: 100%"><tr>{head}</tr>{body}</table>'


def _cover(*lines: tuple[str, float]) -> Sheet:
    return Sheet('<div style="margin-top: 120pt">' + "".join(_p(t, s, bold=s > 20) for t, s in lines) + "</div>")


# ---------------------------------------------------------------- 1. a prefecture's casebook

def prefecture_casebook(folder: Path) -> Path:
    """茨城県's casebook of its municipalities, landscape A4.

    The list (`No. | 市町村名 | 取組名 | 掲載頁`) prints the cities without prefecture and
    without population; each case page prints `人口 約3.9万人` or `人口（R6.1.1現在）：38,000人` under
    the city, and its keywords as `【キーワード】A／B／C`. Printed page 1 (`P.1`) is PDF page 3.
    Every page prints `茨城県` at its foot, left.
    """
    cases = [
        ("桜川市", "人口 約3.9万人", "全職員向けDX研修の体系化", "DX研修／OJT／庁内公募"),
        ("常陸大宮市", "人口（R6.1.1現在）：38,000人", "若手職員によるDX推進チームの設置", "若手職員／ワーキンググループ／業務改善"),
        ("稲敷市", "人口 約3.8万人／職員数：約500人", "外部デジタル人材と連携した伴走支援", "外部専門人材／伴走支援／RPA"),
    ]
    sheets = [
        _cover(("茨城県", 24), ("市町村におけるDX人材育成事例集", 30), ("令和7年3月", 16)),
        Sheet(_p("はじめに", 18, bold=True) + _p("本事例集は、県内市町村におけるデジタル人材の育成に関する"
                                              "取組を紹介するものです。各市町村の取組の参考としてご活用ください。")),
        Sheet(_p("県内市町村の取組一覧", 18, bold=True) + _table(
            [("No.", "市町村名", "取組名", "掲載頁")]
            + [(str(n), city, title, str(2 + 2 * (n - 1))) for n, (city, _, title, _) in enumerate(cases, 1)],
            (8, 22, 60, 10)), footer="P.1"),
    ]
    for n, (city, population, title, keywords) in enumerate(cases, 1):
        printed = 2 + 2 * (n - 1)
        sheets.append(Sheet(
            _p(city, 16, bold=True) + _p(population, 11) + _p(title, 22, bold=True)
            + _p(f"【キーワード】{keywords}")
            + _p(f"{city}では、職員のデジタルスキル向上を目的として、令和5年度から取組を進めています。"
                 "所属長の推薦により参加者を募り、年間を通じて実践的な研修を行っています。"),
            footer=f"P.{printed}"))
        sheets.append(Sheet(
            _p("取組のポイント", 20, bold=True)
            + _p("✓ 所属長の理解を得て、業務時間内に研修を実施") + _p("✓ 研修成果を庁内報で共有")
            + _p("今後の展開", 14, bold=True) + _p("✓ 全庁への横展開を検討"),
            footer=f"P.{printed + 1}"))
    return write_pdf(folder / "ibaraki_casebook.pdf", sheets, "a4-l", running="茨城県")


def home_names_casebook(folder: Path) -> Path:
    """北海道's casebook of its municipalities, portrait A4, printing bare names that other
    prefectures share too (伊達市 is also 福島県's, 森町 静岡県's), and the population in a
    list column of its own (`No. | 市町村名 | 人口 | 取組名 | 掲載頁`), rounded; the slides
    print it exactly, dated. No page numbers are printed."""
    cases = [("伊達市", "約3.1万人", "30,812", "ノーコードツールによる職員発の業務改善"),
             ("森町", "約1.4万人", "14,277", "近隣町村との合同研修"),
             ("富良野市", "20,000", "19,874", "データ利活用人材の育成")]
    sheets = [
        _cover(("北海道", 24), ("市町村DX人材育成取組事例", 30), ("令和7年1月", 14)),
        Sheet(_p("道内市町村の取組一覧", 18, bold=True) + _table(
            [("No.", "市町村名", "人口", "取組名", "掲載頁")]
            + [(str(n), city, population, title, str(2 + n)) for n, (city, population, _, title) in enumerate(cases, 1)],
            (8, 18, 14, 50, 10))),
    ]
    for city, _, exact, title in cases:
        sheets.append(Sheet(
            _p(city, 18, bold=True) + _p(f"人口：{exact}人（令和6年1月1日現在）")
            + _p(title, 22, bold=True) + _p("【キーワード】業務改善、合同研修")
            + _p("職員が自ら業務を見直し、デジタルツールで改善する取組です。")))
    return write_pdf(folder / "hokkaido_casebook.pdf", sheets)


def list_population_casebook(folder: Path, page_numbers: bool = True) -> Path:
    """福島県's casebook whose list alone gives the population (`No. | 市町村名 | 人口 |
    取組名 | 掲載頁`): each slide heads with the city's bare name (伊達市 is also
    北海道's) over the title, and prints no 人口 line. Printed page 1 is PDF page 2
    (with `page_numbers`; else no page numbers are printed)."""

    def footer(number: int) -> str | None:
        return str(number) if page_numbers else None

    cases = [("伊達市", "約5.8万人", "ペーパーレス会議の定着とDX推進員"),
             ("喜多方市", "約4.5万人", "地域おこし協力隊と連携したデジタル人材育成"),
             ("南相馬市", "約5.8万人", "全庁BPRプロジェクトによる人材育成")]
    sheets = [
        _cover(("福島県", 24), ("市町村DX人材育成の取組", 30), ("令和7年3月", 14)),
        Sheet(_p("県内市町村の取組一覧", 18, bold=True) + _table(
            [("No.", "市町村名", "人口", "取組名", "掲載頁")]
            + [(str(n), city, population, title, str(2 * n)) for n, (city, population, title) in enumerate(cases, 1)],
            (8, 18, 14, 50, 10)), footer=footer(1)),
    ]
    for n, (city, _, title) in enumerate(cases, 1):
        sheets.append(Sheet(_p(city, 18, bold=True) + _p(title, 22, bold=True) + _p("キーワード：#BPR #DX推進員")
                            + _p("庁内の業務を見直し、デジタル化による効率化を進めています。"), footer=footer(2 * n)))
        sheets.append(Sheet(_p("取組の成果", 18, bold=True) + _p("会議資料の印刷が大きく減りました。"),
                            footer=footer(2 * n + 1)))
    return write_pdf(folder / "fukushima_casebook.pdf", sheets)


# ---------------------------------------------------------------- 2. city（prefecture） headings

def parenthesized_casebook(folder: Path) -> Path:
    """A casebook whose slides open `事例2 美郷町（秋田県）` + `人口：約1.8万人`, portrait A4.

    The list (`番号 | 自治体名 | 事例名 | ページ`) prints `美郷町（秋田県）` — a name three
    prefectures share — and no rules; its last row runs over to a page of its own without
    the header row. Printed page numbers (`5 / 10`) equal PDF page numbers.
    """
    cases = [
        ("富良野市", "北海道", "人口：約2.0万人", "データ活用研修による政策立案力の向上", "#EBPM #データ分析"),
        ("美郷町", "秋田県", "人口：約1.8万人", "少人数体制でのDX推進員の育成", "#DX推進員 #兼務"),
        ("伊那市", "長野県", "人口：約6.5万人", "民間企業との人事交流によるDX人材の確保", "#人事交流 #外部専門人材"),
    ]
    first_case_page, total = 5, 10
    rows = [(str(n), f"{city}（{pref}）", title, str(first_case_page + 2 * (n - 1)))
            for n, (city, pref, _, title, _) in enumerate(cases, 1)]
    toc = _p("目次", 18, bold=True) + _p("1. 事例一覧 ・・・・・・ 3") + _p(f"2. 各団体の取組 ・・・・・・ {first_case_page}")
    sheets = [
        _cover(("自治体DX人材育成", 28), ("先進事例集", 28), ("令和7年2月", 14), ("地方自治DX研究会", 16)),
        Sheet(toc, footer=f"2 / {total}"),
        Sheet(_p("1. 事例一覧", 18, bold=True) + _table([("番号", "自治体名", "事例名", "ページ"), *rows[:2]], (8, 28, 54, 10)),
              footer=f"3 / {total}"),
        Sheet(_p("1. 事例一覧（続き）", 18, bold=True) + _table([("", "", "", ""), *rows[2:]], (8, 28, 54, 10)),
              footer=f"4 / {total}"),
    ]
    for n, (city, pref, population, title, keywords) in enumerate(cases, 1):
        page = first_case_page + 2 * (n - 1)
        sheets.append(Sheet(
            _p(f"事例{n} {city}（{pref}）", 14, bold=True) + _p(population) + _p(title, 20, bold=True)
            + _p(f"キーワード：{keywords}")
            + _p("限られた職員数の中で、業務と兼務しながらデジタル化を進める体制を整えました。"),
            footer=f"{page} / {total}"))
        sheets.append(Sheet(
            _p("取組の成果と課題", 18, bold=True)
            + _p("研修受講者が各課で業務改善を主導し、申請手続のオンライン化が進みました。"),
            footer=f"{page + 1} / {total}"))
    return write_pdf(folder / "jirei_casebook.pdf", sheets)


# ---------------------------------------------------------------- 3. levels and goals

def facts_casebook(folder: Path) -> Path:
    """A casebook whose cases state a level scheme and a numeric goal, landscape A4.

    Printed page 1 is PDF page 4 (`- 1 -` footers); the list gives each case's pages as a
    range (`2～3`). 桐生市 prints 初級・中級・上級 with
    each definition beside its label and the goal `目標：令和9年度までにDX推進リーダー30名`;
    西条市 prints `レベル1 …` with label and definition on one line.
    """
    cases = [
        ("群馬県桐生市", "人口：約10.1万人", "段階別研修によるDX推進リーダーの育成", "#段階別研修 #DX推進リーダー"),
        ("愛媛県西条市", "人口：約10.5万人", "全職員のデジタルスキルの底上げ", "#全職員研修 #eラーニング"),
        ("鳥取県智頭町", "人口：約6,500人", "業務改善提案制度とDXの連動", "#業務改善 #提案制度"),
    ]
    sheets = [
        _cover(("DX人材育成の取組事例", 30), ("令和7年3月", 14), ("自治体デジタル人材研究会", 16)),
        Sheet(_p("本書の使い方", 18, bold=True) + _p("事例ごとに、育成の考え方と具体的な取組を紹介しています。")),
        Sheet(_p("凡例", 18, bold=True) + _p("人口は各団体の住民基本台帳に基づく概数です。")),
        Sheet(_p("事例一覧", 18, bold=True) + _table(
            [("No.", "団体名", "事例名", "ページ")]
            + [(str(n), body, title, f"{2 * n}～{2 * n + 1}") for n, (body, _, title, _) in enumerate(cases, 1)],
            (8, 24, 58, 10)), footer="- 1 -"),
    ]
    facts_pages = [
        _p("DX推進リーダーの育成レベル", 20, bold=True) + _table(
            [("区分", "求められる能力"),
             ("初級", "業務の課題をデジタルで解決する発想を持つ"),
             ("中級", "所属のデジタル化を企画し実行できる"),
             ("上級", "全庁のDX推進を主導できる")], (15, 85))
        + _p("目標：令和9年度までにDX推進リーダー30名", 12),
        _p("職員のデジタルスキルのレベル", 20, bold=True)
        + _p("レベル1 パソコンの基本操作ができる") + _p("レベル2 業務で表計算やクラウドを活用できる")
        + _p("レベル3 データを分析し業務改善を提案できる"),
        _p("提案制度の運用", 20, bold=True) + _p("毎年度、各課から業務改善の提案を募集しています。"),
    ]
    for n, ((body, population, title, keywords), facts) in enumerate(zip(cases, facts_pages), 1):
        printed = 2 + 2 * (n - 1)
        sheets.append(Sheet(
            _p(str(n), 28, bold=True) + _p(body, 14, bold=True) + _p(population) + _p(title, 20, bold=True)
            + _p(f"キーワード: {keywords}") + _p("職員の役割に応じた段階的な育成を行っています。"),
            footer=f"- {printed} -"))
        sheets.append(Sheet(facts, footer=f"- {printed + 1} -"))
    return write_pdf(folder / "facts_casebook.pdf", sheets, "a4-l")


# ---------------------------------------------------------------- 4. no list, no numbers

def unlisted_casebook(folder: Path) -> Path:
    """A casebook with neither a list nor case numbers: each slide opens with its body and
    population on one line (`福岡県糸島市（人口：約10.3万人）`); its `【キーワード】` label
    stands alone above the keywords. Three municipal cases, then a prefectural one."""
    cases = [("福岡県糸島市", "約10.3万人", "庁内公募によるDXサポーターの育成", "DXサポーター／庁内公募"),
             ("佐賀県武雄市", "約4.8万人", "管理職向けDXマネジメント研修", "管理職研修／DXマネジメント"),
             ("熊本県菊池市", "約4.7万人", "窓口業務のデジタル化を担う職員の育成", "窓口DX／業務改善"),
             ("長崎県", "約128万人", "県と市町の合同DX研修", "市町支援／合同研修")]
    sheets = [_cover(("九州の自治体におけるDX人材育成", 28), ("令和7年3月", 14), ("九州自治体DX研究会", 16))]
    for body, population, title, keywords in cases:
        sheets.append(Sheet(
            _p(f"{body}（人口：{population}）", 14, bold=True) + _p(title, 22, bold=True)
            + _p("【キーワード】") + _p(keywords)
            + _p("職員一人ひとりが業務の中でデジタル技術を活用できるよう、体系的な育成を進めています。")))
    return write_pdf(folder / "kyushu_casebook.pdf", sheets)


# ---------------------------------------------------------------- 5. a ruled list, drawn

def _ruled_table(page: pymupdf.Page, top: float, widths: Sequence[float],
                 rows: Sequence[Sequence[Sequence[str]]], line_height: float = 13.0) -> None:
    """A grid with ruling lines; each cell a list of lines, printed in the CJK base font."""
    x0 = _MARGIN
    xs = [x0]
    for width in widths:
        xs.append(xs[-1] + width)
    y = top
    page.draw_line((xs[0], y), (xs[-1], y))
    for row in rows:
        height = line_height * max(len(cell) for cell in row) + 6
        for x, cell in zip(xs, row):
            for i, text in enumerate(cell):
                page.insert_text((x + 4, y + 4 + line_height * (i + 1) - 3), text, fontname="japan", fontsize=9)
        y += height
        page.draw_line((xs[0], y), (xs[-1], y))
    for x in xs:
        page.draw_line((x, top), (x, y))


def ruled_list_casebook(folder: Path) -> Path:
    """A casebook drawn with PyMuPDF's CJK base font: a ruled list (`事例番号 | 団体名 |
    取組名 | 掲載ページ`) whose narrow body cells wrap `静岡県` / `裾野市` / `人口：約5.0万人`
    over three lines; case slides print body and population beside a display number
    (`02`), one of them the body wrapped as `山梨県` / `北杜市`, another the population as a
    profile table's `人口` label and amount cells. Printed page 1 is PDF page 2."""
    cases = [("静岡県", "裾野市", "約5.0万人", "職員の自主研究グループによるDX推進"),
             ("山梨県", "北杜市", "約4.6万人", "外部人材登用とOJTの組合せ"),
             ("岐阜県", "郡上市", "約3.8万人", "全職員向けeラーニングの導入")]
    rect = pymupdf.paper_rect("a4")
    doc = pymupdf.open()
    cover = doc.new_page(width=rect.width, height=rect.height)
    cover.insert_text((_MARGIN, 200), "DX人材育成事例集", fontname="japan", fontsize=28)
    cover.insert_text((_MARGIN, 240), "令和7年3月", fontname="japan", fontsize=14)
    listing = doc.new_page(width=rect.width, height=rect.height)
    listing.insert_text((_MARGIN, 60), "事例一覧", fontname="japan", fontsize=18)
    header = [["事例", "番号"], ["団体名"], ["取組名"], ["掲載", "ページ"]]
    body = [[[str(n)], [pref, city, f"人口：{pop}"], [title], [str(2 * n)]]
            for n, (pref, city, pop, title) in enumerate(cases, 1)]
    _ruled_table(listing, 80, (50, 90, 300, 50), [header, *body])
    listing.insert_text((rect.width / 2, rect.height - 18), "1", fontname="helv", fontsize=9)
    for n, (pref, city, pop, title) in enumerate(cases, 1):
        slide = doc.new_page(width=rect.width, height=rect.height)
        slide.insert_text((_MARGIN, 70), f"{n:02d}", fontname="helv", fontsize=36)
        if n == 2:  # the body's name wrapped: prefecture over city
            slide.insert_text((_MARGIN + 70, 42), pref, fontname="japan", fontsize=14)
            slide.insert_text((_MARGIN + 70, 60), city, fontname="japan", fontsize=14)
        else:
            slide.insert_text((_MARGIN + 70, 55), f"{pref}{city}", fontname="japan", fontsize=14)
        if n == 3:  # a profile table: the 人口 label and the amount in cells apart
            slide.insert_text((_MARGIN + 70, 78), "人口", fontname="japan", fontsize=10)
            slide.insert_text((_MARGIN + 220, 78), pop, fontname="japan", fontsize=10)
        else:
            slide.insert_text((_MARGIN + 70, 78), f"人口：{pop}", fontname="japan", fontsize=10)
        slide.insert_text((_MARGIN, 120), title, fontname="japan", fontsize=20)
        slide.insert_text((_MARGIN, 150), "キーワード：#自主研究 #OJT", fontname="japan", fontsize=10)
        slide.insert_text((_MARGIN, 175), "若手職員が中心となり、業務改善の研究を続けています。", fontname="japan", fontsize=10)
        slide.insert_text((rect.width / 2, rect.height - 18), str(2 * n), fontname="helv", fontsize=9)
        follow = doc.new_page(width=rect.width, height=rect.height)
        follow.insert_text((_MARGIN, 60), "取組の効果", fontname="japan", fontsize=20)
        follow.insert_text((_MARGIN, 90), "研究成果の発表会を通じて、庁内に改善の輪が広がりました。", fontname="japan", fontsize=10)
        follow.insert_text((rect.width / 2, rect.height - 18), str(2 * n + 1), fontname="helv", fontsize=9)
    path = folder / "ruled_casebook.pdf"
    doc.save(path)
    doc.close()
    return path


# ---------------------------------------------------------------- 6. the profile at the foot

def profile_box_casebook(folder: Path) -> Path:
    """Slides that open with the case's title and story and print the body's profile
    (`団体概要`, body, population) in a box at the foot; no list; the cases of this second
    volume are numbered on from the first's, `CASE 4` in small type above the title."""
    cases = [("香川県三豊市", "人口：約6.3万人", "民間企業と共創するデジタル人材育成"),
             ("高知県須崎市", "人口：約2.0万人", "職員提案から始まる業務のデジタル化"),
             ("徳島県美波町", "人口：約6,200人", "サテライトオフィス企業による職員研修")]
    story = "".join(_p(f"{n}. 取組の経緯についての説明文です。職員が主体となって検討を進めました。") for n in range(1, 9))
    sheets = [_cover(("四国DX人材育成事例", 30), ("令和7年3月", 14), ("四国自治体DX連絡会", 16))]
    for n, (body, population, title) in enumerate(cases, 4):
        sheets.append(Sheet(
            _p(f"CASE {n}", 12) + _p(title, 22, bold=True) + story
            + '<div style="margin-top: 20pt; border: 1px solid black">'
            + _p("団体概要", 11, bold=True) + _p(body, 11) + _p(population) + "</div>"))
    return write_pdf(folder / "shikoku_casebook.pdf", sheets, "a4-l")


# ---------------------------------------------------------------- a policy that is no casebook

def policy_citing_cities(folder: Path) -> Path:
    """A city's policy that cites three other cities with their population in prose; on
    each page a city's name ends up alone on a line, and the next line starts `人口：…`.
    Its reference list (`No. | 団体名 | 取組名 | ページ`) gives the pages of 総務省's
    casebook, not its own."""
    cities = [("桜川市", "約3.9万人"), ("富良野市", "約2.0万人"), ("伊那市", "約6.5万人")]
    references = _table([("No.", "団体名", "取組名", "ページ")]
                        + [(str(n), city, "段階別の研修", str(n + 1)) for n, (city, _) in enumerate(cities, 1)],
                        (8, 22, 60, 10))
    sheets = [_cover(("常総市デジタル人材育成方針", 26), ("令和7年4月", 14), ("常総市総務部", 16))]
    for n, (city, population) in enumerate(cities, 1):
        sheets.append(Sheet(
            _p("他団体の取組", 18, bold=True)
            + _p(f"{city}（人口{population}）では、全職員を対象とした段階別の研修を実施し、"
                 "各課のDX推進員が業務改善を主導しています。")
            + _p(city) + _p(f"人口：{population}の団体でも同様の取組が可能です。本市においても参考とします。"),
            footer=str(n)))
    sheets.append(Sheet(_p("参考事例（総務省「デジタル人材の育成ガイドブック」）", 14, bold=True) + references,
                        footer=str(len(cities) + 1)))
    return write_pdf(folder / "joso_policy.pdf", sheets)
