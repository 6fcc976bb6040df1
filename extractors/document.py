"""What a document says about itself: title, kind, issuing body, date, period.

Read from the layout's structure, not from file names: the title is the block
of largest type on a cover page (an issuer's line printed just above it is
joined; a bracketed series line is left out), or, for documents without a
cover, the name they give themselves (「…方針（以下、本方針という。）」).
The kind comes from content: a casebook is a run of case slides (a local
body's name with a 人口 line), a template is full of placeholders.

The first page is read from the layout, not from the document model's blocks: every
line it prints is evidence here, the page furniture the blocks set aside included (a
running title naming the document, a dated header, an issuer's footer), and a casebook
is told by its slides before its model is built (`prints_case_slides`).
"""

from __future__ import annotations

import re

from jinzai.extractors.casebook.read import listed_cases_heading_their_pages
from jinzai.extractors.casebook.lists import prints_case_list
from jinzai.extractors.casebook.slides import (
    body_with_population,
    names_a_body,
    populations,
)
from jinzai.extractors.layout import Line, Page, PdfLayout
from jinzai.extractors.model import Document
from jinzai.extractors.result import DocumentInfo
from jinzai.normalizers import municipalities
from jinzai.normalizers.dates import InvalidDate, parse_fiscal_period, parse_fiscal_year, parse_year_month
from jinzai.normalizers.text import normalize_text

# A cover page is sparse and has display-size type.
_COVER_MAX_LINES = 15
_COVER_MIN_TITLE_SIZE = 18.0
# Lines of the title block are at least this share of the largest size.
_TITLE_SIZE_SHARE = 0.6
_WRAPPED_TITLE_SHARE = 0.9
_SUBTITLE = re.compile(r"^[<＜〈《〜~～\-－].*[>＞〉》〜~～\-－]$")
# Placeholders a model policy leaves for the adopting body to fill in.
_PLACEHOLDER = re.compile(r"○[^\s○]{1,8}○|[\[［]日付[\]］]|区市町村名|市町村名|○○|計○名|○名")
_TEMPLATE_MIN_PLACEHOLDERS = 3
# A casebook: at least this many case slides, each naming a body and printing its population.
_CASEBOOK_MIN_SLIDES = 3
# 「各務原市デジタル人材育成方針（以下、本方針という。）」
_SELF_NAME = re.compile(r"「([^「」]{4,60}?)」?[（(]以下[、,，]?\s*「?本(?:方針|計画|指針)")
_DATE_LINE = re.compile(r"^(?:令和|平成|昭和|R|H)\s*[\d０-９元]+\s*年\s*[\d０-９]+\s*月|^\d{4}\s*年\s*\d+\s*月")
# A first page that is no cover prints its date, if at all, among its first lines
# (`令和7年4月 宇部市デジタル推進課`), not as the start of a sentence (`令和7年4月に策定した`).
_OPENING_LINES = 6
_DATE_IN_SENTENCE = re.compile(r"^\s*(?:[にのをはがでと、。,]|から|より|まで)")
_PERIOD_SENTENCE = re.compile(r"(?:対象期間|計画期間|方針の期間|期間は)[^。]*")
# A one-year plan's period, a label and one fiscal year with no range word after it: `対象期間：令和7年度`.
_ONE_YEAR_PERIOD = re.compile(r"(?:対象期間|計画期間|対象年度)\s*[:：]?\s*"
                              r"(?P<year>(?:令和|平成|R|H)\s*[0-9元]{1,2}\s*年度|\d{4}\s*年度)(?!\s*(?:[～~〜\-－ー]|から))")
# A cover line that is only a span of fiscal years: `令和7年度～令和9年度`, `2025年度-2027年度`.
_PERIOD_LINE = re.compile(r"(?:令和|R|平成|H)?\s*[0-9元]{1,4}\s*年度?\s*[～~〜\-－ー]\s*(?:令和|R|平成|H)?\s*[0-9]{1,4}\s*年度?")
# A yearly plan's title opens with its year: `令和7年度`, `R7年度`, `2025年度`.
_LEADING_FISCAL_YEAR = re.compile(r"^(?:令和|平成|R|H)?\s*[0-9元]{1,4}\s*年度\s*")
_NATIONAL_BODY = re.compile(r"^[一-龥ァ-ヶー]{1,10}(?:省|庁|内閣府|機構|委員会)$")
_SERIES_LINE = re.compile(r"^[（(【\[].*[）)】\]]$")
# A heading that names the document: it ends with what kind of document it is.
_DOCUMENT_HEADING = re.compile(r"^(?![\d０-９一二三四五六七八九十]+[．.、章\s])\S.{2,58}"
                               r"(?:方針|計画|指針|プラン|ビジョン|ガイドブック|ガイドライン|事例集|戦略)(?:[（(<＜【].{1,20}[）)>＞】])?$")
