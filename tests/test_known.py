"""Planning against what the corpus already holds: known failures are skipped until retried,
and the local index of known content is used only while the store still matches it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import badfiles
from jinzai.pipeline.ingest import ingest_paths, plan_paths
from jinzai.pipeline.known import INDEX_FILE, known_content
from jinzai.pipeline.store import Store


def test_an_unchanged_file_that_failed_is_skipped_and_its_failure_row_kept(tmp_path: Path, kunisaki_folder: Path) -> None:
    bad = badfiles.not_a_pdf(kunisaki_folder)
    out = tmp_path / "out"
    first = ingest_paths([kunisaki_folder], out, workers=1)
    failure_before = Store(out).failures()

    again = ingest_paths([kunisaki_folder], out, workers=1)

    assert first.exit_code == 1 and again.exit_code == 0
    [skipped_bad] = [o for o in again.outcomes if o.source == str(bad.resolve())]
    assert skipped_bad.status == "skipped"
    assert "known to fail [not_pdf]" in skipped_bad.reason and "--retry-failed" in skipped_bad.reason
    assert Store(out).failures() == failure_before  # the same row, not rewritten


def test_retry_failed_extracts_a_known_failure_again(tmp_path: Path, kunisaki_folder: Path) -> None:
    bad = badfiles.truncated(kunisaki_folder)
    out = tmp_path / "out"
    ingest_paths([kunisaki_folder], out, workers=1)

    planned = {p.path.name: p for p in plan_paths([kunisaki_folder], out, retry_failed=True)}

    assert (planned[bad.name].action, planned[bad.name].reason) == ("ingest", "retry")
    assert planned["kunisaki.pdf"].action == "skip"


def test_a_fixed_file_is_no_longer_a_known_failure(tmp_path: Path, kunisaki_folder: Path, raw_dir: Path) -> None:
    bad = badfiles.truncated(kunisaki_folder)
    out = tmp_path / "out"
    ingest_paths([kunisaki_folder], out, workers=1)
    shutil.copy(raw_dir / "tarumizu.pdf", bad)  # downloaded again, whole this time

    [planned] = [p for p in plan_paths([kunisaki_folder], out) if p.path.name == bad.name]

    assert (planned.action, planned.reason) == ("ingest", "new")


def test_skipping_unchanged_inputs_reads_no_parquet(tmp_path: Path, kunisaki_folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    ingest_paths([kunisaki_folder], out, workers=1)

    def no_reads(*_: object) -> None:
        raise AssertionError("the store was read")

    monkeypatch.setattr(Store, "_read_rows", no_reads)
    assert [(p.action, p.reason) for p in plan_paths([kunisaki_folder], out)] == [("skip", "unchanged")]


def test_the_index_is_not_trusted_once_the_store_changed(tmp_path: Path, kunisaki_folder: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([kunisaki_folder], out, workers=1)
    assert out.joinpath(*INDEX_FILE).exists()

    (out / "documents" / "documents.parquet").unlink()  # e.g. removed by hand

    assert [p.action for p in plan_paths([kunisaki_folder], out)] == ["ingest"]


def test_an_unreadable_index_is_rebuilt_from_the_store(tmp_path: Path, kunisaki_folder: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([kunisaki_folder], out, workers=1)
    index = out.joinpath(*INDEX_FILE)
    index.write_text("{not json", encoding="utf-8")

    assert len(known_content(out).documents) == 1
    assert [p.action for p in plan_paths([kunisaki_folder], out)] == ["skip"]
    assert len(json.loads(index.read_text(encoding="utf-8"))["documents"]) == 1  # rewritten whole


def test_an_unchanged_rerun_of_the_command_loads_no_heavy_library(tmp_path: Path, kunisaki_folder: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    ingest_paths([kunisaki_folder], out, workers=1)
    script = ("import contextlib, io, sys; from pathlib import Path; "
              "from jinzai.pipeline.ingest_command import ingest_command\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              f"    code = ingest_command([Path({str(kunisaki_folder)!r})], {str(out)!r})\n"
              "print(code, *[m for m in ('pyarrow', 'pydantic', 'prefect', 'fsspec', 'jinzai.extractors') "
              "if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["0"]
