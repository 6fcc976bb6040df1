"""The table reader's tunable thresholds, in one object (like pdfplumber's `table_settings`).

Lengths are in points unless noted; shares are of the length named.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TableSettings:
    """How the reader tells rulings, cells, headers, rows and page breaks apart."""

    # ---- ruled tables (a lattice from the page's drawings)
    rule_thickness: float = 2.0      # a ruling segment is thinner than this; thicker fills are boxes
    min_rule_length: float = 5.0     # shorter segments are text decorations or dots, not rulings
    snap: float = 3.0                # two x or y positions this close are the same grid line
    min_edge: float = 3.0            # merged edges shorter than this bound no cell
    max_pill_height: float = 24.0    # a rounded shape this low (a bar, a chip) is drawn in a cell, no ruling
    # ---- headers
    max_header_label: int = 20       # header labels are short (characters) ...
    max_hinted_label: int = 40       # ... one the caller's hint recognises may be longer
    max_sub_label: int = 12          # sub-labels under a spanning header label are short
    header_touch_gap: float = 0.2    # (ems) a label this close above or below a ragged header band joins it
    # ---- tables without rulings
    min_panel_rows: int = 3          # a box holding this many printed rows beside another is a card
    min_aligned_rows: int = 2        # body rows filling two columns that make a row of labels a header
    aligned_share: float = 0.8       # ... whose columns' lines share one alignment but for the rest
    max_unhinted_label: int = 12     # a header no hint word confirms has labels this short (characters)
    max_numbers_label: int = 3       # a column of row numbers 1, 2, 3 … is headed this short (`No.`, `#`)
    tall_row_gap: float = 8.0        # (line heights) a row starting again in every body column may be this far down
    cell_line_gap_share: float = 0.6  # gaps below this share of a row gap part one cell's wrapped lines
    wrapped_label_gap: float = 0.35  # (ems) a label's wrapped line starts this close under it
    tighter_block: float = 0.1       # (ems) ... unless the line under that one follows it this much closer (a cell)
    min_pairs: int = 2               # a row of label–value pairs side by side holds this many pairs ...
    pair_gap: float = 2.0            # ... (ems) each text this far from the next: cells, not words
    header_stack_gap: float = 0.6   # (ems) in a ragged header, a label this far above another heads a span
    spaced_wrap_gap: float = 0.8    # (ems) narrow columns' labels wrap line after line this close ...
    header_gap_ratio: float = 1.5   # ... when the body starts this many times their gap lower
    beside_share: float = 1.0       # (header widths) a line starting this far right of a header is beside its table
    key_gap: float = 0.25           # (ems) first-column texts this much farther apart than a cell's lines: two rows
    upright_char_gap: float = 0.5   # (ems) characters set in vertical writing follow each other this close ...
    min_upright_chars: int = 3      # ... this many or more make a label in vertical writing ...
    upright_beside_share: float = 0.5  # ... unless more than this share of them has a text beside it (cells)
    # ---- tables stacked without text between (a second header row inside a body)
    min_header_evidence: int = 2     # kinds of evidence that a row of labels heads a table of its own
    stacked_gap_ratio: float = 1.5   # a gap this many times wider than any between the rows above sets it apart
    larger_type: float = 0.5         # (points) a header printed this much larger than the rows above
    # ---- grids of separate boxes (a slide's shapes set apart by gutters)
    min_box_side: float = 8.0        # a box is at least this tall and wide; thinner drawings are rulings or glyphs
    max_box_gutter: float = 18.0     # rows of one grid of boxes are at most this far apart
    # ---- charts drawn beside tables
    min_chart_bars: int = 3          # filled bars of one thickness on one base, of lengths that differ
    # ---- continuation over a page break
    page_edge_share: float = 0.25    # a cut table ends in this share of the page bottom, goes on in its top


TABLE_SETTINGS = TableSettings()
