"""The schema: Arrow schemas come from the pydantic models; validation rejects bad rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pytest
from pydantic import ValidationError

from jinzai.models import TABLES, Document, Role, Target, arrow_schema, to_arrow

CONTRACT_COLUMNS = {
    "documents": ["doc_id", "title", "doc_kind", "municipality", "prefecture", "municipality_code", "publisher",
                  "issued", "period_start_fy", "period_end_fy", "pages", "sha256", "source"],
    "roles": ["doc_id", "page", "name", "canonical", "description"],
    "skills": ["doc_id", "page", "role", "category", "name", "definition"],
    "trainings": ["doc_id", "page", "training_id", "name", "organizer", "category", "summary", "format"],
    "training_audience": ["training_id", "role", "requirement"],
    "targets": ["doc_id", "page", "role", "metric", "value", "unit", "fiscal_year", "text_raw"],
    "levels": ["doc_id", "page", "role", "rank", "label", "definition"],
    "cases": ["doc_id", "page", "kind", "case_no", "municipality", "prefecture", "municipality_code", "population", "title", "keywords"],
    "failures": ["source", "sha256", "error_kind", "message", "at"],
}


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_every_contract_column_is_in_the_derived_schema(table: str) -> None:
    schema = arrow_schema(TABLES[table])
    assert set(CONTRACT_COLUMNS[table]) <= set(schema.names)


def test_arrow_types_follow_the_annotations() -> None:
    schema = arrow_schema(Target)
    assert schema.field("value").type == pa.float64() and schema.field("value").nullable
    assert schema.field("fiscal_year").type == pa.int64()
    assert schema.field("page").type == pa.int64() and not schema.field("page").nullable
    assert arrow_schema(TABLES["cases"]).field("keywords").type == pa.list_(pa.string())
    assert arrow_schema(Document).field("ingested_at").type == pa.timestamp("us", tz="UTC")


def test_records_round_trip_through_arrow() -> None:
    role = Role(doc_id="d", page=5, name="DX推進リーダー", canonical="leader", aliases=["推進リーダー"])
    table = to_arrow(Role, [role])
    assert table.schema == arrow_schema(Role)
    assert Role.model_validate(table.to_pylist()[0]) == role


@pytest.mark.parametrize("bad", [
    {"page": 0},
    {"canonical": "boss"},
    {"unknown_column": 1},
])
def test_validation_rejects_bad_records(bad: dict) -> None:
    fields = {"doc_id": "d", "page": 1, "name": "係員", "canonical": "all_staff"} | bad
    with pytest.raises(ValidationError):
        Role(**fields)


def test_documents_validate_codes_dates_and_hashes() -> None:
    good = dict(doc_id="d", source_id="s", title="t", doc_kind="policy", pages=1, sha256="0" * 64, source="x.pdf",
                file_size=1, ingested_at=datetime.now(UTC), municipality_code="462144", issued="2025-03")
    Document(**good)
    for field, value in [("municipality_code", "46214"), ("issued", "令和7年3月"), ("sha256", "abc")]:
        with pytest.raises(ValidationError):
            Document(**good | {field: value})
