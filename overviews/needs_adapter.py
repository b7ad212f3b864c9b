"""Maps the needs app's models to the dashboards' text-free facts (see ``needs_source``). Read-only:
this module never writes to the needs app, and reads individual needs only through its own
visibility rules (``need_list_for_user``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from portal.needs.models import Need, NeedState, Visibility
from portal.needs.selectors import need_list_for_user
from portal.organisations.models import Municipality

from .needs_source import NeedFact, OptedInNeed, StatusGroup

AGREED_STATES = (NeedState.AGREED, NeedState.DELIVERED)
INTEREST_STATES = (NeedState.INTEREST, NeedState.CLARIFICATION)


def status_group(state: str, agreed_at: dt.datetime | None) -> str:
    if state in AGREED_STATES or (state == NeedState.CLOSED and agreed_at):
        return StatusGroup.AGREED
    if state in INTEREST_STATES:
        return StatusGroup.INTEREST
    if state == NeedState.PUBLISHED:
        return StatusGroup.WAITING
    return StatusGroup.CLOSED


def _published(start: dt.datetime | None, end: dt.datetime | None):
    needs = Need.objects.filter(published_at__isnull=False).exclude(state=NeedState.DRAFT)
    if start:
        needs = needs.filter(published_at__gte=start)
    if end:
        needs = needs.filter(published_at__lt=end)
    return needs


def facts(*, start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[NeedFact]:
    needs = _published(start, end)
    rows = list(
        needs.values_list(
            "pk",
            "published_at",
            "first_interest_at",
            "agreed_at",
            "state",
            "service_id",
            "service__host_municipality_id",
            "service__host_municipality__embete_id",
        )
    )
    ids = [row[0] for row in rows]
    themes: dict[int, list[str]] = defaultdict(list)
    for need_id, code in Need.themes.through.objects.filter(need_id__in=ids).values_list(
        "need_id", "theme__code"
    ):
        themes[need_id].append(code)
    places: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for need_id, muni, embete in Need.municipalities.through.objects.filter(need_id__in=ids).values_list(
        "need_id", "municipality_id", "municipality__embete_id"
    ):
        places[need_id].add((muni, embete))
    result = []
    for pk, published, interest, agreed, state, service_id, host, host_embete in rows:
        named = places.get(pk) or {(host, host_embete)}
        result.append(
            NeedFact(
                pk=pk,
                published_at=published,
                first_interest_at=interest,
                agreed_at=agreed,
                status_group=status_group(state, agreed),
                themes=tuple(sorted(set(themes.get(pk, ())))),
                municipality_ids=frozenset(m for m, _ in named),
                embete_ids=frozenset({e for _, e in named} | {host_embete}),
                home_embete_id=host_embete,
                service_id=service_id,
            )
        )
    return result


def municipality_ids_ever() -> set[int]:
    needs = _published(None, None)
    named = set(
        Need.municipalities.through.objects.filter(need__in=needs).values_list("municipality_id", flat=True)
    )
    hosts = set(needs.values_list("service__host_municipality_id", flat=True))
    return named | hosts


def _url(pk: int) -> str:
    try:
        return reverse("needs:detail", args=[pk])
    except NoReverseMatch:
        return ""


def opted_in(*, user, embete, start: dt.datetime, end: dt.datetime) -> list[OptedInNeed]:
    in_embete = Q(service__host_municipality__embete=embete) | Q(municipalities__embete=embete)
    needs = (
        need_list_for_user(user=user)
        .filter(visibility=Visibility.STATSFORVALTER, published_at__gte=start, published_at__lt=end)
        .exclude(state=NeedState.DRAFT)
        .filter(in_embete)
        .distinct()
        .prefetch_related("themes", "municipalities")
        .order_by("-published_at")
    )
    return [
        OptedInNeed(
            pk=need.pk,
            title=need.title,
            service=need.service.name,
            municipalities=", ".join(
                str(m) for m in need.municipalities.all() if isinstance(m, Municipality)
            ),
            status=need.get_state_display(),
            published_at=need.published_at,
            themes=tuple(t.label for t in need.themes.all()),
            url=_url(need.pk),
        )
        for need in needs
    ]
