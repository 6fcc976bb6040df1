"""Tables of a PDF page as grids of cells, whatever their ruling.

`read_tables(layout, page_numbers)` is the one entry point. It returns one
`Table` per printed table, with

- merged cells resolved: every (row, column) slot of `Table.rows` holds the
  `Cell` printed there, so a cell spanning three rows appears in all three;
- multi-line cells kept as their printed lines (`Cell.lines`), vertical text
  (`管/理/職`) included, also when it wraps onto further columns to the left, so
  callers can split bulleted items;
- the header rows separated from the body (`Table.header`), two-level headers
  included (`Table.header_path(col)`), letter-spaced labels normalized
  (`Table.columns`: `職 級` → `職級`);
- a table that runs over a page break merged into one (its repeated header
  dropped, a group cell cut by the break carried on); the cells the break cut
  closed where the producer drew no ruling at the cut;
- the strategy chosen per table by the evidence on its page: ruling lines
  (cells from the drawn edges); shaded row bands without lines (the fills
  give no columns: the text's alignment does); a shaded header band over an
  unruled body (the band's cells give the columns, filled row labels in the
  body their rows); a grid of separate boxes set apart by gutters, as a slide
  draws one (each box a cell, a row of short labels its header); neither
  (text alignment);
- texts on cards side by side (filled or framed panels of a designed page or
  slide) read apart, never as the cells of one row;
- tables without ruling lines found by evidence, whatever their header words:
  a row of short labels over rows that fill two columns or more, each column's
  lines sharing one alignment, the first column holding keys (names, numbers,
  years) rather than prose; the caller's header words (`header_hint`) count as
  further evidence only. Read from the positioned text lines: several per page,
  a ragged header (labels centred in cells of different heights: a label
  spanning the columns it centres on, labels wrapped onto two lines, labels
  between), a two-level header, labels in vertical writing (a character a
  line), neighbouring cells that the producer printed as one line cut at the
  gutter between them, group labels centred beside their rows, rows of
  different heights parted at their first column, two tables printed one
  right under the other parted at the second one's header (several kinds of
  evidence), rows cut by a page break continued with the same columns (also
  after a header with a single row at a page foot, when the next page's rows
  line up with it), a repeated header dropped, a mark (`#`) heading a column
  of row numbers; page furniture (running titles, page numbers), a
  note or legend under the table, a page mark far right of it and a row of
  values are no header or row;
  and rows of texts side by side under a row of labels among what looks like
  a figure (`aligned_tables`, which the document model asks for);
- a row of label–value pairs side by side without rulings (a form's row: `指標 | X |
  現状値 … | — | 目標値 … | 50人`) read as its labels over its values (`pairs`);
- a table printed sideways read as its transpose (`Table.transposed`).

Geometry comes from the page's vector drawings (read with PyMuPDF, only on
pages printing texts side by side: a page a browser printed may carry thousands
of tiny fills) fed to pdfplumber's lattice
finder; the text comes from the layout's PyMuPDF lines, which keep the real
characters (pdfplumber yields Kangxi radicals such as `⼈` for some fonts).

Modules: `grid` (Cell, Table, line geometry), `ruled` (lattice from drawings),
`boxes` (grids of separate boxes), `aligned` (tables found and cut by text
alignment), `header` (their headers), `pairs` (rows of label–value pairs),
`continuation` (across page breaks), `reader`
(`read_tables`), `settings` (every tunable threshold, one `TableSettings`).
"""

from jinzai.extractors.model.tables.aligned import aligned_tables
from jinzai.extractors.model.tables.grid import Cell, HeaderHint, Table, center_inside, spans_whole_row
from jinzai.extractors.model.tables.reader import by_panel, read_tables
from jinzai.extractors.model.tables.settings import TABLE_SETTINGS, TableSettings

__all__ = [
    "TABLE_SETTINGS", "Cell", "HeaderHint", "Table", "TableSettings", "aligned_tables", "center_inside",
    "by_panel", "read_tables", "spans_whole_row",
]
