"""Numeric goals → `targets`, from goal tables and from goal sentences.

Goal tables are read from PyMuPDF lines alone (column positions from the
header cells), so they work with or without ruling lines:

* year tables: a header row of fiscal years (`R7`, `令和7年度`, `2025年度`) over
  rows labelled by role, each year cell one target for the row's role and year;
  or the same printed one row per year under a header row of roles;
* indicator tables: a `目標値(R10)` column beside a `現状値` baseline (no target).

A 計 column or 合計 row is a derived total, never a target, but the sums are
checked against it (`sum_mismatch` warnings; the cells are kept as printed).
The metric is the one a row label names (`…受講率`), else the table's caption
(`【育成目標数】` → 育成人数).

Goal sentences: inside sections whose heading speaks of goals (数値目標,
育成目標, 中期目標 …), and elsewhere in sentences that say they state a goal
(目標, 目指す), each number or placeholder of people or percent (`受講率 100%`,
`計○名程度`, `各係に1人`) gives a target for the role of the sub-heading above
it (`2 DX 推進員`) or, failing one, the role the sentence names. Which metric a
number measures comes from the words around it (vocabulary in
`plan_vocabulary`). `goals_in_sentence` and `targets_from_sentence` are pure and
reusable (a casebook's goal sentences).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from jinzai.extractors.model.cell_lines import cell_lines
from jinzai.extractors.policy.goal_parse import settled_roles
from jinzai.extractors.layout import Line, Page, PdfLayout
from jinzai.extractors.model.headings import numbering, ranks_at_or_above
from jinzai.extractors.policy.plan_vocabulary import (
    BASELINE_WORDS,
    DEFAULT_METRIC,
    GENERIC_METRIC_NOUNS,
    GOAL_COLUMN_WORDS,
    GOAL_SECTION_WORDS,
    COMMITTED_GOAL,
    DEADLINE_WORDS,
    GOAL_SENTENCE_WORDS,
    METRIC_NOUNS,
    METRIC_UNITS,
    METRIC_VERBS,
    PER_UNIT_METRIC,
    DERIVED_TOTAL_QUALIFIERS,
    PER_YEAR_QUALIFIER,
    PER_YEAR_WORDS,
    TOTAL_LABELS,
)
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.models import ExtractionWarning, Role, Target
from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.dates import InvalidDate, fiscal_year_mentions, parse_fiscal_year, parse_within_years
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import fold_width, normalize_name, normalize_text

TABLE_EXTRACTOR = "table:targets"
PROSE_EXTRACTOR = "prose:targets"

# ---------------------------------------------------------------- goals in a sentence

# Where a count of people or a share is printed: "1名以上", "計○名程度", "延べ300人",
# "70%以上", "各係に1人", "三名" (`parse_quantity` reads what it finds). The leading
# qualifiers are those of the quantity vocabulary; kanji numerals only before 名
# ("一人ひとり" is no count); 人 not followed by 材/口/員 ….
# "各係に", "各課ごとに", or a short unit right before its number ("各課1名").
_EACH_UNIT = r"各(?:[^\s、。,]{1,10}?(?:に|ごとに|あたり)|[^\s、。,の0-9]{1,4}(?=[0-9○〇◯]))"
_LEADING = "|".join(re.escape(q) for q in sorted(load_yaml("quantities.yaml")["qualifiers"]["leading"], key=len,
                                                 reverse=True))
_QUANTITY = re.compile(
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
_MAX_NUMBER_CELL = 8
# How many header heights above a year table its caption may stand.
_CAPTION_REACH = 8
_MAX_YEAR_HEADER = 16  # "2026年度(令和8年度)"
_GREGORIAN_YEAR_HEADER = re.compile(r"((?:19|20)\d{2})\s*年")
# A fiscal year as a header prints it; a line holding a whole joined row is short.
_YEAR_MENTION = re.compile(r"(?:令和|R|平成|H)\s*[0-9元]{1,2}\s*(?:年度|年)?|(?:19|20)[0-9]{2}\s*年度?")
_MAX_JOINED_ROW = 60
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_RANGE_MARKS = "～~〜-－ー・からの"
_PARENTHESIZED = re.compile(r"\([^()]{1,10}\)")
_UNIT_WORDS = frozenset({"人", "名", "%"})
_BLANK_CELLS = frozenset({"-", "ー", "―", "—", "–", "/", "…", "*"})
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
    matches = list(_QUANTITY.finditer(text))
    years = years_before(text, matches)
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
        for goal, goal_role_ in zip(goals, _roles_of_goals(goals, sentence, role, roles), strict=True)
        if not _derived_total(goal, goals) and not _is_baseline(goal)
    ]


def _roles_of_goals(goals: list[Goal], sentence: str, role: str | None,
                    roles: RoleMatcher | None) -> list[str | None]:
    """The role each goal counts: the given one, else its clause's (`goal_role`), settled
    by GiNZA's dependency parse where the clauses leave it a guess (`goal_parse`); an
    over-long "sentence" (a document without 。) is not parsed."""
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

def _is_baseline(goal: Goal) -> bool:
    """A number the sentence calls a starting point (`現状値は0人とする`), not a goal."""
    return any(word in goal.clause_before for word in BASELINE_WORDS)


def _derived_total(goal: Goal, goals: Sequence[Goal]) -> bool:
    """A sum the sentence derives from a rate it states (`毎年度2名ずつ、計8名`): the
    rate is the goal, the 計 only adds it up (a 累計 on its own is a goal)."""
    return goal.qualifier in DERIVED_TOTAL_QUALIFIERS and any(g.per_year for g in goals if g is not goal)


# ---------------------------------------------------------------- year tables


def visual_rows(lines: Iterable[Line]) -> list[list[Line]]:
    """Horizontal lines grouped into rows sharing a baseline band, top to bottom."""
    rows: list[list[Line]] = []
    for line in sorted((l for l in lines if not l.vertical), key=lambda l: (l.top + l.bottom) / 2):
        centre = (line.top + line.bottom) / 2
        if rows:
            last = rows[-1]
            last_centre = sum((l.top + l.bottom) / 2 for l in last) / len(last)
            if abs(centre - last_centre) <= min(l.bottom - l.top for l in last) / 2:
                last.append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda l: l.x0) for row in rows]


def _is_total(text: str) -> bool:
    """A total's label: `合計`, with a unit or period noted (`合計(人)`, `累計(R8～R10)`) or
    its period before it (`R8～R10累計`)."""
    label = _TRAILING_NOTE.sub("", normalize_text(text).replace(" ", ""))
    if label in TOTAL_LABELS:
        return True
    for total in (t for t in TOTAL_LABELS if label.endswith(t)):
        before = label[: -len(total)]
        period = _YEAR_MENTION.sub("", before)
        if period != before and not period.strip(_RANGE_MARKS):
            return True
    return False


def _year_of_header(text: str) -> int | None:
    """The fiscal year a header cell is ("R7", "令和7年度", "2025年度"), not a sentence.
    A plan's year column headed "2025年" is its fiscal year too."""
    text = normalize_text(text)
    if len(text) > _MAX_YEAR_HEADER:
        return None
    gregorian = _GREGORIAN_YEAR_HEADER.fullmatch(text)
    return int(gregorian[1]) if gregorian else fiscal_year(text)


