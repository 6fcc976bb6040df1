"""The document model: every page of a PDF read once into typed blocks.

Built once per PDF from its `PdfLayout` (PyMuPDF lines) and its tables (one
reader, `jinzai.extractors.model.tables`); the readers of roles, skills, trainings,
targets and levels take their evidence from it. Structure::

    Document
    ├── body_size                     type size of the prose
    └── pages: [PageBlocks(number, blocks, furniture, width, height)]      blocks in reading order;
        │         furniture: page numbers and running titles set aside (`Furniture(line, kind)`)
        ├── Heading    numbering (`第1章`, `1`, `(1)`, `ア`, `①`, `◆`, or None), title, depth
        ├── Paragraph  text (lines joined as CONTRACT.md normalises)
        ├── ListItem   marker (`・`, `●`, `○`, `◆`, `■`, `-`, `①`, `(1)` …), depth, text
        ├── TableBlock table (`Table`: cell grid, header rows, pages), caption, legends
        └── Figure     texts of a diagram (staircase, chart): short boxed or side-by-side texts

Every block has `page` (1-based), `bbox` (x0, top, x1, bottom in points),
`section_path` (the labels of the headings above it, outermost first), `lines`
(the layout lines it was read from) and `kind` (`heading`, `paragraph`,
`list_item`, `table`, `figure`).

API (stable; other readers build on it)::

    document = build_document(layout, header_hint=...)   # -> Document
    document.blocks                  # every block, reading order
    document.blocks_of(TableBlock)   # the blocks of one kind
    document.page_blocks(n)          # one page's blocks
    document.pages[n - 1].text_lines # the lines of its blocks other than tables
    document.tables()                # the Table of every TableBlock
    document.lists()                 # runs of ListItems (one list each)
    block.page, block.bbox, block.section_path, block.kind
    heading.numbering, heading.depth, heading.title
    item.marker, item.depth, item.text
    paragraph.text
    table_block.table, table_block.caption, table_block.legends, table_block.pages
    figure.texts

One heading parser serves everyone: `jinzai.extractors.model.headings`
(`numbering`, `split_numbering`, `is_heading`, `body_size`, `is_contents_page`).
"""

from jinzai.extractors.model.blocks import (
    Block,
    Document,
    Figure,
    Heading,
    ListItem,
    PageBlocks,
    Paragraph,
    TableBlock,
)
from jinzai.extractors.model.build import SETTINGS, Settings, build_document

__all__ = [
    "SETTINGS", "Block", "Document", "Figure", "Heading", "ListItem", "PageBlocks", "Paragraph", "Settings",
    "TableBlock", "build_document",
]
