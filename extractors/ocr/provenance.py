"""What OCR leaves on the records: `+ocr` and the confidence of the lines under each
record, and warnings for scanned pages left unread."""

from __future__ import annotations

import statistics

from jinzai.extractors.layout import BBox, Page, PdfLayout
from jinzai.extractors.ocr.settings import INSTALL_HINT
from jinzai.extractors.result import Extraction
from jinzai.models import ExtractionWarning, Role, TrainingAudience
from jinzai.normalizers.ocr import snap_to_known


def mark_ocr_records(extraction: Extraction, layout: PdfLayout) -> None:
    """Mark every record read from an OCRed page: `extractor` gains `+ocr` and
    `ocr_confidence` the mean confidence of the OCRed lines under its box (of its page
    when it has no box). A role a record names that is one misread character away from
    exactly one of the document's roles is that role."""
    read = {p.number: p for p in layout.pages if p.ocr_confidence is not None}
    if not read:
        return
    roles = {role.name for role in extraction.roles}
    boxes = {t.training_id: (t.page, t.bbox) for t in extraction.trainings}
    for table, records in extraction.tables().items():
        marked = []
        for record in records:
            page, bbox = boxes.get(getattr(record, "training_id", None), (None, None)) \
                if isinstance(record, TrainingAudience) else (getattr(record, "page", None), getattr(record, "bbox", None))
            if page not in read or "ocr_confidence" not in type(record).model_fields:
                marked.append(record)
                continue
            update: dict[str, object] = {"ocr_confidence": _confidence_under(read[page], bbox)}
            if "extractor" in type(record).model_fields:
                update["extractor"] = f"{record.extractor}+ocr" if record.extractor else "ocr"
            if isinstance(getattr(record, "role", None), str) and not isinstance(record, Role):
                update["role"] = snap_to_known(record.role, roles)
            marked.append(record.model_copy(update=update))
        setattr(extraction, table, marked)


def _confidence_under(page: Page, bbox: list[float] | None) -> float | None:
    if bbox is None:
        return page.ocr_confidence
    under = [line.confidence for line in page.lines if line.confidence is not None and _overlaps(line.bbox, bbox)]
    return round(statistics.fmean(under), 3) if under else page.ocr_confidence


def _overlaps(a: BBox, b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def warn_unread_pages(extraction: Extraction, layout: PdfLayout, doc_id: str) -> None:
    """A warning for each scanned page left unread: Tesseract is missing (one warning
    for them all) or failed on it."""
    missing = [number for number, why in layout.ocr_unread.items() if why.startswith("Tesseract with")]
    if missing:
        extraction.warnings.append(ExtractionWarning(
            doc_id=doc_id, page=missing[0], kind="ocr_unavailable",
            message=f"scanned pages {', '.join(map(str, missing))} were not read: {INSTALL_HINT}"))
    for number, why in layout.ocr_unread.items():
        if number not in missing:
            extraction.warnings.append(ExtractionWarning(
                doc_id=doc_id, page=number, kind="ocr_failed", message=f"scanned page {number} was not read: {why}"))
