"""The ingest steps without Prefect: planning, bad input, idempotence, revisions, atomic writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

import badfiles
from revised import resaved
from jinzai.extractors.errors import CorruptPdf, EmptyFile, NotPdf
from jinzai.extractors.layout import check_pdf_bytes, open_layout
from jinzai.models import Role
from jinzai.pipeline import store as store_module
from jinzai.pipeline.identity import file_label
from jinzai.pipeline.ingest import discover, doc_id_for, ingest_paths, plan_paths
from jinzai.pipeline.store import Store

SMALL = "kunisaki.pdf"


def rows(out: Path, table: str) -> list[dict]:
    pattern = str(out / table / "**" / "*.parquet")
    return duckdb.sql(f"SELECT * FROM read_parquet('{pattern}', union_by_name=true)").to_arrow_table().to_pylist()


@pytest.fixture
def small_pdf(tmp_path: Path, raw_dir: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return Path(shutil.copy(raw_dir / SMALL, folder / SMALL))


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("case", sorted(badfiles.BUILDERS))
def test_each_bad_file_is_one_specific_failure_and_the_good_file_still_lands(
        case: str, tmp_path: Path, small_pdf: Path) -> None:
    bad = badfiles.BUILDERS[case](small_pdf.parent)
    out = tmp_path / "out"

    report = ingest_paths([small_pdf.parent], out, workers=1)

    assert report.exit_code == 1
    failures = rows(out, "failures")
    assert [(f["source"], f["error_kind"]) for f in failures] == [(str(bad.resolve()), badfiles.EXPECTED_KIND[case])]
    message = failures[0]["message"]
    assert bad.name in message and "—" in message and "\n" not in message  # names the file, says what to do
    assert [d["source"] for d in rows(out, "documents")] == [str(small_pdf.resolve())]
    assert rows(out, "roles"), "the good file's records are written"


def test_failure_row_is_cleared_once_the_file_is_fixed(tmp_path: Path, small_pdf: Path, raw_dir: Path) -> None:
    broken = badfiles.truncated(small_pdf.parent)
    out = tmp_path / "out"
    ingest_paths([broken], out, workers=1)
    assert len(rows(out, "failures")) == 1

    shutil.copy(raw_dir / "tarumizu.pdf", broken)  # the analyst downloads it again
    report = ingest_paths([broken], out, workers=1)

    assert report.exit_code == 0
    assert rows(out, "failures") == []


@pytest.mark.parametrize(("head", "tail", "size", "error"), [
    (b"", b"", 0, EmptyFile),
    (b"<!DOCTYPE html><html>", b"</html>", 100, NotPdf),
    (b"%PDF-1.7\n1 0 obj", b"endobj\n", 5000, CorruptPdf),
])
def test_check_pdf_bytes_names_the_problem(head: bytes, tail: bytes, size: int, error: type) -> None:
    with pytest.raises(error) as raised:
        check_pdf_bytes("x.pdf", head, tail, size)
    assert str(raised.value).startswith("x.pdf: ")


def test_an_html_page_is_called_an_html_page(tmp_path: Path) -> None:
    with pytest.raises(NotPdf, match="an HTML page"):
        open_layout(badfiles.not_a_pdf(tmp_path))


# ------------------------------------------------------------------ planning


def test_discover_finds_pdfs_recursively_and_keeps_named_files(tmp_path: Path, small_pdf: Path) -> None:
    nested = tmp_path / "in" / "sub"
    nested.mkdir()
    shutil.copy(small_pdf, nested / "other.PDF")
    (nested / "notes.txt").write_text("not an input")
    named = tmp_path / "named.txt"
    named.write_text("named explicitly")

    found = discover([tmp_path / "in", named])

    assert [p.name for p in found] == [SMALL, "other.PDF", "named.txt"]


def test_plan_skips_content_already_ingested(tmp_path: Path, small_pdf: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([small_pdf], out, workers=1)

    copy = Path(shutil.copy(small_pdf, tmp_path / "renamed.pdf"))
    planned = plan_paths([small_pdf, copy], Store(out))

    assert [(p.action, p.reason) for p in planned] == [
        ("skip", "unchanged"), ("skip", f"same content as {small_pdf}")]


def test_a_file_label_is_the_file_stem() -> None:
    assert file_label("/x/垂水市 方針.pdf") == "垂水市_方針"


# ------------------------------------------------------------------ store


def test_ingesting_twice_leaves_the_same_rows(tmp_path: Path, small_pdf: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([small_pdf], out, workers=1)
    first = {t: rows(out, t) for t in ("documents", "roles", "skills", "targets")}

    report = ingest_paths([small_pdf], out, workers=1)

    assert [o.status for o in report.outcomes] == ["skipped"]
    assert {t: rows(out, t) for t in first} == first


def test_a_changed_file_is_a_new_revision_and_the_old_one_is_kept_superseded(
        tmp_path: Path, small_pdf: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([small_pdf], out, workers=1)
    old_id = rows(out, "documents")[0]["doc_id"]

    resaved(small_pdf, "revised")  # same city, same document, new bytes
    ingest_paths([small_pdf], out, workers=1)

    documents = {d["doc_id"]: d for d in rows(out, "documents")}
    assert len(documents) == 2
    new_id = next(d for d in documents if d != old_id)
    assert documents[old_id]["is_current"] is False and documents[old_id]["superseded_by"] == new_id
    assert documents[new_id]["is_current"] is True and documents[new_id]["revision"] == 2
    assert {r["doc_id"] for r in rows(out, "roles")} == {old_id, new_id}, "each revision keeps its rows"


def test_doc_id_is_derived_from_content(tmp_path: Path, small_pdf: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([small_pdf], out, workers=1)
    document = rows(out, "documents")[0]
    assert document["doc_id"] == doc_id_for(document["sha256"])


def test_a_crash_while_writing_leaves_the_previous_file_whole(tmp_path: Path, small_pdf: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    ingest_paths([small_pdf], out, workers=1)
    roles_file = next((out / "roles").glob("[!_]*.parquet"))
    before = pq.read_table(roles_file)

    def crash(table, sink, **kwargs):
        sink.write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", crash)
    store = Store(out)
    document = store.documents()[0]
    roles = [Role.model_validate(r) for r in store.records("roles", document.doc_id)]
    edition = document.model_copy(update={"doc_id": "0" * 16, "sha256": "0" * 64})
    with pytest.raises(OSError, match="disk full"), store.writer() as writer:
        writer.commit_document(edition, {"roles": roles})

    assert pq.read_table(roles_file).equals(before)
    assert Store(out).documents() == [document], "the commit never happened"
    assert not [p for p in (out / "roles").iterdir() if p.name.startswith(".")], "no temporary file left"


def test_every_table_exists_with_its_columns_even_when_empty(tmp_path: Path, small_pdf: Path) -> None:
    out = tmp_path / "out"
    ingest_paths([small_pdf], out, workers=1)
    assert rows(out, "cases") == []
    columns = duckdb.sql(f"SELECT * FROM read_parquet('{out}/cases/**/*.parquet')").columns
    assert {"doc_id", "page", "kind", "case_no", "municipality", "keywords"} <= set(columns)


def test_parallel_workers_give_the_same_rows_as_one(tmp_path: Path, raw_dir: Path) -> None:
    inputs = [raw_dir / "kunisaki.pdf", raw_dir / "kakamigahara.pdf"]
    ingest_paths(inputs, tmp_path / "one", workers=1)
    ingest_paths(inputs, tmp_path / "two", workers=2)
    for table in ("documents", "roles", "skills", "trainings"):
        strip = [{k: v for k, v in r.items() if k != "ingested_at"} for r in rows(tmp_path / "one", table)]
        other = [{k: v for k, v in r.items() if k != "ingested_at"} for r in rows(tmp_path / "two", table)]
        key = lambda r: (r["doc_id"], str(r.get("name")), r.get("page"))  # noqa: E731
        assert sorted(strip, key=key) == sorted(other, key=key), table


def test_the_corpus_may_live_at_an_fsspec_url(small_pdf: Path) -> None:
    from jinzai.pipeline.query import connect

    url = "memory://jinzai-test/corpus"
    report = ingest_paths([small_pdf], url, workers=1)

    assert report.exit_code == 0
    assert [d.source for d in Store(url).documents()] == [str(small_pdf.resolve())]
    con = connect(url)
    assert con.sql("SELECT count(*) FROM roles").fetchall() == [(report.outcomes[0].counts["roles"],)]
    assert con.sql("SELECT count(*) FROM current_skills").fetchall() == [(report.outcomes[0].counts["skills"],)]


def test_a_file_gone_before_it_is_read_is_an_unreadable_failure(tmp_path: Path, small_pdf: Path) -> None:
    from jinzai.pipeline.ingest import Input, plan, skipped_outcome

    store = Store(tmp_path / "out")
    gone = tmp_path / "gone.pdf"
    [planned] = plan([Input.local(gone)], store)
    outcome = skipped_outcome(store, planned)
    assert (planned.action, outcome.status, outcome.error_kind) == ("fail", "failed", "unreadable")
    assert str(gone) in outcome.message and "No such file" in outcome.message
    assert [f.error_kind for f in store.failures()] == ["unreadable"]
