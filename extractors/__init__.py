"""PDF → candidate records. `extract` is the one entry point the pipeline calls."""

from __future__ import annotations

from jinzai.extractors.casebook import extract_casebook
from jinzai.extractors.document import describe_document
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.policy import extract_policy
from jinzai.extractors.result import DocumentInfo, Extraction
from jinzai.models import ExtractionWarning

__all__ = ["DocumentInfo", "Extraction", "PdfLayout", "extract", "open_layout"]


def extract(layout: PdfLayout, doc_id: str) -> Extraction:
    """Every record of one opened document: its metadata first, then by kind."""
    info = describe_document(layout)
    extract_kind = extract_casebook if info.doc_kind == "casebook" else extract_policy
    extraction = extract_kind(layout, doc_id, info)
    if layout.repair_note:
        extraction.warnings.insert(0, ExtractionWarning(doc_id=doc_id, kind="repaired", message=layout.repair_note))
    return extraction
