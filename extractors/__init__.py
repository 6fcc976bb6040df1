"""PDF → candidate records. `extract` is the one entry point the pipeline calls."""

from __future__ import annotations

from jinzai.extractors.casebook import extract_casebook
from jinzai.extractors.document import describe_document
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.policy import extract_policy
from jinzai.extractors.result import DocumentInfo, Extraction

__all__ = ["DocumentInfo", "Extraction", "PdfLayout", "extract", "open_layout"]


def extract(layout: PdfLayout, doc_id: str) -> Extraction:
    """Every record of one opened document: its metadata first, then by kind."""
    info = describe_document(layout)
    extract_kind = extract_casebook if info.doc_kind == "casebook" else extract_policy
    extraction = extract_kind(layout, doc_id, info)
    if layout.ocr_pages or layout.ocr_missing:
        from jinzai.extractors.ocr import mark_ocr_records, warn_unread_pages  # deferred: scans only

        mark_ocr_records(extraction, layout)
        warn_unread_pages(extraction, layout, doc_id)
    return extraction
