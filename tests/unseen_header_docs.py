"""Policies whose tables are headed by words no vocabulary lists, or by none, built as PDFs.

Each table is to be read from its cells, its shape and the title it is printed under, not
from its header words: `番号 | 呼称 | 担う仕事` over role names and sentences, `職員の種類 | 詳細 |
参考` over lists under a title naming 能力, a training list printed without a header row
under `別表 研修一覧`, `テーマ | 届け方 | 運営 | 参加する職員 | 目的` over trainings, goal
tables `年度 | 目標数` under a heading naming their role, English headers. Two producers:
MuPDF's Story (no rulings) and a grid drawn with PyMuPDF (`ruled_pdf`). The towns are
fictional-content stand-ins; each function writes the PDF into `folder` and returns it.
"""

from __future__ import annotations

from pathlib import Path

from unseen_training_docs import html_table, ruled_pdf, story_pdf

# (row number, name, what the role does) of 氷見市's role table.
HIMI_ROLES = [
    ("1", "DX推進マネージャー", "部内のDXの優先順位を決める。"),
    ("2", "DX推進リーダー", "課の業務を点検し、改善案を実行に移す。"),
    ("3", "DX推進員", "DX推進リーダーを補佐し、係の事務を効率化する。"),
    ("4", "デジタル政策監", "民間から任用し、専門的な助言を行う。"),
]


def himi_roles(folder: Path) -> Path:
    """氷見市 (Story, no rulings): roles in `番号 | 呼称 | 担う仕事`: row numbers, role names,
    sentences. Neither header word names a kind of column."""
    table = html_table([["番号", "呼称", "担う仕事"], *[list(row) for row in HIMI_ROLES]])
    html = ("<h1>氷見市デジタル人材育成方針</h1><p>令和7年4月 氷見市</p>"
            "<h2>2 推進体制</h2><p>本市のDXを担う職員を次のとおり位置付けます。</p>" + table)
    return story_pdf(folder / "himi_roles.pdf", html)


def himi_counts(folder: Path) -> Path:
    """The same role names over a table that is no role definition: besides the name, three
    columns (`確保の方法`, `人数`, `時期`), the method a sentence."""
    table = html_table([
        ["呼称", "確保の方法", "人数", "時期"],
        ["DX推進リーダー", "各課から推薦を受けて指名する。", "20人", "令和7年度"],
        ["DX推進員", "各係から希望者を募って指名する。", "40人", "令和8年度"],
        ["一般職員", "全員が研修を受講する。", "全員", "毎年度"],
    ])
    html = ("<h1>氷見市デジタル人材育成方針</h1><p>令和7年4月 氷見市</p>"
            "<h2>5 人材の確保</h2>" + table)
    return story_pdf(folder / "himi_counts.pdf", html)


# role → its skills, as 八女市's table lists them.
YAME_SKILLS = {
    "DX推進リーダー": ["課題の構造化", "業務改善の企画"],
    "DX推進員": ["表計算の関数", "ワークフローの作成", "チャットツールの運用"],
    "一般職員": ["セキュリティの心得", "オンライン会議の操作"],
}


def yame_skills(folder: Path, title: str) -> Path:
    """八女市 (a ruled grid): `職員の種類 | 詳細 | 参考` with role names, bulleted lists and a
    note, under the caption `title` (a line right above the table)."""
    rows = [["職員の種類", "詳細", "参考"]] + [
        [role, "\n".join(f"・{skill}" for skill in skills), "DSS参照" if role == "DX推進リーダー" else ""]
        for role, skills in YAME_SKILLS.items()]
    return ruled_pdf(folder / "yame_skills.pdf", ["八女市デジタル人材育成方針", "令和7年4月 八女市", title],
                     rows, [110, 220, 80], row_height=40)


# (name, organizer, format as printed, audience as printed) of 三次市's training list.
MIYOSHI_TRAININGS = [
    ("自治体DX入門講座", "総務省", "動画", "全職員(必須)"),
    ("データ可視化研修", "広島県", "座学", "DX推進リーダー(必須)、DX推進員(推奨)"),
    ("業務自動化セミナー", "J-LIS", "オンライン", "DX推進員(必須)"),
]


