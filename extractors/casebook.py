"""Casebooks (collections of municipal cases) → cases, case_sections, levels, targets."""

from __future__ import annotations

from jinzai.extractors.layout import PdfLayout
from jinzai.extractors.result import DocumentInfo, Extraction


def extract_casebook(layout: PdfLayout, doc_id: str, info: DocumentInfo) -> Extraction:
    """All casebook records of a document (being built: issue 5)."""
    return Extraction(info=info)
