"""The analyser: text → tokens → index terms, and queries → weighted alternatives.

One analysed stream (:meth:`Analyzer.terms`) serves three consumers: the embedded FTS5 index (the term
values, with repetitions for BM25 term frequency), the semantic matcher (phrase matching on term
positions) and highlighting (term spans). For each token it emits, with the token's position and span:

========== ===================================================================================
origin     what
========== ===================================================================================
stem       the token's own stem ("barnevernet" → "barnevern")
nn         the stem of its bokmål form if the token is nynorsk ("rettleiing" → "veiledning")
compound   stems of its known compound parts ("foreldreveiledning" → "foreldr", "veiledning"),
           of hyphen parts ("ROS-analyse"), and of a completed prefix ("sped-" → "spedbarn")
folded     ASCII-folded stems of the above when they differ ("støtte" → "stott")
abbrev     the abbreviation term ("abbr_tbo") and the analysed terms of its expansion
========== ===================================================================================

Stopwords give no terms but keep their position, so phrase gaps survive. Query-only origins
(``synonym``, ``fuzzy``) are added by :mod:`.query`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import query as query_module
from .query import AnalyzedQuery
from .stemming import STOPWORDS, stem
from .tokens import HYPHEN_RE, Token, fold, normalise_case, raw_tokens
from .vocabulary import Abbreviation, Vocabulary

Pairs = tuple[tuple[str, str], ...]  # (term value, origin)
_CONJUNCTIONS = frozenset({"og", "eller", "samt"})  # "sped- og småbarn", "barne- eller ungdoms…"
_PREFIX_LOOKAHEAD = 4
# English function words in expansions such as "Circle of Security"; Norwegian ones are STOPWORDS.
_EXPANSION_STOPWORDS = frozenset({"of", "the", "and", "in", "for", "to", "a"})


@dataclass(frozen=True)
class Term:
    """An analysed term occurrence: what is indexed and what phrase matching compares.

    :param value: the index term ("veiledning", "foreldr", "abbr_tbo", "stott").
    :param position: the token position; every term of a token (compound parts, expansions, folded
        forms) shares it, like stacked synonyms in Lucene, so a phrase matcher treats terms at one
        position as alternatives.
    :param start: span start of the whole token in the original text.
    :param end: span end of the whole token.
    :param origin: "stem" | "compound" | "folded" | "abbrev" | "nn" | "synonym" | "fuzzy".
    """

    value: str
    position: int
    start: int
    end: int
    origin: str


def _relabel(pairs: Iterable[tuple[str, str]], origin: str) -> Pairs:
    """Give every non-folded pair the origin ``origin`` (folded stays folded: its weight is lower)."""
    return tuple((v, o if o == "folded" else origin) for v, o in pairs)


def _dedupe(pairs: Iterable[tuple[str, str]]) -> Pairs:
    """Drop repeated values; the first (most specific) origin wins."""
    seen: dict[str, str] = {}
    for value, origin in pairs:
        seen.setdefault(value, origin)
    return tuple(seen.items())


def _phrase_words(phrase: str) -> Iterable[str]:
    """Lower-cased words of an expansion phrase, hyphen parts separately, English stopwords dropped."""
    for raw, _, _ in raw_tokens(phrase):
        for word in HYPHEN_RE.split(normalise_case(raw)):
            if word and word not in _EXPANSION_STOPWORDS:
                yield word


class Analyzer:
    """Norwegian analyser for one :class:`Vocabulary`; cheap to call, safe to share between threads.

    :param vocabulary: lookup tables built from the taxonomy.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.word_pairs: Callable[[str], Pairs] = lru_cache(maxsize=100_000)(self._word_pairs)
        self._token_fields = lru_cache(maxsize=100_000)(self._fields)
        self._text_pairs = lru_cache(maxsize=100_000)(self._uncached_text_pairs)
        self._abbreviation_pairs = {a.abbr: self._expansion_pairs(a) for a in vocabulary.abbreviations}
        self._typo_stems = {stem(wrong): right for wrong, right in vocabulary.typos.items()}
        # Expansion phrases by first stem, so a query writing "traumebevisst omsorg" also asks for TBO.
        self.expansions = query_module.expansion_index(self, vocabulary.abbreviations)

    # -- tokens ---------------------------------------------------------------------------------

    def tokenize(self, text: str) -> list[Token]:
        """Tokens with exact spans; abbreviations keep their canonical spelling as ``norm``."""
        return [
            Token(raw, start, end, i, *self._token_fields(raw))
            for i, (raw, start, end) in enumerate(raw_tokens(text))
        ]

    def _fields(self, raw: str) -> tuple[str, str]:
        """(norm, stem) of a raw token; cached because the same words recur in every document."""
        is_prefix = HYPHEN_RE.fullmatch(raw[-1]) is not None
        abbreviation = None if is_prefix else self.vocabulary.abbreviation(raw)
        lower = normalise_case(HYPHEN_RE.sub("-", raw)).rstrip("-")
        norm = abbreviation.abbr if abbreviation else lower
        return norm, stem(self.vocabulary.to_bokmal(HYPHEN_RE.sub("", lower)))

    # -- terms ----------------------------------------------------------------------------------

    def terms(self, text: str) -> list[Term]:
        """The full analysed stream, in token order (see the module docstring for the origins)."""
        tokens = self.tokenize(text)
        out: list[Term] = []
        for i, token in enumerate(tokens):
            pairs = self.token_pairs(token, tokens, i, for_query=False)
            out.extend(Term(v, token.position, token.start, token.end, o) for v, o in pairs)
        return out

    def index_terms(self, text: str) -> list[str]:
        """Term values of a document, with repetitions (BM25 needs term frequencies)."""
        return [term.value for term in self.terms(text)]

    def token_pairs(self, token: Token, tokens: list[Token], index: int, *, for_query: bool) -> Pairs:
        """(value, origin) pairs for ``tokens[index]``; the neighbours are needed to complete "sped-".

        :param for_query: a case-sensitive abbreviation in a query ("MI") must not also match the
            plain word ("mi"), while a document writing "MI" may still be found by the query "mi".
        """
        if token.is_prefix:
            completed = self._completed_prefix_pairs(token, tokens, index)
            return _dedupe((*self.word_pairs(token.norm), *completed))
        return self._text_pairs(token.text, for_query)

    def _uncached_text_pairs(self, text: str, for_query: bool) -> Pairs:
        abbreviation = self.vocabulary.abbreviation(text)
        hyphenated = HYPHEN_RE.search(text) is not None
        if abbreviation is not None:
            skip_plain = hyphenated or (for_query and abbreviation.case_sensitive)
            plain = () if skip_plain else self.word_pairs(normalise_case(text))
            return _dedupe((*self._abbreviation_pairs[abbreviation.abbr], *plain))
        if hyphenated:
            return self._hyphenated_pairs(text)
        return self.word_pairs(normalise_case(text))

    def _word_pairs(self, word: str) -> Pairs:
        """Terms of one lower-case, hyphen-free word (cached): stem, nn, compound parts, folded."""
        if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            return ()
        surfaces = [(word, "stem")]
        bokmal = self.vocabulary.to_bokmal(word)
        if bokmal != word:
            surfaces.append((bokmal, "nn"))
        split = self.vocabulary.splitter.split(bokmal)
        if split is not None:
            surfaces.extend((part, "compound") for part in split.parts)
        pairs = [(stem(surface), origin) for surface, origin in surfaces]
        pairs.extend((stem(fold(s)), "folded") for s, _ in surfaces if not s.isascii())
        return _dedupe(pairs)

    def _hyphenated_pairs(self, text: str) -> Pairs:
        """Hyphenated words ("ROS-analyse"): the joined word plus each part (abbreviations per part)."""
        parts = [p for p in HYPHEN_RE.split(text) if p]
        joined = normalise_case("".join(parts))
        pairs: list[tuple[str, str]] = []
        if not any(p.isdigit() for p in parts):
            pairs.extend(self.word_pairs(joined))
        for part in parts:
            abbreviation = self.vocabulary.abbreviation(part)
            if abbreviation is not None:
                pairs.extend(self._abbreviation_pairs[abbreviation.abbr])
            pairs.extend(_relabel(self.word_pairs(normalise_case(part)), "compound"))
        return _dedupe(pairs)

    def _completed_prefix_pairs(self, token: Token, tokens: list[Token], index: int) -> Pairs:
        """Complete a prefix token from the next compound: "sped- og småbarn" → "spedbarn"."""
        for following in tokens[index + 1 : index + 1 + _PREFIX_LOOKAHEAD]:
            if following.is_prefix or following.norm in _CONJUNCTIONS:
                continue
            last = HYPHEN_RE.split(following.norm)[-1]
            tail = self.vocabulary.splitter.tail(self.vocabulary.to_bokmal(last))
            if tail is None:
                return ()
            return _relabel(self.word_pairs(self.vocabulary.to_bokmal(token.norm) + tail), "compound")
        return ()

    def _expansion_pairs(self, abbreviation: Abbreviation) -> Pairs:
        """The abbreviation term plus the analysed words of its expansion, all origin "abbrev".

        Compound parts of expansion words are left out: "rus" expands to "rusmidler, rusbruk", and
        their parts "midl" and "bruk" would make "rus" find every text that says "brukes".
        """
        pairs: list[tuple[str, str]] = [(abbreviation.term, "abbrev")]
        for phrase in abbreviation.expansions:
            for word in _phrase_words(phrase):
                whole = [(value, origin) for value, origin in self.word_pairs(word) if origin != "compound"]
                pairs.extend(_relabel(whole, "abbrev"))
        return _dedupe(pairs)

    # -- queries and highlighting ---------------------------------------------------------------

    def query(
        self,
        text: str,
        *,
        lexicon: Callable[[str], bool] | None = None,
        fuzzy_candidates: Callable[[str], Iterable[str]] | None = None,
    ) -> AnalyzedQuery:
        """Analyse a user query into clauses of weighted alternatives (see :mod:`.query`).

        :param lexicon: ``term in index``; enables fuzzy matching together with ``fuzzy_candidates``.
        :param fuzzy_candidates: index terms near a stem, e.g. ``FuzzyLexicon.candidates``.
        """
        return query_module.build_query(self, text, lexicon=lexicon, fuzzy_candidates=fuzzy_candidates)

    def highlight(self, text: str, query: AnalyzedQuery) -> list[tuple[int, int]]:
        """(start, end) spans of ``text`` whose tokens match any alternative of ``query``.

        Hits separated only by whitespace are merged, so "traumebevisst omsorg" is one highlight
        rather than two; punctuation and non-matching words keep spans apart.
        """
        wanted = query.all_terms()
        spans = sorted({(t.start, t.end) for t in self.terms(text) if t.value in wanted})
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and not text[merged[-1][1] : start].strip():
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def typo_correction(self, word: str) -> str | None:
        """The canonical word for a known misspelling (by word or by stem), else None."""
        return self.vocabulary.typos.get(word) or self._typo_stems.get(stem(word))
