"""The blocks of the document model: what a page is made of, in reading order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from jinzai.extractors.layout import BBox, Line
from jinzai.extractors.model.furniture import Furniture
from jinzai.extractors.model.tables import Table
from jinzai.normalizers.text import normalize_text


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of a page: where it is printed, the headings above it, its lines."""

    KIND: ClassVar[str] = "block"
    page: int
    bbox: BBox
    section_path: tuple[str, ...]
    lines: tuple[Line, ...] = field(repr=False)

    @property
    def kind(self) -> str:
        return self.KIND


@dataclass(frozen=True, slots=True)
class Heading(Block):
    """A section heading: its number as printed (`第1章`, `1`, `(1)`, `ア`, `①`, `◆`; None
    when it stands out by size alone), its title without the number, its depth (1 = top)."""

    KIND: ClassVar[str] = "heading"
    numbering: str | None
    title: str
    depth: int


@dataclass(frozen=True, slots=True)
class Paragraph(Block):
    """Running text, its lines joined as CONTRACT.md normalises a sentence."""

    KIND: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True, slots=True)
class ListItem(Block):
    """One item of a list: its marker (`・`, `●`, `①`, `(1)` …), depth (1 = outermost
    in its list) and text without the marker, wrapped lines joined."""

    KIND: ClassVar[str] = "list_item"
    marker: str
    depth: int
    text: str


@dataclass(frozen=True, slots=True)
class TableBlock(Block):
    """A table (`jinzai.extractors.tables.Table`: cell grid, header rows, pages it runs
    over), the caption printed right above it and the legends printed around or in it.
    Its `lines` are the layout lines printed in it on its first page."""

    KIND: ClassVar[str] = "table"
    table: Table
    caption: str | None
    legends: tuple[str, ...]

    @property
    def pages(self) -> list[int]:
        """Every page the table is printed on (a continuation adds the next ones)."""
        return sorted(self.table.page_boxes) or [self.page]


@dataclass(frozen=True, slots=True)
class Figure(Block):
    """Text boxes of a diagram (a staircase of levels, an organisation chart): short
    texts placed side by side, in boxes or vertically, kept apart from the prose."""

    KIND: ClassVar[str] = "figure"

    @property
    def texts(self) -> list[str]:
        return [normalize_text(line.text) for line in self.lines]

    def columns(self) -> list[list[Line]]:
        """The texts in columns apart from each other, left to right, each top down: a text
        overlapping a column's width horizontally is in it (KPI cards side by side, the
        panels of a quadrant diagram stacked two to a column)."""
        columns: list[list[Line]] = []
        for line in sorted(self.lines, key=lambda ln: ln.x0):
            if columns and line.x0 < max(ln.x1 for ln in columns[-1]):
                columns[-1].append(line)
            else:
                columns.append([line])
        return [sorted(column, key=lambda ln: ln.top) for column in columns]

    def panels(self) -> list[list[Line]]:
        """The texts of each column cut where a gap wider than twice a line's height opens
        between two of them (wider than a heading's spacing from its first item): the texts
        of each box of the diagram, top down."""
        panels: list[list[Line]] = []
        for column in self.columns():
            panels.append([column[0]])
            for above, line in zip(column, column[1:]):
                if line.top - above.bottom > 2 * min(above.bottom - above.top, line.bottom - line.top):
                    panels.append([])
                panels[-1].append(line)
        return panels


B = TypeVar("B", bound=Block)


@dataclass(slots=True)
class PageBlocks:
    """One page's blocks in reading order, its furniture and its size in points."""

    number: int
    blocks: list[Block]
    contents: bool = False  # a table of contents: its entries repeat the headings
    furniture: tuple[Furniture, ...] = ()  # page numbers and running titles, in no block
    width: float = 0.0
    height: float = 0.0

    @property
    def text_lines(self) -> list[Line]:
        """The layout lines of the page's blocks other than tables (headings, paragraphs,
        list items, figure texts) in reading order: what a reader of free text looks at."""
        return [line for block in self.blocks if not isinstance(block, TableBlock) for line in block.lines]


@dataclass(slots=True)
class Document:
    """A PDF read once into blocks: pages of blocks in reading order.

    A table running over a page break is one `TableBlock`, on the page it starts on.
    """

    pages: list[PageBlocks]
    body_size: float

    @property
    def blocks(self) -> list[Block]:
        """Every block of the document, in reading order."""
        return [block for page in self.pages for block in page.blocks]

    def blocks_of(self, kind: type[B]) -> list[B]:
        """The blocks of one kind (`document.blocks_of(TableBlock)`), in reading order."""
        return [block for block in self.blocks if isinstance(block, kind)]

    def page_blocks(self, number: int) -> list[Block]:
        """The blocks of one 1-based page."""
        return self.pages[number - 1].blocks

    def tables(self) -> list[Table]:
        """The document's tables, in reading order."""
        return [block.table for block in self.blocks_of(TableBlock)]

    def lists(self) -> Iterator[list[ListItem]]:
        """Runs of list items with nothing else between them: the document's lists."""
        run: list[ListItem] = []
        for block in self.blocks:
            if isinstance(block, ListItem) and (not run or run[-1].section_path == block.section_path):
                run.append(block)
                continue
            if run:
                yield run
            run = [block] if isinstance(block, ListItem) else []
        if run:
            yield run
