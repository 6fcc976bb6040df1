"""Schedules: a real Prefect server on 127.0.0.1, `jinzai serve` registering the cron
deployment, a run triggered and seen to complete."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
CRON = "0 3 * * 1"
DEPLOYMENT = "jinzai-refresh/jinzai-refresh"
STARTUP_SECONDS = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what: str, timeout: float, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what}: process exited with {process.returncode}: {process.stdout.read()}")
        result = check()
        if result:
            return result
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`prefect server start` on a free loopback port, with its own home; yields the env to reach it."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    process = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    api = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            return httpx.get(f"{api}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(healthy, "the Prefect server", STARTUP_SECONDS, process)
        yield {**os.environ, "PREFECT_API_URL": api, "PREFECT_HOME": str(home)}
    finally:
        stop(process)


def prefect(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "prefect"), *args], env=env, capture_output=True, text=True, timeout=300)


def test_serve_registers_the_cron_schedule_and_a_triggered_run_completes(
        server: dict[str, str], tmp_path: Path, raw_dir: Path) -> None:
    shutil.copy(raw_dir / "kunisaki.pdf", tmp_path / "kunisaki.pdf")
    registry = tmp_path / "sources.yaml"
    registry.write_text("sources:\n  - {id: kunisaki, url: kunisaki.pdf}\n", encoding="utf-8")
    out = tmp_path / "corpus"
    serving = subprocess.Popen([str(BIN / "jinzai"), "serve", "--cron", CRON, "--registry", str(registry),
                                "--out", str(out)], env=server, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        inspected = wait_for(lambda: (r := prefect(server, "deployment", "inspect", DEPLOYMENT)).returncode == 0
                             and r.stdout, "the deployment", STARTUP_SECONDS, serving)
        assert CRON in inspected

        triggered = prefect(server, "deployment", "run", DEPLOYMENT, "--watch", "--watch-timeout", "600")
        assert triggered.returncode == 0, triggered.stdout + triggered.stderr
        assert "Completed" in triggered.stdout
    finally:
        stop(serving)

    reports = list((out / "_reports").glob("refresh-*.txt"))
    assert len(reports) == 1 and "kunisaki (new)" in reports[0].read_text(encoding="utf-8")


def test_serve_without_a_server_explains_what_to_do(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    result = subprocess.run([str(BIN / "jinzai"), "serve", "--registry", str(tmp_path / "none.yaml")], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "prefect server start" in result.stderr and "PREFECT_API_URL" in result.stderr
