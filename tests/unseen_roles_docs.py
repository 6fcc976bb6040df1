"""Policy documents unlike the samples, built in tests with PyMuPDF (never committed as PDFs).

Each builder writes one PDF to a given path and returns it. They vary what the
samples keep fixed: the producer (MuPDF's Story instead of Chrome/Skia), ruling
(Story draws no borders; `ruled_table` draws every line itself), header words,
the orientation of skill and level tables, and roles written as prose only.
The municipalities are real ones that the sample corpus does not contain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pymupdf

import pdfs
from pdfs import A4, FONT, MARGIN

CSS = "* {font-family: sans-serif; font-size: 10pt} h1 {font-size: 20pt} h2 {font-size: 13pt}"


story_pdf = partial(pdfs.story_pdf, css=CSS)


@dataclass(frozen=True)
class Span:
    """A cell covering several grid rows and/or columns, anchored at (row, col)."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1


def ruled_table(
    page: pymupdf.Page, top: float, widths: Sequence[float], rows: Sequence[Sequence[str]],
    *, spans: Sequence[Span] = (), size: float = 9.0, row_height: float | None = None,
) -> float:
    """Draw a fully ruled table at `top` and return its bottom.

    `rows[r][c]` is the text of slot (r, c) (`\\n` starts a new printed line);
    a spanned cell's text is the anchor's, the slots it covers are ''. Each row
    is as tall as its tallest cell."""
    covered = {(s.row + dr, s.col + dc): s for s in spans for dr in range(s.rows) for dc in range(s.cols)}
    heights = [row_height or (max(len(t.split("\n")) for t in row) * (size + 4) + 8) for row in rows]
    xs = [MARGIN]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [top]
    for height in heights:
        ys.append(ys[-1] + height)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            span = covered.get((r, c))
            if span and (span.row, span.col) != (r, c):
                continue
            rect = pymupdf.Rect(xs[c], ys[r], xs[c + (span.cols if span else 1)], ys[r + (span.rows if span else 1)])
            page.draw_rect(rect, color=(0, 0, 0), width=0.6)
            for n, line in enumerate(text.split("\n")):
                page.insert_text((rect.x0 + 4, rect.y0 + 6 + size + n * (size + 4)), line, fontname=FONT, fontsize=size)
    return ys[-1]


def text_lines(page: pymupdf.Page, top: float, lines: Sequence[tuple[str, float]], *, x: float = MARGIN) -> float:
    """Print (text, size) lines from `top` down; return the bottom."""
    y = top
    for text, size in lines:
        y += size * 1.6
        page.insert_text((x, y), text, fontname=FONT, fontsize=size)
    return y + size * 0.6


def cover(doc: pymupdf.Document, title: str, issued: str) -> None:
    page = doc.new_page(width=A4.width, height=A4.height)
    page.insert_text((MARGIN + 40, 300), title, fontname=FONT, fontsize=22)
    page.insert_text((MARGIN + 160, 360), issued, fontname=FONT, fontsize=14)


# ---------------------------------------------------------------- 1. unruled role table (Story)

SAKURAGAWA_ROLES = [
    ("推進体制", "DX推進責任者",
     "各課等の長として、所管業務のデジタル化の方針を定め、業務改革を先導する。職員の意識改革を促し、組織全体の変革を推進する。"),
    ("推進体制", "DX推進リーダー",
     "所属におけるデジタル化の中心となり、業務の見直しやデジタル技術の導入を企画し、実行する。"),
    ("推進体制", "DX推進サポーター",
     "DX推進リーダーを補佐し、所属の職員からの相談に応じるとともに、ツールの活用を支援する。"),
    ("全庁", "業務改革エバンジェリスト",
     "庁内の優れた改善事例を発信し、部署を越えて業務改革の考え方と手法を広める。"),
    ("全庁", "全職員",
     "デジタル技術の基礎的な知識を身に付け、日々の業務の中で積極的に活用する。"),
]