@dataclass(slots=True)
class YearColumn:
    """A column of a goal table: a year's or the goal's cells (targets), a baseline
    (現状値: no target) or a printed total (計: checked, no target)."""

    x: float  # centre
    year: int | None  # the fiscal year its header names
    header: Line
    kind: str = "target"  # "target", "baseline" or "total"


@dataclass(slots=True)
class YearRow:
    label_lines: list[Line]
    cells: dict[int, Line]  # column index → the cell's line
    blanks: list[Line] = field(default_factory=list)  # cells printed as a dash: part of the printed row

    @property
    def label(self) -> str:
        """The row's label; a number beside it is a cell of a column that is no year
        (a baseline, `現状値 26人`), not part of the label."""
        return normalize_name("\n".join(l.text for l in self.label_lines if not _is_number(l.text)))


@dataclass(slots=True)
class YearTable:
    """A year table as rows of a label (a role) and one cell per year column.

    A table printed the other way round (one row per year) is stored transposed;
    `year_lines` then keeps each year's printed row, the text its targets cite.
    """

    page: int
    caption: str
    columns: list[YearColumn]
    rows: list[YearRow]
    lines: list[Line] = field(default_factory=list)  # every line the table consists of
    year_lines: dict[int, str] = field(default_factory=dict)  # column → printed year row (transposed)

    def text_raw(self, row: YearRow, column: int) -> str:
        """The printed row a cell belongs to: the label's row, or the year's row."""
        if column in self.year_lines:
            return self.year_lines[column]
        printed = row.label_lines + list(row.cells.values()) + row.blanks
        return " ".join(l.text for l in sorted(printed, key=lambda l: l.x0))


