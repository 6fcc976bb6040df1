"""`jinzai export`: an Excel workbook and CSV folders read back as an analyst's tools read them."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from jinzai.models import TABLES
from jinzai.normalizers.dates import fiscal_year_label, parse_fiscal_year
from jinzai.pipeline.access.export import column_label, japanese_labels

JINZAI = str(Path(sys.executable).parent / "jinzai")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JINZAI, *args], capture_output=True, text=True, timeout=300)


def test_every_column_and_table_has_a_japanese_label() -> None:
    assert set(japanese_labels()["tables"]) == set(TABLES)
    for table, model in TABLES.items():
        for column in model.model_fields:
            assert column_label(table, column) != column, f"{table}.{column} has no label in labels_ja.yaml"


@pytest.mark.parametrize("year", range(1990, 2041))
def test_wareki_fiscal_year_reads_back_as_the_same_year(year: int) -> None:
    assert parse_fiscal_year(fiscal_year_label(year)) == year


def test_wareki_first_year_of_an_era_is_gannen() -> None:
    assert fiscal_year_label(2019) == "令和元年度" and fiscal_year_label(2025) == "令和7年度"


@pytest.mark.slow
def test_xlsx_has_a_sheet_per_table_with_japanese_labels_wareki_and_provenance(sample_corpus: Path,
                                                                               tmp_path: Path) -> None:
    from openpyxl import load_workbook

    import jinzai

    workbook = tmp_path / "corpus.xlsx"
    result = run("export", "--out", str(sample_corpus), "--format", "XLSX", "--output", str(workbook),
                 "--labels", "ja")
    assert result.returncode == 0, result.stderr
    book = load_workbook(workbook)
    assert book.sheetnames == [japanese_labels()["tables"][t] for t in TABLES]
    sheet = book[japanese_labels()["tables"]["targets"]]
    header = [c.value for c in sheet[1]]
    assert {"団体", "年度", "年度(和暦)", "ファイル", "ページ"} <= set(header) and "文書ID" not in header
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    expected = jinzai.open_corpus(sample_corpus).df("targets")
    assert len(rows) == len(expected)
    with_years = [r for r in rows if r["年度"] is not None]
    assert with_years and all(r["年度(和暦)"] == fiscal_year_label(r["年度"]) for r in with_years)
    assert all(r["ファイル"].endswith(".pdf") and r["ページ"] >= 1 for r in rows)


@pytest.mark.slow
def test_csv_folder_is_utf8_with_bom_by_default_and_cp932_on_request(sample_corpus: Path, tmp_path: Path) -> None:
    assert run("export", "--out", str(sample_corpus), "-f", "csv", "--tables", "roles,trainings",
               "-o", str(tmp_path / "bom")).returncode == 0
    assert sorted(p.name for p in (tmp_path / "bom").iterdir()) == ["roles.csv", "trainings.csv"]
    raw = (tmp_path / "bom" / "roles.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    by_bom = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))

    assert run("export", "--out", str(sample_corpus), "-f", "csv", "--tables", "roles", "--encoding", "cp932",
               "-o", str(tmp_path / "sjis")).returncode == 0
    by_sjis = list(csv.DictReader((tmp_path / "sjis" / "roles.csv").read_bytes().decode("cp932").splitlines()))
    assert sorted(r["name"] for r in by_sjis) == sorted(r["name"] for r in by_bom)
    assert any(r["city"] == "垂水市" for r in by_sjis)


@pytest.mark.slow
def test_an_unknown_table_is_a_usage_error(sample_corpus: Path, tmp_path: Path) -> None:
    result = run("export", "--out", str(sample_corpus), "--tables", "courses", "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode == 2 and "courses" in result.stderr and "trainings" in result.stderr
