"""Tables without ruling lines, read from the alignment of their text lines: a header
row of short labels, the body down to where the table ends, columns cut at the white
gutters, rows at the gaps wider than the line spacing inside a cell."""

from __future__ import annotations

import re
import statistics
import unicodedata

from jinzai.extractors.layout import Line, Page
from jinzai.extractors.model.tables.grid import (
    Cell,
    HeaderHint,
    Table,
    em_box,
    is_quantity,
    line_rows,
    make_cell,
    same_row,
)
from jinzai.extractors.model.tables.header import (
    header_band,
    heads_legend,
    is_upright,
    ragged_header,
    with_lower_labels,
    with_sub_labels,
    with_upright_labels,
    with_wrapped_labels,
)
from jinzai.extractors.model.tables.settings import TableSettings
from jinzai.normalizers.legends import parse_legend
from jinzai.normalizers.text import normalize_text, split_list


# A number as a spreadsheet prints it in a cell (`3`, `1,200`, `12.5`, `80%`).
_NUMBER = re.compile(r"[\d,.]+%?")
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
    down to a line spanning two columns (prose after the table), a wide gap or the header
    of a table printed right under it (`_above_next_header`); columns are cut at the white
    gutters of the body, rows at gaps wider than the line spacing inside a cell. Labels
    set in vertical writing (a character a line) are read as one label each."""
    lines = with_upright_labels(lines, settings)
    tables: list[Table] = []
    below = float("-inf")  # the bottom of the last table found: the next header is under it
    for row in line_rows(lines):
        found = _label_row(row, lines, header_hint, settings)
        if found is None or min(ln.top for ln in found[0]) < below:
            continue
        labels, hinted = found
        table, body = _table_under(labels, lines, page, header_hint, settings)
        if table is not None and _heads_table(table, body, hinted, settings):
            tables.append(table)
            below = table.bbox[3]
    return tables


def foot_table(
    page: Page, lines: list[Line], header_hint: HeaderHint | None, settings: TableSettings, foot: float,
) -> tuple[Table, list[Line]] | None:
    """The page's lowest row of labels with a single body row under it, ending below `foot`,
    and its body lines: too little to tell a table by itself, but the start of one that the
    page break cut after its first row when the next page goes on in its columns
    (`lines_up`). Its row fills every column, its first cell a key; None otherwise."""
    lines = with_upright_labels(lines, settings)
    for row in reversed(line_rows(lines)):
        found = _label_row(row, lines, header_hint, settings)
        if found is None:
            continue
        table, body = _table_under(found[0], lines, page, header_hint, settings)
        if table is None:  # the row at the foot itself
            continue
        if table.bbox[3] < foot or len(table.rows) != 1 \
                or any(cell.empty for cell in table.rows[0]) or not _keyed(table):
            return None
        return table, body
    return None


def lines_up(piece: Table, piece_body: list[Line], rows: list[list[Cell]], body: list[Line],
             settings: TableSettings) -> bool:
    """The rows read at the top of the next page (`body` their lines) go on in the columns of a
    header with one row at a page foot (`foot_table`): together they make a table by their
    alignment alone (`_heads_table` without the hint)."""
    whole = Table(page=piece.page, bbox=piece.bbox, header=piece.header, rows=[*piece.rows, *rows], ruled=False,
                  pages=[piece.page], page_boxes={piece.page: piece.bbox})
    return _heads_table(whole, [*piece_body, *body], False, settings)


def _label_row(
    row: list[Line], lines: list[Line], header_hint: HeaderHint | None, settings: TableSettings,
) -> tuple[list[Line], bool] | None:
    """The labels of a printed row that may head a table, left to right, and whether the
    caller's hint knows two of them; None for a row of values or of fields, a list item
    (a bulleted cell), a sentence, one label printed over each of several cards side by
    side, or, without the hint's words, texts other than short words (marks). A label in
    vertical writing may be longer: the height of its cell, not a line, holds it."""
    labels = sorted((ln for ln in row if is_upright(ln) or not heads_legend(ln, lines)), key=lambda ln: ln.x0)
    texts = [normalize_text(ln.text) for ln in labels]
    if len(labels) < 2 or any(len(t) > settings.max_header_label or is_quantity(t) or _FIELD.fullmatch(t)
                              or "。" in t for t in texts) \
            or any(split_list(ln.text)[1] for ln in labels if not is_upright(ln)) or len(set(texts)) == 1:
        return None
    hinted = _hinted(labels, header_hint)
    if not hinted and not all(_word(t) and (len(t) <= settings.max_unhinted_label or is_upright(ln))
                              for ln, t in zip(labels, texts[1:] if _numbers_label(texts[0]) else texts)):
        return None
    return labels, hinted


def _numbers_label(text: str) -> bool:
    """A mark short enough to head a column of row numbers (`#`, `№`): it heads a table only over
    one (`_row_numbers`)."""
    return len(text) == 1 and not _word(text)


def _hinted(labels: list[Line], header_hint: HeaderHint | None) -> bool:
    """Two labels or more are words the caller's hint knows."""
    return header_hint is not None and sum(header_hint(normalize_text(ln.text)) for ln in labels) >= 2


