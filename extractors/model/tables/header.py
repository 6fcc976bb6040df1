"""The header of a table without rulings: from a row of short labels, the labels
wrapped onto further lines, printed lower or higher in cells of other heights (a
ragged header), spanning the labels under them, set in vertical writing, and the
legend titles that are none."""

from __future__ import annotations

import statistics
import unicodedata

from jinzai.extractors.layout import Line
from jinzai.extractors.model.tables.grid import Cell, em_box, line_rows, same_row
from jinzai.extractors.model.tables.settings import TableSettings
from jinzai.normalizers.legends import parse_legend
from jinzai.normalizers.text import normalize_text, split_list


def with_upright_labels(lines: list[Line], settings: TableSettings) -> list[Line]:
    """The lines with each label set in vertical writing joined into one line, a character
    a line of its text (its columns right to left, each top down): a narrow header cell of
    a spreadsheet prints a name a character under another, wrapped onto a further column
    to its left. `min_upright_chars` or more characters make such a label where each
    follows the one above within `upright_char_gap` ems in a column of one character's
    width, most are letters (marks of one-letter cells in tight rows are not), and most
    have no text of several characters beside them (a column of one-character cells has
    its rows' other cells beside it)."""
    singles = [ln for ln in lines if not ln.vertical and len(ln.text.strip()) == 1]
    if len(singles) < settings.min_upright_chars:
        return lines
    words = [ln for ln in lines if len(normalize_text(ln.text)) >= 2]
    stacks = [stack for stack in _wrapped_columns(_character_columns(singles, settings))
              if _upright_label(stack, words, settings)]
    taken = {id(ln) for stack in stacks for column in stack for ln in column}
    return [ln for ln in lines if id(ln) not in taken] + [_upright_line(stack) for stack in stacks]


def is_upright(line: Line) -> bool:
    """A label set in vertical writing (`with_upright_labels`): a character a line."""
    parts = line.text.split("\n")
    return len(parts) > 1 and all(len(part) == 1 for part in parts)


def _character_columns(singles: list[Line], settings: TableSettings) -> list[list[Line]]:
    """One-character lines in columns, each top down, a character following the one above
    within `upright_char_gap` ems, centred on it."""
    columns: list[list[Line]] = []
    for line in sorted(singles, key=lambda ln: ln.top):
        centre = (line.x0 + line.x1) / 2
        home = next((column for column in columns
                     if abs((column[-1].x0 + column[-1].x1) / 2 - centre) <= line.size / 2
                     and line.top - column[-1].bottom <= settings.upright_char_gap * line.size), None)
        if home is None:
            columns.append([line])
        else:
            home.append(line)
    return columns


def _wrapped_columns(columns: list[list[Line]]) -> list[list[list[Line]]]:
    """Columns of characters grouped into labels, right to left: a column starting at the
    height of a column no shorter right beside it (within half a character) continues it."""
    stacks: list[list[list[Line]]] = []
    for column in sorted(columns, key=lambda c: -c[0].x1):
        head = column[0]
        home = next((stack for stack in stacks if len(stack[-1]) >= len(column)
                     and abs(stack[-1][0].top - head.top) <= head.size / 2
                     and -1 <= stack[-1][0].x0 - head.x1 <= head.size / 2), None)
        if home is None:
            stacks.append([column])
        else:
            home.append(column)
    return stacks


def _upright_label(stack: list[list[Line]], words: list[Line], settings: TableSettings) -> bool:
    """Characters that make a label in vertical writing: enough of them, the first column
    of two or more, most letters, most with none of the `words` (texts of several
    characters) beside them."""
    chars = [ln for column in stack for ln in column]
    if len(chars) < settings.min_upright_chars or len(stack[0]) < 2:
        return False
    letters = sum(unicodedata.category(ln.text.strip())[0] == "L" for ln in chars)
    if 2 * letters <= len(chars):
        return False
    beside = sum(any(same_row(ln, char) for ln in words) for char in chars)
    return beside <= settings.upright_beside_share * len(chars)


def _upright_line(stack: list[list[Line]]) -> Line:
    chars = [ln for column in stack for ln in column]
    return Line(text="\n".join(ln.text.strip() for ln in chars), page=chars[0].page,
                size=max(ln.size for ln in chars),
                bbox=(min(ln.x0 for ln in chars), min(ln.top for ln in chars),
                      max(ln.x1 for ln in chars), max(ln.bottom for ln in chars)))


