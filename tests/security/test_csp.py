"""Content-Security-Policy on every page type: scripts only from our origin or with this response's
nonce, never 'unsafe-inline' outside Wagtail's admin; no inline event handlers or javascript: URLs.

The pages are every GET in the permission table that some role may open (so a new page is covered
as soon as its route is in the table), fetched as a role allowed to see it. The browser tests also
fail on any CSP violation the browser reports (tests/e2e/conftest.py).
"""

from __future__ import annotations

import re

import pytest

from .probing import allowed_probes, page_samples, send

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def _directives(policy: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {name: (value[0] if value else "") for name, *value in parts}


def test_every_html_page_has_a_strict_script_policy(role_users, objects):
    objects = {**objects, "pages": page_samples()}
    problems, checked = [], 0
    for key, probe, role in allowed_probes("GET"):
        url, response = send(key, probe, role_users[role], objects)
        if url.startswith("/admin/") or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        policy = response.get("Content-Security-Policy", "")
        directives = _directives(policy)
        script_src = directives.get("script-src", "")
        nonce = re.search(r"'nonce-([^']+)'", script_src)
        body = response.content.decode(errors="replace")
        where = f"{url} (as {role})"
        if not policy:
            problems.append(f"{where}: no Content-Security-Policy header")
            continue
        if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src or not nonce:
            problems.append(f"{where}: script-src is {script_src!r}")
        if directives.get("object-src") != "'none'" or directives.get("frame-ancestors") != "'none'":
            problems.append(f"{where}: object-src/frame-ancestors not 'none'")
        for attributes in SCRIPT_TAG.findall(body):
            if "src=" not in attributes and (not nonce or f'nonce="{nonce.group(1)}"' not in attributes):
                problems.append(f"{where}: inline <script{attributes}> without this response's nonce")
        if EVENT_HANDLER.search(body):
            problems.append(f"{where}: inline event handler ({EVENT_HANDLER.search(body).group(0)[:80]})")
        if JS_URL.search(body):
            problems.append(f"{where}: javascript: URL")
    assert checked >= 20, f"only {checked} HTML pages were checked"
    assert not problems, "\n".join(problems)


def test_nonce_changes_on_every_response(client):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert re.search(r"'nonce-[^']+'", first) and first != second


def test_admin_keeps_a_policy_of_its_own(client, demo_users):
    client.force_login(demo_users["admin"])
    policy = _directives(client.get("/admin/")["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
