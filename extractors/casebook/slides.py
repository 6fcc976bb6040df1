"""Casebook slides: printed page numbers, case first slides, chapter limits, case sections.

A case's first slide is recognised by its pattern, wherever it stands: a number in
display type (or labelled, `CASE 4`), a local body's name (`茨城県五霞町`, a prefecture
alone, `事例3 美郷町（秋田県）`, a bare `桜川市`, or wrapped `静岡県` / `裾野市`) and a
`人口：約8,000人` / `人口 約4.2万人` line, then the case's own heading and a `キーワード:`
(or `【キーワード】A／B`) line. The slides that follow, up to the next case or the end of
the chapter, are the case's sections: boxed points (✓ bullets under a heading), an
interview (question → answer) and other slides (heading → text).

Every slide is read from the document model: the lines of its page's blocks, in the
order the PDF prints them (`slide_lines`); the running titles and page numbers the model
sets aside as furniture are no part of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jinzai.extractors.casebook import vocabulary as vocab
from jinzai.extractors.layout import Line
from jinzai.extractors.model import Document, PageBlocks
from jinzai.extractors.model.furniture import PAGE_NUMBER, RUNNING_TITLE
from jinzai.normalizers import municipalities
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_name, normalize_text

# The bottom band of a page where printed page numbers and footnotes stand (share of page height).
_FOOTER_SHARE = 0.9
# The top band where a slide prints its heading (share of page height).
_HEADING_SHARE = 0.2
# Lines closer than this many line heights belong to one wrapped heading.
_WRAP_GAP = 0.8


@dataclass(frozen=True, slots=True)
class Body:
    """A local body as a casebook prints it: `茨城県五霞町` → 茨城県 + 五霞町."""

    prefecture: str
    municipality: str  # the prefecture itself for a prefectural body

    @property
    def printed(self) -> str:
        return self.prefecture if self.is_prefecture else self.prefecture + self.municipality

    @property
    def is_prefecture(self) -> bool:
        return self.municipality == self.prefecture


@dataclass(frozen=True, slots=True)
class CaseSlide:
    """The first slide of a case, as printed."""

    page: int
    case_no: int | None
    body: Body
    population: int | None
    heading: str
    keywords: tuple[str, ...]
    intro: str


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    text: str
    page: int


def split_body(text: str, home: str | None = None) -> Body | None:
    """The body a line (or list cell) is made of, however the prefecture is printed:
    `茨城県五霞町` → Body(茨城県, 五霞町); `奈良県` → Body(奈良県, 奈良県);
    `美郷町（秋田県）` → Body(秋田県, 美郷町); `桜川市` → Body(茨城県, 桜川市) when only
    one body has that name, or, where several do, the one in `home` (the prefecture
    that issues the casebook); else None."""
    name = normalize_text(text).replace(" ", "")
    after = vocab.BODY_WITH_PREFECTURE_AFTER.match(name)
    if after:
        return _known_body(after.group("name"), after.group("prefecture"))
    match = municipalities.PREFECTURE_PATTERN.match(name)
    if not match:
        return _bare_body(name, home)
    prefecture, rest = match.group(1), name[match.end():]
    if not rest:
        return Body(prefecture, prefecture) if municipalities.is_body_name(prefecture) else None
    if not re.fullmatch(vocab.MUNICIPALITY_NAME, rest):
        return None
    known = municipalities.lookup(rest, prefecture)
    if known is None and not municipalities.is_body_name(rest):
        return None
    return Body(prefecture, rest)


def _known_body(name: str, prefecture: str) -> Body | None:
    known = municipalities.lookup(name, prefecture)
    return Body(known.prefecture, known.name) if known else None


def _bare_body(name: str, home: str | None) -> Body | None:
    """A municipality printed without its prefecture: the one body of that name, or
    the one in the home prefecture."""
    if not re.fullmatch(vocab.MUNICIPALITY_NAME, name):
        return None
    known = municipalities.lookup(name) or (municipalities.lookup(name, home) if home else None)
    return Body(known.prefecture, known.name) if known else None


def _without_case_number(text: str) -> tuple[str, int | None]:
    """`事例3 美郷町（秋田県）` → (美郷町（秋田県）, 3); `事例1：桜川市の取組` → (桜川市, 1)."""
    name = normalize_text(text)
    for suffix in vocab.BODY_NAME_SUFFIXES:
        name = name.removesuffix(suffix)
    number = vocab.CASE_NUMBER_PREFIX.match(name)
    return (name[number.end():], int(number.group("no"))) if number else (name, None)


def case_heading_body(text: str, home: str | None = None) -> tuple[Body, int | None] | None:
    """A line naming a case's body, with the case number printed before it, if any:
    `事例3 美郷町（秋田県）` → (Body(秋田県, 美郷町), 3); `茨城県五霞町` → (…, None)."""
    name, number = _without_case_number(text)
    body = split_body(name, home)
    return (body, number) if body else None


def names_a_body(text: str) -> bool:
    """Whether a line names a local body, a bare name that several prefectures share
    (`美郷町`) included: enough to tell a case slide, not to say which body it is."""
    name, _ = _without_case_number(text)
    name = name.replace(" ", "")
    return split_body(name) is not None or (
        bool(re.fullmatch(vocab.MUNICIPALITY_NAME, name)) and municipalities.is_body_name(name))


def parse_population(text: str) -> int | None:
    """`人口：約8,000人` → 8000; `人口 約23.4万人` → 234000; None for other lines."""
    match = vocab.POPULATION.match(normalize_text(text))
    if not match or match.group("body"):
        return None
    return _amount(match)


def population_cell(text: str) -> int | None:
    """A list's 人口 column: `約4.2万人` → 42000, `42,000` → 42000; None for anything else."""
    quantity = parse_quantity(normalize_text(text).replace(" ", ""))
    if quantity is None or quantity.value is None or quantity.unit not in (None, "人"):
        return None
    return round(quantity.value)


