"""The scheduled re-run, end to end through Prefect: fetch, ingest, report what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jinzai.pipeline.refresh import reports_dir
from jinzai.pipeline.store import Store
from revised import REMOVED_TRAINING, build_revision

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> tuple[Path, Path, Path]:
    """A registry of two local sources, and an empty corpus folder."""
    root = tmp_path_factory.mktemp("refresh")
    (root / "pdf").mkdir()
    for name in ("kunisaki.pdf", "tarumizu.pdf"):
        shutil.copy(raw_dir / name, root / "pdf" / name)
    registry = root / "sources.yaml"
    registry.write_text("sources:\n"
                        "  - {id: kunisaki, municipality: 国東市, url: pdf/kunisaki.pdf}\n"
                        "  - {id: tarumizu, municipality: 垂水市, url: pdf/tarumizu.pdf}\n", encoding="utf-8")
    return registry, root / "pdf", root / "corpus"


def refresh(registry: Path, out: Path) -> dict:
    from jinzai.flows.refresh import refresh_flow

    return refresh_flow(str(registry), str(out))


def test_first_run_ingests_every_source_under_its_registry_id(tracked) -> None:
    registry, _, out = tracked
    result = refresh(registry, out)
    assert result["exit_code"] == 0
    assert sorted((d.source_id, d.revision) for d in Store(out).documents()) == [("kunisaki", 1), ("tarumizu", 1)]


def test_an_unchanged_rerun_writes_no_records(tracked) -> None:
    registry, _, out = tracked
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    result = refresh(registry, out)
    assert [f["status"] for f in result["fetched"]] == ["unchanged", "unchanged"]
    assert [i["status"] for i in result["ingested"]] == ["skipped", "skipped"]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


def test_a_revised_edition_is_ingested_and_its_changes_reported(tracked) -> None:
    registry, pdfs, out = tracked
    build_revision(pdfs / "tarumizu.pdf", pdfs / "next" / "tarumizu.pdf")
    shutil.move(pdfs / "next" / "tarumizu.pdf", pdfs / "tarumizu.pdf")  # the city replaces its PDF

    result = refresh(registry, out)

    assert [(f["source_id"], f["status"]) for f in result["fetched"]] == [("kunisaki", "unchanged"),
                                                                          ("tarumizu", "changed")]
    [change] = result["changes"]
    assert change["source_id"] == "tarumizu" and change["new"]["revision"] == 2
    report = Path(result["report"]).read_text(encoding="utf-8")
    assert "DX推進アドバイザー · 育成人数 · FY2025: 3人 → 5人" in report
    assert f"- {REMOVED_TRAINING}" in report
    saved = json.loads(Path(result["report"]).with_suffix(".json").read_text(encoding="utf-8"))
    assert saved["changes"][0]["counts"]["trainings"] == {"removed": 1}
    assert len(list(reports_dir(out).glob("*.txt"))) == 3
