"""Never lose or mix a city's records (issue 17): source identity, one writer at a time, no crash
window, a bad file never breaks the corpus, read-only queries.

Real PDFs (copies of the samples under generic names), real Parquet read back through
`jinzai.pipeline.query.connect`, real processes for the lock and the crash window.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revised import resaved
from jinzai.models import Document, Role, to_arrow
from jinzai.pipeline.diff import diff_revisions
from jinzai.pipeline.ingest import ingest_paths
from jinzai.pipeline.query import QueryError, connect, run_query
from jinzai.pipeline.store import Store, StoreSettings, broken_invariants

KUNISAKI = "kunisaki.pdf"  # 国東市, 8 pages
TARUMIZU = "tarumizu.pdf"  # 垂水市, 10 pages


def copy_as(raw_dir: Path, sample: str, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(raw_dir / sample, dest))


def current(out: Path) -> list[tuple[str | None, int]]:
    """(municipality, revision) of every current revision, as a researcher's query sees them."""
    return sorted(connect(out).sql("SELECT municipality, revision FROM current_documents").fetchall())


def assert_one_current_revision_per_source(out: Path) -> None:
    documents = Store(out).documents()
    assert broken_invariants(documents) == []
    con = connect(out)
    doubled = con.sql("SELECT doc_id, count(*) FROM current_documents GROUP BY doc_id HAVING count(*) > 1").fetchall()
    assert doubled == []


# ------------------------------------------------------------------ 1. identity


