"""Test-wide set-up: sample paths, and Prefect state isolated per test process.

Each pytest process (and each xdist worker) gets its own Prefect home, so
parallel runs never share one SQLite file and the user's state is untouched.
This runs before any test module imports Prefect.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# One Prefect home per test process. xdist's workers inherit the controller's environment, so a home
# set once would be shared, and two workers starting Prefect's API on one fresh database at the same
# time race its migrations ("duplicate column name").
os.environ["JINZAI_PREFECT_HOME"] = tempfile.mkdtemp(
    prefix=f"jinzai-test-prefect-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
GOLD = REPO / "tests" / "gold"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture
def kunisaki_folder(tmp_path: Path, raw_dir: Path) -> Path:
    """A folder holding one small sample PDF (kunisaki.pdf)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(raw_dir / "kunisaki.pdf", folder)
    return folder


@pytest.fixture(scope="session")
def gold_documents() -> dict[str, dict]:
    """{pdf stem: the gold `document` object}."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["document"] for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> Path:
    """The bundled samples ingested, then a revised edition of tarumizu (revision 2), so that
    current revisions and all revisions differ. Read-only for the tests that share it."""
    import shutil

    from revised import build_revision

    from jinzai.pipeline.ingest import ingest_paths

    root = tmp_path_factory.mktemp("sample-corpus")
    out = root / "structured"
    first = ingest_paths([raw_dir], out, workers=1)
    assert first.exit_code == 0, first.outcomes
    original = Path(shutil.copy(raw_dir / "tarumizu.pdf", root / "tarumizu.pdf"))
    build_revision(original, root / "edition2" / "tarumizu.pdf")
    second = ingest_paths([root / "edition2" / "tarumizu.pdf"], out, workers=1)
    assert second.exit_code == 0, second.outcomes
    return out
