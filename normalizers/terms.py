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
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sudachipy

from jinzai.normalizers.cache import cache_dir
from jinzai.normalizers._data import load_yaml
from jinzai.normalizers.numbers import parse_quantity
from jinzai.normalizers.roles import canonical_role
from jinzai.normalizers.text import fold_width, normalize_name, normalize_text, split_list

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "build_user_dictionary",
    "find_organizations",
    "is_organization_name",
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
    return build_user_dictionary(cache_dir())


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


@dataclass(frozen=True, slots=True)
class _OrganizationVocabulary:
    labels: frozenset[str]
    names: tuple[str, ...]  # longest first
    suffix_pattern: re.Pattern[str]
    stopwords: frozenset[str]


@cache
def _organization_vocabulary() -> _OrganizationVocabulary:
    data = load_yaml("terms.yaml")
    suffixes = "|".join(re.escape(s) for s in sorted(data["organization_suffixes"], key=len, reverse=True))
    # A name run: kanji, katakana (with ー), Latin letters, digits and hyphens before the suffix;
    # ・ ends it, as it separates list items ("外部研修・・・大分県…センター").
    suffix_pattern = re.compile(
        rf"[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z0-9\-]+?(?:{suffixes})(?![\u4e00-\u9fff])"
    )
    return _OrganizationVocabulary(
        labels=frozenset(data["organization_labels"]),
        names=tuple(sorted((normalize_text(n) for n in data["organizations"]), key=len, reverse=True)),
        suffix_pattern=suffix_pattern,
        stopwords=frozenset(normalize_text(w) for w in data["organization_stopwords"]),
    )


Span = tuple[int, int, str]


def _listed_spans(text: str) -> list[Span]:
    """Occurrences of the domain list of organizations."""
    spans: list[Span] = []
    for name in _organization_vocabulary().names:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name), name))
            start = text.find(name, start + 1)
    return spans


def _suffix_spans(text: str) -> list[Span]:
    """Names ending in an organization word (…機構, …センター)."""
    return [(m.start(), m.end(), m.group()) for m in _organization_vocabulary().suffix_pattern.finditer(text)]


# GiNZA sometimes takes brackets, a section number or 等 into an entity: "J-LIS)等", "3全庁".
_ENTITY_EDGES = re.compile(r"^[\s\d(\[「『【#]+|[\s)\]」』】、。,.]*(?:等|など)?[\s)\]」』】、。,.]*$")
# Lines worth GiNZA's NER (the slow part): ones naming a place, body or acronym.
_ENTITY_HINT = re.compile(r"[都道府県市町村区省庁]|[A-Z]{2,}|会社|法人|財団|大学|機構|センター")
_NER_PIPES = ("tok2vec", "ner")
_MIN_ENTITY = 2
_MIN_LATIN_ENTITY = 3  # "JT" of Off-JT is no organization
_ASCII_NAME = re.compile(r"^[A-Za-z0-9\-]+$")


@cache
def _domain_nouns() -> frozenset[str]:
    """Terms of the user dictionary that are common nouns (EBPM, RPA): no organizations."""
    return frozenset(normalize_text(t["surface"]) for t in load_yaml("terms.yaml")["user_dictionary"]
                     if t.get("kind", "noun") == "noun")


def _may_be_organization(name: str) -> bool:
    """Filters GiNZA's organization entities: too short, a stopword, a role or a term."""
    if len(name) < (_MIN_LATIN_ENTITY if _ASCII_NAME.match(name) else _MIN_ENTITY):
        return False
    if name in _organization_vocabulary().stopwords or name in _domain_nouns():
        return False
    return not canonical_role(name)[1]


def _entity_names(text: str) -> list[str]:
    """Organization entities found by GiNZA, line by line (a page joined into one string
    would glue table cells into one "name")."""
    labels = _organization_vocabulary().labels
    lines = [normalize_text(line) for line in fold_width(text).split("\n")]
    lines = [line for line in lines if _ENTITY_HINT.search(line)]
    nlp = ginza()
    names: list[str] = []
    with nlp.select_pipes(enable=[p for p in _NER_PIPES if p in nlp.pipe_names]):
        for doc in nlp.pipe(lines):
            for entity in doc.ents:
                if entity.label_ not in labels:
                    continue
                name = _ENTITY_EDGES.sub("", normalize_name(entity.text))
                if _may_be_organization(name):
                    names.append(name)
    return names