def miyoshi_headerless(folder: Path) -> Path:
    """三次市 (a ruled grid): the trainings of the year printed without a header row under the
    caption `別表 研修一覧`, in the column order name | organizer | format | audience."""
    return ruled_pdf(folder / "miyoshi_trainings.pdf",
                     ["三次市デジタル人材育成方針", "令和7年4月 三次市", "別表 研修一覧"],
                     [list(row) for row in MIYOSHI_TRAININGS], [120, 70, 60, 200])


# (name, format, organizer, audience as printed, aim) of 五所川原市's training table.
GOSHOGAWARA_TRAININGS = [
    ("情報セキュリティ研修", "eラーニング", "J-LIS", "一般職員(必須)", "情報資産を守る基本を身につける。"),
    ("業務改革セミナー", "集合研修", "青森県", "DX推進リーダー", "業務を見直す手順を実習で学ぶ。"),
    ("データ活用研修", "オンライン", "総務省", "DX推進リーダー、DX推進員", "統計データの読み方を学ぶ。"),
]


def goshogawara_trainings(folder: Path) -> Path:
    """五所川原市 (Story, no rulings): `テーマ | 届け方 | 運営 | 参加する職員 | 目的`, no header
    word any training vocabulary lists."""
    table = html_table([["テーマ", "届け方", "運営", "参加する職員", "目的"],
                        *[list(row) for row in GOSHOGAWARA_TRAININGS]])
    html = ("<h1>五所川原市デジタル人材育成方針</h1><p>令和7年4月 五所川原市</p>"
            "<h2>4 学びの機会</h2>" + table)
    return story_pdf(folder / "goshogawara_trainings.pdf", html)


def uwajima_goals(folder: Path) -> Path:
    """宇和島市 (Story, no rulings): a role table, then two goal tables `年度 | 目標数`, each under
    a heading naming its role, and after the second a sentence about a third role."""
    def years(values: list[int]) -> str:
        return html_table([["年度", "目標数"], *[[f"R{7 + i}", f"{v}名"] for i, v in enumerate(values)]])
    roles = html_table([
        ["人材像", "役割"],
        ["高度専門人材", "全庁の情報システムを最適化する"],
        ["DX推進リーダー", "課の業務改革を主導する"],
        ["DX推進員", "係の業務改善を担う"],
    ])
    html = ("<h1>宇和島市デジタル人材育成方針</h1><p>令和7年4月 宇和島市</p>"
            "<h2>2 育成する人材</h2>" + roles +
            "<h2>5 育成の目標</h2>"
            "<h3>(ア) DX推進リーダー</h3>" + years([5, 10, 15]) +
            "<h3>(イ) DX推進員</h3>" + years([12, 24, 36]) +
            "<p>なお、高度専門人材については、令和9年度までに2名を採用する。</p>")
    return story_pdf(folder / "uwajima_goals.pdf", html)


def kaga_english(folder: Path) -> Path:
    """加賀市 (Story, no rulings): a role table `Staff role | Responsibilities` and a skill
    matrix `Competency | DX推進リーダー | 一般職員` marked ●."""
    roles = html_table([
        ["Staff role", "Responsibilities"],
        ["DX推進リーダー", "課内の業務改善を主導する"],
        ["一般職員", "日常業務にデジタルツールを使う"],
    ])
    matrix = html_table([
        ["Competency", "DX推進リーダー", "一般職員"],
        ["業務分析", "●", ""],
        ["クラウドの基本操作", "●", "●"],
    ])
    html = ("<h1>加賀市デジタル人材育成方針</h1><p>令和7年4月 加賀市</p>"
            "<h2>2 Roles</h2>" + roles + "<h2>3 Skills</h2>" + matrix)
    return story_pdf(folder / "kaga_english.pdf", html)
