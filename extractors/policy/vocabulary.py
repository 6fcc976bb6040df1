"""The words by which policy extraction recognises what a table or section holds.

One place for the header vocabulary of role, skill and level tables and for
the phrases of skill sections written as prose. Tables are classified by
these words, never by page numbers or positions; an unseen document whose
headers use other words needs an entry here, not a code change.
Entries are matched against normalized text (`jinzai.normalizers.text`).
"""

from __future__ import annotations

import re
from enum import Enum

from jinzai.normalizers.roles import canonical_role


class Column(Enum):
    """What a table column holds."""

    ROLE = "role"                # the role (人材像) a row is about
    DESCRIPTION = "description"  # what the role does (its definition)
    TARGET_GROUP = "target_group"  # who the role is drawn from (対象)
    SKILL = "skill"              # skills or competences, one or more per cell
    CATEGORY = "category"        # the document's grouping of the skills in the row
    LEVEL = "level"              # a growth stage (Step1, レベル2)
    DEFINITION = "definition"    # what a skill or level means


# Level labels that are words, not numbers, and the rank each word says.
# Only unambiguous ladders: 基礎/応用/発展 and the like rank by their place.
LEVEL_WORD_RANKS: dict[str, int] = {"初級": 1, "中級": 2, "上級": 3}
# Other words naming a growth stage, which head a level's column only as the whole label
# (`基礎 | 応用 | 専門`): inside a longer label they say something else (`基礎知識`, `専門性`).
# They rank by the place they are printed in.
LEVEL_STAGE_WORDS: frozenset[str] = frozenset({
    "入門", "基礎", "応用", "実践", "発展", "専門", "先導",
    "ベーシック", "スタンダード", "ミドル", "アドバンス", "アドバンスト", "エキスパート",
})

# Checked in this order: the first kind whose words occur in a header label wins
# (`役割区分` is a role column although it contains `役割`; `人材像区分` although it
# contains `区分`).
# English header words (`Role | Description`, `Knowledge / Skill`) are matched lower-cased.
HEADER_WORDS: tuple[tuple[Column, tuple[str, ...]], ...] = (
    (Column.ROLE, ("人材像", "人材モデル", "役割区分", "人材区分", "人材の区分", "職級", "職位", "職層", "役職",
                   "階層", "専門性", "人材類型", "人材タイプ", "対象者区分", "人材の種類", "人材の類型",
                   "role", "persona")),
    (Column.LEVEL, ("育成段階", "レベル", "段階", "ステップ", "step", "level", *LEVEL_WORD_RANKS)),
    (Column.SKILL, ("スキル", "能力", "知識", "素養", "マインド", "コンピテンシー", "skill", "knowledge", "competenc")),
    (Column.TARGET_GROUP, ("対象",)),
    (Column.DESCRIPTION, ("役割", "役目", "求められる姿", "人材像の説明", "説明", "概要", "ミッション", "使命",
                          "description", "responsibilit", "mission")),
    (Column.DEFINITION, ("定義", "内容", "到達目標", "目安", "目指す姿", "到達像", "できること", "水準", "definition")),
    (Column.CATEGORY, ("区分", "分類", "カテゴリ", "領域", "分野", "category")),
)
# Header labels that say nothing of what their column holds (`項目 | 内容 | 備考`): the column's
# cells and the table's title decide (`jinzai.extractors.policy.cell_evidence`).
GENERIC_HEADER_LABELS: frozenset[str] = frozenset({"項目", "内容", "備考", "詳細", "概要", "説明", "その他"})


class TableKind(Enum):
    """What a table defines, read from the kinds of its columns."""

    ROLES = "roles"    # roles and what they do: 人材モデル | 役割
    SKILLS = "skills"  # skills per role: 役割区分 | 必要な能力 | 保有すべき知識・スキル
    LEVELS = "levels"  # growth stages: 人材像区分 | 育成段階 | 定義


def table_kind(columns: dict[Column, list[int]]) -> TableKind | None:
    """A level column beside a role or definition column makes a level table; a
    skill column a skill table; a role column beside a description a role table."""
    if Column.LEVEL in columns and (Column.ROLE in columns or Column.DEFINITION in columns):
        return TableKind.LEVELS
    if Column.SKILL in columns:
        return TableKind.SKILLS
    if Column.ROLE in columns and (Column.DESCRIPTION in columns or Column.DEFINITION in columns):
        return TableKind.ROLES
    return None


# A skill column's label may name a power instead (`身につける力`, `求められる力`,
# `必要な力`, `習得すべき力`): a verb or adjective before 力, checked in the skill words' turn.
SKILL_POWER_LABEL = re.compile(r"[るなき]力$")

# Header labels that name a column's kind only as the whole label: `人材` heads a
# role column, while `人材育成研修` or `育成人材数` head something else; a stage word heads
# a level's column.
WHOLE_HEADER_LABELS: dict[str, Column] = {
    "人材": Column.ROLE, "デジタル人材": Column.ROLE, "dx人材": Column.ROLE, "人材名": Column.ROLE,
    **{word: Column.LEVEL for word in LEVEL_STAGE_WORDS},
}