def _overlaps(span: Span, chosen: list[Span]) -> bool:
    return any(span[0] < c[1] and c[0] < span[1] for c in chosen)


def _add_longest_first(spans: Iterable[Span], chosen: list[Span]) -> None:
    """Add spans that overlap nothing chosen; among overlapping ones the longest wins
    (大分県自治人材育成センター over 大分県)."""
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not _overlaps(span, chosen):
            chosen.append(span)


def find_organizations(text: str) -> list[str]:
    """Organization names in a cell or sentence, in order of appearance, each once.

    The domain list of organizations wins, then names ending in an organization word
    (…機構, …センター), then GiNZA's entities where they overlap neither (鹿児島県).
    Meant for cells and prose sentences: a whole table page gives GiNZA little context.
    """
    normalized = normalize_text(text)
    if not normalized:
        return []
    chosen: list[Span] = []
    _add_longest_first(_listed_spans(normalized), chosen)
    _add_longest_first(_suffix_spans(normalized), chosen)
    entity_spans = []
    for name in _entity_names(text):
        start = normalized.find(name)
        if start >= 0:
            entity_spans.append((start, start + len(name), name))
    _add_longest_first(entity_spans, chosen)
    return list(dict.fromkeys(name for _, _, name in sorted(chosen)))


_CORPORATE_FORM = re.compile(r"^(?:株式会社|有限会社|合同会社|一般社団法人|公益財団法人|\(株\)).+|.+(?:株式会社|\(株\)|法人)$")


def is_organization_name(text: str) -> bool:
    """Whether a table cell prints one organisation's name and nothing else: a name of the
    domain list (J-LIS), one ending in an organisation word (…機構), a local body (富山県,
    砺波市) or a company (株式会社…). Without GiNZA: a cell gives its NER no context, and
    loading it costs seconds and ~250 MB for a test the lists answer."""
    from jinzai.normalizers.municipalities import is_body_name  # the body list loads on first use

    name = normalize_text(text)
    if not name:
        return False
    whole = (0, len(name), name)
    return whole in _listed_spans(name) or whole in _suffix_spans(name) or is_body_name(name) \
        or bool(_CORPORATE_FORM.match(name))


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


def _names_goal_predicate(sentence: str) -> bool:
    """Cheap lexical test with Sudachi (already loaded): a goal predicate is present."""
    return any(m.dictionary_form() in _goal_predicates() for m in sudachi_tokenizer().tokenize(sentence))


_PLACEHOLDER_TOKENS = frozenset("○〇◯●□×")


def _states_goal(doc: Doc) -> bool:
    """A number or placeholder depends (through the parse) on a goal predicate:
    ``受講率100%を達成する`` yes; ``育成を図る100人の市`` no (100 hangs on 市)."""
    predicates = _goal_predicates()
    return any(
        any(a.lemma_ in predicates for a in token.ancestors)
        for token in doc
        if token.like_num or token.text in _PLACEHOLDER_TOKENS
    )


def goal_sentences(text: str) -> list[str]:
    """Sentences (normalized) that set a goal with a number or a placeholder.

    A sentence qualifies when it holds a quantity (`numbers.parse_quantity`: ``100%``,
    ``1名以上``, ``計○名程度``) whose number or placeholder depends, in GiNZA's parse, on a
    goal predicate (達成, 育成, 確保, 配置, 到達, 目指す … in ``data/terms.yaml``). Only
    sentences with a quantity and such a word (checked with Sudachi first) are parsed.
    """
    candidates = [normalize_name(s) for s in _sentences(text)]
    candidates = [s for s in candidates
                  if _QUANTITY_HINT.search(s) and parse_quantity(s) and _names_goal_predicate(s)]
    if not candidates:
        return []
    docs = ginza().pipe(candidates)
    return [s for s, doc in zip(candidates, docs, strict=True) if _states_goal(doc)]
