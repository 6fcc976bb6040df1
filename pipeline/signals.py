"""Stopping a command cleanly on SIGTERM, SIGINT and SIGHUP.

Python's default for SIGTERM ends the process at once: Prefect's temporary API,
the forkserver and the extraction workers are left running. Here each of these
signals raises `Stopped` in the main thread instead, as Ctrl-C raises
KeyboardInterrupt, so every context manager on the way out runs: the worker pool
kills its workers, the temporary API is stopped, the forkserver ends with the
process. Nothing half-written is left behind (the store writes atomically), so
the next run simply picks up what is missing. A second signal while stopping
ends the process at once. Against SIGKILL, which no handler sees, the processes
a command starts ask the kernel to end them with their parent (`die_with_parent`).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = tuple(s for s in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)) if s is not None)


class Stopped(BaseException):
    """The command was asked to stop by a signal (a BaseException: nothing catches it by accident)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention for "ended by signal N"


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    for each in SIGNALS:  # a second signal ends the process at once
        signal.signal(each, signal.SIG_DFL)
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM, SIGINT and SIGHUP raise `Stopped` (main thread only)."""
    previous = {each: signal.signal(each, _raise_stopped) for each in SIGNALS}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


def die_with_parent() -> None:
    """Linux: have the kernel SIGKILL this process when its parent ends, even by SIGKILL
    (which no handler sees). Elsewhere nothing: such a child ends when its pipe closes."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
