"""A new yearly overview is pre-filled with exactly the offerings the rules select (checked against
the demo catalogue with the rules written out again here, independently of the selector)."""

from __future__ import annotations

import datetime as dt

import pytest

from katalog.models import OfferingPage, OfferingSession, YearlyOverviewPage
from katalog.overview_selectors import overview_view_build
from katalog.services.overview import overview_create
from portal.organisations.models import County

pytestmark = pytest.mark.django_db

INCLUDED_STATUSES = {"active", "paused"}
INCLUDED_ACCESS = {
    "apen_pamelding",
    "pa_foresporsel",
    "soknad_opptak",
    "etter_avtale",
    "tildelt_bufdir",
    "tildelt_statsforvalter",
}
ALLOCATED = {"tildelt_bufdir", "tildelt_statsforvalter"}


def expected_offering_ids(embete, year: int) -> set[int]:
    """The rules, one offering at a time: live and public; national or in one of the embete's
    counties; a session overlapping the year or no sessions at all; active or paused."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counties = set(County.objects.filter(embete=embete).values_list("pk", flat=True))
    expected = set()
    for offering in OfferingPage.objects.live().public():
        if offering.status not in INCLUDED_STATUSES or offering.access_mode not in INCLUDED_ACCESS:
            continue
        in_region = offering.national or bool(counties & set(offering.regions.values_list("pk", flat=True)))
        sessions = list(OfferingSession.objects.filter(page=offering))
        in_year = not sessions or any(s.start <= last and (s.end or s.start) >= first for s in sessions)
        if in_region and in_year:
            expected.add(offering.pk)
    return expected


@pytest.fixture
def fresh_tf_overview(tf, next_year) -> YearlyOverviewPage:
    YearlyOverviewPage.objects.filter(embete=tf, year=next_year).delete()
    return overview_create(embete=tf, year=next_year)


def test_prefill_holds_exactly_the_offerings_the_rules_select(fresh_tf_overview, tf, next_year):
    expected = expected_offering_ids(tf, next_year)
    items = {i.offering_id for i in fresh_tf_overview.get_latest_revision_as_object().items.all()}
    assert items == expected
    # The rules really select: some live offerings are left out, and some are in.
    live = set(OfferingPage.objects.live().values_list("pk", flat=True))
    assert 0 < len(expected) < len(live)


def test_prefill_leaves_out_other_regions_other_years_and_ended_offerings(tf, next_year):
    dated = (
        OfferingPage.objects.live()
        .filter(national=True, status="active", sessions__start__year=next_year)
        .distinct()
        .first()
    )
    OfferingSession.objects.filter(page=dated).update(start=dt.date(next_year - 1, 3, 1), end=None)
    YearlyOverviewPage.objects.filter(embete=tf, year=next_year).delete()
    page = overview_create(embete=tf, year=next_year)
    items = {i.offering_id for i in page.get_latest_revision_as_object().items.all()}
    assert dated.pk not in items
    vestland_only = OfferingPage.objects.live().filter(national=False, regions__embete__slug="vestland")
    vestland_only = vestland_only.exclude(regions__embete=tf)
    assert vestland_only.exists() and not items & set(vestland_only.values_list("pk", flat=True))
    ended = OfferingPage.objects.live().exclude(status__in=INCLUDED_STATUSES)
    assert not items & set(ended.values_list("pk", flat=True))
    assert items == expected_offering_ids(tf, next_year)


def test_undated_on_request_offerings_are_included(fresh_tf_overview):
    items = {i.offering_id for i in fresh_tf_overview.get_latest_revision_as_object().items.all()}
    undated = OfferingPage.objects.live().filter(national=True, sessions__isnull=True, status="active")
    assert undated.exists() and set(undated.values_list("pk", flat=True)) <= items


def test_allocated_programmes_are_grouped_apart_and_paused_shown_as_paused(fresh_tf_overview):
    page = fresh_tf_overview.get_latest_revision_as_object()
    view = overview_view_build(page=page)
    allocated = {e.offering.pk for e in view.allocated}
    assert allocated and all(e.offering.access_mode in ALLOCATED for e in view.allocated)
    listed = [e for s in view.sections for g in s.groups for e in g.entries]
    assert not any(e.offering.access_mode in ALLOCATED for e in listed)
    paused = [e for e in view.entries if e.offering and e.offering.status == "paused"]
    assert all(not e.removed for e in paused)


def test_sections_are_grouped_by_theme_then_form_of_help(fresh_tf_overview):
    view = overview_view_build(page=fresh_tf_overview.get_latest_revision_as_object())
    for section in view.sections:
        forms = [g.form.pk for g in section.groups]
        assert len(forms) == len(set(forms))
        for group in section.groups:
            for entry in group.entries:
                assert entry.offering.form_of_help_id == group.form.pk
                assert section.theme in entry.offering.themes.all()


def test_one_overview_per_embete_and_year(tf_overview, tf, next_year):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyOverviewPage.objects.filter(pk=tf_overview.pk).update(slug="x")
        overview_create(embete=tf, year=next_year)


def test_admin_form_takes_embete_from_folder_and_refuses_a_second_overview_for_the_year(
    tf_overview, tf, next_year
):
    from katalog.models import OverviewFolderPage

    form_class = YearlyOverviewPage.get_edit_handler().get_form_class()
    folder = OverviewFolderPage.objects.get(embete=tf)
    empty_rich_text = '{"blocks": [], "entityMap": {}}'
    data = {"title": "Ny", "slug": "ny", "year": next_year, "intro": empty_rich_text, "contact": ""}
    for prefix in ("activities", "items", "comments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0"}
    form = form_class(data, instance=YearlyOverviewPage(), parent_page=folder, for_user=None)
    assert not form.is_valid()
    assert "allerede en årsoversikt" in str(form.errors["year"])
    data["year"] = next_year + 1
    form = form_class(data, instance=YearlyOverviewPage(), parent_page=folder, for_user=None)
    assert form.is_valid(), form.errors
    assert form.instance.embete == tf and form.cleaned_data["slug"] == str(next_year + 1)
