"""jinzai's schema: pydantic models for every corpus table, and their Arrow forms.

The Arrow forms (`arrow_schema`, `to_arrow`) are imported on first use: extraction
workers build records and never Arrow tables, so they do without pyarrow (about
40 MB and 0.4 s per process).
"""

from typing import TYPE_CHECKING, Any

from jinzai.models.records import (
    ALL_MODELS,
    RECORD_MODELS,
    TABLES,
    BlockRecord,
    Case,
    CaseSection,
    Document,
    Evidence,
    ExtractionWarning,
    Failure,
    Level,
    Record,
    Role,
    Skill,
    Target,
    Training,
    TrainingAudience,
)

__all__ = [
    "ALL_MODELS", "RECORD_MODELS", "TABLES", "BlockRecord", "Case", "CaseSection", "Document", "Evidence",
    "ExtractionWarning", "Failure", "Level", "Record", "Role", "Skill", "Target", "Training",
    "TrainingAudience", "arrow_schema", "to_arrow",
]

if TYPE_CHECKING:
    from jinzai.models.arrow import arrow_schema, to_arrow


def __getattr__(name: str) -> Any:
    if name in ("arrow_schema", "to_arrow"):
        from jinzai.models import arrow

        return getattr(arrow, name)
    raise AttributeError(f"module 'jinzai.models' has no attribute {name!r}")
