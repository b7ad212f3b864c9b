"""The site skeleton: a Norwegian home page listing the 17 providers, plain pages, no debug output."""

from __future__ import annotations

import pytest

from portal.organisations.models import Provider

pytestmark = pytest.mark.django_db


def test_home_page_lists_every_provider(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in body
    for provider in Provider.objects.all():
        assert f'href="/sentre/{provider.slug}/"' in body, provider.slug
        assert provider.short_name in body


def test_provider_index_and_pages(client):
    assert client.get("/sentre/").status_code == 200
    body = client.get("/sentre/nubu/").content.decode()
    assert "Nasjonalt utviklingssenter for barn og unge" in body
    assert "Hele landet" in body


def test_standard_pages_exist(client):
    for path in ("/om/", "/personvern/", "/tilgjengelighetserklaering/"):
        assert client.get(path).status_code == 200, path


def test_not_found_page_is_norwegian_and_plain(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Fant ikke siden" in body
    assert "Traceback" not in body and "DEBUG" not in body


def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "nonce-" in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
