"""The column reference (docs/SCHEMA.md), generated from the models so that it cannot drift.

Names, types and nullability come from the pydantic models (through their Arrow schemas);
meanings from a field's `description` or, where it has none, `data/columns.yaml`.

    python -m jinzai.models.reference > docs/SCHEMA.md
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import pyarrow as pa
import yaml

from jinzai.models.arrow import arrow_schema
from jinzai.models.records import TABLES, Record

GENERATED_BY = "python -m jinzai.models.reference > docs/SCHEMA.md"


@cache
def meanings() -> dict[str, Any]:
    text = resources.files("jinzai.models").joinpath("data", "columns.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def column_meaning(table: str, column: str) -> str | None:
    model = TABLES[table]
    described = model.model_fields[column].description
    return (described or meanings()["table_columns"].get(table, {}).get(column)
            or meanings()["columns"].get(column))


def type_name(data_type: pa.DataType) -> str:
    if pa.types.is_list(data_type):
        return f"list of {type_name(data_type.value_type)}"
    if pa.types.is_timestamp(data_type):
        return "timestamp (UTC)"
    return {"large_string": "string", "int64": "int", "double": "double", "bool": "bool"}.get(
        str(data_type), str(data_type))


def table_section(table: str, model: type[Record]) -> list[str]:
    lines = [f"### {table}", "", meanings()["tables"][table], "", "| column | type | meaning |",
             "| --- | --- | --- |"]
    for field in arrow_schema(model):
        kind = type_name(field.type) + (", null" if field.nullable else "")
        meaning = (column_meaning(table, field.name) or "").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {field.name} | {kind} | {meaning} |")
    return lines + [""]


def schema_markdown() -> str:
    lines = ["# The corpus: tables and columns", "",
             f"<!-- generated from models/ by `{GENERATED_BY}`; edit the models or "
             "models/data/columns.yaml, not this file -->", "", meanings()["intro"].strip(), "",
             "## Tables", ""]
    for table, model in TABLES.items():
        lines += table_section(table, model)
    lines += [meanings()["notes"].strip(), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(schema_markdown(), end="")
