"""Content-Security-Policy without 'unsafe-inline' for scripts.

Public pages load scripts only from our own origin; the few inline blocks carry a per-request nonce
(JSON-LD is data, but browsers still apply script-src to it). Wagtail's admin renders a few inline
scripts in its panel and date widgets, so the admin — editors only, behind login — gets
'unsafe-inline'; a nonce would switch that off in modern browsers, so the admin policy has none.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    @staticmethod
    def policy(request: HttpRequest) -> str:
        nonce = request.csp_nonce
        is_admin = request.path.startswith(("/admin/", "/django-admin/"))
        # Wagtail's admin writes style attributes from its own scripts, and the API docs page (ReDoc)
        # needs the same; public pages keep styles to our own stylesheet.
        style_src = "'self' 'unsafe-inline'" if is_admin or request.path.startswith("/api/") else "'self'"
        script_src = "'self' 'unsafe-inline'" if is_admin else f"'self' 'nonce-{nonce}'"
        return "; ".join(
            [
                "default-src 'self'",
                f"script-src {script_src}",
                f"style-src {style_src}",
                "img-src 'self' data: blob:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "frame-ancestors 'none'",
                "form-action 'self'",
                "base-uri 'self'",
                "object-src 'none'",
            ]
        )
