"""Aggregated, anonymised need statistics: what the Statsforvalter sees for its embete when a
service has not opted in, and what Bufdir (and the portal's curators) see nationally. Small counts
are suppressed so that no single service can be recognised (domain.md §6)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet

from portal.accounts.roles import Role, user_roles

from .models import Decline, DeclineReason, Need, NeedState
from .workdays import working_days_between

SMALL_COUNT = 3  # counts from 1 to 2 are shown as «færre enn 3»


def suppress(count: int) -> int | None:
    return None if 0 < count < SMALL_COUNT else count


@dataclass
class Aggregates:
    scope: str
    total: int | None
    by_state: list[tuple[str, int | None]] = field(default_factory=list)
    by_theme: list[tuple[str, int | None]] = field(default_factory=list)
    declines_by_reason: list[tuple[str, int | None]] = field(default_factory=list)
    unclaimed: int | None = 0
    escalated: int | None = 0
    no_fit: int | None = 0
    interest_in_time_share: float | None = None  # share of published needs with interest in time


def _scope(user) -> tuple[str, QuerySet[Need]] | None:
    roles = user_roles(user)
    needs = Need.objects.exclude(state=NeedState.DRAFT)
    if roles & {Role.BUFDIR, Role.EDITOR, Role.ADMIN}:
        return "hele landet", needs
    if Role.STATSFORVALTER in roles and user.embete_id:
        return user.embete.name, needs.filter(service__host_municipality__embete_id=user.embete_id)
    return None


def _interest_share(needs: QuerySet[Need]) -> float | None:
    limit = getattr(settings, "NEED_ESCALATION_WORKING_DAYS", 10)
    rows = list(needs.filter(published_at__isnull=False).values_list("published_at", "first_interest_at"))
    if len(rows) < SMALL_COUNT:
        return None
    in_time = sum(
        1 for pub, first in rows if first and working_days_between(pub.date(), first.date()) <= limit
    )
    return in_time / len(rows)


def need_aggregates_for_user(*, user) -> Aggregates | None:
    """Counts for the user's scope, or None when the user may not see need statistics."""
    scoped = _scope(user)
    if scoped is None:
        return None
    scope, needs = scoped
    labels = dict(NeedState.choices)
    by_state = [(labels[r["state"]], suppress(r["n"])) for r in needs.values("state").annotate(n=Count("pk"))]
    themes = (
        Need.themes.through.objects.filter(need__in=needs)
        .values("theme__label")
        .annotate(n=Count("need_id", distinct=True))
        .order_by("-n", "theme__label")[:10]
    )
    reasons = dict(DeclineReason.choices)
    declines = Decline.objects.filter(need__in=needs).values("reason").annotate(n=Count("pk")).order_by("-n")
    return Aggregates(
        scope=scope,
        total=suppress(needs.count()),
        by_state=by_state,
        by_theme=[(r["theme__label"], suppress(r["n"])) for r in themes],
        declines_by_reason=[(reasons[r["reason"]], suppress(r["n"])) for r in declines],
        unclaimed=suppress(needs.filter(state=NeedState.PUBLISHED).count()),
        escalated=suppress(needs.filter(escalated_at__isnull=False).count()),
        no_fit=suppress(needs.filter(no_fit=True).count()),
        interest_in_time_share=_interest_share(needs),
    )
