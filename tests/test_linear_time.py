"""Goal-sentence parsing grows linearly with its input (issue 12).

Cost is counted two ways, never against a clock's absolute reading:
- the Python lines executed (`sys.settrace`) for an input and for it repeated 4×:
  deterministic; linear work grows about 4×, quadratic 16×; the bound is 8×;
- the CPU time (best of 3) for an input and for it repeated 16×, for work done
  inside C (slicing, regular expressions) that no line count sees: linear grows
  about 16×, quadratic 256×; the generous bound is 64×.
The cubic reading these guard against took 51 s for 250 goals in one sentence.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jinzai.extractors.layout import Line
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.prose import Passage
from jinzai.extractors.policy.targets.sentences import goals_in_sentence, last_fiscal_year, targets_from_sentence
from jinzai.models import Role

LINE_GROWTH, LINE_BOUND = 4, 8
CPU_GROWTH, CPU_BOUND = 16, 64

# Pieces of goal sentences, none ending one (no 。): roles, years, counts, verbs, noise.
PIECES = st.sampled_from([
    "DX推進リーダー", "DX推進員を", "令和7年度", "令和10年度までに", "R8", "2026年度", "FY2027", "H45",
    "10名", "計○名程度", "受講率 100%", "各課に1名以上", "延べ300人", "年間20名", "5年以内に",
    "育成", "配置し", "研修", "目標", "、", " ", "\n", "を", "まで", "x",
])
UNITS = st.lists(PIECES, min_size=3, max_size=12).map("".join)


def lines_executed(work: Callable[[], object]) -> int:
    """Python lines run by `work()`: a deterministic measure of its cost."""
    count = 0

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202 (sys.settrace's signature)
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def cpu_seconds(work: Callable[[], object], runs: int = 3) -> float:
    """The least CPU time of a few runs of `work()` (the least is the one least disturbed)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def grows_linearly(work: Callable[[str], object], unit: str, repeats: int = 20) -> bool:
    small = lines_executed(lambda: work(unit * repeats))
    large = lines_executed(lambda: work(unit * repeats * LINE_GROWTH))
    if large > LINE_BOUND * max(small, 1):
        return False
    small_cpu = cpu_seconds(lambda: work(unit * repeats))
    large_cpu = cpu_seconds(lambda: work(unit * repeats * CPU_GROWTH))
    return large_cpu <= CPU_BOUND * max(small_cpu, 1e-4)


LINEAR = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LINEAR
@given(UNITS)
@example("DX推進リーダー 育成目標 10名 研修 ")  # the issue's sentence (cubic: 51 s for 250 goals)
def test_goals_in_sentence_is_linear(unit: str) -> None:
    assert grows_linearly(goals_in_sentence, unit)


@LINEAR
@given(UNITS)
@example("研修 10名 を")  # no year at all: the slowest case of a backwards search
def test_last_fiscal_year_is_linear(unit: str) -> None:
    assert grows_linearly(last_fiscal_year, unit)


ROLES = RoleMatcher([Role(doc_id="d", page=1, name="DX推進リーダー", canonical="leader"),
                     Role(doc_id="d", page=1, name="DX推進員", canonical="promoter")])


@LINEAR
@given(UNITS)
def test_targets_from_sentence_is_linear(unit: str) -> None:
    assert grows_linearly(lambda s: targets_from_sentence(s, None, doc_id="d", page=1, roles=ROLES), unit)


@LINEAR
@given(UNITS)
def test_splitting_a_paragraph_into_sentences_is_linear(unit: str) -> None:
    def sentences(text: str) -> list:
        lines = [Line(text=part + "。x", bbox=(0, i, 1, i + 1), size=9, page=1) for i, part in
                 enumerate(text.split("\n"))]
        return list(Passage(role=None, in_goal_section=True, lines=lines).sentences())

    assert grows_linearly(sentences, unit + "\n")


def test_the_issue_sentence_reads_every_goal() -> None:
    # 250 goals in one sentence without 。 (51 s before the fix): each is read.
    goals = goals_in_sentence("DX推進リーダー 育成目標 10名 研修 " * 250)
    assert len(goals) == 250
    assert {(g.metric, g.value, g.unit) for g in goals} == {("育成人数", 10, "人")}


def test_the_last_year_before_each_number_is_its_year() -> None:
    goals = goals_in_sentence("令和7年度 10名、令和8年 20名、令和9年度までに 30名" * 3)
    assert [g.fiscal_year for g in goals] == [2025, 2026, 2027] * 3


def test_a_goal_of_an_over_long_sentence_keeps_its_clauses_as_evidence() -> None:
    sentence = "研修を実施 " * 200 + "DX推進リーダーを令和9年度までに30名、" + "研修を実施 " * 200
    [target] = targets_from_sentence(sentence, None, doc_id="d", page=1, roles=ROLES)
    assert (target.role, target.value, target.fiscal_year) == ("DX推進リーダー", 30, 2027)
    assert "30名" in target.text_raw and len(target.text_raw) < len(sentence) // 4
