"""Goal sentences → targets: every count of people or share a sentence states as a goal.

Each number or placeholder of people or percent (`受講率 100%`, `計○名程度`, `各係に1人`)
is a goal; which metric it measures comes from the words around it (vocabulary in
`plan_vocabulary`), which role it counts from its clause (`goal_parse` settles the
guesses). `goals_in_sentence` and `targets_from_sentence` are pure and reusable (a
casebook's goal sentences, a count table's cells).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jinzai.extractors.policy.goal_parse import settled_roles
from jinzai.extractors.policy.plan_vocabulary import (
    BASELINE_WORDS,
    DEADLINE_WORDS,
    DEFAULT_METRIC,
    DERIVED_TOTAL_QUALIFIERS,
    GENERIC_METRIC_NOUNS,
    GOAL_SENTENCE_WORDS,
    METRIC_NOUNS,
    METRIC_VERBS,
    PER_UNIT_METRIC,
    PER_YEAR_QUALIFIER,
    PER_YEAR_WORDS,
    WHOLE_WORDS,
)
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.models import Target
from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.dates import InvalidDate, fiscal_year_mentions, parse_fiscal_year, parse_within_years
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_text

PROSE_EXTRACTOR = "prose:targets"


# Where a count of people or a share is printed: "1名以上", "計○名程度", "延べ300人",
# "70%以上", "各係に1人", "三名" (`parse_quantity` reads what it finds). The leading
# qualifiers are those of the quantity vocabulary; kanji numerals only before 名
# ("一人ひとり" is no count); 人 not followed by 材/口/員 ….
# "各係に", "各課ごとに", or a short unit right before its number ("各課1名").
_EACH_UNIT = r"各(?:[^\s、。,]{1,10}?(?:に|ごとに|あたり)|[^\s、。,の0-9]{1,4}(?=[0-9○〇◯]))"
_LEADING = "|".join(re.escape(q) for q in sorted(load_yaml("quantities.yaml")["qualifiers"]["leading"], key=len,
                                                 reverse=True))
QUANTITY = re.compile(
    rf"(?:(?:{_LEADING})\s*)?"
    rf"(?:{_EACH_UNIT}\s*)?"
    r"(?:"
    r"(?:[0-9][0-9,]*(?:\.[0-9]+)?|[○〇◯●×□＿_]+)\s*(?:名|人(?![材口員事間物的々数])|%|パーセント|割)"
    r"|[一二三四五六七八九十百]+\s*名"
    r")"
    r"(?:以上|程度|以下|未満|超|まで)?"
)
_CLAUSE_BREAK = re.compile(r"[、,，。]")
_PER_UNIT = re.compile(rf"^{_EACH_UNIT}")
# A count per organisational unit (`各所属に1人以上`, `各課1名`): a placement.
PER_UNIT_COUNT = re.compile(rf"{_EACH_UNIT}\s*(?:[0-9]+|[一二三四五六七八九十]+|[○〇◯])\s*[名人]")
# How far before a number a metric noun may stand: "受講率 100%".
_NOUN_REACH = 8
_KANJI_DIGITS = "一二三四五六七八九十"
# How far after a number its note may stand: "50人 (累計)".
_NOTE_REACH = 6
# A goal "sentence" longer than this (a document without 。 is one sentence) is no
# evidence to store with every target: its `text_raw` is the number with its clauses,
# each cut to `_CLAUSE_REACH` characters.
_MAX_TEXT_RAW = 500
_CLAUSE_REACH = 120


@dataclass(frozen=True, slots=True)
class Goal:
    """One number of a goal sentence, read."""

    metric: str
    value: float | None
    unit: str | None
    placeholder: str | None
    qualifier: str | None
    fiscal_year: int | None
    within_years: int | None
    # The clauses around the number (up to a 、 or the neighbouring number): where the
    # role it counts is named ("DX推進リーダーを20名、DX推進員を50名").
    clause_before: str = ""
    clause_after: str = ""
    printed: str = ""  # the number as the sentence prints it ("計○名程度")
    per_year: bool = False  # a rate per year (`毎年度2名ずつ`): every year, so no fiscal year


def named_metric(text: str, unit: str | None) -> str | None:
    """The metric a label or caption names (`研修受講率` → 受講率, `【育成目標数】` → 育成人数
    for people), or None. A generic noun (`目標人数`) only where no verb names the metric
    (`育成目標人数` → 育成人数)."""
    nouns = [noun for noun in METRIC_NOUNS if noun in text]
    specific = [noun for noun in nouns if noun not in GENERIC_METRIC_NOUNS]
    if specific:
        return max(specific, key=len)
    hits = [(text.find(word), people, share) for word, people, share in METRIC_VERBS if word in text]
    if not hits:
        return max(nouns, key=len) if nouns else None
    _, people, share = min(hits)
    return share if unit == "%" else people


def metric_of(before: str, after: str, unit: str | None, per_unit: bool, rest: str = "") -> str:
    """Which metric a number measures: a metric noun right before it, else the first
    verb after it (up to the next number), else the nearest verb before it, else the
    sentence's verb further on (`Aを20名、Bを50名育成する`), else a default by unit."""
    if per_unit:
        return PER_UNIT_METRIC
    near = before[-_NOUN_REACH:]
    nouns = [noun for noun in METRIC_NOUNS if noun in near]
    if nouns:
        return max(nouns, key=near.rindex)
    after_hits = [(after.find(word), people, share) for word, people, share in METRIC_VERBS if word in after]
    # Failing that, the nearest before it: "DX推進員の育成 … 目標値 50人".
    before_hits = [(-before.rfind(word), people, share) for word, people, share in METRIC_VERBS if word in before]
    rest_hits = [(rest.find(word), people, share) for word, people, share in METRIC_VERBS if word in rest]
    for hits in (after_hits, before_hits, rest_hits):
        if hits:
            _, people, share = min(hits)
            return share if unit == "%" else people
    return DEFAULT_METRIC.get(unit or "人", DEFAULT_METRIC["人"])


