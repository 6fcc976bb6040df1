"""The unseen corpus (tests/unseen_corpus: policies from producers and cities the sample
corpus does not have, see its README) scored against its answer keys with the project's
evaluation code: issue 11's bars for documents not tuned for.

Ingested once per session; each bar is its own test, so a failure names the bar.
"""

from __future__ import annotations


import pytest

from corpus_scores import UNSEEN, scored, table_f1_failure
from jinzai.pipeline.evaluation import EvaluationReport

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> EvaluationReport:
    return scored(UNSEEN.pdfs, UNSEEN.gold, tmp_path_factory.mktemp("unseen"))


def test_every_answer_key_has_an_output_document(report: EvaluationReport) -> None:
    assert report.without_output == []


def test_micro_f1(report: EvaluationReport) -> None:
    assert report.micro_f1 is not None and report.micro_f1 >= UNSEEN.micro_f1_bar, report.micro_f1


@pytest.mark.parametrize("table", UNSEEN.tables)
def test_table_f1(report: EvaluationReport, table: str) -> None:
    failure = table_f1_failure(report, table, UNSEEN.table_f1_bar)
    assert failure is None, failure
