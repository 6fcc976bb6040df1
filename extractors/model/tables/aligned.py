"""Tables without ruling lines, read from the alignment of their text lines: a header
row of short labels, the body down to where the table ends, columns cut at the white
gutters, rows at the gaps wider than the line spacing inside a cell."""

from __future__ import annotations

import re
import statistics
import unicodedata

from jinzai.extractors.layout import Line, Page
from jinzai.extractors.model.tables.grid import Cell, HeaderHint, Table, em_box, line_rows, make_cell
from jinzai.extractors.model.tables.settings import TableSettings
from jinzai.normalizers.legends import parse_legend
from jinzai.normalizers.text import normalize_text, split_list


# A count or share with its unit (`58%`, `24人`): a value of the body, never a header label.
_QUANTITY = re.compile(r"[\d,.]+\s*(?:%|％|人|名|件|回|時間|円)")


# A field with its value (`形式：集合研修`, `対象:一般職員`): the line of a card, never a header label.
_FIELD = re.compile(r"[^:：]{1,8}[:：]\s*\S.*")


def aligned_tables(page: Page, lines: list[Line], settings: TableSettings) -> list[Table]:
    """Tables printed without rulings whose header words no reader's hint knows, from the
    alignment of their texts alone: a row of short labels over two rows or more."""
    return [t for t in unruled_tables(page, lines, lambda _: True, settings) if len(t.rows) >= 2]


def unruled_tables(
    page: Page, lines: list[Line], header_hint: HeaderHint | None, settings: TableSettings,
) -> list[Table]:
    """Tables printed without rulings, top to bottom: a row of short labels is a header
    when the rows under it align with its labels (`_aligned_body`), or, as further
    evidence, when two of its labels are words the caller's hint knows; the body runs
    down to a line spanning two columns (prose after the table) or a wide gap; columns
    are cut at the white gutters of the body, rows at gaps wider than the line spacing
    inside a cell."""
    tables: list[Table] = []
    below = float("-inf")  # the bottom of the last table found: the next header is under it
    for header in line_rows(lines):
        labels = sorted((ln for ln in header if not _heads_legend(ln, lines)), key=lambda ln: ln.x0)
        if not labels:
            continue
        texts = [normalize_text(ln.text) for ln in labels]
        if min(ln.top for ln in labels) < below or len(labels) < 2 \
                or any(len(t) > settings.max_header_label or _QUANTITY.fullmatch(t) or _FIELD.fullmatch(t)
                       for t in texts) \
                or any(split_list(ln.text)[1] for ln in labels) or len(set(texts)) == 1:
            continue  # not short labels: a row of values or of fields, a list item (a bulleted cell), or
            # one label printed over each of several cards side by side
        hinted = header_hint is not None and sum(map(header_hint, texts)) >= 2
        if not hinted and not all(2 <= len(t) <= settings.max_unhinted_label for t in texts):
            continue  # without the hint's word, only labels look like a header: no marks, no sentences
        table, body = _table_under(labels, lines, page, settings)
        if table is not None and not _cards(table) \
                and (hinted and _keyed(table) or _aligned_body(table, body, settings)):
            tables.append(table)
            below = table.bbox[3]
    return tables


def _table_under(
    labels: list[Line], lines: list[Line], page: Page, settings: TableSettings,
) -> tuple[Table | None, list[Line]]:
    """The table a row of labels heads (its header completed: wrapped, lower, upper and
    sub-labels) and its body lines; (None, []) when no body follows it."""
    band = _header_band(labels, lines, settings)
    if len(band) > len(labels):
        upper, labels = _ragged_header(band, page.number, settings)
    else:
        labels = _with_lower_labels(_with_wrapped_labels(labels, lines, settings), lines, settings)
        upper, labels = _with_sub_labels(labels, lines, page.number, settings)
    body = _body_lines(lines, labels)
    return (_table_from_lines(page, labels, body, upper, settings), body) if body else (None, [])