def _heads_table(table: Table, body: list[Line], hinted: bool, settings: TableSettings) -> bool:
    """The evidence that a row of labels heads the table read under it: no cards side by
    side, and a body aligned under its labels or keyed rows with two labels the hint knows
    or a first column of row numbers (`_row_numbers`); a mark label (`#`) heads only such a column."""
    numbered = _row_numbers(table, settings)
    if not numbered and _numbers_label(table.header[-1][0].normalized):
        return False
    return not _cards(table) and ((hinted or numbered) and _keyed(table) or _aligned_body(table, body, settings))


def _row_numbers(table: Table, settings: TableSettings) -> bool:
    """The first column numbers the rows: 1, 2, 3 … in `min_aligned_rows` rows or more, under a
    short label (`No`, `#`, `項番`)."""
    numbers = [row[0].normalized for row in table.rows]
    return len(numbers) >= settings.min_aligned_rows \
        and len(table.header[-1][0].normalized) <= settings.max_numbers_label \
        and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _word(text: str) -> bool:
    """Two characters or more, or one letter (`計`, `人`): no mark (`●`, `-`)."""
    return len(text) >= 2 or len(text) == 1 and unicodedata.category(text)[0] == "L"


def _table_under(
    labels: list[Line], lines: list[Line], page: Page, header_hint: HeaderHint | None, settings: TableSettings,
    *, up_to_next_header: bool = True,
) -> tuple[Table | None, list[Line]]:
    """The table a row of labels heads (its header completed: wrapped, lower, upper and
    sub-labels) and its body lines, down to the header of a table printed right under it
    (unless `up_to_next_header` is off: reading that table itself); (None, []) when no body
    follows it."""
    band = header_band(labels, lines, settings)
    if len(band) > len(labels):
        upper, labels = ragged_header(band, page.number, settings)
    else:
        labels = with_lower_labels(with_wrapped_labels(labels, lines, settings), lines, settings)
        upper, labels = with_sub_labels(labels, lines, page.number, settings)
    body = _body_lines(lines, labels, settings)
    if up_to_next_header:
        body = _above_next_header(labels, upper, body, lines, page, header_hint, settings)
    return (_table_from_lines(page, labels, body, upper, settings), body) if body else (None, [])


# ---------------------------------------------------------------- tables stacked without text between

def _above_next_header(
    labels: list[Line], upper: list[Cell] | None, body: list[Line], lines: list[Line], page: Page,
    header_hint: HeaderHint | None, settings: TableSettings,
) -> list[Line]:
    """The body lines above the header of a second table printed right under the first
    with no text between (nothing else ends the first table there): a printed row of the
    body that could head a table by its shape alone (`_label_row` without the hint: short
    words, no marks or bare numbers that the hint would let pass) from the first column
    on (not the first lines of cells wrapped in a row), shows `min_header_evidence` kinds
    of evidence that it is a header, not a row (`_header_evidence`), and heads a table of
    its own, while the rows above it make a table by themselves. The whole body when
    there is none."""
    rows = line_rows(body)
    for row in rows[1:]:
        found = _label_row(row, lines, None, settings)
        if found is None:
            continue
        top, bottom = _em_span(row)
        above = [ln for ln in body if em_box(ln)[1] <= top + 1]
        below = [ln for ln in body if em_box(ln)[0] >= bottom - 1]
        cuts = _column_cuts(labels, above) if above else []
        if not above or _column_at(cuts, found[0][0]) > 0 \
                or _header_evidence(labels, cuts, above, found[0], below, header_hint, settings) \
                < settings.min_header_evidence:
            continue
        table, under = _table_under(found[0], lines, page, header_hint, settings, up_to_next_header=False)
        if table is None or not _heads_table(table, under, _hinted(found[0], header_hint), settings):
            continue
        first = _table_from_lines(page, labels, above, upper, settings)
        if _heads_table(first, above, _hinted(labels, header_hint), settings):
            return above
    return body