def _nearest_header(line: Line, headers: Sequence[Line], reach: float) -> int | None:
    """The header a cell stands under: the one its box overlaps (a cell printed
    left-aligned in a wide column), else the nearest centre within `reach`."""
    overlapping = [i for i, h in enumerate(headers) if min(line.x1, h.x1) > max(line.x0, h.x0)]
    if len(overlapping) == 1:
        return overlapping[0]
    centre = (line.x0 + line.x1) / 2
    best = min(range(len(headers)), key=lambda i: abs((headers[i].x0 + headers[i].x1) / 2 - centre))
    return best if abs((headers[best].x0 + headers[best].x1) / 2 - centre) <= reach else None


def _column_of(line: Line, columns: Sequence[YearColumn], reach: float) -> int | None:
    return _nearest_header(line, [c.header for c in columns], reach)


def _is_number(text: str) -> bool:
    """A cell holding a number alone ("3", "10人", "約5名", "○名"), not a sentence with one."""
    if len(normalize_text(text)) > _MAX_NUMBER_CELL:
        return False
    quantity = parse_quantity(text)
    return quantity is not None and (quantity.value is not None or quantity.placeholder is not None)


def _is_blank_cell(text: str) -> bool:
    """A cell printed as a dash: no number for that year."""
    return normalize_text(text) in _BLANK_CELLS


def split_number_runs(line: Line) -> list[Line]:
    """A line holding several numbers ("3 1 1 1 6", printed without rulings) → one
    line per number, placed by its share of the line's width."""
    tokens = list(re.finditer(r"\S+", line.text))
    if len(tokens) < 2 or not all(_is_number(t.group()) or _is_blank_cell(t.group()) for t in tokens):
        return [line]
    width = (line.x1 - line.x0) / max(len(line.text), 1)
    return [
        Line(text=t.group(), bbox=(line.x0 + t.start() * width, line.top, line.x0 + t.end() * width, line.bottom),
             size=line.size, page=line.page)
        for t in tokens
    ]


def header_column(line: Line) -> YearColumn | None:
    """What a header cell makes its column: a total (計), a baseline (現状値(R5)),
    a year (R7, 令和7年度) or the goal (目標値(R10), 目標), else None."""
    text = normalize_text(line.text).replace(" ", "")
    if len(text) > _MAX_YEAR_HEADER:
        return None
    x = (line.x0 + line.x1) / 2
    year = _year_of_header(text)
    if _is_total(text):
        return YearColumn(x=x, year=None, header=line, kind="total")
    if any(word in text for word in BASELINE_WORDS):
        return YearColumn(x=x, year=year, header=line, kind="baseline")
    if year is not None or any(word in text for word in GOAL_COLUMN_WORDS):
        return YearColumn(x=x, year=year, header=line)
    return None


def _year_header(row: list[Line]) -> list[YearColumn] | None:
    """The columns of a goal table's header row: two years or more, or a goal column."""
    columns = [column for line in row if (column := header_column(line))]
    targets = [c for c in columns if c.kind == "target"]
    goal_named = any(w in normalize_text(c.header.text) for c in targets for w in GOAL_COLUMN_WORDS)
    return columns if sum(1 for c in targets if c.year) >= 2 or goal_named else None


def _caption(page: Page, header_top: float, header_height: float) -> str:
    """The title of a table: the nearest line above its header that names a metric
    (`【育成目標数】`, a heading `2 DX推進リーダーの育成人数`), within a few lines."""
    above = [l for l in page.lines if header_top - _CAPTION_REACH * header_height <= l.bottom <= header_top]
    for line in sorted(above, key=lambda l: l.top, reverse=True):
        if named_metric(normalize_text(line.text), None):
            return normalize_text(line.text)
    return ""


