"""Benchmark of jinzai.normalizers over the sample corpus.

Reads every PDF in data/raw (or the folders/files given) with PyMuPDF, line by line, and
prints: lines, characters, seconds and lines/s for normalize_text; SudachiPy
normalized_form throughput; GiNZA load time and sentences/s for goal sentence detection.

usage: .venv/bin/python bench/normalize_bench.py [PDF or folder ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pymupdf

from jinzai.normalizers import terms
from jinzai.normalizers.text import normalize_name, normalize_text

DEFAULT_INPUT = Path(__file__).resolve().parent.parent / "data" / "raw"


def pdf_paths(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [DEFAULT_INPUT]
    return sorted(p for root in roots for p in ([root] if root.is_file() else root.rglob("*.pdf")))


def corpus_lines(paths: list[Path]) -> tuple[list[str], list[str]]:
    """(text lines, page texts) of every page, in reading order."""
    lines: list[str] = []
    pages: list[str] = []
    for path in paths:
        with pymupdf.open(path) as doc:
            for page in doc:
                text = page.get_text()
                pages.append(text)
                lines.extend(line for line in text.split("\n") if line.strip())
    return lines, pages


def timed(label: str, count: int, unit: str, seconds: float) -> None:
    rate = count / seconds if seconds else float("inf")
    print(f"{label:<42} {count:>8} {unit:<10} {seconds:8.3f} s {rate:12,.0f} {unit}/s")


def main(argv: list[str]) -> int:
    paths = pdf_paths(argv)
    started = time.perf_counter()
    lines, pages = corpus_lines(paths)
    read = time.perf_counter() - started
    chars = sum(len(line) for line in lines)
    print(f"{len(paths)} PDFs, {len(pages)} pages, {len(lines)} lines, {chars} characters "
          f"(read with PyMuPDF in {read:.3f} s)")

    normalize_text.cache_clear()
    t = time.perf_counter()
    for line in lines:
        normalize_text(line)
    timed("normalize_text (cold cache)", len(lines), "lines", time.perf_counter() - t)
    timed("normalize_text (cold cache)", chars, "chars", time.perf_counter() - t)
    t = time.perf_counter()
    for line in lines:
        normalize_text(line)
    timed("normalize_text (warm cache)", len(lines), "lines", time.perf_counter() - t)
    normalize_name.cache_clear()
    normalize_text.cache_clear()
    t = time.perf_counter()
    for line in lines:
        normalize_name(line)
    timed("normalize_name (cold cache)", len(lines), "lines", time.perf_counter() - t)
    t = time.perf_counter()
    for page in pages:
        normalize_text(page)
    timed("normalize_text on whole pages", len(pages), "pages", time.perf_counter() - t)

    t = time.perf_counter()
    terms.sudachi_tokenizer()
    timed("Sudachi load (+ user dictionary)", 1, "load", time.perf_counter() - t)
    terms.normalized_form.cache_clear()
    t = time.perf_counter()
    for line in lines:
        terms.normalized_form(line)
    timed("Sudachi normalized_form (cold cache)", len(lines), "lines", time.perf_counter() - t)

    t = time.perf_counter()
    terms.ginza()
    timed("GiNZA load (spacy.load ja_ginza)", 1, "load", time.perf_counter() - t)
    sentences = [s for page in pages for s in terms._sentences(page)]
    t = time.perf_counter()
    docs = list(terms.ginza().pipe(sentences))
    timed("GiNZA parse, all sentences", len(docs), "sentences", time.perf_counter() - t)
    t = time.perf_counter()
    goals = [g for page in pages for g in terms.goal_sentences(page)]
    timed("goal_sentences over all pages", len(sentences), "sentences", time.perf_counter() - t)
    print(f"goal sentences found: {len(goals)}")
    t = time.perf_counter()
    orgs = [o for page in pages for o in terms.find_organizations(page)]
    timed("find_organizations over all pages", len(pages), "pages", time.perf_counter() - t)
    print(f"organization mentions found: {len(orgs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
