"""Words and patterns a casebook prints: list-table headers, case-slide lines, section marks.

Everything the casebook extractor recognises by vocabulary lives here, so that a
casebook from another publisher is supported by extending these tables, not the code.
"""

from __future__ import annotations

import re

# List tables of cases: column → header words (compared after removing whitespace, so a
# header stacked over two lines, `項` / `番`, still reads `項番`).
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("項番", "番号", "No.", "No", "事例番号"),
    "body": ("団体名", "自治体名", "団体", "自治体", "市町村名", "市区町村名", "市町村"),
    "title": ("事例", "事例名", "取組", "取組名", "取組内容", "取組概要", "事例タイトル", "タイトル", "テーマ"),
    "category": ("カテゴリ", "カテゴリー", "分類", "分野"),
    "keywords": ("キーワード",),
    "population": ("人口", "人口(人)", "人口（人）"),
    "page": ("ページ", "ページ数", "頁", "掲載ページ", "掲載頁", "掲載箇所", "ページ番号", "P", "P."),
}
# A list's page cell: `45`, `P.45`, `p45`, or a range whose first page is the case's: `45～48`.
LIST_PAGE = re.compile(r"^\s*(?:[Pp]\.?)?\s*(?P<no>[0-9]{1,4})\s*(?:[-~～〜–—]\s*[0-9]{1,4})?\s*$")
# A page is a list of cases when its header row has at least these columns.
LIST_REQUIRED = ("number", "body", "title", "page")
# A keyword index (`頻出キーワード | 団体名 | ページ`) names bodies and pages, but no cases.
INDEX_REQUIRED = ("keywords", "body", "page")

# A list's chapter heading tells what kind of bodies it lists.
PREFECTURE_LIST_WORDS = ("都道府県",)
MUNICIPALITY_LIST_WORDS = ("市町村", "市区町村")

# Case slide: `人口：約8,000人`, `人口:約1,315,000人`, `人口 約23.4万人`, `(人口：8,000人 R6.1.1現在)`,
# `人口（R6.1.1現在）：42,000人`; also after the body on one line: `茨城県五霞町（人口：約8,000人）`
# (`body` is then the name, also as `事例1 桜川市（茨城県）／人口：…`).
POPULATION = re.compile(
    r"^\s*(?P<body>.*?)\s*[／/|｜]?\s*[(（]?\s*人口\s*(?:[(（][^()（）]{1,16}[)）])?\s*[:：]?\s*"
    r"(?P<amount>約?\s*[0-9０-９][0-9０-９,，.．]*\s*[万千]?\s*人)\s*(?:[^)）]*[)）])?"
    # other items of the body's profile may follow: `／職員数：約400人`, `面積：…`
    r"(?:\s*[／/|｜]?\s*[^\s:：、。/／|｜]{1,8}\s*[:：].*)?\s*$"
)
# A profile table's label cell, the amount in the cell beside it: `人口` | `42,000人`.
POPULATION_LABEL = re.compile(r"^\s*人口\s*(?:[(（][^()（）]{1,16}[)）])?\s*[:：]?\s*$")
# Case slide: `キーワード: #定期アンケート #OJT(職場内訓練)`, `【キーワード】DX研修／OJT／庁内公募`.
KEYWORD_LINE = re.compile(r"^\s*[【\[［〔<＜]?\s*キーワード\s*[】\]］〕>＞]?\s*[:：]?\s*(?P<rest>.*)$")
KEYWORD_MARK = re.compile(r"[#＃]")
# Keywords printed without `#` marks are separated by these.
KEYWORD_SEPARATOR = re.compile(r"\s*[／/、，,；;|｜]\s*")
# A middle dot also joins words within a keyword (`ICT・DX`): a separator only where no other is.
KEYWORD_LAST_RESORT_SEPARATOR = "・"
CASE_NUMBER = re.compile(r"^\s*(?:No\.?|事例|CASE|Case)?\s*(?P<no>[0-9０-９]{1,3})\s*$")
# A slide heading that numbers the case before the body: `事例3 美郷町（秋田県）`, `No.3 桜川市`.
CASE_NUMBER_PREFIX = re.compile(r"^\s*(?:No\.?|事例|CASE|Case)\s*(?P<no>[0-9０-９]{1,3})\s*[.．:：、]?\s*")
# A municipality's name printed alone (`桜川市`, `美郷町`).
MUNICIPALITY_NAME = r".{1,8}?[市区町村]"
# What may follow the body's name in a case heading: `桜川市の取組` is 桜川市's case.
BODY_NAME_SUFFIXES = ("の取組み", "の取り組み", "の取組", "の事例")
# A body printed as `美郷町（秋田県）`: the prefecture in brackets after the city.
BODY_WITH_PREFECTURE_AFTER = re.compile(r"^(?P<name>.{1,10}?[市区町村])\s*[(（](?P<prefecture>[^()（）]{2,4})[)）]$")
# A line that is only a printed page number (bottom of a slide): `12`, `- 12 -`, `P.12`, `12 / 40`.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-－‐–—―]|[Pp]\.?)?\s*(?P<no>[0-9０-９]{1,4})\s*(?:[-－‐–—―]|[/／]\s*[0-9０-９]{1,4})?\s*$"
)

