"""Facet codes → Norwegian labels, for the search page and the API, and themes related to a query.

Backends return facet values as codes (search/backends/base.py ``FACETS``). Labels come from the
taxonomy and organisation tables, which editors can change, so they are cached briefly in the shared
cache under a key that includes the vocabulary version (a taxonomy edit shows at once).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from .backends import FACETS, FacetCount

# Legend of each facet's checkbox group, in FACETS order.
FACET_TITLES: dict[str, str] = {
    "provider": "Senter",
    "family": "Senterfamilie",
    "theme": "Tema",
    "form": "Bistandsform",
    "format": "Format",
    "target_group": "Målgruppe",
    "level": "Nivå",
    "availability": "Tilgjengelighet",
    "access_mode": "Tilgang",
    "free": "Kostnad",
    "credits": "Studiepoeng",
    "capacity": "Kapasitet",
    "language": "Målform",
}
NATIONAL = "national"
NATIONAL_LABEL = "Tilgjengelig for hele landet"
# Short fixed lists read best in their natural order; the rest are ordered by how many hits they have.
FIXED_ORDER = frozenset({"family", "level", "access_mode", "free", "credits", "capacity", "language"})
LABELS_TIMEOUT = 300
_VOCABULARY_VERSION_KEY = "search:vocabulary-version"  # bumped by search.vocabulary.vocabulary_changed


def _labels_from_tables() -> dict[str, dict[str, str]]:
    from katalog.choices import AccessMode, Capacity, Language, Level
    from katalog.models import Format, FormOfHelp, TargetGroup, Theme
    from portal.organisations.models import County, Provider, ProviderFamily

    counties = dict(County.objects.values_list("number", "name"))
    return {
        "provider": dict(Provider.objects.order_by("short_name").values_list("slug", "short_name")),
        "family": dict(ProviderFamily.choices),
        "theme": dict(Theme.objects.order_by("sort_order", "code").values_list("code", "label")),
        "form": dict(FormOfHelp.objects.order_by("sort_order").values_list("code", "label")),
        "format": dict(Format.objects.order_by("sort_order").values_list("code", "label")),
        "target_group": dict(TargetGroup.objects.order_by("sort_order").values_list("code", "label")),
        "level": dict(Level.choices),
        "availability": {NATIONAL: NATIONAL_LABEL, **counties},
        "access_mode": dict(AccessMode.choices),
        "free": {"true": "Gratis", "false": "Med kostnad"},
        "credits": {"true": "Gir studiepoeng", "false": "Uten studiepoeng"},
        "capacity": dict(Capacity.choices),
        "language": dict(Language.choices),
    }


def facet_labels() -> dict[str, dict[str, str]]:
    """facet → {code: Norwegian label}, for every value a filter may name."""
    key = f"search:facet-labels:{cache.get(_VOCABULARY_VERSION_KEY, 0)}"
    labels = cache.get(key)
    if labels is None:
        labels = _labels_from_tables()
        cache.set(key, labels, LABELS_TIMEOUT)
    return labels


def county_choices() -> list[tuple[str, str]]:
    """(number, name) of every county, for the "Tilgjengelig for fylke" select."""
    return [(code, label) for code, label in facet_labels()["availability"].items() if code != NATIONAL]


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    values: list[FacetValue]

    @property
    def has_selection(self) -> bool:
        return any(v.selected for v in self.values)


def facet_groups(
    counts: dict[str, list[FacetCount]], selected: dict[str, list[str]] | None = None
) -> list[FacetGroup]:
    """Facets for display: each value with its label and count, and selected values kept even when
    nothing matches them now (so they can be unticked)."""
    labels, selected = facet_labels(), selected or {}
    groups = []
    for facet in FACETS:
        known = labels.get(facet, {})
        chosen = set(selected.get(facet, []))
        counted = {c.value: c.count for c in counts.get(facet, [])}
        values = [
            FacetValue(v, known.get(v, v), n, v in chosen) for v, n in counted.items() if n or v in chosen
        ]
        values += [FacetValue(v, known.get(v, v), 0, True) for v in chosen if v not in counted and v in known]
        if facet in FIXED_ORDER:
            position = {code: i for i, code in enumerate(known)}
            values.sort(key=lambda fv: position.get(fv.value, len(position)))
        if values:
            groups.append(FacetGroup(facet, FACET_TITLES[facet], values))
    return groups


def facet_counts_labelled(counts: dict[str, list[FacetCount]]) -> dict[str, list[dict]]:
    """The API's shape: facet → [{value, label, count}]."""
    labels = facet_labels()
    return {
        facet: [
            {"value": c.value, "label": labels.get(facet, {}).get(c.value, c.value), "count": c.count}
            for c in counts.get(facet, [])
        ]
        for facet in FACETS
        if facet in counts
    }


# -- related themes (for an empty result) ----------------------------------------------------------
_theme_terms: dict[str, object] = {"analyzer": None, "themes": []}
_theme_lock = threading.Lock()


@dataclass(frozen=True)
class RelatedTheme:
    code: str
    label: str


def _themes_with_terms(analyzer) -> list[tuple[RelatedTheme, frozenset[str]]]:
    """Every theme with the analysed terms of its labels and synonyms (computed once per analyser:
    a taxonomy edit builds a new analyser)."""
    from katalog.models import Theme

    with _theme_lock:
        if _theme_terms["analyzer"] is not analyzer:
            themes = []
            for theme in Theme.objects.order_by("sort_order", "code"):
                text = "\n".join([theme.label, theme.label_nn, *theme.synonym_list])
                themes.append((RelatedTheme(theme.code, theme.label), frozenset(analyzer.index_terms(text))))
            _theme_terms.update(analyzer=analyzer, themes=themes)
        return list(_theme_terms["themes"])  # type: ignore[call-overload]


def related_themes(text: str, *, limit: int = 6, exclude: Iterable[str] = ()) -> list[RelatedTheme]:
    """Themes whose labels or synonyms share analysed terms with ``text``, best overlap first.

    :param exclude: theme codes to leave out (those already used as filters).
    """
    from .vocabulary import current_analyzer

    analyzer = current_analyzer()
    wanted = analyzer.query(text).all_terms()
    if not wanted:
        return []
    skip = set(exclude)
    scored = []
    for theme, terms in _themes_with_terms(analyzer):
        score = sum(weight for term, weight in wanted.items() if term in terms)
        if score and theme.code not in skip:
            scored.append((-score, theme.label, theme))
    return [theme for *_, theme in sorted(scored)[:limit]]


def document_labels(document, labels: dict[str, dict[str, str]] | None = None) -> dict:
    """A hit's providers, themes, form and formats as {code, label} pairs (page and API alike)."""
    labels = labels or facet_labels()

    def pairs(facet: str, codes: Iterable[str], key: str = "code") -> list[dict[str, str]]:
        known = labels.get(facet, {})
        return [{key: code, "label": known.get(code, code)} for code in codes]

    form = None
    if document.form:
        form = {"code": document.form, "label": labels["form"].get(document.form, document.form_label)}
    return {
        "providers": [
            {"slug": p["slug"], "name": p["label"]} for p in pairs("provider", document.providers, "slug")
        ],
        "themes": pairs("theme", document.themes),
        "form": form,
        "formats": pairs("format", document.formats),
    }
