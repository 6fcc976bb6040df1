"""Reference points: the floor (PyMuPDF `get_text()`) and the peer (pdfplumber `extract_tables()`),
each over every page of the corpus in its own fresh interpreter.

The peer pass takes several times longer than everything `--quick` measures of jinzai, so a
quick run reuses the references of an earlier run on the same corpus (same bytes) from
the last `REUSE_HOURS` hours, and says so; a full run always measures them afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import RESULTS_DIR, console
from bench.measure import Clock, in_fresh_process, own_peak_rss_mb

FLOOR_REPEATS = 3
REUSE_HOURS = 24
CACHE_FILE = RESULTS_DIR / "references.json"


def floor_pass(data: str, repeats: int = FLOOR_REPEATS) -> dict[str, Any]:
    """PyMuPDF plain text of every page, nothing else (best of a few passes: it is quick)."""
    import pymupdf

    best: dict[str, Any] = {}
    for _ in range(repeats):
        clock = Clock()
        pages = 0
        for path in sorted(Path(data).rglob("*.pdf")):
            with pymupdf.open(path) as doc:
                for page in doc:
                    page.get_text()
                    pages += 1
        if not best or clock.cpu_s() < best["cpu_s"]:
            best = {**clock.read(), "pages": pages}
    return {**best, "repeats": repeats, "peak_rss_mb": own_peak_rss_mb()}


def peer_pass(data: str) -> dict[str, Any]:
    """pdfplumber's own table extraction of every page, nothing else."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a font warning per page otherwise

    clock = Clock()
    pages = tables = 0
    for path in sorted(Path(data).rglob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                tables += len(page.extract_tables())
                pages += 1
                page.close()
    return {**clock.read(), "pages": pages, "tables": tables, "peak_rss_mb": own_peak_rss_mb()}



def bench_reference(data: Path, *, floor_repeats: int = FLOOR_REPEATS, reuse: bool = False) -> dict[str, Any]:
    key = corpus_key(data)
    if reuse and (cached := _cached(key)):
        console.print(f"  [dim]reusing the references measured {cached['measured_at']} on this corpus[/dim]")
        return cached
    console.print("  [dim]floor: PyMuPDF get_text() per page[/dim]")
    floor = in_fresh_process(floor_pass, str(data), floor_repeats)
    console.print("  [dim]peer: pdfplumber extract_tables() per page[/dim]")
    load = os.getloadavg()[0]
    peer = in_fresh_process(peer_pass, str(data))
    result = {"floor": floor, "peer": {**peer, "load_at_start": load},
              "measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "reused": False}
    _store(key, result)
    return result


def corpus_key(data: Path) -> str:
    """The corpus by content: every PDF's name and bytes."""
    digest = hashlib.sha256()
    for path in sorted(data.rglob("*.pdf")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _cached(key: str) -> dict[str, Any] | None:
    try:
        entry = json.loads(CACHE_FILE.read_text(encoding="utf-8"))[key]
    except (OSError, ValueError, KeyError):
        return None
    age = datetime.now(UTC) - datetime.fromisoformat(entry["measured_at"])
    return {**entry, "reused": True} if age < timedelta(hours=REUSE_HOURS) else None


def _store(key: str, result: dict[str, Any]) -> None:
    try:
        cache = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
    CACHE_FILE.write_text(json.dumps({**cache, key: result}, indent=1) + "\n", encoding="utf-8")