def _aligned_body(table: Table, body: list[Line], settings: TableSettings) -> bool:
    """Evidence that a row of labels heads a table whatever its words: at least
    `min_aligned_rows` body rows fill two columns or more, every column holds text in
    some row and its lines share one alignment (`_aligned`), and the first column holds
    keys (short names, numbers, years), not prose."""
    rows = [row for row in table.rows if not all(cell is row[0] for cell in row)]
    filled = [row for row in rows if sum(not cell.empty for cell in row) >= 2]
    if len(filled) < settings.min_aligned_rows:
        return False
    if not all(any(not row[col].empty for row in rows) for col in range(table.n_cols)):
        return False
    keys = {id(row[0]): row[0].normalized for row in rows if not row[0].empty}
    if not _keyed(table) or any(len(key) > settings.max_header_label for key in keys.values()):
        return False
    edges = [cell.bbox[0] for cell in table.rows[0]][1:]
    columns: dict[int, list[Line]] = {}
    for line in body:
        columns.setdefault(sum(edge <= (line.x0 + line.x1) / 2 for edge in edges), []).append(line)
    return all(_aligned(column, settings) for column in columns.values())


def _cards(table: Table) -> bool:
    """Cards side by side, not a table: in half the rows or more, every cell holds the same
    text or the same field (`身につく力` / `身につく力`, `対象：係長` / `対象：課長`)."""
    def key(cell: Cell) -> str:
        text = cell.normalized
        return re.split(r"[:：]", text, maxsplit=1)[0] if _FIELD.fullmatch(text) else text

    alike = [row for row in table.rows if len({id(c) for c in row}) >= 2 and not any(c.empty for c in row)
             and len({key(c) for c in row}) == 1]
    return 2 * len(alike) >= len(table.rows)


def _keyed(table: Table) -> bool:
    """The first column holds keys of its rows, no sentence (`。`): texts side by side whose
    left one is prose are columns of text or cards of a designed page, not a table."""
    return not any("。" in row[0].normalized for row in table.rows)


def _aligned(lines: list[Line], settings: TableSettings) -> bool:
    """Lines of one column share one alignment (left edges, centres or right edges within
    an em) but for `1 - aligned_share` of them: texts placed freely around a diagram do not."""
    if len(lines) < 3:
        return True
    em = statistics.median(ln.size for ln in lines)
    for position in (lambda ln: ln.x0, lambda ln: (ln.x0 + ln.x1) / 2, lambda ln: ln.x1):
        values = [position(ln) for ln in lines]
        if max(sum(abs(v - w) <= em for w in values) for v in values) >= settings.aligned_share * len(values):
            return True
    return False


# ---------------------------------------------------------------- the header

def _header_band(labels: list[Line], lines: list[Line], settings: TableSettings) -> list[Line]:
    """The header row with the labels printed at heights of their own beside it: a header
    whose cells differ in height centres each label in its cell, so its lines overlap
    each other's heights in a ragged band (`研修` / `形態` beside `区分`, `対象者` above the
    role labels it spans). Grows by every short label whose em box overlaps the band's."""
    band = list(labels)
    top, bottom = min(em_box(ln)[0] for ln in band), max(em_box(ln)[1] for ln in band)
    grown = True
    while grown:
        grown = False
        for line in lines:
            line_top, line_bottom = em_box(line)
            if line in band or line.vertical or not (line_top < bottom and top < line_bottom) \
                    or not _is_label(line, lines, settings):
                continue
            band.append(line)
            top, bottom = min(top, line_top), max(bottom, line_bottom)
            grown = True
    return band


def _is_label(line: Line, lines: list[Line], settings: TableSettings) -> bool:
    """Short text that is no mark, legend or its title, note or list item (one letter may
    be the last of a wrapped label: `監`, `ー`)."""
    text = normalize_text(line.text)
    letters = len(text) >= 2 or len(text) == 1 and unicodedata.category(text)[0] == "L" and _under_label(line, lines)
    return letters and len(text) <= settings.max_header_label and not parse_legend(text) \
        and not text.startswith("※") and not split_list(line.text)[1] and not _heads_legend(line, lines)


def _under_label(line: Line, lines: list[Line]) -> bool:
    """Right under a label of several letters, within its width: the last letter it wraps onto."""
    return any(len(normalize_text(ln.text)) >= 2 and -line.size / 2 <= line.top - ln.bottom < line.size
               and ln.x0 - 1 <= line.x0 and line.x1 <= ln.x1 + 1 for ln in lines)


