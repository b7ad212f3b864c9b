"""The controlled vocabulary every analyser and backend shares, built once from the taxonomy.

``Vocabulary.from_taxonomy`` takes the parsed ``katalog/data/taxonomy.yaml`` (or the same dict shape
loaded from the database) and precomputes every lookup table the analyser needs: abbreviations by
case rule, the compound lexicon, the nynorsk → bokmål normaliser and the misspelling map. Building is
the only slow step (tens of milliseconds); analysers then only do dict lookups.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from os import PathLike
from typing import Any

import yaml

from . import nn_bokmal, rules
from .compounds import BokmalNormaliser, CompoundSplitter
from .lexicon import BUILTIN_WORDS
from .stemming import STOPWORDS, stem
from .tokens import HYPHEN_RE, fold, normalise_case, raw_tokens
from .typos import find_typos

FACETS = ("forms_of_help", "target_groups", "levels", "formats", "access_modes")
_TERM_UNSAFE = re.compile(r"[^0-9a-zæøå]+")
_PAREN = re.compile(r"\(([^()]*)\)")
_DASH = re.compile(r"\s[–—-]\s")


@dataclass(frozen=True)
class Abbreviation:
    """One taxonomy abbreviation.

    :param abbr: canonical spelling ("MST", "TBO-F", "Bufdir").
    :param term: the index term for the abbreviation itself: ``"abbr_"`` + lower-case letters and
        digits, other characters as ``_`` ("abbr_mst", "abbr_tbo_f"). The prefix keeps "MI" apart from
        the nynorsk word "mi"; ``_`` is a token character in ES's standard tokenizer and should be
        declared with ``tokenchars '_'`` in the FTS5 table (without it the term is still matched, as
        an adjacent-token phrase).
    :param expansions: cleaned expansion phrases; "rusmidler, rusbruk" gives two.
    :param is_word: lower-case entries such as "rus" and "vold" are ordinary words the taxonomy
        wants matched as whole words and as compound heads.
    """

    abbr: str
    term: str
    expansions: tuple[str, ...]
    case_sensitive: bool
    is_word: bool


@dataclass(frozen=True)
class SynonymGroup:
    """Synonyms of one theme or facet value (lower-cased), e.g. ``("themes", "T18", (...))``."""

    kind: str
    code: str
    synonyms: tuple[str, ...]


def abbreviation_term(abbr: str) -> str:
    return "abbr_" + _TERM_UNSAFE.sub("_", normalise_case(abbr)).strip("_")


def expansion_phrases(expansion: str) -> tuple[str, ...]:
    """Split an expansion into phrases: parentheses are alternatives, and so are comma-separated
    items unless the text is one enumeration ("helse, miljø og sikkerhet")."""
    inner = _PAREN.findall(expansion)
    main = _DASH.sub(" ", _PAREN.sub(" ", expansion))
    items = main.split(",") if " og " not in main else [main.replace(",", " ")]
    phrases = (" ".join(p.split()) for p in (*items, *inner))
    return tuple(dict.fromkeys(p for p in phrases if p))


def _words(text: str) -> Iterator[str]:
    """Lower-cased words of a taxonomy string; hyphenated tokens give their parts and joined form."""
    for token, _, _ in raw_tokens(text):
        parts = [p for p in HYPHEN_RE.split(normalise_case(token)) if p]
        yield from parts
        if len(parts) > 1:
            yield "".join(parts)


def _label_pairs(themes: list[Mapping[str, Any]]) -> dict[str, str]:
    """nynorsk → bokmål word pairs from aligned ``label_nn``/``label`` ("Leiing og leiarstøtte")."""
    pairs: dict[str, str] = {}
    for theme in themes:
        nn, nb = list(_words(theme.get("label_nn") or "")), list(_words(theme.get("label") or ""))
        if len(nn) == len(nb):
            # Same-stem pairs ("traume"/"traumer") are inflections, not written-standard variants.
            pairs.update((a, b) for a, b in zip(nn, nb, strict=True) if a.isalpha() and stem(a) != stem(b))
    return pairs


class Vocabulary:
    """Lookup tables shared by ``Analyzer`` instances; build with :meth:`from_taxonomy`."""

    def __init__(
        self,
        *,
        abbreviations: list[Abbreviation],
        groups: list[SynonymGroup],
        word_counts: Counter[str],
        nn_words: dict[str, str],
    ) -> None:
        self.abbreviations = tuple(abbreviations)
        self.groups = tuple(groups)
        self.word_counts = word_counts
        self._case_sensitive = {a.abbr: a for a in abbreviations if a.case_sensitive}
        self._case_insensitive = {normalise_case(a.abbr): a for a in abbreviations if not a.case_sensitive}
        self.short_heads = frozenset(a.abbr for a in abbreviations if a.is_word)
        self.lexicon = self._build_lexicon()
        self.splitter = CompoundSplitter(self.lexicon, stem=stem, short_heads=self.short_heads)
        self.nn_words = {**nn_words, **nn_bokmal.NN_TO_NB}  # the curated map wins over label alignment
        self.normaliser = BokmalNormaliser(self.nn_words, nn_bokmal.morphemes(), self.lexicon, stem=stem)
        self.typos = find_typos(
            (g.synonyms for g in groups),
            counts=word_counts,
            stem=stem,
            same_word=self._variants,
            is_compound=self.splitter.is_word_compound,
        )

    @classmethod
    def from_taxonomy(cls, data: Mapping[str, Any]) -> Vocabulary:
        """Build from the parsed taxonomy (``themes``, ``abbreviations`` and the facet lists)."""
        themes = list(data.get("themes") or [])
        groups = [
            SynonymGroup(
                kind,
                str(item.get("code", "")),
                tuple(normalise_case(str(s)) for s in item.get("synonyms") or []),
            )
            for kind in ("themes", *FACETS)
            for item in data.get(kind) or []
        ]
        abbreviations = [
            Abbreviation(
                abbr=str(a["abbr"]),
                term=abbreviation_term(str(a["abbr"])),
                expansions=expansion_phrases(str(a.get("expansion") or "")),
                case_sensitive=bool(a.get("case_sensitive")),
                is_word=str(a["abbr"]).islower(),
            )
            for a in data.get("abbreviations") or []
        ]
        return cls(
            abbreviations=abbreviations,
            groups=groups,
            word_counts=Counter(_words(" \n".join(_taxonomy_strings(data)))),
            nn_words=_label_pairs(themes),
        )

    @classmethod
    def from_yaml(cls, path: str | PathLike[str]) -> Vocabulary:
        with open(path, encoding="utf-8") as fh:
            return cls.from_taxonomy(yaml.safe_load(fh))

    def abbreviation(self, text: str) -> Abbreviation | None:
        """The abbreviation written as ``text`` (a whole token), honouring its case rule."""
        text = HYPHEN_RE.sub("-", text)
        return self._case_sensitive.get(text) or self._case_insensitive.get(normalise_case(text))

    def to_bokmal(self, word: str) -> str:
        """Bokmål form of a lower-cased word (the word itself if it is not nynorsk)."""
        return self.normaliser.to_bokmal(word)

    def synonym_rules(self) -> list[str]:
        """Solr-format rules for an Elasticsearch ``synonym_graph`` filter; see ``rules.py``."""
        return rules.synonym_rules(self)

    def case_sensitive_abbreviations(self) -> list[Abbreviation]:
        """Abbreviations that must not go through a lower-casing synonym filter; see ``rules.py``."""
        return [a for a in self.abbreviations if a.case_sensitive]

    def case_sensitive_char_filter(self) -> dict[str, str]:
        return rules.case_sensitive_char_filter(self)

    def case_sensitive_synonym_rules(self) -> list[str]:
        return rules.case_sensitive_synonym_rules(self)

    def _build_lexicon(self) -> frozenset[str]:
        """Known words for compound splitting: the built-in list plus taxonomy words of 4+ letters."""
        not_words = {normalise_case(a.abbr) for a in self.abbreviations if not a.is_word}
        taxonomy = (w for w in self.word_counts if len(w) >= 4 and w.isalpha())
        words = {*BUILTIN_WORDS.split(), *taxonomy, *self.short_heads}
        # "barneverns" (from "barneverns- og helsenemnda") is a linking form, not a word: as a head it
        # would hide the linking "s" that tells "barnevernsvakt" and "barnevernvakt" are one word.
        linking = {w for w in words if w.endswith("s") and w[:-1] in words}
        return frozenset(w for w in words - linking if w not in STOPWORDS and w not in not_words)

    def _variants(self, a: str, b: str) -> bool:
        """True for spellings that are not typos of each other: written standard, folding, a linking
        "s" ("barnevernsleder"/"barnevernleder"), or abbreviations ("PSA"/"SSA")."""
        if self.abbreviation(a.upper()) or self.abbreviation(b.upper()):
            return True
        na, nb = self.to_bokmal(a), self.to_bokmal(b)
        nynorsk = (na, nb) != (a, b)
        if na == b or nb == a or (nynorsk and stem(na) == stem(nb)) or fold(a) == fold(b):
            return True
        return self._unlinked(a) == stem(b) or self._unlinked(b) == stem(a)

    def _unlinked(self, word: str) -> str | None:
        """Stem of ``word`` with its compound's linking letters removed, if it splits."""
        split = self.splitter.split(word)
        return stem("".join(split.parts)) if split is not None and any(split.links) else None


def _taxonomy_strings(data: Mapping[str, Any]) -> Iterator[str]:
    for kind in ("themes", *FACETS):
        for item in data.get(kind) or []:
            for key in ("label", "label_nn", "description"):
                if item.get(key):
                    yield str(item[key])
            yield from (str(s) for s in item.get("synonyms") or [])
    for abbr in data.get("abbreviations") or []:
        yield str(abbr.get("expansion") or "")
