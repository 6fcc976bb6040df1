"""Mutations of real PDFs for fuzzing (issue 12): byte flips, truncation, xref damage,
object duplication, garbage appended — each a hypothesis strategy over a PDF's bytes."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pymupdf
from hypothesis import strategies as st

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
EXCERPT_PAGES = 2  # mutants of short excerpts: hundreds of cases stay within the suite's time

_OBJECT = re.compile(rb"\d+ 0 obj.*?endobj", re.DOTALL)
_XREF_NUMBERS = re.compile(rb"(startxref\s+)(\d+)|(xref\s+)(\d+ \d+)")


@cache
def excerpts() -> tuple[bytes, ...]:
    """The first pages of every sample, saved as PDFs of their own (uncompressed object
    structure, so that mutations hit objects as well as streams)."""
    found = []
    for path in sorted(RAW.glob("*.pdf")):
        with pymupdf.open(path) as doc:
            doc.select(list(range(min(EXCERPT_PAGES, doc.page_count))))
            found.append(doc.tobytes(garbage=3, deflate=True))
    return tuple(found)


@st.composite
def flipped(draw: st.DrawFn, data: bytes) -> bytes:
    """A few bytes replaced anywhere."""
    mutant = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        mutant[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(mutant)


@st.composite
def truncated(draw: st.DrawFn, data: bytes) -> bytes:
    """Cut short, and maybe "ended" with a %%EOF marker as a broken download may be."""
    cut = data[: draw(st.integers(1, max(1, len(data) - 1)))]
    return cut + b"\n%%EOF\n" if draw(st.booleans()) else cut


@st.composite
def xref_damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The cross-reference offsets or table header replaced by other numbers."""
    def damage(match: re.Match[bytes]) -> bytes:
        prefix = match.group(1) or match.group(3)
        return prefix + str(draw(st.integers(0, 10 * len(data)))).encode()
    return _XREF_NUMBERS.sub(damage, data)


@st.composite
def object_duplicated(draw: st.DrawFn, data: bytes) -> bytes:
    """One object copied in front of another (same number twice, offsets shifted)."""
    objects = list(_OBJECT.finditer(data))
    if not objects:
        return data
    source, target = draw(st.sampled_from(objects)), draw(st.sampled_from(objects))
    return data[: target.start()] + source.group() + b"\n" + data[target.start():]


@st.composite
def garbage_appended(draw: st.DrawFn, data: bytes) -> bytes:
    """Bytes after %%EOF, as some web servers add them."""
    return data + draw(st.binary(min_size=1, max_size=4096))


MUTATIONS = (flipped, truncated, xref_damaged, object_duplicated, garbage_appended)


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    """One sample excerpt, mutated once or twice."""
    data = draw(st.sampled_from(excerpts()))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=2)):
        data = draw(mutation(data))
    return data
