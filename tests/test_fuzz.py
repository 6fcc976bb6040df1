"""Fuzzing: mutated sample PDFs never escape as a crash or an `internal` error (issue 12).

Each mutant goes through the same `extract_planned` a worker runs: it must come back as
a document or as a failure of a kind that names the file's problem. The bounded run
here is a few hundred cases; a longer one: `JINZAI_FUZZ_EXAMPLES=5000 .venv/bin/python
-m pytest tests/test_fuzz.py -p no:cacheprovider`.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from fuzz import excerpts, mutants
from jinzai.pipeline.ingest import Planned, extract_planned

EXAMPLES = int(os.environ.get("JINZAI_FUZZ_EXAMPLES", "250"))
INPUT_KINDS = {"corrupt", "not_pdf", "empty", "encrypted", "no_text", "unsupported"}


def extract_bytes(data: bytes, folder: Path) -> tuple[str, str | None, str]:
    """(status, error kind, message) of extracting `data` as a PDF."""
    path = folder / "mutant.pdf"
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    extracted = extract_planned(Planned(path, str(path), "mutant", sha, len(data), "ingest", "new"),
                                datetime.now(UTC))
    if extracted.failure:
        return "failed", extracted.failure.error_kind, extracted.failure.message
    return "ingested", None, ""


@settings(max_examples=EXAMPLES, deadline=None, derandomize="JINZAI_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=mutants())
def test_a_mutated_pdf_is_a_document_or_a_failure_that_names_the_files_problem(
        data: bytes, tmp_path: Path) -> None:
    status, kind, message = extract_bytes(data, tmp_path)
    assert status == "ingested" or kind in INPUT_KINDS, message


def test_the_unmutated_excerpts_are_ingested(tmp_path: Path) -> None:
    assert [extract_bytes(data, tmp_path)[0] for data in excerpts()] == ["ingested"] * len(excerpts())
