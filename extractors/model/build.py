"""Build the document model: a `PdfLayout` and its tables → pages of typed blocks.

Per page, in this order:

1. page furniture is set aside (`furniture`): a line that is only a page number,
   and a line in the top or bottom margin that repeats on several pages (a running
   title), both in small type (a slide title or case number in display type is read),
   for the tables as for the text;
2. the lines inside a table's box belong to its `TableBlock` (tables come from
   `jinzai.extractors.model.tables.read_tables`, one reader for the whole document);
3. text boxes of a diagram become a `Figure`: vertical text, short texts in small
   drawn boxes, or three short texts or more side by side on one row;
4. the rest is put in reading order (a page printed in two columns is read column
   by column between full-width lines), pieces of one printed line are joined
   (not across a gutter the rows above or below repeat: cards side by side), and
   each printed line opens a `Heading` or a `ListItem`, or continues or opens a
   `Paragraph` (the one above it in its own column); cards side by side under
   headings of their own are read card after card;
5. across the document, each heading gets its depth from the headings open above
   it (same numbering and size: a sibling; larger: an ancestor), and every block
   the path of the heading titles above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from jinzai.extractors.layout import BBox, Line, Page, PdfLayout
from jinzai.extractors.model.blocks import Block, Document, Figure, Heading, ListItem, PageBlocks, Paragraph, TableBlock
from jinzai.extractors.model.furniture import page_furniture
from jinzai.extractors.model.headings import (
    HEADING_SIZE_STEP,
    HEADING_SYMBOLS,
    body_size,
    is_contents_page,
    is_heading,
    is_larger,
    numbering,
    split_numbering,
)
from jinzai.extractors.model.tables import (
    TABLE_SETTINGS,
    HeaderHint,
    Table,
    TableSettings,
    aligned_tables,
    by_panel,
    center_inside,
    read_tables,
)
from jinzai.normalizers.legends import parse_legend
from jinzai.normalizers.text import leading_marker, normalize_text


@dataclass(frozen=True, slots=True)
class Settings:
    """The model's tunable thresholds (lengths in ems of the line's type size unless noted)."""

    margin_share: float = 0.08          # top and bottom share of a page where running titles sit
    running_min_pages: int = 3          # a margin text repeated on this many pages is a running title
    furniture_max_size: float = 1.5     # times the body size: larger type in a margin is no furniture
    piece_gap: float = 3.0              # pieces of one printed line are at most this far apart
    gutter_gap: float = 1.0             # ... unless a gap this wide opens a column the row above or below
                                        #     also starts at (cards side by side without frames)
    column_wrap_chars: int = 8          # a line this long filling its column wraps on under it
    side_by_side_max: int = 6           # texts side by side on a row: at most this many columns
    paragraph_gap: float = 0.9          # a wider vertical gap ends a paragraph
    heading_wrap_gap: float = 0.5       # a heading's second line starts this close under its first
    item_wrap_gap: float = 1.5          # ... but a list item's unfinished sentence wraps this far down
    figure_max_chars: int = 30          # figure texts are short
    figure_row_texts: int = 3           # this many short texts side by side on a row are a figure's
    figure_row_gap: float = 1.5         # ... when at least this far apart
    figure_box_lines: int = 3           # a drawn box holding at most this many short lines is a figure's
    figure_box_min: float = 8.0         # points: smaller drawings are glyph pieces
    figure_box_max_share: float = 0.5   # of the page's area: larger boxes are frames
    figure_reach: float = 1.5           # figure texts nearer than this belong to one figure
    figure_min_lines: int = 3           # a figure has at least this many texts
    column_min_lines: int = 3           # each column of a two-column page holds this many lines
    column_min_width_share: float = 0.2  # of the page width: column lines are this wide (not labels)
    caption_reach: float = 3.0          # a caption stands this close above its table
    caption_max_chars: int = 40
    legend_reach: float = 4.0           # legends stand this close above or below a table
    tables: TableSettings = field(default=TABLE_SETTINGS)  # the table reader's own thresholds


SETTINGS = Settings()

_UNMAPPED_BULLET = re.compile(r"^[\x00\ufffd]")
# Marks that open a list item although names may hold them elsewhere (`normalize_name` keeps them).
_OPEN_MARKS = "○◯"

T = TypeVar("T")


def build_document(
    layout: PdfLayout, *, header_hint: HeaderHint | None = None, settings: Settings = SETTINGS,
) -> Document:
    """Read every page of `layout` once into blocks. `header_hint`: header words a caller
    knows, further evidence for a table printed without ruling lines (see `read_tables`)."""
    body = body_size(line for page in layout.pages for line in page.lines)
    furniture_of = page_furniture(layout, settings.margin_share, settings.running_min_pages,
                                  settings.furniture_max_size * body)
    furniture_ids = {id(f.line) for lines in furniture_of.values() for f in lines}

    def furniture(line: Line) -> bool:
        return id(line) in furniture_ids

    tables = read_tables(layout, None, header_hint=header_hint, furniture=furniture, settings=settings.tables)
    pages = [
        PageBlocks(page.number, _page_blocks(layout, page, tables, body, furniture, settings),
                   contents=is_contents_page(page.lines), furniture=tuple(furniture_of[page.number]),
                   width=page.width, height=page.height)
        for page in layout.pages
    ]
    return Document(pages=_with_sections(pages), body_size=body)


# ---------------------------------------------------------------- one page

def _page_blocks(
    layout: PdfLayout, page: Page, tables: Sequence[Table], body: float, furniture: Callable[[Line], bool],
    settings: Settings,
) -> list[Block]:
    lines = [ln for ln in page.lines if not furniture(ln)]
    boxes = [t.page_boxes[page.number] for t in tables if page.number in t.page_boxes]
    free = [ln for ln in lines if not any(center_inside(ln.bbox, box) for box in boxes)]
    figures, aligned = _figures_and_aligned_tables(layout, page, free, boxes, settings)
    starting = [t for t in tables if t.page == page.number] + aligned
    free = [ln for ln in free if not any(center_inside(ln.bbox, t.bbox) for t in aligned)]
    in_figures = {id(ln) for group in figures for ln in group}
    text_lines = [ln for ln in free if id(ln) not in in_figures]
    atoms: list[tuple[BBox, object]] = [(ln.bbox, ln) for ln in text_lines]
    atoms += [(t.bbox, t) for t in starting] + [(_box_of(group), group) for group in figures]
    ordered = _reading_order(atoms, page.width, settings)
    blocks: list[Block] = []
    run: list[Line] = []  # consecutive text lines, grouped into blocks together
    contents = is_contents_page(page.lines)
    for item in ordered:
        if isinstance(item, Line):
            run.append(item)
            continue
        blocks += _text_blocks(run, body, contents, settings)
        run = []
        if isinstance(item, Table):
            blocks.append(_table_block(item, lines, settings))
        else:
            blocks.append(Figure(page=page.number, bbox=_box_of(item), section_path=(), lines=tuple(item)))
    return blocks + _text_blocks(run, body, contents, settings)


def _figures_and_aligned_tables(
    layout: PdfLayout, page: Page, lines: list[Line], tables: list[BBox], settings: Settings,
) -> tuple[list[list[Line]], list[Table]]:
    """The page's figures, and the tables among what looked like figures: texts side by
    side in rows under a row of labels (`aligned_tables`) are a table after all."""
    figures = _figures(layout, page, lines, tables, settings)
    texts = [ln for group in figures for ln in group]
    # texts on panels side by side (a slide's quadrants) are no row of one table
    aligned = [table for panel in by_panel(layout.drawings(page.number) if texts else [], texts, settings.tables)
               for table in aligned_tables(page, panel, settings.tables)]
    if not aligned:
        return figures, []
    held = {id(ln) for ln in lines if any(center_inside(ln.bbox, t.bbox) for t in aligned)}
    rest = [[ln for ln in group if id(ln) not in held] for group in figures]
    return [group for group in rest if len(group) >= settings.figure_min_lines], aligned


def _box_of(lines: Sequence[Line]) -> BBox:
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


# ---------------------------------------------------------------- reading order

def _reading_order(atoms: list[tuple[BBox, T]], width: float, settings: Settings) -> list[T]:
    """Top to bottom; on a page printed in two columns, between the full-width atoms,
    the left column before the right one."""
    gutter = _gutter(atoms, width, settings)
    by_top = sorted(atoms, key=lambda a: (a[0][1], a[0][0]))
    if gutter is None:
        return [item for _, item in by_top]
    ordered: list[T] = []
    left: list[tuple[BBox, T]] = []
    right: list[tuple[BBox, T]] = []

    def flush() -> None:
        ordered.extend(item for _, item in left + right)
        left.clear()
        right.clear()

    for box, item in by_top:
        if box[2] <= gutter:
            left.append((box, item))
        elif box[0] >= gutter:
            right.append((box, item))
        else:  # across both columns: what comes before it is read first
            flush()
            ordered.append(item)
    flush()
    return ordered


def _gutter(atoms: list[tuple[BBox, object]], width: float, settings: Settings) -> float | None:
    """The x of the white strip between two columns of text, or None for one column:
    a position in the middle of the page that few atoms cross, with at least
    `column_min_lines` wide lines on each side that overlap vertically."""
    if len(atoms) < 2 * settings.column_min_lines:
        return None
    best: tuple[int, float] | None = None
    for step in range(31):
        x = width * (0.35 + 0.01 * step)
        crossing = sum(box[0] < x < box[2] for box, _ in atoms)
        if best is None or crossing < best[0]:
            best = (crossing, x)
    assert best is not None
    crossing, x = best
    min_width = settings.column_min_width_share * width
    left = [box for box, _ in atoms if box[2] <= x and box[2] - box[0] >= min_width]
    right = [box for box, _ in atoms if box[0] >= x and box[2] - box[0] >= min_width]
    if len(left) < settings.column_min_lines or len(right) < settings.column_min_lines or crossing > len(atoms) / 4:
        return None
    overlap = min(max(b[3] for b in left), max(b[3] for b in right)) - max(min(b[1] for b in left),
                                                                           min(b[1] for b in right))
    return x if overlap > 0 else None


# ---------------------------------------------------------------- text lines → blocks

def _printed_lines(lines: list[Line], settings: Settings) -> list[tuple[Line, list[Line]]]:
    """Pieces of one printed line (same baseline band, close together) joined into one
    line, each with the layout lines it joins; a piece opening a column is not joined."""
    joined: list[tuple[Line, list[Line]]] = []
    for line in lines:
        last = joined[-1][0] if joined else None
        if last is not None and not line.vertical and not last.vertical and _same_band(last, line) \
                and 0 <= line.x0 - last.x1 <= settings.piece_gap * max(line.size, last.size) \
                and not _opens_column(line, lines, settings):
            merged = Line(text=f"{last.text.rstrip()} {line.text.strip()}", page=line.page,
                          size=max(last.size, line.size), vertical=False,
                          bbox=(last.x0, min(last.top, line.top), line.x1, max(last.bottom, line.bottom)))
            joined[-1] = (merged, [*joined[-1][1], line])
        else:
            joined.append((line, [line]))
    return joined


def _opens_column(line: Line, lines: list[Line], settings: Settings) -> bool:
    """Whether a piece starts a column of text: a gap of `gutter_gap` ems or more left
    of it, and in the printed row just above or below a piece starting at its left
    edge after such a gap too (a gutter repeated on the lines of a run)."""
    if not _gap_before(line, lines, settings):
        return False
    reach = settings.paragraph_gap * line.size
    return any(abs(other.x0 - line.x0) <= 0.5 * line.size and not _same_band(other, line)
               and (0 <= line.top - other.bottom <= reach or 0 <= other.top - line.bottom <= reach)
               and _gap_before(other, lines, settings) for other in lines)


def _gap_before(line: Line, lines: list[Line], settings: Settings) -> bool:
    """A piece ends `gutter_gap` ems or more left of `line` in its band, none nearer."""
    left = [ln.x1 for ln in lines if ln is not line and _same_band(ln, line) and ln.x1 <= line.x0 + 0.5 * line.size]
    return bool(left) and line.x0 - max(left) >= settings.gutter_gap * line.size


def _same_band(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


@dataclass(slots=True)
class _Draft:
    """A block being gathered: its kind, the lines so far, and what its first line said."""

    kind: type[Block]
    lines: list[Line]  # printed lines (pieces joined)
    pieces: list[Line]  # the layout lines they join: the block's `lines`
    marker: str | None = None


def _text_blocks(lines: list[Line], body: float, contents: bool, settings: Settings) -> list[Block]:
    drafts: list[_Draft] = []
    printed = _printed_lines(lines, settings)
    wrapped = _wrapping_lines([line for line, _ in printed], settings)
    for line, pieces in printed:
        kind, marker = _opens(line, body, contents)
        last = drafts[-1] if drafts else None
        if kind is Heading and marker is None and id(line) in wrapped:
            kind = Paragraph  # an unnumbered "heading" that is a sentence's wrapped line
        if kind is Paragraph and last is not None and not _continues(last, line, settings):
            last = _column_draft(drafts, line, settings)
        if kind is Heading and marker is None:
            last = next((d for d in reversed(drafts[-1 - settings.side_by_side_max:]) if _wraps_heading(d, line, settings)),
                        last)
        if kind is Paragraph and last is not None and _continues(last, line, settings) \
                or kind is Heading and marker is None and last is not None and _wraps_heading(last, line, settings):
            last.lines.append(line)
            last.pieces += pieces
        else:
            drafts.append(_Draft(kind, [line], list(pieces), marker))
    blocks = [_finish(d) for d in drafts]
    return _with_list_depths(_card_by_card(blocks))


def _wrapping_lines(lines: list[Line], settings: Settings) -> set[int]:
    """Ids of the lines that wrap a sentence onto the line under them: each fills its column
    as far as the line under it (same size and left edge, close below), and the run of such
    lines reaches one holding a `。` (`各所属で業務の見直しを企画し、` / `デジタルツールの導入を先導す` /
    `る。…`). Text of a card or a narrow column, even in a type larger than the page's body,
    is no heading; a title wrapped over two lines (no `。`) is still one."""
    below = {id(line): under for line in lines if (under := _line_under(line, lines, settings)) is not None}
    wrapped: set[int] = set()
    for line in lines:
        run, current = [], line
        while "。" not in current.text and (under := below.get(id(current))) is not None \
                and current.x1 >= under.x1 - current.size:
            run.append(current)
            current = under
        if run and "。" in current.text:
            wrapped.update(id(ln) for ln in run)
    return wrapped


def _line_under(line: Line, lines: list[Line], settings: Settings) -> Line | None:
    """The line printed right under `line` in its column: same type size and left edge, within a paragraph gap."""
    reach = settings.paragraph_gap * line.size
    return next((other for other in lines if other is not line and 0 <= other.top - line.bottom <= reach
                 and abs(other.x0 - line.x0) <= 0.5 * line.size and abs(other.size - line.size) < HEADING_SIZE_STEP
                 and not _same_band(other, line)), None)


def _column_draft(drafts: list[_Draft], line: Line, settings: Settings) -> _Draft | None:
    """The paragraph a line wraps on from in its own column, when texts stand side by
    side (columns or cards without a gutter the page's reading order knows): one whose
    last line is in the row just above, shares the line's left edge and fills its column
    (a long line, as wide as this one or wider)."""
    for draft in reversed(drafts[-1 - settings.side_by_side_max:-1]):
        last = draft.lines[-1]
        if draft.kind is Paragraph and 0 <= line.top - last.bottom <= settings.paragraph_gap * line.size \
                and abs(min(ln.x0 for ln in draft.lines) - line.x0) <= 0.5 * line.size \
                and last.x1 >= line.x1 - line.size and len(normalize_text(last.text)) >= settings.column_wrap_chars:
            return draft
    return None


def _card_by_card(blocks: list[Block]) -> list[Block]:
    """Cards side by side, each under a heading of its own (a row of two headings or more
    apart from each other): the blocks under each heading, down to a block that is in
    no one column or a heading as large as theirs, follow their heading card after card instead of row after row, so
    each block's section is its own card's."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        heads = _heading_row(blocks, index)
        if len(heads) < 2:
            out.append(blocks[index])
            index += 1
            continue
        cards: list[list[Block]] = [[head] for head in heads]
        index += len(heads)
        while index < len(blocks):
            column = _column_of(blocks[index], heads)
            if column is None:
                break
            cards[column].append(blocks[index])
            index += 1
        out += [block for card in cards for block in card]
    return out


def _heading_row(blocks: list[Block], start: int) -> list[Block]:
    """The headings from `start` on printed in one row, each right of the one before."""
    row: list[Block] = []
    for block in blocks[start:]:
        if not isinstance(block, Heading) or row and not (
                _same_band(row[0].lines[0], block.lines[0]) and block.bbox[0] > row[-1].bbox[2]):
            break
        row.append(block)
    return row


def _column_of(block: Block, heads: list[Block]) -> int | None:
    """The card column a block below a row of headings lies in: from its heading's left
    edge (an em of slack) to the next heading's; None for a block across columns."""
    size = block.lines[0].size
    if isinstance(block, Heading) and not is_larger(heads[0].lines[0], size):
        return None  # the next section's heading, not a card's sub-heading
    for column, head in enumerate(heads):
        right = heads[column + 1].bbox[0] if column + 1 < len(heads) else float("inf")
        if block.bbox[1] >= head.bbox[3] - 1 and head.bbox[0] - size <= block.bbox[0] and block.bbox[2] <= right:
            return column
    return None


def _opens(line: Line, body: float, contents: bool) -> tuple[type[Block], str | None]:
    """What a printed line opens: a heading (with its number), a list item (with its
    marker), or paragraph text (None)."""
    text = _UNMAPPED_BULLET.sub("・", line.text.strip())
    token, title = split_numbering(text)
    sentence = "。" in text
    if not contents and not sentence and title:
        symbol = text[0] in HEADING_SYMBOLS and is_larger(line, body)
        if symbol and len(text) > 1:
            return Heading, text[0]
        if is_heading(line, body) and (numbering(text) != "①" or is_larger(line, body)):
            return Heading, token
    marker = leading_marker(text) or (text[0] if text[0] in _OPEN_MARKS and len(text) > 1 else None)
    if marker is not None:
        return ListItem, marker
    return Paragraph, None


def _continues(draft: _Draft, line: Line, settings: Settings) -> bool:
    """Whether a line without heading number or marker continues the block above:
    close below it, in the same type size, not left of it; a paragraph's sentence
    that ended with the line above and a new line indented opens a new paragraph."""
    if draft.kind is Heading:
        return False
    last = draft.lines[-1]
    gap = line.top - last.bottom
    # a list item printed with wide line spacing: its sentence runs on under the item's text
    wrapped_item = draft.kind is ListItem and not last.text.rstrip().endswith("。") \
        and line.x0 > min(ln.x0 for ln in draft.lines) and gap <= settings.item_wrap_gap * line.size
    if gap > settings.paragraph_gap * line.size and not wrapped_item or gap < -0.5 * line.size \
            or abs(line.size - last.size) >= HEADING_SIZE_STEP or line.vertical:
        return False
    left = min(ln.x0 for ln in draft.lines)
    if line.x0 < left - line.size:
        return False
    # a sentence ended and the next line is indented: a new paragraph's first line
    return not (draft.kind is Paragraph and last.text.rstrip().endswith("。") and line.x0 > left + 0.5 * line.size)


def _wraps_heading(draft: _Draft, line: Line, settings: Settings) -> bool:
    """Whether an unnumbered heading line is a heading above it wrapped onto a second line
    (one of the last few drafts: text beside it may be read in between): in its type size,
    set right under it (a line's spacing), on its left edge or its centre (a name wrapped in
    a slide's box), the line above no finished sentence."""
    if draft.kind is not Heading or len(draft.lines) > 1:
        return False
    last = draft.lines[-1]
    aligned = abs(line.x0 - last.x0) <= line.size or abs((line.x0 + line.x1) - (last.x0 + last.x1)) <= 2 * line.size
    return abs(line.size - last.size) < HEADING_SIZE_STEP and 0 <= line.top - last.bottom <= settings.heading_wrap_gap * line.size \
        and aligned and not last.text.rstrip().endswith("。")


def _finish(draft: _Draft) -> Block:
    lines = tuple(draft.pieces)
    where = {"page": lines[0].page, "bbox": _box_of(lines), "section_path": (), "lines": lines}
    text = normalize_text("\n".join(_UNMAPPED_BULLET.sub("・", ln.text.strip()) for ln in draft.lines))
    if draft.kind is Heading:
        if draft.marker is not None and not split_numbering(text)[0]:  # a symbol: `◆ 研修`
            title = normalize_text(text[len(draft.marker):])
        else:
            title = split_numbering(text)[1] if draft.marker else text
        return Heading(**where, numbering=draft.marker, title=title, depth=1)
    if draft.kind is ListItem:
        marker = draft.marker or ""
        body = normalize_text(_strip_marker(text, marker))
        return ListItem(**where, marker=marker, depth=1, text=body)
    return Paragraph(**where, text=text)


def _strip_marker(text: str, marker: str) -> str:
    folded = text.lstrip()
    return folded[len(marker):] if folded.startswith(marker) else normalize_text(folded).removeprefix(marker)


def _with_list_depths(blocks: list[Block]) -> list[Block]:
    """Each list item's depth among the items around it: 1 for the leftmost marker
    position, 2 for the next one in, …"""
    out = list(blocks)
    start = 0
    while start < len(out):
        if not isinstance(out[start], ListItem):
            start += 1
            continue
        end = start
        while end < len(out) and isinstance(out[end], ListItem):
            end += 1
        indents: list[float] = []
        for item in sorted(out[start:end], key=lambda b: b.bbox[0]):
            if not indents or item.bbox[0] - indents[-1] > 0.5 * item.lines[0].size:
                indents.append(item.bbox[0])
        for index in range(start, end):
            item = out[index]
            depth = 1 + sum(item.bbox[0] - x > 0.5 * item.lines[0].size for x in indents)
            out[index] = replace(item, depth=depth)
        start = end
    return out


# ---------------------------------------------------------------- tables

def _table_block(table: Table, lines: list[Line], settings: Settings) -> TableBlock:
    printed = tuple(ln for ln in lines if center_inside(ln.bbox, table.bbox))  # on its first page
    caption = _caption_line(table, lines, settings)
    return TableBlock(page=table.page, bbox=table.bbox, section_path=(), lines=printed, table=table,
                      caption=normalize_text(caption.text) if caption else None,
                      legends=_legends(table, lines, caption, settings))


def _titled(block: TableBlock, section_path: tuple[str, ...]) -> Table:
    """The block's table carrying what it is printed under: its caption, then its section's
    headings, innermost first."""
    titles = ((block.caption,) if block.caption else ()) + tuple(normalize_text(t) for t in reversed(section_path))
    return replace(block.table, titles=titles)


def _caption_line(table: Table, lines: list[Line], settings: Settings) -> Line | None:
    """The short line right above the table (`表1 研修計画`, `【育成目標数】`)."""
    x0, top, x1, _ = table.bbox
    above = [ln for ln in lines if ln.bottom <= top + 1 and top - ln.bottom <= settings.caption_reach * ln.size
             and ln.x1 > x0 and ln.x0 < x1]
    if not above:
        return None
    nearest = max(above, key=lambda ln: ln.bottom)
    text = normalize_text(nearest.text)
    short = len(text) <= settings.caption_max_chars and "。" not in text
    return nearest if short and not _is_legend(text) else None


def _legends(table: Table, lines: list[Line], caption: Line | None, settings: Settings) -> tuple[str, ...]:
    """Legends (`●：必須 ○：推奨`) printed near the table (or above its caption) or in a row across it."""
    x0, top, x1, bottom = table.bbox
    top = min(top, caption.top) if caption is not None else top
    near = [ln for ln in lines if not center_inside(ln.bbox, table.bbox)
            and (top - settings.legend_reach * ln.size <= ln.top <= bottom + settings.legend_reach * ln.size)]
    texts = [ln.text for ln in near] + [row[0].text for row in table.rows if len({id(c) for c in row}) == 1]
    return tuple(normalize_text(t) for t in texts if _is_legend(t))


def _is_legend(text: str) -> bool:
    """`●：必須 ○：推奨`, `A:座学, B:グループワーク`, `◎…必修`: marks or codes, each with its
    meaning and a separator of the legend vocabulary between."""
    return bool(parse_legend(text))


# ---------------------------------------------------------------- figures

def _figures(
    layout: PdfLayout, page: Page, lines: list[Line], tables: list[BBox], settings: Settings,
) -> list[list[Line]]:
    """Groups of figure texts: short texts that are vertical, in small drawn boxes,
    or side by side on a row, gathered when close to each other."""
    short = [ln for ln in lines if len(normalize_text(ln.text)) <= settings.figure_max_chars and "。" not in ln.text]
    if len(short) < settings.figure_min_lines:
        return []
    boxes = _drawn_boxes(layout, page, tables, settings)
    regions: dict[int, tuple[Line, BBox]] = {}  # line → (line, the box it is printed in, else its own)
    for line in short:
        box = _small_box_of(line, boxes, lines, settings)
        if line.vertical or box is not None:
            regions[id(line)] = (line, box or line.bbox)
    for line in _side_by_side(short, settings):
        regions.setdefault(id(line), (line, line.bbox))
    groups = _clusters(list(regions.values()), settings)
    return [sorted(g, key=lambda ln: (ln.top, ln.x0)) for g in groups if len(g) >= settings.figure_min_lines]


def _drawn_boxes(layout: PdfLayout, page: Page, tables: list[BBox], settings: Settings) -> list[BBox]:
    found = []
    area = page.width * page.height
    for drawing in layout.drawings(page.number):
        x0, y0, x1, y1 = drawing["rect"]
        w, h = x1 - x0, y1 - y0
        if min(w, h) < settings.figure_box_min or w * h > settings.figure_box_max_share * area:
            continue
        if any(center_inside((x0, y0, x1, y1), t) for t in tables):
            continue
        found.append((x0, y0, x1, y1))
    return found


def _small_box_of(line: Line, boxes: list[BBox], lines: list[Line], settings: Settings) -> BBox | None:
    """The drawn box a line is printed in, when it holds a few short lines only."""
    for box in boxes:
        if center_inside(line.bbox, box):
            inside = [ln for ln in lines if center_inside(ln.bbox, box)]
            few = len(inside) <= settings.figure_box_lines and all(
                len(normalize_text(ln.text)) <= settings.figure_max_chars for ln in inside)
            return box if few else None
    return None


def _side_by_side(lines: list[Line], settings: Settings) -> list[Line]:
    """Short texts printed `figure_row_texts` or more to a row, apart from each other."""
    found: list[Line] = []
    for line in lines:
        row = sorted((ln for ln in lines if _same_band(ln, line)), key=lambda ln: ln.x0)
        apart = [row[0]] if row else []
        for ln in row[1:]:
            if ln.x0 - apart[-1].x1 >= settings.figure_row_gap * ln.size:
                apart.append(ln)
        if len(apart) >= settings.figure_row_texts and line in apart:
            found.append(line)
    return found


def _clusters(regions: list[tuple[Line, BBox]], settings: Settings) -> list[list[Line]]:
    """Lines whose regions (boxes) are within `figure_reach` ems of each other, in the
    larger type of the two (a figure's large value and the small label under it are one
    figure, whichever is read first), or drawn boxes in a row (`_boxes_in_a_row`)."""
    groups: list[list[tuple[Line, BBox]]] = []
    for line, region in regions:
        near = [g for g in groups if any(
            _distance(region, other) <= settings.figure_reach * max(line.size, member.size)
            or _boxes_in_a_row(region, other) for member, other in g)]
        merged = [(line, region)] + [member for g in near for member in g]
        groups = [g for g in groups if not any(g is n for n in near)] + [merged]
    return [[line for line, _ in g] for g in groups]


def _boxes_in_a_row(a: BBox, b: BBox) -> bool:
    """Two drawn boxes of one height side by side, the gutter between them narrower than they
    are tall: boxes of one diagram (a row of skill boxes, KPI cards)."""
    height = a[3] - a[1]
    return abs(a[1] - b[1]) <= 1 and abs(a[3] - b[3]) <= 1 and 0 < max(a[0], b[0]) - min(a[2], b[2]) <= height


def _distance(a: BBox, b: BBox) -> float:
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return max(dx, dy)


# ---------------------------------------------------------------- sections

@dataclass(slots=True)
class _Open:
    """A heading still open above the blocks that follow: its style and label."""

    style: tuple[str | None, float]
    size: float
    label: str


def _with_sections(pages: list[PageBlocks]) -> list[PageBlocks]:
    """Depths and section paths across the document: a heading of the style of an
    open one closes it and what is under it; a larger one closes the smaller ones;
    any other heading opens a level under the last."""
    stack: list[_Open] = []
    out = []
    for page in pages:
        blocks = []
        for block in page.blocks:
            if isinstance(block, Heading):
                size = max(ln.size for ln in block.lines)
                style = (numbering(" ".join(ln.text for ln in block.lines)) or block.numbering, round(size))
                same = next((i for i, o in enumerate(stack) if o.style == style), None)
                if same is not None:
                    del stack[same:]
                else:
                    while stack and size > stack[-1].size + HEADING_SIZE_STEP:
                        stack.pop()
                path = tuple(o.label for o in stack)
                label = f"{block.numbering} {block.title}" if block.numbering else block.title
                stack.append(_Open(style, size, label))
                blocks.append(replace(block, section_path=path, depth=len(stack)))
            elif isinstance(block, TableBlock):
                path = tuple(o.label for o in stack)
                blocks.append(replace(block, section_path=path, table=_titled(block, path)))
            else:
                blocks.append(replace(block, section_path=tuple(o.label for o in stack)))
        out.append(replace(page, blocks=blocks))
        if page.number == 1:  # a cover's title, date and issuer open no sections
            stack = [o for o in stack if o.style[0] is not None]
    return out

