"""jinzai benchmark: `python bench/run.py [--quick] [--sizes 1,4,16] [--repeats N] [--json PATH]`.

What it measures, on this machine, in one run (each section is a module of this folder):

* reference — the floor (PyMuPDF `get_text()`) and the peer (pdfplumber `extract_tables()`)
              over every page: the yardsticks (`reference.py`);
* cli       — `jinzai ingest DATA` exactly as a user runs it: cold on a fresh home, cold on a
              warm one, unchanged, with a known-bad file (`ingest.py`);
* startup   — `jinzai --help` and `jinzai query "select 1"`, and what they import (`startup.py`);
* flow      — Prefect's API server alone, and the cold ingest as a flow run reporting to it
              (what `PREFECT_API_URL` gets) (`ingest.py`);
* stages    — the in-process pipeline timed and profiled by stage (`stages.py`);
* refresh   — the scheduled refresh flow, first run and unchanged re-run (`refresh.py`);
* scaling   — the corpus replicated ×N (`ingest.py`).

Wall times are compared with references measured in the same run, next to the load
average (`measure.py` samples each process tree for CPU and peak memory). `--quick`
runs reference, cli and startup once each, in under a minute (reusing the references of
a run on the same corpus from the last day). Results are printed
(`report.py`) and written as JSON (default bench/results/<UTC timestamp>.json).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench` as a package when run as a script

from bench.common import DEFAULT_DATA, RESULTS_DIR, console  # noqa: E402
from bench.corpus import describe_corpus, replicate  # noqa: E402,F401  (replicate: used by tests)
from bench.ingest import bench_cli, bench_flow_mode, bench_scaling  # noqa: E402
from bench.measure import run_measured  # noqa: E402,F401  (used by tests)
from bench.reference import FLOOR_REPEATS, bench_reference  # noqa: E402
from bench.refresh import bench_refresh  # noqa: E402
from bench.report import check_duration, check_targets, machine, print_report, ratios  # noqa: E402
from bench.stages import bench_stages  # noqa: E402
from bench.startup import bench_startup  # noqa: E402

SECTIONS = ("reference", "cli", "startup", "flow", "stages", "refresh", "scaling")
QUICK_SECTIONS = ("reference", "cli", "startup")
DEFAULT_SIZES = (1, 4, 16)
DEFAULT_REPEATS = 3
STARTUP_REPEATS = 5


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of sample PDFs (default data/raw)")
    parser.add_argument("--quick", action="store_true",
                        help=f"only {', '.join(QUICK_SECTIONS)}, each cold run once (under a minute)")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="replication factors for scaling (default 1,4,16)")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS,
                        help="cold runs on a warm home, medians reported (default 3; 1 with --quick)")
    parser.add_argument("--only", help=f"comma-separated sections to run, of {', '.join(SECTIONS)} (default all)")
    parser.add_argument("--fresh-reference", action="store_true",
                        help="with --quick, measure the references even when an earlier run's can be reused")
    parser.add_argument("--json", type=Path, help="where to write the results (default bench/results/<UTC>.json)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (corpora, outputs)")
    args = parser.parse_args(argv)
    chosen = args.only or ",".join(QUICK_SECTIONS if args.quick else SECTIONS)
    args.sections = [s.strip() for s in chosen.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if args.quick:
        args.repeats = 1
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if any(n < 1 for n in args.sizes) or args.repeats < 1:
        parser.error("--sizes and --repeats must be 1 or more")
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    data = args.data.resolve()
    corpus = describe_corpus(data)
    if not corpus.files:
        raise SystemExit(f"no PDF files under {data}")
    started = datetime.now(UTC)
    results: dict[str, Any] = {"started_at": started.isoformat(), "machine": machine(),
                               "corpus": {**asdict(corpus), "folder": str(corpus.folder)},
                               "sections": args.sections, "sizes": args.sizes, "quick": args.quick}
    work = Path(tempfile.mkdtemp(prefix="jinzai-bench-"))
    try:
        if "reference" in args.sections:
            console.print("[bold]reference points[/bold]")
            results["reference"] = bench_reference(data, floor_repeats=1 if args.quick else FLOOR_REPEATS,
                                                   reuse=args.quick and not args.fresh_reference)
        if "cli" in args.sections:
            console.print("[bold]whole jinzai ingest[/bold]")
            results["cli"] = bench_cli(data, work, corpus, args.repeats)
        if "startup" in args.sections:
            console.print("[bold]start-up[/bold]")
            results["startup"] = bench_startup(_small_corpus(data, work), work / "home", STARTUP_REPEATS)
        if "flow" in args.sections:
            console.print("[bold]as a Prefect flow run[/bold]")
            results["flow"] = bench_flow_mode(data, work, corpus)
        if "stages" in args.sections:
            console.print("[bold]stages[/bold]")
            results["stages"] = bench_stages(data, work)
        if "refresh" in args.sections:
            console.print("[bold]scheduled refresh flow[/bold]")
            results["refresh"] = bench_refresh(data, work)
        if "scaling" in args.sections:
            console.print("[bold]scaling[/bold]")
            results["scaling"] = bench_scaling(data, work, args.sizes)
    finally:
        if args.keep:
            console.print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["ratios"] = ratios(results)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = (datetime.now(UTC) - started).total_seconds()
    results["targets"] = check_targets(results) + check_duration(results, args.quick)
    return results


def _small_corpus(data: Path, work: Path) -> Path:
    """A corpus for the query start-up: the cli section's output, else one ingested here."""
    out = work / "out-cold-warm-0"
    if not out.exists():
        from jinzai.pipeline.ingest import ingest_paths

        ingest_paths([data], out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    print_report(results)
    path = args.json or RESULTS_DIR / f"{results['started_at'][:19].replace(':', '')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    console.print(f"results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