def fiscal_year(text: str) -> int | None:
    """`parse_fiscal_year`, with an impossible date (`H45`: a code, not a year) read as none."""
    try:
        return parse_fiscal_year(text)
    except InvalidDate:
        return None


def last_fiscal_year(text: str) -> int | None:
    """The fiscal year printed last in a text ("令和7年度から令和10年度までに" → 2028);
    None when that mention is an impossible date (`H45`: a code, not a year)."""
    mentions = fiscal_year_mentions(normalize_text(text))
    return mentions[-1][2] if mentions else None


def years_before(text: str, numbers: Sequence[re.Match[str]]) -> list[int | None]:
    """`last_fiscal_year` of the text before each number, read in one pass over the
    sentence (slicing it per number was quadratic). The numbers are blanked with a mark
    no year pattern reads, so a year right before a number (`令和7年 10名`) reads as it
    does at the end of the text before it."""
    blanked = list(text)
    for number in numbers:
        blanked[number.start(): number.end()] = "。" * (number.end() - number.start())
    mentions = fiscal_year_mentions("".join(blanked))
    ends = [end for _, end, _ in mentions]
    years = []
    for number in numbers:
        last = bisect_right(ends, number.start()) - 1
        years.append(mentions[last][2] if last >= 0 else None)
    return years


def closing_deadline(text: str, numbers: Sequence[re.Match[str]]) -> int | None:
    """The fiscal year of a deadline printed after a sentence's last number (`三名の…を、
    令和十年度までに確保する`, `30名のAと100名のBを、令和9年度までに育成する`): the year of
    the numbers before it that print none of their own. A deadline with a number after it
    is that number's year (`years_before`)."""
    if not numbers:
        return None
    tail = text[numbers[-1].end():]
    for _, end, year in fiscal_year_mentions(tail):
        if any(tail[end:].lstrip().startswith(word) or tail[end:].lstrip().startswith("末" + word)
               for word in DEADLINE_WORDS):
            return year
    return None


