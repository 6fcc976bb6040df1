"""Text normalization for cells, lines and sentences read from PDFs (CONTRACT.md).

`normalize_text` produces the form every text column stores:

* Width folding. Full-width ASCII (``ＤＸ１０（）：，－``) becomes ASCII, half-width
  katakana becomes full-width, the ideographic space becomes a space. Unlike a blanket
  NFKC this keeps characters whose compatibility form destroys meaning:

  - enumerators ``①``-``⑳``, ``⑴``, ``⒈``, ``㉑``, ``㊀`` stay as printed (NFKC would turn
    ``①DX`` into ``1DX``); `normalize_name` strips them where they prefix a name;
  - ``…``, ``‥``, superscripts, ``℃`` and the like are left alone.

  Folded the NFKC way, because the characters have no other sensible reading and the
  evaluation compares NFKC text: ``～``/``〜`` → ``~``, ``－``/``−``/``‐`` → ``-``,
  ``（）`` → ``()``, squared and parenthesized words (``㈱`` → ``(株)``, ``㍻`` → ``平成``),
  Roman numerals (``Ⅲ`` → ``III``), CJK compatibility ideographs, vertical presentation
  forms (``︵`` → ``(``) and Kangxi radicals that some PDF fonts emit instead of the
  ideograph (``⼈`` → ``人``); radicals of the CJK Radicals Supplement, which NFKC leaves
  alone, are mapped by ``data/radicals.yaml`` (``⻑`` → ``長``, ``⻄`` → ``西``).
* Zero-width characters, soft hyphens and variation selectors are removed.
* PDF line breaks are joined: without a space, except between two Latin/digit
  characters (``Power`` / ``BI``) where the break stood for a word gap. A line ending in
  ``-`` or ``/`` joins its continuation directly (``J-`` / ``LIS``). A wrapped word in a
  table cell (``プロジェクトマネジメン`` / ``ト``) and vertical text written one character
  per line (``管`` / ``理`` / ``職``) thereby read in order.
* Whitespace runs collapse to one space; a space next to a Japanese character (kana,
  kanji, Japanese punctuation, bullets and marks) is dropped, so ``UI・UX デザイン`` →
  ``UI・UXデザイン`` while ``Power BI`` keeps its gap.
* Letter-spaced capitals are joined: ``D X推進員`` → ``DX推進員``, ``E B P M`` → ``EBPM``,
  ``J-L I S`` → ``J-LIS``. Only runs of single capital letters are joined, so real word gaps
  (``Power BI``, ``LoGo Chat``) survive.

`normalize_name` additionally strips leading bullets and enumerators
(``・ • ⚫ ▶ ✓ ● ① (1) 1. 1 II``), and `split_items` cuts a bulleted or numbered cell
into its items.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jinzai.normalizers._data import load_yaml

__all__ = ["normalize_name", "normalize_text", "split_items", "split_list"]

# ---------------------------------------------------------------- character folding

_KEEP_AS_PRINTED = (
    set(range(0x3220, 0x322A))  # ㈠-㈩ parenthesized ideograph numbers (enumerators)
    | set(range(0x3251, 0x3260))  # ㉑-㉟
    | set(range(0x3280, 0x328A))  # ㊀-㊉ circled ideograph numbers
    | set(range(0x32B1, 0x32C0))  # ㊱-㊿
)

# Blocks folded with NFKC character by character (see the module docstring).
_NFKC_BLOCKS = (
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0xFFE0, 0xFFE6),  # full-width signs ￥ ￡ …
    (0x2160, 0x217F),  # Roman numerals
    (0x2E80, 0x2EFF),  # CJK radicals supplement (two have decompositions)
    (0x2F00, 0x2FD5),  # Kangxi radicals
    (0x3200, 0x33FF),  # enclosed CJK letters, squared words
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE19),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms (vertical brackets)
    (0xFE50, 0xFE6B),  # small forms
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)

_EXTRA_FOLDS = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\t": " ",
    "\u301c": "~",  # wave dash, the twin of ～ (which NFKC makes ~)
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2212": "-",  # minus sign, printed for hyphens by some fonts
    "\r\n": "\n",
}

_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff" + "".join(
    chr(c) for c in range(0xFE00, 0xFE10)
)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in _NFKC_BLOCKS:
        for code in range(start, end + 1):
            if code in _KEEP_AS_PRINTED:
                continue
            ch = chr(code)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch:
                table[code] = folded
    for code in range(0x2000, 0x200B):  # en quad … hair space
        table[code] = " "
    for ch, folded in _EXTRA_FOLDS.items():
        if len(ch) == 1:
            table[ord(ch)] = folded
    for ch in _LINE_BREAKS:
        table[ord(ch)] = "\n"
    for ch in _DELETED:
        table[ord(ch)] = ""
    for radical, ideograph in load_yaml("radicals.yaml")["radicals"].items():
        table[ord(radical)] = ideograph
    return table


_FOLD = _build_fold_table()
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")


def fold_width(s: str) -> str:
    """Width folding and character clean-up only (no whitespace or line handling)."""
    s = s.replace("\r\n", "\n").translate(_FOLD)
    if _HALFWIDTH_KANA.search(s):
        # NFKC composes ｶﾞ into ガ; only these runs are touched.
        s = _HALFWIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    return s


# ---------------------------------------------------------------- spacing

# Characters next to which a space is never a word gap: kana, kanji, Japanese punctuation,
# enumerators, bullets, marks and arrows.
_JA = (
    "\u2022\u2025\u2026\u203b"  # • ‥ … ※
    "\u2190-\u21ff"  # arrows
    "\u2460-\u24ff"  # ① ⑴ ⒈ ⓐ
    "\u25a0-\u27bf"  # geometric shapes, misc symbols, dingbats (● ○ △ ▶ ⚫ ✓ ➤ ★)
    "\u2e80-\u2fdf"  # radicals
    "\u3001-\u303f"  # Japanese punctuation (not the ideographic space, folded before)
    "\u3040-\u30ff\u31f0-\u31ff"  # kana
    "\u3200-\u32ff"  # enclosed CJK
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kanji
    "\U00020000-\U0003134f"
)
_SPACE_NEXT_TO_JA = re.compile(rf"(?<=[{_JA}]) | (?=[{_JA}])")
_SPACES = re.compile(r"[ \t]+")
# Runs of single capital letters separated by single spaces: "E B P M", "D X推進", "J-L I S".
_LETTER_SPACED = re.compile(r"(?<![A-Za-z0-9])[A-Z](?: [A-Z](?![A-Za-z0-9]))+")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _join_lines(lines: list[str]) -> str:
    """Join PDF lines; a space only where a Latin/digit word meets another one."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out:
            prev = out[-1][-1]
            if (
                _LATIN_OR_DIGIT.match(prev)
                and _LATIN_OR_DIGIT.match(line[0])
            ):
                out.append(" ")
        out.append(line)
    return "".join(out)


