"""Corpus locations: a local folder or an fsspec URL, told apart without importing fsspec."""

from __future__ import annotations

from pathlib import Path

Location = str | Path
"""A corpus folder: a local path or an fsspec URL."""


def local_path(location: Location) -> Path | None:
    """The folder of a local location (a path or a file:// URL); None for any other URL."""
    text = str(location)
    if text.startswith("file://"):
        return Path(text.removeprefix("file://"))
    return None if "://" in text else Path(text)
