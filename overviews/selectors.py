"""Raw reads for the dashboards: supply (offerings available to a region), demand signals, service
size groups and who has used the portal. Nothing here is suppressed yet; ``dashboards.py`` turns
these counts into cells before anything is shown.

**Size groups.** The reference data has no population figures (``Municipality.population`` is empty,
and no reliable per-municipality figures for 2024 were at hand), so municipalities are grouped by the
size of the child welfare service that covers them, in full-time equivalents (``staff_count``):
under 15, 15–49 and 50 or more. A municipality covered by several services takes the largest; one
with no registered service, or a service without a staff count, is "Ukjent størrelse". Switch to
population groups when the reference data carries Statistics Norway's figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q, QuerySet
from django.utils import timezone

from katalog.choices import Status
from katalog.models import OfferingPage, Theme
from matching.models import DemandSignal
from portal.organisations.models import ChildWelfareService, Embete, Municipality, ServiceCoverage

from . import needs_source

SIZE_GROUPS = (
    ("liten", "Under 15 årsverk", 0, 14),
    ("mellomstor", "15–49 årsverk", 15, 49),
    ("stor", "50 årsverk eller flere", 50, 10**9),
)
SIZE_UNKNOWN = ("ukjent", "Ukjent størrelse")


def theme_labels() -> dict[str, Theme]:
    return {t.code: t for t in Theme.objects.all()}


def offerings_available(*, embete: Embete | None = None) -> QuerySet[OfferingPage]:
    """Live, public, active offerings a service in ``embete`` can use (all of them when None)."""
    queryset = OfferingPage.objects.live().public().filter(status=Status.ACTIVE)
    if embete is not None:
        in_region = OfferingPage.objects.filter(regions__embete=embete).values("pk")
        queryset = queryset.filter(Q(national=True) | Q(pk__in=in_region))
    return queryset


def supply_by_theme(*, embete: Embete | None = None) -> Counter[str]:
    """How many available offerings carry each theme code."""
    rows = offerings_available(embete=embete).values_list("pk", "themes__code").distinct()
    return Counter(code for _, code in rows if code)


def signals_without_good_match(*, start: dt.datetime, end: dt.datetime, embete: Embete | None = None):
    """Searches and match requests in [start, end) that found no good match: (themes, embete id)."""
    signals = DemandSignal.objects.filter(good_match=False, created_at__gte=start, created_at__lt=end)
    if embete is not None:
        signals = signals.filter(Q(embete=embete) | Q(embete__isnull=True, municipality__embete=embete))
    return [
        (tuple(themes or ()), embete_id or muni_embete_id)
        for themes, embete_id, muni_embete_id in signals.values_list(
            "themes", "embete_id", "municipality__embete_id"
        )
    ]


def size_group_of(staff_count: int | None) -> tuple[str, str]:
    if staff_count is None:
        return SIZE_UNKNOWN
    return next(
        ((key, label) for key, label, low, high in SIZE_GROUPS if low <= staff_count <= high), SIZE_UNKNOWN
    )


def size_group_labels() -> dict[str, str]:
    return {**{key: label for key, label, _, _ in SIZE_GROUPS}, SIZE_UNKNOWN[0]: SIZE_UNKNOWN[1]}


def municipality_size_groups(*, on: dt.date | None = None) -> dict[int, str]:
    """Size group per municipality id, from the largest service covering it on ``on``."""
    on = on or timezone.localdate()
    coverage = ServiceCoverage.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    ).values_list("municipality_id", "service__staff_count")
    largest: dict[int, int | None] = {}
    for municipality_id, staff in coverage:
        current = largest.get(municipality_id)
        if municipality_id not in largest or (staff is not None and (current is None or staff > current)):
            largest[municipality_id] = staff
    groups = dict.fromkeys(Municipality.objects.values_list("pk", flat=True), SIZE_UNKNOWN[0])
    groups.update({pk: size_group_of(staff)[0] for pk, staff in largest.items()})
    return groups


def service_size_groups() -> dict[int, str]:
    return {
        pk: size_group_of(staff)[0]
        for pk, staff in ChildWelfareService.objects.values_list("pk", "staff_count")
    }


def municipalities_used_ever() -> set[int]:
    """Municipalities with a published need, or a search or match request registered to them."""
    signals = set(
        DemandSignal.objects.filter(municipality__isnull=False).values_list("municipality_id", flat=True)
    )
    return signals | needs_source.need_municipality_ids_ever()


def municipalities_never_used() -> QuerySet[Municipality]:
    """Municipalities with no need and no search or match request, ever: for outreach."""
    return (
        Municipality.objects.exclude(pk__in=municipalities_used_ever())
        .select_related("embete")
        .order_by("embete__name", "name")
    )
