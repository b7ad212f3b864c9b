"""The daily job (``manage.py send_reminders``): escalations, stale interest, the three-month
follow-up, expiry, daily digests, and removal of drafts flagged for personal data.

Every step takes ``now`` so tests run it on a controlled clock, and every step records what it sent
(``SentReminder``) so running the job twice on the same day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.accounts.models import User

from ..models import (
    OPEN_STATES,
    FeedbackKind,
    Interest,
    Need,
    NeedState,
    Notification,
    NotificationKind,
    SentReminder,
)
from ..notifications import digest_email, notify, provider_users, service_users
from ..selectors import ACTIVE_INTEREST
from ..transitions import Action
from ..workdays import working_days_between
from .common import event_record, state_move
from .publishing import need_escalate

logger = logging.getLogger(__name__)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def reminder_claim(*, key: str, kind: str, now: dt.datetime) -> bool:
    """Record that ``key`` is being sent; False if it already was (the idempotency check)."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key, kind=kind, created_at=now)
    except IntegrityError:
        return False
    return True


def _day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def needs_escalate_due(*, now: dt.datetime) -> int:
    """Published needs without interest after NEED_ESCALATION_WORKING_DAYS working days."""
    limit = _setting("NEED_ESCALATION_WORKING_DAYS", 10)
    today = _day(now)
    count = 0
    candidates = Need.objects.filter(
        state=NeedState.PUBLISHED, escalated_at__isnull=True, published_at__isnull=False
    ).select_related("service__host_municipality")
    for need in candidates:
        if working_days_between(_day(need.published_at), today) < limit:
            continue
        if reminder_claim(key=f"escalate:{need.pk}", kind="escalate", now=now):
            with transaction.atomic():
                count += need_escalate(
                    need=need, now=now, reason=f"Ingen interesse etter {limit} arbeidsdager."
                )
    return count


def interests_remind_stale(*, now: dt.datetime) -> int:
    """Remind a centre that expressed interest but has done nothing for N working days."""
    limit = _setting("NEED_STALE_INTEREST_WORKING_DAYS", 5)
    today = _day(now)
    count = 0
    stale = Interest.objects.filter(
        status__in=ACTIVE_INTEREST, need__state__in=(NeedState.INTEREST, NeedState.CLARIFICATION)
    ).select_related("need")
    for interest in stale:
        last = _day(interest.updated_at)
        if working_days_between(last, today) < limit:
            continue
        if reminder_claim(key=f"stale:{interest.pk}:{last.isoformat()}", kind="stale_interest", now=now):
            notify(
                recipients=provider_users([interest.provider_id]),
                kind=NotificationKind.STALE_INTEREST,
                need=interest.need,
                now=now,
            )
            count += 1
    return count


def needs_follow_up_due(*, now: dt.datetime) -> int:
    """Ask the service "did it help?" NEED_FOLLOW_UP_DAYS after delivery."""
    days = _setting("NEED_FOLLOW_UP_DAYS", 90)
    cutoff = now - dt.timedelta(days=days)
    count = 0
    due = (
        Need.objects.filter(state__in=(NeedState.DELIVERED, NeedState.CLOSED), delivered_at__lte=cutoff)
        .exclude(feedback__kind=FeedbackKind.FOLLOW_UP)
        .distinct()
    )
    for need in due:
        if reminder_claim(key=f"follow-up:{need.pk}", kind="follow_up", now=now):
            notify(
                recipients=service_users(need.service_id), kind=NotificationKind.FOLLOW_UP, need=need, now=now
            )
            count += 1
    return count


def needs_expire_due(*, now: dt.datetime) -> int:
    """Open needs nobody agreed on within NEED_EXPIRY_DAYS of publishing expire; the service is told
    and can post again."""
    cutoff = now - dt.timedelta(days=_setting("NEED_EXPIRY_DAYS", 120))
    count = 0
    for need in Need.objects.filter(state__in=OPEN_STATES, published_at__lte=cutoff):
        need_expire(need=need, now=now)
        count += 1
    return count


@transaction.atomic
def need_expire(*, need: Need, now: dt.datetime) -> Need:
    """The system's EXPIRE transition: the service is told and can post the need again."""
    before, after = state_move(need=need, action=Action.EXPIRE, now=now)
    need.closed_at = now
    need.save()
    days = _setting("NEED_EXPIRY_DAYS", 120)
    event_record(
        need=need,
        action="expire",
        from_state=before,
        to_state=after,
        now=now,
        comment=f"Ingen avtale innen {days} dager etter publisering.",
    )
    notify(recipients=service_users(need.service_id), kind=NotificationKind.EXPIRED, need=need, now=now)
    return need


def digests_send(*, now: dt.datetime) -> int:
    """One e-mail per user who chose the daily digest, listing what has not been e-mailed yet."""
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__notify_immediately=False)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    users: dict[int, User] = {}
    for notification in pending:
        by_user[notification.recipient_id].append(notification)
        users[notification.recipient_id] = notification.recipient
    sent = 0
    for user_id, notifications in by_user.items():
        if reminder_claim(key=f"digest:{user_id}:{_day(now).isoformat()}", kind="digest", now=now):
            sent += digest_email(user=users[user_id], notifications=notifications, now=now)
    return sent


def flagged_drafts_purge(*, now: dt.datetime) -> int:
    """Drafts flagged for personal data are deleted after NEED_FLAGGED_DRAFT_DAYS (domain.md §7)."""
    cutoff = now - dt.timedelta(days=_setting("NEED_FLAGGED_DRAFT_DAYS", 30))
    drafts = Need.objects.filter(state=NeedState.DRAFT, personal_data_blocked=True, updated_at__lte=cutoff)
    _, per_model = drafts.delete()
    return per_model.get(Need._meta.label, 0)


def reminders_send(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every daily step; returns how many of each were sent or changed."""
    now = now or timezone.now()
    counts = {
        "escalated": needs_escalate_due(now=now),
        "stale_interest": interests_remind_stale(now=now),
        "follow_up": needs_follow_up_due(now=now),
        "expired": needs_expire_due(now=now),
        "flagged_drafts_deleted": flagged_drafts_purge(now=now),
    }
    # Last, so today's escalations and reminders are in today's digest.
    counts["digests"] = digests_send(now=now)
    logger.info("Reminders sent: %s", counts)
    return counts
