"""How centres answer a need, and how the service chooses: interest, clarification talk, decline with
a forward (never a dead end), and agreement with one or more centres (joint delivery allowed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from portal.organisations.models import Provider, ReferralActor

from ..models import (
    Decline,
    DeclineReason,
    Interest,
    InterestStatus,
    Need,
    NeedMessage,
    NotificationKind,
    RouteVia,
)
from ..notifications import notify, provider_users, service_users
from ..selectors import ACTIVE_INTEREST
from ..transitions import Action, Actor
from . import errors as e
from .common import action_check, event_record, need_lock, now_or, state_move
from .guard import personal_data_ensure_clean
from .publishing import route_add


def _first_interest(need: Need, now: dt.datetime) -> None:
    if need.first_interest_at is None:
        need.first_interest_at = now


@transaction.atomic
def interest_express(*, need: Need, user, message: str = "", now: dt.datetime | None = None) -> Interest:
    """A centre that can see the need says it can help. The service is notified."""
    need = need_lock(need)
    relation = action_check(need=need, user=user, action=Action.EXPRESS_INTEREST)
    personal_data_ensure_clean(fields={"message": message})
    now = now_or(now)
    provider = relation.provider
    interest = Interest.objects.create(
        need=need, provider=provider, message=message.strip(), created_by=user, created_at=now, updated_at=now
    )
    route_add(need=need, provider=provider, via=RouteVia.OPEN, now=now)  # keeps it visible after it closes
    before, after = state_move(need=need, action=Action.EXPRESS_INTEREST, now=now)
    _first_interest(need, now)
    need.save()
    event_record(
        need=need,
        action="express_interest",
        user=user,
        provider=provider,
        from_state=before,
        to_state=after,
        now=now,
    )
    notify(recipients=service_users(need.service_id), kind=NotificationKind.INTEREST, need=need, now=now)
    return interest


@transaction.atomic
def clarification_propose(
    *, need: Need, user, message: str = "", provider: Provider | None = None, now: dt.datetime | None = None
) -> Interest:
    """Propose a clarification talk (*avklaringssamtale*): a centre about its own interest, or the
    service with one of the interested centres. The other side is notified; a message goes to the
    thread between the two."""
    need = need_lock(need)
    relation = action_check(need=need, user=user, action=Action.PROPOSE_CLARIFICATION)
    personal_data_ensure_clean(fields={"message": message})
    now = now_or(now)
    by_centre = Actor.CENTRE in relation
    if by_centre:
        provider = relation.provider
        interest, _ = Interest.objects.get_or_create(
            need=need, provider=provider, defaults={"created_by": user, "created_at": now}
        )
        route_add(need=need, provider=provider, via=RouteVia.OPEN, now=now)
        _first_interest(need, now)
    else:
        interest = need.interests.filter(provider=provider, status=InterestStatus.INTERESTED).first()
        if interest is None:
            raise e.NeedValidationError.single("provider", e.CLARIFICATION_NEEDS_PROVIDER)
    interest.status, interest.updated_at = InterestStatus.CLARIFICATION, now
    interest.save(update_fields=["status", "updated_at"])
    if message.strip():
        NeedMessage.objects.create(
            need=need,
            provider=provider,
            author=user,
            from_service=not by_centre,
            body=message.strip(),
            created_at=now,
        )
    before, after = state_move(need=need, action=Action.PROPOSE_CLARIFICATION, now=now)
    need.save()
    event_record(
        need=need,
        action="propose_clarification",
        user=user,
        provider=provider,
        from_state=before,
        to_state=after,
        comment=f"Avklaringssamtale mellom tjenesten og {provider.short_name}.",
        now=now,
    )
    recipients = service_users(need.service_id) if by_centre else provider_users([provider.pk])
    notify(recipients=recipients, kind=NotificationKind.CLARIFICATION, need=need, now=now, exclude=user)
    return interest


@transaction.atomic
def need_decline(
    *,
    need: Need,
    user,
    reason: str,
    forward_provider: Provider | None = None,
    forward_actor: ReferralActor | None = None,
    comment: str = "",
    now: dt.datetime | None = None,
) -> Decline:
    """A centre declines with a coded reason and a next door. A forward to another centre routes the
    need there (that centre is notified); a forward to another actor is recorded and shown to the
    service with why and how to reach them."""
    need = need_lock(need)
    relation = action_check(need=need, user=user, action=Action.DECLINE)
    own = relation.provider
    _decline_validate(reason=reason, own=own, forward_provider=forward_provider, forward_actor=forward_actor)
    personal_data_ensure_clean(fields={"comment": comment})
    now = now_or(now)
    decline = Decline.objects.create(
        need=need,
        provider=own,
        reason=reason,
        forward_provider=forward_provider,
        forward_actor=forward_actor,
        comment=comment.strip(),
        created_by=user,
        created_at=now,
    )
    if forward_provider is not None:
        _, new = route_add(
            need=need, provider=forward_provider, via=RouteVia.FORWARD, now=now, forwarded_by=own
        )
        if new:
            notify(
                recipients=provider_users([forward_provider.pk]),
                kind=NotificationKind.FORWARDED,
                need=need,
                now=now,
            )
    before, after = state_move(need=need, action=Action.DECLINE, now=now)
    need.save()
    target = forward_provider.short_name if forward_provider else forward_actor.name
    text = f"{DeclineReason(reason).label}. Pekte videre til {target}." + (
        f" {comment.strip()}" if comment.strip() else ""
    )
    event_record(
        need=need,
        action="decline",
        user=user,
        provider=own,
        from_state=before,
        to_state=after,
        comment=text,
        now=now,
    )
    notify(recipients=service_users(need.service_id), kind=NotificationKind.DECLINED, need=need, now=now)
    return decline


def _decline_validate(*, reason, own, forward_provider, forward_actor) -> None:
    errors: dict[str, list[str]] = {}
    if reason not in DeclineReason.values:
        errors["reason"] = ["Velg en begrunnelse."]
    if forward_provider is None and forward_actor is None:
        errors["forward"] = [e.FORWARD_REQUIRED]
    elif forward_provider is not None and forward_actor is not None:
        errors["forward"] = [e.FORWARD_ONE_ONLY]
    elif forward_provider is not None and own is not None and forward_provider.pk == own.pk:
        errors["forward"] = [e.FORWARD_TO_SELF]
    if errors:
        raise e.NeedValidationError(errors)


@transaction.atomic
def need_agree(
    *, need: Need, user, interest_ids: Sequence[int], note: str = "", now: dt.datetime | None = None
) -> Need:
    """The service chooses one or more interested centres (joint delivery). The chosen centres are
    told, and so are the others, so nobody waits for an answer that will not come."""
    need = need_lock(need)
    action_check(need=need, user=user, action=Action.AGREE)
    chosen_ids = set(interest_ids)
    if not chosen_ids:
        raise e.NeedValidationError.single("interests", e.AGREE_NEEDS_INTERESTS)
    active = list(need.interests.filter(status__in=ACTIVE_INTEREST).select_related("provider"))
    chosen = [i for i in active if i.pk in chosen_ids]
    if len(chosen) != len(chosen_ids):
        raise e.NeedValidationError.single("interests", e.AGREE_UNKNOWN_INTEREST)
    personal_data_ensure_clean(fields={"note": note})
    now = now_or(now)
    others = [i for i in active if i.pk not in chosen_ids]
    need.interests.filter(pk__in=chosen_ids).update(status=InterestStatus.AGREED, updated_at=now)
    need.interests.filter(pk__in=[i.pk for i in others]).update(
        status=InterestStatus.NOT_CHOSEN, updated_at=now
    )
    before, after = state_move(need=need, action=Action.AGREE, now=now)
    need.agreed_at = now
    need.save()
    names = " og ".join(i.provider.short_name for i in chosen)
    event_record(
        need=need,
        action="agree",
        user=user,
        from_state=before,
        to_state=after,
        comment=f"Avtalt med {names}." + (f" {note.strip()}" if note.strip() else ""),
        now=now,
    )
    notify(
        recipients=provider_users([i.provider_id for i in chosen]),
        kind=NotificationKind.AGREED,
        need=need,
        now=now,
    )
    if others:
        notify(
            recipients=provider_users([i.provider_id for i in others]),
            kind=NotificationKind.NOT_CHOSEN,
            need=need,
            now=now,
        )
    return need
