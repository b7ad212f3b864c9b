"""Login throttling: after too many failures for one username or one address, refuse logins for a while.

Implemented as an authentication backend plus the ``user_login_failed`` signal, so it covers every
login path (the portal's login page, Wagtail's admin login and the API's session login) alike.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

LOCKED_MESSAGE = "For mange mislykkede innloggingsforsøk. Vent 15 minutter og prøv igjen."


def _client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") if request is not None else None) or "unknown"


def _keys(username: str | None, request) -> list[str]:
    # Hash the username so the cache never holds it in clear text.
    user_key = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:user:{user_key}", f"login-fail:addr:{_client_address(request)}"]


def login_is_locked(username: str | None, request) -> bool:
    limit = settings.LOGIN_FAILURE_LIMIT
    return any((cache.get(key) or 0) >= limit for key in _keys(username, request))


def login_failure_record(username: str | None, request) -> None:
    for key in _keys(username, request):
        if cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def login_failures_clear(username: str | None, request) -> None:
    cache.delete(_keys(username, request)[0])


class ThrottledModelBackend(ModelBackend):
    """Refuses to even check the password while the username or address is locked out."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if login_is_locked(username or kwargs.get("email"), request):
            raise PermissionDenied(LOCKED_MESSAGE)
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    login_failure_record(credentials.get("username"), request)


@receiver(user_logged_in)
def _on_logged_in(sender, request, user, **kwargs):
    login_failures_clear(user.get_username(), request)
