"""Per-file limits and lost workers, through a real ingest (issue 12): a file over its
time or whose worker dies becomes one failure row, and the rest of the batch lands."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from jinzai.pipeline.executor import TIMEOUT_ENV, Limits, WorkerLost
from jinzai.pipeline.ingest import Planned, ingest_paths, lost_extraction
from pathological import long_text

pytestmark = pytest.mark.slow


def failures(out: Path) -> list[tuple[str, str]]:
    return duckdb.sql(f"SELECT source, error_kind FROM read_parquet('{out}/failures/**/*.parquet', "
                      f"union_by_name=true) ORDER BY source").fetchall()


@pytest.fixture
def small_pdf(tmp_path: Path, raw_dir: Path) -> Path:
    return Path(shutil.copy(raw_dir / "kunisaki.pdf", tmp_path / "kunisaki.pdf"))


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long enough to take many CPU-seconds to extract (1,000 pages: ~12 s on an idle core),
    many times the time limit the tests set, on a fast machine as on a loaded one."""
    return long_text(tmp_path_factory.mktemp("slow") / "slow.pdf", pages=1000)


def test_a_file_over_the_time_limit_is_a_timeout_and_the_batch_goes_on(
        tmp_path: Path, slow_pdf: Path, small_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the slow file needs several times the limit; the small one (0.5 s idle) stays under it on a loaded machine
    monkeypatch.setenv(TIMEOUT_ENV, "3")
    report = ingest_paths([slow_pdf, small_pdf], tmp_path / "out", workers=None)
    assert {o.source: (o.status, o.error_kind) for o in report.outcomes} == {
        str(slow_pdf): ("failed", "timeout"), str(small_pdf): ("ingested", None)}
    assert "--timeout" in report.of_status("failed")[0].message
    assert failures(tmp_path / "out") == [(str(slow_pdf), "timeout")]


def test_a_worker_killed_mid_file_is_a_crashed_row_and_the_next_file_lands(
        tmp_path: Path, slow_pdf: Path, small_pdf: Path) -> None:
    killed: list[int] = []

    def kill_the_busy_worker() -> None:
        """Kill the worker that has the slow file open, while it reads it."""
        me = psutil.Process()
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            for process in me.children(recursive=True):
                try:
                    if any(f.path == str(slow_pdf) for f in process.open_files()):
                        process.kill()
                        killed.append(process.pid)
                        return
                except psutil.Error:
                    continue
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_busy_worker)
    killer.start()
    report = ingest_paths([slow_pdf, small_pdf], tmp_path / "out")
    killer.join()
    assert killed
    assert {o.source: (o.status, o.error_kind) for o in report.outcomes} == {
        str(slow_pdf): ("failed", "crashed"), str(small_pdf): ("ingested", None)}
    assert "SIGKILL" in report.of_status("failed")[0].message
    assert failures(tmp_path / "out") == [(str(slow_pdf), "crashed")]


@pytest.mark.parametrize(("kind", "option"), [("timeout", "--timeout"), ("too_large", "--max-memory"),
                                              ("crashed", "--max-memory")])
def test_a_lost_file_gets_a_failure_of_its_kind_with_the_option_to_raise(kind: str, option: str) -> None:
    planned = Planned(Path("x.pdf"), "x.pdf", "x", "ab" * 32, 10, "ingest", "new")
    extracted = lost_extraction((planned, None), WorkerLost(kind, "what happened"), Limits(seconds=7, memory_mb=99))
    assert (extracted.failure.error_kind, extracted.failure.source) == (kind, "x.pdf")
    assert option in extracted.failure.message and "what happened" in extracted.failure.message
    assert ("now 7 s" if kind == "timeout" else "now 99 MB") in extracted.failure.message
