"""`jinzai.open_corpus`: tables, SQL and the researchers' questions, read back from a real corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import jinzai
from jinzai.pipeline.access.corpus import REQUIREMENT_MARKS, CorpusError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(sample_corpus: Path) -> jinzai.Corpus:
    return jinzai.open_corpus(sample_corpus)


def test_import_jinzai_loads_nothing_until_open_corpus_is_used() -> None:
    code = "import sys, jinzai; print('jinzai.pipeline' in sys.modules, callable(jinzai.open_corpus))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_the_architecture_folders_still_import_under_jinzai() -> None:
    import jinzai.models
    import jinzai.normalizers.text

    assert "roles" in jinzai.models.TABLES
    assert jinzai.normalizers.text.normalize_text("ＤＸ") == "DX"


def test_tables_are_current_revisions_unless_all_are_asked_for(corpus: jinzai.Corpus) -> None:
    documents = corpus.df("documents", all_revisions=True)
    revised = documents[documents.revision == 2]
    assert len(revised) == 1 and len(corpus.df("documents")) == len(documents) - 1
    superseded = set(documents[~documents.is_current].doc_id)
    current_targets = corpus.df("targets")
    all_targets = corpus.df("targets", all_revisions=True)
    assert not set(current_targets.doc_id) & superseded
    assert set(all_targets.doc_id) & superseded
    assert len(all_targets) > len(current_targets)


def test_a_table_is_also_a_duckdb_relation_and_sql_sees_the_same_rows(corpus: jinzai.Corpus) -> None:
    by_relation = dict(corpus.table("roles").aggregate("canonical, count(*)").fetchall())
    by_sql = dict(corpus.sql("SELECT canonical, count(*) FROM current_roles GROUP BY 1").fetchall())
    by_frame = corpus.df("roles").groupby("canonical", dropna=False).size().to_dict()
    assert by_relation == by_sql
    assert {k: v for k, v in by_sql.items() if k is not None} == {k: v for k, v in by_frame.items() if k == k}


def test_an_unknown_table_names_the_tables(corpus: jinzai.Corpus) -> None:
    with pytest.raises(CorpusError, match="trainings"):
        corpus.table("courses")


def test_normalize_folds_a_query_the_way_stored_text_was_folded(corpus: jinzai.Corpus) -> None:
    assert corpus.sql("SELECT normalize('ＩＴパスポート'), normalize(NULL)").fetchall()[0] == ("ITパスポート", None)
    found = corpus.sql("SELECT count(*) FROM current_trainings WHERE name LIKE '%' || normalize('ＤＸ') || '%'")
    plain = corpus.sql("SELECT count(*) FROM current_trainings WHERE name LIKE '%DX%'")
    assert found.fetchall()[0] == plain.fetchall()[0] != (0,)


def test_role_crosswalk_lists_each_citys_names_for_a_canonical_role(corpus: jinzai.Corpus) -> None:
    crosswalk = corpus.role_crosswalk()
    roles = corpus.sql("SELECT d.municipality, r.name, r.canonical FROM current_roles r "
                       "JOIN current_documents d USING (doc_id) WHERE d.municipality IS NOT NULL "
                       "AND r.canonical IS NOT NULL").fetchall()
    assert roles
    for city, name, canonical in roles:
        assert name in crosswalk.loc[canonical, city].split("、")


def test_targets_by_year_are_the_current_revisions_values(corpus: jinzai.Corpus) -> None:
    table = corpus.targets_by_year("垂水市")
    rows = corpus.sql("SELECT role, metric, fiscal_year, sum(value) FROM current_targets t "
                      "JOIN current_documents d USING (doc_id) WHERE d.municipality = '垂水市' "
                      "AND fiscal_year IS NOT NULL AND t.municipality IS NULL GROUP BY ALL").fetchall()
    assert rows
    for role, metric, year, value in rows:
        matching = table.xs(("垂水市", role or "", metric), level=("city", "role", "metric"))
        assert matching[year].iloc[0] == value


def test_audience_matrix_marks_each_training_and_role_as_stored(corpus: jinzai.Corpus) -> None:
    matrix = corpus.audience_matrix("垂水市")
    rows = corpus.sql("SELECT a.training_id, t.name, a.role, a.requirement FROM current_training_audience a "
                      "JOIN current_trainings t USING (doc_id, training_id) JOIN current_documents d USING (doc_id) "
                      "WHERE d.municipality = '垂水市'").fetchall()
    assert rows
    for training_id, training, role, requirement in rows:
        assert matrix.loc[(training_id, training), role] == REQUIREMENT_MARKS[requirement]


def test_a_city_without_a_document_is_a_clear_error(corpus: jinzai.Corpus) -> None:
    with pytest.raises(CorpusError, match="垂水市"):
        corpus.audience_matrix("どこにもない市")


def test_a_missing_folder_says_to_ingest_first(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="jinzai ingest"):
        jinzai.open_corpus(tmp_path / "nothing")


def test_sandboxed_sql_reads_the_corpus_but_no_other_file(sample_corpus: Path, tmp_path: Path) -> None:
    import duckdb

    outside = tmp_path / "secret.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    sandboxed = jinzai.open_corpus(sample_corpus)
    assert sandboxed.sql("SELECT count(*) FROM current_roles").fetchall()[0][0] > 0
    with pytest.raises(duckdb.Error, match="Permission"):
        sandboxed.sql(f"SELECT * FROM read_csv('{outside}')").fetchall()
    with pytest.raises(duckdb.Error):
        sandboxed.sql("SET enable_external_access = true")
