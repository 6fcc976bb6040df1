"""Pathological inputs (issue 12): `python bench/pathological.py [--pages 2000] [--json PATH]`.

Builds each file of the pathological set (tests/pathological.py), ingests it alone with
the default per-file limits (worker processes, as `jinzai ingest` runs them) and prints
how it ended — a document or a failure row — and how long it took:

* a text PDF of `--pages` pages without 。 (one "sentence" as long as the document),
* a goal section of 480 numbers on 4 pages without 。,
* a page whose text sits inside 100 nested form XObjects,
* a page of 58,000 spans,
* a page with a 20000×20000 image,
* a worker killed (SIGKILL) while it reads a long file, beside a small sample that must land.

Wall times move with the machine's load (printed); the extraction column is the
worker's own time for the file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import pathological  # noqa: E402  (the builders the tests use)

from jinzai.pipeline.executor import Limits  # noqa: E402
from jinzai.pipeline.ingest import IngestReport, ingest_paths  # noqa: E402

SAMPLE = REPO / "data" / "raw" / "kunisaki.pdf"
KILL_AFTER_SECONDS = 2.0


def cases(pages: int) -> dict[str, Callable[[Path], Path]]:
    return {
        f"text, {pages} pages, no 。": lambda p: pathological.long_text(p, pages),
        "480 goal numbers, no 。": pathological.many_numbers,
        "100 nested form XObjects": pathological.nested_forms,
        "58,000 spans on a page": pathological.many_spans,
        "20000×20000 image": pathological.huge_image,
    }


def ingest_alone(pdf: Path, out: Path) -> tuple[IngestReport, float]:
    started = time.perf_counter()
    report = ingest_paths([pdf], out)
    return report, time.perf_counter() - started


def kill_worker_reading(path: Path, after: float) -> threading.Thread:
    """A thread that SIGKILLs the worker process that has `path` open, `after` seconds in."""
    def kill() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            for process in psutil.Process().children(recursive=True):
                try:
                    if any(f.path == str(path) for f in process.open_files()):
                        time.sleep(after)
                        process.kill()
                        return
                except psutil.Error:
                    continue
            time.sleep(0.05)

    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    return thread


def row(name: str, report: IngestReport, wall: float, size: int) -> dict:
    outcomes = [{"source": Path(o.source).name, "status": o.status, "error_kind": o.error_kind,
                 "pages": o.pages, "extraction_s": round(o.seconds, 2), "warnings": len(o.warnings)}
                for o in report.outcomes]
    return {"case": name, "bytes": size, "wall_s": round(wall, 2), "outcomes": outcomes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="pages of the long text PDF")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    limits = Limits.from_env()
    print(f"per-file limits: {limits.seconds:g} s, {limits.memory_mb} MB; cores {os.cpu_count()}; "
          f"load {os.getloadavg()[0]:.1f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="jinzai-pathological-") as tmp:
        work = Path(tmp)
        for index, (name, build) in enumerate(cases(args.pages).items()):
            started = time.perf_counter()
            pdf = build(work / f"case{index}.pdf")
            built = time.perf_counter() - started
            report, wall = ingest_alone(pdf, work / f"out{index}")
            rows.append(row(name, report, wall, pdf.stat().st_size) | {"build_s": round(built, 1)})
        long_file = pathological.long_text(work / "killed.pdf", 300)
        killer = kill_worker_reading(long_file, KILL_AFTER_SECONDS)
        started = time.perf_counter()
        report = ingest_paths([long_file, SAMPLE], work / "out-killed")
        killer.join(timeout=5)
        rows.append(row("worker killed mid-file (+ a sample)", report, time.perf_counter() - started,
                        long_file.stat().st_size))
    print(f"{'case':40} {'status':28} {'pages':>6} {'extract s':>10} {'wall s':>8}")
    for r in rows:
        for o in r["outcomes"]:
            status = o["status"] + (f" ({o['error_kind']})" if o["error_kind"] else "") + \
                (f", {o['warnings']} warnings" if o["warnings"] else "")
            print(f"{r['case'][:40]:40} {status:28} {o['pages']:>6} {o['extraction_s']:>10.2f} {r['wall_s']:>8.2f}")
    print(f"load at end {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
