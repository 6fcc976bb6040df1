"""Scanned copies of PDFs, as a copier makes them: each page an image, no text layer.

Pages are rendered in grey at a scanner's resolution, tinted like paper, sprinkled
with sensor noise and turned by a slight skew, then saved as an image-only PDF of
the original page size. The randomness is seeded, so a test sees the same scan
every run.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image

PAPER_TONE = 236  # the grey of recycled paper under a copier's lamp (white = 255)
INK_TONE = 28  # toner is not quite black
NOISE_SIGMA = 9.0  # grey levels of sensor noise
MAX_SKEW_DEGREES = 0.6


def scan_pdf(source: Path, dest: Path, *, dpi: int = 200, pages: Iterable[int] | None = None,
             seed: int = 0) -> Path:
    """Write an image-only scan of `source` (its 1-based `pages`, all when None) to `dest`."""
    rng = np.random.default_rng(seed)
    scanned = pymupdf.open()
    with pymupdf.open(source) as original:
        numbers = list(pages) if pages is not None else range(1, original.page_count + 1)
        for number in numbers:
            page = original[number - 1]
            image = _scanned_image(page, dpi, rng)
            out = scanned.new_page(width=page.rect.width, height=page.rect.height)
            out.insert_image(out.rect, stream=image)
    scanned.save(dest, deflate=True)
    scanned.close()
    return dest


def _scanned_image(page: pymupdf.Page, dpi: int, rng: np.random.Generator) -> bytes:
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    grey = np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.width).astype(np.float32)
    toned = INK_TONE + grey * (PAPER_TONE - INK_TONE) / 255.0
    noisy = toned + rng.normal(0.0, NOISE_SIGMA, toned.shape)
    image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), mode="L")
    skew = float(rng.uniform(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES))
    image = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=PAPER_TONE)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, dpi=(dpi, dpi))  # copiers send JPEG
    return buffer.getvalue()
