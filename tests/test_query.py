"""SQL over a local corpus: views from the table folders, only those a statement names,
and no schema models or pyarrow loaded to answer it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jinzai.pipeline.ingest import ingest_paths
from jinzai.pipeline.query import connect, view_names


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("query")
    shutil.copy(raw_dir / "kunisaki.pdf", root / "kunisaki.pdf")
    report = ingest_paths([root / "kunisaki.pdf"], root / "out", workers=1)
    return root / "out", report.outcomes[0].counts


def test_every_table_and_its_current_view_is_there(corpus) -> None:
    out, counts = corpus
    names = view_names(connect(out))
    assert {"documents", "current_documents", "roles", "current_roles", "failures"} <= set(names)
    assert "current_failures" not in names
    assert connect(out).sql("SELECT count(*) FROM current_skills").fetchall() == [(counts["skills"],)]


def test_a_statement_gets_views_for_the_tables_it_names(corpus) -> None:
    out, counts = corpus
    sql = "SELECT count(*) FROM current_roles"
    con = connect(out, for_sql=sql)
    assert con.sql(sql).fetchall() == [(counts["roles"],)]
    assert set(view_names(con)) == {"roles", "current_roles", "documents", "current_documents"}


def test_a_local_query_loads_neither_pyarrow_nor_the_models(corpus) -> None:
    out, counts = corpus
    script = ("import sys; from jinzai.pipeline.query import connect; "
              f"print(connect({str(out)!r}, for_sql='select count(*) from roles').sql('select count(*) from roles')"
              ".fetchall()[0][0], 'pyarrow' in sys.modules, 'jinzai.models' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == [str(counts["roles"]), "False", "False"]
