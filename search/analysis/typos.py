"""Detect misspellings among taxonomy synonyms, automatically.

The taxonomy lists what users type, misspellings included ("traumebevist", "implemntering",
"lederstøtt"), without marking which entries are typos. Within one theme (or one facet value) two
single-word synonyms that are a small edit apart are almost always "typo → correct word"; we find
those pairs and decide the direction by how well each spelling is attested elsewhere in the taxonomy
(labels, descriptions, other synonyms and compounds built on it). Ambiguous pairs (equal attestation)
are dropped rather than guessed. Pairs that are not typos are skipped:

* inflections with a different stem ("hjemmesitter"/"hjemmesittere"): a one-way search-time rule
  would stop the query from finding the exact form;
* prefixed words ("lik"/"ulik", "sertifisering"/"resertifisering"): often opposites;
* variants the caller recognises (nynorsk/bokmål, ASCII folding, a linking "s", abbreviations);
* a "misspelling" that is a valid compound of known words ("flyktningbarn" vs "flyktningar").

Pairs with the *same* stem that differ by a final "e" ("lederstøtt"/"lederstøtte") are kept: they
change nothing for the Python analyser and are harmless Elasticsearch rules, since Snowball stems both
sides alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from .fuzzy import damerau_levenshtein


def max_typo_distance(a: str, b: str) -> int:
    """2 edits for words of eight letters or more, otherwise 1."""
    return 2 if min(len(a), len(b)) >= 8 else 1


def _word_pairs(synonyms: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Candidate pairs: single words, plus the one differing word of equally long phrases."""
    phrases = [s.split() for s in synonyms]
    for a, b in combinations(phrases, 2):
        if len(a) != len(b):
            continue
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(diff) == 1:
            yield diff[0]


_INFLECTIONS = ("e", "r", "n", "t", "s", "a", "er", "en", "et", "ar", "ne", "ene", "ane", "ere", "ens")


def _attestation(word: str, other: str, counts: Counter[str]) -> int:
    # Occurrences of the word, also inside longer words ("implementering" in "implementeringsstøtte"):
    # a real word is reused in compounds, a typo rarely is. When the other spelling contains this one,
    # words containing the other do not count, or the typo "lederstøtt" would borrow every "lederstøtte".
    borrowed = word in other
    return sum(n for w, n in counts.items() if word in w and not (borrowed and other in w))


_ADJECTIVE_ENDINGS = ("al", "el", "ell", "isk", "ig", "iv", "sk", "en")


def _is_inflection(short: str, ending: str) -> bool:
    # A bare "-t" is only an inflection on adjectives ("interkommunalt"); "høykonflik"+"t" is a typo.
    return ending in _INFLECTIONS and (ending != "t" or short.endswith(_ADJECTIVE_ENDINGS))


def _not_a_typo_pair(a: str, b: str, stem: Callable[[str], str]) -> bool:
    short, long = sorted((a, b), key=len)
    if long.endswith(short):
        return True
    if not long.startswith(short) or not _is_inflection(short, long[len(short) :]):
        return False
    # A lone "-e" with the same stem is kept: "lederstøtt" is a truncated "lederstøtte" (and where it
    # is a real form, as in "nyansatt", the rule is harmless because both stem alike).
    return long[len(short) :] != "e" or stem(a) != stem(b)


def find_typos(
    groups: Iterable[Sequence[str]],
    *,
    counts: Counter[str],
    stem: Callable[[str], str],
    same_word: Callable[[str, str], bool],
    is_compound: Callable[[str], bool],
) -> dict[str, str]:
    """Map misspelled word → canonical word.

    :param groups: lower-cased synonym lists, one per theme or facet value.
    :param counts: word frequencies over all taxonomy text (the attestation evidence).
    :param stem: the index stemmer.
    :param same_word: True if two spellings are variants that are not typos (nynorsk/bokmål, folding).
    :param is_compound: True if a word splits into known whole words (so it is not a misspelling).
    """
    typos: dict[str, str] = {}
    for synonyms in groups:
        for a, b in _word_pairs(synonyms):
            if not (a.isalpha() and b.isalpha()) or damerau_levenshtein(a, b, 2) > max_typo_distance(a, b):
                continue
            if _not_a_typo_pair(a, b, stem) or same_word(a, b):
                continue
            score_a, score_b = _attestation(a, b, counts), _attestation(b, a, counts)
            wrong, right = (a, b) if score_a < score_b else (b, a)
            if score_a != score_b and not is_compound(wrong):
                typos.setdefault(wrong, right)
    # A pair whose "right" side is itself a typo compared two misspellings ("høgkonflikt" with the
    # typo "høykonflik"); drop it rather than chain it.
    return {wrong: right for wrong, right in typos.items() if right not in typos}