# A heading stands out: its type is at least this much larger than the page's body text.
_HEADING_SIZE_RATIO = 1.25


def describe_document(layout: PdfLayout, document: Document) -> DocumentInfo:
    """Title, kind, issuing body, issue date and covered period of a document; `document`:
    its document model, whose table blocks hold a casebook's case lists."""
    cover = _cover_page(layout)
    title = _title(layout, cover)
    kind = classify(layout, document)
    body = _issuing_body(title, cover, layout.text) if kind != "template" else None
    return DocumentInfo(
        title=title,
        doc_kind=kind,
        municipality=body.name if body and body.name != body.prefecture else None,
        prefecture=body.prefecture if body else None,
        municipality_code=body.code if body else None,
        publisher=_national_publisher(cover) if body is None and kind != "template" else None,
        issued=_issue_date(cover.lines if cover else _opening_lines(layout, document)),
        period_start_fy=(period := _covered_period(layout)) and period[0],
        period_end_fy=period and period[1],
    )


def classify(layout: PdfLayout, document: Document) -> str:
    """`casebook`, `template` or `policy`, from what the pages hold. A casebook prints case
    slides, or a list of cases whose slides head with their body but leave the population
    to the list."""
    if prints_case_slides(layout):
        return "casebook"
    if prints_case_list(document.tables()):
        cover = _cover_page(layout)
        issuer = _issuing_body(_title(layout, cover), cover, layout.text)
        # a prefecture's casebook may list its municipalities by bare names other prefectures share
        home = issuer.prefecture if issuer else None
        if listed_cases_heading_their_pages(document, home) >= _CASEBOOK_MIN_SLIDES:
            return "casebook"
    if len(_PLACEHOLDER.findall(layout.text)) >= _TEMPLATE_MIN_PLACEHOLDERS:
        return "template"
    return "policy"


def prints_case_slides(layout: PdfLayout) -> bool:
    """Whether the document is a casebook by its case slides: told from the pages' lines
    alone, before its document model is built (a casebook's model is read otherwise)."""
    return sum(_is_case_slide(page) for page in layout.pages) >= _CASEBOOK_MIN_SLIDES


def _is_case_slide(page: Page) -> bool:
    """A page that prints one local body's profile, at its head or anywhere else (a box at
    the foot of the slide): a line naming the body (`茨城県五霞町`, `事例3 美郷町（秋田県）`)
    followed by a line that is only its population (`人口：約8,000人`, `人口 約4.2万人`), or
    both on one line (`糸島市（人口：約10.3万人）`). A page with several is a list."""
    texts = [line.text for line in page.lines]
    profiles = sum(bool(body_with_population(text)) for text in texts) + sum(
        index > 0 and names_a_body(texts[index - 1]) for index, _, _ in populations(texts))
    return profiles == 1


def _cover_page(layout: PdfLayout) -> Page | None:
    first = layout.pages[0]
    if len(first.lines) <= _COVER_MAX_LINES and any(l.size >= _COVER_MIN_TITLE_SIZE for l in first.lines):
        return first
    return None


def _cover_title(cover: Page) -> str | None:
    """The contiguous block of the largest type, minus series and date lines."""
    largest = max(line.size for line in cover.lines)
    anchor = next(i for i, line in enumerate(cover.lines) if line.size == largest)
    block = [cover.lines[anchor]]
    for step in (-1, 1):
        i = anchor + step
        while 0 <= i < len(cover.lines) and _continues_title(cover.lines[i], block, largest, step):
            block.insert(0, cover.lines[i]) if step < 0 else block.append(cover.lines[i])
            i += step
    texts = [normalize_text(line.text) for line in block]
    return "".join(t for t in texts if not _SERIES_LINE.match(t)) or None


def _continues_title(line: Line, block: list[Line], largest: float, step: int) -> bool:
    """Above the title: an issuer's line or the title's first part. Below it: the
    title wrapping at the same size, or a bracketed subtitle (＜事例編＞)."""
    neighbour = block[0] if step < 0 else block[-1]
    gap = neighbour.top - line.bottom if step < 0 else line.top - neighbour.bottom
    text = normalize_text(line.text)
    if line.size < _TITLE_SIZE_SHARE * largest or gap >= 2 * max(line.size, neighbour.size) or _DATE_LINE.match(text):
        return False
    return step < 0 or line.size >= _WRAPPED_TITLE_SHARE * largest or bool(_SUBTITLE.match(text))


def _self_name(layout: PdfLayout) -> str | None:
    """For documents without a cover: the name they give themselves."""
    for page in layout.pages[:5]:
        match = _SELF_NAME.search(normalize_text(page.text.replace("\n", "")))
        if match:
            return match.group(1)
    return None