def header_band(labels: list[Line], lines: list[Line], settings: TableSettings) -> list[Line]:
    """The header row with the labels printed at heights of their own beside it: a header
    whose cells differ in height centres each label in its cell, so its lines overlap
    each other's heights in a ragged band (`研修` / `形態` beside `区分`, `対象者` above the
    role labels it spans). Grows by every short label whose em box overlaps the band's,
    or touches it (`header_touch_gap` ems) clear of every label in the band: a label
    centred in a cell two rows tall lies just between the labels of those two rows."""
    band = list(labels)
    top, bottom = min(em_box(ln)[0] for ln in band), max(em_box(ln)[1] for ln in band)
    grown = True
    while grown:
        grown = False
        for line in lines:
            line_top, line_bottom = em_box(line)
            if line in band or line.vertical or not _is_label(line, lines, settings):
                continue
            touch = settings.header_touch_gap * line.size
            if not (line_top < bottom and top < line_bottom) and not (
                    line_top < bottom + touch and top - touch < line_bottom
                    and not any(line.x0 < other.x1 and other.x0 < line.x1 for other in band)):
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
        and not text.startswith("※") and not split_list(line.text)[1] and not heads_legend(line, lines)


def _under_label(line: Line, lines: list[Line]) -> bool:
    """Right under a label of several letters, within its width: the last letter it wraps onto."""
    return any(len(normalize_text(ln.text)) >= 2 and -line.size / 2 <= line.top - ln.bottom < line.size
               and ln.x0 - 1 <= line.x0 and line.x1 <= ln.x1 + 1 for ln in lines)


def heads_legend(line: Line, lines: list[Line]) -> bool:
    """The title of a legend (`凡例`): the next line under it is a legend."""
    under = [ln for ln in lines if ln.top >= line.bottom - 1 and ln.x0 < line.x1 and line.x0 < ln.x1]
    return bool(under) and bool(parse_legend(normalize_text(min(under, key=lambda ln: ln.top).text)))


def ragged_header(band: list[Line], page: int, settings: TableSettings) -> tuple[list[Cell] | None, list[Line]]:
    """A ragged header band → (the upper row of spanning labels or None, the column labels).
    Lines stacked over each other make one column's label (a wrapped label), unless set
    apart by more than a wrap's gap (`header_stack_gap` ems): then the upper line is a label
    spanning the columns under it that centre on it and reach no higher than its bottom; so is
    a line over no other that such columns centre on (between the middle two of an even run)."""
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
    # a line over columns it stands between (over none of them) heads no column of its own
    floating = [st for st in stacks
                if len(st) == 1 and len(_spanned(st[0], [_joined(o) for o in stacks if o is not st])) >= 2]
    stacks = [st for st in stacks if st not in floating]
    uppers += [(st, []) for st in floating]
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
    printed below the label, whose extent, or the span between the centres of its first and
    last labels (labels centred in their cells), is centred on it (within an em)."""
    centre = (label.x0 + label.x1) / 2
    below = [col.top >= em_box(label)[1] - 1 for col in columns]
    best: list[int] = []
    for first in range(len(columns)):
        for last in range(first, len(columns)):
            if not all(below[first:last + 1]):
                break
            middles = ((columns[first].x0 + columns[last].x1) / 2,
                       (columns[first].x0 + columns[first].x1 + columns[last].x0 + columns[last].x1) / 4)
            if any(abs(middle - centre) <= label.size for middle in middles) and last - first + 1 > len(best):
                best = list(range(first, last + 1))
    return best


def _joined(stack: list[Line]) -> Line:
    """One column's label lines as one line (text joined by newlines)."""
    if len(stack) == 1:
        return stack[0]
    return Line(text="\n".join(ln.text for ln in stack), page=stack[0].page, size=stack[0].size,
                bbox=(min(ln.x0 for ln in stack), stack[0].top, max(ln.x1 for ln in stack), stack[-1].bottom))


