"""Reciprocal rank fusion (RRF): merge the lexical and the vector ranking in Python.

Elasticsearch's own RRF (the ``rrf`` retriever, ``rank.rrf``) needs a paid licence, and the embedded
backend has none, so both backends' callers fuse here (docs/house-style.md §5). RRF uses ranks only,
which is why it works across BM25 scores and cosine similarities that live on unrelated scales.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], *, k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse rankings of ids into one list of ``(id, score)``, best first.

    score(id) = Σ weight_i / (k + rank_i(id)) over the rankings that contain it, ranks 1-based.

    :param rankings: each a list of ids, best first. An id repeated within one ranking counts once,
        at its best rank.
    :param k: damping constant; 60 (Cormack et al., 2009) keeps one list's top hit from dominating.
    :param weights: one per ranking (default 1.0 each), e.g. to trust the lexical list more.
    :returns: every id that appears anywhere. Ties keep the order of first appearance (the first
        ranking's order, then ids new in the second, ...), so the output is deterministic.
    """
    if k < 0:
        raise ValueError("k must not be negative")
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    contributions: dict[str, list[float]] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        seen: set[str] = set()
        for rank, item in enumerate(ranking, start=1):
            if item not in seen:
                seen.add(item)
                contributions.setdefault(item, []).append(weight / (k + rank))
    # fsum is exactly rounded, so equal sums reached in a different order stay equal and tie.
    fused = [(item, math.fsum(parts)) for item, parts in contributions.items()]
    return sorted(fused, key=lambda pair: -pair[1])  # sorted() is stable: ties keep first appearance
