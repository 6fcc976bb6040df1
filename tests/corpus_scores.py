"""Scoring a folder of PDFs against its answer keys with the project's evaluation code,
for the score tests of the development corpus and the unseen corpus."""

from __future__ import annotations

from pathlib import Path

from jinzai.pipeline.evaluation import EvaluationReport, evaluate, format_report


def scored(pdf_dir: Path, gold_dir: Path, out_dir: Path) -> EvaluationReport:
    """Ingest `pdf_dir` into `out_dir` and score it against `gold_dir`."""
    from jinzai.pipeline.ingest import ingest_paths

    ingest_paths([pdf_dir], out_dir)
    report = evaluate(out_dir, gold_dir, pdf_dir)
    print(format_report(report, verbose=True))  # shown by pytest when a bar fails
    return report


def table_f1_failure(report: EvaluationReport, table: str, bar: float) -> str | None:
    """Why `table` is below `bar` (its F1 and each document's misses), or None when it is not."""
    score = report.tables[table]
    if score.f1 is not None and score.f1 >= bar:
        return None
    misses = {stem: (d.tables[table].missed, d.tables[table].unmatched)
              for stem, d in report.documents.items() if d.tables[table].missed or d.tables[table].unmatched}
    return f"{table}: F1 {score.f1}; {misses}"
