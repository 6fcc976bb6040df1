"""Casebooks (collections of municipal cases) → cases, case_sections, levels, targets.

A casebook defines no roles of its own, so it gives no roles, skills or trainings.
Its cases come from its list tables (each list numbered on its own: municipal and
prefectural), completed by each case's own first slide (page, heading, keywords,
population where the list has none). A numbered slide no list row names is a case of
its own (and reported); a casebook without lists or numbers numbers its slides in page
order. Bodies printed by a bare name several prefectures share are read in the
prefecture that issues the casebook. The list's printed page numbers are checked
against the slides found; the offset between printed and PDF page numbers is read
from the page numbers printed in the slides' footers.

A case's sections run from its first slide up to the next case's first slide or
the end of its chapter (a list or index page, a 目次 page, or a chapter start the
table of contents gives). Chapters without cases (messages, 対談) give no sections.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from jinzai.extractors.casebook.facts import page_goals, page_levels
from jinzai.extractors.casebook.lists import (
    CaseLists,
    ListRow,
    PageReference,
    read_case_lists,
)
from jinzai.extractors.casebook.slides import (
    CaseSlide,
    case_page_ranges,
    find_case_slides,
    intro_section,
    page_offset,
    page_sections,
    read_case_slide,
    toc_chapter_starts,
)
from jinzai.extractors.model import Document, TableBlock
from jinzai.extractors.result import DocumentInfo, Extraction
from jinzai.models import Case, CaseSection, ExtractionWarning, Level, Target
from jinzai.normalizers.municipalities import municipality_code
from jinzai.normalizers.text import normalize_text


def extract_casebook(document: Document, doc_id: str, info: DocumentInfo) -> Extraction:
    """All casebook records of a document, read from its document model: lists from its
    tables, slides from its pages' blocks."""
    result = Extraction(info=info)
    offset = page_offset(document)
    # a prefecture's casebook of its own municipalities may print their bare names
    lists = read_case_lists(document.blocks_of(TableBlock), info.prefecture)
    slides = find_case_slides(document, info.prefecture)
    listed_pairs = pair_cases(lists.rows, slides, offset)
    listed_pairs = with_unprofiled_slides(document, listed_pairs, offset, set(lists.pages), info.prefecture)
    pairs = listed_pairs + unlisted_cases(listed_pairs, slides)
    result.cases = [build_case(doc_id, row, slide) for row, slide in pairs]
    result.warnings = page_mismatches(doc_id, lists.references, slides, offset)
    result.warnings += [
        ExtractionWarning(doc_id=doc_id, page=row.page, kind="case_slide_missing",
                          message=f"no first slide found for {row.kind} case {row.case_no} {row.body.printed}")
        for row, slide in listed_pairs if slide is None
    ]
    listed = {slide.page for _, slide in listed_pairs if slide}
    result.warnings += [
        ExtractionWarning(doc_id=doc_id, page=slide.page, kind="case_not_listed",
                          message=f"case slide {slide.case_no} {slide.body.printed} is in no list table")
        for slide in slides if slide.page not in listed
    ]
    ranges = case_ranges(document, lists, [slide for _, slide in pairs if slide], offset)
    for case, (row, slide) in zip(result.cases, pairs):
        if slide is None:
            continue
        pages = ranges[slide.page]
        result.case_sections += sections_of(document, doc_id, case, slide, pages)
        result.levels += levels_of(document, doc_id, case, pages)
        result.targets += targets_of(document, doc_id, case, pages)
    return result


# ---------------------------------------------------------------- cases

def pair_cases(rows: Sequence[ListRow], slides: Sequence[CaseSlide],
               offset: int | None) -> list[tuple[ListRow, CaseSlide | None]]:
    """Each list row with its case's first slide; without lists, each slide is a case.

    A row's slide is the one printing the same body (the nearest to the page the list
    gives, where several do); failing that, the slide with the row's number on that page.
    """
    if not rows:
        return [(_row_from_slide(slide), slide) for slide in number_in_order(slides)]
    pairs: list[tuple[ListRow, CaseSlide | None]] = []
    used: set[int] = set()
    for row in rows:
        expected = row.list_page + offset if row.list_page is not None and offset is not None else None
        same_body = [s for s in slides if s.body == row.body and s.page not in used]
        if not same_body and expected is not None:
            same_body = [s for s in slides if s.page == expected and s.case_no == row.case_no and s.page not in used]
        slide = min(same_body, key=lambda s: (s.case_no != row.case_no, abs(s.page - (expected or s.page))),
                    default=None)
        if slide is not None:
            used.add(slide.page)
        pairs.append((row, slide))
    return pairs