def _heads_legend(line: Line, lines: list[Line]) -> bool:
    """The title of a legend (`凡例`): the next line under it is a legend."""
    under = [ln for ln in lines if ln.top >= line.bottom - 1 and ln.x0 < line.x1 and line.x0 < ln.x1]
    return bool(under) and bool(parse_legend(normalize_text(min(under, key=lambda ln: ln.top).text)))


def _ragged_header(band: list[Line], page: int, settings: TableSettings) -> tuple[list[Cell] | None, list[Line]]:
    """A ragged header band → (the upper row of spanning labels or None, the column labels).
    Lines stacked over each other make one column's label (a wrapped label), unless set
    apart by more than a wrap's gap (`header_stack_gap` ems): then the upper line is a label
    spanning the columns under it that centre on it and reach no higher than its bottom."""
    stacks: list[list[Line]] = []
    uppers: list[tuple[list[Line], list[Line]]] = []  # (the upper lines, the stack they were over)
    for line in sorted(band, key=lambda ln: em_box(ln)[0]):
        home = next((st for st in stacks if st[-1].x0 < line.x1 and line.x0 < st[-1].x1), None)
        if home is None:
            stacks.append([line])
        elif em_box(line)[0] - em_box(home[-1])[1] > settings.header_stack_gap * line.size:
            uppers.append((list(home), home))
            home[:] = [line]
        else:
            home.append(line)
    stacks.sort(key=lambda st: st[0].x0)
    spans = [(upper, _spanned(_joined(upper), [_joined(st) for st in stacks])) for upper, _ in uppers]
    for (upper, span), (_, home) in zip(spans, uppers):
        if len(span) < 2:  # heads its own column only: the first lines of its label
            home[:0] = upper
    labels = [_joined(stack) for stack in stacks]
    cells = [Cell(tuple(ln.text.strip() for ln in stack), lb.bbox, page) for stack, lb in zip(stacks, labels)]
    upper_row = list(cells)
    for lines, span in spans:
        cell = Cell(tuple(ln.text.strip() for ln in lines), _joined(lines).bbox, page)
        for index in span if len(span) >= 2 else ():
            upper_row[index] = cell
    spanning = any(upper_row[i] is not cells[i] for i in range(len(cells)))
    return (upper_row if spanning else None), labels


def _spanned(label: Line, columns: list[Line]) -> list[int]:
    """The columns a spanning label heads: the widest run of neighbouring columns, each
    printed below the label, whose extent is centred on it (within an em)."""
    centre = (label.x0 + label.x1) / 2
    below = [col.top >= em_box(label)[1] - 1 for col in columns]
    best: list[int] = []
    for first in range(len(columns)):
        for last in range(first, len(columns)):
            if not all(below[first:last + 1]):
                break
            middle = (columns[first].x0 + columns[last].x1) / 2
            if abs(middle - centre) <= label.size and last - first + 1 > len(best):
                best = list(range(first, last + 1))
    return best


def _joined(stack: list[Line]) -> Line:
    """One column's label lines as one line (text joined by newlines)."""
    if len(stack) == 1:
        return stack[0]
    return Line(text="\n".join(ln.text for ln in stack), page=stack[0].page, size=stack[0].size,
                bbox=(min(ln.x0 for ln in stack), stack[0].top, max(ln.x1 for ln in stack), stack[-1].bottom))


def _with_sub_labels(
    labels: list[Line], lines: list[Line], page: int, settings: TableSettings,
) -> tuple[list[Cell] | None, list[Line]]:
    """A two-level header: where the printed row right under the labels holds two short
    labels or more, all under one label and clear of its neighbours (`受講対象` over
    `管理職 / リーダー / 一般職員`), that label spans them. Returns the upper header row
    (the spanning label's cell over each of its columns, every other label's own cell)
    and the lowest labels; (None, labels) for a one-level header."""
    bottom = max(em_box(ln)[1] for ln in labels)
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    taken = {id(ln) for ln in labels}
    below = [row for row in line_rows([ln for ln in lines if id(ln) not in taken and ln.top >= bottom - 1])
             if min(em_box(ln)[0] for ln in row) - bottom < pitch]
    if not below:
        return None, labels
    subs = sorted(below[0], key=lambda ln: ln.x0)
    if len(subs) < 2 or any(not 2 <= len(normalize_text(ln.text)) <= settings.max_sub_label for ln in subs):
        return None, labels
    for index, parent in enumerate(labels):
        left = labels[index - 1].x1 if index else float("-inf")
        right = labels[index + 1].x0 if index + 1 < len(labels) else float("inf")
        centre = (parent.x0 + parent.x1) / 2
        if all(left < ln.x0 and ln.x1 < right for ln in subs) and subs[0].x0 <= centre <= subs[-1].x1:
            subs = _with_wrapped_labels(subs, lines, settings)
            cells = [Cell((ln.text.strip(),), ln.bbox, page) for ln in labels]
            upper = cells[:index] + [cells[index]] * len(subs) + cells[index + 1:]
            return upper, labels[:index] + subs + labels[index + 1:]
    return None, labels


