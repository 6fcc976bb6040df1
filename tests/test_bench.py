"""Smoke test of the benchmark: its cheapest sections on one small sample PDF.

Runs `bench/run.py --only reference,stages` (no Prefect, no subprocess ingest) and
checks the JSON it writes. No timing is asserted: only that every figure exists, is
positive where it must be, and that the stage shares add up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SMALL_PDF = REPO / "data" / "raw" / "kunisaki.pdf"  # 8 pages: the smallest sample

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench_json(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("bench")
    data = work / "data"
    data.mkdir()
    shutil.copy(SMALL_PDF, data / SMALL_PDF.name)
    out = work / "results.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--data", str(data), "--only", "reference,stages",
         "--json", str(out)],
        capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_writes_machine_and_corpus(bench_json: dict) -> None:
    assert bench_json["machine"]["cpu_count"] >= 1
    assert len(bench_json["machine"]["load_average_start"]) == 3
    assert bench_json["corpus"]["files"] == 1
    assert bench_json["corpus"]["pages"] == 8
    assert bench_json["sections"] == ["reference", "stages"]
    assert "cli" not in bench_json and "scaling" not in bench_json


def test_reference_points_read_every_page(bench_json: dict) -> None:
    for key in ("floor", "peer"):
        reference = bench_json["reference"][key]
        assert reference["pages"] == 8
        assert reference["seconds"] > 0 and reference["cpu_s"] > 0
        assert reference["peak_rss_mb"] > 0
    assert bench_json["reference"]["peer"]["tables"] > 0  # kunisaki prints ruled tables


def test_stage_breakdown_covers_the_profiled_time(bench_json: dict) -> None:
    stages = bench_json["stages"]
    assert stages["plain"]["pages"] == 8
    assert stages["plain"]["failed"] == 0
    assert stages["plain"]["seconds"] > 0
    assert stages["profiled"]["profiled_s"] > 0
    names = {row["stage"] for row in stages["stages"]}
    assert {"PDF open/layout", "table extraction", "text/prose extraction", "normalization", "validation",
            "Parquet write"} <= names
    assert sum(row["share"] for row in stages["stages"]) == pytest.approx(1.0, abs=1e-6)
    assert all(row["share"] >= 0 for row in stages["stages"])
    shares = {row["stage"]: row["share"] for row in stages["stages"]}
    assert shares["PDF open/layout"] > 0 and shares["Parquet write"] > 0
    assert stages["profiled"]["top_self"] and stages["profiled"]["top_jinzai_cumulative"]
    assert all(row["module"].startswith("jinzai.") for row in stages["profiled"]["top_jinzai_cumulative"])


def test_ratios_and_targets(bench_json: dict) -> None:
    ratios = bench_json["ratios"]
    assert ratios["to_floor"] > 0 and ratios["to_peer"] > 0
    assert ratios["jinzai_ms_per_page"] == pytest.approx(1000 * bench_json["stages"]["plain"]["cpu_s"] / 8)
    assert ratios["jinzai_ms_per_page_wall"] == pytest.approx(1000 * bench_json["stages"]["plain"]["seconds"] / 8)
    (target,) = bench_json["targets"]  # only the ratio target applies to these sections
    assert target["limit"] == 3.0 and target["measured"] == pytest.approx(ratios["to_peer"])


def _bench_module():
    """bench/run.py as a module, loaded the way `python bench/run.py` runs it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("jinzai_bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_replicated_copies_are_new_inputs_that_still_open(tmp_path: Path) -> None:
    import hashlib

    import pymupdf
    from jinzai.extractors.layout import check_pdf_bytes
    from jinzai.pipeline.ingest import plan_paths
    from jinzai.pipeline.store import Store

    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(SMALL_PDF, source / SMALL_PDF.name)
    corpus = _bench_module().replicate(source, tmp_path / "x3", 3)
    copies = sorted((tmp_path / "x3").glob("*.pdf"))
    assert corpus.files == 3 and corpus.pages == 24
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in copies}) == 3
    for path in copies:
        data = path.read_bytes()
        check_pdf_bytes(str(path), data[:1024], data[-1024:], len(data))
        with pymupdf.open(path) as doc:
            assert doc.page_count == 8 and doc[0].get_text().strip()
    store = Store(tmp_path / "out")
    store.ensure()
    assert [p.action for p in plan_paths([tmp_path / "x3"], store)] == ["ingest"] * 3


def test_measured_run_samples_the_whole_process_tree() -> None:
    child = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass"
    parent = f"import subprocess, sys; sys.exit(subprocess.run([sys.executable, '-c', {child!r}]).returncode)"
    run = _bench_module().run_measured([sys.executable, "-c", parent], dict(os.environ))
    assert run.exit_code == 0
    assert run.processes >= 2  # the child was seen, not only the process started
    assert run.cpu_s >= 0.5 and run.wall_s > 0
    assert run.peak_tree_rss_mb > 0 and run.max_process_rss_mb > 0
    assert set(run.cpu_by_role) <= {"main", "other"} and run.cpu_by_role["other"] > 0


def test_slowest_imports_names_what_a_command_imports_itself() -> None:
    _bench_module()  # puts the bench package on sys.path
    from bench.startup import slowest_imports

    rows = slowest_imports(["-c", "import json, email.message"], dict(os.environ))

    names = [row["module"] for row in rows]
    assert "json" in names and "email.message" in names
    assert "json.decoder" not in names  # imported by json, not by the command
    assert all(row["ms"] >= 0 for row in rows)
