"""Role names → CONTRACT.md canonical roles, and header references to a document's roles.

The dictionary is ``data/roles.yaml``: exact synonyms per canonical role, names whose
role depends on the document (``DX推進員`` is a ``promoter`` where the document also
defines a leader such as ``DX推進リーダー``, otherwise the ``leader``), and ordered
pattern rules (a name containing ``管理職`` is a ``manager`` …). A name matched by none of
them is returned as unknown — ``(None, False)`` — so the caller keeps it, flagged,
instead of guessing.

`resolve_role_reference` maps what a table header or cell prints (``推進リーダー``,
``推進アド`` + ``バイザー``, ``管理職``) to one of the document's role names.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.text import normalize_name

__all__ = ["CANONICAL_ROLES", "canonical_role", "resolve_role_reference", "role_key"]

_DOCUMENT_DEPENDENT = "document_dependent"
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def role_key(name: str) -> str:
    """The form role names are compared in: normalized, no spaces, Latin upper-cased."""
    return normalize_name(name).replace(" ", "").upper()


@dataclass(frozen=True, slots=True)
class _DependentRule:
    when_document_has: str
    then: str
    otherwise: str


@dataclass(frozen=True, slots=True)
class _Dictionary:
    canonical_roles: tuple[str, ...]
    synonyms: dict[str, str]
    dependent: dict[str, _DependentRule]
    dependent_rule: _DependentRule | None  # applied to pattern matches of that kind
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    droppable_prefixes: tuple[str, ...]
    droppable_heads: tuple[str, ...]


@cache
def _dictionary() -> _Dictionary:
    data = load_yaml("roles.yaml")
    canonical_roles = tuple(data["canonical_roles"])
    synonyms = {role_key(n): canon for canon, names in data["synonyms"].items() for n in names}
    dependent: dict[str, _DependentRule] = {}
    rule: _DependentRule | None = None
    for entry in data.get("document_dependent", []):
        rule = _DependentRule(entry["when_document_has"], entry["then"], entry["otherwise"])
        dependent.update({role_key(n): rule for n in entry["names"]})
    patterns = tuple((re.compile(p["pattern"]), p["canonical"]) for p in data["patterns"])
    for canon in [*synonyms.values(), *(c for _, c in patterns)]:
        if canon not in canonical_roles and canon != _DOCUMENT_DEPENDENT:
            raise ValueError(f"roles.yaml: {canon!r} is not a canonical role")
    return _Dictionary(
        canonical_roles=canonical_roles,
        synonyms=synonyms,
        dependent=dependent,
        dependent_rule=rule,
        patterns=patterns,
        droppable_prefixes=tuple(role_key(p) for p in data.get("droppable_prefixes", [])),
        droppable_heads=tuple(role_key(h) for h in data.get("droppable_heads", [])),
    )


def known_role_names() -> frozenset[str]:
    """Every role name the dictionary knows, in `role_key` form."""
    dictionary = _dictionary()
    return frozenset(dictionary.synonyms) | frozenset(dictionary.dependent)


CANONICAL_ROLES: tuple[str, ...] = ("manager", "supervisor", "specialist", "leader",
                                    "promoter", "all_staff", "external")


@lru_cache(maxsize=4096)
def _static_role(key: str) -> str | None:
    """Canonical role by synonym or pattern, ``document_dependent`` or None."""
    d = _dictionary()
    # The name as printed, then without a trailing note ("DX推進リーダー(各課)").
    for candidate in (key, _TRAILING_NOTE.sub("", key)):
        if candidate in d.synonyms:
            return d.synonyms[candidate]
        if candidate in d.dependent:
            return _DOCUMENT_DEPENDENT
    for pattern, canon in d.patterns:
        if pattern.search(key):
            return canon
    return None


def _dependent_rule(key: str) -> _DependentRule | None:
    d = _dictionary()
    return d.dependent.get(key) or d.dependent.get(_TRAILING_NOTE.sub("", key)) or d.dependent_rule


def canonical_role(name: str, document_roles: Collection[str] = ()) -> tuple[str | None, bool]:
    """(canonical role, known) of a role name; ``document_roles`` are all role names of the
    same document (needed for ``DX推進員``). Unknown names give ``(None, False)``."""
    key = role_key(name)
    canon = _static_role(key)
    if canon is None:
        return None, False
    if canon != _DOCUMENT_DEPENDENT:
        return canon, True
    rule = _dependent_rule(key)
    assert rule is not None  # a dependent entry or pattern always comes with its rule
    others = {role_key(r) for r in document_roles} - {key}
    has_above = any(_static_role(o) == rule.when_document_has for o in others)
    return (rule.then if has_above else rule.otherwise), True


# ---------------------------------------------------------------- header references

def _core(key: str) -> str:
    """A role key without the words headers tend to drop (DX推進リーダー → 推進リーダー)."""
    for prefix in _dictionary().droppable_prefixes:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):]
    return key


# A core of one character ("員" of DX推進員 and デジタル推進員) says too little to match on.
_MIN_CORE = 2
# A label without its head noun says enough from this many characters (高度専門, not 専門).
_MIN_HEADLESS = 3


def _unique(candidates: list[str]) -> str | None:
    distinct = list(dict.fromkeys(candidates))
    return distinct[0] if len(distinct) == 1 else None


def resolve_role_reference(
    text: str,
    role_names: Sequence[str],
    target_groups: Mapping[str, str] = {},  # noqa: B006 - read only; the brief's signature
) -> str | None:
    """The document role a header/cell names, or None.

    Tried in order, each must be unambiguous: the role's own name; the role whose target
    group (``{role name: 対象}``, e.g. ``{'DX推進マネージャー': '管理職'}``) it names; a
    role whose name ends with it (``推進リーダー`` → ``DX推進リーダー``); a role that is the
    same once ``DX``/``デジタル``… and ``推進`` are dropped (``DXアドバイザー`` →
    ``DX推進アドバイザー``); a role that is it and a head noun a label drops (``高度専門``
    → ``高度専門人材``); a role name it contains (``DX推進リーダー(各課)``).
    """
    ref = role_key(text)
    if not ref:
        return None
    keyed = [(role_key(n), n) for n in role_names]
    exact = _unique([n for k, n in keyed if k == ref])
    if exact:
        return exact
    by_group = _unique([n for n, g in target_groups.items() if role_key(g) == ref and n in role_names])
    if by_group:
        return by_group
    by_suffix = _unique([n for k, n in keyed if k.endswith(ref) and len(ref) >= 2])
    if by_suffix:
        return by_suffix
    ref_core = _core(ref).replace("推進", "")
    if len(ref_core) >= _MIN_CORE:
        by_core = _unique([n for k, n in keyed if _core(k).replace("推進", "") == ref_core])
        if by_core:
            return by_core
    if len(ref) >= _MIN_HEADLESS:
        by_head = _unique([n for k, n in keyed for head in _dictionary().droppable_heads if k == ref + head])
        if by_head:
            return by_head
    contained = sorted(((k, n) for k, n in keyed if k in ref), key=lambda kn: len(kn[0]), reverse=True)
    if contained and (len(contained) == 1 or len(contained[0][0]) > len(contained[1][0])):
        return contained[0][1]
    return None
