"""`jinzai report`: one self-contained HTML page whose figures are the corpus's and the evaluation's."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import jinzai
from jinzai.pipeline.access.pages import CANONICAL_ROLES
from jinzai.pipeline.evaluation import evaluate

pytestmark = pytest.mark.slow

JINZAI = str(Path(sys.executable).parent / "jinzai")
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def report(sample_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    output = tmp_path_factory.mktemp("report") / "report.html"
    result = subprocess.run([JINZAI, "report", "--out", str(sample_corpus), "--output", str(output),
                             "--gold", str(GOLD)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8")


def cells(html: str, table_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="{table_class}">(.*?)</table>', html, re.S)
    assert table, table_class
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in rows]


def test_the_page_is_self_contained(report: str) -> None:
    assert "<script" not in report and "<link" not in report
    assert not re.search(r'(src|href)="(https?:)?//', report)


def test_coverage_counts_current_documents_revisions_and_records(report: str, sample_corpus: Path) -> None:
    corpus = jinzai.open_corpus(sample_corpus)
    figures = {row[0]: int(row[1]) for row in cells(report, "coverage")}
    assert figures["documents (current)"] == len(corpus.df("documents"))
    assert figures["revisions (all)"] == len(corpus.df("documents", all_revisions=True))
    assert figures["revisions (all)"] > figures["documents (current)"]
    assert figures["pages"] == int(corpus.df("documents").pages.sum())
    records = {row[0]: (int(row[1]), int(row[2])) for row in cells(report, "records")[1:]}
    assert records["targets"] == (len(corpus.df("targets")), len(corpus.df("targets", all_revisions=True)))
    blocks = corpus.df("blocks")
    unread = {row[0]: (int(row[1]), int(row[2])) for row in cells(report, "unread")[1:]}
    assert unread == {kind: (int((group.read_as == "none").sum()), len(group)) for kind, group in blocks.groupby("kind")}


def test_one_chart_per_city_with_yearly_targets_and_a_row_per_canonical_role(report: str,
                                                                             sample_corpus: Path) -> None:
    corpus = jinzai.open_corpus(sample_corpus)
    cities = corpus.targets_by_year().index.get_level_values("city").unique()
    assert len(cities) > 0 and report.count('<svg class="chart"') == len(cities)
    roles = cells(report, "role-coverage")
    assert [r[0].split()[-1] for r in roles[1:len(CANONICAL_ROLES) + 1]] == list(CANONICAL_ROLES)


def test_scorecard_shows_the_evaluations_figures(report: str, sample_corpus: Path) -> None:
    expected = evaluate(sample_corpus, GOLD).to_json()["summary"]["tables"]
    shown = {row[0]: row[1:] for row in cells(report, "scorecard")[1:]}
    assert set(shown) == set(expected)
    for table, figures in expected.items():
        f1 = "—" if figures["f1"] is None else f"{figures['f1']:.3f}"
        assert shown[table][:3] == [str(figures["gold"]), str(figures["output"]), str(figures["matched"])]
        assert shown[table][-1] == f1