def _with_wrapped_labels(labels: list[Line], lines: list[Line], settings: TableSettings) -> list[Line]:
    """The header labels with the lines they wrap onto (`人材` / `像`): a line right
    under a label's last line, closer than `wrapped_label_gap` of a line, within
    its width. Where more than half the labels have such a line, that row is the
    body's first (a table without padding), not a wrap: long labels wrap, not most;
    unless narrow columns wrap their labels line after line (`wrapped_labels_spaced`)."""
    stacks = [[label] for label in labels]  # each label's printed lines, top down
    while True:
        under = _lines_right_under(stacks, lines, settings.wrapped_label_gap)
        found = sum(line is not None for line in under)
        if not found or found > len(labels) / 2:
            break
        for stack, line in zip(stacks, under, strict=True):
            if line is not None:
                stack.append(line)
    if all(len(stack) == 1 for stack in stacks):
        stacks = _spaced_wraps(stacks, lines, settings)
    return [_joined(stack) for stack in stacks]


def _spaced_wraps(stacks: list[list[Line]], lines: list[Line], settings: TableSettings) -> list[list[Line]]:
    """Labels of narrow columns wrapped line after line at the type's own line spacing
    (`データ` / `利活用` / `スペシ` …, gaps up to `spaced_wrap_gap` ems): taken as wraps where
    the first column's label does not wrap (a body's first row fills its first column) and
    the next line below them all lies more than `header_gap_ratio` times their widest gap
    lower (the header ends where a wider gap parts it from the body)."""
    grown = [list(stack) for stack in stacks]
    widest = 0.0
    while True:
        under = _lines_right_under(grown, lines, settings.spaced_wrap_gap, centred=False)
        if all(line is None for line in under):
            break
        for stack, line in zip(grown, under, strict=True):
            if line is not None:
                widest = max(widest, em_box(line)[0] - em_box(stack[-1])[1])
                stack.append(line)
    if len(grown[0]) > 1 or all(len(stack) == 1 for stack in grown):
        return stacks
    taken = {id(line) for stack in grown for line in stack}
    top, bottom = min(em_box(stack[0])[0] for stack in grown), max(em_box(stack[-1])[1] for stack in grown)
    if any(id(ln) not in taken and top <= em_box(ln)[0] < bottom for ln in lines):
        return stacks  # other texts beside them: rows of a body, not a header's wraps
    below = [em_box(ln)[0] - bottom for ln in lines if id(ln) not in taken and em_box(ln)[0] >= bottom - 1]
    return grown if below and min(below) > settings.header_gap_ratio * max(widest, 1.0) else stacks


def _lines_right_under(
    stacks: list[list[Line]], lines: list[Line], gap_ems: float, centred: bool = True,
) -> list[Line | None]:
    taken = {id(line) for stack in stacks for line in stack}
    return [_line_right_under(stack, lines, taken, gap_ems, centred) for stack in stacks]


def _line_right_under(
    stack: list[Line], lines: list[Line], taken: set[int], gap_ems: float, centred: bool = True,
) -> Line | None:
    """A line under the stack's last one, closer than `gap_ems`, within the label's width
    or (where `centred`) centred on it."""
    first, last = stack[0], stack[-1]
    for line in lines:
        gap = em_box(line)[0] - em_box(last)[1]
        within = first.x0 - first.size <= line.x0 and line.x1 <= first.x1 + first.size
        on_centre = centred and abs((line.x0 + line.x1) / 2 - (first.x0 + first.x1) / 2) <= first.size / 2
        if id(line) not in taken and -1 <= gap < gap_ems * last.size and (within or on_centre):
            return line  # under the label, or centred on it as a merged cell centres its text
    return None


