"""Prefect for running jinzai locally: which mode, settings, and a temporary API started early.

`api_configured` decides the mode: with no `PREFECT_API_URL`, `ingest` and
`refresh` run in-process and never import Prefect. A flow that must run anyway
(`--dask` with no server configured) needs Prefect's temporary ("ephemeral") API
server, backed by SQLite. Left to itself, Prefect starts it only when the first
flow runs: the calling process first imports the whole server package (~4 s)
and then waits for a subprocess that imports it again. `temporary_api` starts
the same server (Prefect's own app factory, in ephemeral mode, under uvicorn)
as soon as a command knows it has work, and points `PREFECT_API_URL` at it, so
the server boots while jinzai imports, plans and warms its worker processes.

Settings: jinzai keeps Prefect's state in its own folder (`$JINZAI_PREFECT_HOME`,
default `~/.cache/jinzai/prefect`) rather than the user's `~/.prefect`, gives the
first start on a fresh machine (which migrates the database) time to finish,
waits on a busy SQLite file instead of failing with `database is locked`, and
turns off telemetry and chatter. A user who sets `PREFECT_API_URL` keeps full
control: only defaults are filled in and no server is started.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinzai.pipeline.signals import die_with_parent

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_DATABASE_TIMEOUT": "60",
    "PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_TIMEOUT": "60",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",  # Prefect's client-side telemetry (and its notice on the terminal)
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}
STARTUP_TIMEOUT = 180.0
_POLL_SECONDS = 0.05


class PrefectStartError(RuntimeError):
    """The temporary Prefect API did not come up."""


def prefect_home() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jinzai" / "prefect"
    return Path(os.environ.get("JINZAI_PREFECT_HOME", default))


def configure() -> None:
    """Fill in jinzai's Prefect defaults in this process's environment (idempotent)."""
    if "PREFECT_API_URL" not in os.environ:
        home = prefect_home()
        home.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("PREFECT_HOME", str(home))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)


def api_configured() -> bool:
    """Whether the user points jinzai at a Prefect server (then commands run as flow runs on it)."""
    return bool(os.environ.get("PREFECT_API_URL"))


class TemporaryApi:
    """A Prefect API server process on a free loopback port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            preexec_fn=die_with_parent)  # not left running when the command is killed
        self._ready = False

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Block until the server answers its health check (the first start migrates its database)."""
        import httpx

        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2) as client:  # one client: building one per poll costs ~25 ms of CPU
            while not self._ready:
                if self.process.poll() is not None:
                    raise PrefectStartError(f"Prefect's temporary API exited with status {self.process.returncode}: "
                                            f"{self.process.stderr.read().strip()[-2000:]}")
                try:
                    self._ready = client.get(f"{self.url}/health").status_code == 200
                except httpx.HTTPError:
                    pass
                if not self._ready:
                    if time.monotonic() > deadline:
                        raise PrefectStartError(f"Prefect's temporary API did not start within {timeout:.0f} s")
                    time.sleep(_POLL_SECONDS)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def temporary_api() -> Iterator[TemporaryApi | None]:
    """Start Prefect's temporary API now (unless PREFECT_API_URL names a server) and use it.

    Yields the server (call `wait_ready()` before the first flow) or None when
    the user's own server is configured.
    """
    configure()
    if api_configured():
        yield None
        return
    api = TemporaryApi()
    os.environ["PREFECT_API_URL"] = api.url
    try:
        yield api
    finally:
        del os.environ["PREFECT_API_URL"]
        api.stop()


def _free_port() -> int:
    import socket  # only when a server starts: `api_configured` is asked on every ingest

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