def _continues_header(row: list[Line], left_edge: float) -> bool:
    """A row under a year header that only adds to its cells (`令和8年度` over `(2026)`),
    beside, maybe, the label column's header centred lower (`区分`)."""
    notes = [l for l in row if l.x0 > left_edge]
    return bool(notes) and all(_PARENTHESIZED.fullmatch(normalize_text(l.text)) or _year_of_header(l.text) is not None
                               for l in notes) \
        and not any(_is_number(l.text) for l in row if l.x0 <= left_edge)


def _units_wrapped(row: list[Line], last: YearRow, columns: Sequence[YearColumn], reach: float) -> bool:
    """Whether a row holds only units wrapped from the cells above (`100` over `人`, a
    narrow column): they are joined to those cells."""
    placed = [(line, _column_of(line, columns, reach)) for line in row]
    if not all(normalize_text(l.text) in _UNIT_WORDS and c in last.cells for l, c in placed):
        return False
    for line, column in placed:
        cell = last.cells[column]
        last.cells[column] = Line(text=cell.text + line.text, bbox=(min(cell.x0, line.x0), cell.top,
                                  max(cell.x1, line.x1), line.bottom), size=cell.size, page=cell.page)
    return True


def _centre(lines: Iterable[Line]) -> float:
    lines = list(lines)
    return sum((l.top + l.bottom) / 2 for l in lines) / len(lines)


def _nearer_above(row: list[Line], above: YearRow, following: list[Line] | None) -> bool:
    """Whether a row of label lines alone lies nearer the numbers above it than the row
    below (a label centred over two lines prints its second line under its numbers)."""
    gap_above = _centre(row) - _centre(above.cells.values())
    return following is None or gap_above < _centre(following) - _centre(row)


def read_year_table(page: Page, rows: list[list[Line]], index: int, columns: list[YearColumn]) -> YearTable:
    """The body under a year header: rows with numbers under the year columns."""
    spacing = min((b.x - a.x for a, b in zip(columns, columns[1:])), default=50.0)
    reach = spacing / 2
    left_edge = min(c.header.x0 for c in columns) - 2
    header = rows[index]
    table = YearTable(page=page.number, caption="", columns=columns, rows=[], lines=list(header))
    pending_labels: list[Line] = []
    for j in range(index + 1, len(rows)):
        row = rows[j]
        if not table.rows and not pending_labels and _continues_header(row, left_edge):
            table.lines += row
            continue
        if table.rows and _units_wrapped(row, table.rows[-1], columns, reach):
            table.lines += row
            continue
        labels = [l for l in row if l.x1 <= left_edge]
        cells, blanks = {}, []
        for line in (piece for l in row if l not in labels for piece in split_number_runs(l)):
            column = _column_of(line, columns, reach)
            if column is None or not (_is_number(line.text) or _is_blank_cell(line.text)):
                break
            if _is_blank_cell(line.text):
                blanks.append(line)
            else:
                cells[column] = line
        else:
            if cells:
                table.rows.append(YearRow(label_lines=pending_labels + labels, cells=cells, blanks=blanks))
                table.lines += pending_labels + row
                pending_labels = []
                continue
            if labels and len(labels) == len(row):  # a label's wrapped line: of the row above or below
                following = rows[j + 1] if j + 1 < len(rows) else None
                if table.rows and not pending_labels and _nearer_above(row, table.rows[-1], following):
                    table.rows[-1].label_lines += labels
                    table.lines += row
                else:
                    pending_labels += labels
                continue
        break
    header_height = max(l.bottom - l.top for l in header)
    table.caption = _caption(page, min(l.top for l in header), header_height)
    return table


def _year_row(row: list[Line]) -> tuple[Line, list[Line]] | None:
    """(label, cells) of a row that starts with a year or total label and holds numbers only."""
    label, rest = row[0], [piece for line in row[1:] for piece in split_number_runs(line)]
    if _year_of_header(label.text) is None and not _is_total(label.text):
        return None
    if not rest or not all(_is_number(l.text) or _is_blank_cell(l.text) for l in rest):
        return None
    return label, [l for l in rest if not _is_blank_cell(l.text)]


