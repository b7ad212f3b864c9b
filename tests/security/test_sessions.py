"""Session cookies and expiry: HttpOnly and SameSite everywhere, Secure in production; logged out
after 30 minutes idle (tests/portal/test_login.py) and after 12 hours whatever the activity."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from portal.settings.env import BASE_DIR

pytestmark = pytest.mark.django_db

TWELVE_HOURS = 12 * 60 * 60


def test_login_sets_a_strict_session_cookie(client, settings):
    response = client.post("/logg-inn/", {"username": "kommune", "password": "demo-kommune-2026"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= TWELVE_HOURS


def test_session_ends_after_twelve_hours_at_most(client):
    client.post("/logg-inn/", {"username": "kommune", "password": "demo-kommune-2026"})
    assert client.session.get_expiry_age() <= TWELVE_HOURS
    assert client.session.get_expire_at_browser_close() is False


def test_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert "portal.accounts.middleware.SessionTimeoutMiddleware" in settings.MIDDLEWARE


def test_production_cookies_are_secure():
    code = (
        "import json; from portal.settings import production as p; print(json.dumps({k: getattr(p, k) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_HTTPONLY', "
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'DEBUG', 'SESSION_COOKIE_AGE']}))"
    )
    env = {**os.environ, "DJANGO_SECRET_KEY": "p" * 64, "ALLOWED_HOSTS": "portal.example"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["DEBUG"] is False
    assert values["SESSION_COOKIE_AGE"] == TWELVE_HOURS