def populations(texts: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first line, line after the last, population) of each population the lines print:
    a `人口：約8,000人` line, or a `人口` label over the amount (a profile table's cells)."""
    found: list[tuple[int, int, int]] = []
    for index, text in enumerate(texts):
        population = parse_population(text)
        if population is not None:
            found.append((index, index + 1, population))
        elif vocab.POPULATION_LABEL.match(normalize_text(text)) and index + 1 < len(texts):
            amount = parse_population("人口 " + texts[index + 1])
            if amount is not None:
                found.append((index, index + 2, amount))
    return found


def body_with_population(text: str, home: str | None = None) -> tuple[Body, int] | None:
    """`茨城県五霞町（人口：約8,000人）` → (Body(茨城県, 五霞町), 8000): both on one line."""
    match = vocab.POPULATION.match(normalize_text(text))
    named = case_heading_body(match.group("body"), home) if match and match.group("body") else None
    body = named[0] if named else None
    population = _amount(match) if match else None
    return (body, population) if body and population is not None else None


def _amount(match: re.Match[str]) -> int | None:
    """The population of a match; `約23.4万人` → 234000 (the 万 multiplier read by parse_quantity)."""
    quantity = parse_quantity(match.group("amount").replace(" ", ""))
    if quantity is None or quantity.value is None:
        return None
    return round(quantity.value)


# ---------------------------------------------------------------- page numbers

def printed_page_number(page: PageBlocks) -> int | None:
    """The page number printed in the page's footer band (the model's page-number furniture), if any."""
    footer = [f.line for f in page.furniture if f.kind == PAGE_NUMBER and f.line.top >= page.height * _FOOTER_SHARE]
    for line in reversed(footer):
        match = vocab.PAGE_NUMBER.match(normalize_text(line.text))
        if match:
            return int(match.group("no"))
    return None


def page_offset(document: Document) -> int | None:
    """PDF page minus printed page number, as most pages show it; None if none is printed."""
    offsets = Counter(
        page.number - printed
        for page in document.pages
        if (printed := printed_page_number(page)) is not None
    )
    return offsets.most_common(1)[0][0] if offsets else None


# ---------------------------------------------------------------- first slides

def slide_lines(page: PageBlocks) -> list[Line]:
    """What a slide prints: the lines of its page's blocks (its page number and running titles
    are the model's furniture, in no block), in the order the PDF prints them. A slide's
    producer writes its boxes one after another, which an order by position would interleave
    where boxes stand side by side; a scanned page's lines keep the model's reading order."""
    return sorted((line for block in page.blocks for line in block.lines), key=lambda line: line.order)


def _display_number(lines: Sequence[Line]) -> int | None:
    """The case number: a line that is only a number labelled as one (`CASE 4`, `事例4`),
    in any type, or else a bare number in type larger than any other line."""
    numbers = [line for line in lines if vocab.CASE_NUMBER.match(normalize_text(line.text))]
    if not numbers:
        return None
    labelled = [line for line in numbers if vocab.CASE_NUMBER_PREFIX.match(normalize_text(line.text))]
    if len(labelled) == 1:
        return int(vocab.CASE_NUMBER.match(normalize_text(labelled[0].text)).group("no"))  # type: ignore[union-attr]
    biggest = max(numbers, key=lambda line: line.size)
    others = [line.size for line in lines if line is not biggest]
    if others and biggest.size <= max(others):
        return None
    return int(vocab.CASE_NUMBER.match(normalize_text(biggest.text)).group("no"))  # type: ignore[union-attr]


def _largest_block(lines: Sequence[Line]) -> list[Line]:
    """The lines in the largest type (a heading wrapped over several lines)."""
    if not lines:
        return []
    size = max(line.size for line in lines)
    return [line for line in lines if abs(line.size - size) < 0.5]


def _keywords(lines: Sequence[Line]) -> tuple[list[str], int | None]:
    """Keywords of the `キーワード:` line (and `#…` lines wrapped under it), and the index
    of their last line; a `【キーワード】` label alone on its line heads the line under it."""
    for index, line in enumerate(lines):
        match = vocab.KEYWORD_LINE.match(line.text)
        if not match:
            continue
        parts = [match.group("rest")]
        end = index + 1
        if not parts[0].strip() and end < len(lines):
            parts.append(lines[end].text)
            end += 1
        while end < len(lines) and vocab.KEYWORD_MARK.match(lines[end].text.strip()):
            parts.append(lines[end].text)
            end += 1
        return split_keywords(" ".join(parts)), end - 1
    return [], None


def split_keywords(text: str) -> list[str]:
    """`#定期アンケート #OJT(職場内訓練) # ITパスポート` → the keywords without `#`;
    keywords printed without marks are split at separators: `DX研修／OJT／庁内公募`, or,
    where there are none, at middle dots: `DX研修・OJT・庁内公募`."""
    if vocab.KEYWORD_MARK.search(text):
        parts = vocab.KEYWORD_MARK.split(text)
    else:
        parts = vocab.KEYWORD_SEPARATOR.split(text)
        if len(parts) == 1:
            parts = text.split(vocab.KEYWORD_LAST_RESORT_SEPARATOR)
    keywords = (normalize_text(part) for part in parts)
    return list(dict.fromkeys(k for k in keywords if k))


def read_case_slide(page: PageBlocks, home: str | None = None, *, needs_population: bool = True) -> CaseSlide | None:
    """The case whose first slide this page is, or None. `home`: the prefecture that
    issues the casebook, for bodies printed by a name several prefectures share.
    Without `needs_population` (a case its list gives the population of), a page whose
    top band names one body and that prints no population line is a first slide too."""
    lines = slide_lines(page)
    body_lines = _distinct_bodies(lines, home)
    population_lines = [([lines[index], *lines[index + 1:end]], n) for index, end, n in populations(
        [line.text for line in lines])]
    combined = [(line, found) for line in lines if (found := body_with_population(line.text, home))]
    if not body_lines and len(combined) == 1:
        line, (body, population) = combined[0]
        body_lines, population_lines = [([line], (body, None))], [([line], population)]
    if len(body_lines) != 1 or len(population_lines) > 1:
        return None  # a list page prints many bodies; a prose page none
    naming_lines, (body, heading_number) = body_lines[0]
    if not population_lines and (needs_population or naming_lines[0].top >= page.height * _HEADING_SHARE):
        return None
    population_printed, population = population_lines[0] if population_lines else ([], None)
    number = _display_number(lines)
    number = number if number is not None else heading_number
    footer_top = page.height * _FOOTER_SHARE
    keywords, keyword_index = _keywords(lines)
    fixed = {id(line) for line in [*population_printed, *naming_lines]}
    head_zone = [
        line for index, line in enumerate(lines)
        if id(line) not in fixed and line.top < footer_top
        and (keyword_index is None or index < keyword_index)
        and not vocab.CASE_NUMBER.match(normalize_text(line.text))
    ]
    heading_block = _largest_block(head_zone)
    heading = normalize_text("\n".join(line.text for line in heading_block))
    # The intro: what follows the キーワード line or, on a slide without one, the heading.
    heading_bottom = max((line.bottom for line in heading_block), default=0.0)
    body_zone = [
        line for index, line in enumerate(lines)
        if line.top < footer_top and id(line) not in fixed
        and (index > keyword_index if keyword_index is not None else line.top >= heading_bottom)
    ]
    return CaseSlide(
        page=page.number, case_no=number, body=body, population=population,
        heading=heading, keywords=tuple(keywords),
        intro=normalize_text("\n".join(line.text for line in body_zone)),
    )


def _distinct_bodies(lines: Sequence[Line], home: str | None) -> list[tuple[list[Line], tuple[Body, int | None]]]:
    """Each body the lines name, with all the lines naming it (a slide may repeat its
    body's name, e.g. `五霞町` under `茨城県五霞町`) and the case number printed before it.
    A prefecture's line over a line naming one of its municipalities (`静岡県` / `裾野市`)
    names that municipality."""
    found: dict[Body, tuple[list[Line], tuple[Body, int | None]]] = {}
    for index, line in enumerate(lines):
        named = case_heading_body(line.text, home)
        if named is None:
            continue
        naming = [line]
        if named[0].is_prefecture and index + 1 < len(lines):
            wrapped = case_heading_body(line.text + lines[index + 1].text, home)
            if wrapped and not wrapped[0].is_prefecture:
                named, naming = wrapped, [line, lines[index + 1]]
        if named[0] in found:
            found[named[0]][0].extend(naming)
        else:
            found[named[0]] = (naming, named)
    return list(found.values())


def find_case_slides(document: Document, home: str | None = None) -> list[CaseSlide]:
    """Every case first slide of the document, in page order."""
    return [slide for page in document.pages if (slide := read_case_slide(page, home))]


# ---------------------------------------------------------------- chapters

def toc_chapter_starts(document: Document, offset: int | None) -> set[int]:
    """PDF pages where the table of contents (the model's contents pages) says a chapter
    begins: its entries' page numbers after dot leaders (page furniture set aside)."""
    if offset is None:
        return set()
    starts = {int(match.group("no")) + offset for page in document.pages if page.contents for line in page.text_lines
              if (match := vocab.TOC_ENTRY.search(normalize_text(line.text)))}
    return {p for p in starts if 1 <= p <= len(document.pages)}


def case_page_ranges(first_pages: Sequence[int], boundaries: Iterable[int], page_count: int) -> dict[int, range]:
    """{first slide page: pages of the case} — up to the next case or chapter boundary."""
    stops = sorted(set(first_pages) | set(boundaries) | {page_count + 1})
    ranges: dict[int, range] = {}
    for first in first_pages:
        end = next(stop for stop in stops if stop > first)
        ranges[first] = range(first, end)
    return ranges


# ---------------------------------------------------------------- sections

def slide_heading(page: PageBlocks) -> tuple[str, list[Line]]:
    """The slide's heading (largest type in the top band) and the lines under it."""
    lines = slide_lines(page)
    top = [line for line in lines if line.top < page.height * _HEADING_SHARE]
    block = _largest_block(top)
    ids = {id(line) for line in block}
    rest = [l for l in lines if id(l) not in ids]
    # a heading stands out from the text under it (on a sparse slide, the median of all
    # lines would be the heading's own size)
    if not block or (rest and block[0].size <= _median_size(rest)):
        return "", lines
    return normalize_text("\n".join(l.text for l in block)), rest


def _median_size(lines: Sequence[Line]) -> float:
    sizes = sorted(line.size for line in lines)
    return sizes[len(sizes) // 2]


def _is_bullet(line: Line) -> bool:
    return line.text.lstrip().startswith(vocab.POINT_BULLETS)


def _is_question(line: Line, answer_size: float) -> bool:
    text = normalize_text(line.text)
    if vocab.CIRCLED_QUESTION.match(line.text):
        return True
    return line.size > answer_size and text.endswith(vocab.QUESTION_ENDINGS)


def interview_sections(page: PageBlocks) -> list[Section]:
    """One section per question: heading = the question, text = its answer."""
    lines = [l for l in slide_lines(page) if normalize_text(l.text) not in vocab.INTERVIEW_HEADINGS]
    answer_size = _median_size(lines) if lines else 0.0
    sections: list[Section] = []
    question: str | None = None
    answer: list[str] = []
    for line in lines:
        if _is_question(line, answer_size):
            if question is not None:
                sections.append(Section(question, normalize_text("\n".join(answer)), page.number))
            question, answer = normalize_name(line.text), []
        elif question is not None:
            answer.append(line.text)
    if question is not None:
        sections.append(Section(question, normalize_text("\n".join(answer)), page.number))
    return [s for s in sections if s.text]


def _group_wrapped(lines: Sequence[Line]) -> list[list[Line]]:
    """Consecutive lines that wrap one heading (close below each other, overlapping)."""
    groups: list[list[Line]] = []
    for line in lines:
        last = groups[-1][-1] if groups else None
        if (last is not None and 0 <= line.top - last.bottom <= _WRAP_GAP * (last.bottom - last.top)
                and line.x0 < last.x1 and line.x1 > last.x0):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _bullets(lines: Sequence[Line]) -> tuple[list[list[Line]], list[Line]]:
    """(bullet items with their wrapped continuation lines, the other lines)."""
    items: list[list[Line]] = []
    others: list[Line] = []
    for line in lines:
        if _is_bullet(line):
            items.append([line])
        elif items and abs(line.size - items[-1][0].size) < 0.5 and line.x0 > items[-1][0].x0 \
                and 0 <= line.top - items[-1][-1].bottom < 1.5 * (line.bottom - line.top):
            items[-1].append(line)
        else:
            others.append(line)
    return items, others


def _owner(item: list[Line], headings: Sequence[list[Line]]) -> int | None:
    """The heading a bullet belongs to: left of it or above it, nearest by distance."""
    first = item[0]
    center = (first.top + item[-1].bottom) / 2
    best: tuple[float, int] | None = None
    for index, group in enumerate(headings):
        x0, x1 = min(l.x0 for l in group), max(l.x1 for l in group)
        top, bottom = group[0].top, group[-1].bottom
        left_of = x1 <= first.x0 + 2
        above = bottom <= first.top + 2 and x0 < max(l.x1 for l in item) and x1 > first.x0
        if not (left_of or above):
            continue  # a heading of another box
        vertical = 0.0 if top <= center <= bottom else min(abs(center - top), abs(center - bottom))
        horizontal = max(0.0, first.x0 - x1)
        distance = vertical + horizontal
        if best is None or distance < best[0]:
            best = (distance, index)
    return best[1] if best else None


def point_sections(page: PageBlocks, heading: str, lines: Sequence[Line]) -> list[Section]:
    """One section per boxed point: its heading and its ✓ bullets, one per line."""
    items, others = _bullets(lines)
    headings = _group_wrapped(others)
    owned: dict[int, list[str]] = {}
    loose: list[str] = []
    for item in items:
        text = normalize_name("\n".join(l.text for l in item))
        owner = _owner(item, headings)
        (owned.setdefault(owner, []) if owner is not None else loose).append(text)
    # bullets no box heading owns belong to the slide's heading, which stands above all boxes
    sections = [Section(heading, "\n".join(loose), page.number)] if loose else []
    return sections + [
        Section(normalize_name("\n".join(l.text for l in group)), "\n".join(owned[index]), page.number)
        for index, group in enumerate(headings) if index in owned
    ]


def is_interview(page: PageBlocks) -> bool:
    """A slide titled as an interview, in its text or in a running title the model set aside
    (a title printed small in the margin of each interview slide)."""
    titles = [*slide_lines(page), *(f.line for f in page.furniture if f.kind == RUNNING_TITLE)]
    return any(normalize_text(line.text) in vocab.INTERVIEW_HEADINGS for line in titles)


def page_sections(page: PageBlocks) -> list[Section]:
    """The sections of one slide that follows a case's first slide."""
    if is_interview(page):
        return interview_sections(page)
    heading, lines = slide_heading(page)
    if any(_is_bullet(line) for line in lines):
        return point_sections(page, heading, lines)
    text = normalize_text("\n".join(line.text for line in lines))
    return [Section(heading or normalize_text(lines[0].text), text, page.number)] if text else []


def intro_section(slide: CaseSlide) -> Section | None:
    return Section(slide.heading, slide.intro, slide.page) if slide.intro else None
