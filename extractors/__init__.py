"""PDF → candidate records. `extract` is the one entry point the pipeline calls."""

from __future__ import annotations

from jinzai.extractors.casebook.read import extract_casebook
from jinzai.extractors.coverage import block_records
from jinzai.extractors.document import describe_document, prints_case_slides
from jinzai.extractors.layout import PdfLayout, open_layout
from jinzai.extractors.model import Document, build_document
from jinzai.extractors.policy.read import extract_policy, read_policy_document
from jinzai.extractors.result import DocumentInfo, Extraction
from jinzai.models import ExtractionWarning

__all__ = ["DocumentInfo", "Extraction", "PdfLayout", "extract", "open_layout"]


def extract(layout: PdfLayout, doc_id: str) -> Extraction:
    """Every record of one opened document: its metadata first, then by kind, then what
    each table, list and figure of its document model was read as."""
    document = read_document(layout)
    info = describe_document(layout, document)
    if info.doc_kind == "casebook":
        extraction = extract_casebook(document, doc_id, info)
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


def read_document(layout: PdfLayout) -> Document:
    """The one document model of a PDF, built once. A casebook of case slides (told from its
    pages' lines) is read without the policy readers' header words: its prose holds many of
    them, which would make tables of its sentences. Any other document is read with them,
    a casebook told only by its list of cases too (the words add tables, they lose none)."""
    return build_document(layout) if prints_case_slides(layout) else read_policy_document(layout)
