"""Pathological PDFs, built by the tests and by `bench/pathological.py` (issue 12):
long text without 。, hundreds of goal numbers on a page, deeply nested form
XObjects, a page of tens of thousands of spans, a huge image."""

from __future__ import annotations

import zlib
from pathlib import Path

import pymupdf

FONT = "japan"
GOAL_LINE = "育成目標として令和7年度までにDX推進リーダーを10名、DX推進員を20名育成し、受講率100%を目指す"
PROSE_LINE = "職員のデジタル技術の活用能力を高め、業務の見直しを全庁で進めていく"


def long_text(path: Path, pages: int, lines_per_page: int = 40, goal_every: int = 10) -> Path:
    """`pages` pages of prose lines, every `goal_every`-th a goal with numbers, and no 。:
    one sentence as long as the document."""
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        lines = [f"{GOAL_LINE} {number}-{i}" if i % goal_every == 0 else f"{PROSE_LINE}（{number}-{i}）"
                 for i in range(lines_per_page)]
        page.insert_text((40, 50), "\n".join(lines), fontname=FONT, fontsize=8, lineheight=1.9)
    doc.save(path, garbage=1, deflate=True)
    doc.close()
    return path


def many_numbers(path: Path, numbers: int = 480, pages: int = 4) -> Path:
    """A goal section whose few pages hold `numbers` goal numbers and no 。."""
    doc = pymupdf.open()
    per_page = numbers // pages
    for number in range(pages):
        page = doc.new_page()
        lines = ["数値目標"] + [f"R{7 + i % 4} {i}名 育成" for i in range(per_page)]
        page.insert_textbox(page.rect + (30, 30, -30, -30), " ".join(lines), fontname=FONT, fontsize=6)
    doc.save(path)
    doc.close()
    return path


def nested_forms(path: Path, depth: int = 100) -> Path:
    """A valid page whose text sits inside `depth` form XObjects, each drawing the next."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 80), "入れ子のフォーム", fontname=FONT, fontsize=12)
    font = page.get_fonts()[0][4]  # the resource name of the inserted font
    font_xref = page.get_fonts()[0][0]
    xrefs = [doc.get_new_xref() for _ in range(depth)]
    for level, xref in enumerate(xrefs):
        if level + 1 < depth:
            body, resources = f"/X{level + 1} Do", f"/XObject <</X{level + 1} {xrefs[level + 1]} 0 R>>"
        else:
            body, resources = f"BT /{font} 12 Tf 50 700 Td <30> Tj ET", f"/Font <</{font} {font_xref} 0 R>>"
        doc.update_object(xref, f"<</Type/XObject/Subtype/Form/BBox[0 0 595 842]/Resources <<{resources}>>>>")
        doc.update_stream(xref, body.encode())
    _append_to_page(doc, page, "/X0 Do", f"/X0 {xrefs[0]} 0 R")
    doc.save(path)
    doc.close()
    return path


def many_spans(path: Path, spans: int = 58_000) -> Path:
    """One page of `spans` tiny spans: each word switches the font size."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 50), "x", fontname="helv", fontsize=4)
    parts = ["BT"]
    for i in range(spans):
        x, y = 20 + (i % 200) * 2.8, 820 - (i // 200) * 2.7
        parts.append(f"/helv {2 + i % 2} Tf 1 0 0 1 {x:.1f} {y:.1f} Tm (a{i % 10}) Tj")
    parts.append("ET")
    _append_to_page(doc, page, "\n".join(parts), None)
    doc.save(path, deflate=True)
    doc.close()
    return path


def huge_image(path: Path, side: int = 20_000) -> Path:
    """A page of text with a `side`×`side` grey image (Flate-compressed: small on disk)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 80), "大きな画像のページ", fontname=FONT, fontsize=12)
    compressor, chunks, row = zlib.compressobj(9), [], bytes(side)
    for _ in range(side):
        chunks.append(compressor.compress(row))
    chunks.append(compressor.flush())
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<</Type/XObject/Subtype/Image/Width {side}/Height {side}/ColorSpace/DeviceGray"
                            f"/BitsPerComponent 8/Filter/FlateDecode>>")
    doc.update_stream(xref, b"".join(chunks), compress=False)
    _append_to_page(doc, page, "q 500 0 0 500 50 100 cm /Im0 Do Q", f"/Im0 {xref} 0 R")
    doc.save(path)
    doc.close()
    return path


def _append_to_page(doc: pymupdf.Document, page: pymupdf.Page, content: str, xobject: str | None) -> None:
    """Add a content stream to a page, and an XObject to its resources."""
    stream_xref = doc.get_new_xref()
    doc.update_object(stream_xref, "<<>>")
    doc.update_stream(stream_xref, content.encode())
    contents = page.get_contents()
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in [*contents, stream_xref]) + "]")
    if xobject:
        resources = doc.xref_get_key(page.xref, "Resources")
        if resources[0] == "xref":
            holder, key = int(resources[1].split()[0]), "XObject"
        else:
            holder, key = page.xref, "Resources/XObject"
        doc.xref_set_key(holder, key, f"<<{xobject}>>")
