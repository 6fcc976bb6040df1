"""Source identity: which tracked document a newly extracted revision belongs to.

A source is what the document is, not what its file is called:
- a registry entry's id when the input came from the registry (`sources.yaml`);
- otherwise the issuing body (municipality code, else publisher) with the
  document's kind and title, read from the document itself;
- only when the document names neither a title nor a body, its file name
  (said so in a warning).

The file path is provenance (`documents.source`), never identity: two cities'
`houshin.pdf` are two sources, and one city's revised policy saved under a new
name is the next revision of its source. When the evidence disagrees (the same
path now reads as another document, or two files of one run read as the same
document) the decision is reported as a warning, never applied silently.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinzai.models import Document


REGISTRY_PREFIX = "registry:"
FILE_PREFIX = "file:"


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a new revision goes: its source, its revision number, the one it supersedes."""

    source_id: str
    identity: str
    revision: int
    previous: Document | None
    reason: str
    warnings: tuple[str, ...] = ()


def file_label(source: str) -> str:
    """A readable label from a file name or URL: its stem, spaces as underscores."""
    stem = PurePath(source.rstrip("/").rsplit("/", 1)[-1]).stem
    return re.sub(r"\s+", "_", stem.strip()) or "document"


def identity_of(document: Document, registry_id: str | None) -> str:
    """The key revisions of one source share."""
    if registry_id:
        return REGISTRY_PREFIX + registry_id
    body = document.municipality_code or document.publisher or ""
    if not document.title and not body:
        return FILE_PREFIX + file_label(document.source)
    return "|".join((body, document.doc_kind, document.title or ""))


def resolve(document: Document, registry_id: str | None, known: Iterable[Document]) -> Resolution:
    """Decide the source of `document` against every revision already in the corpus."""
    known = list(known)
    identity = identity_of(document, registry_id)
    revisions = [d for d in known if _identity(d) == identity]
    warnings: list[str] = []
    if identity.startswith(FILE_PREFIX):
        warnings.append(f"{document.source}: no title or issuing body found, so the file name identifies it; "
                        "list it in sources.yaml with an id to track it reliably")
    if revisions:
        previous = max(revisions, key=lambda d: d.revision)
        current = next((d for d in revisions if d.is_current), previous)
        if current.ingested_at == document.ingested_at and current.source != document.source:
            warnings.append(f"{document.source} and {current.source} read as the same document "
                            f"({_describe(document)}); the later commit became the current revision — "
                            "check which edition is newer")
        revision = previous.revision + 1
        return Resolution(current.source_id, identity, revision, current,
                          f"revision {revision} of {current.source_id}", tuple(warnings))
    source_id = _new_source_id(document, registry_id, known)
    same_path = [d for d in known if d.is_current and document.source in (d.source, *d.aliases)]
    for other in same_path:
        warnings.append(f"{document.source} was source {other.source_id} ({_describe(other)}) but now reads as "
                        f"{_describe(document)}: kept as a new source {source_id}, {other.source_id} stays current; "
                        "give both the same id in sources.yaml if this is a revision")
    same_body_and_kind = [d for d in known if d.is_current and d not in same_path and not registry_id
                          and document.municipality_code and d.municipality_code == document.municipality_code
                          and d.doc_kind == document.doc_kind]
    for other in same_body_and_kind:
        warnings.append(f"{document.source} is a {document.doc_kind} of {document.municipality} like source "
                        f"{other.source_id}, under another title ({document.title!r}, not {other.title!r}): kept as "
                        f"a new source {source_id}; give both the same id in sources.yaml if this is a revision")
    return Resolution(source_id, identity, 1, None, "new", tuple(warnings))


def _identity(document: Document) -> str:
    if document.identity:
        return document.identity
    # Written before identities were stored: a source id that is the file's name was a local file.
    from_registry = document.source_id != file_label(document.source)
    return identity_of(document, document.source_id if from_registry else None)


def _describe(document: Document) -> str:
    body = document.municipality or document.publisher or "no issuing body"
    return f"{body}, {document.doc_kind}, {document.title or 'untitled'}"


def _new_source_id(document: Document, registry_id: str | None, known: list[Document]) -> str:
    """A readable, unused id: the registry id, or `<municipality code>-<file name>`."""
    if registry_id:
        return registry_id
    label = file_label(document.source)
    base = f"{document.municipality_code}-{label}" if document.municipality_code else label
    taken = {d.source_id for d in known}
    if base not in taken:
        return base
    digest = hashlib.sha256(identity_of(document, None).encode()).hexdigest()
    return f"{base}-{digest[:6]}"
