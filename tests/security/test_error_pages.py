"""Errors never show debug information: no traceback, no settings, no paths, no exception text.

Views are broken on purpose with monkeypatch; the test settings run with DEBUG off, as production
does, and the client returns the 500 response instead of re-raising.
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

SECRET_MESSAGE = "hemmelig-feilmelding-som-ikke-skal-vises"
LEAKS = ("Traceback", "RuntimeError", SECRET_MESSAGE, "SECRET_KEY", "DATABASES", "/site-packages/", '.py"')


class Boom(RuntimeError):
    pass


def _boom(*args, **kwargs):
    raise Boom(SECRET_MESSAGE)


def _assert_clean(response, status: int) -> str:
    body = response.content.decode(errors="replace")
    assert response.status_code == status
    found = [leak for leak in (*LEAKS, str(settings.BASE_DIR), settings.SECRET_KEY) if leak in body]
    assert not found, f"the {status} response shows {found}"
    return body


@pytest.fixture
def lenient_client() -> Client:
    assert settings.DEBUG is False
    return Client(raise_request_exception=False)


def test_broken_page_view_gives_a_plain_500(lenient_client, monkeypatch, demo_users):
    monkeypatch.setattr("portal.accounts.views.user_roles", _boom)
    lenient_client.force_login(demo_users["kommune"])
    body = _assert_clean(lenient_client.get("/min-side/"), 500)
    assert "Noe gikk galt" in body


def test_broken_wagtail_page_gives_a_plain_500(lenient_client, monkeypatch):
    monkeypatch.setattr("portal.base.models.HomePage.get_context", _boom)
    body = _assert_clean(lenient_client.get("/"), 500)
    assert "Noe gikk galt" in body


def test_broken_context_processor_still_gives_the_500_page(lenient_client, monkeypatch):
    """handler500 renders without the request context, so it survives a failing context processor."""
    from django.template import engines

    engine = engines["django"].engine
    # The engine caches its context processors; patch that cached list, not the module function.
    monkeypatch.setattr(engine, "template_context_processors", (*engine.template_context_processors, _boom))
    body = _assert_clean(lenient_client.get("/om/"), 500)
    assert "Noe gikk galt" in body


def test_broken_api_gives_a_500_without_details(lenient_client, monkeypatch):
    monkeypatch.setattr("matching.api.text_match", _boom)
    response = lenient_client.post(
        "/api/v1/match/", {"text": "veiledning av fosterhjem over tid"}, content_type="application/json"
    )
    _assert_clean(response, 500)


def test_not_found_and_forbidden_pages_show_no_url_configuration(lenient_client, demo_users):
    body = _assert_clean(lenient_client.get("/finnes/ikke/her/"), 404)
    assert "URLconf" not in body and "Using the URLconf" not in body
    lenient_client.force_login(demo_users["bufdir"])
    body = _assert_clean(lenient_client.get("/senter/behov/"), 403)
    assert "Ingen tilgang" in body


def test_debug_is_off_unless_the_dev_settings_turn_it_on():
    from portal.settings import base

    assert base.DEBUG is False
