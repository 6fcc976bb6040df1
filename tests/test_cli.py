"""`jinzai` as a user runs it: the console script (in-process: no PREFECT_API_URL; the flow mode is in
test_prefect_mode.py), Parquet read back by DuckDB."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import badfiles

pytestmark = pytest.mark.slow

JINZAI = str(Path(sys.executable).parent / "jinzai")


def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JINZAI, *args], capture_output=True, text=True, timeout=timeout)


def read(out: Path, table: str) -> list[dict]:
    # exactly as CONTRACT.md tells readers to
    query = f"SELECT * FROM read_parquet('{out}/{table}/**/*.parquet', hive_partitioning=true)"
    return duckdb.sql(query).to_arrow_table().to_pylist()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("cli") / "structured"
    return out, run("ingest", str(raw_dir), "--out", str(out))


def test_ingest_of_the_samples_succeeds_with_a_summary(corpus) -> None:
    out, result = corpus
    assert result.returncode == 0, result.stderr
    assert "documents ingested" in result.stdout and "│ 5 │" in result.stdout.replace(" ", "").replace("│5│", "│ 5 │")
    for stem in ("tarumizu", "soumu_casebook"):
        assert f"ingested {Path('data/raw').resolve() / stem}.pdf" in result.stdout.replace("\n", "")
    # the casebook's keyword index disagrees with its slides on one page: the summary says so
    assert "warning p.4: the keyword index gives page 46 for 茨城県笠間市" in result.stdout


def test_documents_read_back_by_duckdb_equal_the_answer_keys(corpus, gold_documents: dict) -> None:
    out, _ = corpus
    by_stem = {Path(d["source"]).stem: d for d in read(out, "documents")}
    assert set(by_stem) == set(gold_documents)
    for stem, gold in gold_documents.items():
        assert {field: by_stem[stem][field] for field in gold} == gold, stem
        assert by_stem[stem]["pages"] > 0 and len(by_stem[stem]["sha256"]) == 64


def test_a_second_run_skips_everything_and_writes_nothing(corpus, raw_dir: Path) -> None:
    out, _ = corpus
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    result = run("ingest", str(raw_dir), "--out", str(out))
    assert result.returncode == 0
    assert "skipped  " in result.stdout and "ingested /" not in result.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


def test_query_prints_tables_csv_and_json(corpus) -> None:
    out, _ = corpus
    sql = "SELECT municipality, count(*) AS n FROM current_roles JOIN documents USING (doc_id) " \
          "WHERE municipality IS NOT NULL GROUP BY ALL ORDER BY municipality"
    as_csv = run("query", sql, "--out", str(out), "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    counts = {row["municipality"]: int(row["n"]) for row in csv.DictReader(io.StringIO(as_csv.stdout))}
    assert set(counts) == {"垂水市", "各務原市", "国東市"} and all(n >= 3 for n in counts.values())

    as_json = run("query", "SELECT name FROM trainings ORDER BY name LIMIT 2", "--out", str(out), "-f", "json")
    assert [set(r) for r in json.loads(as_json.stdout)] == [{"name"}, {"name"}]

    as_table = run("query", "SELECT count(*) AS documents FROM documents", "--out", str(out))
    assert "documents" in as_table.stdout and "1 rows" in as_table.stdout


def test_a_bad_query_is_a_usage_error_listing_the_tables(corpus) -> None:
    out, _ = corpus
    result = run("query", "SELECT * FROM nowhere", "--out", str(out))
    assert result.returncode == 2
    assert "nowhere" in result.stderr and "current_targets" in result.stderr


def test_a_batch_with_bad_files_exits_1_and_still_writes_the_good_ones(tmp_path: Path, raw_dir: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(raw_dir / "kunisaki.pdf", folder)
    bad = [badfiles.encrypted(folder), badfiles.zero_bytes(folder)]
    out = tmp_path / "out"

    result = run("ingest", str(folder), "--out", str(out))

    assert result.returncode == 1
    for path, kind in zip(bad, ("encrypted", "empty")):
        assert f"[{kind}] {path.resolve()}" in result.stderr.replace("\n", "")
    assert {Path(d["source"]).name for d in read(out, "documents")} == {"kunisaki.pdf"}
    assert {f["error_kind"] for f in read(out, "failures")} == {"encrypted", "empty"}


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("ingest", str(tmp_path / "missing.pdf")).returncode == 2
    assert run("query", "SELECT 1", "--out", str(tmp_path / "nothing-here")).returncode == 2


@pytest.mark.parametrize("command", ["ingest", "query", "eval"])
def test_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and "--out" in result.stdout
