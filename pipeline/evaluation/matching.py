"""Matching gold and output records one to one, per table, on a key and a similarity rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from jinzai.pipeline.evaluation.compare import as_int, as_number, name_similarity, norm, norm_unit, same_value
from jinzai.pipeline.evaluation.tables import Row


class RoleKeys:
    """A role as written → its comparison key: the gold role's normalized name when it is
    that role's name or one of its aliases, else its own normalized text (None if empty)."""

    def __init__(self, gold_roles: Iterable[Row]):
        self._lookup: dict[str, str] = {}
        for role in gold_roles:
            main = norm(role.get("name"))
            for name in (role.get("name"), *(role.get("aliases") or [])):
                self._lookup.setdefault(norm(name), main)

    def key(self, name: object) -> str | None:
        n = norm(name)
        return self._lookup.get(n, n) if n else None


Score = Callable[[Row, Row], float | None]


@dataclass(frozen=True)
class MatchRule:
    """Gold and output records may match when their keys are equal and score is not None;
    a higher score is a better pair."""

    key: Callable[[Row], Hashable]
    score: Score


def match_records(gold: Sequence[Row], out: Sequence[Row], rule: MatchRule) -> list[tuple[int, int]]:
    """A maximal one-to-one matching: [(gold index, output index)], sorted.

    Pairs are taken greedily, best score first (ties: lower gold, then output
    index); augmenting paths (Kuhn) then add every match a greedy choice cost.
    """
    out_by_key: dict[Hashable, list[int]] = defaultdict(list)
    for oi, o in enumerate(out):
        out_by_key[rule.key(o)].append(oi)

    candidates: list[list[int]] = []  # per gold record: acceptable output indices, best first
    edges: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        scored = [(s, oi) for oi in out_by_key.get(rule.key(g), [])
                  if (s := rule.score(g, out[oi])) is not None]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        candidates.append([oi for _, oi in scored])
        edges.extend((s, gi, oi) for s, oi in scored)

    owner: dict[int, int] = {}  # output index → gold index
    matched: set[int] = set()
    for _, gi, oi in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        if gi not in matched and oi not in owner:
            owner[oi] = gi
            matched.add(gi)
    for gi in range(len(gold)):
        if gi not in matched:
            _augment(gi, candidates, owner)
    return sorted((gi, oi) for oi, gi in owner.items())


def _augment(start: int, candidates: list[list[int]], owner: dict[int, int]) -> bool:
    """Kuhn's augmenting-path search from an unmatched gold record (depth first, iterative)."""
    seen: set[int] = set()
    stack = [(start, iter(candidates[start]))]
    path: list[int] = []  # path[k]: the output record taken at stack level k
    while stack:
        _, options = stack[-1]
        for oi in options:
            if oi in seen:
                continue
            seen.add(oi)
            path.append(oi)
            if oi not in owner:
                for (gi, _), taken in zip(stack, path):
                    owner[taken] = gi
                return True
            stack.append((owner[oi], iter(candidates[owner[oi]])))
            break
        else:
            stack.pop()
            if path:
                path.pop()
    return False


def match_rules(roles: RoleKeys) -> dict[str, MatchRule]:
    """Per matched table, the key and similarity rule of GOLD.md's scoring."""

    def role_score(g: Row, o: Row) -> float | None:
        name = norm(o.get("name"))
        if not name:
            return None
        if name == norm(g.get("name")):
            return 1.0
        if name in {norm(a) for a in g.get("aliases") or []}:
            return 0.9
        return None

    def name_score(g: Row, o: Row) -> float | None:
        return name_similarity(norm(g.get("name")), norm(o.get("name")))

    def training_score(g: Row, o: Row) -> float | None:
        needle = norm(g.get("summary_contains"))  # tells apart trainings sharing a name
        if needle and needle not in norm(o.get("summary")) and needle not in norm(o.get("name")):
            return None
        return name_score(g, o)

    def target_score(g: Row, o: Row) -> float | None:
        if not same_value(g.get("value"), o.get("value")):
            return None
        return 1.5 if norm(g.get("metric")) == norm(o.get("metric")) else 1.0

    def level_score(g: Row, o: Row) -> float:
        return 1.5 if norm(g.get("label")) == norm(o.get("label")) else 1.0

    return {
        "roles": MatchRule(lambda r: roles.key(r.get("name")), role_score),
        "skills": MatchRule(lambda r: roles.key(r.get("role")), name_score),
        "trainings": MatchRule(lambda r: None, training_score),
        "targets": MatchRule(lambda r: (roles.key(r.get("role")), as_int(r.get("fiscal_year")),
                                        norm_unit(r.get("unit"))), target_score),
        "levels": MatchRule(lambda r: (roles.key(r.get("role")), as_int(r.get("rank"))),
                            level_score),
        "cases": MatchRule(lambda r: (norm(r.get("kind")), as_int(r.get("case_no"))),
                           lambda g, o: 1.0),
    }


def describe(table: str, r: Row) -> str:
    """A short, readable form of a gold or output record."""
    match table:
        case "roles":
            return str(r.get("name"))
        case "skills":
            return f"{r.get('role')} / {r.get('name')}"
        case "trainings":
            extra = f" [{r['summary_contains']}]" if r.get("summary_contains") else ""
            return f"{r.get('name')}{extra}"
        case "targets":
            value = as_number(r.get("value"))
            shown = "null" if value is None else f"{value:g}"
            return (f"{r.get('role')} FY{r.get('fiscal_year')} {shown}{r.get('unit') or ''}"
                    f" ({r.get('metric')})")
        case "levels":
            return f"{r.get('role')} rank {r.get('rank')} {r.get('label')}"
        case "cases":
            return f"{r.get('kind')} #{r.get('case_no')} {r.get('municipality')} {r.get('title')}"
    return str(r)
