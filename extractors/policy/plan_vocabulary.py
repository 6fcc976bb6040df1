"""Domain vocabulary of training plans and numeric goals, in one place.

Everything the training and target extractors know about how municipal policies
word their tables and goals lives here as data: the header words that name a
training table's columns, the words that mark a total, and which verb or noun
next to a number makes it which metric. The extractors only apply it.
"""

from __future__ import annotations

import re
from typing import Final

# ---------------------------------------------------------------- training tables

# Header words of a training table's columns, per column kind. A header cell is of
# the kind whose longest word it equals or contains (研修形態 is a format column
# although it contains 研修).
TRAINING_COLUMN_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("研修名", "講座名", "科目名", "研修", "講座", "プログラム名", "研修名称", "講座名称", "研修科目",
             "研修プログラム", "研修メニュー", "コース名", "研修コース"),
    "organizer": ("主催", "主催者", "実施機関", "実施主体", "提供", "提供元", "実施団体", "講師", "講師名"),
    "category": ("区分", "分類", "種別", "種類", "分野", "カテゴリ", "カテゴリー"),
    "summary": ("概要", "内容", "研修内容", "研修概要", "講座内容"),
    "format": ("研修形態", "形態", "研修手法", "手法", "方法", "実施形式", "形式", "実施方法", "研修方法", "受講方法",
               "研修形式", "実施形態", "受講形式", "受講形態", "開催形式", "開催方法"),
    "audience": ("対象", "対象者", "受講対象", "受講対象者", "対象職員"),
}
# Nouns that end a training's name (情報リテラシー研修, インシデント対応演習), for
# trainings listed in prose rather than in a table.
TRAINING_NOUNS: Final[tuple[str, ...]] = (
    "研修", "講座", "演習", "訓練", "セミナー", "ワークショップ", "勉強会", "研修会", "塾", "プログラム", "スクール",
)
# A sentence after a listed training naming whom it is for (`対象はDX推進リーダー(必修)とする`,
# `受講対象者は、全職員です`), and the words joining several audiences in it.
AUDIENCE_SENTENCE: Final[re.Pattern[str]] = re.compile(
    r"^(?:受講)?対象(?:者|職員)?(?:は|:)、?\s*(?P<who>.+?)(?:を対象と(?:する|します)|とする|とします|です|である)?$")
AUDIENCE_CONJUNCTIONS: Final[re.Pattern[str]] = re.compile(r"及び|および|並びに|ならびに")
# Words of a caption or heading over a table of trainings (`表3 研修体系`, `(2) 選択研修`): evidence
# where the table prints no header row.
TRAINING_TITLE_WORDS: Final[tuple[str, ...]] = ("研修", "講座", "カリキュラム", "セミナー")
# A table is a training table when its header has a name column and an audience column,
# or a name column and two columns of these (a catalogue whose audience is printed elsewhere:
# a slide's `研修名 | ねらい・内容 | 形式 | 実施主体`).
TRAINING_TABLE_REQUIRED: Final[tuple[str, ...]] = ("name", "audience")
TRAINING_CATALOGUE_FIELDS: Final[tuple[str, ...]] = ("organizer", "format", "summary")
TRAINING_CATALOGUE_MIN_FIELDS: Final[int] = 2


def is_training_header(kinds: set[str]) -> bool:
    """Whether the column kinds a header names make a training table (see above)."""
    return set(TRAINING_TABLE_REQUIRED) <= kinds or "name" in kinds \
        and len(kinds & set(TRAINING_CATALOGUE_FIELDS)) >= TRAINING_CATALOGUE_MIN_FIELDS

# ---------------------------------------------------------------- year tables

# Header or row labels of derived totals: never targets, but used to check sums.
TOTAL_LABELS: Final[tuple[str, ...]] = ("計", "合計", "総計", "小計", "累計", "合計人数", "計(人)")
# A column headed by one of these holds the goal (目標値(R10)) though it names no year, or a
# starting point that is no target (現状値, 実績, 策定時(R6)).
GOAL_COLUMN_WORDS: Final[tuple[str, ...]] = ("目標",)
BASELINE_WORDS: Final[tuple[str, ...]] = ("現状", "実績", "基準", "現在", "策定時")

# ---------------------------------------------------------------- goals and metrics

# Headings of the sections that state goals (数値目標, 育成目標, 中期目標 …).
GOAL_SECTION_WORDS: Final[tuple[str, ...]] = ("目標",)
# Outside such sections, a sentence states a goal only when it says so.
GOAL_SENTENCE_WORDS: Final[tuple[str, ...]] = ("目標", "目指す", "目指し", "めざす", "めざし")