def _join_letter_spaced(m: re.Match[str]) -> str:
    return m.group().replace(" ", "")


@lru_cache(maxsize=65536)
def normalize_text(s: str) -> str:
    """CONTRACT normalization of one cell, line or sentence (see the module docstring)."""
    s = fold_width(s)
    if "\n" in s:
        s = _join_lines([_SPACES.sub(" ", line).strip() for line in s.split("\n")])
    s = _SPACES.sub(" ", s).strip()
    if " " not in s:
        return s
    s = _SPACE_NEXT_TO_JA.sub("", s)
    return _LETTER_SPACED.sub(_join_letter_spaced, s)


# ---------------------------------------------------------------- names and lists

# One leading bullet or enumerator, matched on text that still has its spaces
# (width-folded and collapsed, before spaces next to Japanese are dropped), so that a
# section number such as "1 背景" or "II 人材育成" is recognised by the gap after it.
_BULLET_CHARS = "・•⚫▶▷►●◆◇■□◼◻▪▫★☆✓✔➤➢‣◦"
_MARKER = re.compile(
    rf"""^(?:
        [{_BULLET_CHARS}]                      # bullets
      | [\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf\u3280-\u3289\u3220-\u3229]  # ① ⑴ ⒈ ㊀ ㈠
      | \(\s?(?:\d{{1,2}}|[a-zA-Zア-ン]|[一二三四五六七八九十]{{1,3}})\s?\)  # (1) (a) (ア) (一)
      | \d{{1,2}}(?:\.\d{{1,2}})*[.)](?!\d)   # 1. 1) 1.2. 4.1)
      | \d{{1,2}}(?:\.\d{{1,2}})*(?=\s)       # "1 背景", "4.1.1 基本的な考え方"
      | [IVX]{{1,4}}(?=\s)                    # "II 人材育成"
      | [一二三四五六七八九十]{{1,3}}[、.](?=\S)  # 一、 二.
      | -(?=\s|[^\d\s-])                     # "- item" (not "-1")
    )\s*""",
    re.VERBOSE,
)


