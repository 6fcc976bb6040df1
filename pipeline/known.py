"""What the corpus already holds, by content: which sha256 is a document, which one failed.

Planning asks this of every input. Read from the store it needs pyarrow,
pydantic and a Parquet file per document — several times what a re-run with
nothing new should cost — so a local corpus also keeps it in
``DIR/_state/known.json``, together with a listing (name, size, mtime) of the
``documents`` and ``failures`` folders it was read from. The file is used only
while that listing still matches, so any write to those folders (by jinzai or
anyone else) makes the next plan read the store again; it is a cache, never a
second source of truth.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinzai.pipeline.location import Location, local_path

if TYPE_CHECKING:
    from jinzai.pipeline.store import Store

INDEX_FILE = ("_state", "known.json")
LISTED_TABLES = ("documents", "failures")
_VERSION = 2


@dataclass(frozen=True)
class KnownDocument:
    source_id: str
    source: str
    aliases: tuple[str, ...] = ()  # other paths the same bytes were given under


@dataclass(frozen=True)
class KnownFailure:
    source: str
    error_kind: str


@dataclass
class KnownContent:
    """{sha256: what the corpus holds for that content}."""

    documents: dict[str, KnownDocument] = field(default_factory=dict)
    failures: dict[str, KnownFailure] = field(default_factory=dict)


def known_content(corpus: Location) -> KnownContent:
    """What the corpus at `corpus` holds: from its index while valid, else from the store (and re-indexed)."""
    root = local_path(corpus)
    if root is not None:
        cached = _read_index(root)
        if cached is not None:
            return cached
        if not _listing(root):  # a new or empty corpus: nothing to read
            return KnownContent()
    return reindex(corpus)


def reindex(corpus: Location | Store) -> KnownContent:
    """Read documents and failures from the store and, for a local corpus, rewrite the index."""
    from jinzai.pipeline.store import Store

    store = corpus if isinstance(corpus, Store) else Store(corpus)
    listing = _listing(Path(store.root)) if store.is_local else None
    known = KnownContent(
        documents={d.sha256: KnownDocument(d.source_id, d.source, tuple(d.aliases)) for d in store.documents()},
        failures={f.sha256: KnownFailure(f.source, f.error_kind) for f in store.failures() if f.sha256},
    )
    if listing is not None:
        _write_index(Path(store.root), listing, known)
    return known


def _listing(root: Path) -> list[list]:
    """(table, name, size, mtime_ns) of every data file the index depends on."""
    rows = []
    for table in LISTED_TABLES:
        try:
            entries = list(os.scandir(root / table))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.name.endswith(".parquet") and not entry.name.startswith(("_", ".")):
                stat = entry.stat()
                rows.append([table, entry.name, stat.st_size, stat.st_mtime_ns])
    return sorted(rows)


def _read_index(root: Path) -> KnownContent | None:
    try:
        data = json.loads(root.joinpath(*INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("version") != _VERSION or data.get("listing") != _listing(root):
        return None
    return KnownContent(
        documents={sha: KnownDocument(source_id, source, tuple(aliases))
                   for sha, (source_id, source, aliases) in data["documents"].items()},
        failures={sha: KnownFailure(*value) for sha, value in data["failures"].items()},
    )


def _write_index(root: Path, listing: list[list], known: KnownContent) -> None:
    path = root.joinpath(*INDEX_FILE)
    data = {
        "version": _VERSION,
        "listing": listing,
        "documents": {sha: [d.source_id, d.source, list(d.aliases)] for sha, d in known.documents.items()},
        "failures": {sha: [f.source, f.error_kind] for sha, f in known.failures.items()},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only corpus still plans correctly, from the store every time