def _with_lower_labels(labels: list[Line], lines: list[Line], settings: TableSettings) -> list[Line]:
    """The header labels with those printed lower than the header row, in a column of
    their own: a merged cell of a spreadsheet centres its label, so in a header of cells
    of different heights some labels sit between the header's lines (`全職員` beside
    `部局DX` / `推進監`). Such a line lies within the header's height, under no label,
    short, and is no mark."""
    top = min(ln.top for ln in labels)
    bottom = max(ln.bottom for ln in labels)
    taken = {id(ln) for ln in labels}
    lower = [ln for ln in lines if id(ln) not in taken and top < ln.top and ln.bottom <= bottom + 1
             and not any(ln.x0 < label.x1 and label.x0 < ln.x1 for label in labels)
             and 2 <= len(normalize_text(ln.text)) <= settings.max_sub_label and not parse_legend(ln.text)
             and not _heads_legend(ln, lines)
             and not any(ln.text in label.text.split("\n") for label in labels)]
    return sorted([*labels, *lower], key=lambda ln: ln.x0) if lower else labels


# ---------------------------------------------------------------- the body

def _body_lines(lines: list[Line], labels: list[Line]) -> list[Line]:
    """Lines below the header down to where the table ends (`lines_down_to_end`)."""
    centres = [(ln.x0 + ln.x1) / 2 for ln in labels]
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    return lines_down_to_end(lines, centres, pitch, max(em_box(ln)[1] for ln in labels),
                             right=max(ln.x1 for ln in labels))


def lines_down_to_end(lines: list[Line], centres: list[float], pitch: float, top: float,
                      widest: float = 0.0, right: float = float("inf")) -> list[Line]:
    """The lines from `top` down to where the table ends, before the first line that
    - reaches over two column centres (prose after the table),
    - is a legend or note right under the header (a row of labels, not a table),
    - follows a gap of several line heights, or more than twice as wide as any gap
      inside the table so far and a line height (a page number or footer under it),
    - is printed in larger type than the body and is more than a mark (the next heading), or
    - follows a gap wider than any inside the table so far (`widest`, the
      header's gap included) and is a legend or note (`○：…`, `※…`) or starts
      left of every body line (text at the margin, outside the cells' padding).
    A legend or note printed beside the table (starting right of `right`) is skipped."""
    body: list[Line] = []
    last_bottom = top
    for line in sorted((ln for ln in lines if ln.top >= top - 1), key=lambda ln: (ln.top, ln.x0)):
        if line.x0 > right and _is_legend_or_note(line):
            continue
        line_top, line_bottom = em_box(line)
        gap = line_top - last_bottom
        spanned = sum(line.x0 < c < line.x1 for c in centres)
        if gap > 4 * pitch or spanned >= 2 or body and gap > 2 * max(widest, pitch) \
                or not body and _is_legend_or_note(line):
            break
        if body and (line.size >= body[0].size + 1 and len(normalize_text(line.text)) > 2 or gap > widest + 1 and (
                _is_legend_or_note(line) or line.x0 < min(ln.x0 for ln in body) - 1
                and not _group_label_beside_rows(line, lines, centres, pitch))):
            break
        widest = max(widest, gap)
        body.append(line)
        last_bottom = max(last_bottom, line_bottom)
    return body


def _group_label_beside_rows(line: Line, lines: list[Line], centres: list[float], pitch: float) -> bool:
    """A line left of the body that is a label of the first column — centred under its
    header label (`共通` under `分類`), or short of the second column's label — with cells
    of a row beside or just below it: a group label that a spreadsheet centred beside its
    rows, or a first column's cell wider than its header label, not text after the table."""
    first = abs((line.x0 + line.x1) / 2 - centres[0]) <= pitch or len(centres) > 1 and line.x1 < centres[1]
    return first and any(other.x0 > line.x1 and line.top - pitch <= other.top <= line.bottom + pitch
                         for other in lines)


