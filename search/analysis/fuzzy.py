"""Edit distance and a SymSpell-style fuzzy lexicon over index terms.

Why SymSpell: the embedded index (SQLite FTS5) cannot do fuzzy matching itself, and comparing a typo
with every index term is too slow for interactive search. Precomputing all deletions (up to distance
2) of every term turns lookup into a handful of dict hits plus a verification of the few candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

MAX_DISTANCE = 2
# Only the first PREFIX_LENGTH characters get deletion entries (as in SymSpell): memory and build time
# stay linear in the number of terms, and candidates are still verified on the whole term.
PREFIX_LENGTH = 7


def damerau_levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Optimal-string-alignment distance: insert, delete, substitute, swap adjacent letters.

    :param limit: if given, stop early and return ``limit + 1`` once the distance must exceed it.
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(term: str, depth: int) -> Iterator[str]:
    """All strings reachable from ``term`` by deleting up to ``depth`` characters (with repeats)."""
    frontier = {term}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        yield from frontier


class FuzzyLexicon:
    """Index terms with fast near-neighbour lookup; pass it to ``Analyzer.query`` twice::

        lexicon = FuzzyLexicon(all_index_terms)
        analyzer.query(text, lexicon=lexicon.__contains__, fuzzy_candidates=lexicon.candidates)

    Only terms of at least four characters get deletion entries: shorter stems would make every
    short typo ambiguous, and ``query`` never asks for words under six letters.
    """

    def __init__(self, terms: Iterable[str], *, max_distance: int = MAX_DISTANCE) -> None:
        self._terms = frozenset(terms)
        self._max = max_distance
        # Lists, not sets: each deletion string is produced once per term, and a list of one or two
        # terms costs a third of a set's memory.
        self._deletions: dict[str, list[str]] = defaultdict(list)
        for term in self._terms:
            if len(term) >= 4:
                key = term[:PREFIX_LENGTH]
                self._deletions[key].append(term)
                for deleted in _deletes(key, max_distance):
                    self._deletions[deleted].append(term)

    def __contains__(self, term: object) -> bool:
        return term in self._terms

    def __len__(self) -> int:
        return len(self._terms)

    def candidates(self, term: str, max_distance: int | None = None) -> list[str]:
        """Index terms within ``max_distance`` edits of ``term``, nearest first, then alphabetical."""
        limit = self._max if max_distance is None else min(max_distance, self._max)
        key = term[:PREFIX_LENGTH]
        pool: set[str] = set(self._deletions.get(key, ()))
        for deleted in _deletes(key, limit):
            pool.update(self._deletions.get(deleted, ()))
        scored = ((damerau_levenshtein(term, c, limit), c) for c in pool)
        return [c for d, c in sorted(scored) if d <= limit]
