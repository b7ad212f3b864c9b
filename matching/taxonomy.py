"""Reading a free-text description with the taxonomy: which themes it is about (and the words that
said so), and which centres or centre families it names.

Themes are found by phrase-matching every theme's labels and synonyms over the analysed text, so
inflections, compounds ("fosterhjemsveiledning" contains "fosterhjem"), nynorsk and abbreviations
all count, and short words only match as whole words ("rus" never inside "trusler"). A word that is
a synonym of many themes says less about each of them than one that belongs to a single theme.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from search.analysis import Analyzer, fold

from .types import Span, ThemeHit

# A match through a compound part ("fosterhjem" in "fosterhjemsveiledning") is good evidence,
# but weaker than the word itself.
COMPOUND_FACTOR = 0.7
# Later matches of the same theme add less: three words about foster care are not three themes.
REPEAT_DECAY = 0.6
# Multi-word synonyms ("vold i nære relasjoner") are much more specific than single words.
PHRASE_BONUS = 0.5
MAX_GAP_SLACK = 2
STOPWORD_MARK = "~"
# Naming a method is strong evidence of who can help (domain.md §5, "method register"): a need that
# names PMTO is about PMTO even if it also mentions the school and the health clinic.
METHOD_REGISTER = frozenset(
    {
        "pmto",
        "tibir",
        "mst",
        "fft",
        "tfco",
        "pals",
        "bti",
        "tbo",
        "tbo-f",
        "cos",
        "circle of security",
        "trygghetssirkelen",
        "pyc",
        "duå",
        "de utrolige årene",
        "icdp",
        "marte meo",
        "dcm",
        "adad",
        "kor",
        "fit",
        "familieråd",
        "grow",
        "hkh",
        "hurtig kartlegging og handling",
        "ungdata",
        "motiverende intervju",
        "mi",
    }
)
METHOD_BONUS = 1.6


@dataclass(frozen=True)
class Pattern:
    theme: str
    keys: tuple[frozenset[str], ...]  # acceptable terms per pattern word
    gaps: tuple[int, ...]  # position distance from the previous pattern word
    weight: float
    phrase: str


@dataclass
class _Position:
    primary: set[str]
    compound: set[str]
    start: int
    end: int


@dataclass(frozen=True)
class _Match:
    theme: str
    positions: frozenset[int]
    contribution: float
    start: int
    end: int


@dataclass(frozen=True)
class PhraseHit:
    code: str
    score: float
    spans: list[Span]


class PhraseLexicon:
    """Compiled label and synonym patterns of a vocabulary (themes, formats, forms of help …)."""

    def __init__(self, analyzer: Analyzer, entries: Iterable[Mapping[str, Any]]):
        self.analyzer = analyzer
        self.entries = {e["code"]: e for e in entries}
        raw: list[tuple[str, str, tuple[frozenset[str], ...], tuple[int, ...]]] = []
        for code, theme in self.entries.items():
            phrases = {theme.get("label", ""), theme.get("label_nn", ""), *(theme.get("synonyms") or [])}
            for phrase in sorted(p for p in phrases if p and p.strip()):
                compiled = self._compile(phrase)
                if compiled is not None:
                    raw.append((code, phrase, *compiled))
        # How many themes each single key belongs to: the rarer, the more telling.
        themes_per_key: dict[frozenset[str], set[str]] = defaultdict(set)
        for code, _, keys, _ in raw:
            for key in keys:
                themes_per_key[key].add(code)
        self.patterns: list[Pattern] = []
        for code, phrase, keys, gaps in raw:
            spread = min(len(themes_per_key[k]) for k in keys)
            weight = (1.0 + PHRASE_BONUS * (len(keys) - 1)) / (1.0 + math.log(spread))
            if phrase.lower() in METHOD_REGISTER:
                weight *= METHOD_BONUS
            self.patterns.append(Pattern(code, keys, gaps, weight, phrase))
        self._by_first_key: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            for value in pattern.keys[0]:
                self._by_first_key[value].append(pattern)

    def _compile(self, phrase: str) -> tuple[tuple[frozenset[str], ...], tuple[int, ...]] | None:
        terms_by_position: dict[int, set[str]] = defaultdict(set)
        for term in self.analyzer.terms(phrase):
            if term.value.startswith("abbr_"):
                terms_by_position[term.position].add(term.value)
        keys, positions = [], []
        tokens = self.analyzer.tokenize(phrase)
        for token in tokens:
            abbreviations = terms_by_position.get(token.position, set())
            abbreviation = self.analyzer.vocabulary.abbreviation(token.text)
            if abbreviation is not None and abbreviations:
                # Case-sensitive abbreviations ("MST", "MI") match only as themselves; the others also
                # as the plain word, e.g. "rus" as the first part of "rusbruk".
                key = set(abbreviations) if abbreviation.case_sensitive else {*abbreviations, token.stem}
            elif token.norm in self._stopwords() and len(tokens) == 1:
                continue  # a lone stopword says nothing
            elif token.norm in self._stopwords():
                # Inside a phrase the small words matter: "over tid" must not shrink to "tid". They
                # are marked so that no folded stem can pass for them ("føre" folds to "fore").
                key = {STOPWORD_MARK + token.norm}
            elif token.stem:
                key = {token.stem, fold(token.stem)}
            else:
                continue
            keys.append(frozenset(key))
            positions.append(token.position)
        if not keys:
            return None
        gaps = tuple(b - a for a, b in zip(positions, positions[1:], strict=False))
        return tuple(keys), gaps

    def _stopwords(self) -> frozenset[str]:
        from search.analysis.stemming import STOPWORDS

        return STOPWORDS

    def _positions(self, text: str) -> dict[int, _Position]:
        positions: dict[int, _Position] = {}
        tokens = {t.position: t for t in self.analyzer.tokenize(text)}
        for position, token in tokens.items():
            if token.norm in self._stopwords():
                # Stopwords carry no index terms, but phrases ("over tid") still need to see them.
                positions[position] = _Position({STOPWORD_MARK + token.norm}, set(), token.start, token.end)
        for term in self.analyzer.terms(text):
            token = tokens.get(term.position)
            slot = positions.get(term.position)
            if slot is None:
                slot = positions[term.position] = _Position(set(), set(), term.start, term.end)
                if token is not None and token.stem:
                    slot.primary.update({token.stem, fold(token.stem)})
            (slot.compound if term.origin == "compound" else slot.primary).add(term.value)
        return positions

    def _quality(self, slot: _Position, key: frozenset[str]) -> float:
        if key & slot.primary:
            return 1.0
        if key & slot.compound:
            return COMPOUND_FACTOR
        return 0.0

    def _match_at(self, pattern: Pattern, start: int, positions: dict[int, _Position]) -> _Match | None:
        quality = self._quality(positions[start], pattern.keys[0])
        if not quality:
            return None
        matched, current = [start], start
        for key, gap in zip(pattern.keys[1:], pattern.gaps, strict=True):
            found = None
            for candidate in range(current + max(1, gap), current + gap + MAX_GAP_SLACK + 1):
                slot = positions.get(candidate)
                if slot is not None and (q := self._quality(slot, key)):
                    found, quality = candidate, quality * q
                    break
            if found is None:
                return None
            matched.append(found)
            current = found
        return _Match(
            pattern.theme,
            frozenset(matched),
            pattern.weight * quality,
            positions[matched[0]].start,
            positions[matched[-1]].end,
        )

    def detect(self, text: str) -> list[PhraseHit]:
        """Entries found in ``text``, strongest first, with the spans that matched."""
        positions = self._positions(text)
        matches: list[_Match] = []
        for index, slot in positions.items():
            seen: set[int] = set()
            for value in slot.primary | slot.compound:
                for pattern in self._by_first_key.get(value, ()):
                    if id(pattern) in seen:
                        continue
                    seen.add(id(pattern))
                    match = self._match_at(pattern, index, positions)
                    if match is not None:
                        matches.append(match)
        by_theme: dict[str, list[_Match]] = defaultdict(list)
        for match in sorted(matches, key=lambda m: -m.contribution):
            accepted = by_theme[match.theme]
            covered = set().union(*(m.positions for m in accepted)) if accepted else set()
            if not match.positions <= covered:
                accepted.append(match)
        hits = []
        for code, accepted in by_theme.items():
            score = sum(m.contribution * REPEAT_DECAY**i for i, m in enumerate(accepted))
            spans = [
                Span(m.start, m.end, text[m.start : m.end]) for m in sorted(accepted, key=lambda m: m.start)
            ]
            hits.append(PhraseHit(code, round(score, 4), spans))
        return sorted(hits, key=lambda h: (-h.score, h.code))


def theme_hits(lexicon: PhraseLexicon, text: str) -> list[ThemeHit]:
    """Themes found in ``text`` (a lexicon built from the taxonomy's themes)."""
    hits = []
    for hit in lexicon.detect(text):
        theme = lexicon.entries[hit.code]
        hits.append(
            ThemeHit(hit.code, theme.get("label", hit.code), hit.score, hit.spans, bool(theme.get("no_fit")))
        )
    return hits


FAMILY_ABBREVIATIONS = {
    "abbr_rkbu": "rkbu-rbup",
    "abbr_rbup": "rkbu-rbup",
    "abbr_rvts": "rvts",
    "abbr_korus": "korus",
    "abbr_nubu": "nubu",
}
REGION_WORDS = {
    "nord": "nord",
    "midt": "midt",
    "midtnorg": "midt",
    "vest": "vest",
    "sør": "sor",
    "sor": "sor",
    "øst": "ost",
    "ost": "ost",
    "bergen": "vest-bergen",
    "stavang": "vest-stavanger",
    "stavanger": "vest-stavanger",
    "oslo": "oslo",
}


def named_providers(analyzer: Analyzer, text: str, provider_slugs: Iterable[str]) -> tuple[dict, dict]:
    """Centres (e.g. "RVTS Vest", "RBUP") and families ("RVTS", "KoRus") the text names."""
    slugs = set(provider_slugs)
    tokens = analyzer.tokenize(text)
    abbreviations: dict[int, str] = {}
    for term in analyzer.terms(text):
        if term.value in FAMILY_ABBREVIATIONS:
            abbreviations[term.position] = term.value
    providers: dict[str, list[Span]] = defaultdict(list)
    families: dict[str, list[Span]] = defaultdict(list)
    by_position = {t.position: t for t in tokens}
    for position, abbreviation in abbreviations.items():
        token = by_position[position]
        family = FAMILY_ABBREVIATIONS[abbreviation]
        span = Span(token.start, token.end, token.text)
        families[family].append(span)
        prefix = {
            "abbr_rkbu": "rkbu",
            "abbr_rbup": "rbup",
            "abbr_rvts": "rvts",
            "abbr_korus": "korus",
            "abbr_nubu": "nubu",
        }[abbreviation]
        region = None
        for following in (position + 1, position + 2):
            word = by_position.get(following)
            if word is not None and word.stem in REGION_WORDS:
                region = REGION_WORDS[word.stem]
                span = Span(token.start, word.end, text[token.start : word.end])
                break
        candidates = [s for s in slugs if s.startswith(prefix)]
        if region is not None:
            candidates = [
                s for s in candidates if s == f"{prefix}-{region}" or s.startswith(f"{prefix}-{region}")
            ]
        if len(candidates) == 1:
            providers[candidates[0]].append(span)
    return dict(providers), dict(families)
