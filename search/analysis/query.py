"""Query analysis: each user word becomes a clause of weighted alternative index terms.

Search expands queries, never the index, with: misspelling → canonical word, abbreviation ↔
expansion, nynorsk → bokmål and (optionally) fuzzy neighbours of long unknown words. It does *not*
expand a word to every synonym of its theme: that is the semantic matcher's job, and doing it here
would make "kurs" find every course-like offering regardless of topic.

Weights say how much a match on an alternative is worth relative to the exact stem (1.0). FTS5 cannot
weight OR-ed terms, so :meth:`AnalyzedQuery.fts5_match` only selects candidates; a backend can rescore
with :meth:`AnalyzedQuery.all_terms`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .fuzzy import damerau_levenshtein
from .stemming import STOPWORDS, stem

if TYPE_CHECKING:
    from .analyzer import Analyzer
    from .tokens import Token
    from .vocabulary import Abbreviation

ORIGIN_WEIGHTS: dict[str, float] = {
    "stem": 1.0,
    "nn": 0.9,
    "folded": 0.8,
    "abbrev": 0.7,
    "compound": 0.5,
    "synonym": 0.9,
    "fuzzy": 0.6,
}
ABBREVIATION_TERM_WEIGHT = 1.0  # "abbr_tbo" for the query "TBO" is as exact as a stem
TYPO_FACTOR = 0.9  # alternatives from a known misspelling's canonical word
FUZZY_MIN_LETTERS = 6

ExpansionIndex = dict[str, list[tuple[tuple[str, ...], str]]]


@dataclass(frozen=True)
class QueryClause:
    """One user word (or hyphenated word); a document matches it if it has ANY alternative.

    :param alternatives: index term → weight (1.0 exact stem; lower for compound parts, folded
        forms, nynorsk, abbreviation expansions, typo corrections and fuzzy neighbours).
    """

    source: str
    start: int
    end: int
    alternatives: dict[str, float]


@dataclass(frozen=True)
class AnalyzedQuery:
    clauses: list[QueryClause]

    def all_terms(self) -> dict[str, float]:
        """Every alternative of every clause, with its highest weight."""
        terms: dict[str, float] = {}
        for clause in self.clauses:
            for term, weight in clause.alternatives.items():
                terms[term] = max(weight, terms.get(term, 0.0))
        return terms

    def fts5_match(self) -> str:
        """An FTS5 MATCH expression: every term double-quoted (quotes doubled), joined with OR.

        Quoting makes each term a string literal, so user input can never inject FTS5 syntax
        (NEAR, column filters, ``*``, ``-``). Returns ``""`` for a query without terms; FTS5 rejects
        an empty MATCH, so callers must skip the search then.
        """
        ordered = sorted(self.all_terms().items(), key=lambda item: (-item[1], item[0]))
        return " OR ".join('"' + term.replace('"', '""') + '"' for term, _ in ordered)


def _weigh(pairs: Iterable[tuple[str, str]], factor: float = 1.0) -> dict[str, float]:
    weights: dict[str, float] = {}
    for value, origin in pairs:
        base = ABBREVIATION_TERM_WEIGHT if value.startswith("abbr_") else ORIGIN_WEIGHTS[origin]
        weights[value] = max(base * factor, weights.get(value, 0.0))
    return weights


def _merge(into: dict[str, float], extra: dict[str, float]) -> None:
    for term, weight in extra.items():
        into[term] = max(weight, into.get(term, 0.0))


def _content(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    return [(i, t.stem) for i, t in enumerate(tokens) if t.norm.lower() not in STOPWORDS]


def expansion_index(analyzer: Analyzer, abbreviations: Iterable[Abbreviation]) -> ExpansionIndex:
    """First content stem → [(content stems of an expansion phrase, abbreviation term)]."""
    index: ExpansionIndex = {}
    for abbreviation in abbreviations:
        for phrase in abbreviation.expansions:
            stems = tuple(s for _, s in _content(analyzer.tokenize(phrase)))
            if stems:
                index.setdefault(stems[0], []).append((stems, abbreviation.term))
    return index


def _add_expansion_abbreviations(
    analyzer: Analyzer, tokens: list[Token], clauses: dict[int, dict[str, float]]
) -> None:
    """An expansion written out ("traumebevisst omsorg") also asks for documents writing "TBO"."""
    content = _content(tokens)
    stems = [s for _, s in content]
    for j, (_, first) in enumerate(content):
        for key, term in analyzer.expansions.get(first, ()):
            if tuple(stems[j : j + len(key)]) == key:
                for i, _ in content[j : j + len(key)]:
                    _merge(clauses.setdefault(i, {}), {term: ORIGIN_WEIGHTS["abbrev"]})


def _fuzzy(
    word: str,
    alternatives: dict[str, float],
    lexicon: Callable[[str], bool],
    candidates: Callable[[str], Iterable[str]],
) -> dict[str, float]:
    """Index terms near the stem of a long word when nothing exact is in the index.

    One edit for 6–8 letters, two for 9 or more: short words have too many near neighbours.
    """
    if len(word) < FUZZY_MIN_LETTERS or not word.isalpha():
        return {}
    if any(lexicon(term) for term, weight in alternatives.items() if weight >= ORIGIN_WEIGHTS["nn"]):
        return {}
    target = stem(word)
    limit = 1 if len(word) <= 8 else 2
    near = (c for c in candidates(target) if c != target and damerau_levenshtein(target, c, limit) <= limit)
    return dict.fromkeys(near, ORIGIN_WEIGHTS["fuzzy"])


def _alternatives(
    analyzer: Analyzer,
    tokens: list[Token],
    index: int,
    lexicon: Callable[[str], bool] | None,
    fuzzy_candidates: Callable[[str], Iterable[str]] | None,
) -> dict[str, float]:
    """Weighted alternatives of one query token: its own terms, a typo correction, fuzzy neighbours."""
    token = tokens[index]
    alternatives = _weigh(analyzer.token_pairs(token, tokens, index, for_query=True))
    if not alternatives or analyzer.vocabulary.abbreviation(token.text) is not None:
        return alternatives
    correction = analyzer.typo_correction(token.norm) if token.norm.isalpha() else None
    if correction is not None:
        _merge(alternatives, _weigh(analyzer.word_pairs(correction), TYPO_FACTOR))
    if lexicon is not None and fuzzy_candidates is not None:
        _merge(alternatives, _fuzzy(token.norm, alternatives, lexicon, fuzzy_candidates))
    return alternatives


def build_query(
    analyzer: Analyzer,
    text: str,
    *,
    lexicon: Callable[[str], bool] | None,
    fuzzy_candidates: Callable[[str], Iterable[str]] | None,
) -> AnalyzedQuery:
    """One clause per token that has terms (stopwords have none), in text order."""
    tokens = analyzer.tokenize(text)
    clauses: dict[int, dict[str, float]] = {}
    for i in range(len(tokens)):
        alternatives = _alternatives(analyzer, tokens, i, lexicon, fuzzy_candidates)
        if alternatives:
            clauses[i] = alternatives
    _add_expansion_abbreviations(analyzer, tokens, clauses)
    return AnalyzedQuery(
        [
            QueryClause(tokens[i].text, tokens[i].start, tokens[i].end, alts)
            for i, alts in sorted(clauses.items())
        ]
    )