def column_kind(label: str) -> Column | None:
    """The kind of column a normalized header label names, or None."""
    folded = label.lower()
    if folded in WHOLE_HEADER_LABELS:
        return WHOLE_HEADER_LABELS[folded]
    for kind, words in HEADER_WORDS:
        if any(word in folded for word in words) or kind is Column.SKILL and SKILL_POWER_LABEL.search(folded):
            return kind
    return None


def is_header_word(label: str) -> bool:
    """Whether a normalized text is a header label of a role, skill or level table:
    a column kind's word, or a role name heading a role's column of a skill matrix
    (`知識・スキル | 部長級 | 課長級`)."""
    return column_kind(label) is not None or is_role_label(label)


def is_role_label(label: str) -> bool:
    """A label that is a role name the synonym dictionary knows (`係長級`, `管理職`)."""
    return label.endswith(ROLE_NOUN_ENDINGS) and not NOT_IN_ROLE_NAMES.search(label) \
        and canonical_role(label, [label])[1]


# What a cell prints for "nothing here": a skill matrix where a role does not need
# the skill (`－：対象外`; any other mark, ●, ○ or a level, assigns it), a level
# table where a role has no such level.
NO_ENTRY = re.compile(r"^(?:[-－―‐ー−×✕/／]|なし|対象外|不要|該当なし)$")

# Words of a section heading over a skill list written as prose
# (`(2) 知識・スキルの主な内容`).
SKILL_SECTION_WORDS: tuple[str, ...] = ("スキル", "知識", "能力")
# A heading saying what a role needs (`DX推進リーダーに求める4つの力`, `…に必要なスキル`):
# over a diagram of that role's skills.
SKILL_NEED_HEADING = re.compile(r"(?:求め|必要|身に[つ付]け|習得す)[^。、]{0,8}(?:力|スキル|能力|知識)$")

# A label over a list of skills inside a role's section, bracketed, ending in a
# colon, or a bare short line ending in the skill word (a Word subheading):
# `【求められる知識・スキル】`, `＜必要なスキル＞`, `■求められる能力`, `必要な知識：`, `求められるスキル`.
SKILL_LIST_LABEL = re.compile(
    r"^(?:[【\[<〈《■◆□◇]\s*[^】\]>〉》。]{0,20}(?:スキル|知識|能力)[^】\]>〉》。]{0,10}[】\]>〉》]?"
    r"|[^。、:]{0,20}(?:スキル|知識|能力)[^。、:]{0,10}:"
    r"|(?![・･•●○◎▶▷※\-])[^。、:\s()]{0,10}(?:スキル|知識|能力|[るなき]力))$"
)
# Brackets and colon around such a label, dropped where it names the skills' category.
SKILL_LABEL_MARKS = re.compile(r"^[【\[<〈《■◆□◇]\s*|\s*[】\]>〉》:]$")

# Between the role and its skills in a prose item: a dot leader
# (`高度専門人材・・・・マネジメント`), an ellipsis or a colon.
ROLE_LEADER = re.compile(r"^(?P<role>[^・…:：]{2,30}?)\s*(?:・{2,}|…+|‥+|:|：)\s*(?P<body>.+)$", re.S)

# The shared tail of a sentence listing skill topics, dropped before the topics are
# split: `…施策の立案等に関する高度な知識、スキルの習得。` → `…施策の立案`.
SKILL_SENTENCE_TAIL = re.compile(
    r"(?:等|など)?(?:に関する|に係る|についての|の)?[^、。にをの]{0,6}?"
    r"(?:知識|スキル|能力)(?:[、・及びや]+(?:知識|スキル|能力))*(?:の(?:習得|修得|獲得|向上))?。?$"
    r"|の(?:習得|修得|獲得|向上)。?$"
)
# What separates the topics of such a sentence: commas, a middle dot between
# Japanese words (not `UI・UX`) and the conjunctions 及び / 並びに.
SKILL_TOPIC_SEPARATOR = re.compile(r"[、，,]|(?<![A-Za-z])・(?![A-Za-z])|及び|および|並びに|ならびに")

# A sentence naming a role and introducing the list of its skills below
# (`情報化推進員には、次の知識・スキルを求めます。`, `DX推進員は以下の能力を身につける:`).
SKILL_LIST_INTRO = re.compile(
    r"^(?P<role>[^、。]{2,30}?)(?:には|は|に)、?(?:次の|以下の)(?:ような)?[^。]{0,10}(?:スキル|知識|能力|力)[^。]{0,20}[。:]?$")
