"""Tables without ruling lines read as well as ruled ones (issue 16's bar): the development
corpus (`../shared/corpus`) and the unseen corpus with every vector drawing removed — no
rulings, no cell fills, no frames, the text where it was — ingested and scored against the
same answer keys with the project's evaluation code, at each corpus's usual bars.

Each corpus is stripped and ingested once per session; each bar is its own test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_scores import scored, table_f1_failure
from jinzai.pipeline.evaluation import EvaluationReport
from pdfs import without_drawings

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
UNSEEN = Path(__file__).resolve().parent / "unseen_corpus"
# (pdf folder, answer keys, micro-F1 bar, per-table bar, scored tables): the bars of
# test_shared_corpus_scores.py and test_unseen_corpus_scores.py.
CORPORA = {
    "shared": (SHARED / "pdf", SHARED / "gold", 0.95, 0.90,
               ["roles", "skills", "trainings", "training_audience", "targets", "levels", "cases"]),
    "unseen": (UNSEEN, UNSEEN, 0.90, 0.80, ["roles", "skills", "trainings", "training_audience", "targets", "levels"]),
}


def _stripped_report(name: str, tmp_path_factory: pytest.TempPathFactory) -> EvaluationReport:
    pdfs, gold, *_ = CORPORA[name]
    if not gold.is_dir():
        pytest.skip(f"no corpus at {gold} (CI lays ../shared beside the checkout)")
    folder = tmp_path_factory.mktemp(f"{name}-unruled")
    for pdf in sorted(pdfs.glob("*.pdf")):
        without_drawings(pdf, folder / pdf.name)
    return scored(folder, gold, tmp_path_factory.mktemp(f"{name}-unruled-out"))


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, EvaluationReport]:
    return request.param, _stripped_report(request.param, tmp_path_factory)


def test_every_answer_key_has_an_output_document(corpus: tuple[str, EvaluationReport]) -> None:
    _, report = corpus
    assert report.without_output == []


def test_micro_f1(corpus: tuple[str, EvaluationReport]) -> None:
    name, report = corpus
    bar = CORPORA[name][2]
    assert report.micro_f1 is not None and report.micro_f1 >= bar, (name, report.micro_f1)


def test_table_f1(corpus: tuple[str, EvaluationReport]) -> None:
    name, report = corpus
    _, _, _, bar, tables = CORPORA[name]
    failures = [failure for table in tables if (failure := table_f1_failure(report, table, bar))]
    assert not failures, (name, failures)
