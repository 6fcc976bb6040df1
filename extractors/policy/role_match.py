"""Which of a document's roles a header, heading or cell names.

Tables and goal sections name roles in many ways: the role's own name
(`DX推進員`), an alias the document uses (`CIO補佐官・高度専門人材`), an
abbreviation (`推進リーダー`) or the group a role is drawn from (`管理職`); a sentence may also
name the whole staff (`全職員`), meaning the document's one all-staff role.
`RoleMatcher` answers with the role's `name` as the document defines it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jinzai.extractors.policy.plan_vocabulary import GROUP_WORDS
from jinzai.extractors.policy.vocabulary import TOPIC_MARKER
from jinzai.models import Role
from jinzai.normalizers.roles import resolve_role_reference, role_key
from jinzai.normalizers.text import normalize_name

# A trailing note on a name: "CIO補佐官・高度専門人材(外部登用人材)".
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
# Separators of a combined heading: "CIO補佐官・高度専門人材".
_NAME_PARTS = re.compile(r"[・/／、]")


class RoleMatcher:
    """Resolves texts to the `name` of one of a document's roles."""

    def __init__(self, roles: Sequence[Role]) -> None:
        self.names: list[str] = [r.name for r in roles]
        self._by_key: dict[str, str] = {}
        for role in roles:
            for name in (role.name, *role.aliases):
                self._by_key.setdefault(role_key(name), role.name)
        self._target_groups: dict[str, str] = {r.name: r.target_group for r in roles if r.target_group}
        self._by_group: dict[str, str] = _group_words(roles)

    def exact(self, text: str) -> str | None:
        """The role whose name or alias the text is (a trailing note ignored)."""
        key = role_key(text)
        if not key:
            return None
        return self._by_key.get(key) or self._by_key.get(_TRAILING_NOTE.sub("", key))

    def resolve(self, text: str) -> str | None:
        """`exact`, else an abbreviation or target group, else the first part of a
        combined name (`CIO補佐官・高度専門人材` → `CIO補佐官`)."""
        if not self.names:
            return None
        found = self.exact(text) or self._reference(text)
        if found:
            return found
        bare = _TRAILING_NOTE.sub("", role_key(text))
        for part in _NAME_PARTS.split(bare):
            found = self.exact(part) if part != bare else None
            if found:
                return found
        return None

    def mentioned(self, text: str) -> str | None:
        """The role a sentence names first (its longest name or alias at that place)."""
        key = role_key(text)
        found = [(key.find(k), -len(k), name) for k, name in self._by_key.items() if k and k in key]
        if not found:  # no role by name: a group a role is drawn from (全職員, 管理職)
            found = [(key.find(k), -len(k), name) for k, name in self._by_group.items() if k and k in key]
        return min(found)[2] if found else None

    def topic(self, sentence: str) -> str | None:
        """The role a sentence is about: of the roles its topic (the words before `は`: `…に
        ついては`, `…には`) names, the last, which heads the phrase (`業務改革リーダーを補佐する
        DXサポーターは` is about the DXサポーター); a name inside a longer one is no mention."""
        key = role_key(sentence)
        marker = TOPIC_MARKER.search(key)
        if marker is None:
            return None
        topic = key[: marker.start()]
        spans = [(m.start(), m.end(), name) for k, name in self._by_key.items() if k
                 for m in re.finditer(re.escape(k), topic)]
        heads = [(start, name) for start, end, name in spans
                 if not any(s <= start and end <= e and e - s > end - start for s, e, _ in spans)]
        return max(heads)[1] if heads else None

    def _reference(self, text: str) -> str | None:
        found = resolve_role_reference(normalize_name(text), self.names, self._target_groups)
        return found if found in self.names else None


def _group_words(roles: Sequence[Role]) -> dict[str, str]:
    """Keys of the words naming a group → the role drawn from it: each role's target
    group, and the `GROUP_WORDS` of a canonical kind the document has one role of."""
    groups: dict[str, list[str]] = {}
    for role in roles:
        if role.target_group:
            groups.setdefault(role_key(role.target_group), []).append(role.name)
    for canonical, words in GROUP_WORDS.items():
        of_kind = [r.name for r in roles if r.canonical == canonical]
        if len(of_kind) == 1:
            for word in words:
                groups.setdefault(role_key(word), []).extend(of_kind)
    return {key: names[0] for key, names in groups.items() if len(set(names)) == 1}
