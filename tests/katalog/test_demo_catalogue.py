"""The demo catalogue as loaded: counted on the LIVE pages in the database (not the YAML), so a loader
bug that drops or unpublishes entries shows up here. The demo must exercise every facet the portal
filters and marks on."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

import pytest

from katalog.choices import AccessMode, Capacity, Language, SessionStatus
from katalog.models import Format, FormOfHelp, OfferingPage, OfferingSession, ProviderPage, Theme
from portal.organisations.models import Provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    return OfferingPage.objects.live().public()


def test_seventeen_centres_each_with_at_least_six_offerings(live):
    provider_pages = ProviderPage.objects.live().select_related("provider")
    assert provider_pages.count() == Provider.objects.count() == 17
    per_centre = {page.provider.slug: live.child_of(page).count() for page in provider_pages}
    assert min(per_centre.values()) >= 6, per_centre
    assert sum(per_centre.values()) == live.count() >= 170


def test_every_form_of_help_format_and_access_mode_is_used(live):
    assert set(live.values_list("form_of_help__code", flat=True)) == set(
        FormOfHelp.objects.values_list("code", flat=True)
    )
    assert set(live.values_list("formats__code", flat=True)) == set(
        Format.objects.values_list("code", flat=True)
    )
    assert set(live.values_list("access_mode", flat=True)) == set(AccessMode.values)


def test_themes_cover_most_of_the_taxonomy(live):
    used = set(live.values_list("themes__code", flat=True))
    assert len(used) >= 35
    assert used <= set(Theme.objects.values_list("code", flat=True))


def test_nynorsk_joint_stale_full_and_past_are_all_represented(live):
    languages = Counter(live.values_list("language", flat=True))
    assert languages[Language.NYNORSK] >= 5 and languages[Language.BOKMAL] >= 100
    assert live.filter(co_providers__isnull=False).distinct().count() >= 5
    assert sum(1 for page in live if page.is_stale) >= 5
    assert live.filter(capacity__in=[Capacity.FULL, Capacity.WAITLIST]).exists()
    sessions = OfferingSession.objects.filter(page__in=live)
    assert sessions.filter(status=SessionStatus.FULL).exists()
    assert sessions.filter(status=SessionStatus.CANCELLED).exists()
    today = timezone.localdate()
    assert any(s.is_past for s in sessions)
    assert sessions.filter(start__gt=today).count() >= 20