def with_sub_labels(
    labels: list[Line], lines: list[Line], page: int, settings: TableSettings,
) -> tuple[list[Cell] | None, list[Line]]:
    """A two-level header: where the printed row right under the labels (closer than a
    line's height, or than the next row is under it: rows spaced as wide as the body's)
    holds two short labels or more, all under one label and clear of its neighbours
    (`受講対象` over `管理職 / リーダー / 一般職員`), that label spans them. Returns the
    upper header row (the spanning label's cell over each of its columns, every other
    label's own cell) and the lowest labels; (None, labels) for a one-level header."""
    bottom = max(em_box(ln)[1] for ln in labels)
    pitch = statistics.median([ln.bottom - ln.top for ln in labels])
    taken = {id(ln) for ln in labels}
    below = line_rows([ln for ln in lines if id(ln) not in taken and ln.top >= bottom - 1])
    if not below or not _right_under(bottom, pitch, below):
        return None, labels
    subs = sorted(below[0], key=lambda ln: ln.x0)
    if len(subs) < 2 or any(not 2 <= len(normalize_text(ln.text)) <= settings.max_sub_label for ln in subs):
        return None, labels
    for index, parent in enumerate(labels):
        left = labels[index - 1].x1 if index else float("-inf")
        right = labels[index + 1].x0 if index + 1 < len(labels) else float("inf")
        centre = (parent.x0 + parent.x1) / 2
        if all(left < ln.x0 and ln.x1 < right for ln in subs) and subs[0].x0 <= centre <= subs[-1].x1:
            subs = with_wrapped_labels(subs, lines, settings)
            cells = [Cell((ln.text.strip(),), ln.bbox, page) for ln in labels]
            upper = cells[:index] + [cells[index]] * len(subs) + cells[index + 1:]
            return upper, labels[:index] + subs + labels[index + 1:]
    return None, labels


def _right_under(bottom: float, pitch: float, rows: list[list[Line]]) -> bool:
    """The first of `rows` (top down) starts under `bottom` closer than `pitch`, or no
    farther than the second starts under the first (the table's row spacing)."""
    tops = [min(em_box(ln)[0] for ln in row) for row in rows[:2]]
    gap = tops[0] - bottom
    if gap < pitch:
        return True
    next_gap = tops[1] - max(em_box(ln)[1] for ln in rows[0]) if len(tops) > 1 else float("inf")
    return gap <= next_gap + 1


def with_wrapped_labels(labels: list[Line], lines: list[Line], settings: TableSettings) -> list[Line]:
    """The header labels with the lines they wrap onto (`人材` / `像`): a line right
    under a label's last line, closer than `wrapped_label_gap` of a line, within
    its width. Where more than half the labels have such a line, that row is the
    body's first (a table without padding), not a wrap: long labels wrap, not most;
    unless narrow columns wrap their labels line after line (`wrapped_labels_spaced`)."""
    stacks = [[label] for label in labels]  # each label's printed lines, top down
    while True:
        under = _lines_right_under(stacks, lines, settings.wrapped_label_gap, settings.tighter_block)
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
        under = _lines_right_under(grown, lines, settings.spaced_wrap_gap, settings.tighter_block, centred=False)
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
    stacks: list[list[Line]], lines: list[Line], gap_ems: float, tighter: float, centred: bool = True,
) -> list[Line | None]:
    taken = {id(line) for stack in stacks for line in stack}
    return [_line_right_under(stack, lines, taken, gap_ems, tighter, centred) for stack in stacks]


def _line_right_under(
    stack: list[Line], lines: list[Line], taken: set[int], gap_ems: float, tighter: float, centred: bool = True,
) -> Line | None:
    """A line under the stack's last one, closer than `gap_ems`, within the label's width
    or (where `centred`) centred on it; none where the line under that one follows it
    closer still (`_opens_tighter_block`)."""
    first, last = stack[0], stack[-1]
    for line in lines:
        gap = em_box(line)[0] - em_box(last)[1]
        within = first.x0 - first.size <= line.x0 and line.x1 <= first.x1 + first.size
        on_centre = centred and abs((line.x0 + line.x1) / 2 - (first.x0 + first.x1) / 2) <= first.size / 2
        if id(line) not in taken and -1 <= gap < gap_ems * last.size and (within or on_centre):
            # under the label, or centred on it as a merged cell centres its text
            return None if _opens_tighter_block(line, lines, taken, gap, tighter) else line
    return None


def _opens_tighter_block(line: Line, lines: list[Line], taken: set[int], gap: float, tighter: float) -> bool:
    """The line under it in its column follows it closer than it follows the label (by `tighter`
    ems): the first line of a body cell wrapped at the type's own spacing, set off from
    the header by the cell's padding, not a label's wrap (which keeps the label's spacing)."""
    return any(id(other) not in taken and other.x0 < line.x1 and line.x0 < other.x1
               and -1 <= em_box(other)[0] - em_box(line)[1] < gap - tighter * line.size for other in lines)


def with_lower_labels(labels: list[Line], lines: list[Line], settings: TableSettings) -> list[Line]:
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
             and not heads_legend(ln, lines)
             and not any(ln.text in label.text.split("\n") for label in labels)]
    return sorted([*labels, *lower], key=lambda ln: ln.x0) if lower else labels
