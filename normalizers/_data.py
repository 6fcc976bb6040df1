"""Access to the vocabularies in ``normalizers/data/`` (YAML, read once per process)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

DATA_PACKAGE = "jinzai.normalizers"


@cache
def load_yaml(name: str) -> Any:
    """Parsed content of ``data/<name>``; cached, so callers must not mutate it."""
    text = resources.files(DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