def sakuragawa(path: Path) -> Path:
    """桜川市: a cover, prose, then a role table printed without rulings whose
    headers are `区分 | 人材像 | 主な役割`, descriptions wrapping over two lines."""
    rows = "".join(
        f"<tr><td>{group}</td><td>{name}</td><td>{text}</td></tr>" for group, name, text in SAKURAGAWA_ROLES)
    html = f"""
    <h1>桜川市デジタル人材育成方針</h1>
    <p>令和7年4月 桜川市総務部</p>
    <h2>1 方針の目的</h2>
    <p>本市では、行政サービスの向上と業務の効率化を図るため、デジタル技術を活用できる人材を計画的に育成します。</p>
    <h2>2 目指す人材像</h2>
    <p>本方針では、デジタル人材を次のとおり区分し、それぞれの役割を定めます。</p>
    <table>
    <tr><th>区分</th><th>人材像</th><th>主な役割</th></tr>
    {rows}
    </table>
    <p>なお、各人材の育成にあたっては、外部研修と職場での実践を組み合わせて取り組みます。</p>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 2. ruled skill matrix

NANTO_SKILLS = [
    # (category, skill, marks for 管理職, DX推進リーダー, 一般職員)
    ("マインド", "変革への意識", ("●", "●", "○")),
    ("マインド", "利用者目線での業務見直し", ("●", "●", "○")),
    ("業務改革", "BPR(業務プロセス改善)", ("○", "●", "－")),
    ("業務改革", "プロジェクトマネジメント", ("●", "○", "－")),
    ("業務改革", "データ分析・活用", ("－", "●", "○")),
    ("技術", "情報セキュリティ", ("●", "●", "●")),
    ("技術", "ノーコードツール活用", ("－", "●", "○")),
]


def nanto(path: Path) -> Path:
    """南砺市: a ruled role table `役職 | 求められる役割 | 対象職員`, then a ruled
    skill matrix on the next page: skills as rows (category cells spanning
    rows), roles as columns headed by their target group or abbreviation, marks
    ●/○ per the legend and `－` where a role does not need the skill."""
    doc = pymupdf.open()
    cover(doc, "南砺市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("3 人材像と役割", 13), ("本市が育成するデジタル人材の役割は次のとおりです。", 10)])
    ruled_table(page, y + 6, [110, 300, 90], [
        ["役職", "求められる役割", "対象職員"],
        ["DX推進責任者", "所管する業務のデジタル化を指揮し、\n業務改革の方向性を示す。", "管理職"],
        ["DX推進リーダー", "所属のデジタル化を企画・実行し、\n職員への助言を行う。", "係長級"],
        ["一般職員", "デジタルツールを業務に活用する。", "全職員"],
    ])
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("4 求められるスキル", 13), ("※ ●：必須 ○：推奨 －：対象外", 9)])
    rows = [["分類", "スキル項目", "管理職", "リーダー", "一般職員"]]
    rows += [[cat, skill, *marks] for cat, skill, marks in NANTO_SKILLS]
    spans, anchor = [], 1  # a category cell spans the rows of its skills
    for r in range(2, len(rows) + 1):
        if r == len(rows) or rows[r][0] != rows[anchor][0]:
            spans.append(Span(anchor, 0, rows=r - anchor))
            anchor = r
    for span in spans:
        for r in range(span.row + 1, span.row + span.rows):
            rows[r][0] = ""
    ruled_table(page, y + 6, [70, 190, 70, 70, 70], rows, spans=spans)
    doc.save(path)
    return path


# ---------------------------------------------------------------- 3. levels as columns (ruled)

FURANO_LEVELS = [
    # role, definitions of レベル1…レベル4 ('－' where the role has no such level)
    ("DXマネージャー", ("DXの必要性を理解している", "デジタル化の方針を示せる", "組織の変革を主導できる",
                       "全庁の変革を統括できる")),
    ("DXリーダー", ("基本的なツールを使える", "業務の課題を整理できる", "改善策を企画し実行できる",
                    "他部署の改善を支援できる")),
    ("DX推進員", ("基本的なツールを使える", "定型業務を自動化できる", "所属の相談に応じられる", "－")),
]


def furano(path: Path) -> Path:
    """富良野市: a ruled role table `人材タイプ | 役割`, then a ruled level table with a
    two-level header (`人材タイプ` beside `育成レベル` over `レベル1`…`レベル4`):
    the levels are the columns, one row per role, `－` where a role stops."""
    doc = pymupdf.open()
    cover(doc, "富良野市デジタル人材育成方針", "令和7年6月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("2 デジタル人材の類型", 13)])
    y = ruled_table(page, y + 6, [120, 370], [
        ["人材タイプ", "役割"],
        ["DXマネージャー", "所属のデジタル化を統括する課長級の職員"],
        ["DXリーダー", "所属のデジタル化を企画し、推進員を指導する職員"],
        ["DX推進員", "リーダーのもとで業務改善を実践する職員"],
    ])
    y = text_lines(page, y + 20, [("3 育成レベル", 13), ("人材タイプごとに、次の4段階で育成します。", 10)])
    rows = [["人材タイプ", "育成レベル", "", "", ""], ["", "レベル1", "レベル2", "レベル3", "レベル4"]]
    rows += [[role, *(d[:8] + "\n" + d[8:] if len(d) > 8 else d for d in defs)] for role, defs in FURANO_LEVELS]
    ruled_table(page, y + 6, [100, 100, 100, 100, 100], rows, spans=[Span(0, 0, rows=2), Span(0, 1, cols=4)])
    doc.save(path)
    return path


# ---------------------------------------------------------------- 3b. 上級/中級/上級 rows (Story)

TOON_LEVELS = [
    ("DX推進リーダー", "上級", "所属を越えた業務改革を企画し、他の職員を指導できる。"),
    ("", "中級", "所属の業務を分析し、デジタル技術による改善を実行できる。"),
    ("", "初級", "業務の課題を見つけ、改善の提案ができる。"),
    ("一般職員", "中級", "デジタルツールを使って業務を効率化できる。"),
    ("", "初級", "情報セキュリティを守り、基本的なツールを使える。"),
]


def toon(path: Path) -> Path:
    """東温市: roles as enumerated headings, then an unruled level table
    `人材像 | 段階 | 目指す姿` whose stages are words (上級/中級/初級), listed from the
    top down, the role printed only on a role's first row."""
    rows = "".join(f"<tr><td>{r}</td><td>{s}</td><td>{d}</td></tr>" for r, s, d in TOON_LEVELS)
    html = f"""
    <h1>東温市DX人材育成方針</h1>
    <h2>2 育成する人材</h2>
    <p>(1) DX推進リーダー</p>
    <p>各課に配置し、所属のデジタル化を企画し、実行する。</p>
    <p>(2) 一般職員</p>
    <p>デジタル技術を理解し、日々の業務に活用する。</p>
    <h2>3 育成の段階</h2>
    <p>人材ごとの育成の段階は次のとおりとします。</p>
    <table>
    <tr><th>人材像</th><th>段階</th><th>目指す姿</th></tr>
    {rows}
    </table>
    <p>段階の到達状況は、毎年度の自己評価により確認します。</p>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 4. prose only

SABAE_ROLES = [
    ("DX推進責任者", "各課長をDX推進責任者とし、所属のデジタル化を統括する。"),
    ("デジタル推進リーダー", "各係から1名を選任し、業務改善の企画と実行を担う。"),
    ("業務改革エバンジェリスト", "庁内の改善事例を発信し、業務改革の手法を全庁に広める。"),
    ("全職員", "デジタル技術を理解し、日々の業務に活用する。"),
]
SABAE_SKILLS = [
    "・DX推進責任者：デジタル戦略・業務改革及び情報セキュリティに関する知識",
    "・デジタル推進リーダー：業務分析、データ活用およびノーコードツールに関する知識・スキル",
    "・全職員：情報セキュリティ・個人情報保護に関する基礎的な知識の習得",
]


def sabae(path: Path, enumerators: Sequence[str] = ("(1)", "(2)", "(3)", "(4)")) -> Path:
    """鯖江市: no tables at all. Roles are enumerated headings in body type
    (`(1) DX推進責任者`, or with other `enumerators` such as `(ア)`) each followed by
    a paragraph; skills are bulleted sentences `<role>：<topics>に関する知識` whose
    topics are separated by `・`, `、`, `及び` and `および`."""
    doc = pymupdf.open()
    cover(doc, "鯖江市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    lines: list[tuple[str, float]] = [
        ("1 方針の目的", 13),
        ("本市では、デジタル技術を活用して市民サービスの向上を図るため、職員の育成に取り組む。", 10),
        ("2 デジタル人材の役割", 13),
    ]
    for number, (role, text) in zip(enumerators, SABAE_ROLES, strict=True):
        lines += [(f"{number} {role}", 10), (text, 10)]
    lines += [("3 求められる知識・スキル", 13), ("役割ごとに求められる知識・スキルは次のとおりとする。", 10)]
    lines += [(item, 10) for item in SABAE_SKILLS]
    lines += [("4 育成の方法", 13), ("外部研修と職場での実践を組み合わせて育成する。", 10)]
    text_lines(page, MARGIN, lines)
    doc.save(path)
    return path


# ---------------------------------------------------------------- 5. 職層 roles and an unruled matrix (Story)

INA_ROLES = [
    ("部長級", "部局の経営方針にデジタル化を位置付け、全庁的な変革を主導する。"),
    ("課長級", "所属の業務改革を指揮し、必要な人員と予算を確保する。"),
    ("係長級", "係の業務を見直し、デジタル技術を用いた改善を実行する。"),
    ("主事級", "デジタルツールを活用し、担当業務を効率的に処理する。"),
]
INA_SKILLS = [
    # skill, marks for 部長級, 課長級, 係長級, 主事級
    ("DX戦略の理解", ("○", "○", "", "")),
    ("業務プロセスの見直し", ("", "○", "○", "")),
    ("データ利活用", ("", "", "○", "○")),
    ("情報セキュリティ", ("○", "○", "○", "○")),
]


def ina(path: Path) -> Path:
    """伊那市: roles are job grades (`役職 | 求められる役割`, no rulings), and an
    unruled skill matrix `知識・スキル | 部長級 | 課長級 | 係長級 | 主事級` whose
    marks MuPDF prints on one line (`○○`), blank where a grade needs nothing."""
    roles = "".join(f"<tr><td>{r}</td><td>{d}</td></tr>" for r, d in INA_ROLES)
    skills = "".join(
        f"<tr><td>{s}</td>" + "".join(f"<td>{m}</td>" for m in marks) + "</tr>" for s, marks in INA_SKILLS)
    html = f"""
    <h1>伊那市職員デジタル人材育成方針</h1>
    <h2>2 職層ごとの役割</h2>
    <table><tr><th>役職</th><th>求められる役割</th></tr>{roles}</table>
    <p>上記の役割を果たすため、職層ごとに次の知識・スキルの習得を目指す。</p>
    <h2>3 職層別に求められる知識・スキル</h2>
    <table><tr><th>知識・スキル</th><th>部長級</th><th>課長級</th><th>係長級</th><th>主事級</th></tr>{skills}</table>
    <p>○：習得を目指すもの</p>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 6. a matrix is the only role definition

