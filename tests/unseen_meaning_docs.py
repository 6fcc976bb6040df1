"""Policy documents read by meaning, built in tests with PyMuPDF (never committed as PDFs).

They word and lay out what `tondabayashi.pdf`/`osaki.pdf` hold in other ways:
other role names (デジタルスキル標準 sub-types), other labels over skill lists,
other enumerators and bracket words in training lists, other goal sentences.
The municipalities are real ones that the sample corpus does not contain.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pdfs

CSS = ("* {font-family: sans-serif; font-size: 10pt} h1 {font-size: 20pt} h2 {font-size: 13pt} "
       "h3 {font-size: 11pt} p.label {font-size: 9pt} p.note {font-size: 8.5pt; text-align: right}")

story_pdf = partial(pdfs.story_pdf, css=CSS)

# (role heading, definition, label over its skills, skills)
ROLES = [
    ("データエンジニア", "庁内のデータ基盤を整え、各課がデータを使える環境をつくる人材です。",
     "必要となる知識", ["データベースの設計", "統計分析の知識", "データの連携・統合", "クラウド基盤の基礎"]),
    ("サービスデザイナー", "利用者の体験から行政サービスを設計し直す人材です。",
     "主な能力", ["利用者への聞き取り", "画面・帳票の改善提案"]),
    ("DX推進リーダー", "各課の業務改善を企画し、実行を先導する職員です。",
     "求められるスキル", ["業務の棚卸しと課題整理", "関係部署との調整"]),
]

# (group, name, parentheses, organizer or None)
TRAININGS = [
    ("(ア) 共通研修", "デジタル入門講座", "職員全員・必須、オンデマンド", "主催：市"),
    (None, "セキュリティ基礎講座", "職員全員・必須、動画視聴", None),
    ("(イ) 専門研修", "データ基盤構築演習", "データエンジニア・必須、DX推進リーダー・推奨、ハンズオン", "主催：県"),
    (None, "サービスデザイン実践ワークショップ", "サービスデザイナー・必須、希望者、対面", "主催：民間事業者"),
]


def hatsukaichi(path: Path) -> Path:
    """廿日市市: roles as numbered headings of デジタルスキル標準 sub-types, each with a
    definition and a skill list under a label in smaller type (`必要となる知識`,
    `主な能力`); trainings as a list numbered 1) 2) under (ア)/(イ) groups, with
    audience, requirement and format in words in parentheses and an organizer line."""
    roles = "".join(
        f"<h3>({n}) {name}</h3><p>{definition}</p><p class='label'>{label}</p>"
        + "".join(f"<p>・{skill}</p>" for skill in skills)
        for n, (name, definition, label, skills) in enumerate(ROLES, 1))
    trainings = "".join(
        (f"<p>{group}</p>" if group else "")
        + f"<p>{n}) {name}({inside})</p><p>　演習と講義を組み合わせて学びます。</p>"
        + (f"<p class='note'>{organizer}</p>" if organizer else "")
        for n, (group, name, inside, organizer) in enumerate(TRAININGS, 1))
    html = f"""
    <h1>廿日市市デジタル人材育成計画</h1>
    <p>令和7年3月 廿日市市</p>
    <h2>1 育成する人材</h2>
    <p>本市では、デジタルスキル標準を参考に、次の人材を育成します。</p>
    {roles}
    <h2>2 研修の体系</h2>
    <p>研修名の後の括弧内は、対象者と受講の別、実施方法です。</p>
    {trainings}
    """
    return story_pdf(path, html)


# (role, how it is secured, count, by when) of a table headed in words no sample uses
SECURED = [
    ("地域DXアドバイザー", "大学の研究者に助言を依頼する。", "2人", "令和8年度"),
    ("データエンジニア", "民間企業から職員を受け入れる。", "1人", "令和9年度まで"),
    ("サービスデザイナー", "必要な時期に専門事業者へ委託する。", "適宜", "随時"),
]


def hatsukaichi_goals(path: Path) -> Path:
    """廿日市市 (goals): a role created by a sentence that appoints people under a
    quoted name, a goal table headed `種別 | 方法 | 確保数 | 年度` whose columns are
    known only by what they hold, and a per-year goal beside the total it adds up to."""
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in SECURED)
    roles = "".join(f"<h3>({n}) {name}</h3><p>{definition}</p>" for n, (name, definition, *_) in enumerate(ROLES, 1))
    html = f"""
    <h1>廿日市市デジタル人材育成計画</h1>
    <h2>1 育成する人材</h2>
    {roles}
    <h2>2 外部の知見の活用</h2>
    <p>高度な助言が必要な分野では、大学等の専門家を「地域DXアドバイザー」として委嘱します。</p>
    <p>地域DXアドバイザーは、計画の進め方について市に助言します。</p>
    <h2>3 数値目標</h2>
    <p>データエンジニアは、毎年度3名ずつ、合計12名を育成します。</p>
    <p>外部からの人材の確保は次の表のとおりです。</p>
    <p>外部人材の確保</p>
    <table>
    <tr><th>種別</th><th>方法</th><th>確保数</th><th>年度</th></tr>
    {rows}
    </table>
    """
    return story_pdf(path, html)


def wrapped_goal(path: Path) -> Path:
    """A goal sentence whose fiscal year wraps inside its number (`令和1` / `0年度`),
    as a word processor breaks Japanese lines anywhere."""
    return pdfs.text_pdf(path, [
        (60, 80, "大竹市DX人材育成方針"),
        (60, 120, "1 育成目標"),
        (60, 150, "DX推進リーダーについては、各課の取組を牽引する人材として、令和1"),
        (60, 165, "0年度までに25名を育成することを目指します。"),
    ], fontsize=10)


# (role, level label, stage name, what one can do) — two level columns, the rank in one
STAGES = [
    ("DX推進リーダー", "STEP1", "はじめの一歩", "業務の課題を見つけ、改善案を出せる。"),
    ("DX推進リーダー", "STEP2", "ひとり立ち", "改善を企画し、所属で実行できる。"),
    ("一般職員", "STEP1", "はじめの一歩", "基本的なツールを使える。"),
    ("一般職員", "STEP2", "ひとり立ち", "ツールで自分の業務を効率化できる。"),
]


def otake_stages(path: Path) -> Path:
    """大竹市: a level table `人材 | ステップ | 育成段階 | 到達目標` with two level columns,
    the rank printed in one (`STEP2`) and a stage name in the other (`ひとり立ち`)."""
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in STAGES)
    html = f"""
    <h1>大竹市DX人材育成方針</h1>
    <h2>1 育成の段階</h2>
    <p>人材ごとの育成の段階は次のとおりです。</p>
    <table>
    <tr><th>人材</th><th>ステップ</th><th>育成段階</th><th>到達目標</th></tr>
    {rows}
    </table>
    """
    return story_pdf(path, html)


def kpi_with_baseline(path: Path) -> Path:
    """A goal table printed from a spreadsheet without rulings: a 現状値 column between
    the labels and the year columns, a 合計 row, and a note giving a baseline in words."""
    rows = [("データ活用推進員", "3人", "10人", "20人"), ("業務改善リーダー", "0人", "15人", "30人"),
            ("合計", "3人", "25人", "50人")]
    texts = [(60, 80, "大竹市DX推進計画"), (60, 110, "3 育成目標"),
             (60, 140, "人材"), (250, 140, "現状値"), (340, 140, "R7"), (430, 140, "R8")]
    for n, (label, *cells) in enumerate(rows):
        y = 165 + 22 * n
        texts += [(60, y, label), *((250 + 90 * i, y, cell) for i, cell in enumerate(cells))]
    texts.append((60, 250, "※業務改善リーダーは新設のため、現状値は0人とする。"))
    return pdfs.text_pdf(path, texts, fontsize=10)


# (group, training, organizer, marks for DX推進リーダー, DX推進員, 一般職員)
SHEET_TRAININGS = [
    ("共通基礎", "情報モラル研修", "総務課", "●", "●", "●"),
    ("共通基礎", "文書デジタル化講座", "情報課", "○", "●", ""),
    ("共通基礎", "チャット活用講座", "情報課", "", "○", "△"),
    ("応用", "業務可視化ワークショップ", "民間事業者", "●", "○", ""),
    ("応用", "データ集計演習", "県", "●", "△", ""),
]


def sheet_print(path: Path) -> Path:
    """A training plan printed from a spreadsheet: no rulings, a legend above, role
    headers centred in merged cells of different heights (`DX推進` / `リーダー` on two
    lines, `一般職員` on one line between them, `DX推進員` below), and group labels
    centred beside their rows — one on two lines straddling the middle row of its
    group, one between the two rows of its group."""
    size, pitch, top = 9.0, 24.0, 190.0
    texts = [(60, 80, "嘉麻市DX研修実施計画"), (60, 110, "2 研修の一覧"),
             (300, 140, "記号 ●：受講必須 ○：受講推奨 △：任意"),
             (64, 168, "分類"), (120, 168, "研修名称"), (250, 168, "主催"),
             (330, 163, "DX推進"), (330, 173, "リーダー"), (390, 168, "DX推進員"), (460, 168, "一般職員")]
    columns = (330, 395, 470)
    for n, (_, name, organizer, *marks) in enumerate(SHEET_TRAININGS):
        y = top + pitch * n
        texts += [(120, y, name), (250, y, organizer)]
        texts += [(x, y, mark) for x, mark in zip(columns, marks) if mark]
    texts += [(64, top + pitch - 5, "共通"), (64, top + pitch + 5, "基礎")]  # straddles its middle row
    texts += [(68, top + pitch * 3.5, "応用")]  # between the two rows of its group
    texts.append((60, top + pitch * 5 + 20, "※日程は別途通知する。"))
    return pdfs.text_pdf(path, texts, fontsize=size)


def role_table_with_placements(path: Path) -> Path:
    """A role table `人材像 | 選び方 | 役割` whose rows say how many of each role are
    placed, in words no sample uses (`各係に2名を置く`, `所属長が1名を選任する`)."""
    html = """
    <h1>大竹市DX推進体制</h1>
    <h2>1 人材の区分</h2>
    <table>
    <tr><th>人材像</th><th>選び方</th><th>役割</th></tr>
    <tr><td>DX推進リーダー</td><td>所属長が1名を選任する。</td><td>所属の業務改革を企画し、実行を先導する。</td></tr>
    <tr><td>DX推進員</td><td>各係に2名を置く。</td><td>リーダーを補佐し、職場のツール活用を支える。</td></tr>
    <tr><td>一般職員</td><td>全ての職員</td><td>デジタル技術を日々の業務に活用する。</td></tr>
    </table>
    """
    return story_pdf(path, html)


def two_promoters(path: Path) -> Path:
    """Two departmental roles named alike (`…推進員`) and no leader by name; the
    description of one says it assists the other."""
    html = """
    <h1>大竹市DX推進体制</h1>
    <table>
    <tr><th>人材像</th><th>役割</th></tr>
    <tr><td>業務改善推進員</td><td>各課の業務改善を企画し、実行する。</td></tr>
    <tr><td>ICT推進員</td><td>業務改善推進員を補佐し、職場のツール活用を支える。</td></tr>
    </table>
    """
    return story_pdf(path, html)


def audience_in_words(path: Path) -> Path:
    """A training table whose 対象者 cells name the audience in words with requirements in
    notes (`管理職(必修)、DX推進リーダー(推奨)、希望者`), and goal sentences outside any goal
    section: one committing to a count by a deadline, one reporting a past result."""
    html = """
    <h1>大竹市DX研修計画</h1>
    <h2>1 人材</h2>
    <p>(1) DX推進リーダー</p>
    <p>各課の業務改善を先導する職員です。</p>
    <p>(2) 管理職</p>
    <p>所属のDXを統括する職員です。</p>
    <h2>2 研修</h2>
    <table>
    <tr><th>研修名</th><th>対象者</th><th>形式</th></tr>
    <tr><td>DX戦略研修</td><td>管理職(必修)、DX推進リーダー(推奨)、希望者</td><td>集合研修</td></tr>
    <tr><td>ノーコード入門</td><td>DX推進リーダー(必修)</td><td>オンライン</td></tr>
    </table>
    <h2>3 これまでの取組と今後</h2>
    <p>令和5年度までに、DX推進リーダーを12名育成した。</p>
    <p>令和9年度までに、DX推進リーダーを40名育成します。</p>
    """
    return story_pdf(path, html)


# (bullet, role name, its definition)
BULLETED_ROLES = [
    ("◆", "デジタル推進リーダー", "各課において業務の見直しを先導し、デジタル技術の導入を企画する職員です。"),
    ("◆", "データ活用担当", "統計やデータを分析し、政策の立案を支える職員です。"),
    ("■", "全職員", "デジタル技術を日常の業務で使いこなす職員です。"),
]


def bulleted_roles(path: Path) -> Path:
    """安芸市: roles as ◆/■ bullets in body type, each with a definition paragraph,
    one unknown to the dictionary (`データ活用担当`), and a bulleted line that names no people."""
    roles = "".join(f"<p>{bullet}{name}</p><p>{definition}</p>" for bullet, name, definition in BULLETED_ROLES)
    html = f"""
    <h1>安芸市デジタル人材育成方針</h1>
    <h2>1 目指す人材像</h2>
    <p>本市では次の人材を育成します。</p>
    {roles}
    <h2>2 取組</h2>
    <p>◆情報セキュリティ研修</p>
    <p>全ての職員が毎年度受講します。</p>
    """
    return story_pdf(path, html)


def kpi_with_target_year(path: Path) -> Path:
    """A KPI table `指標 | 現状値 | 目標値 | 目標年度`: the indicator names the role and
    the metric, the baseline is no goal, the year comes from a column of its own."""
    texts = [(60, 80, "宇佐市DX推進計画"), (60, 110, "1 人材"),
             (60, 130, "(1) DX推進リーダー"), (60, 148, "所属の業務改善を先導する職員です。"),
             (60, 170, "(2) 一般職員"), (60, 188, "ツールを使いこなす職員です。"),
             (60, 220, "2 成果指標"),
             (60, 250, "指標"), (260, 250, "現状値"), (360, 250, "目標値"), (450, 250, "目標年度"),
             (60, 275, "DX推進リーダーの育成数"), (280, 275, "5人"), (370, 275, "30人"), (450, 275, "令和10年度"),
             (60, 297, "一般職員の研修受講率"), (280, 297, "40%"), (370, 297, "100%"), (450, 297, "令和8年度")]
    return pdfs.text_pdf(path, texts, fontsize=10)


# (role, the topics of its skill sentence) under an unnumbered heading naming skills
SKILL_TOPICS = [
    ("DX推進リーダー", ["業務プロセスの見直し", "データの分析", "関係部署との調整", "外部事業者との契約管理"]),
    ("一般職員", ["情報セキュリティ", "文書作成ツール"]),
]


def skill_topics_under_a_symbol_heading(path: Path) -> Path:
    """土佐市: skills as list items `<role>：A、B…に関する知識の習得。` under a heading printed large
    with a ■ and no section number, the first item wrapping over two lines; the next ■ heading
    (trainings) is the end of the skill section though its items are shaped alike."""
    html = """
    <h1>土佐市DX人材育成方針</h1>
    <h2>1 育成する人材</h2>
    <h3>(1) DX推進リーダー</h3><p>各課の業務改善を先導する職員です。</p>
    <h3>(2) 一般職員</h3><p>全ての職員です。</p>
    <h2>■ 職員に求める知識・能力</h2>
    <p>・DX推進リーダー：業務プロセスの見直し、データの分析、関係部署との調整、外部事業者との契約管理等に関する知識の習得。</p>
    <p>・一般職員：情報セキュリティ、文書作成ツールの基本的な知識。</p>
    <h2>■ 研修の方針</h2>
    <p>・DX推進リーダー：ハンズオン演習、先進自治体の視察</p>
    """
    return story_pdf(path, html)


# (role, its description wrapping over two lines)
LISTED_ROLES = [
    ("DX推進リーダー", "各課の業務を見直し、デジタル技術を使った改善の企画から実行までを先導するとともに、課内の職員の相談に応じる"),
    ("一般職員", "デジタルツールを使いこなし、日々の業務を効率化する"),
]


def roles_in_wrapped_list_items(path: Path) -> Path:
    """室戸市: roles defined only by list items `▶<role>・・・<description>`, no role table
    or role heading; the first description wraps onto a second line."""
    items = "".join(f"<p>▶{name}・・・{text}</p>" for name, text in LISTED_ROLES)
    html = f"""
    <h1>室戸市デジタル化推進計画</h1>
    <h2>1 推進体制</h2>
    <p>本市では次の体制でデジタル化を進めます。</p>
    {items}
    """
    return story_pdf(path, html)


# (role heading, its definition): the middle one unknown to the dictionary
SYMBOL_HEADED_ROLES = [
    ("DX推進リーダー", "各課の業務改善を先導する職員です。"),
    ("デジタル伴走サポーター", "各課に寄り添い、ツールの導入を手伝う職員です。"),
    ("一般職員", "デジタルツールを使いこなす全ての職員です。"),
]


def symbol_headed_roles(path: Path) -> Path:
    """奈半利町: role headings marked with ◆ and printed larger, no section number, one
    unknown role between two known ones; a ◆ heading of another rank (larger) follows."""
    roles = "".join(f"<h3>◆{name}</h3><p>{text}</p>" for name, text in SYMBOL_HEADED_ROLES)
    html = f"""
    <h1>奈半利町DX推進方針</h1>
    <h2>◆育成する人材</h2>
    {roles}
    <h2>◆研修の方針</h2>
    <p>全ての職員が毎年度受講します。</p>
    """
    return story_pdf(path, html)
