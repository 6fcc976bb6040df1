"""Which role does each number of a goal sentence count? The regular-expression
reading (`targets.goal_role`: the role named in the number's own clause, else the
sentence's first) measured against a reading over GiNZA's dependency parse
(`extractors/policy/goal_parse.py`: the role noun the number's counter attaches to, else the
object/subject/oblique role of the verb it attaches to, walking up), and against the
two combined as ingest runs them (the parse only where the regex guesses), on goal
sentences of the sample corpus that name their role, sentences written to vary
the construction, and those of the unseen corpus's tsuruoka_goals and nankoku_deck.

Prints, per reading, the numbers whose role it gets right, the sentences where the
two differ, and GiNZA's load time and sentences/s.

usage: .venv/bin/python bench/goal_role_parse.py
"""

from __future__ import annotations

import time

from jinzai.extractors.policy.goal_parse import parsed_roles, settled_roles
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.sentences import goal_role, goals_in_sentence
from jinzai.models import Role
from jinzai.normalizers.roles import canonical_role
from jinzai.normalizers.terms import ginza
from jinzai.normalizers.text import normalize_text

ROLE_NAMES = [
    "DX推進リーダー", "DX推進員", "一般職員", "全職員", "管理職", "高度専門人材", "情報化推進員", "業務改革推進員",
    "部局DX推進監", "ビジネスアーキテクト", "データサイエンティスト", "デザイナー", "ソフトウェアエンジニア",
    "サイバーセキュリティ", "総括リーダー", "デジタル推進員", "DX統括責任者", "情報セキュリティ専門員", "DXプロモーター",
    "業務改革デザイナー",
]

# (sentence, the role each number counts, in the order printed); the first nine are the
# corpus's goal sentences that name their role (tondabayashi, osaki, kunisaki).
SENTENCES: list[tuple[str, list[str]]] = [
    ("ビジネスアーキテクトについては、各部におけるＤＸの取組を牽引する人材として、令和１０年度までに２０名を育成します。",
     ["ビジネスアーキテクト"]),
    ("あわせて、全ての部にビジネスアーキテクトを２名以上配置することを目指します。", ["ビジネスアーキテクト"]),
    ("データサイエンティストは、毎年度２名ずつ、計８名を育成します。", ["データサイエンティスト"] * 2),
    ("デザイナーについては、市民の利用が多い手続を所管する部署を中心に、令和８年度までに３名、令和１０年度までに６名を育成します。",
     ["デザイナー"] * 2),
    ("ソフトウェアエンジニアは、デジタル推進課の職員を中心として、令和１０年度までに５名を育成します。", ["ソフトウェアエンジニア"]),
    ("サイバーセキュリティについては、令和７年度に２名を育成し、令和８年度以降は毎年度１名を育成します。", ["サイバーセキュリティ"] * 2),
    ("全職員については、令和８年度までに情報リテラシー研修の受講率１００％を達成します。", ["全職員"]),
    ("令和9年度末までに、業務改革推進員の50％以上がLv.2以上に到達することを目指す。", ["業務改革推進員"]),
    ("目標人数：各係に1人（総括リーダー）", ["総括リーダー"]),
    ("令和10年度までにDX推進リーダーを30名、DX推進員を50名育成する。", ["DX推進リーダー", "DX推進員"]),
    ("DX推進員は各課に1名以上配置し、DX推進リーダーは各部に2名配置する。", ["DX推進員", "DX推進リーダー"]),
    ("令和8年度までに、各課1名のDX推進員と、各部2名のDX推進リーダーを育成する。", ["DX推進員", "DX推進リーダー"]),
    ("30名のDX推進リーダーと、100名のDX推進員を、令和9年度までに育成する。", ["DX推進リーダー", "DX推進員"]),
    ("DX推進リーダーについては20名、DX推進員については40名を目標とする。", ["DX推進リーダー", "DX推進員"]),
    ("令和7年度に高度専門人材を1名確保し、令和8年度以降はDX推進リーダーを毎年10名育成する。", ["高度専門人材", "DX推進リーダー"]),
    ("情報化推進員を各係に1名配置することとし、その育成を担う業務改革推進員を各課に1名配置する。", ["情報化推進員", "業務改革推進員"]),
    ("DX推進リーダーの育成目標は50名、DX推進員の育成目標は120名とする。", ["DX推進リーダー", "DX推進員"]),
    ("管理職を対象とした研修を実施し、DX推進リーダーを令和10年度までに25名育成する。", ["DX推進リーダー"]),
    ("ビジネスアーキテクトは各部2名以上、デザイナーは全体で5名を確保する。", ["ビジネスアーキテクト", "デザイナー"]),
    ("全職員のうち、DX推進リーダーとして10名を選任する。", ["DX推進リーダー"]),
    ("DX推進リーダーを、DX推進員の中から毎年度5名選任する。", ["DX推進リーダー"]),
    ("部局DX推進監が指名する業務改革推進員を、各課に1名以上置く。", ["業務改革推進員"]),
    ("専門人材としてデータサイエンティストを3名、ソフトウェアエンジニアを2名確保する。",
     ["データサイエンティスト", "ソフトウェアエンジニア"]),
    ("全職員の受講率を令和8年度までに80%、令和10年度までに100%とする。", ["全職員"] * 2),
    ("令和10年度までに、全ての課にDX推進員を配置し、DX推進リーダーを20名育成する。", ["DX推進リーダー"]),
    ("一般職員の受講率を100%とし、管理職については全員が受講することを目指す。", ["一般職員"]),
    ("DX推進員の中から選ばれた15名をDX推進リーダーとして育成する。", ["DX推進リーダー"]),
    ("管理職が推薦するDX推進員を、毎年度20名育成する。", ["DX推進員"]),
    ("データサイエンティストの育成人数は、令和9年度に4名とする。", ["データサイエンティスト"]),
    ("DX推進リーダー研修を修了したDX推進員を、令和10年度までに60名とする。", ["DX推進員"]),
    # the unseen corpus's tsuruoka_goals and nankoku_deck (branch rt-targets), and constructions like theirs
    ("令和７年度は、研修を４回開催し、DX推進リーダー８名及びデジタル推進員１２名を育成する。",
     ["DX推進リーダー", "デジタル推進員"]),
    ("令和8年度末までに累計20名をDX推進リーダーとして育成する。", ["DX推進リーダー"]),
    ("高度な分析を担う三名のデータサイエンティストを、令和十年度までに外部から確保する。", ["データサイエンティスト"]),
    ("デジタル推進員は、令和8年度以降も毎年度10人程度を養成し、2028年度には延べ45人とする。", ["デジタル推進員"] * 2),
    ("DX統括責任者は、各部に一名（計九名）を置く。", ["DX統括責任者"] * 2),
    ("各所属に1人以上のDXプロモーターを配置します。", ["DXプロモーター"]),
    ("デジタル推進員の中から5名をDX推進リーダーに登用する。", ["DX推進リーダー"]),
    ("12名のデジタル推進員と3名の情報セキュリティ専門員を、令和9年度末までに確保する。",
     ["デジタル推進員", "情報セキュリティ専門員"]),
    ("DX推進リーダーを各課1名（計45名）配置し、その補佐としてデジタル推進員を各係に1名置く。",
     ["DX推進リーダー", "DX推進リーダー", "デジタル推進員"]),
    ("DXプロモーターが指導する業務改革デザイナーを、毎年度3人ずつ育成する。", ["業務改革デザイナー"]),
    ("30名のデジタル推進員のうち、10名をDX推進リーダーとして選任する。", ["デジタル推進員", "DX推進リーダー"]),
]