def is_rate_per_year(before: str) -> bool:
    """Whether the words right before a number make it a rate per year (`年間20名`,
    `毎年度10人`), not a span (`5年間で100名`)."""
    near = before[-_NOUN_REACH:]
    for word in PER_YEAR_WORDS:
        at = near.rfind(word)
        if at >= 0 and not (at and (near[at - 1].isdigit() or near[at - 1] in _KANJI_DIGITS)):
            return True
    return False


class _VerbPlaces:
    """Where the metric verbs stand in a text, so that the text before or after a number
    can be cut to what `metric_of` and `is_rate_per_year` read of it: up to the nearest
    verb (slicing to the text's ends for every number made long sentences quadratic)."""

    _LONGEST = max(len(word) for word, _, _ in METRIC_VERBS)

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = sorted(at for word, _, _ in METRIC_VERBS for at in _occurrences(word, text))

    def before(self, start: int) -> str:
        """The text before `start` from the nearest verb wholly before it, and at least
        the reach of a metric noun."""
        nearest = bisect_right(self.starts, start - self._LONGEST) - 1
        cut = start - max(_NOUN_REACH, self._LONGEST)
        if nearest >= 0:
            cut = min(cut, self.starts[nearest])
        return self.text[max(0, cut): start]

    def after(self, end: int) -> str:
        """The text after `end` up to and including the nearest verb."""
        nearest = bisect_left(self.starts, end)
        stop = self.starts[nearest] + self._LONGEST if nearest < len(self.starts) else end
        return self.text[end: stop]


