"""Which role a goal sentence's number counts where its clause alone cannot tell:
GiNZA's dependency parse settles it (`extractors/policy/goal_parse.py`)."""

from __future__ import annotations

import pytest

from jinzai.extractors.policy.goal_parse import regex_guesses
from jinzai.extractors.policy.role_match import RoleMatcher
from jinzai.extractors.policy.targets.sentences import goal_role, goals_in_sentence, targets_from_sentence
from jinzai.models import Role

ROLES = RoleMatcher([Role(doc_id="d", page=1, name=name, canonical=canonical) for name, canonical in (
    ("DX推進リーダー", "leader"), ("DX推進員", "promoter"), ("部局DX推進監", "manager"), ("業務改革推進員", "leader"),
    ("管理職", "manager"))])


def roles_read(sentence: str) -> list[str | None]:
    return [t.role for t in targets_from_sentence(sentence, None, doc_id="d", page=1, roles=ROLES)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # the clause names two roles: the one who appoints and the one appointed
    ("部局DX推進監が指名する業務改革推進員を、各課に1名以上置く。", ["業務改革推進員"]),
    ("管理職が推薦するDX推進員を、毎年度20名育成する。", ["DX推進員"]),
    # the role before the number is another number's (`…と`), the counted one follows it
    ("8名の業務改革推進員と2名の部局DX推進監を、令和9年度末までに任命する。", ["業務改革推進員", "部局DX推進監"]),
    # the role before the number is the whole it is taken from
    ("DX推進員のうち6名をDX推進リーダーとして選任する。", ["DX推進リーダー"]),
])
def test_the_parse_settles_what_the_clauses_leave_a_guess(sentence: str, expected: list[str]) -> None:
    goals = goals_in_sentence(sentence)
    clause_reading = [goal_role(goal, ROLES.mentioned(sentence), ROLES) for goal in goals]
    assert any(regex_guesses(goal, sentence, ROLES) for goal in goals)
    assert clause_reading != expected  # what the clauses alone would say
    assert roles_read(sentence) == expected


def test_a_clause_that_names_its_role_is_not_parsed() -> None:
    sentence = "令和10年度までにDX推進リーダーを30名、DX推進員を50名育成する。"
    assert not any(regex_guesses(goal, sentence, ROLES) for goal in goals_in_sentence(sentence))
    assert roles_read(sentence) == ["DX推進リーダー", "DX推進員"]