def read_transposed_year_table(page: Page, rows: list[list[Line]], index: int) -> YearTable | None:
    """A table with one row per year (`R7 | 3 | 10`) under a header row of labels
    (`年度 | DX推進リーダー | DX推進員`), starting at rows[index]; None if there is none."""
    run = []
    for row in rows[index:]:
        found = _year_row(row)
        if found is None:
            break
        run.append((row, *found))
    if index == 0 or sum(1 for _, label, _ in run if not _is_total(label.text)) < 2:
        return None
    year_edge = max(label.x1 for _, label, _ in run)
    headers = [l for l in rows[index - 1] if (l.x0 + l.x1) / 2 > year_edge]
    if not headers:
        return None
    xs = [(h.x0 + h.x1) / 2 for h in headers]
    reach = min((b - a for a, b in zip(xs, xs[1:])), default=100.0) / 2
    table = YearTable(page=page.number, caption="", columns=[], rows=[YearRow([h], {}) for h in headers],
                      lines=list(rows[index - 1]))
    for column, (row, label, cells) in enumerate(run):
        kind = "total" if _is_total(label.text) else "target"
        table.columns.append(YearColumn(x=(label.x0 + label.x1) / 2, year=_year_of_header(label.text), header=label,
                                        kind=kind))
        table.year_lines[column] = " ".join(l.text for l in row)
        table.lines += row
        for cell in cells:
            nearest = _nearest_header(cell, headers, reach)
            if nearest is not None:
                table.rows[nearest].cells[column] = cell
    header_height = max(l.bottom - l.top for l in rows[index - 1])
    table.caption = _caption(page, min(l.top for l in rows[index - 1]), header_height)
    return table


def year_tables(page: Page, lines: Sequence[Line] | None = None) -> list[YearTable]:
    """The year tables printed on a page: years across (a header row of years) or
    down (a first column of years); `lines`: the page's lines cut into cells (`cell_lines`)."""
    rows = visual_rows(page.lines if lines is None else lines)
    tables: list[YearTable] = []
    used: set[int] = set()
    for i, row in enumerate(rows):
        if id(row[0]) in used:
            continue
        columns = _year_header(row)
        table = read_year_table(page, rows, i, columns) if columns else read_transposed_year_table(page, rows, i)
        if table is not None and any(r.cells for r in table.rows):
            tables.append(table)
            used.update(id(l) for l in table.lines)
    return tables


def may_join_cells(page: Page) -> bool:
    """Whether a line of the page may run across the cells of a year table: a year
    printed beside more than itself, in a line that is no sentence (`令和8年度令和9年度`,
    `2026年度4`)."""
    return any(
        "。" not in line.text and "、" not in line.text and (year := _YEAR_MENTION.search(normalize_text(line.text)))
        and year.group() != normalize_text(line.text).replace(" ", "")
        and len(normalize_text(line.text)) <= _MAX_JOINED_ROW
        for line in page.lines
    )


def printed_under(page: Page, parts: Iterable[Line]) -> list[Line]:
    """The page's own lines that hold some of the given cut lines."""
    boxes = [p.bbox for p in parts]
    return [line for line in page.lines
            if any(b[0] < line.x1 and line.x0 < b[2] and b[1] < line.bottom and line.top < b[3] for b in boxes)]


def _value(line: Line) -> tuple[float | None, str | None]:
    quantity = parse_quantity(line.text)
    return (quantity.value, quantity.unit) if quantity else (None, None)


def check_sums(table: YearTable, doc_id: str) -> list[ExtractionWarning]:
    """Printed totals (計 column, 合計 row) against the cells they add up."""
    warnings = []
    year_columns = [i for i, c in enumerate(table.columns) if c.kind == "target"]
    total_columns = [i for i, c in enumerate(table.columns) if c.kind == "total"]
    body = [r for r in table.rows if not _is_total(r.label)]
    total_rows = [r for r in table.rows if _is_total(r.label)]

    def compare(printed: Line, parts: list[float | None], what: str) -> None:
        total = _value(printed)[0]
        if total is None or any(p is None for p in parts):
            return
        if abs(sum(p for p in parts if p is not None) - total) > 1e-9:
            warnings.append(ExtractionWarning(
                doc_id=doc_id, page=table.page, kind="sum_mismatch",
                message=f"{what}: printed total {total:g}, cells add up to {sum(parts):g}",
            ))

    for row in table.rows:
        for t in total_columns:
            if t in row.cells:
                parts = [_value(row.cells[c])[0] for c in year_columns if c in row.cells]
                compare(row.cells[t], parts, f"row {row.label!r}")
    for total_row in total_rows:
        for c, cell in total_row.cells.items():
            parts = [_value(r.cells[c])[0] for r in body if c in r.cells]
            compare(cell, parts, f"column {normalize_text(table.columns[c].header.text)!r}")
    return warnings