def main() -> None:
    roles = RoleMatcher([Role(doc_id="bench", page=1, name=name, canonical=canonical_role(name, ROLE_NAMES)[0])
                         for name in ROLE_NAMES])
    started = time.perf_counter()
    nlp = ginza()
    loaded = time.perf_counter() - started
    totals = {"regex": 0, "ginza": 0, "combined": 0}
    numbers = 0
    differing = []
    started = time.perf_counter()
    docs = list(nlp.pipe(normalize_text(s) for s, _ in SENTENCES))
    parse_seconds = time.perf_counter() - started
    for (sentence, expected), doc in zip(SENTENCES, docs, strict=True):
        text = normalize_text(sentence)
        goals = goals_in_sentence(text)
        regex = [goal_role(goal, roles.mentioned(text), roles) for goal in goals]
        parsed = parsed_roles(doc, roles)
        combined = settled_roles(goals, text, regex, roles)  # what ingest runs: the parse where the regex guesses
        totals["combined"] += sum(a == b for a, b in zip(combined, expected))
        numbers += len(expected)
        totals["regex"] += sum(a == b for a, b in zip(regex, expected))
        totals["ginza"] += sum(a == b for a, b in zip(parsed, expected))
        if regex != parsed or regex != expected:
            differing.append((text, expected, regex, parsed))
    print(f"{len(SENTENCES)} goal sentences, {numbers} counted numbers")
    for name, right in totals.items():
        print(f"  {name:8s} right role: {right}/{numbers} ({right / numbers:.1%})")
    print(f"  GiNZA load {loaded:.2f} s, {len(SENTENCES) / parse_seconds:.0f} sentences/s")
    print("sentences where a reading is wrong (expected | regex | ginza):")
    for text, expected, regex, parsed in differing:
        print(f"  {text}\n    {expected} | {regex} | {parsed}")


if __name__ == "__main__":
    main()
