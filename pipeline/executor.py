"""Extraction in worker processes, each file under a time and a memory limit.

A worker is a process forked from a forkserver that has already imported the
extractors; it runs one job at a time, under an address-space limit
(`Limits.memory_mb`). The parent waits for each job at most `Limits.seconds`:

- a job over its time is stopped by killing its worker (`timeout`);
- a worker that dies — the OOM killer, a segfault in MuPDF — loses only its job
  (`crashed`);
- a job that ran out of memory is reported by the job itself (`too_large`), and its
  worker is not reused.

A lost job's result comes from the pool's `lost` function, so the caller sees a
result for every job, and a fresh worker takes the next one: one bad file never
stops a batch. The pool is a `concurrent.futures.Executor`.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from jinzai.pipeline.signals import die_with_parent

# Settings, also read from the environment so that every command (ingest, refresh, a
# scheduled run) applies them; the CLI's --timeout and --max-memory set them.
TIMEOUT_ENV = "JINZAI_FILE_TIMEOUT"
MEMORY_ENV = "JINZAI_FILE_MEMORY_MB"
DEFAULT_SECONDS = 300.0
DEFAULT_MEMORY_MB = 4096
# How long a worker asked to stop may take before it is killed.
_STOP_GRACE_SECONDS = 2.0
_PRELOAD = ["jinzai.extractors", "jinzai.pipeline.ingest", "pdfplumber"]  # what every job needs
_BROKEN = 70  # a worker's exit status when it failed outside any job


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file's extraction may use: wall seconds, and MB of address space beyond
    what a worker holds once it has loaded the extractors (~0.8 GB; 0: no limit)."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls) -> Limits:
        return cls(seconds=float(os.environ.get(TIMEOUT_ENV, DEFAULT_SECONDS)),
                   memory_mb=int(os.environ.get(MEMORY_ENV, DEFAULT_MEMORY_MB)))


def set_limits(seconds: float | None, memory_mb: int | None) -> None:
    """Set the limits for this command and the processes it starts (None keeps a limit as is)."""
    if seconds is not None:
        os.environ[TIMEOUT_ENV] = str(seconds)
    if memory_mb is not None:
        os.environ[MEMORY_ENV] = str(memory_mb)


class WorkerLost(Exception):
    """A job whose worker was stopped, died or failed around it: `kind` is `timeout`,
    `crashed` or `too_large` (out of memory outside the job's own code)."""

    def __init__(self, kind: str, detail: str):
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(requested: int | None, jobs: int) -> int:
    """Workers for `jobs` files: as requested (default one per core), never more than
    there are files or cores."""
    return max(1, min(requested or available_cores(), jobs or 1, available_cores()))


# ------------------------------------------------------------------ inside a worker


def _serve(conn: Connection, memory_mb: int) -> None:
    """A worker's life: limit itself, warm up, then run jobs until told to stop. Nothing
    it raises reaches the terminal: the parent reports a worker that ends badly."""
    try:
        die_with_parent()  # the forkserver, which ends with the command
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        _warm()
        if memory_mb:
            _limit_memory(memory_mb)
        conn.send("ready")  # the parent's clock for a job starts now, not while this worker starts
        while _serve_one(conn):
            pass
    except (EOFError, OSError):  # the parent is gone
        pass
    except BaseException:  # noqa: BLE001
        os._exit(_BROKEN)


def _serve_one(conn: Connection) -> bool:
    """Run one job and send back ("done", result), ("raised", exception), or ("lost",
    why) when the worker itself failed around the job (e.g. out of memory while
    reading it). False when told to stop."""
    try:
        job = conn.recv()
    except (EOFError, OSError):
        raise
    except BaseException as exc:  # noqa: BLE001
        outcome: tuple[str, Any] = ("lost", exc)
    else:
        if job is None:
            return False
        fn, args, kwargs = job
        try:
            outcome = ("done", fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 (handed to the parent's future)
            outcome = ("raised", exc)
    try:
        conn.send(outcome)
    except (EOFError, OSError):
        raise
    except BaseException as exc:  # noqa: BLE001 (the result could not be sent)
        conn.send(("lost", RuntimeError(f"{type(exc).__name__}: {exc}")))
    return True


def _limit_memory(memory_mb: int) -> None:
    """Let jobs map at most `memory_mb` more address space than the warmed worker holds."""
    import resource

    limit = _address_space() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space() -> int:
    """This process's mapped address space in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _warm() -> None:
    """Load what every extraction needs once per worker, not once per file."""
    from jinzai.normalizers.municipalities import body_index

    body_index()


# ------------------------------------------------------------------ in the parent


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context: multiprocessing.context.BaseContext, memory_mb: int):
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, memory_mb), daemon=True,
                                       name="jinzai-worker")
        self.process.start()
        theirs.close()
        self.ready = False

    def run(self, job: tuple, seconds: float) -> Any:
        """The job's result, or WorkerLost when it took too long or the worker died."""
        try:
            if not self.ready:
                self.ready = self.conn.recv() == "ready"
            self.conn.send(job)
            if self.conn.poll(seconds):
                status, value = self.conn.recv()
                if status == "done":
                    return value
                if status == "raised":
                    raise value
                kind = "too_large" if isinstance(value, MemoryError) else "crashed"
                raise WorkerLost(kind, f"{type(value).__name__}: {value}")
        except (EOFError, OSError):
            self.kill()
            raise WorkerLost("crashed", self._how_it_died()) from None
        self.kill()
        raise WorkerLost("timeout", f"took longer than {seconds:g} s")

    def _how_it_died(self) -> str:
        self.process.join(_STOP_GRACE_SECONDS)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exited with status {code}"

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (EOFError, OSError):
            pass
        self.process.join(_STOP_GRACE_SECONDS)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class IsolatedPool(Executor):
    """Runs `fn(*args)` in worker processes under `limits`. A job whose worker is
    lost gets `lost(args, WorkerLost, limits)` as its result; `replace(result)` tells
    whether a finished job's worker must not be reused (it ran out of memory)."""

    def __init__(self, workers: int, limits: Limits, lost: Callable[[tuple, WorkerLost, Limits], Any],
                 replace: Callable[[Any], bool] = lambda result: False):
        self.limits = limits
        self._lost = lost
        self._replace = replace
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(_PRELOAD)
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._aborted = False
        self._size = workers
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="jinzai-extract")
        # One worker now: it starts the forkserver, which imports the extractors while the
        # caller plans; the others start when there are jobs for them.
        with self._lock:
            self._idle.put(self._start_worker())

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        return self._threads.submit(self._run, fn, args, kwargs)

    def _run(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
        worker = self._take()
        try:
            result = worker.run((fn, args, kwargs), self.limits.seconds)
        except WorkerLost as lost:
            self._retire(worker)
            return self._lost(args, lost, self.limits)
        except BaseException:
            self._idle.put(worker)
            raise
        if self._replace(result):
            self._retire(worker)
        else:
            self._idle.put(worker)
        return result

    def _take(self) -> _Worker:
        """An idle worker, or a new one while there are fewer than the pool's size."""
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                worker = self._start_worker() if len(self._all) < self._size and not self._aborted else None
            worker = worker or self._idle.get()
        if worker is None:  # the pool was aborted
            self._idle.put(None)
            raise CancelledError("the worker pool was stopped")
        return worker

    def _start_worker(self) -> _Worker:
        """A new worker, counted in the pool (the caller holds the lock)."""
        worker = _Worker(self._context, self.limits.memory_mb)
        self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker that must not run another job; `_take` starts a fresh one."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def abort(self) -> None:
        """Kill every worker now (a signal or an error stops the command): running jobs
        end, jobs not started are cancelled."""
        with self._lock:
            self._aborted = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.process.kill()  # its job's thread sees the pipe close and cleans up
        self._idle.put(None)
        self._threads.shutdown(wait=True, cancel_futures=True)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Let the jobs finish (when `wait`), then stop every worker."""
        self._threads.shutdown(wait=wait, cancel_futures=cancel_futures)
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None:
            self.shutdown()
        else:
            self.abort()
