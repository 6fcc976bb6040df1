"""docs/SCHEMA.md is generated from the models and kept current."""

from __future__ import annotations

from pathlib import Path

from jinzai.models import TABLES
from jinzai.models.reference import GENERATED_BY, column_meaning, meanings, schema_markdown

SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "SCHEMA.md"


def test_schema_doc_is_current() -> None:
    assert SCHEMA_DOC.read_text(encoding="utf-8") == schema_markdown(), f"docs/SCHEMA.md is stale: run `{GENERATED_BY}`"


def test_every_table_and_column_has_a_meaning() -> None:
    assert set(meanings()["tables"]) == set(TABLES)
    missing = [f"{t}.{c}" for t, model in TABLES.items() for c in model.model_fields if not column_meaning(t, c)]
    assert not missing, f"add meanings to models/data/columns.yaml: {missing}"


def test_columns_file_names_only_columns_that_exist() -> None:
    every_column = {c for model in TABLES.values() for c in model.model_fields}
    assert set(meanings()["columns"]) <= every_column
    for table, columns in meanings()["table_columns"].items():
        assert set(columns) <= set(TABLES[table].model_fields), table
