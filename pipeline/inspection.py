"""`jinzai inspect`: the blocks of a PDF's pages as the document model sees them.

Each block with its kind, section path and content (a table as its grid), and for
tables, lists and figures what the extractors read it as (`blocks.read_as`) and,
where nothing, why. For an analyst asking why something was or was not extracted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from jinzai.extractors import extract, open_layout
from jinzai.extractors.model import Block, Figure, Heading, ListItem, Paragraph, TableBlock
from jinzai.models import BlockRecord


def inspect_pdf(path: Path, page: int | None = None) -> list[dict[str, Any]]:
    """The blocks of one page (every page when None) as JSON-ready dicts, in reading order.
    Raises `DocumentError` for a file that cannot be read, `ValueError` for a page it lacks."""
    with open_layout(path) as layout:
        if page is not None and not 1 <= page <= layout.page_count:
            raise ValueError(f"{path}: page {page} does not exist (the PDF has {layout.page_count} pages)")
        extraction = extract(layout, "inspect")
    assert extraction.model is not None
    read = {(b.page, tuple(b.bbox)): b for b in extraction.blocks}
    blocks = extraction.model.blocks if page is None else extraction.model.page_blocks(page)
    return [_describe(block, read) for block in blocks]


def _describe(block: Block, read: dict[tuple[int, tuple[float, ...]], BlockRecord]) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": block.kind, "page": block.page, "bbox": [round(v, 1) for v in block.bbox],
                             "section_path": list(block.section_path)}
    if isinstance(block, Heading):
        found |= {"numbering": block.numbering, "title": block.title, "depth": block.depth}
    elif isinstance(block, Paragraph):
        found["text"] = block.text
    elif isinstance(block, ListItem):
        found |= {"marker": block.marker, "depth": block.depth, "text": block.text}
    elif isinstance(block, TableBlock):
        table = block.table
        found |= {"pages": block.pages, "caption": block.caption, "legends": list(block.legends),
                  "ruled": table.ruled, "header": [[c.normalized for c in row] for row in table.header],
                  "rows": [[c.normalized for c in row] for row in table.rows]}
    elif isinstance(block, Figure):
        found["texts"] = block.texts
    record = _record_of(block, read)
    if record is not None:
        found |= {"read_as": record.read_as, "records": record.records, "reason": record.reason}
    return found


def _record_of(block: Block, read: dict[tuple[int, tuple[float, ...]], BlockRecord]) -> BlockRecord | None:
    """The `blocks` row of a table or figure; of a list item, the row of the list it opens or is in."""
    exact = read.get((block.page, tuple(round(v, 2) for v in block.bbox)))
    if exact is not None or not isinstance(block, ListItem):
        return exact
    return next((r for (page, box), r in read.items() if r.kind == "list" and page == block.page
                 and box[1] <= block.bbox[1] + 0.5 and block.bbox[3] <= box[3] + 0.5), None)


def print_blocks(blocks: list[dict[str, Any]], console: Console) -> None:
    """The blocks, one per paragraph of output, tables drawn as grids."""
    page = None
    for block in blocks:
        if block["page"] != page:
            page = block["page"]
            console.rule(f"page {page}")
        console.print(_render(block))


def _render(block: dict[str, Any]) -> Text | Group:
    kind = block["kind"]
    path = " › ".join(block["section_path"])
    head = Text(f"{kind:<9} ", style="bold")
    if path:
        head.append(f"[{path}] ", style="dim")
    if "read_as" in block:
        head.append(f"read as {block['read_as']}" + (f" ({block['records']} records)" if block["records"] else ""),
                    style="green" if block["read_as"] != "none" else "yellow")
        if block["reason"]:
            head.append(f": {block['reason']}", style="yellow")
    if kind == "heading":
        return head.append(f"\n  {block['numbering'] or ''} {block['title']}  (depth {block['depth']})".rstrip())
    if kind in ("paragraph", "list_item"):
        marker = f"{block['marker']} (depth {block['depth']}) " if kind == "list_item" else ""
        return head.append(f"\n  {marker}{block['text']}")
    if kind == "figure":
        return head.append("\n  " + " / ".join(block["texts"]))
    grid = RichTable(show_lines=True, title=block["caption"], title_justify="left")
    labels = [" / ".join(dict.fromkeys(filter(None, col))) for col in zip(*block["header"])] if block["header"] \
        else [""] * len(block["rows"][0] if block["rows"] else [])
    for label in labels:
        grid.add_column(label)
    for row in block["rows"]:
        grid.add_row(*row)
    pages = block["pages"]
    note = Text(f"  {'ruled' if block['ruled'] else 'unruled'}, pages {pages}"
                + (f", legends {block['legends']}" if block["legends"] else ""), style="dim")
    return Group(head, note, grid)
