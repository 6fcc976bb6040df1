"""Scale-out: the ingest flow on a Dask cluster writes what the single-process run writes."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jinzai.pipeline.ingest import ingest_paths, plan_paths
from jinzai.pipeline.store import Store

pytestmark = pytest.mark.slow

TABLES = ["documents", "roles", "skills", "trainings", "training_audience", "targets", "levels"]
VOLATILE = {"ingested_at"}


def snapshot(out: Path) -> dict[str, list[tuple]]:
    rows = {}
    for table in TABLES:
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{out}/{table}/**/*.parquet', union_by_name=true)")
        columns = [c for c in relation.columns if c not in VOLATILE]
        rows[table] = sorted(map(repr, relation.select(*columns).fetchall()))
    return rows


def test_dask_cluster_output_equals_the_single_process_run(tmp_path: Path, raw_dir: Path) -> None:
    from distributed import LocalCluster

    from jinzai.flows.ingest import run_ingest

    inputs = [raw_dir / "kunisaki.pdf", raw_dir / "kakamigahara.pdf", raw_dir / "tarumizu.pdf"]
    ingest_paths(inputs, tmp_path / "single", workers=1)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        report = run_ingest(plan_paths(inputs, Store(out)), out, dask=cluster.scheduler_address)

    assert [o.status for o in report.outcomes] == ["ingested"] * 3
    assert snapshot(out) == snapshot(tmp_path / "single")
