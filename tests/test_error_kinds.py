"""Every input failure has its true kind (issue 12): `corrupt` only for files that cannot
be read, `unsupported` for valid files beyond a limit, `internal` only for bugs; repaired
files are ingested with a warning; pipes and devices are refused at once; hidden files
are ingested; an unusable --out is one line."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pdfplumber
import pymupdf
import pytest
from typer.testing import CliRunner

import badfiles
from jinzai.extractors.errors import raised_by_pdf_library
from jinzai.extractors.layout import open_layout
from jinzai.pipeline.cli import app
from jinzai.pipeline.ingest import discover, ingest_paths, plan_paths
from jinzai.pipeline.store import Store
from pathological import nested_forms


def raised(action) -> BaseException:  # noqa: ANN001
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("nothing raised")


def test_errors_raised_inside_pdf_libraries_are_told_from_bugs() -> None:
    assert raised_by_pdf_library(raised(lambda: pdfplumber.open(io.BytesIO(b"%PDF-1.4 no objects")).pages))
    assert raised_by_pdf_library(raised(lambda: pymupdf.open()[0]))  # IndexError: page 0 not in document
    assert not raised_by_pdf_library(raised(lambda: [][0]))  # jinzai's own IndexError is a bug


def test_a_valid_file_beyond_the_readers_nesting_limit_is_unsupported(tmp_path: Path) -> None:
    report = ingest_paths([nested_forms(tmp_path / "nested.pdf", depth=100)], tmp_path / "out", workers=1)
    [outcome] = report.outcomes
    assert (outcome.status, outcome.error_kind) == ("failed", "unsupported")
    assert "download it again" not in outcome.message


def test_garbage_after_eof_is_read_and_reported_as_repaired(tmp_path: Path) -> None:
    pdf = tmp_path / "served.pdf"
    pdf.write_bytes(badfiles.SAMPLE.read_bytes() + b"<html>an error page appended by a server</html>\n" * 40)
    report = ingest_paths([pdf], tmp_path / "out", workers=1)
    [outcome] = report.outcomes
    assert outcome.status == "ingested"
    assert outcome.counts["roles"] > 0
    assert any("repaired" in warning for warning in outcome.warnings)


def test_a_repaired_file_says_how_much_could_not_be_read(tmp_path: Path) -> None:
    data = badfiles.SAMPLE.read_bytes()
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(data[: len(data) // 3] + b"\n%%EOF\n")  # cut short, then "ended"
    with open_layout(pdf) as layout:
        note = layout.repair_note
    assert note and "repaired" in note and "could not be read" in note


def test_a_truncated_file_with_no_eof_at_all_is_still_corrupt(tmp_path: Path) -> None:
    report = ingest_paths([badfiles.truncated(tmp_path)], tmp_path / "out", workers=1)
    assert [o.error_kind for o in report.outcomes] == ["corrupt"]


def test_pipes_and_devices_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)  # opening it to read would block forever
    planned = plan_paths([fifo, Path("/dev/zero")], Store(tmp_path / "out"))
    assert [(p.action, "not a regular file" in p.reason) for p in planned] == [("fail", True), ("fail", True)]


def test_hidden_pdfs_in_a_folder_are_ingested(tmp_path: Path) -> None:
    shutil.copy(badfiles.SAMPLE, tmp_path / ".hidden.pdf")
    assert discover([tmp_path]) == [(tmp_path / ".hidden.pdf").resolve()]


@pytest.mark.parametrize("out", ["a_file", "/proc/jinzai-cannot-be-here"])
def test_an_unusable_out_folder_is_one_line_and_exit_2(tmp_path: Path, out: str) -> None:
    (tmp_path / "a_file").write_text("not a folder")
    target = out if out.startswith("/") else str(tmp_path / out)
    result = CliRunner().invoke(app, ["ingest", str(badfiles.SAMPLE), "--out", target])
    assert result.exit_code == 2
    assert "cannot write the corpus to" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
