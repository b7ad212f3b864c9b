"""After agreement: delivery, closing with feedback, the three-month follow-up; plus withdrawing,
messages between the service and a centre, and recording reads by outsiders (domain.md §7)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from portal.accounts.roles import Role, user_roles
from portal.organisations.models import Provider

from ..models import (
    Answer,
    FeedbackKind,
    InterestStatus,
    Need,
    NeedEvent,
    NeedFeedback,
    NeedMessage,
    NeedState,
    NotificationKind,
)
from ..notifications import notify, provider_users, service_users
from ..selectors import ACTIVE_INTEREST, NeedRelation, need_relation
from ..transitions import Action, Actor
from . import errors as e
from .common import action_check, event_record, need_lock, now_or, state_move
from .guard import personal_data_ensure_clean


def _agreed_provider_ids(need: Need) -> list[int]:
    return list(need.interests.filter(status=InterestStatus.AGREED).values_list("provider_id", flat=True))


@transaction.atomic
def need_deliver(*, need: Need, user, now: dt.datetime | None = None) -> Need:
    """The service or an agreed centre marks the help as delivered; the other side is told."""
    need = need_lock(need)
    relation = action_check(need=need, user=user, action=Action.DELIVER)
    now = now_or(now)
    before, after = state_move(need=need, action=Action.DELIVER, now=now)
    need.delivered_at = now
    need.save()
    provider = relation.provider if Actor.SERVICE not in relation else None
    event_record(
        need=need, action="deliver", user=user, provider=provider, from_state=before, to_state=after, now=now
    )
    recipients = [*service_users(need.service_id), *provider_users(_agreed_provider_ids(need))]
    notify(recipients=recipients, kind=NotificationKind.DELIVERED, need=need, now=now, exclude=user)
    return need


def _feedback_validate(helped: str, changed_practice: str) -> None:
    errors = {}
    if helped not in Answer.values or helped == Answer.TOO_EARLY:
        errors["helped"] = ["Svar på om dere fikk hjelpen dere trengte."]
    if changed_practice not in Answer.values:
        errors["changed_practice"] = ["Svar på om det har ført til endring i praksis."]
    if errors:
        raise e.NeedValidationError(errors)


@transaction.atomic
def need_close(
    *,
    need: Need,
    user,
    helped: str,
    changed_practice: str,
    comment: str = "",
    now: dt.datetime | None = None,
) -> NeedFeedback:
    """Close a delivered need with short feedback (2–3 questions); the agreed centres are told."""
    need = need_lock(need)
    action_check(need=need, user=user, action=Action.CLOSE)
    _feedback_validate(helped, changed_practice)
    personal_data_ensure_clean(fields={"comment": comment})
    now = now_or(now)
    feedback = NeedFeedback.objects.create(
        need=need,
        kind=FeedbackKind.CLOSING,
        helped=helped,
        changed_practice=changed_practice,
        comment=comment.strip(),
        created_by=user,
        created_at=now,
    )
    before, after = state_move(need=need, action=Action.CLOSE, now=now)
    need.closed_at = now
    need.save()
    event_record(
        need=need,
        action="close",
        user=user,
        from_state=before,
        to_state=after,
        comment=f"Fikk hjelpen de trengte: {Answer(helped).label}.",
        now=now,
    )
    notify(
        recipients=provider_users(_agreed_provider_ids(need)),
        kind=NotificationKind.CLOSED,
        need=need,
        now=now,
    )
    return feedback


@transaction.atomic
def need_follow_up(
    *,
    need: Need,
    user,
    helped: str,
    changed_practice: str,
    comment: str = "",
    now: dt.datetime | None = None,
) -> NeedFeedback:
    """The "did it help?" answer some months after delivery (not a state change)."""
    need = need_lock(need)
    if Actor.SERVICE not in need_relation(need=need, user=user):
        raise e.ActionForbidden()
    if need.delivered_at is None or need.state not in (NeedState.DELIVERED, NeedState.CLOSED):
        raise e.NeedValidationError.single("non_field_errors", e.FOLLOW_UP_NOT_DUE)
    if need.feedback.filter(kind=FeedbackKind.FOLLOW_UP).exists():
        raise e.NeedValidationError.single("non_field_errors", e.FEEDBACK_ALREADY_GIVEN)
    _feedback_validate(helped, changed_practice)
    personal_data_ensure_clean(fields={"comment": comment})
    now = now_or(now)
    feedback = NeedFeedback.objects.create(
        need=need,
        kind=FeedbackKind.FOLLOW_UP,
        helped=helped,
        changed_practice=changed_practice,
        comment=comment.strip(),
        created_by=user,
        created_at=now,
    )
    event_record(
        need=need,
        action="follow_up",
        user=user,
        from_state=need.state,
        comment=f"Ført til endring i praksis: {Answer(changed_practice).label}.",
        now=now,
    )
    return feedback


@transaction.atomic
def need_withdraw(*, need: Need, user, comment: str = "", now: dt.datetime | None = None) -> Need:
    """The service withdraws the need; centres it was sent to or that answered are told."""
    need = need_lock(need)
    action_check(need=need, user=user, action=Action.WITHDRAW)
    personal_data_ensure_clean(fields={"comment": comment})
    now = now_or(now)
    was_published = need.state != NeedState.DRAFT
    before, after = state_move(need=need, action=Action.WITHDRAW, now=now)
    need.closed_at = now
    need.save()
    event_record(
        need=need,
        action="withdraw",
        user=user,
        from_state=before,
        to_state=after,
        comment=comment.strip(),
        now=now,
    )
    if was_published:
        ids = set(need.routes.filter(routed=True).values_list("provider_id", flat=True))
        ids |= set(need.interests.values_list("provider_id", flat=True))
        notify(recipients=provider_users(ids), kind=NotificationKind.WITHDRAWN, need=need, now=now)
    return need


def _thread_allowed(need: Need, relation: NeedRelation, provider: Provider) -> bool:
    if Actor.SERVICE in relation:
        routed = need.routes.filter(provider=provider, routed=True).exists()
        return routed or need.interests.filter(provider=provider).exists()
    return Actor.CENTRE in relation and relation.provider == provider


@transaction.atomic
def message_send(
    *, need: Need, user, provider: Provider, body: str, now: dt.datetime | None = None
) -> NeedMessage:
    """A message in the thread between the service and one centre (guarded like the need text)."""
    relation = need_relation(need=need, user=user)
    if not (relation.actors & {Actor.SERVICE, Actor.CENTRE}) or need.state == NeedState.DRAFT:
        raise e.ActionForbidden()
    if not _thread_allowed(need, relation, provider):
        raise e.NeedValidationError.single("provider", e.MESSAGE_NO_THREAD)
    if not (body or "").strip():
        raise e.NeedValidationError.single("body", e.MESSAGE_REQUIRED)
    personal_data_ensure_clean(fields={"body": body})
    now = now_or(now)
    from_service = Actor.SERVICE in relation
    message = NeedMessage.objects.create(
        need=need,
        provider=provider,
        author=user,
        from_service=from_service,
        body=body.strip(),
        created_at=now,
    )
    if not from_service:
        need.interests.filter(provider=provider, status__in=ACTIVE_INTEREST).update(updated_at=now)
    event_record(
        need=need,
        action="message",
        user=user,
        provider=provider,
        from_state=need.state,
        comment=f"Melding {'til' if from_service else 'fra'} {provider.short_name}.",
        now=now,
    )
    recipients = provider_users([provider.pk]) if from_service else service_users(need.service_id)
    notify(recipients=recipients, kind=NotificationKind.MESSAGE, need=need, now=now, exclude=user)
    return message


def need_access_record(*, need: Need, user, relation: NeedRelation, now: dt.datetime | None = None) -> bool:
    """Log a read of the need's text by someone outside the service and the centres it was sent to
    (curators, administrators, the Statsforvalter, centres reading from the open list). Once per user
    and need per day, so the trail stays readable."""
    if Actor.SERVICE in relation:
        return False
    if relation.provider is not None and need.routes.filter(provider=relation.provider, routed=True).exists():
        return False
    if not user_roles(user) & {Role.CENTRE, Role.STATSFORVALTER, Role.EDITOR, Role.ADMIN}:
        return False
    now = now_or(now)
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if NeedEvent.objects.filter(need=need, actor=user, action="view", created_at__gte=day_start).exists():
        return False
    event_record(
        need=need, action="view", user=user, provider=relation.provider, from_state=need.state, now=now
    )
    return True