def listed_cases_heading_their_pages(document: Document, home: str | None) -> int:
    """How many rows of the document's case lists name a body that heads the page the row
    gives: a casebook whose slides leave the population to its list. Needs printed page
    numbers (a list citing another publication's pages heads none of this one's)."""
    offset = page_offset(document)
    if offset is None:
        return 0
    count = 0
    for row in read_case_lists(document.blocks_of(TableBlock), home).rows:
        number = row.list_page + offset if row.list_page is not None else 0
        if 1 <= number <= len(document.pages):
            slide = read_case_slide(document.pages[number - 1], home, needs_population=False)
            count += slide is not None and slide.body == row.body
    return count


def with_unprofiled_slides(document: Document, pairs: Sequence[tuple[ListRow, CaseSlide | None]],
                           offset: int | None, list_pages: set[int],
                           home: str | None) -> list[tuple[ListRow, CaseSlide | None]]:
    """Rows without a slide, paired with a slide that heads with the row's body but prints
    no population (the list gives it): on the page the list gives, or, without a printed
    page offset, the first such page that is no list and no other case's slide."""
    if all(slide is not None for _, slide in pairs):
        return list(pairs)
    taken = {slide.page for _, slide in pairs if slide} | list_pages
    candidates = {page.number: found for page in document.pages if page.number not in taken
                  and (found := read_case_slide(page, home, needs_population=False))}
    completed: list[tuple[ListRow, CaseSlide | None]] = []
    for row, slide in pairs:
        if slide is None:
            expected = row.list_page + offset if row.list_page is not None and offset is not None else None
            numbers = [expected] if expected is not None else sorted(candidates)
            slide = next((candidates.pop(number) for number in numbers
                          if number in candidates and candidates[number].body == row.body), None)
        completed.append((row, slide))
    return completed


def unlisted_cases(pairs: Sequence[tuple[ListRow, CaseSlide | None]],
                   slides: Sequence[CaseSlide]) -> list[tuple[ListRow, CaseSlide]]:
    """Numbered slides no list row names (a list continued on a page without its header
    row), each a case of its own, unless a row already has its kind and number."""
    paired = {slide.page for _, slide in pairs if slide}
    taken = {(row.kind, row.case_no) for row, _ in pairs}
    found: list[tuple[ListRow, CaseSlide]] = []
    for slide in slides:
        if slide.case_no is None or slide.page in paired:
            continue
        row = _row_from_slide(slide)
        if (row.kind, row.case_no) not in taken:
            taken.add((row.kind, row.case_no))
            found.append((row, slide))
    return found


def number_in_order(slides: Sequence[CaseSlide]) -> list[CaseSlide]:
    """The numbered slides; in a casebook that numbers none of its cases (nor lists them),
    every slide, numbered in page order within its kind."""
    if any(slide.case_no is not None for slide in slides):
        return [slide for slide in slides if slide.case_no is not None]
    counts: Counter[bool] = Counter()
    numbered: list[CaseSlide] = []
    for slide in slides:
        counts[slide.body.is_prefecture] += 1
        numbered.append(replace(slide, case_no=counts[slide.body.is_prefecture]))
    return numbered


def _row_from_slide(slide: CaseSlide) -> ListRow:
    kind = "prefecture" if slide.body.is_prefecture else "municipality"
    assert slide.case_no is not None
    return ListRow(kind, slide.case_no, slide.body, slide.population, slide.heading, None,
                   slide.keywords, None, slide.page)


def merge_keywords(*groups: Iterable[str]) -> list[str]:
    """Keywords of the list and of the slide, in order, each once after normalization."""
    merged: dict[str, str] = {}
    for group in groups:
        for keyword in group:
            merged.setdefault(normalize_text(keyword).replace(" ", ""), normalize_text(keyword))
    return list(merged.values())


