"""Tables without ruling lines read as well as ruled ones (issue 16's bar): the development
corpus (`../shared/corpus`) and the unseen corpus with every vector drawing removed — no
rulings, no cell fills, no frames, the text where it was — ingested and scored against the
same answer keys with the project's evaluation code, at each corpus's usual bars.

Each corpus is stripped and ingested once per session; each bar is its own test.
"""

from __future__ import annotations


import pytest

from corpus_scores import SHARED, UNSEEN, Corpus, scored, table_f1_failure
from jinzai.pipeline.evaluation import EvaluationReport
from pdfs import without_drawings

pytestmark = pytest.mark.slow

# each corpus at the bars of its own score test (test_shared_corpus_scores.py, test_unseen_corpus_scores.py)
CORPORA = {corpus.name: corpus for corpus in (SHARED, UNSEEN)}


def _stripped_report(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> EvaluationReport:
    if not corpus.gold.is_dir():
        pytest.skip(f"no corpus at {corpus.gold} (CI lays ../shared beside the checkout)")
    folder = tmp_path_factory.mktemp(f"{corpus.name}-unruled")
    for pdf in sorted(corpus.pdfs.glob("*.pdf")):
        without_drawings(pdf, folder / pdf.name)
    return scored(folder, corpus.gold, tmp_path_factory.mktemp(f"{corpus.name}-unruled-out"))


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, EvaluationReport]:
    return request.param, _stripped_report(CORPORA[request.param], tmp_path_factory)


def test_every_answer_key_has_an_output_document(corpus: tuple[str, EvaluationReport]) -> None:
    _, report = corpus
    assert report.without_output == []


def test_micro_f1(corpus: tuple[str, EvaluationReport]) -> None:
    name, report = corpus
    assert report.micro_f1 is not None and report.micro_f1 >= CORPORA[name].micro_f1_bar, (name, report.micro_f1)


def test_table_f1(corpus: tuple[str, EvaluationReport]) -> None:
    name, report = corpus
    corpus = CORPORA[name]
    failures = [failure for table in corpus.tables if (failure := table_f1_failure(report, table, corpus.table_f1_bar))]
    assert not failures, (name, failures)
