"""Corrections of Japanese OCR misreadings where the domain makes the reading certain.

Tesseract confuses characters that look alike. Only confusions that the neighbouring
characters settle are corrected: `ー` after katakana, `口`/`ロ` between kanji or
katakana, a line that is only a ruled line read as `|` or `一`, a role name one character away from exactly one known role name.
Nothing else is guessed: a value (a number, a name nobody defines) stays as read.
Width folding (`ＤＸ` → `DX`) and spaces between Japanese characters are
`normalize_text`'s, applied to every text whatever its source; the marks of a training
matrix (●○△), which Tesseract does not know, are recognised by their shape
(`extractors/ocr.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from jinzai.normalizers._data import load_yaml

_KATAKANA = "\u30a1-\u30fa\u30fc\u30fd\u30fe"  # ァ … ヺ, ー, ヽ ヾ
# Characters a readable text layer never holds: the replacement character, private use
# code points (unmapped glyphs), and control characters other than line breaks and tabs.
_UNREADABLE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


@cache
def _vocabulary() -> dict:
    return load_yaml("ocr.yaml")


def unreadable_share(text: str) -> float:
    """Share of the non-space characters of a text layer that cannot be text (0 when empty)."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(bool(_UNREADABLE.match(ch)) for ch in visible) / len(visible)


def fix_lookalikes(text: str) -> str:
    """`マネ一ジャ一` → `マネージャー`, `プ口ジェクト` → `プロジェクト`, `人ロ` → `人口`,
    `推進りーダー` → `推進リーダー`, `専門人村` → `専門人材`."""
    vocab = _vocabulary()
    dashes = re.escape(vocab["long_vowel_misreadings"])
    for hiragana, katakana in vocab["hiragana_katakana_twins"].items():
        # before a dash that no kanji follows (より一層 keeps its hiragana), or between katakana
        text = re.sub(rf"{hiragana}(?=ー|[{dashes}](?![\u4e00-\u9fff]))|(?<=[{_KATAKANA}]){hiragana}(?=[{_KATAKANA}])",
                      katakana, text)
    # a dash after katakana is the long-vowel mark unless a kanji follows (データ一覧)
    text = re.sub(rf"(?<=[{_KATAKANA}])[{dashes}]+(?![\u4e00-\u9fff])",
                  lambda m: "ー" * len(m.group()), text)
    # ー before a kanji, with no kana before it, is the kanji 一 (ー般職員 → 一般職員)
    text = re.sub(rf"(?<![{_KATAKANA}\u3041-\u3096])ー(?=[\u4e00-\u9fff])", "一", text)
    for kanji, katakana in vocab["kanji_katakana_twins"].items():
        # after katakana, or before a long-vowel mark (which never follows a kanji)
        text = re.sub(rf"(?<=[{_KATAKANA}]){kanji}|{kanji}(?=ー)", katakana, text)
        # a lone katakana after a kanji or a kana ending a word (考えるカ → 考える力)
        text = re.sub(rf"(?<=[\u4e00-\u9fff\u3041-\u3096]){katakana}(?![{_KATAKANA}])", kanji, text)
    # AI with its I read as l, | or エ, standing alone among Japanese (生成Al → 生成AI)
    text = re.sub(r"(?<![A-Za-z])A[lエ|｜](?![A-Za-z])", "AI", text)
    # a span of months or days: the wave dash read as て (6月て11月)
    text = re.sub(r"(?<=[0-9][月日])[てへ~〜](?=[0-9])", "～", text)
    for misread, word in vocab["word_misreadings"].items():
        text = text.replace(misread, word)
    return text


def strip_rule_marks(text: str) -> str:
    """A ruled line read as characters: `| 管理職 |` → `管理職`; a line of only `一一一` → ``."""
    rules = re.escape(_vocabulary()["rule_characters"])
    if re.fullmatch(rf"[{rules}\s]*", text):
        return ""
    return re.sub(rf"^[{rules}](?=\s)|(?<=\s)[{rules}]$", "", text.strip()).strip()


_EMPTY_ENUMERATOR = re.compile(r"^[(（]\s*[)）]\s*")


def clean_ocr_line(text: str) -> str:
    """Every correction that holds for any line Tesseract read; an empty pair of
    brackets heading a line is an enumerator whose number was lost (`() 高度専門人材`)."""
    return fix_lookalikes(_EMPTY_ENUMERATOR.sub("", strip_rule_marks(text)))


def snap_to_known(name: str, known: Iterable[str], min_length: int = 4) -> str:
    """A name one character away from exactly one known name of at least `min_length`
    characters becomes that name (`DX推進貞` → `DX推進員`, `)DX推進リーダー` →
    `DX推進リーダー`); otherwise it is kept as read. One character away is one
    character misread, or one stray mark (a bracket, a rule) read into it or dropped
    from it; a letter more or less (`DX推進員と`) is another word, not a misreading."""
    names = set(known)
    if name in names:
        return name
    close = [k for k in names if len(k) >= min_length and _one_misreading(name, k)]
    return close[0] if len(close) == 1 else name


def _one_misreading(read: str, meant: str) -> bool:
    if len(read) == len(meant):
        return sum(x != y for x, y in zip(read, meant)) == 1
    if abs(len(read) - len(meant)) != 1:
        return False
    short, long_ = (read, meant) if len(read) < len(meant) else (meant, read)
    return any(long_[:i] + long_[i + 1:] == short and not long_[i].isalnum() for i in range(len(long_)))


_YEAR_CELL = re.compile(r"^(R|H|令和|平成)?(\w{1,4}?)(年度?)?$")


def complete_year_run(cells: list[str]) -> list[str]:
    """A row of fiscal-year cells (`R7 RS R9 R10`, `2025年度 2O26年度 …`) whose one cell
    reads as the year its neighbours make certain but for digits misread as letters
    (`RS` between `R7` and `R9` is `R8`). Only where at least two cells of the row read
    as years, the cell's neighbours are years of its form counting up by one, and
    each of its characters is the expected digit or a letter mistaken for it."""
    parsed = [_YEAR_CELL.match(cell.strip()) for cell in cells]
    years = {i: (m.group(1) or "", int(m.group(2)), m.group(3) or "") for i, m in enumerate(parsed)
             if m and m.group(2).isascii() and m.group(2).isdigit()}
    out = list(cells)
    if len(years) < 2:
        return out
    for i, match in enumerate(parsed):
        if i in years or match is None:
            continue
        before, after = years.get(i - 1), years.get(i + 1)
        expected = {(y[0], y[1] + 1, y[2]) for y in [before] if y} | {(y[0], y[1] - 1, y[2]) for y in [after] if y}
        if len(expected) != 1 or not (before or after):
            continue
        if before and after and after[1] - before[1] != 2:
            continue
        era, number, suffix = expected.pop()
        if (match.group(1) or "", match.group(3) or "") == (era, suffix) and _reads_as(match.group(2), str(number)):
            out[i] = f"{era}{number}{suffix}"
    return out


def _reads_as(read: str, digits: str) -> bool:
    """Each character the digit it stands for, or a letter Tesseract mistakes for it."""
    lookalikes = _vocabulary()["digit_lookalikes"]
    return len(read) == len(digits) and all(r == d or r in lookalikes.get(d, "") for r, d in zip(read, digits))
