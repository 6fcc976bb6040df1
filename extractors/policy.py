"""Policy and template documents → roles, skills, trainings, audience, targets, levels."""

from __future__ import annotations

from jinzai.extractors.layout import PdfLayout
from jinzai.extractors.result import DocumentInfo, Extraction


def extract_policy(layout: PdfLayout, doc_id: str, info: DocumentInfo) -> Extraction:
    """All policy records of a document (being built: issue 4)."""
    return Extraction(info=info)
