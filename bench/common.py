"""What every benchmark module shares: paths, units, the console."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "data" / "raw"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
MB = 1024 * 1024

console = Console(width=None if sys.stdout.isatty() else 170)
