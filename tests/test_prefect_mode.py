"""How `jinzai ingest` runs: in-process without a Prefect server; as a flow run on the server
that PREFECT_API_URL names; and a re-run with a known-bad file that skips it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import badfiles

pytestmark = pytest.mark.slow

JINZAI = str(Path(sys.executable).parent / "jinzai")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JINZAI, *args], capture_output=True, text=True, timeout=600, env=env)


def test_without_a_server_ingest_runs_in_process_and_starts_no_prefect(tmp_path: Path, kunisaki_folder: Path) -> None:
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"JINZAI_PREFECT_HOME": str(home)}

    result = run("ingest", str(kunisaki_folder), "--out", str(tmp_path / "out"), env=env)

    assert result.returncode == 0, result.stderr
    assert "(in-process)" in result.stdout and "ingested " in result.stdout
    assert not list(home.rglob("*.db")), "no Prefect database was created"


def test_with_a_configured_server_ingest_is_a_completed_flow_run_on_it(
        tmp_path: Path, kunisaki_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jinzai.pipeline.prefect_env import temporary_api

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    out = str(tmp_path / "out")
    with temporary_api() as api:  # stands in for the user's `prefect server start`
        api.wait_ready()
        result = run("ingest", str(kunisaki_folder), "--out", out, env=dict(os.environ))
        flows = httpx.post(f"{api.url}/flows/filter", json={"flows": {"name": {"any_": ["jinzai-ingest"]}}},
                           timeout=30).json()
        runs = httpx.post(f"{api.url}/flow_runs/filter", json={"flows": {"id": {"any_": [f["id"] for f in flows]}}},
                          timeout=30).json()
        tasks = httpx.post(f"{api.url}/task_runs/filter", json={}, timeout=30).json()

    assert result.returncode == 0, result.stderr
    assert "(prefect)" in result.stdout
    # the server may hold other tests' runs: this one is the run that wrote to `out`
    assert [r["state_type"] for r in runs if r["parameters"].get("out_dir") == out] == ["COMPLETED"]
    assert {t["name"] for t in tasks} >= {"extract kunisaki", "commit kunisaki"}


def test_a_known_bad_file_is_skipped_on_the_rerun_until_retried(tmp_path: Path, kunisaki_folder: Path) -> None:
    bad = badfiles.zero_bytes(kunisaki_folder)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    out = str(tmp_path / "out")

    first = run("ingest", str(kunisaki_folder), "--out", out, env=env)
    again = run("ingest", str(kunisaki_folder), "--out", out, env=env)
    retried = run("ingest", str(kunisaki_folder), "--out", out, "--retry-failed", env=env)

    assert first.returncode == 1 and f"[empty] {bad.resolve()}" in first.stderr.replace("\n", "")
    assert again.returncode == 0
    assert f"skipped  {bad.resolve()} (known to fail [empty]" in again.stdout.replace("\n", "")
    assert "(nothing to extract)" in again.stdout
    assert retried.returncode == 1 and "[empty]" in retried.stderr


def test_refresh_without_a_server_runs_in_process_and_reports(tmp_path: Path, kunisaki_folder: Path) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text(f"sources:\n  - {{id: kunisaki, url: '{kunisaki_folder / 'kunisaki.pdf'}'}}\n", encoding="utf-8")
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"JINZAI_PREFECT_HOME": str(home)}

    result = run("refresh", "--registry", str(registry), "--out", str(tmp_path / "out"), env=env)

    assert result.returncode == 0, result.stderr
    assert "ingested: 1 revision(s)" in result.stdout and "kunisaki (new)" in result.stdout
    assert not list(home.rglob("*.db")), "no Prefect database was created"