# In a skill section, a sentence giving a role its skills as a list of topics
# (`情報化推進監は、デジタル化の動向に関する知識、マネジメント力を身に付けます。`).
SKILL_ROLE_SENTENCE = re.compile(
    r"^(?P<role>[^、。]{2,30}?)(?:には|は)、?(?P<body>[^。]+?)を(?:身に付け|身につけ|習得|修得|求め)[^。]*。$")
# Between the topics of such a sentence (a `・` inside a topic is kept: `企画・立案`).
SKILL_LIST_SEPARATOR = re.compile(r"[、，,]|及び|および|並びに|ならびに")

# A role name names people: it ends with one of these (before a note in brackets).
ROLE_NOUN_ENDINGS: tuple[str, ...] = (
    "職員", "人材", "担当", "リーダー", "マネージャー", "マネジャー", "アドバイザー", "補佐官",
    "サポーター", "コーディネーター", "エキスパート", "スペシャリスト", "オフィサー", "プロデューサー",
    "メンバー", "エバンジェリスト", "アンバサダー", "ナビゲーター", "チャンピオン", "キーパーソン", "プロモーター",
    "推進役", "員", "者", "官", "職", "級", "長", "推進監",
    # デジタルスキル標準 role types name people by their trade
    "アーキテクト", "サイエンティスト", "ストラテジスト", "エンジニア", "デザイナー", "サイバーセキュリティ",
)
# A sentence appointing people under a quoted role name: `外部人材を「CIO補佐官」として登用する`,
# `「デジタル推進員」を各課に配置する`.
APPOINTED_ROLE = re.compile(
    r"「(?P<name>[^「」。]{2,20})」(?:として|を[^。]{0,12}?に)[^。]{0,6}?"
    r"(?:登用|任用|配置|任命|指名|委嘱|採用|設置|置く|置き|位置付け)"
)
# The particle closing a sentence's topic (`DXサポーターは、…`, `…については`, `…には`), not
# the `は` of `では` (`本市では`, which sets the scene).
TOPIC_MARKER = re.compile(r"(?<!で)は")
# A sentence saying whom it describes, as a role's definition does (`…を企画する職員です。`,
# `…を担う人材をいう。`).
DEFINES_PEOPLE = re.compile(r"(?:職員|人材|者|担当|人)(?:です|である|をいう|を指す|とする)。?$")
# Verbs by which a role's description says it assists another role (`Xを補佐し`, `Xの支援`).
ASSISTING_WORDS = "補佐|支援|サポート|補助|手伝"
# Words by which a role's description says its people are brought in from outside (`外部から
#登用し`, `民間から任用する`): the role is `external` whatever its name.
BROUGHT_IN_FROM_OUTSIDE = re.compile(
    r"(?:外部|民間|庁外)(?:から|より|の人材を)[^。]{0,6}?(?:登用|招へい|招聘|採用|任用|招く|招き|受け入れ)")
# Particles that make a phrase about a role rather than its name.
NOT_IN_ROLE_NAMES = re.compile(r"[がをにでは]")

# Words of a title, heading, group label or role name about digital talent: a general staff
# policy (人材育成基本方針) holds records only in the part they mark (`第4章 デジタル人材の育成`,
# the chapter defining `DX推進リーダー`, the trainings grouped under `【情報化研修】`).
DIGITAL_SUBJECT_WORDS: tuple[str, ...] = ("デジタル", "dx", "情報化", "ict", "情報システム")

# Titles of a table of contents page (whose entries repeat the headings).
CONTENTS_TITLES: frozenset[str] = frozenset({"目次", "もくじ", "Contents", "CONTENTS"})

# A level label printed on its own line, alone or before its definition
# (`レベル5`, `Step 2：…`), perhaps with the level's short name (`Level 1 ベーシック`):
# the rungs of a level ladder outside tables.
LEVEL_LABEL_LINE = re.compile(
    r"^(?P<label>(?:step|ステップ|レベル|level|lv\.?)\s*(?P<rank>\d{1,2}))"
    r"(?:\s*(?P<name>[^\s\d:：。、][^\s:：。、]{0,11}))?\s*(?:[:：]\s*(?P<definition>.+))?$",
    re.IGNORECASE,
)
# How many lines above a ladder may name the role it is for.
LADDER_ROLE_LOOKBACK = 5

# A level label's number: `Step2`, `レベル4`, `段階3`.
LEVEL_NUMBER = re.compile(r"(\d+)")
# Words that join several roles in one table cell (`DX推進員/全庁DX推進担当`).
ROLE_LIST_SEPARATOR = re.compile(r"[/／、,，]|及び|および")


def columns_by_kind(labels: list[tuple[str, ...]]) -> dict[Column, list[int]]:
    """Column indices per kind, from each column's header path (top-down labels);
    the lowest label that names a kind decides."""
    kinds: dict[Column, list[int]] = {}
    for index, path in enumerate(labels):
        for label in reversed(path):
            kind = column_kind(label)
            if kind is not None:
                kinds.setdefault(kind, []).append(index)
                break
    return kinds
