"""PDF → candidate records. `extract` is the one entry point the pipeline calls."""

from __future__ import annotations

from jinzai.extractors.casebook.read import extract_casebook
from jinzai.extractors.coverage import block_records
from jinzai.extractors.document import describe_document
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.model import build_document
from jinzai.extractors.policy.read import extract_policy, read_policy_document
from jinzai.extractors.result import DocumentInfo, Extraction
from jinzai.models import ExtractionWarning

__all__ = ["DocumentInfo", "Extraction", "PdfLayout", "extract", "open_layout"]


def extract(layout: PdfLayout, doc_id: str) -> Extraction:
    """Every record of one opened document: its metadata first, then by kind, then what
    each table, list and figure of its document model was read as."""
    document = read_policy_document(layout)
    info = describe_document(layout, document)
    if info.doc_kind == "casebook":
        # a casebook's model is read without the policy readers' header words (its prose holds
        # many of them); case slides come from their lines, case lists from the model's tables
        document = build_document(layout)
        extraction = extract_casebook(layout, document, doc_id, info)
    else:
        extraction = extract_policy(layout, document, doc_id, info)
    if layout.repair_note:
        extraction.warnings.insert(0, ExtractionWarning(doc_id=doc_id, kind="repaired", message=layout.repair_note))
    if layout.ocr_pages or layout.ocr_unread:
        from jinzai.extractors.ocr import mark_ocr_records, warn_unread_pages  # deferred: scans only

        mark_ocr_records(extraction, layout)
        warn_unread_pages(extraction, layout, doc_id)
    extraction.blocks = block_records(document, extraction, doc_id)
    extraction.model = document
    return extraction
