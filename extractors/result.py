"""What an extractor hands to the pipeline: one document's candidate records."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from jinzai.extractors.model import Document as DocumentModel

from jinzai.models import (
    BlockRecord,
    Case,
    CaseSection,
    ExtractionWarning,
    Level,
    Record,
    Role,
    Skill,
    Target,
    Training,
    TrainingAudience,
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the document says about itself (the pipeline adds file facts)."""

    title: str | None
    doc_kind: str
    municipality: str | None = None
    prefecture: str | None = None
    municipality_code: str | None = None
    publisher: str | None = None
    issued: str | None = None
    period_start_fy: int | None = None
    period_end_fy: int | None = None


@dataclass(frozen=True, slots=True)
class SetAside:
    """A record a reader read that the document's scope leaves out (`table`: its record
    table), and why: the `blocks` table names the reason for the block it came from."""

    table: str
    record: Record
    reason: str


@dataclass
class Extraction:
    """Records of one document, table by table; each list holds validated models."""

    info: DocumentInfo
    roles: list[Role] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    training_audience: list[TrainingAudience] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    case_sections: list[CaseSection] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)
    blocks: list[BlockRecord] = field(default_factory=list)
    """Every table, list and figure of the document and what it was read as."""
    model: DocumentModel | None = field(default=None, repr=False)
    """The document model the records were read from (not stored)."""
    set_aside: list[SetAside] = field(default_factory=list, repr=False)
    """Records read but left out, with the reason (not stored)."""

    def tables(self) -> dict[str, list[Record]]:
        """{table name: records} for every record table, empty ones included."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("info", "model", "set_aside")}

    def counts(self) -> dict[str, int]:
        return {name: len(records) for name, records in self.tables().items()}
