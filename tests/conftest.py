"""Shared fixtures. The session database holds the reference data and the demo world (users, the
demo catalogue, demo needs), loaded once; every test runs in a transaction rolled back afterwards."""

from __future__ import annotations

from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def demo_users(db) -> dict:
    """The demo users by username (one per role; see portal/accounts/demo.py)."""
    from portal.accounts.models import User

    return {u.username: u for u in User.objects.filter(email__endswith="@demo.invalid")}
