"""CSRF on every form and every state-changing request.

- Every page in the permission table that some role may open is rendered as that role, and every
  ``<form method="post">`` on it must carry a ``csrfmiddlewaretoken``.
- Every POST/PUT/PATCH in the table is sent by a signed-in role allowed to make it, without a token:
  403. (The JSON API uses session authentication, which enforces CSRF for signed-in users; anonymous
  calls to the public match API carry no session to abuse.)
"""

from __future__ import annotations

import re

import pytest

from .probing import allowed_probes, page_samples, send

pytestmark = pytest.mark.django_db

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)


def test_every_post_form_carries_a_csrf_token(role_users, objects):
    objects = {**objects, "pages": page_samples()}
    missing, forms = [], 0
    for key, probe, role in allowed_probes("GET"):
        url, response = send(key, probe, role_users[role], objects)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for attributes, inner in FORM.findall(response.content.decode(errors="replace")):
            if 'method="post"' not in attributes.lower():
                continue
            forms += 1
            if 'name="csrfmiddlewaretoken"' not in inner:
                missing.append(f"{url} (as {role}): <form{attributes}>")
    assert forms >= 10, f"only {forms} POST forms were found"
    assert not missing, "POST forms without a CSRF token:\n" + "\n".join(missing)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_writes_without_a_token_are_refused(role_users, objects, method):
    refused, accepted = 0, []
    for key, probe, role in allowed_probes(method):
        url, response = send(key, probe, role_users[role], objects, enforce_csrf_checks=True)
        if response.status_code == 403:
            refused += 1
        else:
            accepted.append(f"{method} {url} as {role} → {response.status_code}")
    assert not accepted, "Accepted without a CSRF token:\n" + "\n".join(accepted)
    if method == "POST":
        assert refused >= 20


def test_login_without_a_token_is_refused():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/logg-inn/", {"username": "kommune", "password": "demo-kommune-2026"})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session