def _is_legend_or_note(line: Line) -> bool:
    text = normalize_text(line.text)
    return text.startswith("※") or bool(parse_legend(text))


# ---------------------------------------------------------------- columns and rows

def _column_cuts(labels: list[Line], body: list[Line]) -> list[float]:
    """Between two neighbouring labels, the middle of the widest strip that
    neither body lines nor the header labels cover (the gutter; a label may be
    centred over a column whose cells start further left); failing that, of the
    widest strip no body line covers; where text covers it all, halfway between them."""
    cuts = []
    for a, b in zip(labels, labels[1:]):
        left, right = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
        widest = _widest_gap([*body, *labels], left, right) or _widest_gap(body, left, right)
        cuts.append((widest[1] + widest[2]) / 2 if widest else (a.x1 + b.x0) / 2)
    return cuts


def _widest_gap(lines: list[Line], left: float, right: float) -> tuple[float, float, float] | None:
    """(width, x0, x1) of the widest strip between `left` and `right` that no line covers."""
    covered = sorted((max(ln.x0, left), min(ln.x1, right)) for ln in lines if ln.x1 > left and ln.x0 < right)
    gaps, cursor = [], left
    for x0, x1 in covered:
        if x0 > cursor:
            gaps.append((x0 - cursor, cursor, x0))
        cursor = max(cursor, x1)
    if right > cursor:
        gaps.append((right - cursor, cursor, right))
    return max(gaps, default=None)


def _table_from_lines(
    page: Page, labels: list[Line], body: list[Line], upper: list[Cell] | None, settings: TableSettings,
) -> Table:
    """The table of its lowest header labels and body lines; `upper`: the row of
    spanning labels above (a column without one repeats its own label's cell)."""
    left = min(ln.x0 for ln in [*labels, *body])
    right = max(ln.x1 for ln in [*labels, *body])
    edges = [left, *_column_cuts(labels, body), right]
    lower = [Cell((ln.text.strip(),), ln.bbox, page.number) for ln in labels]
    header = [lower] if upper is None else [
        upper, [up if up.bbox == low.bbox else low for up, low in zip(upper, lower, strict=True)]]
    top = min(ln.top for ln in labels) if upper is None else min(c.bbox[1] for c in upper)
    bbox = (left, top, right, max(ln.bottom for ln in body))
    header_gap = min(em_box(ln)[0] for ln in body) - max(em_box(ln)[1] for ln in labels)
    return Table(page=page.number, bbox=bbox, header=header, ruled=False,
                 rows=rows_of_lines(page.number, edges, body, header_gap, settings),
                 pages=[page.number], page_boxes={page.number: bbox})


def rows_of_lines(
    page: int, edges: list[float], body: list[Line], row_gap: float, settings: TableSettings,
) -> list[list[Cell]]:
    """Body lines → grid rows between the column edges. Group labels of the first
    column centred beside their rows (a merged cell printed from a spreadsheet) are
    spread over their group (`_centred_groups`); otherwise an empty first cell
    continues the group label above, or, where the first row has none, the label
    nearest to it (labels centred on groups of three rows or more)."""
    groups = _centred_groups(edges, body, row_gap, settings)
    if groups is not None:
        bands, labels = groups
        rows = [[make_cell((x0, top, x1, bottom), body, page) for x0, x1 in zip(edges[1:], edges[2:])]
                for top, bottom in bands]
        return [[labels[r], *row] for r, row in enumerate(rows)]
    rows = [[make_cell((x0, top, x1, bottom), body, page) for x0, x1 in zip(edges, edges[1:])]
            for top, bottom in row_bands(body, row_gap, settings)]
    labelled = [r for r, row in enumerate(rows) if not row[0].empty]
    if rows and rows[0][0].empty and labelled:
        # no label in the first row: the group labels sit in the middle of their groups
        nearest = {r: min(labelled, key=lambda l: (abs(l - r), l)) for r in range(len(rows))}
    else:  # an empty first cell: the group label above spans this row too
        nearest = {r: max((l for l in labelled if l <= r), default=r) for r in range(len(rows))}
    for r, row in enumerate(rows):
        row[0] = rows[nearest[r]][0]
    return rows