def _header_evidence(
    labels: list[Line], cuts: list[float], above: list[Line], row: list[Line], below: list[Line],
    header_hint: HeaderHint | None, settings: TableSettings,
) -> int:
    """How many kinds of evidence say a row of labels inside a table's body heads a
    table of its own: its labels stand in other columns than the table's, they are
    header words where no row above holds two, it is set apart by a wider gap than any
    between the table's rows, it is printed in larger type, the rows above hold sentences
    and those under it none (not the first lines of a row of sentences), or a column holds
    texts of one kind above it and of another under it (counts under sentences). The
    table above is cut into columns at `cuts`."""
    return sum((
        _other_columns(cuts, row),
        header_hint is not None and _header_words(row, line_rows(above), header_hint),
        _set_apart(labels, above, row, settings),
        _larger_type(above, row, settings),
        any(_prose(ln, settings) for ln in above) and not any(_prose(ln, settings) for ln in below),
        _contents_change(cuts, above, below),
    ))


def _other_columns(cuts: list[float], row: list[Line]) -> bool:
    """The row's labels do not stand one to a column of the table above (cut at `cuts`):
    two fall into one column, or one reaches over a cut by more than an em each side."""
    columns = [_column_at(cuts, ln) for ln in row]
    return len(set(columns)) < len(columns) or any(
        ln.x0 < cut - ln.size and cut + ln.size < ln.x1 for ln in row for cut in cuts)


def _column_at(cuts: list[float], line: Line) -> int:
    return sum(cut <= (line.x0 + line.x1) / 2 for cut in cuts)


def _prose(line: Line, settings: TableSettings) -> bool:
    """A sentence (`。`) or a text longer than any header label."""
    text = normalize_text(line.text)
    return "。" in text or len(text) > settings.max_header_label


