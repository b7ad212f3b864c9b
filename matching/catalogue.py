"""What the matcher needs to know about providers and their offerings, cached per process.

Rebuilt when the catalogue changes (publishing bumps a version in the shared cache) or the
taxonomy does, so a newly published offering counts in the next match.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache

import numpy as np

CATALOGUE_VERSION_KEY = "matching:catalogue-version"
_state: dict[str, Any] = {"version": None, "profile": None}
_lock = threading.Lock()


@dataclass
class OfferingProfile:
    page_id: int
    title: str
    url: str
    providers: list[str]
    themes: frozenset[str]
    form: str
    formats: frozenset[str]
    target_groups: frozenset[str]
    level: str
    capacity: str
    access_mode: str
    next_date: str | None
    stale: bool


@dataclass
class ProviderProfile:
    slug: str
    short_name: str
    name: str
    family: str
    url: str
    national: bool
    catchment: frozenset[str]
    profile_themes: frozenset[str]
    profile_forms: frozenset[str]
    accepts_requests: bool
    offerings: list[OfferingProfile] = field(default_factory=list)

    @property
    def offered_themes(self) -> frozenset[str]:
        cached = self.__dict__.get("_offered_themes")
        if cached is None:
            themes = frozenset().union(*(o.themes for o in self.offerings)) if self.offerings else frozenset()
            cached = self.__dict__["_offered_themes"] = themes
        return cached

    @property
    def offered_forms(self) -> frozenset[str]:
        # Cached: computed once per catalogue build, not once per match (10k offerings add up).
        cached = self.__dict__.get("_offered_forms")
        if cached is None:
            cached = self.__dict__["_offered_forms"] = (
                frozenset(o.form for o in self.offerings) | self.profile_forms
            )
        return cached


@dataclass
class CatalogueProfile:
    """Providers and offerings, plus an index for scoring every offering against a text's themes at
    once: one row per (offering, provider) pair, and for each theme the rows that carry it."""

    providers: dict[str, ProviderProfile]
    offerings: dict[int, OfferingProfile]
    row_provider: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    row_offering: list[OfferingProfile] = field(default_factory=list)
    provider_order: list[str] = field(default_factory=list)
    theme_rows: dict[str, np.ndarray] = field(default_factory=dict)

    def index(self) -> CatalogueProfile:
        self.provider_order = sorted(self.providers)
        position = {slug: i for i, slug in enumerate(self.provider_order)}
        rows: list[int] = []
        by_theme: dict[str, list[int]] = {}
        for slug in self.provider_order:
            for offering in self.providers[slug].offerings:
                row = len(rows)
                rows.append(position[slug])
                self.row_offering.append(offering)
                for theme in offering.themes:
                    by_theme.setdefault(theme, []).append(row)
        self.row_provider = np.asarray(rows, dtype=np.int32)
        self.theme_rows = {theme: np.asarray(r, dtype=np.int32) for theme, r in by_theme.items()}
        return self

    def theme_overlap(self, weights: dict[str, float]) -> np.ndarray:
        """Σ weight of the given themes that each (offering, provider) row carries."""
        scores = np.zeros(len(self.row_provider))
        for theme, weight in weights.items():
            rows = self.theme_rows.get(theme)
            if rows is not None:
                scores[rows] += weight
        return scores

    def best_per_provider(self, row_scores: np.ndarray) -> dict[str, float]:
        """The maximum row score per provider. Rows are grouped by provider (see index()), so one
        ``maximum.reduceat`` over the group starts does it."""
        best = np.zeros(len(self.provider_order))
        if len(row_scores):
            starts = np.searchsorted(self.row_provider, np.arange(len(self.provider_order)))
            present = np.bincount(self.row_provider, minlength=len(self.provider_order)) > 0
            reduced = np.maximum.reduceat(row_scores, np.minimum(starts, len(row_scores) - 1))
            best[present] = reduced[present]
        return dict(zip(self.provider_order, best.tolist(), strict=True))


def _build() -> CatalogueProfile:
    from django.utils import timezone

    from katalog.models import ProviderPage, offering_is_stale
    from katalog.selectors import offering_queryset
    from portal.organisations.models import Provider

    pages = {p.provider_id: p for p in ProviderPage.objects.live().select_related("provider")}
    providers: dict[str, ProviderProfile] = {}
    by_path: dict[str, ProviderProfile] = {}
    for provider in Provider.objects.prefetch_related("catchment"):
        page = pages.get(provider.pk)
        profile = ProviderProfile(
            slug=provider.slug,
            short_name=provider.short_name,
            name=provider.name,
            family=provider.family,
            url=page.url if page else "",
            national=provider.national,
            catchment=frozenset(c.number for c in provider.catchment.all()),
            profile_themes=frozenset(provider.profile_themes),
            profile_forms=frozenset(provider.profile_forms),
            accepts_requests=page.accepts_new_requests if page else False,
        )
        providers[provider.slug] = profile
        if page is not None:
            by_path[page.path] = profile
    offerings: dict[int, OfferingProfile] = {}
    today = timezone.localdate()
    for page in offering_queryset():
        owner = by_path.get(page.path[: -page.steplen])
        if owner is None:
            continue
        slugs = [owner.slug, *(p.slug for p in page.co_providers.all())]
        upcoming = sorted(
            s.start for s in page.sessions.all() if (s.end or s.start) >= today and s.status != "cancelled"
        )
        offering = OfferingProfile(
            page_id=page.pk,
            title=page.title,
            url=page.url or "",
            providers=slugs,
            themes=frozenset(t.code for t in page.themes.all()),
            form=page.form_of_help.code,
            formats=frozenset(f.code for f in page.formats.all()),
            target_groups=frozenset(g.code for g in page.target_groups.all()),
            level=page.level,
            capacity=page.capacity,
            access_mode=page.access_mode,
            next_date=upcoming[0].isoformat() if upcoming else None,
            stale=offering_is_stale(page.last_confirmed, today),
        )
        if page.status in {"cancelled", "ended"}:
            continue
        offerings[page.pk] = offering
        for slug in slugs:
            if slug in providers:
                providers[slug].offerings.append(offering)
    return CatalogueProfile(providers=providers, offerings=offerings).index()


def catalogue_profile() -> CatalogueProfile:
    version = cache.get(CATALOGUE_VERSION_KEY, 0)
    with _lock:
        if _state["profile"] is None or _state["version"] != version:
            _state["profile"] = _build()
            _state["version"] = version
        return _state["profile"]


@contextlib.contextmanager
def catalogue_profile_override(profile: CatalogueProfile):
    """Use ``profile`` instead of the database's catalogue (benchmarks on synthetic catalogues)."""
    with _lock:
        previous = dict(_state)
        _state.update(profile=profile, version=cache.get(CATALOGUE_VERSION_KEY, 0))
    try:
        yield profile
    finally:
        with _lock:
            _state.update(previous)


def catalogue_changed() -> None:
    """Call after publishing changes: every process rebuilds its profile on next use."""
    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:
        cache.set(CATALOGUE_VERSION_KEY, 1, timeout=None)
    with _lock:
        _state["profile"] = None
