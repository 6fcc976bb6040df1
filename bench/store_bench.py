"""Store layouts at scale: `python bench/store_bench.py [--docs 1741] [--json PATH]`.

Builds a synthetic corpus of N documents (default 1,741, one per municipality) by
ingesting the samples in data/raw once and replicating their records under new
doc_ids (training ids rewritten so they stay unique), then measures, per layout:

- open: `connect()` (or the DuckDB views a layout needs) until the first query can run;
- aggregate: a one-table aggregate (`roles` by canonical role);
- join: a three-table join (current targets × documents × current roles);
- commit: adding one more document (its records and documents row), averaged over
  `--commits` commits so periodic compaction is included, with the worst one.

Layouts:
- `per-doc`: the layout before issue 17, one file per table per revision, read by a glob;
- `compacted`: the store as it is now (`jinzai.pipeline.store`): one compacted file per
  table plus up to `compact_after` delta files, documents in one file, read by `connect()`;
- `partitioned`: one file per table per prefecture (hive `pref=NN/`), read by a glob;
  adding a document rewrites its prefecture's file;
- `delta`: Delta Lake tables written by the `deltalake` package (optional: skipped
  when it is not installed), one append commit per document, read through
  `DeltaTable.to_pyarrow_dataset()`; superseding a revision is a Delta `update`.

Medians of `--repeat` runs, milliseconds. Writes JSON to bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from jinzai.models import TABLES, Document, Failure, to_arrow
from jinzai.normalizers.municipalities import official_bodies
from jinzai.pipeline.ingest import ingest_paths
from jinzai.pipeline.query import connect
from jinzai.pipeline.store import RECORD_TABLES, SCHEMA_FILE, Store

REPO = Path(__file__).resolve().parents[1]
RESULTS_DIR = Path(__file__).resolve().parent / "results"
AGGREGATE = "SELECT canonical, count(*) FROM roles GROUP BY canonical"
JOIN = ("SELECT d.prefecture, t.fiscal_year, sum(t.value) FROM current_targets t "
        "JOIN documents d USING (doc_id) JOIN current_roles r ON r.doc_id = t.doc_id AND r.name = t.role "
        "GROUP BY ALL")

Corpus = dict[str, pa.Table]  # table name → every row of the synthetic corpus


# ------------------------------------------------------------------ the synthetic corpus


def sample_tables(work: Path) -> Corpus:
    """The samples' rows, ingested once."""
    out = work / "samples"
    ingest_paths([REPO / "data" / "raw"], out, workers=1)
    con = connect(out)
    return {table: con.sql(f"SELECT * FROM {table}").to_arrow_table() for table in TABLES if table != Failure.TABLE}


def synthetic(samples: Corpus, n_docs: int) -> list[Corpus]:
    """n_docs documents: sample k % 5's rows under a new doc_id, issued by municipality k."""
    documents = samples[Document.TABLE].to_pylist()
    bodies = [b for b in official_bodies() if b.name != b.prefecture]
    corpus = []
    for k in range(n_docs):
        source = documents[k % len(documents)]
        sha = hashlib.sha256(f"synthetic {k}".encode()).hexdigest()
        doc_id, body = sha[:16], bodies[k * 37 % len(bodies)]  # 37 is prime to 1,741: every body once
        row = source | {"doc_id": doc_id, "sha256": sha, "source_id": f"{body.code}-policy",
                        "identity": f"{body.code}|policy|{body.name}デジタル人材育成方針",
                        "municipality": body.name, "prefecture": body.prefecture,
                        "municipality_code": body.code, "source": f"/synthetic/{k}.pdf"}
        tables = {Document.TABLE: to_arrow(Document, [Document.model_validate(row)])}
        for table in RECORD_TABLES:
            rows = samples[table].filter(pc.equal(samples[table]["doc_id"], source["doc_id"]))
            rows = rows.set_column(rows.schema.get_field_index("doc_id"), "doc_id", pa.array([doc_id] * len(rows), pa.string()))
            if "training_id" in rows.column_names:
                ids = pc.binary_join_element_wise(pa.array([doc_id] * len(rows), pa.string()), rows["training_id"], "-")
                rows = rows.set_column(rows.schema.get_field_index("training_id"), "training_id", ids)
            tables[table] = rows
        corpus.append(tables)
    return corpus