# Table of contents (the model's contents pages): entries `1. 市町村による…` + `・・・ 2`.
# A page number after dot leaders, on the entry's line or a line of its own: `・・・ 49`.
TOC_ENTRY = re.compile(r"(?:[・…‥.．]{2,}|[…‥])\s*(?P<no>[0-9０-９]{1,4})\s*$")

# Sections inside a case.
INTERVIEW_HEADINGS = ("担当者インタビュー", "インタビュー")
CIRCLED_QUESTION = re.compile(r"^\s*[①-⑳]")
QUESTION_ENDINGS = ("か", "か?", "か？", "?", "？")
POINT_BULLETS = ("✓", "✔", "☑")

# Level schemes: `レベル5` + its definition; the role from the heading
# `五霞町におけるDX推進リーダーのレベル設定例`.
_LEVEL_WORD = r"(?:レベル|Level|LEVEL|Lv\.?|ステップ|Step|STEP|ステージ|Stage|STAGE)"
# A label may name its grade in brackets: `レベル1（初級）` (the label is `レベル1`).
_LEVEL_GRADE_NOTE = r"(?:\s*[(（][^()（）]{1,8}[)）])?"
LEVEL_LABEL = re.compile(rf"^\s*(?P<label>{_LEVEL_WORD}\s*(?P<rank>[0-9０-９]{{1,2}})){_LEVEL_GRADE_NOTE}\s*$")
# Levels named by grade instead of number, with their rank.
LEVEL_GRADES: dict[str, int] = {"初級": 1, "中級": 2, "上級": 3}
# A label with its definition on the same line: `レベル1 パソコンの基本操作ができる`, `初級：…`.
LEVEL_LABEL_INLINE = re.compile(
    rf"^\s*(?P<label>{_LEVEL_WORD}\s*(?P<rank>[0-9０-９]{{1,2}})|{'|'.join(LEVEL_GRADES)}){_LEVEL_GRADE_NOTE}"
    r"(?:\s*[:：]\s*|\s+)(?P<definition>\S.*)$"
)
LEVEL_HEADING_PLACE = re.compile(r"^.*?における")  # `五霞町における` is where, not who
# `DX推進リーダーの育成レベル`, `職員のデジタルスキルのレベル`, `DX推進リーダーに求められるレベル`.
LEVEL_HEADING_ROLE = re.compile(
    r"^(?P<role>[^、。\s]+?)(?:の(?:育成|(?:デジタル)?スキル)?の?|に求められる)(?:スキル)?(?:レベル|段階)")

# Numeric goals.
GOAL_VALUE_HEADER = "目標値"  # `目標値 2026年度` + `50人 (累計)` in an indicator row
GOAL_INDICATOR_HEADER = "指標"  # `指標 | DX推進員の育成 | …`
# `年間10名程度のDX推進員を育成します` — a yearly rate (fiscal_year null).
YEARLY_TRAINING = re.compile(
    r"(?:年間|毎年度?|1年あたり)\s*(?P<amount>[0-9０-９]+\s*[名人](?:程度|以上|前後)?)\s*の?\s*(?P<role>[^、。をのに]{2,20}?)を\s*(?:育成|養成)"
)
# An indicator `Xの育成` is a headcount goal for the role X.
TRAINING_INDICATOR = re.compile(r"^(?P<role>.+?)の(?:育成|養成)(?:数|人数)?$")
TRAINING_METRIC = "育成人数"
# A goal sentence with a deadline and a headcount: `目標：令和9年度までにDX推進リーダー30名`,
# `2027年度末までに30名のDX推進リーダーを育成`.
GOAL_DEADLINE = r"(?P<year>(?:令和|R)\s*[0-9０-９元]{1,2}\s*年度|(?:20)[0-9]{2}\s*年度)\s*末?\s*まで(?:に)?\s*"
GOAL_AMOUNT = r"(?P<amount>(?:累計|計)?\s*[0-9０-９]+\s*[名人](?:以上|程度)?)"
# `DX推進リーダーを令和9年度までに30名育成`: the role starts after the sentence's topic (`本市は`).
GOAL_ROLE_FIRST = r"(?:^|(?<=[はがも、。：:\s]))(?P<role>[^、。0-9０-９はがも：:\s]{2,20}?)を\s*"
DEADLINE_GOALS = (
    re.compile(GOAL_DEADLINE + r"(?P<role>[^、。0-9０-９]{2,20}?)\s*を?\s*" + GOAL_AMOUNT),
    re.compile(GOAL_DEADLINE + GOAL_AMOUNT + r"\s*の\s*(?P<role>[^、。0-9０-９]{2,20}?)\s*を\s*(?:育成|養成|確保)"),
    re.compile(GOAL_ROLE_FIRST + GOAL_DEADLINE + GOAL_AMOUNT + r"\s*(?:を|の)?\s*(?:育成|養成|確保)"),
)
