"""Tables of a PDF page as grids of cells, whatever their ruling.

`read_tables(layout, page_numbers)` is the one entry point. It returns one
`Table` per printed table, with

- merged cells resolved: every (row, column) slot of `Table.rows` holds the
  `Cell` printed there, so a cell spanning three rows appears in all three;
- multi-line cells kept as their printed lines (`Cell.lines`), vertical text
  (`管/理/職`) included, so callers can split bulleted items;
- the header rows separated from the body (`Table.header`), two-level headers
  included (`Table.header_path(col)`), letter-spaced labels normalized
  (`Table.columns`: `職 級` → `職級`);
- a table that runs over a page break merged into one (its repeated header
  dropped, a group cell cut by the break carried on);
- the strategy chosen per table by the evidence on its page: ruling lines
  (cells from the drawn edges); shaded row bands without lines (the fills
  give no columns: the text's alignment does); a shaded header band over an
  unruled body (the band's cells give the columns); neither (text alignment);
- texts on cards side by side (filled or framed panels of a designed page or
  slide) read apart, never as the cells of one row;
- tables without ruling lines read from the positioned text lines when the
  caller says what their header words look like (`header_hint`): several per
  page, a header label wrapped onto two lines joined, a two-level header (a
  label spanning the labels under it), neighbouring cells that the producer
  printed as one line cut at the gutter between them, rows cut by a page
  break continued with the same columns, a repeated header dropped; and,
  whatever their words, rows of texts side by side under a row of labels
  (`aligned_tables`, which the document model asks for what looks like a figure);
- a table printed sideways read as its transpose (`Table.transposed`).

Geometry comes from the page's vector drawings (read with PyMuPDF, which is
fast even on pages with thousands of tiny fills) fed to pdfplumber's lattice
finder; the text comes from the layout's PyMuPDF lines, which keep the real
characters (pdfplumber yields Kangxi radicals such as `⼈` for some fonts).

Modules: `grid` (Cell, Table, line geometry), `ruled` (lattice from drawings),
`aligned` (text alignment), `continuation` (across page breaks), `reader`
(`read_tables`), `settings` (every tunable threshold, one `TableSettings`).
"""

from jinzai.extractors.model.tables.aligned import aligned_tables
from jinzai.extractors.model.tables.grid import Cell, HeaderHint, Table, center_inside, spans_whole_row
from jinzai.extractors.model.tables.reader import read_tables
from jinzai.extractors.model.tables.settings import TABLE_SETTINGS, TableSettings

__all__ = [
    "TABLE_SETTINGS", "Cell", "HeaderHint", "Table", "TableSettings", "aligned_tables", "center_inside",
    "read_tables", "spans_whole_row",
]
