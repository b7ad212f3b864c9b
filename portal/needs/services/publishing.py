"""Publishing and routing: the matcher ranks every centre for the need, the need goes to the few that
fit (not to all: centres have limited capacity, domain.md §1), and when none fits the service is
shown who can help instead and the curators are told — no dead ends.

Order matters for privacy: the personal-data guard runs *before* the text reaches the matcher.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction

from katalog.models import ProviderPage, Theme
from matching.services import MatchInputError
from portal.organisations.models import Provider

from ..models import Need, NeedLevel, NeedRoute, NotificationKind, RouteVia
from ..notifications import curator_users, notify, provider_users, service_users, statsforvalter_users
from ..transitions import Action
from . import errors as e
from .common import action_check, event_record, need_lock, now_or, state_move
from .drafts import NeedInput, need_input_validate
from .guard import personal_data_ensure_clean
from .match import Routing, need_match

logger = logging.getLogger(__name__)

ROUTED_BANDS = ("sterk", "god")


def _check_publishable(need: Need) -> None:
    data = NeedInput(
        title=need.title,
        description=need.description,
        level=need.level,
        anonymised=need.anonymised,
        visibility=need.visibility,
    )
    need_input_validate(data=data, service=need.service)
    personal_data_ensure_clean(fields={"title": need.title, "description": need.description})


@transaction.atomic
def need_publish(*, need: Need, user, now: dt.datetime | None = None) -> Need:
    """Publish a draft: guard, match, store a route per provider, send to the best few, notify.

    Raises :class:`PersonalDataError` (nothing is matched or sent) when the text holds personal data.
    """
    need = need_lock(need)
    action_check(need=need, user=user, action=Action.PUBLISH)
    _check_publishable(need)
    now = now_or(now)
    try:
        routing = need_match(need=need, now=now)
    except MatchInputError as exc:
        raise e.NeedValidationError.single("description", exc.message) from exc
    before, after = state_move(need=need, action=Action.PUBLISH, now=now)
    need.published_at = now
    need.personal_data_blocked = False
    need.personal_data_findings = [f for f in need.personal_data_findings if f.get("severity") != "block"]
    need.referrals = routing.referrals
    if not need.themes.exists():
        need.themes.set(Theme.objects.filter(code__in=routing.theme_codes))
    routed = routes_store(need=need, routing=routing, now=now)
    need.no_fit = not routed
    need.save()
    names = ", ".join(r.provider.short_name for r in routed)
    event_record(
        need=need,
        action="publish",
        user=user,
        from_state=before,
        to_state=after,
        comment=f"Sendt til: {names}."
        if routed
        else "Ingen senter passet godt nok; portalredaksjonen er varslet.",
        now=now,
    )
    if routed:
        notify(
            recipients=provider_users([r.provider_id for r in routed]),
            kind=NotificationKind.ROUTED,
            need=need,
            now=now,
        )
    else:
        notify(
            recipients=service_users(need.service_id),
            kind=NotificationKind.NO_FIT,
            need=need,
            now=now,
            exclude=user,
        )
        need_escalate(need=need, now=now, reason="Ingen senter passet ved publisering.")
    logger.info("Need %s published; routed to %s", need.pk, [r.provider_id for r in routed])
    return need


def routes_store(*, need: Need, routing: Routing, now: dt.datetime) -> list[NeedRoute]:
    """One route per provider with score and band; route to the top "sterk"/"god" matches that take
    requests (at most ``NEED_ROUTE_MAX_PROVIDERS``; one for a single-case consultation)."""
    providers = {p.slug: p for p in Provider.objects.all()}
    paused = set(
        ProviderPage.objects.filter(accepts_new_requests=False).values_list("provider__slug", flat=True)
    )
    theme_labels = {t["code"]: t["label"] for t in routing.themes if not t["no_fit"]}
    limit = 1 if need.level == NeedLevel.CASE else settings.NEED_ROUTE_MAX_PROVIDERS
    routes, routed = [], []
    for rank, slug in enumerate(routing.ranking, start=1):
        provider = providers.get(slug)
        if provider is None:
            continue
        band = routing.bands.get(slug, "")
        eligible = not routing.no_fit and band in ROUTED_BANDS and len(routed) < limit
        route = NeedRoute(
            need=need,
            provider=provider,
            score=float(routing.scores.get(slug, 0.0)),
            band=band,
            rank=rank,
            matched_themes=_matched_themes(routing.matched.get(slug), provider, theme_labels),
            paused=eligible and slug in paused,
        )
        if eligible and not route.paused:
            route.routed, route.routed_at = True, now
            routed.append(route)
        routes.append(route)
    NeedRoute.objects.bulk_create(routes)
    return routed


def _matched_themes(matched: list[str] | None, provider: Provider, theme_labels: dict[str, str]) -> list[str]:
    if matched:
        return matched
    return [label for code, label in theme_labels.items() if code in (provider.profile_themes or [])]


def route_add(
    *, need: Need, provider: Provider, via: str, now: dt.datetime, forwarded_by: Provider | None = None
) -> tuple[NeedRoute, bool]:
    """Send the need to one more centre (a forward, a curator's choice, or a centre answering from
    the open list). Returns the route and whether it is new for that centre."""
    route, _ = NeedRoute.objects.get_or_create(need=need, provider=provider, defaults={"band": "", "rank": 0})
    if route.routed:
        return route, False
    route.routed, route.routed_at, route.via, route.forwarded_by = True, now, via, forwarded_by
    route.save(update_fields=["routed", "routed_at", "via", "forwarded_by"])
    return route, True


@transaction.atomic
def need_forward(
    *, need: Need, user, provider: Provider, comment: str = "", now: dt.datetime | None = None
) -> Need:
    """A curator sends an escalated need to a centre (notified)."""
    need = need_lock(need)
    action_check(need=need, user=user, action=Action.FORWARD)
    personal_data_ensure_clean(fields={"comment": comment})
    now = now_or(now)
    _, new = route_add(need=need, provider=provider, via=RouteVia.CURATOR, now=now)
    if not new:
        raise e.NeedValidationError.single(
            "provider", e.FORWARD_ALREADY_ROUTED.format(name=provider.short_name)
        )
    before, after = state_move(need=need, action=Action.FORWARD, now=now)
    need.save()
    text = f"Sendt videre til {provider.short_name}." + (f" {comment}" if comment else "")
    event_record(
        need=need, action="forward", user=user, from_state=before, to_state=after, comment=text, now=now
    )
    notify(recipients=provider_users([provider.pk]), kind=NotificationKind.FORWARDED, need=need, now=now)
    return need


def need_escalate(*, need: Need, now: dt.datetime, reason: str) -> bool:
    """Flag the need for the portal's curators, and for the Statsforvalter when the service opted in.
    Idempotent: a need is escalated once."""
    if need.escalated_at is not None:
        return False
    need.escalated_at = now
    Need.objects.filter(pk=need.pk).update(escalated_at=now)
    event_record(need=need, action="escalate", from_state=need.state, comment=reason, now=now)
    recipients = list(curator_users())
    if need.shares_with_statsforvalter:
        recipients += list(statsforvalter_users(need.service.host_municipality.embete_id))
    notify(recipients=recipients, kind=NotificationKind.ESCALATED, need=need, now=now)
    logger.info("Need %s escalated", need.pk)
    return True
