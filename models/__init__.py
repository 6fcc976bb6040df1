"""jinzai's schema: pydantic models for every corpus table, and their Arrow forms."""

from jinzai.models.arrow import arrow_schema, to_arrow
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
