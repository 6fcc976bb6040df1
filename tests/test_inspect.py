"""`jinzai inspect` and the `blocks` table as a user meets them: the console script, Parquet read by DuckDB."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.pdfs import table_pdf

JINZAI = str(Path(sys.executable).parent / "jinzai")
UNKNOWN_TABLE = [["分類", "説明"], ["会議", "月に一度開催する"], ["報告", "年度末に取りまとめる"]]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JINZAI, *args], capture_output=True, text=True, timeout=600)


def test_inspect_json_gives_a_page_s_blocks_with_what_they_were_read_as(raw_dir: Path) -> None:
    result = run("inspect", str(raw_dir / "tarumizu.pdf"), "--page", "7", "--json")
    assert result.returncode == 0, result.stderr
    blocks = json.loads(result.stdout)
    assert {b["page"] for b in blocks} == {7}
    (table,) = [b for b in blocks if b["kind"] == "table"]
    assert table["read_as"] == "targets" and table["caption"] == "【育成目標数】"
    assert table["header"][-1][1:3] == ["R7", "R8"] and table["rows"][0][0] == "DX推進アドバイザー"
    headings = [b for b in blocks if b["kind"] == "heading"]
    assert headings[0]["numbering"] == "第4章" and table["section_path"][-1] == "2 デジタル人材の育成目標"


def test_inspect_says_why_a_table_was_not_read(tmp_path: Path) -> None:
    pdf = table_pdf(tmp_path / "other.pdf", UNKNOWN_TABLE, [120, 260])
    result = run("inspect", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "read as none: header words not recognised: 分類, 説明" in result.stdout.replace("\n", "")
    assert "月に一度開催する" in result.stdout


def test_inspect_of_a_missing_page_is_one_line_naming_the_file(raw_dir: Path) -> None:
    result = run("inspect", str(raw_dir / "kunisaki.pdf"), "--page", "99")
    assert result.returncode == 1
    assert result.stderr.strip() == f"{raw_dir / 'kunisaki.pdf'}: page 99 does not exist (the PDF has 8 pages)"


@pytest.mark.slow
def test_ingest_writes_blocks_and_counts_unread_tables(tmp_path: Path) -> None:
    pdf = table_pdf(tmp_path / "other.pdf", UNKNOWN_TABLE, [120, 260])
    out = tmp_path / "out"
    result = run("ingest", str(pdf), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert re.search(r"table blocks read as none\s*│\s*1\s*│", result.stdout)
    rows = duckdb.sql(f"SELECT kind, read_as, reason, header FROM read_parquet('{out}/blocks/**/*.parquet')").fetchall()
    assert rows == [("table", "none", "header words not recognised: 分類, 説明", "分類 | 説明")]
