"""Elasticsearch synonym rules generated from the same vocabulary the Python analyser uses.

Wiring (Elasticsearch ``synonym_graph`` at search time, Solr format)::

    "char_filter": {"abbr_case": vocabulary.case_sensitive_char_filter()},
    "filter": {"nb_synonyms": {"type": "synonym_graph", "lenient": true,
               "synonyms": vocabulary.synonym_rules() + vocabulary.case_sensitive_synonym_rules()}},
    "analyzer": {"nb_search": {"char_filter": ["abbr_case"], "tokenizer": "standard",
                 "filter": ["lowercase", "nb_synonyms", ...stemmer...]}}

Why the split: a synonym filter sees tokens *after* lower-casing, so it cannot tell "MI" (motiverende
intervju) from the nynorsk "mi", or "EM" from "em". Case-sensitive abbreviations are therefore rewritten
*before* tokenising by a ``pattern_replace`` char filter into a marker token ("MST" → "abbr_MST", which
the standard tokenizer keeps whole and ``lowercase`` turns into "abbr_mst", the same term the Python
analyser indexes), and their rules are expressed on that marker. Case-insensitive ones ("tbo", "bvl")
go straight into :func:`synonym_rules`.

Rules are lower-case, deduplicated, sorted, and each side is checked to be non-empty and free of the
characters that carry meaning in Solr syntax (``,``, ``=>``, ``\\``, ``#``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .stemming import STOPWORDS
from .tokens import normalise_case

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

_UNSAFE = re.compile(r",|=>|\\|#|\s+")


def _clean(term: str) -> str:
    return " ".join(_UNSAFE.sub(" ", normalise_case(term)).split())


def _equivalence(terms: Iterable[str]) -> str | None:
    unique = list(dict.fromkeys(t for t in map(_clean, terms) if t))
    return ", ".join(unique) if len(unique) > 1 else None


def _one_way(source: str, target: str) -> str | None:
    lhs, rhs = _clean(source), _clean(target)
    return f"{lhs} => {rhs}" if lhs and rhs and lhs != rhs else None


def _abbreviation_rules(vocabulary: Vocabulary) -> Iterable[str | None]:
    for abbr in vocabulary.abbreviations:
        if not abbr.case_sensitive:
            yield _equivalence([abbr.abbr, *abbr.expansions])


def _nynorsk_rules(vocabulary: Vocabulary) -> Iterable[str | None]:
    """nynorsk ↔ bokmål for every taxonomy word that normalises differently (maps and compounds)."""
    for word in vocabulary.word_counts:
        if word.isalpha() and word not in STOPWORDS:
            bokmal = vocabulary.to_bokmal(word)
            if bokmal != word:
                yield _equivalence([word, bokmal])


def synonym_rules(vocabulary: Vocabulary) -> list[str]:
    """Abbreviation ↔ expansion (case-insensitive ones), nynorsk ↔ bokmål, and typo ⇒ correct word."""
    candidates = [
        *_abbreviation_rules(vocabulary),
        *_nynorsk_rules(vocabulary),
        *(_one_way(wrong, right) for wrong, right in vocabulary.typos.items()),
    ]
    return _dedupe(candidates)


def case_sensitive_synonym_rules(vocabulary: Vocabulary) -> list[str]:
    """Rules on the marker tokens produced by :func:`case_sensitive_char_filter`."""
    return _dedupe(
        _equivalence([abbr.term, *abbr.expansions]) for abbr in vocabulary.case_sensitive_abbreviations()
    )


def case_sensitive_char_filter(vocabulary: Vocabulary) -> dict[str, str]:
    """A ``pattern_replace`` char filter turning whole-word "MST" into "abbr_MST" (Java regex)."""
    names = sorted(
        (re.escape(a.abbr) for a in vocabulary.case_sensitive_abbreviations()), key=len, reverse=True
    )
    return {
        "type": "pattern_replace",
        "pattern": rf"(?<![\p{{L}}\p{{N}}_])({'|'.join(names)})(?![\p{{L}}\p{{N}}_])",
        "replacement": "abbr_$1",
    }


def _dedupe(rules: Iterable[str | None]) -> list[str]:
    seen: dict[tuple[str, ...] | frozenset[str], str] = {}
    for rule in rules:
        if rule is None:
            continue
        key: tuple[str, ...] | frozenset[str] = (
            tuple(rule.split(" => ")) if "=>" in rule else frozenset(rule.split(", "))
        )
        seen.setdefault(key, rule)
    return sorted(seen.values())
