"""A signal to `jinzai ingest` stops every process it started, and the next run works
(issue 12). Real subprocesses: the console script, Prefect's temporary API, the
forkserver and its workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from pathological import long_text

pytestmark = pytest.mark.slow

JINZAI = Path(sys.executable).with_name("jinzai")
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_text(tmp_path_factory.mktemp("slow") / "slow.pdf", pages=200)


def start_ingest(inputs: list[Path], out: Path) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """`jinzai ingest` started, and every process it has running once a worker extracts."""
    process = subprocess.Popen([str(JINZAI), "ingest", *map(str, inputs), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    main = psutil.Process(process.pid)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        family = main.children(recursive=True)
        # the temporary API, the forkserver, and a worker under it (a grandchild)
        if any(p.ppid() != main.pid for p in family) and len(family) >= 3:
            time.sleep(1)  # let the worker get into the file
            return process, main.children(recursive=True)
        time.sleep(0.2)
    process.kill()
    raise AssertionError("no worker started")


def still_running(processes: list[psutil.Process]) -> list[psutil.Process]:
    """The processes still alive after a while; killed, so that no test leaves any behind."""
    _, alive = psutil.wait_procs(processes, timeout=15)
    for process in alive:
        process.kill()
    return alive


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_every_process_and_the_next_run_works(
        signum: int, tmp_path: Path, slow_pdf: Path) -> None:
    out = tmp_path / "out"
    process, family = start_ingest([slow_pdf, RAW / "kunisaki.pdf"], out)
    os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert "Traceback" not in stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr
    assert still_running(family) == []

    again = subprocess.run([str(JINZAI), "ingest", str(RAW / "kunisaki.pdf"), "--out", str(out)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr


def test_after_sigkill_the_workers_end_and_the_next_run_works(tmp_path: Path, slow_pdf: Path) -> None:
    out = tmp_path / "out"
    process, family = start_ingest([slow_pdf], out)
    process.kill()
    process.wait(timeout=30)
    assert still_running(family) == []
    again = subprocess.run([str(JINZAI), "ingest", str(RAW / "kunisaki.pdf"), "--out", str(out)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