# ------------------------------------------------------------------ layouts


def write_per_doc(root: Path, corpus: list[Corpus]) -> None:
    for tables in corpus:
        add_per_doc(root, tables)


def add_per_doc(root: Path, tables: Corpus) -> None:
    doc_id = tables[Document.TABLE]["doc_id"][0].as_py()
    for table, rows in tables.items():
        if len(rows):
            (root / table).mkdir(parents=True, exist_ok=True)
            pq.write_table(rows, root / table / f"{doc_id}.parquet", compression="zstd")


def open_per_doc(root: Path) -> duckdb.DuckDBPyConnection:
    """The views the store's reader made before issue 17: a glob per table."""
    return views_over_globs(root, "*.parquet")


def views_over_globs(root: Path, pattern: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table in TABLES:
        if table == Failure.TABLE:
            continue
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{root}/{table}/**/{pattern}', "
                    "union_by_name=true, hive_partitioning=false)")
    for table in RECORD_TABLES:
        con.execute(f"CREATE VIEW current_{table} AS SELECT t.* FROM {table} t "
                    "WHERE t.doc_id IN (SELECT doc_id FROM documents WHERE is_current)")
    return con


def write_compacted(root: Path, corpus: list[Corpus]) -> None:
    """The older layout migrated by the store's writer: documents in one file, each table compacted."""
    write_per_doc(root, corpus)
    store = Store(root)
    with store.writer() as writer:
        writer.compact_if_due(force=True)


def add_compacted(root: Path, tables: Corpus) -> None:
    store = Store(root)
    with store.writer() as writer:
        document = Document.model_validate(tables[Document.TABLE].to_pylist()[0])
        records = {t: [TABLES[t].model_validate(r) for r in rows.to_pylist()] for t, rows in tables.items()
                   if t != Document.TABLE}
        writer.commit_document(document, records)


def write_partitioned(root: Path, corpus: list[Corpus]) -> None:
    for table in TABLES:
        if table == Failure.TABLE:
            continue
        rows = pa.concat_tables([c[table] for c in corpus], promote_options="permissive")
        by_doc = {c[Document.TABLE]["doc_id"][0].as_py(): c[Document.TABLE]["municipality_code"][0].as_py()[:2]
                  for c in corpus}
        pref = pa.array([by_doc[d] for d in rows["doc_id"].to_pylist()])
        pq.write_to_dataset(rows.append_column("pref", pref), root / table, partition_cols=["pref"],
                            basename_template="part-{i}.parquet", existing_data_behavior="delete_matching")


def add_partitioned(root: Path, tables: Corpus) -> None:
    """Rewrite the new document's prefecture file of every table with its rows added."""
    pref = tables[Document.TABLE]["municipality_code"][0].as_py()[:2]
    for table, rows in tables.items():
        path = root / table / f"pref={pref}" / "part-0.parquet"
        old = pq.ParquetFile(path).read() if path.exists() else rows.slice(0, 0)
        merged = pa.concat_tables([old, rows], promote_options="permissive")
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(merged, path.with_suffix(".tmp"), compression="zstd")
        path.with_suffix(".tmp").replace(path)


def open_partitioned(root: Path) -> duckdb.DuckDBPyConnection:
    return views_over_globs(root, "*.parquet")


def write_delta(root: Path, corpus: list[Corpus]) -> None:
    from deltalake import write_deltalake

    for table in TABLES:
        if table == Failure.TABLE:
            continue
        rows = pa.concat_tables([c[table] for c in corpus], promote_options="permissive")
        write_deltalake(str(root / table), rows, mode="overwrite")


def add_delta(root: Path, tables: Corpus) -> None:
    """One append commit per table, then supersede the source's previous revision with an update."""
    from deltalake import DeltaTable, write_deltalake

    for table, rows in tables.items():
        if table != Document.TABLE and len(rows):
            write_deltalake(str(root / table), rows, mode="append")
    documents = DeltaTable(str(root / Document.TABLE))
    source_id = tables[Document.TABLE]["source_id"][0].as_py()
    documents.update(predicate=f"source_id = '{source_id}' AND is_current", updates={"is_current": "false"})
    write_deltalake(str(root / Document.TABLE), tables[Document.TABLE], mode="append")


