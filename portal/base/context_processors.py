"""Template context every page needs: the signed-in user's roles and the main navigation."""

from __future__ import annotations

from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    from portal.accounts.roles import user_roles

    roles = user_roles(getattr(request, "user", None))
    return {
        "user_roles": roles,
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
