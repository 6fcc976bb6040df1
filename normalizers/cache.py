"""Where jinzai keeps what it derives once per machine (compiled dictionaries, indexes)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/jinzai`, or `~/.cache/jinzai`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jinzai"


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache file so that a concurrent reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
