"""Readable answers: `jinzai query` / `jinzai search` as a user runs them, and the table layout itself."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from jinzai.pipeline.access.answers import NULL, Answer, AnswerError, parse_format, render_table

JINZAI = str(Path(sys.executable).parent / "jinzai")
LONG = "デジタル技術を効果的に活用して業務を見直し、住民サービスの向上につなげる人材" * 2


def run(*args: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns:
        env["COLUMNS"] = columns
    return subprocess.run([JINZAI, *args], capture_output=True, text=True, timeout=300, env=env)


# ------------------------------------------------------------------ layout (no corpus needed)


def test_table_cuts_long_text_and_shows_null() -> None:
    text = render_table(Answer(["name", "description"], [("DX推進員", LONG), ("係員", None)]),
                        limit=100, max_cell=20, width=None)
    assert LONG not in text and LONG[:19] + "…" in text
    assert NULL in text and "2 rows" in text


def test_no_line_is_wider_than_the_width_asked_for() -> None:
    answer = Answer([f"column_{i}" for i in range(12)], [tuple(LONG[:30] for _ in range(12))] * 3)
    for width in (40, 80, 120):
        text = render_table(answer, limit=100, max_cell=40, width=width)
        assert max(cell_len(line) for line in text.splitlines()) <= width
        assert "column_11" in text


def test_format_names_are_case_insensitive_and_unknown_ones_are_named() -> None:
    assert parse_format("CSV") == "csv" and parse_format("Xlsx") == "xlsx"
    with pytest.raises(AnswerError, match="'xml'"):
        parse_format("xml")


# ------------------------------------------------------------------ the commands


@pytest.mark.slow
def test_select_star_hides_provenance_unless_asked(sample_corpus: Path) -> None:
    sql = "SELECT * FROM current_roles"
    plain = json.loads(run("query", sql, "--out", str(sample_corpus), "-f", "json").stdout)
    assert {"name", "canonical", "page"} <= set(plain[0]) and not {"doc_id", "bbox", "extractor"} & set(plain[0])
    full = json.loads(run("query", sql, "--out", str(sample_corpus), "-f", "json", "--provenance").stdout)
    assert {"doc_id", "bbox", "extractor"} <= set(full[0])
    named = json.loads(run("query", "SELECT doc_id, * FROM current_roles", "--out", str(sample_corpus),
                           "-f", "JSON").stdout)
    assert "doc_id" in named[0] and "bbox" not in named[0]


@pytest.mark.slow
def test_table_output_honours_columns_and_is_as_wide_as_its_content_when_piped(sample_corpus: Path) -> None:
    sql = "SELECT name, description, target_group FROM current_roles WHERE description IS NOT NULL"
    narrow = run("query", sql, "--out", str(sample_corpus), columns="60")
    assert narrow.returncode == 0, narrow.stderr
    assert max(cell_len(line) for line in narrow.stdout.splitlines()) <= 60
    piped = run("query", sql, "--out", str(sample_corpus))
    assert max(cell_len(line) for line in piped.stdout.splitlines()) > 80
    assert NULL in piped.stdout


@pytest.mark.slow
def test_output_file_csv_has_a_bom_and_xlsx_opens(sample_corpus: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sql = "SELECT role, fiscal_year, value FROM current_targets WHERE fiscal_year IS NOT NULL ORDER BY ALL"
    csv_file = tmp_path / "targets.csv"
    result = run("query", sql, "--out", str(sample_corpus), "-f", "CSV", "-o", str(csv_file))
    assert result.returncode == 0 and result.stdout == ""
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and set(rows[0]) == {"role", "fiscal_year", "value"}

    xlsx_file = tmp_path / "targets.xlsx"
    assert run("query", sql, "--out", str(sample_corpus), "-f", "xlsx", "--output", str(xlsx_file)).returncode == 0
    sheet = load_workbook(xlsx_file).worksheets[0]
    assert [c.value for c in sheet[1]] == ["role", "fiscal_year", "value"]
    assert sheet.max_row == len(rows) + 1
    assert run("query", sql, "--out", str(sample_corpus), "-f", "xlsx").returncode == 2  # needs --output


@pytest.mark.slow
def test_normalize_and_search_fold_full_width_queries(sample_corpus: Path) -> None:
    sql = "SELECT count(*) AS n FROM current_trainings WHERE name LIKE '%' || normalize('ＤＸ') || '%'"
    assert json.loads(run("query", sql, "--out", str(sample_corpus), "-f", "json").stdout)[0]["n"] > 0
    hits = json.loads(run("search", "ＩＴパスポート", "--out", str(sample_corpus), "-f", "json").stdout)
    assert hits and all("ITパスポート" in h["text"] for h in hits)
    assert {"trainings"} <= {h["table"] for h in hits}