def _occurrences(word: str, text: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def goals_in_sentence(sentence: str) -> list[Goal]:
    """Every count of people or share in a goal sentence, with the metric it measures.

    The words after a number up to the next number say what it counts
    (`1名以上を配置し` → 配置); a metric noun right before it names it
    (`受講率 100%`); a number per unit (`各係に1人`) is a placement. A fiscal year
    printed before the number (`令和10年度までに`) is its year, unless the number is
    a rate per year (`年間20名`: every year, so none); a relative deadline
    (`5年以内に`) is kept as `within_years`.
    """
    text = normalize_text(sentence)
    matches = list(QUANTITY.finditer(text))
    deadline = closing_deadline(text, matches)
    years = [year if year is not None else deadline for year in years_before(text, matches)]
    verbs = _VerbPlaces(text)
    within_years = parse_within_years(text)
    goals = []
    for i, match in enumerate(matches):
        # a few characters on, so that a note such as "50人 (累計)" gives its qualifier
        quantity = parse_quantity(text[match.start(): match.end() + _NOTE_REACH])
        if quantity is None or (quantity.value is None and quantity.placeholder is None):
            continue
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        before, after = verbs.before(match.start()), text[match.end(): end]
        previous_end = matches[i - 1].end() if i else 0
        unit = quantity.unit
        goals.append(Goal(
            metric=metric_of(before, after, unit, bool(_PER_UNIT.match(match.group())), verbs.after(match.end())),
            value=quantity.value,
            unit=unit,
            placeholder=quantity.placeholder,
            qualifier=quantity.qualifier,
            fiscal_year=None if is_rate_per_year(before) else years[i],
            per_year=is_rate_per_year(before),
            within_years=within_years,
            clause_before=_CLAUSE_BREAK.split(text[previous_end: match.start()])[-1],
            clause_after=_CLAUSE_BREAK.split(after)[0],
            printed=match.group(),
        ))
    return goals


def goal_role(goal: Goal, sentence_role: str | None, roles: RoleMatcher) -> str | None:
    """The role a goal of a sentence counts: the one its own clause names, before the
    number (`DX推進リーダーを20名`) or after it (`1名以上のDX推進員を`), else the first
    one the sentence names (`sentence_role`, looked up once per sentence)."""
    return roles.mentioned(goal.clause_before) or roles.mentioned(goal.clause_after) or sentence_role


def targets_from_sentence(
    sentence: str,
    role: str | None,
    *,
    doc_id: str,
    page: int,
    bbox: Sequence[float] | None = None,
    extractor: str = PROSE_EXTRACTOR,
    municipality: str | None = None,
    roles: RoleMatcher | None = None,
) -> list[Target]:
    """The targets a goal sentence states for a role (`text_raw` is the sentence, or for
    an over-long one the goal's clauses); with no role given, each goal's role is the
    one its clause names (`roles`)."""
    goals = goals_in_sentence(sentence)
    baselines = _baselines(goals)
    text_raw = sentence.strip()
    long = len(text_raw) > _MAX_TEXT_RAW
    return [
        Target(
            doc_id=doc_id, page=page, bbox=list(bbox) if bbox else None, extractor=extractor,
            role=goal_role_, metric=goal.metric, value=goal.value, unit=goal.unit,
            fiscal_year=goal.fiscal_year, text_raw=_evidence(goal) if long else text_raw,
            placeholder=goal.placeholder,
            qualifier=goal.qualifier or (PER_YEAR_QUALIFIER if goal.per_year else None),
            within_years=goal.within_years, municipality=municipality,
        )
        for goal, goal_role_, baseline in zip(goals, _roles_of_goals(goals, sentence, role, roles), baselines,
                                              strict=True)
        if not _derived_total(goal, goals) and not baseline and not _is_whole(goal)
    ]


def _roles_of_goals(goals: list[Goal], sentence: str, role: str | None,
                    roles: RoleMatcher | None) -> list[str | None]:
    """The role each goal counts: the one the sentence is about (its topic: `データ活用エキス
    パートについては、…3人を確保します` under another role's heading), else the given one (the
    heading's), else its clause's (`goal_role`), settled by GiNZA's dependency parse where the
    clauses leave it a guess (`goal_parse`); an over-long "sentence" (a document without 。) is
    not parsed."""
    if role and roles is not None:
        role = roles.topic(sentence) or role
    if role or roles is None:
        return [role] * len(goals)
    text = normalize_text(sentence)
    sentence_role = roles.mentioned(text)
    clause_roles = [goal_role(goal, sentence_role, roles) for goal in goals]
    if len(text) > _MAX_TEXT_RAW:
        return clause_roles
    return settled_roles(goals, text, clause_roles, roles)


def _evidence(goal: Goal) -> str:
    """The part of an over-long sentence that states a goal: its number and clauses."""
    return f"…{goal.clause_before[-_CLAUSE_REACH:]}{goal.printed}{goal.clause_after[:_CLAUSE_REACH]}…"


def _baselines(goals: Sequence[Goal]) -> list[bool]:
    """Per goal, whether the sentence calls its number a starting point (`現状値は0人とする`),
    not a goal; so is each number listed after one in clauses that name only what they count
    (`実績はDX推進リーダー8人、DX推進員35人`) until a clause names a year or a goal word."""
    flags: list[bool] = []
    for goal in goals:
        own = any(word in goal.clause_before for word in BASELINE_WORDS)
        listed = bool(flags) and flags[-1] and last_fiscal_year(goal.clause_before) is None \
            and not any(word in goal.clause_before for word in (*GOAL_SENTENCE_WORDS, *DEADLINE_WORDS))
        flags.append(own or listed)
    return flags


def _is_whole(goal: Goal) -> bool:
    """A number the goal is taken out of (`職員1,024人のうち`), not a goal."""
    return goal.clause_after.startswith(WHOLE_WORDS)


def _derived_total(goal: Goal, goals: Sequence[Goal]) -> bool:
    """A sum the sentence derives from a rate or a count per unit it states (`毎年度2名ずつ、
    計8名`, `各部に1名（計9名）`): the rate is the goal, the 計 only adds it up (a 累計 on its
    own is a goal)."""
    return goal.qualifier in DERIVED_TOTAL_QUALIFIERS and any(
        g.per_year or _PER_UNIT.match(g.printed) for g in goals if g is not goal)