def build_case(doc_id: str, row: ListRow, slide: CaseSlide | None) -> Case:
    """A case record: the list's facts, the slide's page, heading, keywords and population."""
    heading = slide.heading if slide else None
    population = row.population if row.population is not None else (slide.population if slide else None)
    return Case(
        doc_id=doc_id,
        page=slide.page if slide else row.page,
        extractor="casebook:slide" if slide else "casebook:list",
        kind=row.kind,
        case_no=row.case_no,
        municipality=row.body.municipality,
        prefecture=row.body.prefecture,
        municipality_code=municipality_code(row.body.municipality, row.body.prefecture),
        population=population,
        title=row.title or heading or "",
        title_alt=heading if heading and _differs(heading, row.title) else None,
        keywords=merge_keywords(row.keywords, slide.keywords if slide else ()),
        category=row.category,
        list_page=row.list_page,
    )


def _differs(a: str, b: str) -> bool:
    return a.replace(" ", "") != b.replace(" ", "")


# ---------------------------------------------------------------- page cross-check

def page_mismatches(doc_id: str, references: Iterable[PageReference], slides: Sequence[CaseSlide],
                    offset: int | None) -> list[ExtractionWarning]:
    """A warning for each printed page number (list or index) that is not where the body's
    case begins. Needs the printed/PDF page offset; nothing is checked without it."""
    if offset is None:
        return []
    first_pages: dict[object, list[int]] = {}
    for slide in slides:
        first_pages.setdefault(slide.body, []).append(slide.page)
    warnings: list[ExtractionWarning] = []
    for ref in references:
        pages = first_pages.get(ref.body)
        if not pages or ref.printed_page + offset in pages:
            continue
        actual = min(pages, key=lambda p: abs(p - ref.printed_page - offset))
        warnings.append(ExtractionWarning(
            doc_id=doc_id, page=ref.page, kind="page_mismatch",
            message=(f"the {ref.where} gives page {ref.printed_page} for {ref.body.printed}, "
                     f"but its case starts on printed page {actual - offset} (PDF page {actual})"),
        ))
    return warnings


# ---------------------------------------------------------------- per-case records

def case_ranges(document: Document, lists: CaseLists, slides: Sequence[CaseSlide],
                offset: int | None) -> Mapping[int, range]:
    """{first slide page: the case's pages}, stopping at chapter boundaries (list pages,
    contents pages and the chapter starts the contents give)."""
    boundaries = set(lists.pages) | toc_chapter_starts(document, offset)
    boundaries |= {page.number for page in document.pages if page.contents}
    return case_page_ranges([slide.page for slide in slides], boundaries, len(document.pages))


def sections_of(document: Document, doc_id: str, case: Case, slide: CaseSlide, pages: range) -> list[CaseSection]:
    found = [s for s in [intro_section(slide)] if s]
    for number in pages:
        if number != slide.page:
            found += page_sections(document.pages[number - 1])
    return [CaseSection(doc_id=doc_id, kind=case.kind, case_no=case.case_no,
                        heading=s.heading, text=s.text, page=s.page) for s in found]


def levels_of(document: Document, doc_id: str, case: Case, pages: range) -> list[Level]:
    return [
        Level(doc_id=doc_id, page=fact.page, bbox=list(fact.bbox), extractor="casebook:levels",
              role=fact.role, rank=fact.rank, label=fact.label, definition=fact.definition,
              municipality=case.municipality)
        for number in pages for fact in page_levels(document.pages[number - 1])
    ]


def targets_of(document: Document, doc_id: str, case: Case, pages: range) -> list[Target]:
    return [
        Target(doc_id=doc_id, page=fact.page, bbox=list(fact.bbox), extractor="casebook:targets",
               role=fact.role, metric=fact.metric, value=fact.value, unit=fact.unit,
               fiscal_year=fact.fiscal_year, text_raw=fact.text_raw, qualifier=fact.qualifier,
               placeholder=fact.placeholder, municipality=case.municipality)
        for number in pages for fact in page_goals(document.pages[number - 1])
    ]