def _contents_change(cuts: list[float], above: list[Line], below: list[Line]) -> bool:
    """A column of the table above (cut at `cuts`) holds texts of one kind in two lines or
    more above the row and of another kind in two or more under it (`_kind`: text, counts,
    marks): a table of counts under a table of names, not a table whose rows hold
    attributes of several kinds (a table printed sideways)."""
    def kinds(lines: list[Line]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for line in lines:
            found.setdefault(_column_at(cuts, line), []).append(_kind(normalize_text(line.text)))
        return found
    upper, lower = kinds(above), kinds(below)
    return any(len(upper[col]) >= 2 and len(lower[col]) >= 2 and len(set(upper[col])) == 1
               and len(set(lower[col])) == 1 and upper[col][0] != lower[col][0]
               for col in upper.keys() & lower.keys())


# A count, share or amount, with its unit or none (`12`, `3人`, `45%`, `2026年度`, `1,200円`).
_COUNT = re.compile(r"[\d,.]+\s*[^\d\s]{0,2}")


def _kind(text: str) -> str:
    """What a cell holds: a count (`_COUNT`), a mark (one character, no letter), or text."""
    if _COUNT.fullmatch(text) or is_quantity(text):
        return "count"
    return "mark" if len(text) == 1 and not _word(text) else "text"


def _header_words(row: list[Line], above_rows: list[list[Line]], header_hint: HeaderHint) -> bool:
    """Two of the row's labels are words the caller's hint knows, and no row above holds two."""
    def known(printed: list[Line]) -> int:
        return sum(header_hint(normalize_text(ln.text)) for ln in printed)
    return known(row) >= 2 and not any(known(r) >= 2 for r in above_rows)


def _set_apart(labels: list[Line], above: list[Line], row: list[Line], settings: TableSettings) -> bool:
    """The gap over the row is `stacked_gap_ratio` times wider than any between the
    table's header and rows above it (or between the lines of their cells)."""
    spans = sorted([_em_span(labels), *(em_box(ln) for ln in above)])
    bottom, widest = spans[0][1], 0.0
    for top, end in spans[1:]:
        widest = max(widest, top - bottom)
        bottom = max(bottom, end)
    gap = min(em_box(ln)[0] for ln in row) - bottom
    return gap > settings.stacked_gap_ratio * max(widest, 1.0)


def _em_span(lines: list[Line]) -> tuple[float, float]:
    return min(em_box(ln)[0] for ln in lines), max(em_box(ln)[1] for ln in lines)


def _larger_type(above: list[Line], row: list[Line], settings: TableSettings) -> bool:
    """The row's labels are printed in larger type than the rows above."""
    return statistics.median(ln.size for ln in row) \
        >= statistics.median(ln.size for ln in above) + settings.larger_type


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


# ---------------------------------------------------------------- the body

def _body_lines(lines: list[Line], labels: list[Line], settings: TableSettings) -> list[Line]:
    """Lines below the header down to where the table ends (`lines_down_to_end`), but
    those starting farther right of the header than `beside_share` of its width (a page
    number or a note in the margin beside the table)."""
    centres = [(ln.x0 + ln.x1) / 2 for ln in labels]
    pitch = statistics.median([(ln.bottom - ln.top) / (ln.text.count("\n") + 1) for ln in labels])  # of a line
    left, right = min(ln.x0 for ln in labels), max(ln.x1 for ln in labels)
    beside = right + settings.beside_share * (right - left)
    return lines_down_to_end([ln for ln in lines if ln.x0 <= beside], centres, pitch,
                             max(em_box(ln)[1] for ln in labels), settings, right=right)


def lines_down_to_end(lines: list[Line], centres: list[float], pitch: float, top: float, settings: TableSettings,
                      widest: float = 0.0, right: float = float("inf")) -> list[Line]:
    """The lines from `top` down to where the table ends, before the first line that
    - reaches over two column centres (prose after the table),
    - is a legend or note right under the header (a row of labels, not a table),
    - follows a gap of several line heights, or more than twice as wide as any gap
      inside the table so far and a line height (a page number or footer under it),
      unless the cells' text so far is one row and the line opens another that starts
      again in the body's columns (`_second_tall_row`): the next row of a grid whose
      cells are drawn tall, up to `tall_row_gap` line heights below (under rows at a
      steady pitch, such a gap ends the table),
    - is printed in larger type than the body and is more than a mark (the next heading),
      unless it ends left of the cells' text no farther below it than the gaps inside
      the table (a row's key set larger, centred in a cell taller than its neighbours' text), or
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
        wide = gap > 4 * pitch or body and gap > 2 * max(widest, pitch)
        tall_row = bool(body) and gap <= settings.tall_row_gap * pitch
        if wide and not (tall_row and _second_tall_row(line, lines, body, top, settings)) \
                or spanned >= 2 or not body and _is_legend_or_note(line):
            break
        if body and (_heading_after(line, body, gap, widest) or gap > widest + 1 and (
                _is_legend_or_note(line) or line.x0 < min(ln.x0 for ln in body) - 1
                and not _group_label_beside_rows(line, lines, centres, pitch))):
            break
        widest = max(widest, gap)
        body.append(line)
        last_bottom = max(last_bottom, line_bottom)
    return body


def _second_tall_row(line: Line, lines: list[Line], body: list[Line], top: float, settings: TableSettings) -> bool:
    """The cells' text so far is one row (`row_bands`, the header's gap parting rows) and
    the line opens another: it and the lines printed level with it are two texts or more,
    each starting where a body line above starts (within an em)."""
    if len(row_bands(_cell_text(body), em_box(body[0])[0] - top, settings)) != 1:
        return False
    row = [ln for ln in lines if same_row(ln, line)]
    return len(row) >= 2 and all(any(abs(ln.x0 - b.x0) <= ln.size for b in body) for ln in row)


def _heading_after(line: Line, body: list[Line], gap: float, widest: float) -> bool:
    """A line in larger type than the body, more than a mark: the next heading, unless it
    ends left of the cells' text no farther below it than the gaps inside the table."""
    if line.size < body[0].size + 1 or len(normalize_text(line.text)) <= 2:
        return False
    return not (line.x1 < min(ln.x0 for ln in _cell_text(body)) and gap <= widest + 1)


