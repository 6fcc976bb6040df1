"""The Tesseract program: whether it is installed, and the words with their boxes and
confidences that its TSV output gives for an image."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from PIL import Image

from jinzai.extractors.ocr.settings import OcrSettings, SETTINGS, TesseractError


@cache
def tesseract_ready(language: str = SETTINGS.language) -> bool:
    """Whether the `tesseract` program and its `language` data are installed."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return language in listed.stdout.split()


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    confidence: float  # 0–1
    line_key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)


def tesseract_words(ink: np.ndarray, settings: OcrSettings) -> list[Word]:
    buffer = io.BytesIO()
    Image.fromarray(~ink).convert("1").save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page; pages run side by side
    command = ["tesseract", "stdin", "stdout", "-l", settings.language, "--dpi", str(settings.dpi),
               "--psm", settings.page_segmentation, "tsv"]
    try:
        done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, env=env, check=False,
                              timeout=settings.timeout_seconds)
    except subprocess.TimeoutExpired as error:
        raise TesseractError(f"no answer within {settings.timeout_seconds:.0f} s") from error
    except OSError as error:  # the program vanished or cannot be run
        raise TesseractError(f"cannot run tesseract ({error})") from error
    if done.returncode != 0:
        said = [line for line in done.stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
        raise TesseractError(f"exit status {done.returncode}" + (": " + "; ".join(said[-3:]) if said else ""))
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(v) for v in cells[6:10])
        words.append(Word(text=cells[11], box=(left, top, left + width, top + height),
                          confidence=max(0.0, float(cells[10])) / 100.0,
                          line_key=(int(cells[2]), int(cells[3]), int(cells[4]))))
    return words
