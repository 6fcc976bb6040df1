"""The figures: per table, per field, provenance, per gold file and over the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinzai.pipeline.evaluation.tables import ALL_TABLES, INFORMATIONAL_FIELDS, MATCHED_TABLES, RECORD_TABLES


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class TableScore:
    """Matched records of one table; P, R, F1 are None where there is nothing to divide by."""

    gold: int = 0
    output: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.output)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.matched, self.gold + self.output)

    def add(self, other: TableScore) -> None:
        self.gold += other.gold
        self.output += other.output
        self.matched += other.matched

    def figures(self) -> dict[str, Any]:
        return {"gold": self.gold, "output": self.output, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclass
class ProvenanceScore:
    found: int = 0
    checked: int = 0

    @property
    def share(self) -> float | None:
        return _ratio(self.found, self.checked)


@dataclass
class DocumentScore:
    """Everything measured for one gold file."""

    stem: str
    doc_ids: list[str]
    tables: dict[str, TableScore] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    wrong_fields: list[str] = field(default_factory=list)
    provenance: dict[str, ProvenanceScore] = field(default_factory=dict)
    not_on_page: list[str] = field(default_factory=list)
    pdf_missing: bool = False

    def check_field(self, name: str, where: str, gold: object, out: object, ok: bool) -> None:
        score = self.fields.setdefault(name, FieldScore())
        score.correct += int(ok)
        score.total += 1
        if not ok:
            self.wrong_fields.append(f"{name} [{where}]: gold {gold!r}, output {out!r}")

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_ids": self.doc_ids,
            "tables": {t: {**s.figures(), "missed": s.missed, "unmatched": s.unmatched}
                       for t, s in self.tables.items()},
            "fields": {n: {"correct": f.correct, "total": f.total} for n, f in self.fields.items()},
            "wrong_fields": self.wrong_fields,
            "provenance": {t: {"found": p.found, "checked": p.checked}
                           for t, p in self.provenance.items()},
            "not_on_page": self.not_on_page,
        }


@dataclass
class EvaluationReport:
    """Corpus-wide figures, summed over the gold files' DocumentScores."""

    out_dir: Path
    gold_dir: Path
    documents: dict[str, DocumentScore] = field(repr=False)
    missing_tables: list[str] = field(default_factory=list)
    skipped_gold: list[str] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, TableScore]:
        totals = {table: TableScore() for table in MATCHED_TABLES}
        for doc in self.documents.values():
            for table, score in doc.tables.items():
                totals[table].add(score)
        return totals

    @property
    def micro(self) -> TableScore:
        total = TableScore()
        for score in self.tables.values():
            total.add(score)
        return total

    @property
    def micro_f1(self) -> float | None:
        return self.micro.f1

    @property
    def fields(self) -> dict[str, FieldScore]:
        """Field accuracies in table order."""
        totals: dict[str, FieldScore] = {}
        for doc in self.documents.values():
            for name, score in doc.fields.items():
                total = totals.setdefault(name, FieldScore())
                total.correct += score.correct
                total.total += score.total
        return dict(sorted(totals.items(), key=lambda kv: ALL_TABLES.index(kv[0].split(".")[0])))

    @property
    def field_accuracy_overall(self) -> float | None:
        scored = [f for name, f in self.fields.items() if name not in INFORMATIONAL_FIELDS]
        return _ratio(sum(f.correct for f in scored), sum(f.total for f in scored))

    @property
    def provenance(self) -> dict[str, ProvenanceScore]:
        """Per record table, output records found on the page they cite."""
        totals = {table: ProvenanceScore() for table in RECORD_TABLES}
        for doc in self.documents.values():
            for table, score in doc.provenance.items():
                totals[table].found += score.found
                totals[table].checked += score.checked
        return totals

    @property
    def provenance_overall(self) -> ProvenanceScore:
        per_table = self.provenance.values()
        return ProvenanceScore(sum(p.found for p in per_table), sum(p.checked for p in per_table))

    @property
    def without_output(self) -> list[str]:
        return [stem for stem, doc in self.documents.items() if not doc.doc_ids]

    @property
    def missing_pdfs(self) -> list[str]:
        return [stem for stem, doc in self.documents.items() if doc.pdf_missing]

    def to_json(self) -> dict[str, Any]:
        """All figures, in the shape of evaluate.py's --json report."""
        fields = {name: {"correct": f.correct, "total": f.total, "accuracy": f.accuracy,
                         "informational": name in INFORMATIONAL_FIELDS}
                  for name, f in self.fields.items()}
        overall = self.provenance_overall
        return {
            "micro_f1": self.micro_f1,
            "out_dir": str(self.out_dir),
            "gold": {"dir": str(self.gold_dir), "files": len(self.documents),
                     "skipped": self.skipped_gold, "without_output": self.without_output},
            "missing_tables": self.missing_tables,
            "tables_scored": list(ALL_TABLES),
            "summary": {
                "tables": {t: s.figures() for t, s in self.tables.items()},
                "micro": self.micro.figures(),
                "fields": fields,
                "field_accuracy_overall": self.field_accuracy_overall,
                "provenance": {
                    "found": overall.found, "checked": overall.checked, "share": overall.share,
                    "tables": {t: {"found": p.found, "checked": p.checked, "share": p.share}
                               for t, p in self.provenance.items()},
                    "missing_pdfs": self.missing_pdfs},
            },
            "documents": {stem: doc.to_json() for stem, doc in self.documents.items()},
        }