def _cell_text(body: list[Line]) -> list[Line]:
    """The body lines in the body's type: the cells' text, not row keys set larger."""
    return [ln for ln in body if abs(ln.size - body[0].size) < 1]


def _group_label_beside_rows(line: Line, lines: list[Line], centres: list[float], pitch: float) -> bool:
    """A line left of the body that is a label of the first column — centred under its
    header label (`共通` under `分類`), or short of the second column's label — with cells
    of a row beside or within half a line below it: a group label that a spreadsheet centred beside its
    rows, or a first column's cell wider than its header label, not text after the table."""
    first = abs((line.x0 + line.x1) / 2 - centres[0]) <= pitch or len(centres) > 1 and line.x1 < centres[1]
    return first and any(other.x0 > line.x1 and line.top - pitch <= other.top <= line.bottom + pitch / 2
                         for other in lines)


def _is_legend_or_note(line: Line) -> bool:
    text = normalize_text(line.text)
    return text.startswith("※") or bool(parse_legend(text))


# ---------------------------------------------------------------- columns and rows

def _column_cuts(labels: list[Line], body: list[Line]) -> list[float]:
    """Between two neighbouring labels, the middle of the widest strip that
    neither body lines nor the header labels cover (the gutter; a label may be
    centred over a column whose cells start further left), right of numbers set
    right-aligned under the first (`_right_aligned_edge`); failing that, of the
    widest strip no body line covers; where text covers it all, halfway between them."""
    cuts = []
    for a, b in zip(labels, labels[1:]):
        left, right = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
        left = max(left, _right_aligned_edge(body, a, b) or left)
        widest = _widest_gap([*body, *labels], left, right) or _widest_gap(body, left, right)
        cuts.append((widest[1] + widest[2]) / 2 if widest else (a.x1 + b.x0) / 2)
    return cuts


def _right_aligned_edge(body: list[Line], label: Line, following: Line) -> float | None:
    """The right edge that numbers printed after a label and before the next one share
    (two at least, within a point): numbers right-aligned in the label's cell, as a
    spreadsheet sets them under a left-aligned header, which the column takes in; None
    where no numbers share one."""
    ends = sorted(ln.x1 for ln in body if label.x0 < ln.x0 and label.x1 < ln.x1 < following.x0
                  and _NUMBER.fullmatch(normalize_text(ln.text)))
    shared = [b for a, b in zip(ends, ends[1:]) if b - a <= 1]
    return max(shared) if shared else None


