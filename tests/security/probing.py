"""Turning a permission-table probe into a request: the URL (path parameters filled with real
objects), the body, and a client signed in as the role's user."""

from __future__ import annotations

from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import Page

from .permission_table import ALLOW, TABLE, Probe


def page_samples() -> dict[str, str]:
    """One live, public page per page type: type name → URL."""
    samples: dict[str, str] = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        samples.setdefault(type(page).__name__, page.url)
    return samples


def probe_url(key: str, probe: Probe, objects: dict) -> str:
    if probe.page:
        assert probe.page in objects["pages"], f"no live, public {probe.page} to probe"
        return objects["pages"][probe.page]
    values = {name: (ref[1:] if ref.startswith("=") else objects[ref]) for name, ref in probe.params.items()}
    if values and all(name.isdigit() for name in values):  # a regex route with positional groups
        return reverse(key, args=[values[str(i)] for i in range(len(values))])
    return reverse(key, kwargs=values or None)


def _resolve(value, objects: dict):
    if isinstance(value, str) and value.startswith("@"):
        return objects[value[1:]]
    if isinstance(value, list):
        return [_resolve(v, objects) for v in value]
    return value


def probe_request(client: Client, probe: Probe, url: str, objects: dict):
    method = probe.method.lower()
    data = {name: _resolve(value, objects) for name, value in (probe.data or {}).items()}
    if probe.method == "GET":
        return client.get(url, data)
    if url.startswith("/api/"):
        return getattr(client, method)(url, data, content_type="application/json")
    return getattr(client, method)(url, data)


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def send(key: str, probe: Probe, user, objects: dict, **client_kwargs):
    """Make the probe's request as ``user`` inside a savepoint that is rolled back afterwards, so one
    role's action never changes what the next one finds. Returns (url, response)."""
    client = client_for(user, **client_kwargs)
    url = probe_url(key, probe, objects)
    with transaction.atomic():
        response = probe_request(client, probe, url, objects)
        transaction.set_rollback(True)
    return url, response


def allowed_probes(method: str) -> list[tuple[str, Probe, str]]:
    """(route key, probe, one role the table lets in) for every probe of ``method``; signed-in roles
    are preferred, so the pages show what a user of that role sees."""
    found = []
    for key, probes in TABLE.items():
        for probe in probes:
            if probe.method != method:
                continue
            roles = [role for role, outcome in probe.expect.items() if outcome == ALLOW]
            if roles:
                signed_in = [r for r in roles if r != "anonymous"]
                found.append((key, probe, (signed_in or roles)[0]))
    return found