def targets_of_year_table(
    table: YearTable, doc_id: str, roles: RoleMatcher, warnings: list[ExtractionWarning],
) -> list[Target]:
    """One target per year or goal cell of every non-total row. The metric is the one
    the row's label names (`…受講率`), else the table's caption, else a default."""
    targets = []
    for row in table.rows:
        label = row.label
        if _is_total(label):
            continue
        role = roles.resolve(label)
        if role is None and named_metric(label, None) is None:
            warnings.append(ExtractionWarning(
                doc_id=doc_id, page=table.page, kind="unknown_role",
                message=f"year table row {label!r} names neither a role of the document nor a metric"))
        for c, cell in sorted(row.cells.items()):
            column = table.columns[c]
            quantity = parse_quantity(cell.text)
            if column.kind != "target" or quantity is None:
                continue
            metric = named_metric(label, quantity.unit) or named_metric(table.caption, quantity.unit) \
                or DEFAULT_METRIC[quantity.unit or "人"]
            targets.append(Target(
                doc_id=doc_id, page=table.page, bbox=list(cell.bbox), extractor=TABLE_EXTRACTOR,
                role=role, metric=metric, value=quantity.value,
                unit=quantity.unit or METRIC_UNITS.get(metric), fiscal_year=column.year,
                text_raw=table.text_raw(row, c), placeholder=quantity.placeholder, qualifier=quantity.qualifier,
            ))
    return targets


# ---------------------------------------------------------------- charts

# A chart's axis has no count within this many of its line heights under a year label.
_CHART_AXIS_REACH = 3

def chart_targets(page: Page, doc_id: str, roles: RoleMatcher) -> tuple[list[Target], set[int]]:
    """Targets of a bar chart (a slide's yearly goals): a row holding only year labels (the
    axis) with one count printed above each, in its column (the bar's value), for the role
    and metric its title names (the nearest line above naming a role). Returns the targets
    and the ids of the lines they print (no sentence reads them again)."""
    for axis in visual_rows(page.lines):
        columns = [header_column(line) for line in axis]
        if len(axis) < 2 or not all(c is not None and c.kind == "target" and c.year for c in columns):
            continue
        values = [_bar_value(page, column.header) for column in columns]
        if any(v is None for v in values) or any(_count_under(page, column.header) for column in columns):
            continue  # counts under the years: a table's header row, not a chart's axis
        top = min(v.top for v in values)
        title = next((ln for ln in sorted(page.lines, key=lambda ln: -ln.bottom)
                      if ln.bottom <= top and roles.mentioned(normalize_text(ln.text))), None)
        if title is None:
            continue
        caption = normalize_text(title.text)
        targets = []
        for column, value in zip(columns, values):
            quantity = parse_quantity(value.text)
            metric = named_metric(caption, quantity.unit) or DEFAULT_METRIC[quantity.unit or "人"]
            targets.append(Target(
                doc_id=doc_id, page=page.number, bbox=list(value.bbox), extractor=TABLE_EXTRACTOR,
                role=roles.mentioned(caption), metric=metric, value=quantity.value,
                unit=quantity.unit or METRIC_UNITS.get(metric), fiscal_year=column.year,
                text_raw=f"{caption} {normalize_text(column.header.text)} {normalize_text(value.text)}",
                placeholder=quantity.placeholder, qualifier=quantity.qualifier))
        return targets, {id(line) for line in [*axis, *values]}
    return [], set()


def _count_under(page: Page, label: Line) -> bool:
    """A count printed right under a year label, in its column (a table's first row)."""
    reach = label.bottom + _CHART_AXIS_REACH * (label.bottom - label.top)
    return any(label.bottom <= ln.top <= reach and _is_number(normalize_text(ln.text))
               and label.x0 - label.size <= (ln.x0 + ln.x1) / 2 <= label.x1 + label.size for ln in page.lines)


