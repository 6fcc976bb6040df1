"""Every tunable of OCR in one settings object, and the ways OCR fails."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from jinzai.extractors.errors import DocumentError, NoTextLayer


INSTALL_HINT = ("install Tesseract with its Japanese data: "
                "apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert (or `make install` as root)")


@dataclass(frozen=True)
class OcrSettings:
    """Every tunable of OCR in one place."""

    dpi: int = 300  # what Tesseract is trained for; 400 read the samples worse and slower
    language: str = "jpn"
    vertical_language: str = "jpn_vert"  # for cells printed in vertical writing
    max_vertical_width: float = 24.0  # points: a column of vertical writing is one glyph wide …
    min_vertical_aspect: float = 2.5  # … and at least this many times as tall
    # Tesseract's page segmentation: 11 (sparse text) finds the short, centred lines of
    # table cells that the default (3, one column of blocks) runs together or misreads;
    # lines are put in order from their positions here anyway.
    page_segmentation: str = "11"
    # A page needs OCR when it has fewer readable characters than this, or this share
    # of its characters is unreadable, and an image covers at least `min_image_share`.
    min_text_chars: int = 5
    max_unreadable_share: float = 0.3
    min_image_share: float = 0.3
    # Skew is searched within ± this many degrees, in steps of `skew_step`.
    max_skew: float = 2.0
    skew_step: float = 0.1
    # An ink run at least this long (points) and at most this thick is a ruled line (the
    # strokes of a cover's title are shorter; a table's horizontal rules span the table).
    min_rule_length: float = 40.0
    max_rule_thickness: float = 3.0
    dark_box_share: float = 0.6  # a block this much inked is dark print (with light text in it)
    dark_block: float = 4.0  # points
    min_dark_area: float = 20.0  # points across: a bold glyph is smaller
    min_bar_length: float = 12.0  # points: a solid upright bar this tall by a heading is no text
    min_bar_fill: float = 0.9
    max_enclosed_text: float = 40.0  # points: a light hole this tall in a dark area is its text
    min_cell_height: float = 6.0  # a shorter vertical rule between two horizontal ones is a cell's side
    rule_margin: float = 0.5  # points around a rule erased with it
    # Words of one Tesseract line farther apart than this many ems are
    # separate lines (cells of a table); closer than that but farther than
    # `space_gap` they are separated by a space.
    cell_gap: float = 1.2
    space_gap: float = 0.35
    # A CJK line's ink is about this share of its font size.
    ink_per_size: float = 0.88
    min_pitch_ems: float = 3.0  # a line this many characters wide gives its size by its pitch too
    # Sizes of OCRed lines within this share of one another are one type size (a
    # text layer's are exact; the model tells headings by a 0.4 pt step).
    size_tolerance: float = 0.12
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout_seconds: float = 120.0
    max_mark_size: float = 16.0  # points: a ●○△ mark in a table cell is no larger …
    min_mark_size: float = 3.5  # … and no smaller
    doubtful_confidence: float = 0.6  # below it a line's reading is doubted (see known_role_or_text)
    reread_confidence: float = 0.85  # a table cell read with less is read again on its own
    # Ink no read line comes near: pieces at least `min_glyph_size` points, within
    # `glyph_spacing` of one another, at most `max_unread_height` tall, are read again;
    # of what that reads, words with at least `min_found_confidence` are kept.
    min_glyph_size: float = 3.0
    glyph_spacing: float = 2.0
    max_unread_height: float = 30.0
    min_found_confidence: float = 0.7
    max_bullet_size: float = 3.5  # points: a list bullet (・) is a dot smaller than a mark …
    min_dot_size: float = 1.0  # … and larger than the specks a scanner's noise leaves on a tinted band
    bullet_clearance: float = 12.0  # … with no ink this far before it on its row


SETTINGS = OcrSettings()


class OcrUnavailable(NoTextLayer):
    advice = INSTALL_HINT


class OcrFailed(DocumentError):
    """Tesseract ran but failed on every scanned page (a crash, a timeout, broken language data)."""

    kind = "ocr_failed"
    advice = ("Tesseract failed on its scanned pages; check the installation (`tesseract --list-langs` lists jpn; "
              f"{INSTALL_HINT}) and that the pages are legible images")


class TesseractError(RuntimeError):
    """Tesseract could not read one image: what it said, or that it ran out of time."""
