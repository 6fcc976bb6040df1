"""Unreadable inputs, built by the tests themselves from a sample PDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "kunisaki.pdf"


def not_a_pdf(folder: Path) -> Path:
    path = folder / "error_page.pdf"
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    return path


def zero_bytes(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def truncated(folder: Path) -> Path:
    """The first half of a real PDF, as an interrupted download leaves it."""
    data = SAMPLE.read_bytes()
    path = folder / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt(folder: Path) -> Path:
    """A PDF header and trailer around bytes that are no PDF objects."""
    path = folder / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return path


def encrypted(folder: Path) -> Path:
    path = folder / "encrypted.pdf"
    with pymupdf.open(SAMPLE) as doc:
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner-secret")
    return path


def scanned(folder: Path) -> Path:
    """A scanned page with nothing printed on it: an image and no text layer, in which
    OCR finds no text either (a legible scan is read: tests/test_ocr.py)."""
    path = folder / "scanned.pdf"
    with pymupdf.open() as scan:
        page = scan.new_page(width=595, height=842)
        blank = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 283), False)
        blank.clear_with(236)  # the grey of copier paper
        page.insert_image(page.rect, pixmap=blank)
        scan.save(path)
    return path


BUILDERS = {
    "not_pdf": not_a_pdf,
    "empty": zero_bytes,
    "corrupt": corrupt,
    "truncated": truncated,
    "encrypted": encrypted,
    "no_text": scanned,
}
"""{name of the case: builder}; every case but `truncated` is also its error_kind."""

EXPECTED_KIND = {name: ("corrupt" if name == "truncated" else name) for name in BUILDERS}
