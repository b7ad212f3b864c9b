"""The unread-notification count in the header: one COUNT query, and only for signed-in users."""

from __future__ import annotations

from django.http import HttpRequest

from .selectors import notification_unread_count


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": notification_unread_count(user=user)}