def open_delta(root: Path) -> duckdb.DuckDBPyConnection:
    from deltalake import DeltaTable

    con = duckdb.connect()
    for table in TABLES:
        if table == Failure.TABLE:
            continue
        con.register(f"_{table}", DeltaTable(str(root / table)).to_pyarrow_dataset())
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}")
    for table in RECORD_TABLES:
        con.execute(f"CREATE VIEW current_{table} AS SELECT t.* FROM {table} t "
                    "WHERE t.doc_id IN (SELECT doc_id FROM documents WHERE is_current)")
    return con


LAYOUTS: dict[str, tuple[Callable, Callable, Callable]] = {
    "per-doc": (write_per_doc, open_per_doc, add_per_doc),
    "compacted": (write_compacted, connect, add_compacted),
    "partitioned": (write_partitioned, open_partitioned, add_partitioned),
    "delta": (write_delta, open_delta, add_delta),
}


# ------------------------------------------------------------------ measuring


def ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(name: str, root: Path, corpus: list[Corpus], extra: list[Corpus], repeat: int) -> dict:
    write, open_, add = LAYOUTS[name]
    started = time.perf_counter()
    write(root, corpus)
    built = time.perf_counter() - started
    result = {"build_s": round(built, 1), "files": sum(1 for p in root.rglob("*.parquet")
                                                     if p.name != SCHEMA_FILE and "_delta_log" not in p.parts)}
    result["open_ms"] = ms(lambda: open_(root), repeat)
    con = open_(root)
    expected = con.sql("SELECT count(*) FROM documents").fetchall()[0][0]
    result["aggregate_ms"] = ms(lambda: con.sql(AGGREGATE).fetchall(), repeat)
    result["join_ms"] = ms(lambda: con.sql(JOIN).fetchall(), repeat)
    commits = []
    for tables in extra:
        started = time.perf_counter()
        add(root, tables)
        commits.append((time.perf_counter() - started) * 1000)
    result["commit_mean_ms"] = statistics.mean(commits)
    result["commit_max_ms"] = max(commits)
    con = open_(root)
    result["documents_after"] = con.sql("SELECT count(*) FROM documents").fetchall()[0][0]
    assert result["documents_after"] == expected + len(extra), (name, result)
    result["aggregate_after_ms"] = ms(lambda: con.sql(AGGREGATE).fetchall(), repeat)
    result["join_after_ms"] = ms(lambda: con.sql(JOIN).fetchall(), repeat)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1741)
    parser.add_argument("--commits", type=int, default=40, help="documents added one by one after the build")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jinzai-store-bench-") as tmp:
        work = Path(tmp)
        corpus = synthetic(sample_tables(work), args.docs + args.commits)
        base, extra = corpus[:args.docs], corpus[args.docs:]
        results: dict[str, dict] = {}
        for name in args.layouts.split(","):
            if name == "delta" and not _has_deltalake():
                print("delta: skipped (pip install deltalake to measure it)")
                continue
            results[name] = measure(name, work / name, base, extra, args.repeat)
            shutil.rmtree(work / name)
            print(name, json.dumps({k: round(v, 1) if isinstance(v, float) else v
                                    for k, v in results[name].items()}), flush=True)
    print_table(results, args)
    path = args.json or RESULTS_DIR / f"store-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"docs": args.docs, "commits": args.commits, "layouts": results}, indent=1))
    print(f"written {path}")


def print_table(results: dict[str, dict], args: argparse.Namespace) -> None:
    columns = ["files", "open_ms", "aggregate_ms", "join_ms", "commit_mean_ms", "commit_max_ms",
               "aggregate_after_ms", "join_after_ms"]
    print(f"\n{args.docs} documents, then {args.commits} added one by one (ms, median of {args.repeat})")
    print(f"{'layout':<12}" + "".join(f"{c:>20}" for c in columns))
    for name, result in results.items():
        print(f"{name:<12}" + "".join(f"{result[c]:>20.1f}" if isinstance(result[c], float) else f"{result[c]:>20}"
                                      for c in columns))


def _has_deltalake() -> bool:
    try:
        import deltalake  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
