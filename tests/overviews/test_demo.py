"""load_demo gives the overview pages content: Troms og Finnmark published, Vestland as a draft."""

from __future__ import annotations

import pytest

from katalog.models import YearlyOverviewPage
from overviews.demo import demo_overviews_load

pytestmark = pytest.mark.django_db


def test_demo_overviews_exist_and_loading_again_changes_nothing(tf_overview, vestland_draft):
    revisions = tf_overview.revisions.count() + vestland_draft.revisions.count()
    assert demo_overviews_load() == 0
    assert tf_overview.revisions.count() + vestland_draft.revisions.count() == revisions
    assert YearlyOverviewPage.objects.count() == 2


def test_troms_og_finnmark_is_published_and_curated(client, tf_overview):
    assert tf_overview.live and not tf_overview.has_unpublished_changes
    assert len(tf_overview.activities.all()) == 5
    assert sum(1 for i in tf_overview.items.all() if i.pinned) == 2
    body = client.get(tf_overview.url).content.decode()
    assert "Fremhevet av Statsforvalteren" in body and "Barnevernledersamling vår" in body


def test_vestland_is_a_draft_with_items(vestland_draft):
    assert not vestland_draft.live
    assert len(vestland_draft.get_latest_revision_as_object().items.all()) > 0
