"""Log users out after a period without activity (30 minutes), on top of the absolute session age."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_LAST_SEEN = "_portal_last_seen"


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                request.session["_portal_timed_out"] = True
            # Writing on every request would cost a session save each time; once a minute is enough.
            elif last_seen is None or now - last_seen > 60:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)
