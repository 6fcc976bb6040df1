"""Language models: SudachiPy normalized forms, GiNZA organizations and goal sentences.

* `normalized_form` tokenizes with SudachiPy (core dictionary plus a user dictionary of
  domain terms from ``data/terms.yaml``) and joins the normalized forms, so spelling
  variants compare equal (``取組`` / ``取り組み`` / ``取組み``). It is a comparison key, not
  display text. The user dictionary is compiled with sudachipy's builder on first use
  into ``$XDG_CACHE_HOME/jinzai`` (or ``~/.cache/jinzai``), keyed by a hash of its
  source, never into site-packages; if building fails the system dictionary is used and
  a warning is logged.
* `find_organizations` returns organization names in a text (training organizers:
  ``J-LIS``, ``鹿児島県``, ``情報通信研究機構``) from GiNZA's named entities, the domain
  list of organizations and names ending in an organization word (``…機構``).
* `goal_sentences` returns the sentences of a prose paragraph that state a goal with a
  quantity or placeholder (``5年以内に受講率100%を達成する``).

Each model loads once per process (functools.cache). GiNZA (spaCy, ~2-3 s to load) is
imported only when `find_organizations` or `goal_sentences` is first called.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sudachipy

from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.text import normalize_name, normalize_text, split_list

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "build_user_dictionary",
    "find_organizations",
    "ginza",
    "goal_sentences",
    "normalized_form",
    "sudachi_tokenizer",
    "user_dictionary_path",
]

log = logging.getLogger(__name__)

GINZA_MODEL = "ja_ginza"

# Sudachi connection ids of 名詞,固有名詞,一般 and 名詞,普通名詞,一般 in SudachiDict
# (its user-dictionary documentation); they only weigh how a word joins its neighbours.
_CONNECTION_IDS = {"proper": (4785, "名詞,固有名詞,一般"), "noun": (5146, "名詞,普通名詞,一般")}
# Low enough that a listed term beats its parts (DX + 推進 + リーダー).
_TERM_COST = -10000


# ---------------------------------------------------------------- Sudachi user dictionary

def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jinzai"


def _lexicon_csv() -> str:
    """The user dictionary in Sudachi's lexicon CSV format, built from terms.yaml."""
    rows = []
    for term in load_yaml("terms.yaml")["user_dictionary"]:
        surface = normalize_text(term["surface"])
        conn_id, pos = _CONNECTION_IDS[term.get("kind", "noun")]
        # The trie key is what Sudachi's input normalization produces: NFKC, lower case.
        key = unicodedata.normalize("NFKC", surface).lower()
        normalized = normalize_text(term.get("normalized", surface))
        reading = term.get("reading", surface)
        rows.append(f"{key},{conn_id},{conn_id},{_TERM_COST},{surface},{pos},*,*,*,"
                     f"{reading},{normalized},*,A,*,*,*,*")
    return "\n".join(rows) + "\n"


def _system_dictionary() -> Path:
    import sudachidict_core  # the dictionary package named in pyproject

    return Path(sudachidict_core.__file__).parent / "resources" / "system.dic"


def build_user_dictionary(cache_dir: Path) -> Path | None:
    """Compile the domain user dictionary into ``cache_dir`` unless it is there already.

    The file name carries a hash of the lexicon and the SudachiPy version, so an edited
    terms.yaml gets a fresh build. Returns None (and logs a warning) if it cannot be built.
    """
    csv_text = _lexicon_csv()
    digest = hashlib.sha256((csv_text + sudachipy.__version__).encode()).hexdigest()[:16]
    target = cache_dir / f"user-{digest}.dic"
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            lexicon = Path(tmp) / "lexicon.csv"
            lexicon.write_text(csv_text, encoding="utf-8")
            built = Path(tmp) / "user.dic"
            sudachipy.sudachipy.build_user_dic(_system_dictionary(), [lexicon], built,
                                               "jinzai domain terms")
            os.replace(built, target)  # atomic: concurrent processes never see half a file
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - sudachi's Rust panics are BaseException
        log.warning("could not build the Sudachi user dictionary in %s (%s); "
                    "using the system dictionary only", cache_dir, exc)
        return None
    return target


@cache
def user_dictionary_path() -> Path | None:
    """The compiled user dictionary in the user's cache directory (built on first use)."""
    return build_user_dictionary(_cache_dir())


@cache
def sudachi_tokenizer() -> sudachipy.Tokenizer:
    """A mode-C SudachiPy tokenizer with the domain user dictionary (once per process)."""
    user = user_dictionary_path()
    config = sudachipy.Config(user=[str(user)]) if user else None
    dictionary = sudachipy.Dictionary(config=config, dict="core")
    return dictionary.create(mode=sudachipy.SplitMode.C)


_ASCII = re.compile(r"^[\x20-\x7e]+$")
# Function words and light verbs keep their surface: "する" would become "為る".
_KEEP_SURFACE_POS = {"助詞", "助動詞", "補助記号", "記号", "空白"}


def _token_form(m: sudachipy.Morpheme) -> str:
    if m.dictionary_id() > 0:  # a domain term: its normalized form is ours
        return m.normalized_form()
    surface = m.surface()
    pos = m.part_of_speech()
    if m.is_oov() or _ASCII.match(surface) or pos[0] in _KEEP_SURFACE_POS or pos[1] == "非自立可能":
        return surface  # Sudachi lower-cases unknown Latin words and reads LoGo as ロゴ
    return m.normalized_form()


