"""Arrow schemas derived from the pydantic models (never written out by hand)."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

import pyarrow as pa

from jinzai.models.records import Record

_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    datetime: pa.timestamp("us", tz="UTC"),
    date: pa.date32(),
}


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    """(inner type, nullable) for ``X | None`` and ``Optional[X]``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
        raise TypeError(f"unions other than Optional are not stored: {annotation!r}")
    return annotation, False


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type for a model field annotation."""
    inner, _ = _strip_optional(annotation)
    origin = typing.get_origin(inner)
    if origin is Literal:
        values = typing.get_args(inner)
        return arrow_type(type(values[0]))
    if origin in (list, tuple):
        (item,) = typing.get_args(inner)[:1]
        return pa.list_(arrow_type(item))
    if inner in _SCALARS:
        return _SCALARS[inner]
    raise TypeError(f"no Arrow type for {annotation!r}")


@cache
def arrow_schema(model: type[Record]) -> pa.Schema:
    """The Parquet schema of a table, field by field from its model."""
    fields = []
    for name, info in model.model_fields.items():
        _, optional = _strip_optional(info.annotation)
        nullable = optional or info.default is None
        fields.append(pa.field(name, arrow_type(info.annotation), nullable=nullable,
                               metadata={"description": info.description} if info.description else None))
    return pa.schema(fields, metadata={"table": model.TABLE})


def to_arrow(model: type[Record], records: typing.Iterable[Record]) -> pa.Table:
    """Validated records → an Arrow table with the model's schema."""
    rows = [r.model_dump() for r in records]
    return pa.Table.from_pylist(rows, schema=arrow_schema(model))
