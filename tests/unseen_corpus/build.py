"""Regenerate the unseen-corpus PDFs from their HTML sources (tests/unseen_corpus/src/*.html).

Each source imitates one producer's habits (designed web page, slide deck, Word report,
spreadsheet print); headless Chromium prints it. Needs Japanese fonts
(`apt-get install -y fonts-ipaexfont-gothic fonts-ipaexfont-mincho`) and /usr/bin/chromium.

    .venv/bin/python tests/unseen_corpus/build.py [stem ...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
MAX_BYTES = 300_000


def print_to_pdf(html: Path, pdf: Path) -> None:
    """Print one HTML file to PDF with headless Chromium (no header/footer lines)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", html.as_uri()],
            check=True, capture_output=True)
    if pdf.stat().st_size > MAX_BYTES:
        raise SystemExit(f"{pdf.name}: {pdf.stat().st_size} bytes, over {MAX_BYTES}; use fewer fonts or pages")


def main(stems: list[str]) -> None:
    sources = sorted((HERE / "src").glob("*.html"))
    for html in sources:
        if stems and html.stem not in stems:
            continue
        pdf = HERE / f"{html.stem}.pdf"
        print_to_pdf(html, pdf)
        print(f"{pdf.name}: {pdf.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
