"""The extraction pool: per-job time limit, lost workers replaced, a result for every job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from jinzai.pipeline.executor import _PRELOAD, IsolatedPool, Limits, WorkerLost, available_cores, worker_count


def lost(args: tuple, exc: WorkerLost, limits: Limits) -> tuple[str, str]:
    return ("lost", exc.kind)


def square(n: int) -> int:
    return n * n


def die(_: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def hang(_: int) -> int:
    time.sleep(60)
    return 0


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 2**20))


def fail(_: int) -> int:
    raise ValueError("a bug")


def test_every_job_gets_its_result() -> None:
    with IsolatedPool(2, Limits(seconds=60, memory_mb=0), lost) as pool:
        assert [f.result() for f in [pool.submit(square, n) for n in range(6)]] == [n * n for n in range(6)]


def test_a_worker_that_dies_loses_only_its_job() -> None:
    with IsolatedPool(1, Limits(seconds=60, memory_mb=0), lost) as pool:
        futures = [pool.submit(square, 2), pool.submit(die, 0), pool.submit(square, 3)]
        assert [f.result() for f in futures] == [4, ("lost", "crashed"), 9]


def test_a_job_over_its_time_is_stopped_and_the_next_runs() -> None:
    with IsolatedPool(1, Limits(seconds=1, memory_mb=0), lost) as pool:
        futures = [pool.submit(hang, 0), pool.submit(square, 5)]
        assert [f.result() for f in futures] == [("lost", "timeout"), 25]


def test_a_job_over_the_memory_limit_gets_a_memory_error() -> None:
    with IsolatedPool(1, Limits(seconds=60, memory_mb=1500), lost) as pool:
        with pytest.raises(MemoryError):
            pool.submit(allocate, 4000).result()
        assert pool.submit(allocate, 10).result() == 10 * 2**20


def test_an_exception_in_a_job_is_its_result_and_the_worker_stays() -> None:
    with IsolatedPool(1, Limits(seconds=60, memory_mb=0), lost) as pool:
        with pytest.raises(ValueError, match="a bug"):
            pool.submit(fail, 0).result()
        assert pool.submit(square, 4).result() == 16


def test_workers_never_outnumber_files_or_cores() -> None:
    cores = available_cores()
    assert worker_count(64, 5) == min(5, cores)
    assert worker_count(None, 1) == 1
    assert worker_count(3, 0) == 1


def test_the_workers_preload_no_library_extraction_does_not_use() -> None:
    """PyMuPDF 2 imports its layout analyzer (with ONNX Runtime) and pymupdf4llm by itself, and the models'
    Arrow forms import pyarrow (and through it pandas): extraction needs none of them, and each would sit in
    the forkserver and every worker."""
    unused = ("pyarrow", "pandas", "onnxruntime", "pymupdf.layout", "pymupdf4llm")
    script = (f"import importlib, sys\nfor name in {_PRELOAD!r}: importlib.import_module(name)\n"
              f"import pymupdf\nprint(*[m for m in {unused!r} if sys.modules.get(m)])\n"
              "print(pymupdf.TOOLS.unset_quad_corrections())")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    loaded, quad_corrections_off = done.stdout.split("\n")[:2]
    assert loaded == ""
    assert quad_corrections_off == "True"  # as pymupdf4llm's import left MuPDF: every reader's boxes stay the same


def test_the_result_classes_are_imported_before_any_pool_thread_unpickles_one() -> None:
    """The pool's threads unpickle the workers' results, importing the record classes if nothing has;
    the calling thread meanwhile imports the store's libraries, which import them too. Two threads
    importing one package at once can end in a _DeadlockError, so the pool imports them first."""
    script = ("import sys\nfrom jinzai.pipeline.ingest import worker_pool\n"
              "before = 'jinzai.models.records' in sys.modules\n"
              "with worker_pool(1):\n    print(before, 'jinzai.models.records' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "True"]
