"""The benchmark's inputs and what an ingest left behind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Corpus:
    folder: Path
    files: int
    pages: int
    bytes: int


def describe_corpus(folder: Path) -> Corpus:
    import pymupdf

    pdfs = sorted(folder.rglob("*.pdf"))
    pages = 0
    for path in pdfs:
        with pymupdf.open(path) as doc:
            pages += doc.page_count
    return Corpus(folder, len(pdfs), pages, sum(p.stat().st_size for p in pdfs))


def replicate(source: Path, target: Path, copies: int) -> Corpus:
    """`copies` copies of every PDF; each copy after the first ends with its own PDF comment line.

    A comment after %%EOF changes the bytes (so the content hash, so nothing is skipped as
    unchanged) and nothing else: readers ignore it and %%EOF stays within the last 1 KiB.
    """
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*.pdf")):
        data = path.read_bytes()
        for k in range(copies):
            suffix = b"" if k == 0 else f"\n% jinzai bench copy {k}\n".encode()
            (target / f"{path.stem}__copy{k:02d}.pdf").write_bytes(data + suffix)
    return describe_corpus(target)


def store_summary(out: Path) -> dict[str, int]:
    """What an ingest left in a corpus folder: documents, their pages, failures."""
    from jinzai.pipeline.store import Store

    store = Store(out)
    documents = store.documents()
    return {"documents": len(documents), "pages": sum(d.pages for d in documents), "failures": len(store.failures())}


def store_state(out: Path) -> dict[str, int]:
    """Every Parquet file of a corpus folder with its modification time (ns)."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.parquet")}