def _centred_groups(
    edges: list[float], body: list[Line], row_gap: float, settings: TableSettings,
) -> tuple[list[tuple[float, float]], list[Cell]] | None:
    """Row bands read from every column but the first, and the first column's cell of
    each row, where that column holds group labels centred on their groups: a label
    printed between two rows (in no row's band, the row above having no label) or
    reaching above and below its row's other cells. A label is given to the rows from
    the end of the previous group down to the row that puts it in the middle; the last
    runs to the table's end. None where the first column is no such column."""
    if len(edges) < 3:
        return None
    first = [ln for ln in body if (ln.x0 + ln.x1) / 2 < edges[1]]
    rest = [ln for ln in body if (ln.x0 + ln.x1) / 2 >= edges[1]]
    if not first or not rest:
        return None
    bands = row_bands(rest, row_gap, settings)
    blocks = _label_blocks(first, statistics.median(ln.size for ln in first), settings)
    if not any(_floats(block, bands, first) or _straddles(block, bands) for block in blocks):
        return None
    page = first[0].page
    labels = [Cell((), (edges[0], top, edges[1], bottom), page) for top, bottom in bands]
    start = 0
    for n, block in enumerate(blocks):
        centre = (block[0].top + block[-1].bottom) / 2
        if start >= len(bands):
            break
        if n == len(blocks) - 1:
            end = len(bands) - 1
        else:
            end = min(range(start, len(bands)), key=lambda e: abs((bands[start][0] + bands[e][1]) / 2 - centre))
        cell = Cell(tuple(ln.text.strip() for ln in block), (edges[0], block[0].top, edges[1], block[-1].bottom), page)
        for r in range(start, end + 1):
            labels[r] = cell
        start = end + 1
    return bands, labels


def _label_blocks(lines: list[Line], size: float, settings: TableSettings) -> list[list[Line]]:
    """A column's lines, top down, grouped where they follow each other closely (a label's wrapped lines)."""
    blocks: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        if blocks and line.top - blocks[-1][-1].bottom < settings.wrapped_label_gap * size:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _floats(block: list[Line], bands: list[tuple[float, float]], first: list[Line]) -> bool:
    """A label in no row's band, below a row without a label of its own."""
    top, bottom = em_box(block[0])[0], em_box(block[-1])[1]
    if any(b_top < bottom and top < b_bottom for b_top, b_bottom in bands):
        return False
    above = [band for band in bands if band[1] <= top]
    return bool(above) and not any(above[-1][0] < em_box(ln)[1] and em_box(ln)[0] < above[-1][1] for ln in first)


def _straddles(block: list[Line], bands: list[tuple[float, float]]) -> bool:
    """A label of several lines reaching above and below the one row band it overlaps."""
    top, bottom = em_box(block[0])[0], em_box(block[-1])[1]
    overlapped = [band for band in bands if band[0] < bottom and top < band[1]]
    return len(block) > 1 and len(overlapped) == 1 and top < overlapped[0][0] and bottom > overlapped[0][1]


def row_bands(body: list[Line], row_gap: float, settings: TableSettings) -> list[tuple[float, float]]:
    """Vertical bands separated by gaps wider than the usual gap between the lines
    of one cell (lines measured by their em boxes). `row_gap` is a gap known to
    part two rows (below the header, or between rows before a page break)."""
    spans = sorted(em_box(ln) for ln in body)
    merged: list[list[float]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    gaps = [b[0] - a[1] for a, b in zip(merged, merged[1:])]
    if not gaps:
        return [(merged[0][0] - 1, merged[0][1] + 1)]
    # Rows are set apart by more space than the lines inside one cell; where all
    # gaps are alike, every printed line is a row of its own, unless they are all
    # much narrower than a gap between rows (one cell's wrapped lines).
    alike = max(gaps) <= 1.5 * min(gaps) + 1
    if alike and max(gaps) < settings.cell_line_gap_share * row_gap:
        return [(merged[0][0] - 1, merged[-1][1] + 1)]
    split_every_line = alike
    threshold = (min(gaps) + max(gaps)) / 2
    bands: list[list[float]] = [merged[0]]
    for (top, bottom), gap in zip(merged[1:], gaps):
        if split_every_line or gap > threshold:
            bands.append([top, bottom])
        else:
            bands[-1][1] = bottom
    return [(top - 1, bottom + 1) for top, bottom in bands]
