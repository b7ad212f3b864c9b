"""Fixtures for the yearly overview and the dashboards: the demo world's embeter, the coming year and
the demo overviews (Troms og Finnmark published, Vestland as a draft)."""

from __future__ import annotations

from django.utils import timezone

import pytest

from katalog.models import YearlyOverviewPage
from portal.organisations.models import Embete


@pytest.fixture
def next_year() -> int:
    return timezone.localdate().year + 1


@pytest.fixture
def tf(db) -> Embete:
    return Embete.objects.get(slug="troms-og-finnmark")


@pytest.fixture
def vestland(db) -> Embete:
    return Embete.objects.get(slug="vestland")


@pytest.fixture
def tf_overview(tf, next_year) -> YearlyOverviewPage:
    return YearlyOverviewPage.objects.get(embete=tf, year=next_year)


@pytest.fixture
def vestland_draft(vestland, next_year) -> YearlyOverviewPage:
    return YearlyOverviewPage.objects.get(embete=vestland, year=next_year)


@pytest.fixture
def users(demo_users) -> dict:
    """One demo user per role, by role name used in the access matrices."""
    return {
        "kommune": demo_users["kommune"],
        "senter": demo_users["senter"],
        "statsforvalter": demo_users["statsforvalter"],
        "statsforvalter-vestland": demo_users["statsforvalter-vestland"],
        "bufdir": demo_users["bufdir"],
        "redaktor": demo_users["redaktor"],
        "admin": demo_users["admin"],
    }
