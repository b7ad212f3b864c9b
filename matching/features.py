"""Signals per provider for one description. Each is a number comparable across texts (shares,
ratios to the best, z-scores); the ranking combines them with weights set by cross-validation."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .catalogue import CatalogueProfile
from .types import Understanding

# How much a theme speaks for each family it lists, by position (the list is in priority order).
FAMILY_POSITION_WEIGHTS = (1.0, 0.45, 0.25)
LEXICAL_FEATURES = ("theme_family", "theme_profile", "offering_theme", "lexical", "named", "form_fit")
DENSE_FEATURES = ("dense", "theme_semantic")
ALL_FEATURES = (*LEXICAL_FEATURES, *DENSE_FEATURES)


def family_weight(families: list[str], family: str) -> float:
    if family not in families:
        return 0.0
    index = families.index(family)
    return FAMILY_POSITION_WEIGHTS[min(index, len(FAMILY_POSITION_WEIGHTS) - 1)]


def _zscores(values: dict[str, float]) -> dict[str, float]:
    array = np.asarray(list(values.values()), dtype=float)
    if not len(array) or float(array.std()) < 1e-9:
        return dict.fromkeys(values, 0.0)
    mean, std = float(array.mean()), float(array.std())
    return {k: (v - mean) / std for k, v in values.items()}


def theme_features(
    understanding: Understanding, catalogue: CatalogueProfile, theme_families: dict[str, list[str]]
):
    """theme_family, theme_profile and offering_theme per provider, as shares of the themes' mass."""
    fit = [t for t in understanding.themes if not t.no_fit]
    mass = sum(t.score for t in fit) or 1.0
    # Best single offering per provider, over every offering at once (the catalogue's theme index).
    best_offering = catalogue.best_per_provider(
        catalogue.theme_overlap({t.code: t.score for t in fit}) / mass
    )
    result: dict[str, dict[str, float]] = {}
    for slug, provider in catalogue.providers.items():
        family = (
            sum(t.score * family_weight(theme_families.get(t.code, []), provider.family) for t in fit) / mass
        )
        profile = sum(t.score for t in fit if t.code in provider.profile_themes) / mass
        result[slug] = {
            "theme_family": family,
            "theme_profile": profile,
            "offering_theme": best_offering.get(slug, 0.0),
        }
    return result


def retrieval_features(catalogue: CatalogueProfile, lexical_hits, dense_hits) -> dict[str, dict[str, float]]:
    """lexical: each provider's best BM25 hit relative to the overall best; dense: z-score of each
    provider's best cosine similarity among all providers (absolute cosines of a weak model drift
    with text length; their order among providers is what carries information)."""
    best_lexical: dict[str, float] = defaultdict(float)
    top = max((h.score for h in lexical_hits), default=0.0) or 1.0
    for hit in lexical_hits:
        for rank, slug in enumerate(hit.document.providers):
            # Co-providers of a joint offering get a little less than its owner.
            share = 1.0 if rank == 0 else 0.7
            best_lexical[slug] = max(best_lexical[slug], share * hit.score / top)
    best_dense: dict[str, float] = dict.fromkeys(catalogue.providers, 0.0)
    for hit in dense_hits:
        for slug in hit.document.providers:
            if slug in best_dense:
                best_dense[slug] = max(best_dense[slug], hit.score)
    dense = _zscores(best_dense) if dense_hits else dict.fromkeys(catalogue.providers, 0.0)
    return {
        slug: {"lexical": best_lexical.get(slug, 0.0), "dense": dense[slug]} for slug in catalogue.providers
    }


def semantic_theme_features(
    catalogue: CatalogueProfile,
    theme_similarity: dict[str, float],
    theme_families: dict[str, list[str]],
    no_fit: set[str],
) -> dict[str, float]:
    """Family support from the themes whose descriptions the text is closest to (top five, above
    the mean of all themes)."""
    if not theme_similarity:
        return dict.fromkeys(catalogue.providers, 0.0)
    z = _zscores(theme_similarity)
    top = sorted(((v, k) for k, v in z.items() if v > 0 and k not in no_fit), reverse=True)[:5]
    mass = sum(v for v, _ in top) or 1.0
    return {
        slug: sum(v * family_weight(theme_families.get(code, []), provider.family) for v, code in top) / mass
        for slug, provider in catalogue.providers.items()
    }


def named_features(understanding: Understanding, catalogue: CatalogueProfile) -> dict[str, float]:
    """A centre the text names itself (1) or whose family it names (0.5)."""
    return {
        slug: 1.0
        if slug in understanding.named_providers
        else 0.5
        if provider.family in understanding.named_families
        else 0.0
        for slug, provider in catalogue.providers.items()
    }


def form_features(understanding: Understanding, catalogue: CatalogueProfile) -> dict[str, float]:
    """Share of the forms of help the text asks for that the provider offers."""
    wanted = {p.value for p in understanding.preferences if p.kind == "form"}
    if not wanted:
        return dict.fromkeys(catalogue.providers, 0.0)
    return {slug: len(wanted & p.offered_forms) / len(wanted) for slug, p in catalogue.providers.items()}