def _strip_markers(s: str) -> str:
    while True:
        m = _MARKER.match(s)
        if not m or m.end() == 0:
            return s
        s = s[m.end():]


def leading_marker(s: str) -> str | None:
    """The bullet or enumerator a line opens with (`・`, `①`, `(1)`, `1.`), as printed
    after width folding, or None: `・研修の実施` → `・`, `(2) 目標` → `(2)`."""
    m = _MARKER.match(_pre_normalize(s))
    return m.group(0).strip() if m and m.end() > 0 else None


def _pre_normalize(s: str) -> str:
    """Width-folded, lines joined, whitespace collapsed; spaces still in place."""
    s = fold_width(s)
    if "\n" in s:
        s = _join_lines([_SPACES.sub(" ", line).strip() for line in s.split("\n")])
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def normalize_name(s: str) -> str:
    """`normalize_text`, with leading bullets and enumerators (``・ ① (1) 1.``) stripped."""
    name = normalize_text(_strip_markers(_pre_normalize(s)))
    return _strip_markers(name)


def _is_item_start(line: str) -> bool:
    m = _MARKER.match(line)
    return m is not None and m.end() > 0


# Enumerators that start a new item even in the middle of a line: ①②③ are never
# anything else, unlike "・" (Word・Excel) or "(1)".
_INLINE_ENUMERATOR = re.compile(r"(?<=\S)\s*(?=[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])")


# A separator left at the end of an inline item: "①窓口…化、②…" → "窓口…化".
_ITEM_SEPARATOR_TAIL = re.compile(r"[、,;；]+$")


def split_list(s: str) -> tuple[str | None, list[str]]:
    """A cell or paragraph → (lead text before the first marker, the marked items).

    Lines that start with a bullet or enumerator open an item; other lines continue the
    item above them (wrapped text). Circled numbers also open an item mid-line
    (``①市民…②企画力…``). Each item is `normalize_name`'d; empty items are dropped.
    Without any marker the whole text is the lead and the item list is empty.
    """
    lead: list[str] = []
    items: list[list[str]] = []
    for raw_line in fold_width(s).split("\n"):
        for line in _INLINE_ENUMERATOR.split(raw_line.strip()):
            line = line.strip()
            if not line:
                continue
            if _is_item_start(line):
                items.append([line])
            elif items:
                items[-1].append(line)
            else:
                lead.append(line)
    lead_text = normalize_text("\n".join(lead)) if lead else ""
    names = [_ITEM_SEPARATOR_TAIL.sub("", normalize_name("\n".join(item))) for item in items]
    return (lead_text or None), [n for n in names if n]


def split_items(s: str) -> list[str]:
    """A cell/paragraph holding a bulleted or numbered list → its items, normalized.

    Text before the first marker (a heading line such as ``部局をまたいだ課題解決を行うスキル``)
    is kept as the first item so nothing is lost; use `split_list` to tell it apart.
    A text without markers is one item.
    """
    lead, items = split_list(s)
    return ([lead] if lead else []) + items


# A spreadsheet's error value printed in a cell (`#N/A` of a failed lookup, `#REF!`, `#DIV/0!`):
# the cell holds no value.
_SHEET_ERROR = re.compile(r"#(?:N/A|REF!|DIV/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)")


def is_sheet_error(s: str) -> bool:
    """Whether a text is only a spreadsheet's error value (`#N/A`, `#REF!` …)."""
    return bool(_SHEET_ERROR.fullmatch(fold_width(s).strip()))
