"""Reads of the catalogue. Public selectors return live (published) pages only."""

from __future__ import annotations

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


def offering_list_for_provider(*, provider_page: ProviderPage) -> QuerySet[OfferingPage]:
    return offering_queryset().child_of(provider_page).order_by("title")


def offering_list_for_theme(*, theme: Theme) -> QuerySet[OfferingPage]:
    return offering_queryset().filter(themes=theme).order_by("title")


def theme_list_with_counts() -> list[Theme]:
    live_ids = OfferingPage.objects.live().public().values("pk")
    return list(
        Theme.objects.filter(no_fit=False)
        .annotate(offering_count=Count("offerings", filter=Q(offerings__in=live_ids), distinct=True))
        .order_by("-offering_count", "label")
    )