def _title(layout: PdfLayout, cover: Page | None) -> str | None:
    """The cover's title; else the name the document gives itself; else its first page's
    prominent heading naming a plan or policy."""
    if cover:
        return _cover_title(cover)
    return _self_name(layout) or _heading_title(layout.pages[0])


def _heading_title(page: Page) -> str | None:
    if not page.lines:
        return None
    body_size = sorted(line.size for line in page.lines)[len(page.lines) // 2]
    for line in sorted(page.lines, key=lambda l: -l.size):
        if line.size < _HEADING_SIZE_RATIO * body_size:
            return None
        text = normalize_text(line.text)
        if _DOCUMENT_HEADING.match(text):
            return text
    return None


def _issuing_body(title: str | None, cover: Page | None, context: str) -> municipalities.Body | None:
    """The local body that issues the document: the one its title or cover names first."""
    candidates = [title or ""] + [normalize_text(line.text) for line in (cover.lines if cover else [])]
    for text in candidates:
        body = _leading_body(text, context)
        if body:
            return body
    return None


def _leading_body(text: str, context: str) -> municipalities.Body | None:
    """`垂水市デジタル人材育成方針` → 垂水市 (the longest known body name it starts with,
    after the fiscal year a yearly plan's title may open with: `令和7年度飯田市職員研修計画`).

    A name several prefectures share (美郷町) is the one whose prefecture the
    document itself mentions most; none or a tie leaves it unknown."""
    text = _LEADING_FISCAL_YEAR.sub("", text)
    for end in range(min(len(text), 10), 1, -1):
        if text[end - 1] in "都道府県市区町村":
            body = municipalities.lookup(text[:end]) or _by_prefecture_mentioned(text[:end], context)
            if body:
                return body
    return None


def _by_prefecture_mentioned(name: str, context: str) -> municipalities.Body | None:
    mentions = sorted(((context.count(b.prefecture), b) for b in municipalities.bodies_named(name)),
                      key=lambda pair: -pair[0])
    if mentions and mentions[0][0] > 0 and (len(mentions) == 1 or mentions[0][0] > mentions[1][0]):
        return mentions[0][1]
    return None


def _national_publisher(cover: Page | None) -> str | None:
    for line in cover.lines if cover else []:
        text = normalize_text(line.text)
        if _NATIONAL_BODY.match(text):
            return text
    return None


def _opening_lines(layout: PdfLayout, document: Document) -> list[Line]:
    """The topmost lines of a first page that is no cover (a slide's issuer line may stand
    at the right of its title bar, read after the left column), but for its furniture (a
    sheet's printed column letters) and for those that go on after their date as a
    sentence does."""
    if not layout.pages:
        return []
    furniture = {id(f.line) for f in document.pages[0].furniture} if document.pages else set()
    printed = [ln for ln in layout.pages[0].lines if id(ln) not in furniture]
    lines = sorted(printed, key=lambda ln: (ln.top, ln.x0))[:_OPENING_LINES]
    return [ln for ln in lines if (m := _DATE_LINE.match(normalize_text(ln.text))) is None
            or not _DATE_IN_SENTENCE.match(normalize_text(ln.text)[m.end():])]


def _issue_date(lines: Sequence[Line]) -> str | None:
    """A line that starts with a date (with 改定/策定… or the issuer after it) among the
    cover's lines or a first page's opening lines: `令和7年3月改定` → 2025-03."""
    for line in lines:
        text = normalize_text(line.text)
        if _DATE_LINE.match(text):
            try:
                return parse_year_month(text)
            except InvalidDate:  # a misprinted date: the document is still readable, its date unknown
                return None
    return None


def _covered_period(layout: PdfLayout) -> tuple[int, int] | None:
    """The fiscal years a sentence about the policy's own period names; failing one, a
    line of the cover that is a span of fiscal years alone (`令和7年度～令和9年度`); failing
    that, the one year a one-year plan labels as its period."""
    for page in layout.pages:
        for sentence in _PERIOD_SENTENCE.findall(normalize_text(page.text.replace("\n", ""))):
            period = _period_of(sentence)
            if period:
                return period
    for line in layout.pages[0].lines if layout.pages else []:
        text = normalize_text(line.text).strip("()（）[]【】 ")
        if _PERIOD_LINE.fullmatch(text) and (period := _period_of(text)):
            return period
    for page in layout.pages:
        if (one := _ONE_YEAR_PERIOD.search(normalize_text(page.text.replace("\n", "")))) \
                and (year := parse_fiscal_year(one["year"])):
            return year, year
    return None


def _period_of(text: str) -> tuple[int, int] | None:
    try:
        return parse_fiscal_period(text)
    except InvalidDate:
        return None