KOMAGANE_SKILLS = [
    ("基礎", "情報リテラシー", ("●", "●", "●")),
    ("基礎", "情報セキュリティ", ("●", "●", "●")),
    ("応用", "業務改善手法(BPR)", ("○", "●", "")),
    ("応用", "データに基づく政策立案(EBPM)", ("●", "○", "")),
]


def komagane(path: Path) -> Path:
    """駒ヶ根市: no role table or role headings; a ruled skill matrix whose column
    headers (`管理職 | 監督職 | 一般職員`) are the only place the roles are named."""
    doc = pymupdf.open()
    cover(doc, "駒ヶ根市デジタル人材育成方針", "令和8年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("3 職員に求められるスキル", 13), ("職層に応じて、次のスキルを身に付ける。", 10)])
    rows = [["区分", "スキル", "管理職", "監督職", "一般職員"]]
    rows += [[cat, skill, *marks] for cat, skill, marks in KOMAGANE_SKILLS]
    rows[2][0] = rows[4][0] = ""
    ruled_table(page, y + 6, [60, 200, 70, 70, 70], rows, spans=[Span(1, 0, rows=2), Span(3, 0, rows=2)])
    doc.save(path)
    return path


# ---------------------------------------------------------------- 7. skills listed under each role heading

TAKAHASHI_ROLES = [
    ("DX推進リーダー", "各課に1名を置き、所属の業務改善をデジタル技術により推進する。",
     ["業務プロセスの分析と改善手法", "ノーコードツールやRPAの活用", "データの収集と可視化"]),
    ("一般職員", "デジタルツールを使いこなし、市民サービスの向上に取り組む。",
     ["情報セキュリティの基礎", "オンライン会議・チャットツールの操作"]),
]


def takahashi(path: Path) -> Path:
    """高梁市: roles as circled-number headings in larger type, each followed by a
    paragraph and a labelled list `【求められる知識・スキル】` of bulleted skills."""
    sections = "".join(
        f"<h3>{'①②③'[n]} {role}</h3><p>{text}</p><p>【求められる知識・スキル】</p>"
        + "".join(f"<p>・{skill}</p>" for skill in skills)
        for n, (role, text, skills) in enumerate(TAKAHASHI_ROLES))
    html = f"""
    <h1>高梁市デジタル人材育成方針</h1>
    <h2>3 育成するデジタル人材</h2>
    <p>本市では、次の人材を育成する。</p>
    {sections}
    <h2>4 育成の取組</h2>
    <p>職員研修と職場内の実践を通じて育成する。</p>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 8. a long unruled table, a 対象者 column

TOMI_ROLES = [
    ("CDO補佐官", "外部から登用し、市長及び幹部職員に対し、デジタル施策全般について専門的な助言を行う。"),
    ("DX推進マネージャー", "部長級職員を充て、部内のDXの取組を統括し、施策の優先順位を判断する。"),
    ("DX推進リーダー", "各課の係長級職員から選任し、課内の業務改善を企画し、実行を主導する。"),
    ("DX推進員", "各係から選任し、リーダーと協力して、係内のデジタルツールの導入と定着を進める。"),
    ("一般職員", "デジタル技術の基礎を身に付け、業務の中で活用し、市民サービスの質を高める。"),
]
TOMI_SKILLS = [
    ("DX推進マネージャー", ["DX戦略の立案", "組織のマネジメント"]),
    ("DX推進リーダー", ["業務改善手法", "プロジェクト管理"]),
    ("一般職員", ["情報セキュリティ", "ITリテラシー"]),
]


def tomi(path: Path) -> Path:
    """東御市: a role table `デジタル人材 | 役割` without rulings, pushed down the
    page by prose so that it runs over a page break (the next page repeats no
    header), and a skill table `対象者 | 求められる知識・スキル` with bulleted cells."""
    filler = "".join(f"<p>{n}. 本市を取り巻く環境は大きく変化しており、行政サービスのデジタル化と業務の効率化が"
                     "強く求められている。職員一人ひとりがデジタル技術を理解し活用することが必要である。</p>"
                     for n in range(1, 12))
    roles = "".join(f"<tr><td>{r}</td><td>{d}</td></tr>" for r, d in TOMI_ROLES)
    skills = "".join(f"<tr><td>{r}</td><td>" + "<br/>".join(f"・{s}" for s in items) + "</td></tr>"
                     for r, items in TOMI_SKILLS)
    html = f"""
    <h1>東御市デジタル人材育成方針</h1>
    <h2>1 背景</h2>
    {filler}
    <h2>2 デジタル人材の役割</h2>
    <table><tr><th>デジタル人材</th><th>役割</th></tr>{roles}</table>
    <p>それぞれの人材が連携し、全庁的にDXを推進する。</p>
    <h2>3 求められる知識・スキル</h2>
    <table><tr><th>対象者</th><th>求められる知識・スキル</th></tr>{skills}</table>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 9. unruled levels as columns, a transposed role table

NIKAHO_ROLES = [
    # role, 対象, 役割
    ("DX推進リーダー", "係長級職員", "所属の業務改善を企画し、デジタル化を主導する"),
    ("DX推進員", "各係の職員", "リーダーを補佐し、ツールの定着を図る"),
    ("一般職員", "全職員", "デジタルツールを日常業務で活用する"),
]
NIKAHO_STEPS = [
    ("DX推進リーダー", ("課題を整理できる", "改善を企画できる", "改善を主導できる")),
    ("一般職員", ("ツールを使える", "業務に活かせる", "同僚に教えられる")),
]


def nikaho(path: Path) -> Path:
    """にかほ市: a role table printed sideways (`人材像` heading a row of role
    names, `対象` and `役割` rows below) and, further down, levels as columns
    without rulings: `人材像 | Step1 | Step2 | Step3`."""
    head = "".join(f"<th>{role}</th>" for role, _, _ in NIKAHO_ROLES)
    targets = "".join(f"<td>{t}</td>" for _, t, _ in NIKAHO_ROLES)
    duties = "".join(f"<td>{d}</td>" for _, _, d in NIKAHO_ROLES)
    steps = "".join(f"<tr><td>{role}</td>" + "".join(f"<td>{d}</td>" for d in defs) + "</tr>"
                    for role, defs in NIKAHO_STEPS)
    html = f"""
    <h1>にかほ市デジタル人材育成方針</h1>
    <h2>2 人材像</h2>
    <table><tr><th>人材像</th>{head}</tr><tr><td>対象</td>{targets}</tr><tr><td>役割</td>{duties}</tr></table>
    <p>各人材の役割を踏まえ、段階的に育成する。</p>
    <h2>3 育成段階</h2>
    <table><tr><th>人材像</th><th>Step1</th><th>Step2</th><th>Step3</th></tr>{steps}</table>
    <p>各段階の到達状況は毎年度確認する。</p>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 10. roles and skills in one table

KAMINOKAWA_ROWS = [
    ("DX推進リーダー", "所属の業務を見直し、\nデジタル化を企画・実行する。", ["・業務分析", "・プロジェクト管理", "・データ活用"]),
    ("DX推進員", "リーダーと協力し、\n所属の改善を実践する。", ["・ノーコードツール", "・RPAの操作"]),
    ("全職員", "デジタル技術を業務に\n活用する。", ["・情報セキュリティ", "・基本的なOAスキル"]),
]


def kaminokawa(path: Path) -> Path:
    """上三川町: one ruled table defines each role and its skills:
    `人材像 | 役割 | 必要なスキル`, the skills as bullets."""
    doc = pymupdf.open()
    cover(doc, "上三川町デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("2 人材像と必要なスキル", 13)])
    rows = [["人材像", "役割", "必要なスキル"]]
    rows += [[role, duty, "\n".join(skills)] for role, duty, skills in KAMINOKAWA_ROWS]
    ruled_table(page, y + 6, [110, 200, 180], rows)
    doc.save(path)
    return path


def long_role_table(path: Path, count: int) -> Path:
    """An unruled role table of `count` rows, long enough to run over several pages."""
    duty = "業務の見直しを進め、デジタル技術を活用して市民サービスを向上させる。" * 2
    rows = "".join(f"<tr><td>第{n}班DX推進リーダー</td><td>{duty}</td></tr>" for n in range(1, count + 1))
    return story_pdf(path, f"<h1>人材像一覧</h1><table><tr><th>人材像</th><th>役割</th></tr>{rows}</table><p>以上</p>")


# ---------------------------------------------------------------- 11. HTML lists in cells (Story)

KITAAKITA_SKILLS = [
    ("DX推進リーダー", ["業務改善の手法", "データ分析"]),
    ("一般職員", ["情報セキュリティ", "表計算ソフトの操作"]),
]


def kitaakita(path: Path) -> Path:
    """北秋田市: an unruled skill table `役割区分 | 必要なスキル` whose cells are HTML
    lists (`•` bullets, list margins making the gap between rows wider than twice
    the header's), followed by a note and a heading."""
    rows = "".join(f"<tr><td>{role}</td><td><ul>" + "".join(f"<li>{s}</li>" for s in skills) + "</ul></td></tr>"
                   for role, skills in KITAAKITA_SKILLS)
    html = f"""
    <h1>北秋田市デジタル人材育成方針</h1>
    <h2>3 必要なスキル</h2>
    <table><tr><th>役割区分</th><th>必要なスキル</th></tr>{rows}</table>
    <p>※ 研修の受講状況に応じて見直す。</p>
    <h2>4 育成方法</h2>
    <p>研修と実践を組み合わせる。</p>
    """
    return story_pdf(path, html)


# ---------------------------------------------------------------- 12. cells as shaded boxes, no lines

YURIHONJO_ROLES = [
    ("DX推進リーダー", "所属のデジタル化を推進する。"),
    ("一般職員", "デジタルツールを活用する。"),
]


def yurihonjo(path: Path) -> Path:
    """由利本荘市: a role table whose cells are shaded boxes parted by white gaps,
    with no ruling line drawn (as spreadsheet exports print them)."""
    doc = pymupdf.open()
    cover(doc, "由利本荘市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("2 人材像", 13)]) + 6
    for r, row in enumerate([("人材像", "役割"), *YURIHONJO_ROLES]):
        x = MARGIN
        for width, text in zip((150, 300), row, strict=True):
            shade = (0.8, 0.85, 0.95) if r == 0 else (0.93, 0.93, 0.93)
            page.draw_rect(pymupdf.Rect(x + 1, y + 1, x + width - 1, y + 29), color=None, fill=shade)
            page.insert_text((x + 5, y + 19), text, fontname=FONT, fontsize=10)
            x += width
        y += 30
    doc.save(path)
    return path


# ---------------------------------------------------------------- 13. roles under a 区分 header

KATAGAMI_ROLES = [
    ("管理職", "所属のDXを統括し、業務改革の方針を示す。"),
    ("DX推進リーダー", "所属の業務改善を企画し、実行する。"),
    ("業務改革エバンジェリスト", "改善事例を庁内に広める。"),
    ("一般職員", "デジタルツールを業務に活用する。"),
]
KATAGAMI_SKILLS = [
    ("管理職", "・DX戦略の理解\n・組織マネジメント"),
    ("DX推進リーダー", "・業務分析\n・データ活用"),
    ("一般職員", "・情報セキュリティ"),
]


def katagami(path: Path) -> Path:
    """潟上市: the role column is headed `区分` (a word that elsewhere heads skill
    categories): `区分 | 役割` and `区分 | 必要なスキル`, a role per 区分."""
    doc = pymupdf.open()
    cover(doc, "潟上市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("2 人材像", 13)])
    ruled_table(page, y + 6, [150, 320], [["区分", "役割"], *map(list, KATAGAMI_ROLES)])
    page = doc.new_page(width=A4.width, height=A4.height)  # the role table alone on its page
    y = text_lines(page, MARGIN, [("3 必要なスキル", 13)])
    ruled_table(page, y + 6, [150, 320], [["区分", "必要なスキル"], *map(list, KATAGAMI_SKILLS)])
    doc.save(path)
    return path


# ---------------------------------------------------------------- 14. role names with a note

SEMBOKU_ROLES = [
    ("DX推進責任者\n(課長級)", "所属のDXを統括する。"),
    ("DX推進リーダー\n(各課1名)", "所属の業務改善を企画し、実行する。"),
    ("一般職員", "デジタルツールを活用する。"),
]
SEMBOKU_SKILLS = [
    ("DX推進責任者", "・DX戦略の理解"),
    ("DX推進リーダー", "・業務分析\n・データ活用"),
    ("一般職員", "・情報セキュリティ"),
]


def semboku(path: Path) -> Path:
    """仙北市: the role table prints a note under each name (`DX推進リーダー` /
    `(各課1名)`); the skill table names the roles without it."""
    doc = pymupdf.open()
    cover(doc, "仙北市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("2 人材像", 13)])
    y = ruled_table(page, y + 6, [150, 320], [["人材像", "役割"], *map(list, SEMBOKU_ROLES)])
    y = text_lines(page, y + 20, [("3 必要なスキル", 13)])
    ruled_table(page, y + 6, [150, 320], [["役割区分", "必要な能力"], *map(list, SEMBOKU_SKILLS)])
    doc.save(path)
    return path


# ---------------------------------------------------------------- 15. level table with role group rows

DAISEN_LEVELS = [
    ("DX推進リーダー", [("Step1", "所属の課題を整理できる"), ("Step2", "改善策を実行できる")]),
    ("一般職員", [("Step1", "基本的なツールを使える"), ("Step2", "業務を効率化できる"), ("Step3", "同僚に助言できる")]),
]


def daisen(path: Path) -> Path:
    """大仙市: roles from enumerated headings in body type; one ruled level table
    `育成段階 | 到達目標` in smaller type, in which a row spanning the whole table
    names the role of the rows below it."""
    doc = pymupdf.open()
    cover(doc, "大仙市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [
        ("2 人材像", 13), ("(1) DX推進リーダー", 10), ("所属のデジタル化を企画し、実行する。", 10),
        ("(2) 一般職員", 10), ("デジタルツールを活用する。", 10), ("3 育成段階", 13)])
    rows: list[list[str]] = [["育成段階", "到達目標"]]
    spans = []
    for role, steps in DAISEN_LEVELS:
        spans.append(Span(len(rows), 0, cols=2))
        rows.append([role, ""])
        rows += [[label, goal] for label, goal in steps]
    ruled_table(page, y + 6, [120, 350], rows, spans=spans)  # in smaller type than the prose, more characters
    doc.save(path)
    return path


# ---------------------------------------------------------------- 16. levels as rows, roles as columns

YUZAWA_LEVELS = [
    ("レベル1", ("DXの必要性を説明できる", "ツールの基本を使える")),
    ("レベル2", ("改革の方針を示せる", "業務改善を実行できる")),
    ("レベル3", ("全庁の変革を主導できる", "－")),
]


def yuzawa(path: Path, *, role_table: bool = True) -> Path:
    """湯沢市: a role table, then on the next page a level table with the levels as
    rows and the roles as columns (`レベル | 管理職 | 一般職員`), `－` where a role stops;
    without `role_table`, those column headers are the only place naming the roles."""
    doc = pymupdf.open()
    cover(doc, "湯沢市デジタル人材育成方針", "令和7年3月")
    page = doc.new_page(width=A4.width, height=A4.height)
    y = text_lines(page, MARGIN, [("2 人材像", 13)])
    if role_table:
        ruled_table(page, y + 6, [150, 320], [
            ["人材像", "役割"], ["管理職", "所属のDXを統括する。"], ["一般職員", "デジタルツールを活用する。"]])
    page = doc.new_page(width=A4.width, height=A4.height)  # the level table alone on its page
    y = text_lines(page, MARGIN, [("3 到達レベル", 13)])
    ruled_table(page, y + 6, [90, 190, 190], [["レベル", "管理職", "一般職員"], *([lv, *d] for lv, d in YUZAWA_LEVELS)])
    doc.save(path)
    return path


# ---------------------------------------------------------------- 17. an unruled table without cell padding

OGA_LEVELS = [
    ("一般職員", "初級", "基本的なツールを使える。"),
    ("", "中級", "業務を効率化できる。"),
]


def oga(path: Path) -> Path:
    """男鹿市: an unruled level table set without cell padding, so the first body row
    sits right under the header and cells nearly touch (`人材像 | 段階 | 目指す姿`)."""
    rows = "".join(f"<tr><td>{r}</td><td>{s}</td><td>{d}</td></tr>" for r, s, d in OGA_LEVELS)
    html = f"""
    <h1>男鹿市デジタル人材育成方針</h1>
    <h2>2 育成段階</h2>
    <p>(1) 一般職員</p>
    <p>デジタル技術を理解し、日々の業務に活用する。</p>
    <table><tr><th>人材像</th><th>段階</th><th>目指す姿</th></tr>{rows}</table>
    <p>段階の到達状況は、毎年度の自己評価により確認します。</p>
    """
    return story_pdf(path, html, css=CSS + " td, th {padding: 0}")
