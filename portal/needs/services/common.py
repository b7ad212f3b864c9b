"""Shared steps of the need services: checking an action against the transition table, moving the
state, and writing the audit trail."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..models import Need, NeedEvent, NeedState
from ..selectors import NeedRelation, need_allowed_actions, need_relation
from ..transitions import Action, Actor, transition_get
from .errors import ActionForbidden, TransitionNotAllowed


def now_or(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def need_lock(need: Need) -> Need:
    """Re-read the need inside the transaction (row lock where the database has them)."""
    return (
        Need.objects.select_for_update()
        .select_related("service", "service__host_municipality")
        .get(pk=need.pk)
    )


def action_check(*, need: Need, user, action: Action) -> NeedRelation:
    """Raise 409 when ``action`` is impossible in the need's state (or for this party right now), and
    403 when the state allows it but not for this user. Returns the user's relation to the need."""
    relation = need_relation(need=need, user=user)
    transition = transition_get(need.state, action)
    allowed = need_allowed_actions(need=need, user=user, relation=relation)
    if transition is None:
        raise _not_allowed(need, action, allowed)
    if not transition.actors & relation.actors:
        raise ActionForbidden()
    if action not in allowed:
        raise _not_allowed(need, action, allowed)
    return relation


def _not_allowed(need: Need, action: Action, allowed: list[Action]) -> TransitionNotAllowed:
    return TransitionNotAllowed(
        action=action.value,
        state=need.state,
        state_label=NeedState(need.state).label,
        allowed=[a.value for a in allowed],
    )


def state_move(*, need: Need, action: Action, now: dt.datetime) -> tuple[str, str]:
    """Apply the table's target state for ``action``; returns (from, to)."""
    transition = transition_get(need.state, action)
    assert transition is not None  # action_check ran first
    before = need.state
    if transition.target != before:
        need.state = transition.target
        need.state_changed_at = now
    need.updated_at = now
    return before, need.state


def actor_label(user) -> str:
    if user is None:
        return "Systemet"
    return user.get_full_name() or user.username


def event_record(
    *,
    need: Need,
    action: str,
    user=None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    provider=None,
    now: dt.datetime | None = None,
) -> NeedEvent:
    return NeedEvent.objects.create(
        need=need,
        actor=user,
        actor_label=actor_label(user),
        provider=provider,
        action=action,
        from_state=from_state,
        to_state=to_state or from_state,
        comment=comment,
        created_at=now_or(now),
    )


def relation_actor(relation: NeedRelation) -> str:
    """Which side acted, for messages: the centre's short name or the service."""
    if Actor.CENTRE in relation and relation.provider is not None:
        return relation.provider.short_name
    return "Tjenesten"
