"""Start-up: how long the commands that should answer at once take, and what they import.

Each command runs `repeats` times as a subprocess (median wall and CPU reported), then
once more under `python -X importtime` for the modules that cost most to import.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, console
from bench.measure import cli_env, jinzai_command

TOP_IMPORTS = 8


def commands(corpus_out: Path) -> dict[str, list[str]]:
    """{label: jinzai arguments}; `corpus_out` is a corpus the query runs on."""
    return {
        "jinzai --help": ["--help"],
        'jinzai query "select 1"': ["query", "select 1", "--out", str(corpus_out)],
    }


def timed(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall and CPU seconds (user + system, children included) of one run."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall_s": wall, "cpu_s": cpu}


def slowest_imports(argv: list[str], env: dict[str, str]) -> list[dict[str, Any]]:
    """The top-level imports of one run that cost most, by cumulative import time."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], env=env, cwd=REPO, capture_output=True,
                          text=True)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        if name.startswith(" ") and not name.startswith("  "):  # one space: imported by the program itself
            rows.append({"module": name.strip(), "ms": int(parts[1]) / 1000})
    return sorted(rows, key=lambda r: -r["ms"])[:TOP_IMPORTS]


def bench_startup(corpus_out: Path, home: Path, repeats: int) -> list[dict[str, Any]]:
    env = cli_env(home)
    script = str(jinzai_command())
    rows = []
    for label, args in commands(corpus_out).items():
        console.print(f"  [dim]{label} ×{repeats}[/dim]")
        load = os.getloadavg()[0]
        runs = [timed([script, *args], env) for _ in range(repeats)]
        rows.append({"label": label, "runs": runs, "load_at_start": load,
                     "wall_s": statistics.median(r["wall_s"] for r in runs),
                     "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                     "imports": slowest_imports([script, *args], env)})
    return rows