# Elsewhere again, a sentence committing to a count by a deadline states a goal:
# `令和10年度までにDX推進リーダーを30名育成する` (not a past result, `育成した`).
DEADLINE_WORDS: Final[tuple[str, ...]] = ("までに", "までの間に", "年度中に", "年度末に", "以内に")
COMMITTED_GOAL: Final[re.Pattern[str]] = re.compile(
    r"(?:育成|確保|配置|養成|登用|採用|達成|到達|受講|取得|選任|任命)(?:する|します|を図る|を図ります|を進める|を進めます)"
)
# A metric named right before the number: "受講率 100%".
METRIC_NOUNS: Final[tuple[str, ...]] = (
    "受講率", "到達率", "達成率", "取得率", "合格率", "修了率", "参加率", "配置率", "育成率",
    "育成人数", "確保人数", "配置人数", "受講者数", "到達人数", "目標人数",
)

# A verb or noun after the number says what it counts: the first one found after the
# number wins. Per unit of the number: (metric for 人, metric for %).
METRIC_VERBS: Final[tuple[tuple[str, str, str], ...]] = (
    # word, metric when counting people, metric when a share
    ("到達", "到達人数", "到達率"),
    ("配置", "配置", "配置率"),
    ("登用", "配置", "配置率"),
    ("任命", "配置", "配置率"),
    ("選任", "配置", "配置率"),
    ("指名", "配置", "配置率"),
    ("確保", "確保人数", "確保率"),
    ("採用", "確保人数", "確保率"),
    ("育成", "育成人数", "育成率"),
    ("養成", "育成人数", "育成率"),
    ("認定", "育成人数", "認定率"),
    ("受講", "受講者数", "受講率"),
    ("取得", "資格取得者数", "取得率"),  # what staff acquire and pass are qualifications
    ("合格", "資格取得者数", "合格率"),
    ("修了", "受講者数", "修了率"),
)
# Metric nouns that say only "a goal" (育成目標人数 contains 目標人数): a verb beside them
# (育成) names the metric better, so they are taken only when no verb does.
GENERIC_METRIC_NOUNS: Final[tuple[str, ...]] = ("目標人数",)
# Words right before a number that make it a rate per year (年間20名程度, 毎年度10人):
# such a goal holds for every year of the plan, so it has no fiscal year. A digit before
# the word makes it a span instead (5年間で100名).
PER_YEAR_WORDS: Final[tuple[str, ...]] = ("年間", "毎年度", "毎年", "各年度", "年あたり", "年当たり", "単年度")
# The qualifier a per-year goal is stored with (kept apart from cumulative ones, 累計).
PER_YEAR_QUALIFIER: Final[str] = "毎年度"
# Qualifiers of a sum a goal sentence derives from its per-year rate (毎年度2名ずつ、計8名)
# or its count per unit (各部に1名（計9名）).
DERIVED_TOTAL_QUALIFIERS: Final[tuple[str, ...]] = ("計", "合計")
# Words right after a number that make it the whole a goal is taken from (職員1,024人のうち、
# 20名を…), not a goal.
WHOLE_WORDS: Final[tuple[str, ...]] = ("のうち", "の内", "の中から", "中")
# Labels of figures that describe the body, not a goal (a plan's table may print the
# expected staff numbers beside its goals: 職員数（見込）).
PROFILE_WORDS: Final[tuple[str, ...]] = ("職員数", "人口", "世帯数", "予算", "回答者数")
# A sentence ending in the past reports a result (受講率は82%であった), not a goal, unless it
# speaks of a goal or a deadline (…30名を育成することとした).
PAST_RESULT: Final[re.Pattern[str]] = re.compile(r"(?:た|でした|ました)[。.]?\s*$")
# Words of a goal sentence naming the whole staff: the document's role of that canonical
# kind when it has exactly one (全職員の受講率 → 一般職員).
GROUP_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "all_staff": ("全職員", "全ての職員", "すべての職員", "職員全員", "全庁職員"),
}
# "各係に1人": a number per organisational unit is a placement.
PER_UNIT_METRIC: Final[str] = "配置"
# When nothing names the metric: by unit.
DEFAULT_METRIC: Final[dict[str, str]] = {"人": "目標人数", "%": "目標率"}
# Unit of a metric when the number is printed bare (a table cell "3").
METRIC_UNITS: Final[dict[str, str]] = {
    "育成人数": "人", "確保人数": "人", "配置": "人", "到達人数": "人", "目標人数": "人",
    "受講者数": "人", "資格取得者数": "人",
}
