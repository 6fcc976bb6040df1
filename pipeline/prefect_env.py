"""Prefect settings for running jinzai locally, applied before Prefect is imported.

With no `PREFECT_API_URL`, Prefect starts a temporary ("ephemeral") API server
in a subprocess backed by SQLite. jinzai keeps that state in its own folder
(`$JINZAI_PREFECT_HOME`, default `~/.cache/jinzai/prefect`) rather than the
user's `~/.prefect`, gives the first start on a fresh machine (which migrates
the database) time to finish, waits longer on a busy SQLite file instead of
failing with `database is locked`, and turns off telemetry and chatter.
A user who points `PREFECT_API_URL` at a real server keeps full control:
only defaults are filled in, nothing they set is overridden.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_DATABASE_TIMEOUT": "60",
    "PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_TIMEOUT": "60",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


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
