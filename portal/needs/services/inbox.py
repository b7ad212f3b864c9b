"""Writes on the user's own notifications: marking them read, choosing immediate mail or a digest."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..models import Notification


def notifications_mark_read(*, user, now: dt.datetime | None = None) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


def notification_preference_set(*, user, immediately: bool) -> None:
    """Immediate e-mail, or one daily digest from ``send_reminders``."""
    user.notify_immediately = immediately
    user.save(update_fields=["notify_immediately"])
