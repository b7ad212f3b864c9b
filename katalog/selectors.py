"""Reads of the catalogue. Public selectors return live (published) pages only."""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from portal.organisations.models import ProviderFamily

from .models import OfferingPage, OfferingSession, ProviderPage, Theme


def offering_queryset() -> QuerySet[OfferingPage]:
    """Live offerings with what list views show, in as few queries as possible."""
    return (
        OfferingPage.objects.live()
        .public()
        .select_related("form_of_help")
        .prefetch_related(
            "themes",
            "formats",
            "target_groups",
            "co_providers",
            "regions",
            Prefetch("sessions", queryset=OfferingSession.objects.order_by("start")),
        )
    )


def provider_pages_by_family() -> list[tuple[str, list[ProviderPage]]]:
    pages = ProviderPage.objects.live().public().select_related("provider").order_by("provider__short_name")
    grouped: dict[str, list[ProviderPage]] = {family: [] for family in ProviderFamily.values}
    for page in pages:
        grouped[page.provider.family].append(page)
    return [(ProviderFamily(family).label, items) for family, items in grouped.items() if items]


OFFERINGS_PER_PAGE = 30


def offering_page_of(offerings: QuerySet[OfferingPage], number: str | None) -> DjangoPage:
    """One page of a provider's or theme's offerings (``?side=N``): a centre may publish hundreds,
    and a list page must stay quick and readable. Out-of-range or malformed numbers give the
    nearest valid page rather than an error."""
    return Paginator(offerings, OFFERINGS_PER_PAGE).get_page(number)


def offering_list_for_provider(*, provider_page: ProviderPage) -> QuerySet[OfferingPage]:
    return offering_queryset().child_of(provider_page).order_by("title")


def offering_list_for_theme(*, theme: Theme) -> QuerySet[OfferingPage]:
    return offering_queryset().filter(themes=theme).order_by("title")


THEME_COUNTS_CACHE_KEY = "katalog:theme-counts"


def theme_list_with_counts() -> list[Theme]:
    """Themes with their number of live offerings, most used first. On the home page and /tema/,
    and a count over the whole catalogue, so it is cached until an offering is published,
    unpublished or deleted or a theme changes (``forget_theme_counts``)."""
    themes = cache.get(THEME_COUNTS_CACHE_KEY)
    if themes is None:
        live_ids = OfferingPage.objects.live().public().values("pk")
        themes = list(
            Theme.objects.filter(no_fit=False)
            .annotate(offering_count=Count("offerings", filter=Q(offerings__in=live_ids), distinct=True))
            .order_by("-offering_count", "label")
        )
        cache.set(THEME_COUNTS_CACHE_KEY, themes, timeout=24 * 3600)
    return themes


def forget_theme_counts(**kwargs) -> None:
    cache.delete(THEME_COUNTS_CACHE_KEY)


# --- Catalogue API and exports -------------------------------------------------------------------


def _with_provider(queryset: QuerySet[OfferingPage]) -> QuerySet[OfferingPage]:
    """Annotate each offering with its lead provider (the parent page) in the same query, so lists
    never call ``get_parent()`` per row."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Length, Substr

    from wagtail.models import Page

    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    parents = ProviderPage.objects.filter(path=parent_path)
    return queryset.annotate(
        provider_slug=Subquery(parents.values("provider__slug")[:1]),
        provider_short_name=Subquery(parents.values("provider__short_name")[:1]),
        provider_name=Subquery(parents.values("provider__name")[:1]),
    )


def offering_list_filtered(
    *,
    providers: list[str] | None = None,
    themes: list[str] | None = None,
    forms: list[str] | None = None,
    formats: list[str] | None = None,
    access_modes: list[str] | None = None,
    region: str | None = None,
    date_from=None,
    date_to=None,
) -> QuerySet[OfferingPage]:
    """Live, public offerings matching every given filter (values within one filter are OR-ed).

    ``providers`` matches the lead provider and co-providers of joint offerings. ``region`` (a county
    number) keeps national offerings plus those offered in that county. ``date_from``/``date_to`` keep
    offerings with a session, not cancelled, that overlaps the range.
    """
    from .choices import SessionStatus

    queryset = offering_queryset()
    if providers:
        lead = Q()
        for page in ProviderPage.objects.filter(provider__slug__in=providers):
            lead |= Q(path__startswith=page.path, depth=page.depth + 1)
        queryset = queryset.filter(lead | Q(co_providers__slug__in=providers))
    if themes:
        queryset = queryset.filter(pk__in=OfferingPage.objects.filter(themes__code__in=themes).values("pk"))
    if forms:
        queryset = queryset.filter(form_of_help__code__in=forms)
    if formats:
        queryset = queryset.filter(pk__in=OfferingPage.objects.filter(formats__code__in=formats).values("pk"))
    if access_modes:
        queryset = queryset.filter(access_mode__in=access_modes)
    if region:
        in_region = OfferingPage.objects.filter(regions__number=region).values("pk")
        queryset = queryset.filter(Q(national=True) | Q(pk__in=in_region))
    if date_from or date_to:
        sessions = OfferingSession.objects.exclude(status=SessionStatus.CANCELLED)
        if date_to:
            sessions = sessions.filter(start__lte=date_to)
        if date_from:
            sessions = sessions.filter(Q(end__gte=date_from) | Q(end__isnull=True, start__gte=date_from))
        queryset = queryset.filter(pk__in=sessions.values("page_id"))
    return _with_provider(queryset).distinct().order_by("title", "pk")


def offering_get_public(*, pk: int) -> OfferingPage:
    """One live, public offering, or Http404 (drafts, unpublished and private pages never show)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(_with_provider(offering_queryset()), pk=pk)


def provider_page_list_public(*, slug: str | None = None) -> QuerySet[ProviderPage]:
    """Live, public provider pages with their centre, contacts and number of live offerings."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    counts = (
        OfferingPage.objects.live()
        .public()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = (
        ProviderPage.objects.live()
        .public()
        .select_related("provider")
        .prefetch_related("contacts", "provider__catchment")
        .annotate(offering_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
        .order_by("provider__family", "provider__short_name")
    )
    return queryset.filter(provider__slug=slug) if slug else queryset
