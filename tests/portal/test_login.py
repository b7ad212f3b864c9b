"""Norwegian login and logout, lockout after repeated failures, logout after inactivity."""

from __future__ import annotations

import time

import pytest

from portal.accounts.throttling import LOCKED_MESSAGE

pytestmark = pytest.mark.django_db


def test_login_page_is_norwegian(client):
    response = client.get("/logg-inn/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in body
    assert "Brukernavn" in body and "Passord" in body and "Logg inn" in body


def test_wrong_password_gives_norwegian_error_and_keeps_username(client):
    response = client.post("/logg-inn/", {"username": "kommune", "password": "feil-passord"})
    body = response.content.decode()
    assert "Feil brukernavn eller passord" in body
    assert 'value="kommune"' in body


def test_demo_user_logs_in_and_out(client):
    response = client.post("/logg-inn/", {"username": "kommune", "password": "demo-kommune-2026"})
    assert response.status_code == 302 and response.url == "/min-side/"
    page = client.get("/min-side/").content.decode()
    assert "Øst-Finnmark barneverntjeneste" in page
    response = client.post("/logg-ut/")
    assert "Du er logget ut" in response.content.decode()
    assert client.get("/min-side/").status_code == 302


def test_lockout_after_repeated_failures_even_with_right_password(client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/logg-inn/", {"username": "senter", "password": "galt"})
    response = client.post("/logg-inn/", {"username": "senter", "password": "demo-senter-2026"})
    assert LOCKED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_also_covers_the_admin_login(client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "admin", "password": "galt"})
    client.post("/admin/login/", {"username": "admin", "password": "demo-admin-2026"})
    assert "_auth_user_id" not in client.session


def test_admin_accepts_demo_admin_login(client):
    response = client.post("/admin/login/", {"username": "admin", "password": "demo-admin-2026"}, follow=True)
    assert response.status_code == 200
    assert client.session.get("_auth_user_id")
    assert client.get("/admin/").status_code == 200


def test_idle_session_is_logged_out(client, settings, monkeypatch):
    client.post("/logg-inn/", {"username": "bufdir", "password": "demo-bufdir-2026"})
    assert client.get("/min-side/").status_code == 200
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + settings.SESSION_IDLE_TIMEOUT + 61)
    response = client.get("/min-side/")
    assert response.status_code == 302 and "/logg-inn/" in response.url
    follow = client.get(response.url).content.decode()
    assert "30 minutter" in follow


def test_forms_carry_csrf_protection(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/logg-inn/", {"username": "kommune", "password": "demo-kommune-2026"})
    assert response.status_code == 403
    assert 'name="csrfmiddlewaretoken"' in client.get("/logg-inn/").content.decode()
