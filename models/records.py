"""The corpus schema: one pydantic model per table of ../shared/CONTRACT.md.

These models are the single source of truth. The Arrow/Parquet schemas are
derived from them (``jinzai.models.arrow``); nothing else spells out columns.
Every record that comes from a page carries its provenance: ``doc_id``,
``page`` and, where known, ``bbox`` and the ``extractor`` that produced it.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

DocKind = Literal["policy", "template", "casebook"]
Canonical = Literal["manager", "supervisor", "specialist", "leader", "promoter", "all_staff", "external"]
Requirement = Literal["required", "recommended", "partial", "target"]
CaseKind = Literal["municipality", "prefecture"]
BlockKind = Literal["table", "list", "figure"]
ReadAs = Literal["roles", "skills", "trainings", "targets", "levels", "cases", "none"]
ErrorKind = Literal["not_pdf", "empty", "corrupt", "encrypted", "no_text", "too_large", "unreadable", "fetch",
                    "unsupported", "timeout", "crashed", "ocr_failed", "internal"]


class Record(BaseModel):
    """Base of every table row: strict about unknown fields, immutable once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    TABLE: ClassVar[str]


OCR_CONFIDENCE = ("mean Tesseract confidence (0–1) of the OCRed text the record was read from; "
                  "null when its page has a text layer")


class Evidence(Record):
    """Where a record is printed: the document revision, the 1-based page, the box."""

    doc_id: str
    page: int = Field(ge=1)
    bbox: list[float] | None = Field(default=None, description="x0, y0, x1, y1 in PDF points, top-left origin")
    extractor: str | None = Field(default=None, description="which extractor produced the record; `+ocr` when read by OCR")
    ocr_confidence: float | None = Field(default=None, ge=0, le=1, description=OCR_CONFIDENCE)


class Document(Record):
    TABLE: ClassVar[str] = "documents"

    doc_id: str
    source_id: str = Field(description="stable identity of the tracked source; revisions share it")
    identity: str | None = Field(default=None, description="what makes revisions one source: `registry:<id>`, "
                                 "`<municipality code or publisher>|<doc_kind>|<title>`, or `file:<name>`")
    title: str | None
    doc_kind: DocKind
    municipality: str | None = None
    prefecture: str | None = None
    municipality_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    publisher: str | None = None
    issued: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    period_start_fy: int | None = None
    period_end_fy: int | None = None
    pages: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source: str
    aliases: list[str] = Field(default_factory=list, description="other paths or URLs with the same bytes")
    file_size: int = Field(ge=0)
    producer: str | None = None
    revision: int = Field(default=1, ge=1)
    ocr_pages: list[int] = Field(default_factory=list, description="pages read by OCR (scanned images)")
    is_current: bool = True
    superseded_by: str | None = None
    ingested_at: datetime


class Role(Evidence):
    TABLE: ClassVar[str] = "roles"

    name: str
    canonical: Canonical | None = Field(description="null only when the name is unknown (see `flagged`)")
    description: str | None = None
    aliases: list[str] = Field(default_factory=list, description="other names the document uses for it")
    target_group: str | None = Field(default=None, description="who the role is drawn from, e.g. 管理職")
    flagged: bool = Field(default=False, description="name not in the synonym dictionary; canonical is a guess or null")


class Skill(Evidence):
    TABLE: ClassVar[str] = "skills"

    role: str
    category: str | None = None
    name: str
    definition: str | None = None


class Training(Evidence):
    TABLE: ClassVar[str] = "trainings"

    training_id: str
    name: str
    organizer: str | None = None
    category: str | None = None
    summary: str | None = None
    format: str | None = None
    format_raw: str | None = None


class TrainingAudience(Record):
    TABLE: ClassVar[str] = "training_audience"

    doc_id: str
    page: int = Field(ge=1)
    training_id: str
    role: str
    requirement: Requirement
    mark_raw: str | None = Field(default=None, description="the mark or word printed, e.g. ●")
    ocr_confidence: float | None = Field(default=None, ge=0, le=1, description=OCR_CONFIDENCE)


class Target(Evidence):
    TABLE: ClassVar[str] = "targets"

    role: str | None = None
    metric: str
    value: float | None = None
    unit: str | None = None
    fiscal_year: int | None = None
    text_raw: str
    placeholder: str | None = Field(default=None, description="the placeholder printed instead of a number, e.g. ○名")
    qualifier: str | None = Field(default=None, description="以上, 程度, 累計 …")
    within_years: int | None = Field(default=None, description="relative deadline: 5年以内 → 5")
    municipality: str | None = Field(default=None, description="the case's body, for casebook records")


class Level(Evidence):
    TABLE: ClassVar[str] = "levels"

    role: str | None = None
    rank: int = Field(ge=0)
    label: str
    definition: str
    municipality: str | None = Field(default=None, description="the case's body, for casebook records")


class Case(Evidence):
    TABLE: ClassVar[str] = "cases"

    kind: CaseKind
    case_no: int = Field(ge=1)
    municipality: str
    prefecture: str
    municipality_code: str | None = Field(default=None, pattern=r"^\d{6}$",
                                          description="6-digit 全国地方公共団体コード of the case's body")
    population: int | None = None
    title: str
    title_alt: str | None = None
    keywords: list[str] = Field(default_factory=list)
    category: str | None = None
    list_page: int | None = Field(default=None, description="page number printed in the casebook's list")


class CaseSection(Record):
    TABLE: ClassVar[str] = "case_sections"

    doc_id: str
    kind: CaseKind
    case_no: int
    heading: str
    text: str
    page: int = Field(ge=1)
    ocr_confidence: float | None = Field(default=None, ge=0, le=1, description=OCR_CONFIDENCE)


class ExtractionWarning(Record):
    TABLE: ClassVar[str] = "warnings"

    doc_id: str
    page: int | None = None
    kind: str = Field(description="e.g. sum_mismatch, page_mismatch, unknown_role")
    message: str


class BlockRecord(Record):
    """A table, list or figure of a document as the document model saw it, and what the
    extractors read it as: `none` with a `reason` marks what was left unread."""

    TABLE: ClassVar[str] = "blocks"

    doc_id: str
    page: int = Field(ge=1, description="the page the block starts on")
    pages: list[int] = Field(default_factory=list, description="every page it is printed on")
    bbox: list[float] = Field(description="x0, y0, x1, y1 in PDF points on its first page, top-left origin")
    kind: BlockKind
    section_path: list[str] = Field(default_factory=list, description="the headings above it, outermost first")
    header: str | None = Field(default=None, description="a table's column labels joined by ' | '; a list's first item")
    n_rows: int | None = Field(default=None, description="body rows of a table, items of a list, texts of a figure")
    n_cols: int | None = None
    read_as: ReadAs
    records: int = Field(default=0, description="records the extractors took from it")
    reason: str | None = Field(default=None, description="why it was read as none")


class Failure(Record):
    TABLE: ClassVar[str] = "failures"

    source: str
    sha256: str | None = None
    error_kind: ErrorKind
    message: str
    at: datetime


RECORD_MODELS: tuple[type[Record], ...] = (
    Role, Skill, Training, TrainingAudience, Target, Level, Case, CaseSection, ExtractionWarning, BlockRecord,
)
"""Tables whose rows belong to one document revision (written per doc_id)."""

ALL_MODELS: tuple[type[Record], ...] = (Document, *RECORD_MODELS, Failure)
TABLES: dict[str, type[Record]] = {model.TABLE: model for model in ALL_MODELS}
