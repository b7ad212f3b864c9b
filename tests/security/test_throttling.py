"""Throttling: the match and search APIs per client (DRF scoped throttles), the open catalogue API
per address, and logins per username and per address (portal/accounts/throttling.py)."""

from __future__ import annotations

from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle

import pytest

from matching.api import MatchView
from portal.accounts.throttling import LOCKED_MESSAGE
from search.api import SearchAPIView, SuggestAPIView

pytestmark = pytest.mark.django_db

CALLS = [
    ("POST", "/api/v1/match/", {"text": "veiledning av fosterhjem over tid"}),
    ("GET", "/api/v1/search/", {"q": "fosterhjem"}),
    ("GET", "/api/v1/search/suggest/", {"q": "foster"}),
]


def test_views_use_their_scopes():
    assert ScopedRateThrottle in MatchView.throttle_classes and MatchView.throttle_scope == "match"
    for view in (SearchAPIView, SuggestAPIView):
        assert ScopedRateThrottle in view.throttle_classes and view.throttle_scope == "search"


def test_production_rates_are_set():
    """The test settings raise the rates; the real ones live in portal/settings/base.py."""
    from portal.settings import base

    rates = base.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates["match"] == "30/minute" and rates["search"] == "120/minute" and rates["anon"]


@pytest.mark.parametrize(("method", "url", "data"), CALLS, ids=["match", "search", "suggest"])
def test_too_many_calls_get_429_in_norwegian(api_client, monkeypatch, method, url, data):
    # DRF reads the rates once at import; patch the class attribute, as the other throttle tests do.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"match": "2/minute", "search": "2/minute"})
    cache.clear()
    call = getattr(api_client, method.lower())
    codes = [call(url, data, format="json" if method == "POST" else None).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = call(url, data, format="json" if method == "POST" else None)
    assert "For mange forespørsler" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_open_catalogue_api_is_throttled_per_address(api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    cache.clear()
    codes = [api_client.get("/api/v1/taxonomy/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_login_lockout_per_address_covers_other_usernames(client, settings):
    """Guessing across many usernames from one address locks that address out too."""
    for i in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/logg-inn/", {"username": f"gjett-{i}", "password": "feil-passord"})
    response = client.post("/logg-inn/", {"username": "bufdir", "password": "demo-bufdir-2026"})
    assert LOCKED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_address(client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            "/logg-inn/", {"username": "gjett", "password": "feil-passord"}, REMOTE_ADDR="203.0.113.9"
        )
    response = client.post(
        "/logg-inn/", {"username": "bufdir", "password": "demo-bufdir-2026"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
