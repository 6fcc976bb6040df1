"""Measuring: a subprocess's whole process tree (wall, CPU, peak memory), and in-process clocks.

Every in-process measurement runs in a freshly spawned interpreter (`in_fresh_process`),
so none pays for or profits from another's imports, models or caches.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from bench.common import MB, REPO

SAMPLE_SECONDS = 0.1  # sampling period of a measured process tree
RUN_TIMEOUT_SECONDS = 3600


@dataclass
class ProcessRun:
    """A measured subprocess: wall and CPU time, memory of its process tree."""

    wall_s: float
    cpu_s: float  # user + system of the process and all its descendants
    peak_tree_rss_mb: float  # max over samples of the summed RSS of the whole process tree
    peak_total_rss_mb: float  # the same with the processes `also` (a server the run uses) in each sum
    max_process_rss_mb: float  # largest single process
    processes: int  # how many processes the tree had over the run
    cpu_by_role: dict[str, float]  # sampled CPU seconds: main, Prefect API, forkserver, workers, other
    exit_code: int
    load_at_start: float
    stdout: str
    stderr: str

    @property
    def cores_busy(self) -> float:
        return self.cpu_s / self.wall_s if self.wall_s else 0.0


class TreeSampler:
    """Samples a process tree: summed and largest RSS, and CPU seconds of every process seen.

    Sampling sees the workers of a forkserver, which the measured process never reaps (so
    its rusage leaves them out); it misses at most one period at the end of each process.
    `also` are processes outside the tree that the run uses (a Prefect server it reports
    to): their RSS is summed with the tree's in each sample, so the peak is one moment's
    (their CPU, mostly spent before the run, is left out).
    """

    def __init__(self, pid: int, also: Sequence[int] = ()):
        self.root = psutil.Process(pid)
        self.also = [psutil.Process(other) for other in also]
        self.peak_tree_rss = 0
        self.peak_total_rss = 0  # the tree's and `also`'s, sampled together
        self.peak_process_rss = 0
        self.cpu: dict[int, float] = {}  # pid → user + system seconds when last seen
        self.roles: dict[int, str] = {}  # pid → what the process is (see `role`)

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for process in processes:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss
                    times = process.cpu_times()
            except psutil.Error:
                continue  # exited between listing and reading
            total += rss  # shared pages count once per process: an upper bound
            self.peak_process_rss = max(self.peak_process_rss, rss)
            self.cpu[process.pid] = times.user + times.system
            if process.pid not in self.roles:
                self.roles[process.pid] = self.role(process)
        self.peak_tree_rss = max(self.peak_tree_rss, total)
        for process in self.also:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        self.peak_total_rss = max(self.peak_total_rss, total)

    def role(self, process: psutil.Process) -> str:
        """main, Prefect API (its uvicorn server), forkserver, workers (forked by it) or other."""
        if process.pid == self.root.pid:
            return "main"
        try:
            command = " ".join(process.cmdline())
            parent = process.ppid()
        except psutil.Error:
            return "other"
        if "uvicorn" in command and "prefect" in command:
            return "Prefect API"
        if "multiprocessing.forkserver" in command:  # workers are forks: same command line
            return "forkserver" if parent == self.root.pid else "workers"
        return "other"

    def cpu_by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            role = self.roles.get(pid, "other")
            totals[role] = totals.get(role, 0.0) + seconds
        return totals

    def kill(self) -> None:
        for process in [*self.root.children(recursive=True), self.root]:
            process.kill()


def run_measured(argv: Sequence[str], env: dict[str, str], also: Sequence[int] = ()) -> ProcessRun:
    """Run a command to completion, sampling its process tree's memory and CPU (and the RSS of
    the processes `also`, counted with the tree's: see `TreeSampler`)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env, cwd=REPO)
        sampler = TreeSampler(process.pid, also)
        ended: dict[str, Any] = {}
        reaper = threading.Thread(target=_reap, args=(process.pid, ended), daemon=True)
        reaper.start()
        while True:  # sample until the reaper sees the exit (so the wall time is not rounded to a period)
            sampler.sample()
            reaper.join(SAMPLE_SECONDS)
            if not reaper.is_alive():
                break
            if time.perf_counter() - started > RUN_TIMEOUT_SECONDS:
                sampler.kill()
                raise TimeoutError(f"{' '.join(argv)} ran over {RUN_TIMEOUT_SECONDS} s")
        wall = ended["at"] - started
        status, usage = ended["status"], ended["usage"]
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # rusage is exact for the process and what it reaped; sampling also sees the rest
        cpu = max(usage.ru_utime + usage.ru_stime, sum(sampler.cpu.values()))
        return ProcessRun(
            wall_s=wall, cpu_s=cpu, peak_tree_rss_mb=sampler.peak_tree_rss / MB,
            peak_total_rss_mb=sampler.peak_total_rss / MB,
            max_process_rss_mb=max(usage.ru_maxrss * 1024, sampler.peak_process_rss) / MB,
            processes=len(sampler.cpu), cpu_by_role=sampler.cpu_by_role(), exit_code=process.returncode,
            load_at_start=load,
            stdout=out.read().decode("utf-8", "replace"), stderr=err.read().decode("utf-8", "replace"))


def _reap(pid: int, ended: dict[str, Any]) -> None:
    _, status, usage = os.wait4(pid, 0)
    ended.update(at=time.perf_counter(), status=status, usage=usage)


def jinzai_command() -> Path:
    """The installed console script of the interpreter running the benchmark."""
    script = Path(sys.executable).parent / "jinzai"
    if not script.exists():
        raise SystemExit(f"no jinzai console script at {script}: install the project (pip install -e .)")
    return script


def cli_env(home: Path) -> dict[str, str]:
    """The user's environment with Prefect state and caches under `home`.

    A user's own PREFECT_HOME or PREFECT_API_URL would make "fresh" mean nothing, so both
    are dropped: jinzai then runs as it does for a user with no Prefect server configured.
    So is PYTHONDONTWRITEBYTECODE, which some shells and sandboxes set: Python caches each
    module's bytecode on first import, and without that every command would compile
    jinzai's own modules anew (about 20 ms of a 0.15 s command).
    """
    dropped = ("PREFECT_HOME", "PREFECT_API_URL", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["JINZAI_PREFECT_HOME"] = str(home / "prefect")
    env["XDG_CACHE_HOME"] = str(home / "cache")  # jinzai's compiled Sudachi user dictionary
    env["COLUMNS"] = "200"
    return env



def in_fresh_process(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `function(*args)` in a newly spawned interpreter and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()



class Clock:
    """Wall and CPU seconds of this process since it was made."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def cpu_s(self) -> float:
        return time.process_time() - self.cpu

    def read(self) -> dict[str, float]:
        return {"seconds": time.perf_counter() - self.wall, "cpu_s": self.cpu_s()}


def own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

