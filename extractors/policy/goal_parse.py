"""Which role each number of a goal sentence counts, read from GiNZA's dependency parse.

The regular-expression reading (`targets.goal_role`: the role named in the number's
own clause, else the sentence's first) is right whenever a clause names one role. It
has to guess when the sentence names several roles and a number's clause names none
(`30名のDX推進リーダーと、100名のDX推進員を…`) or several
(`部局DX推進監が指名する業務改革推進員を、各課に1名以上置く`): there the parse decides,
by the noun the number's counter hangs on, else the role argument of the verb above it.
The clauses also guess where the role before a number may not be the counted one
(`12名のAと3名のBを`, `Aの中から5名をBに登用する`).
Measured by `bench/goal_role_parse.py` (62 numbers in 41 sentences): regex alone 54 right,
the parse alone 43, the parse only where the regex guesses 61 (57 before the last two
guesses were added; on the first 30 sentences 43 of 44, was 41). GiNZA loads once per
process (3.6–5 s) and only when a document has such a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from jinzai.extractors.policy.plan_vocabulary import WHOLE_WORDS
from jinzai.extractors.policy.role_match import RoleMatcher

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from jinzai.extractors.policy.targets.sentences import Goal

COUNTERS = frozenset({"名", "人", "%", "％"})
ARGUMENTS = ("obj", "nsubj", "obl", "nmod", "dislocated", "iobj")


def names_several(text: str, roles: RoleMatcher) -> bool:
    """Whether a text names two roles or more."""
    first = roles.mentioned(text)
    return first is not None and roles.mentioned(text.replace(first, "", 1)) not in (None, first)


def regex_guesses(goal: Goal, sentence: str, roles: RoleMatcher) -> bool:
    """Whether the clause reading must guess a goal's role: the sentence names several
    roles and the goal's clause names several or none, or the role before the number may
    not be the one it counts: another role follows it (`12名のAと3名のBを` for 3名) or the
    role before is the whole it is taken from (`Aの中から5名をBに登用する`)."""
    if not names_several(sentence, roles):
        return False
    before = roles.mentioned(goal.clause_before)
    after = roles.mentioned(goal.clause_after) if goal.clause_after.startswith("の") else None
    return names_several(goal.clause_before, roles) or not roles.mentioned(goal.clause_before + goal.clause_after) \
        or before is not None and (after not in (None, before) or any(w in goal.clause_before for w in WHOLE_WORDS))


def parsed_roles(doc: Doc, roles: RoleMatcher) -> list[str | None]:
    """One role per counted number of a parsed sentence, in order: the noun the counter
    hangs on, else the role arguments of the verbs above it (nearest before the number first)."""
    found = []
    for token in doc:
        if token.like_num and token.i + 1 < len(doc) and doc[token.i + 1].text in COUNTERS:
            found.append(_role_above(doc[token.i + 1], roles))
    return found


def _role_above(counter: Token, roles: RoleMatcher) -> str | None:
    role, node = None, counter
    while role is None and node.head.i != node.i:
        head = node.head
        role = _role_of_token(head, roles) if head.pos_ in ("NOUN", "PROPN") else None
        if role is None:
            candidates = [c for c in head.children
                          if c.dep_ in ARGUMENTS and c.i != node.i and _role_of_token(c, roles)]
            before = [c for c in candidates if c.i < counter.i]
            pick = max(before, key=lambda c: c.i) if before else (candidates[0] if candidates else None)
            role = _role_of_token(pick, roles) if pick is not None else None
        node = head
    return role


def _role_of_token(token: Token, roles: RoleMatcher) -> str | None:
    """The role a noun token names, read on it and the compound nouns before it."""
    words = "".join(t.text for t in token.subtree if t.i <= token.i and (t.dep_ == "compound" or t == token))
    return roles.exact(words) or roles.mentioned(words)


def settled_roles(goals: Sequence[Goal], sentence: str, clause_roles: list[str | None],
                  roles: RoleMatcher) -> list[str | None]:
    """The clause reading's roles, with the parse's where the clause reading guesses
    (and the parse finds one role per goal)."""
    if not any(regex_guesses(goal, sentence, roles) for goal in goals):
        return clause_roles
    from jinzai.normalizers.terms import ginza  # loaded only for a sentence that needs it

    parsed = parsed_roles(ginza()(sentence), roles)
    if len(parsed) != len(goals):
        return clause_roles
    return [p if p and regex_guesses(goal, sentence, roles) else r
            for goal, r, p in zip(goals, clause_roles, parsed, strict=True)]