def test_two_cities_same_file_name_in_two_batches_are_two_sources(tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([copy_as(raw_dir, KUNISAKI, tmp_path / "a" / "houshin.pdf")], out, workers=1)
    report = ingest_paths([copy_as(raw_dir, TARUMIZU, tmp_path / "b" / "houshin.pdf")], out, workers=1)

    assert [o.reason for o in report.outcomes] == ["new"]
    assert current(out) == [("国東市", 1), ("垂水市", 1)], "the first city stays current"
    assert sorted(d.source_id for d in Store(out).documents()) == ["442143-houshin", "462144-houshin"]
    roles = connect(out).sql("SELECT DISTINCT d.municipality FROM current_roles JOIN documents d USING (doc_id)")
    assert sorted(r[0] for r in roles.fetchall()) == ["国東市", "垂水市"]


def test_two_cities_same_file_name_in_one_batch_are_two_sources(tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    inputs = [copy_as(raw_dir, KUNISAKI, tmp_path / "a" / "houshin.pdf"),
              copy_as(raw_dir, TARUMIZU, tmp_path / "b" / "houshin.pdf")]
    ingest_paths(inputs, out, workers=1)
    assert current(out) == [("国東市", 1), ("垂水市", 1)]
    assert len({d.source_id for d in Store(out).documents()}) == 2


def test_names_that_differ_only_by_space_or_underscore_do_not_collide(tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([copy_as(raw_dir, KUNISAKI, tmp_path / "in" / "my plan.pdf"),
                  copy_as(raw_dir, TARUMIZU, tmp_path / "in" / "my_plan.pdf")], out, workers=1)
    assert current(out) == [("国東市", 1), ("垂水市", 1)]


def test_the_same_bytes_under_two_names_keep_both_names(tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    first = copy_as(raw_dir, KUNISAKI, tmp_path / "in" / "houshin.pdf")
    second = copy_as(raw_dir, KUNISAKI, tmp_path / "in" / "kunisaki-2025.pdf")
    report = ingest_paths([first, second], out, workers=1)

    assert sorted(o.status for o in report.outcomes) == ["ingested", "skipped"]
    [document] = Store(out).documents()
    assert {document.source, *document.aliases} == {str(first.resolve()), str(second.resolve())}
    again = ingest_paths([first, second], out, workers=1)
    assert [o.reason for o in again.outcomes] == ["unchanged", "unchanged"]


def test_a_revised_edition_under_another_name_is_the_next_revision(tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    original = copy_as(raw_dir, KUNISAKI, tmp_path / "2024" / "houshin.pdf")
    ingest_paths([original], out, workers=1)
    revised = resaved(original, "改定", tmp_path / "2025" / "houshin_kaitei.pdf")
    report = ingest_paths([revised], out, workers=1)

    [outcome] = report.outcomes
    assert outcome.reason == "revision 2 of 442143-houshin"
    assert current(out) == [("国東市", 2)]
    assert diff_revisions(out, str(revised)).new.revision == 2, "diff takes a file path"
    assert diff_revisions(out, str(original)).source_id == "442143-houshin"


def test_a_path_that_now_reads_as_another_document_is_a_new_source_with_a_warning(
        tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    path = copy_as(raw_dir, KUNISAKI, tmp_path / "in" / "houshin.pdf")
    ingest_paths([path], out, workers=1)
    shutil.copy(raw_dir / TARUMIZU, path)  # another city's document saved over it
    [outcome] = ingest_paths([path], out, workers=1).outcomes

    assert outcome.reason == "new"
    assert any("was source 442143-houshin" in w and "stays current" in w for w in outcome.warnings)
    assert current(out) == [("国東市", 1), ("垂水市", 1)]


# ------------------------------------------------------------------ 2. one writer at a time

# Each writer is the `jinzai ingest` command, as users run two of them at once.
JINZAI = str(Path(sys.executable).parent / "jinzai")


def test_two_processes_ingesting_into_one_corpus_leave_one_current_revision_each(
        tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    a = [copy_as(raw_dir, KUNISAKI, tmp_path / "a" / "houshin.pdf"),
         copy_as(raw_dir, TARUMIZU, tmp_path / "a" / "keikaku.pdf")]
    b = [resaved(raw_dir / KUNISAKI, "another edition", tmp_path / "b" / "houshin.pdf"),
         copy_as(raw_dir, "kakamigahara.pdf", tmp_path / "b" / "keikaku.pdf")]
    runs = [subprocess.Popen([JINZAI, "ingest", *map(str, files), "--out", str(out), "--workers", "1"],
                             stdout=subprocess.DEVNULL) for files in (a, b)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]

    assert_one_current_revision_per_source(out)
    documents = Store(out).documents()
    assert sorted((d.municipality, d.revision) for d in documents) == [
        ("各務原市", 1), ("国東市", 1), ("国東市", 2), ("垂水市", 1)]
    assert current(out) == [("各務原市", 1), ("国東市", 2), ("垂水市", 1)]


# ------------------------------------------------------------------ 3. no crash window

KILLED_BETWEEN_WRITES = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from jinzai.pipeline import store
    from jinzai.pipeline.ingest import ingest_paths

    def killed(self, documents):  # the revision's record files are written, documents is not
        os.kill(os.getpid(), signal.SIGKILL)

    store.Writer._write_documents = killed
    ingest_paths([Path(sys.argv[2])], sys.argv[1], workers=1)
""")


def test_a_process_killed_between_the_two_writes_leaves_the_last_committed_state(
        tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "out"
    original = copy_as(raw_dir, KUNISAKI, tmp_path / "in" / "houshin.pdf")
    ingest_paths([original], out, workers=1)
    roles_before = connect(out).sql("SELECT count(*) FROM current_roles").fetchall()
    resaved(original, "revised")

    killed = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_WRITES, str(out), str(original)], timeout=300)

    assert killed.returncode == -9
    assert [(d.revision, d.is_current) for d in Store(out).documents()] == [(1, True)]
    assert connect(out).sql("SELECT count(*) FROM current_roles").fetchall() == roles_before
    assert len(list((out / "roles").glob("[!_]*.parquet"))) == 2, "the killed revision's records are on disk"
    (out / "roles" / ".stray.parquet.0123.tmp").write_bytes(b"half")

    report = ingest_paths([original], out, workers=1)

    assert any("temporary file" in note for note in report.notes)
    assert [(d.revision, d.is_current) for d in sorted(Store(out).documents(), key=lambda d: d.revision)] == [
        (1, False), (2, True)]
    assert connect(out).sql("SELECT count(*) FROM current_roles").fetchall() == roles_before
    assert not list(out.rglob(".*.tmp"))


def test_two_current_revisions_left_by_an_older_run_are_repaired_and_reported(
        tmp_path: Path, raw_dir: Path) -> None:
    # The earlier layout wrote one documents file per revision and could be killed between them.
    out = tmp_path / "out"
    original = copy_as(raw_dir, KUNISAKI, tmp_path / "in" / "houshin.pdf")
    ingest_paths([original], out, workers=1)
    ingest_paths([resaved(original, "revised")], out, workers=1)
    documents = Store(out).documents()
    (out / "documents" / "documents.parquet").unlink()
    for document in documents:  # both current, both revision 1: what the crash left
        broken = document.model_copy(update={"is_current": True, "superseded_by": None, "revision": 1})
        pq.write_table(to_arrow(Document, [broken]), out / "documents" / f"{document.doc_id}.parquet")
    assert connect(out).sql("SELECT count(*) FROM current_documents").fetchall() == [(2,)]

    report = ingest_paths([copy_as(raw_dir, TARUMIZU, tmp_path / "in" / "keikaku.pdf")], out, workers=1)

    assert any("repaired source 442143-houshin" in note and "2 current revisions" in note for note in report.notes)
    assert_one_current_revision_per_source(out)
    assert current(out) == [("国東市", 2), ("垂水市", 1)]
    assert [p.name for p in (out / "documents").glob("[!_]*.parquet")] == ["documents.parquet"]


# ------------------------------------------------------------------ 4. one bad file never breaks the corpus


@pytest.fixture
def ingested(tmp_path: Path, raw_dir: Path) -> Path:
    out = tmp_path / "out"
    ingest_paths([copy_as(raw_dir, KUNISAKI, tmp_path / "in" / KUNISAKI)], out, workers=1)
    return out


def test_a_zero_byte_and_a_foreign_parquet_file_are_reported_and_skipped(
        ingested: Path, tmp_path: Path, raw_dir: Path) -> None:
    roles = connect(ingested).sql("SELECT count(*) FROM roles").fetchall()
    (ingested / "roles" / "empty.parquet").write_bytes(b"")
    pq.write_table(pa.table({"a": [1]}), ingested / "targets" / "foreign.parquet")
    problems: list[str] = []

    assert connect(ingested, on_problem=problems.append).sql("SELECT count(*) FROM roles").fetchall() == roles
    assert any("empty.parquet" in p for p in problems) and any("foreign.parquet" in p for p in problems)
    report = ingest_paths([copy_as(raw_dir, TARUMIZU, tmp_path / "in" / TARUMIZU)], ingested, workers=1)
    assert report.exit_code == 0
    assert any("empty.parquet" in note and "_quarantine" in note for note in report.notes)
    assert current(ingested) == [("国東市", 1), ("垂水市", 1)]


def test_a_hand_written_row_in_documents_is_reported_and_skipped(
        ingested: Path, tmp_path: Path, raw_dir: Path) -> None:
    pq.write_table(pa.table({"doc_id": ["mine"], "comment": ["added by hand"]}),
                   ingested / "documents" / "notes.parquet")

    store = Store(ingested)
    assert [d.municipality for d in store.documents()] == ["国東市"]
    assert any("notes.parquet" in p for p in store.problems)
    report = ingest_paths([copy_as(raw_dir, TARUMIZU, tmp_path / "in" / TARUMIZU)], ingested, workers=1)
    assert report.exit_code == 0
    assert any("notes.parquet" in note for note in report.notes)
    assert current(ingested) == [("国東市", 1), ("垂水市", 1)]


# ------------------------------------------------------------------ 5. read-only queries


@pytest.mark.parametrize("sql", [
    "COPY roles TO '{out}/roles/poison.parquet'",
    "ATTACH '{tmp}/new.duckdb'",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_csv('/etc/passwd')",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
])
def test_queries_cannot_write_attach_install_or_read_outside_the_corpus(ingested: Path, tmp_path: Path,
                                                                         sql: str) -> None:
    statement = sql.format(out=ingested, tmp=tmp_path)
    with pytest.raises((QueryError, duckdb.Error)) as refused:
        run_query(connect(ingested), statement)
    assert "\n" not in str(refused.value).strip() or isinstance(refused.value, duckdb.Error)
    with pytest.raises(duckdb.Error):  # the API connection refuses it too, without the statement check
        connect(ingested).execute(statement)
    assert not (ingested / "roles" / "poison.parquet").exists() and not (tmp_path / "new.duckdb").exists()


@pytest.mark.parametrize("sql", [
    "COPY roles TO '{file}' (FORMAT csv, USE_TMP_FILE false)",
    "COPY roles TO '{file}'",
    "EXPORT DATABASE '{folder}'",
    "ATTACH '{file}' AS other",
])
def test_statements_aimed_at_the_corpus_own_files_are_refused_and_leave_them_unchanged(
        ingested: Path, sql: str) -> None:
    [roles_file] = (ingested / "roles").glob("[!_]*.parquet")
    before = roles_file.read_bytes()
    statement = sql.format(file=roles_file, folder=ingested / "roles")

    with pytest.raises(QueryError):
        run_query(connect(ingested), statement)
    assert roles_file.read_bytes() == before


def test_a_query_connection_reads_the_files_without_pyarrow_or_the_models(ingested: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from jinzai.pipeline.query import connect
        con = connect({str(ingested)!r})
        print(con.sql("SELECT count(*) FROM current_roles").fetchall()[0][0])
        print(sorted(m for m in ("pyarrow", "pydantic", "jinzai.models", "fsspec") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    count, imported = done.stdout.splitlines()
    assert int(count) > 0
    assert imported == "[]"


def test_a_connection_without_the_relation_api_runs_sql_on_the_engine_alone(ingested: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from jinzai.pipeline.query import connect, run_query
        con = connect({str(ingested)!r}, relation_api=False)
        result = run_query(con, "SELECT count(*) AS n FROM current_roles")
        print([column[0] for column in result.description], result.fetchall()[0][0])
        print("duckdb" in sys.modules, hasattr(con, "sql"))
        import duckdb  # the package adds its relations to the connection it already made
        print(con.sql("SELECT count(*) FROM current_roles").fetchall()[0][0])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    columns_and_count, loaded, relation_count = done.stdout.splitlines()
    expected = connect(ingested).sql("SELECT count(*) FROM current_roles").fetchall()[0][0]
    assert expected > 0
    assert columns_and_count == f"['n'] {expected}"
    assert loaded == "False False"
    assert int(relation_count) == expected


def test_a_corpus_where_every_input_failed_has_its_failures_and_empty_tables(tmp_path: Path) -> None:
    page = tmp_path / "in" / "saved-page.pdf"
    page.parent.mkdir()
    page.write_text("<html>not found</html>", encoding="utf-8")
    ingest_paths([page], tmp_path / "out", workers=1)

    con = connect(tmp_path / "out")
    assert con.sql("SELECT count(*) FROM current_documents").fetchall() == [(0,)]
    assert con.sql("SELECT count(*) FROM current_roles").fetchall() == [(0,)]
    assert con.sql("SELECT source FROM failures").fetchall() == [(str(page.resolve()),)]


def test_a_schema_file_an_older_version_left_is_rewritten_by_the_next_writer(ingested: Path, tmp_path: Path,
                                                                              raw_dir: Path) -> None:
    schema_file = ingested / "roles" / "_schema.parquet"
    old = pq.read_table(schema_file)
    pq.write_table(old.drop_columns([old.column_names[-1]]), schema_file)  # as if the model gained a column since
    assert pq.read_schema(schema_file).names != old.column_names

    ingest_paths([copy_as(raw_dir, TARUMIZU, tmp_path / "in" / TARUMIZU)], ingested, workers=1)

    assert pq.read_schema(schema_file).names == old.column_names
    assert connect(ingested).table("roles").columns == old.column_names


def test_a_corpus_folder_named_like_a_glob_is_read_as_a_folder(ingested: Path, tmp_path: Path) -> None:
    odd = tmp_path / "glob[1]"
    shutil.copytree(ingested, odd)
    expected = connect(ingested).sql("SELECT count(*) FROM roles").fetchall()
    assert expected != [(0,)]
    assert connect(odd).sql("SELECT count(*) FROM roles").fetchall() == expected


def test_record_files_of_unlisted_documents_are_invisible(ingested: Path) -> None:
    [roles_file] = (ingested / "roles").glob("[!_]*.parquet")
    shutil.copy(roles_file, ingested / "roles" / "ffffffffffffffff.parquet")
    table = pq.read_table(roles_file)
    pq.write_table(table.set_column(table.schema.get_field_index("doc_id"), "doc_id",
                                    pa.array(["ffffffffffffffff"] * len(table))),
                   ingested / "roles" / "ffffffffffffffff.parquet")
    assert connect(ingested).sql("SELECT count(DISTINCT doc_id) FROM roles").fetchall() == [(1,)]


def test_the_query_command_refuses_a_write_with_one_line(ingested: Path) -> None:
    result = subprocess.run([JINZAI, "query", f"COPY roles TO '{ingested}/x.parquet'", "--out", str(ingested)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "read-only" in result.stderr


# ------------------------------------------------------------------ random interleavings


class Crash(BaseException):
    """A process dying mid-commit (BaseException: nothing may catch it on the way out)."""


def edition(city: int, number: int) -> tuple[Document, dict[str, list[Role]]]:
    """Edition `number` of city `city`'s policy: one documents row and two roles."""
    sha = hashlib.sha256(f"{city}/{number}".encode()).hexdigest()
    code = ("011002", "272141", "462144")[city]
    document = Document(doc_id=sha[:16], source_id="", title=f"{code} デジタル人材育成方針", doc_kind="policy",
                        municipality_code=code, pages=1, sha256=sha, source=f"/in/{number}/houshin.pdf",
                        file_size=1, ingested_at=datetime(2025, 4, 1, tzinfo=UTC) + timedelta(minutes=number))
    roles = [Role(doc_id=document.doc_id, page=1, name=name, canonical="leader") for name in ("DX推進リーダー", "係長")]
    return document, {"roles": roles}


steps = st.lists(st.tuples(st.integers(0, 2), st.one_of(st.none(), st.integers(0, 6))), min_size=1, max_size=7)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_random_interleavings_of_ingest_revision_and_crash_never_leave_two_current_revisions(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, int | None]]) -> None:
    """Each step commits the next edition of one of three cities, in a fresh store (a new process);
    a crash kills the commit after a number of file writes and removals (None: it finishes)."""
    out = tmp_path_factory.mktemp("interleavings")
    listed: set[str] = set()
    for number, (city, crash_at) in enumerate(steps):
        document, tables = edition(city, number)
        store = Store(out, StoreSettings(compact_after=2))  # compaction exercised too
        try:
            with crash_after(store, crash_at), store.writer() as writer:
                writer.commit_document(document, tables)
        except Crash:
            pass
        documents = Store(out).documents()
        assert broken_invariants(documents) == []
        now = {d.doc_id for d in documents}
        assert listed <= now <= listed | {document.doc_id}, "nothing committed is lost, nothing half-done appears"
        listed = now
        con = connect(out)
        assert con.sql("SELECT count(*) FROM current_documents").fetchall() == [(len({d.source_id for d in documents}),)]
        assert con.sql("SELECT count(*), count(DISTINCT (doc_id, name)) FROM roles").fetchall() == \
            [(2 * len(documents), 2 * len(documents))], "every listed revision's rows exactly once"


@contextmanager
def crash_after(store: Store, steps: int | None) -> Iterator[None]:
    """Kill the commit after `steps` file writes and removals (None: let it finish)."""
    if steps is None:
        yield
        return
    count = iter(range(steps, -1, -1))
    write, remove = store._write_atomic, store.fs.rm

    def step(action: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            if next(count) == 0:
                raise Crash
            return action(*args, **kwargs)
        return run

    with patch.object(store, "_write_atomic", step(write)), patch.object(store.fs, "rm", step(remove)):
        yield


def test_a_compacted_corpus_reads_the_same_through_the_contract_glob(ingested: Path, tmp_path: Path,
                                                                      raw_dir: Path) -> None:
    ingest_paths([copy_as(raw_dir, TARUMIZU, tmp_path / "in" / TARUMIZU)], ingested, workers=1)
    expected = {t: connect(ingested).sql(f"SELECT count(*) FROM {t}").fetchall() for t in ("roles", "skills")}
    store = Store(ingested)
    with store.writer() as writer:
        writer.compact_if_due(force=True)

    for table, count in expected.items():
        assert [p.name for p in (ingested / table).glob("[!_]*.parquet")] == ["compacted-000001.parquet"]
        glob = duckdb.sql(f"SELECT count(*) FROM read_parquet('{ingested}/{table}/**/*.parquet', "
                          "union_by_name=true)").fetchall()
        assert glob == count == connect(ingested).sql(f"SELECT count(*) FROM {table}").fetchall()