@lru_cache(maxsize=65536)
def normalized_form(s: str) -> str:
    """Sudachi normalized form of a normalized text: ``取組`` → ``取り組み``."""
    text = normalize_text(s)
    if not text:
        return ""
    return "".join(_token_form(m) for m in sudachi_tokenizer().tokenize(text))


# ---------------------------------------------------------------- GiNZA

@cache
def ginza() -> Language:
    """The GiNZA spaCy pipeline, loaded once per process on first use."""
    import spacy  # lazy: ~2 s, paid only by callers that need GiNZA

    return spacy.load(GINZA_MODEL)


@cache
def _organization_vocabulary() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str]]:
    data = load_yaml("terms.yaml")
    labels = frozenset(data["organization_labels"])
    names = tuple(sorted((normalize_text(n) for n in data["organizations"]), key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in sorted(data["organization_suffixes"], key=len, reverse=True))
    # A name run: kanji, katakana (with ー), Latin letters, digits and hyphens before the suffix;
    # ・ ends it, as it separates list items ("外部研修・・・大分県…センター").
    suffix_pattern = re.compile(rf"[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z0-9\-]+?(?:{suffixes})(?![\u4e00-\u9fff])")
    return labels, names, suffix_pattern


Span = tuple[int, int, str]


def _known_spans(text: str) -> list[Span]:
    _, names, suffix_pattern = _organization_vocabulary()
    spans: list[Span] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name), name))
            start = text.find(name, start + 1)
    spans.extend((m.start(), m.end(), m.group()) for m in suffix_pattern.finditer(text))
    return spans


# GiNZA sometimes takes a closing bracket or 等 into an entity: "J-LIS)等".
_ENTITY_EDGES = re.compile(r"^[\s(\[「『【]+|[\s)\]」』】、。,.]*(?:等|など)?[\s)\]」』】、。,.]*$")


def _entity_spans(text: str) -> list[Span]:
    labels, _, _ = _organization_vocabulary()
    spans: list[Span] = []
    for entity in ginza()(text).ents:
        if entity.label_ not in labels:
            continue
        name = _ENTITY_EDGES.sub("", entity.text)
        if name:
            start = entity.start_char + entity.text.find(name)
            spans.append((start, start + len(name), name))
    return spans


def _overlaps(span: Span, chosen: list[Span]) -> bool:
    return any(span[0] < c[1] and c[0] < span[1] for c in chosen)


def _longest_non_overlapping(spans: Iterable[Span], chosen: list[Span] | None = None) -> list[Span]:
    """Where spans overlap, the longest wins (大分県 inside 大分県自治人材育成センター);
    spans already ``chosen`` are kept."""
    kept = list(chosen or [])
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not _overlaps(span, kept):
            kept.append(span)
    return sorted(kept)


def find_organizations(text: str) -> list[str]:
    """Organization names in ``text`` in order of appearance, each once.

    Names from the domain list and names ending in an organization word come first;
    GiNZA's entities add the ones that do not overlap them (鹿児島県, 大分県).
    """
    normalized = normalize_text(text)
    if not normalized:
        return []
    known = _longest_non_overlapping(_known_spans(normalized))
    spans = _longest_non_overlapping(_entity_spans(normalized), chosen=known)
    return list(dict.fromkeys(name for _, _, name in spans))


# ---------------------------------------------------------------- goal sentences

_SENTENCE_END = re.compile(r"(?<=[。!?])")
# Cheap test before parsing: a digit, kanji numeral or template blank before a unit.
_QUANTITY_HINT = re.compile(r"[0-9〇一二三四五六七八九十百千○◯●□×]\s?(?:人|名|%|割|パーセント)")


@cache
def _goal_predicates() -> frozenset[str]:
    return frozenset(load_yaml("terms.yaml")["goal_predicates"])


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph; bullets and enumerators also end a sentence."""
    lead, items = split_list(text)
    chunks = ([lead] if lead else []) + items
    return [s.strip() for chunk in chunks for s in _SENTENCE_END.split(chunk) if s.strip()]


def _states_goal(doc: Any) -> bool:
    return any(token.lemma_ in _goal_predicates() for token in doc
               if token.pos_ in {"VERB", "NOUN", "AUX"})


def goal_sentences(text: str) -> list[str]:
    """Sentences (normalized) that set a goal with a number or a placeholder.

    A sentence qualifies when it holds a quantity (`numbers.parse_quantity`: ``100%``,
    ``1名以上``, ``計○名程度``) and a goal predicate among its GiNZA lemmas (達成, 育成,
    確保, 配置, 到達, 目指す … in ``data/terms.yaml``). Sentences without a quantity are
    not parsed at all.
    """
    candidates = [normalize_name(s) for s in _sentences(text)]
    candidates = [s for s in candidates if _QUANTITY_HINT.search(s) and parse_quantity(s)]
    if not candidates:
        return []
    docs = ginza().pipe(candidates)
    return [s for s, doc in zip(candidates, docs, strict=True) if _states_goal(doc)]
