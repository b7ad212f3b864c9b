"""Every route × every role, from the URL configuration: see permission_table.py for the table and
its rules. A route missing from the table fails ``test_every_route_is_in_the_table``."""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.models import Page

import pytest

from .permission_table import (
    ALLOW,
    DENY,
    LOGIN,
    ROLES,
    SKIPPED_PREFIXES,
    SKIPPED_WAGTAIL_INTERNALS,
    TABLE,
)
from .probing import page_samples, send
from .routes import Route, all_routes

pytestmark = pytest.mark.django_db

LOGIN_PATHS = {"/logg-inn/", "/admin/login/", "/_util/login/"}


def _skipped(route: Route) -> bool:
    if not route.pattern.startswith(SKIPPED_PREFIXES):
        return False
    return route.module.startswith("wagtail.") or route.pattern in SKIPPED_WAGTAIL_INTERNALS


def test_every_route_is_in_the_table():
    routes = all_routes()
    missing = [
        f"{r.key}  ({r.pattern}, {r.module})" for r in routes if r.key not in TABLE and not _skipped(r)
    ]
    assert not missing, (
        "Routes without an entry in tests/security/permission_table.py (say who may use them):\n  "
        + "\n  ".join(missing)
    )


def test_table_has_no_stale_routes():
    known = {r.key for r in all_routes()}
    stale = sorted(set(TABLE) - known)
    assert not stale, f"Entries for routes that no longer exist: {stale}"


def test_every_probe_names_every_role():
    incomplete = [
        (key, i) for key, probes in TABLE.items() for i, p in enumerate(probes) if set(p.expect) != set(ROLES)
    ]
    assert not incomplete


def test_every_page_type_is_probed():
    page_types = {type(p).__name__ for p in Page.objects.live().public().specific() if p.depth > 1}
    probed = {probe.page for probe in TABLE["wagtail_serve"]}
    assert not page_types - probed, (
        f"Page types with no probe in wagtail_serve: {sorted(page_types - probed)}"
    )


# One request per role and probe ------------------------------------------------------------------
def _outcome(response, url: str, *, signed_in: bool) -> str:
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    if status in (401, 403, 404):
        return DENY
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target in LOGIN_PATHS:
            return DENY if signed_in else LOGIN
        if target == "/admin/" and url.startswith("/admin/") and url != "/admin/":
            return DENY  # Wagtail's admin answers a refusal with its dashboard and an error message
    if status == 405:
        return "method not allowed (fix the probe)"
    return ALLOW


@pytest.mark.parametrize("key", sorted(TABLE))
def test_route(key, role_users, objects):
    known = {r.key for r in all_routes()}
    if key not in known:
        pytest.skip(f"{key} is not in the URL configuration")
    objects = {**objects, "pages": page_samples()} if key == "wagtail_serve" else objects
    mismatches = []
    for probe in TABLE[key]:
        for role in ROLES:
            user = role_users[role]
            url, response = send(key, probe, user, objects)
            outcome = _outcome(response, url, signed_in=user is not None)
            if outcome != probe.expect[role]:
                mismatches.append(
                    f"{probe.method} {url} → {response.status_code} as {role}: "
                    f"expected {probe.expect[role]}, got {outcome}"
                )
    assert not mismatches, f"{key}:\n  " + "\n  ".join(mismatches)
