"""What is scored: the tables, and the error for output or answer keys that cannot be read."""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]

# Tables scored by matching records, in report order; "documents" is scored by field only.
MATCHED_TABLES = ("roles", "skills", "trainings", "training_audience", "targets", "levels", "cases")
ALL_TABLES = (*MATCHED_TABLES, "documents")
OUTPUT_TABLES = ("documents", "roles", "skills", "trainings", "training_audience",
                 "targets", "levels", "cases")
# Tables whose rows carry doc_id and page: scored per document, checked for provenance.
RECORD_TABLES = ("roles", "skills", "trainings", "targets", "levels", "cases")
INFORMATIONAL_FIELDS = frozenset({"targets.metric"})  # reported, not in the overall accuracy


class EvaluationError(Exception):
    """The output or gold directory cannot be read."""
