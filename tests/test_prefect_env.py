"""Prefect's temporary API as jinzai starts it: up, used, stopped; a clear error when it dies."""

from __future__ import annotations

import os

import httpx
import pytest

from jinzai.pipeline.prefect_env import PrefectStartError, TemporaryApi, temporary_api

pytestmark = pytest.mark.slow


def test_the_temporary_api_answers_and_is_gone_afterwards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_api() as api:
        assert os.environ["PREFECT_API_URL"] == api.url
        api.wait_ready()
        assert httpx.get(f"{api.url}/health", timeout=5).json() is True
    assert "PREFECT_API_URL" not in os.environ
    assert api.process.poll() is not None


def test_a_configured_server_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    with temporary_api() as api:
        assert api is None and os.environ["PREFECT_API_URL"] == "http://127.0.0.1:9/api"


def test_a_server_that_dies_is_reported_with_its_status(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    api = TemporaryApi()
    api.process.kill()
    api.process.wait()
    with pytest.raises(PrefectStartError, match="exited with status"):
        api.wait_ready(timeout=30)
