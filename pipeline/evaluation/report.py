"""The printed report of `jinzai eval`."""

from __future__ import annotations

from jinzai.pipeline.evaluation.scores import DocumentScore, EvaluationReport, TableScore
from jinzai.pipeline.evaluation.tables import INFORMATIONAL_FIELDS


SHOWN_RECORDS = 10       # misses listed per table in the verbose report


def _fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:.3f}"


def _table_rows(rows: dict[str, TableScore], first: str = "table") -> list[str]:
    lines = [f"{first:<20} {'gold':>6} {'output':>6} {'matched':>7} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{name:<20} {t.gold:>6} {t.output:>6} {t.matched:>7} "
              f"{_fmt(t.precision):>6} {_fmt(t.recall):>6} {_fmt(t.f1):>6}"
              for name, t in rows.items()]
    return lines


def _listing(label: str, items: list[str]) -> list[str]:
    more = f" (first {SHOWN_RECORDS})" if len(items) > SHOWN_RECORDS else ""
    return [f"  {label}: {len(items)}{more}"] + [f"    - {item}" for item in items[:SHOWN_RECORDS]]


def _document_lines(doc: DocumentScore) -> list[str]:
    lines = [f"== {doc.stem} ({', '.join(doc.doc_ids) or 'no matching output document'})"]
    lines += _table_rows({name: t for name, t in doc.tables.items() if t.gold or t.output})
    for table, t in doc.tables.items():
        for label, items in (("missed", t.missed), ("unmatched", t.unmatched)):
            if items:
                lines += _listing(f"{label} {table}", items)
    if doc.wrong_fields:
        lines += _listing("wrong fields", doc.wrong_fields)
    if doc.not_on_page:
        lines += _listing("not found on their page", doc.not_on_page)
    return lines + [""]


def format_report(report: EvaluationReport, verbose: bool = False) -> str:
    """A readable report: per-table P/R/F1, micro-F1, field accuracies, provenance;
    verbose adds each gold file's missed and unmatched records."""
    lines: list[str] = []
    if verbose:
        for doc in report.documents.values():
            lines += _document_lines(doc)
    n = len(report.documents)
    lines.append(f"gold files: {n} in {report.gold_dir} "
                 f"({n - len(report.without_output)} with an output document)")
    if report.without_output:
        lines.append("  without an output document: " + ", ".join(report.without_output))
    lines += [f"  skipped unreadable gold file {message}" for message in report.skipped_gold]
    if report.missing_tables:
        lines.append("missing output tables (scored as empty): " + ", ".join(report.missing_tables))
    lines += ["", *_table_rows({**report.tables, "micro (all tables)": report.micro}), ""]

    if report.fields:
        lines.append(f"{'field accuracy':<32} {'correct':>7} {'total':>6} {'acc':>6}")
        for name, f in report.fields.items():
            label = name + (" (info)" if name in INFORMATIONAL_FIELDS else "")
            lines.append(f"{label:<32} {f.correct:>7} {f.total:>6} {_fmt(f.accuracy):>6}")
        lines += [f"{'overall (without info)':<32} {'':>7} {'':>6} "
                  f"{_fmt(report.field_accuracy_overall):>6}", ""]

    overall = report.provenance_overall
    lines.append(f"provenance: {overall.found}/{overall.checked} output records found on their "
                 f"page ({_fmt(overall.share).strip()})")
    lines += [f"  {table:<18} {p.found:>6}/{p.checked:<6} {_fmt(p.share)}"
              for table, p in report.provenance.items()]
    if report.missing_pdfs:
        lines.append("  no PDF for: " + ", ".join(report.missing_pdfs))
    lines += ["", f"micro-F1 {report.micro_f1 or 0.0:.3f}"]
    return "\n".join(lines)
