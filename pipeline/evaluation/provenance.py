"""Provenance: whether an output record's text is printed on the PDF page it cites."""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinzai.pipeline.evaluation.compare import as_int, norm
from jinzai.pipeline.evaluation.tables import Row


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageText:
    """A page's normalized text, whole and without page-number lines at its ends."""

    whole: str
    body: str


# A line that is only a page number: "3", "- 3 -", "3 / 9".
PAGE_NUMBER_LINE = re.compile(r"\s*[-－‐–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-－‐–—]?\s*")


def page_body(text: str) -> str:
    """Page text without page-number lines at its start and end, for joining pages."""
    lines = text.splitlines()
    while lines and (not lines[0].strip() or PAGE_NUMBER_LINE.fullmatch(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1].strip() or PAGE_NUMBER_LINE.fullmatch(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def _file_key(path: Path) -> tuple[str, int, int] | None:
    """(path, mtime, size): a cache key that changes when the file does."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size) if path.is_file() else None


def pdf_pages(path: Path) -> tuple[PageText, ...] | None:
    """Normalized page texts of a PDF; None when it is missing or unreadable."""
    key = _file_key(path)
    return None if key is None else _read_pages(*key)


@functools.lru_cache(maxsize=32)
def _read_pages(path: str, mtime_ns: int, size: int) -> tuple[PageText, ...] | None:
    from jinzai.extractors.pdf_library import pymupdf  # only needed for provenance

    try:
        with pymupdf.open(path) as doc:
            texts = [page.get_text() for page in doc]
    except Exception as e:  # noqa: BLE001 - any unreadable PDF only costs its provenance
        log.warning("cannot read %s: %s", path, e)
        return None
    return tuple(PageText(norm(text), norm(page_body(text))) for text in texts)


def file_sha256(path: Path) -> str | None:
    key = _file_key(path)
    return None if key is None else _sha256(*key)


@functools.lru_cache(maxsize=64)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def found_on_page(text: str, pages: Sequence[PageText], page: object) -> bool:
    """Whether text is printed on the 1-based page, or starts there and runs over
    the page break into the next page (page numbers at the break ignored)."""
    number = as_int(page)
    if not text or not isinstance(number, int) or not 1 <= number <= len(pages):
        return False
    if text in pages[number - 1].whole:
        return True
    if number == len(pages):
        return False
    # only the next page's first len(text)-1 characters, so that a match starts on this page
    return text in pages[number - 1].body + pages[number].body[:len(text) - 1]


PROVENANCE_FIELD = {"roles": "name", "skills": "name", "trainings": "name",
                    "targets": "text_raw", "levels": "label", "cases": "municipality"}


def provenance_text(table: str, record: Row) -> str:
    """The normalized text of an output record that must be printed on its page."""
    text = norm(record.get(PROVENANCE_FIELD[table]))
    return text[:20] if table == "targets" else text