def _bar_value(page: Page, label: Line) -> Line | None:
    """The count printed nearest above a year label and over it (the top of its bar)."""
    over = [ln for ln in page.lines if ln.bottom <= label.top and _is_number(normalize_text(ln.text))
            and label.x0 - label.size <= (ln.x0 + ln.x1) / 2 <= label.x1 + label.size]
    return max(over, key=lambda ln: ln.bottom, default=None)


# ---------------------------------------------------------------- goal sections

_BULLET = re.compile(r"^\s*[・•⚫▶●◆■○◯\-–]")
_LABEL_LINE = re.compile(r"^[^\s、。]{2,10}[:：]")
_MAX_HEADING_CHARS = 40
# A line that is only a page number: "13", "- 8 -".
_PAGE_NUMBER = re.compile(r"\s*[-－‐–—]?\s*\d{1,4}\s*[-－‐–—]?\s*")


def heading_shape(text: str) -> str | None:
    """The numbering shape of a heading line ("第0章", "R", "0", "0.0", "(0)", "①"), or None
    for a line that is no heading (a sentence, a long line)."""
    if "。" in text or len(" ".join(fold_width(text).split())) > _MAX_HEADING_CHARS:
        return None
    return numbering(text)


@dataclass(slots=True)
class Paragraph:
    """Lines of one bullet item or paragraph, under a role heading."""

    role: str | None
    in_goal_section: bool
    lines: list[Line] = field(default_factory=list)
    section_metric: str | None = None  # the metric the goal section's heading names (育成目標 → 育成人数)

    def sentences(self) -> Iterator[tuple[str, Line]]:
        """(sentence, line where it starts): split at 。."""
        pieces: list[str] = []
        starts: list[tuple[int, Line]] = []
        length, last = 0, ""
        for line in self.lines:
            stripped = line.text.strip()
            pieces.append(_joint(last, stripped) + stripped)
            starts.append((length + len(pieces[-1]) - len(stripped), line))
            length += len(pieces[-1])
            last = stripped or last
        text = "".join(pieces)  # joined once: a long paragraph costs no quadratic copying
        position, line_index = 0, 0
        for piece in re.split(r"(?<=。)", text):
            while line_index + 1 < len(starts) and starts[line_index + 1][0] <= position:
                line_index += 1  # one pass over the lines: a long paragraph is no quadratic search
            if piece.strip():
                yield piece, starts[line_index][1]
            position += len(piece)


def _joint(text: str, line: str) -> str:
    """What joins a wrapped line to the paragraph before it: Japanese wraps anywhere, even
    inside a number (`令和1` / `0年度`), so lines join directly; a space only between Latin words."""
    if text and line and fold_width(text[-1]).isascii() and fold_width(text[-1]).isalpha() \
            and fold_width(line[0]).isascii() and fold_width(line[0]).isalpha():
        return " "
    return ""


def paragraphs(layout: PdfLayout, roles: RoleMatcher, skip: set[int]) -> Iterator[Paragraph]:
    """The document's paragraphs and bullet items, each with the role of the heading
    above it and whether it lies in a goal section. A goal section runs from a heading
    that speaks of goals to the next heading of its level or higher; role sub-headings
    inside it (`1 一般行政職員`) do not end it, nor does its own heading repeated as a
    running header."""
    section: tuple[str, str] | None = None  # shape and text of the goal section's heading
    paragraph: Paragraph | None = None
    role: str | None = None
    for page in layout.pages:
        for line in page.lines:
            if id(line) in skip or line.vertical or _PAGE_NUMBER.fullmatch(line.text):
                continue
            text = normalize_text(line.text)
            if section is not None and text == section[1]:
                continue  # the section's heading repeated at the top of a page
            shape = heading_shape(line.text)
            starts = paragraph is None or bool(shape) or bool(_BULLET.match(line.text)) \
                or bool(_LABEL_LINE.match(text)) or paragraph.lines[-1].text.rstrip().endswith("。") \
                or bool(_LABEL_LINE.match(normalize_text(paragraph.lines[-1].text)))
            if not starts:
                paragraph.lines.append(line)
                continue
            if paragraph is not None and paragraph.lines:
                yield paragraph
            paragraph = None
            heading_role = _role_heading(line.text, roles)
            if shape and not (heading_role and section is not None):
                if section is not None and ranks_at_or_above(shape, section[0]):
                    section = None
                if section is None and any(w in text for w in GOAL_SECTION_WORDS):
                    section = (shape, text)  # "2 DX推進リーダーの育成目標" also names its role
                role = heading_role
            elif heading_role:
                role = heading_role
            else:
                paragraph = Paragraph(role=role, in_goal_section=section is not None, lines=[line],
                                      section_metric=named_metric(section[1], None) if section else None)
    if paragraph is not None and paragraph.lines:
        yield paragraph


