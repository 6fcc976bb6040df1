"""The sample corpus scored against its answer keys (tests/gold), with issue 4's bars.

data/raw is ingested once per session; every bar is its own test, so a failure
names the bar that broke.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jinzai.pipeline.evaluation import EvaluationReport, evaluate, format_report

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "gold"
PDF_DIR = REPO / "data" / "raw"
EVALUATE_PY = REPO.parent / "shared" / "tools" / "evaluate.py"

F1_BAR = 0.95
FIELD_BAR = 0.95
PROVENANCE_BAR = 0.98
F1_TABLES = ["roles", "skills", "trainings", "training_audience", "targets", "levels", "cases"]
CASE_FIELDS = ["municipality", "prefecture", "population", "title", "keywords"]
NOT_IN_A_CASEBOOK = ["roles", "skills", "trainings"]


def answer_keys() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}


DOCUMENT_FIELDS = sorted({name for key in answer_keys().values() for name in key["document"]})
CASEBOOKS = [stem for stem, key in answer_keys().items() if key["document"].get("doc_kind") == "casebook"]


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/raw ingested once into a temporary directory."""
    from jinzai.pipeline.ingest import ingest_paths

    out_dir = tmp_path_factory.mktemp("corpus")
    ingest_paths([PDF_DIR], out_dir)
    return out_dir


@pytest.fixture(scope="session")
def report(corpus_dir: Path) -> EvaluationReport:
    report = evaluate(corpus_dir, GOLD_DIR, PDF_DIR)
    print(format_report(report, verbose=True))  # shown by pytest when a bar fails
    return report


def test_every_answer_key_has_an_output_document(report: EvaluationReport) -> None:
    assert report.without_output == []


@pytest.mark.parametrize("table", F1_TABLES)
def test_table_f1(report: EvaluationReport, table: str) -> None:
    score = report.tables[table]
    misses = {stem: (d.tables[table].missed, d.tables[table].unmatched)
              for stem, d in report.documents.items() if d.tables[table].missed or d.tables[table].unmatched}
    assert score.f1 is not None and score.f1 >= F1_BAR, (
        f"{table}: F1 {score.f1} (gold {score.gold}, output {score.output}, matched {score.matched}); "
        f"(missed, unmatched) per document: {misses}")


def test_role_canonical_accuracy(report: EvaluationReport) -> None:
    accuracy = report.fields["roles.canonical"].accuracy
    assert accuracy is not None and accuracy >= FIELD_BAR


@pytest.mark.parametrize("name", CASE_FIELDS)
def test_case_field_accuracy(report: EvaluationReport, name: str) -> None:
    score = report.fields.get(f"cases.{name}")
    assert score is not None and score.accuracy is not None and score.accuracy >= FIELD_BAR, score


@pytest.mark.parametrize("table", NOT_IN_A_CASEBOOK)
def test_casebook_has_no_rows(report: EvaluationReport, table: str) -> None:
    assert CASEBOOKS, "the answer keys hold no casebook"
    for stem in CASEBOOKS:
        assert report.documents[stem].doc_ids, f"{stem}: no output document"
        assert report.documents[stem].tables[table].output == 0, report.documents[stem].tables[table].unmatched


def test_provenance(report: EvaluationReport) -> None:
    overall = report.provenance_overall
    assert overall.checked > 0 and overall.share is not None and overall.share >= PROVENANCE_BAR, (
        f"{overall.found}/{overall.checked} on their page")


@pytest.mark.parametrize("name", DOCUMENT_FIELDS)
def test_document_field_accuracy(report: EvaluationReport, name: str) -> None:
    score = report.fields.get(f"documents.{name}")
    assert score is not None and score.total >= len(report.documents), f"documents.{name} not scored"
    assert score.accuracy == 1.0, [w for d in report.documents.values() for w in d.wrong_fields
                                   if w.startswith(f"documents.{name} ")]


@pytest.mark.skipif(not EVALUATE_PY.is_file(), reason="needs ../shared/tools/evaluate.py")
def test_figures_agree_with_evaluate_py(corpus_dir: Path, report: EvaluationReport, tmp_path: Path) -> None:
    theirs_path = tmp_path / "evaluate.json"
    subprocess.run([sys.executable, str(EVALUATE_PY), "--out", str(corpus_dir), "--gold-dir", str(GOLD_DIR),
                    "--pdf-dir", str(PDF_DIR), "--json", str(theirs_path)], check=True, capture_output=True)
    theirs = json.loads(theirs_path.read_text(encoding="utf-8"))
    mine = report.to_json()
    assert mine["summary"] == theirs["summary"]
    assert mine["documents"] == theirs["documents"]