def _unheaded_first_column(labels: list[Line], body: list[Line]) -> float | None:
    """Where a first column that no header label stands over ends (the header printed only
    over the value columns, its corner left blank): body lines end left of the first label,
    and of where the lines under it start (a label centred over left-aligned cells), in two
    rows or more, a gutter apart from the lines under that label. None otherwise."""
    first = labels[0]
    column = [ln.x0 for ln in body if ln.x0 < first.x1 and first.x0 < ln.x1]  # lines under the first label
    lead = [ln for ln in body if ln.x1 < min([first.x0, *column])]
    if len({round(ln.top) for ln in lead}) < 2:
        return None
    gap = _widest_gap(body, max(ln.x0 for ln in lead), (first.x0 + first.x1) / 2)
    return (gap[1] + gap[2]) / 2 if gap and gap[1] >= max(ln.x1 for ln in lead) else None


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
    lead = _unheaded_first_column(labels, body)
    if lead is not None:  # a label column no header label stands over: an empty header cell heads it
        edges.insert(1, lead)
        lower.insert(0, Cell((), (left, labels[0].top, lead, labels[0].bottom), page.number))
        if upper is not None:
            upper = [lower[0], *upper]
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
    continues the group label above."""
    groups = _centred_groups(edges, body, row_gap, settings)
    if groups is not None:
        bands, labels = groups
        rows = [[make_cell((x0, top, x1, bottom), body, page) for x0, x1 in zip(edges[1:], edges[2:])]
                for top, bottom in bands]
        return [[labels[r], *row] for r, row in enumerate(rows)]
    rows: list[list[Cell]] = []
    for band_top, band_bottom in row_bands(body, row_gap, settings, edges):
        row = [make_cell((x0, band_top, x1, band_bottom), body, page) for x0, x1 in zip(edges, edges[1:])]
        if rows and row[0].empty:
            row[0] = rows[-1][0]  # an empty first cell: the group label above spans this row too
        rows.append(row)
    return rows


def _centred_groups(
    edges: list[float], body: list[Line], row_gap: float, settings: TableSettings,
) -> tuple[list[tuple[float, float]], list[Cell]] | None:
    """Row bands read from every column but the first, and the first column's cell of
    each row, where that column holds group labels centred on their groups: a label
    printed between two rows (in no row's band, the row above having no label), reaching
    into two rows' bands or above and below its row's other cells, or none beside the
    first row. As many labels as rows label a row each, in order; otherwise a label is
    given to the rows from the end of the previous group down to the row that puts it in
    the middle; the last runs to the table's end. None where the first column is no such
    column."""
    if len(edges) < 3:
        return None
    first = [ln for ln in body if (ln.x0 + ln.x1) / 2 < edges[1]]
    rest = [ln for ln in body if (ln.x0 + ln.x1) / 2 >= edges[1]]
    if not first or not rest:
        return None
    bands = row_bands(rest, row_gap, settings)
    blocks = _label_blocks(first, statistics.median(ln.size for ln in first), settings)
    if not _unlabelled_first_row(first, bands) \
            and not any(_floats(block, bands, first) or _straddles(block, bands, first) for block in blocks):
        return None
    page = first[0].page
    labels = [Cell((), (edges[0], top, edges[1], bottom), page) for top, bottom in bands]
    if len(blocks) == len(bands):  # a label per row, each set off its row's text (centred in a tall cell)
        return bands, [Cell(tuple(ln.text.strip() for ln in block),
                            (edges[0], block[0].top, edges[1], block[-1].bottom), page) for block in blocks]
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


# Keys down the first column that make rows of their own: this many, or numbers (`008`, `009`).
_MIN_KEYS = 3
_MAX_KEY_CHARS = 12


def _key_rows(body: list[Line], spans: list[list[float]], edges: list[float] | None) -> list[tuple[float, float]] | None:
    """The rows a stretch of lines holds when its first column prints a key in each (`001`,
    `002` … in a spreadsheet printed without gridlines, whose rows may be spaced like the
    wrapped lines of one cell): short texts, all different, each beside a line of another
    column; three of them at least, or numbers. Between two keys the rows part at the widest
    gap (a key set at the bottom of a tall row has its row's text above it), or midway where
    no gap is left. None where the first column prints no such keys."""
    if edges is None or len(edges) < 3:
        return None
    top, bottom = spans[0][0], spans[-1][1]
    keys = sorted((ln for ln in body if edges[0] <= (ln.x0 + ln.x1) / 2 < edges[1]
                   and top <= em_box(ln)[0] and em_box(ln)[1] <= bottom), key=lambda ln: ln.top)
    texts = [normalize_text(ln.text) for ln in keys]
    if len(keys) < 2 or len(set(texts)) < len(texts) or any(len(t) > _MAX_KEY_CHARS for t in texts) \
            or len(keys) < _MIN_KEYS and not all(t.isdigit() for t in texts):
        return None
    others = [ln for ln in body if (ln.x0 + ln.x1) / 2 >= edges[1]]
    if not all(any(same_row(key, other) for other in others) for key in keys):
        return None
    cuts = []
    for upper, lower in zip(keys, keys[1:]):
        between = [span for span in spans if em_box(upper)[0] <= span[0] and span[1] <= em_box(lower)[1]]
        widest = max(zip(between, between[1:]), key=lambda pair: pair[1][0] - pair[0][1], default=None)
        if widest is None:  # a label printed across the two rows joins their lines: part them between the keys
            cuts.append((em_box(upper)[1] + em_box(lower)[0]) / 2)
        else:
            cuts.append((widest[0][1] + widest[1][0]) / 2)
    return list(zip([top, *cuts], [*cuts, bottom]))


def _unlabelled_first_row(first: list[Line], bands: list[tuple[float, float]]) -> bool:
    """The first column prints nothing beside the first row but labels further down: the
    labels sit in the middle of the groups they head."""
    return len(bands) > 1 and not any(bands[0][0] < em_box(ln)[1] and em_box(ln)[0] < bands[0][1] for ln in first)


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


def _straddles(block: list[Line], bands: list[tuple[float, float]], first: list[Line]) -> bool:
    """A label of one line reaching into two row bands (centred across the two rows of its
    group), or of several lines reaching above and below the one row band it overlaps while
    some row has no first-column text of its own (a group's other rows; where every row has,
    the lines are a key wrapped in a cell taller than its row's other cells, centred beside it)."""
    top, bottom = em_box(block[0])[0], em_box(block[-1])[1]
    overlapped = [band for band in bands if band[0] < bottom and top < band[1]]
    if len(block) == 1:
        return len(overlapped) == 2
    return len(overlapped) == 1 and top < overlapped[0][0] and bottom > overlapped[0][1] \
        and any(not any(b_top < em_box(ln)[1] and em_box(ln)[0] < b_bottom for ln in first) for b_top, b_bottom in bands)


def row_bands(
    body: list[Line], row_gap: float, settings: TableSettings, edges: list[float] | None = None,
) -> list[tuple[float, float]]:
    """Vertical bands separated by gaps wider than the usual gap between the lines
    of one cell (lines measured by their em boxes). `row_gap` is a gap known to
    part two rows (below the header, or between rows before a page break). Given the
    column `edges`, the body's keys in its first column further part two rows where a key
    starts farther under the band's key than the lines of one cell follow each other (a
    table whose cells wrap in rows of different heights narrows the gaps between rows),
    and a band whose first column prints a key at the head of each of its rows is cut at
    them (`_key_rows`: a spreadsheet's rows, not one cell's wrapped lines)."""
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
    one_cell = alike and max(gaps) < settings.cell_line_gap_share * row_gap
    split_every_line = alike and not one_cell
    threshold = float("inf") if one_cell else (min(gaps) + max(gaps)) / 2
    keys = _first_column_keys(body, edges)
    line_gap = _cell_line_gap(body) if keys and len(keys) >= 2 else None
    groups: list[list[list[float]]] = [[merged[0]]]
    band_key = _keys_in(merged[0], keys)[-1:]  # the lowest key of the current band, if any
    for span, gap in zip(merged[1:], gaps):
        inside = _keys_in(span, keys)
        apart = line_gap is not None and bool(band_key) and bool(inside) \
            and em_box(inside[0])[0] - em_box(band_key[0])[1] > line_gap + settings.key_gap * inside[0].size
        if split_every_line or gap > threshold or apart:
            groups.append([span])
            band_key = inside[-1:]
        else:
            groups[-1].append(span)
            band_key = inside[-1:] or band_key
    bands = []
    for group in groups:
        keyed = _key_rows(body, group, edges) if len(group) > 1 else None
        bands += keyed or [(group[0][0], group[-1][1])]
    return [(top - 1, bottom + 1) for top, bottom in bands]


def _first_column_keys(body: list[Line], edges: list[float] | None) -> list[Line] | None:
    """The body's texts in its first column of several, but single letters (of a key set
    vertically or spaced out: 係 … 員); None for a table of one column."""
    if edges is None or len(edges) <= 2:
        return None
    return [ln for ln in body if (ln.x0 + ln.x1) / 2 < edges[1] and len(normalize_text(ln.text)) >= 2]


def _keys_in(span: list[float], keys: list[Line] | None) -> list[Line]:
    """The keys whose em box's middle lies in a vertical span, top down."""
    return sorted((k for k in keys or () if span[0] <= sum(em_box(k)) / 2 <= span[1]), key=lambda k: k.top)


def _cell_line_gap(lines: list[Line]) -> float:
    """The tightest gap between a line and the next one under it in its column (the
    lines of one cell follow each other this close where a cell wraps; no closer than
    0)."""
    ordered = sorted(((em_box(ln), ln) for ln in lines), key=lambda pair: pair[0])
    gaps = []
    for n, ((_, bottom), line) in enumerate(ordered):
        under = next((top for (top, _), other in ordered[n + 1:]
                      if other.x0 < line.x1 and line.x0 < other.x1 and top >= bottom - 1), None)
        if under is not None:
            gaps.append(max(under - bottom, 0.0))
    return min(gaps, default=0.0)