def _role_heading(text: str, roles: RoleMatcher) -> str | None:
    """The role a line opening a paragraph names when it is a heading (`2 DX 推進員`,
    `(2) DX推進リーダー`, `CIO 補佐官・高度専門人材（外部登用人材）`)."""
    normalized = normalize_text(text)
    if "。" in normalized or "、" in normalized or len(normalized) > _MAX_HEADING_CHARS or _BULLET.match(text) \
            or _QUANTITY.search(normalized):
        return None  # a sentence, an item or a goal, not a heading
    return roles.resolve(normalize_name(text))


def _states_goal(sentence: str) -> bool:
    """A sentence outside a goal section states a goal when it says so (`目標`, `目指す`)
    or commits to a count by a deadline (`令和10年度までに…30名育成する`): a deadline and
    a goal verb in the present, not a past result (`育成した`)."""
    text = normalize_text(sentence)
    return any(w in text for w in GOAL_SENTENCE_WORDS) or (
        any(w in text for w in DEADLINE_WORDS) and bool(COMMITTED_GOAL.search(text)))


def _goal_key(target: Target) -> tuple:
    return (target.role, target.metric, target.value, target.unit, target.fiscal_year)


def prose_targets(
    layout: PdfLayout, doc_id: str, roles: RoleMatcher, skip: set[int], known: Iterable[Target] = (),
) -> list[Target]:
    """Targets of the sentences of goal sections, and of sentences elsewhere that
    state a goal (`目標`, `目指す`); one goal restated for the same role is kept once."""
    targets: list[Target] = []
    seen: set[tuple] = {_goal_key(t) for t in known}  # a table's goal restated in prose
    for paragraph in paragraphs(layout, roles, skip):
        for sentence, line in paragraph.sentences():
            if not paragraph.in_goal_section and not _states_goal(sentence):
                continue
            for target in targets_from_sentence(sentence, paragraph.role, doc_id=doc_id, page=line.page,
                                                bbox=line.bbox, roles=roles):
                if target.metric == DEFAULT_METRIC.get(target.unit or "人") and paragraph.section_metric \
                        and target.unit != "%":  # nothing in the sentence named it: the heading does
                    target = target.model_copy(update={"metric": paragraph.section_metric})
                if _goal_key(target) not in seen:
                    seen.add(_goal_key(target))
                    targets.append(target)
    return targets


CountTables = Callable[[PdfLayout, str, RoleMatcher], tuple[list[Target], set[int]]]


def extract_targets(
    layout: PdfLayout, doc_id: str, roles: list[Role], count_tables: CountTables | None = None,
) -> tuple[list[Target], list[ExtractionWarning]]:
    """Targets from year tables, from tables recognised by their counts (`count_tables`:
    targets and the ids of the lines they print) and goal sentences, with sum-check warnings."""
    matcher = RoleMatcher(roles)
    targets: list[Target] = []
    warnings: list[ExtractionWarning] = []
    table_lines: set[int] = set()
    if count_tables is not None:
        targets, table_lines = count_tables(layout, doc_id, matcher)
    for page in layout.pages:
        found, printed = chart_targets(page, doc_id, matcher)
        targets += found
        table_lines.update(printed)
        cut = may_join_cells(page)
        for table in year_tables(page, cell_lines(layout, page) if cut else None):
            targets += targets_of_year_table(table, doc_id, matcher, warnings)
            warnings += check_sums(table, doc_id)
            table_lines.update(id(line) for line in (printed_under(page, table.lines) if cut else table.lines))
    targets += prose_targets(layout, doc_id, matcher, table_lines, known=targets)
    return targets, warnings
