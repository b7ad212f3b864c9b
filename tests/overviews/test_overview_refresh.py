"""Refreshing an overview from the catalogue: new offerings come in, changed and removed ones are
marked, and every curator edit (pins, order, notes, hidden items, activities) survives."""

from __future__ import annotations

import pytest

from katalog.models import Format, FormOfHelp, OfferingPage, ProviderPage, Theme, YearlyOverviewPage
from katalog.overview_selectors import overview_view_build
from katalog.services.overview import overview_refresh

pytestmark = pytest.mark.django_db


def publish_offering_change(offering: OfferingPage, **fields) -> OfferingPage:
    """Change an offering the way a centre editor does: edit the latest revision and publish it."""
    draft = offering.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return OfferingPage.objects.get(pk=offering.pk)


def cancel_first_session(offering: OfferingPage, year: int):
    draft = offering.get_latest_revision_as_object()
    sessions = list(draft.sessions.all())
    session = next(s for s in sessions if s.start.year == year and s.status != "cancelled")
    session.status = "cancelled"
    draft.sessions = sessions
    draft.save_revision().publish()
    return session


def new_national_offering(title: str = "Nytt tilbud på forespørsel") -> OfferingPage:
    provider_page = ProviderPage.objects.get(provider__slug="rkbu-nord")
    page = OfferingPage(
        title=title,
        slug="nytt-tilbud-pa-foresporsel",
        summary="Et nytt tilbud for testen.",
        form_of_help=FormOfHelp.objects.get(code="VEIL"),
        national=True,
        access_mode="pa_foresporsel",
        status="active",
    )
    page.themes.set([Theme.objects.filter(no_fit=False).first()])
    page.formats.set([Format.objects.first()])
    provider_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def curated(tf_overview, users):
    """The curator pins, annotates, hides and reorders, then publishes (a human edition)."""
    curator = users["statsforvalter"]
    draft = tf_overview.get_latest_revision_as_object()
    items = list(draft.items.all())
    items[3].pinned = True
    items[4].note = "Passer godt for små tjenester i Finnmark."
    items[5].hidden = True
    items[-1].sort_order, items[0].sort_order = items[0].sort_order, items[-1].sort_order
    draft.items = items
    draft.save_revision(user=curator).publish(user=curator)
    page = YearlyOverviewPage.objects.get(pk=tf_overview.pk)
    return page, {
        "pinned": items[3].offering_id,
        "noted": items[4].offering_id,
        "hidden": items[5].offering_id,
        "order": [i.offering_id for i in sorted(items, key=lambda i: i.sort_order)],
        "all": [i.offering_id for i in items],
    }


def ordered_ids(page: YearlyOverviewPage) -> list[int]:
    return [i.offering_id for i in sorted(page.items.all(), key=lambda i: i.sort_order)]


def pick(page: YearlyOverviewPage, edits: dict, *, dated: bool, year: int) -> OfferingPage:
    """An offering in the overview, active, not touched by the curator (dated: with a session in year)."""
    skip = {edits["pinned"], edits["noted"], edits["hidden"]} | edits.setdefault("used", set())
    for offering_id in edits["all"]:
        offering = OfferingPage.objects.get(pk=offering_id)
        has_session = offering.sessions.filter(start__year=year).exclude(status="cancelled").exists()
        bookable = offering.national and offering.access_mode not in (
            "tildelt_bufdir",
            "tildelt_statsforvalter",
        )
        if offering_id not in skip and offering.status == "active" and has_session == dated and bookable:
            edits["used"].add(offering_id)
            return offering
    raise AssertionError("no suitable offering in the demo overview")


class TestRefresh:
    def test_curator_edits_survive_and_catalogue_changes_are_marked(
        self, curated, next_year, mailoutbox, django_capture_on_commit_callbacks, client
    ):
        page, edits = curated
        cancelled_session_offering = pick(page, edits, dated=True, year=next_year)
        cancel_first_session(cancelled_session_offering, next_year)
        paused = publish_offering_change(pick(page, edits, dated=False, year=next_year), status="paused")
        dropped = publish_offering_change(pick(page, edits, dated=False, year=next_year), status="cancelled")
        added = new_national_offering()

        with django_capture_on_commit_callbacks(execute=True):
            result = overview_refresh(page=page)

        assert result.added == [added.title]
        assert result.removed == [dropped.title]
        assert any("avlyst" in c for c in result.changed[cancelled_session_offering.title])
        assert result.changed[paused.title] == ["Status: Aktivt → Pause"]

        page = YearlyOverviewPage.objects.get(pk=page.pk)
        assert not page.has_unpublished_changes  # it was published and clean, so the refresh published
        items = {i.offering_id: i for i in page.items.all()}
        assert items[edits["pinned"]].pinned
        assert items[edits["noted"]].note == "Passer godt for små tjenester i Finnmark."
        assert items[edits["hidden"]].hidden
        assert ordered_ids(page) == edits["order"] + [added.pk]
        assert len(page.activities.all()) == 5

        view = overview_view_build(page=page)
        by_offering = {e.offering.pk: e for e in view.entries if e.offering}
        assert by_offering[dropped.pk] in view.removed
        assert "avlyst" in by_offering[dropped.pk].removed_reason
        assert any("avlyst" in c for c in by_offering[cancelled_session_offering.pk].changes)
        assert "Status: Aktivt → Pause" in by_offering[paused.pk].changes
        assert by_offering[added.pk].is_new
        assert edits["hidden"] not in by_offering

        body = client.get(page.url).content.decode()
        assert "Endret siden forrige versjon" in body
        assert "Ny siden forrige versjon" in body
        assert "Ikke lenger tilgjengelig" in body

        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["statsforvalter@demo.invalid"]
        assert page.title in mailoutbox[0].subject
        assert dropped.title in mailoutbox[0].body

    def test_refresh_without_catalogue_changes_saves_nothing(self, tf_overview, mailoutbox):
        revisions = tf_overview.revisions.count()
        result = overview_refresh(page=tf_overview)
        assert not result.has_changes
        assert tf_overview.revisions.count() == revisions
        assert mailoutbox == []

    def test_a_pending_draft_gets_the_new_items_but_is_not_published(self, tf_overview, users):
        curator = users["statsforvalter"]
        draft = tf_overview.get_latest_revision_as_object()
        draft.contact = "Endret i utkast"
        draft.save_revision(user=curator)
        added = new_national_offering()

        overview_refresh(page=tf_overview)

        page = YearlyOverviewPage.objects.get(pk=tf_overview.pk)
        assert page.has_unpublished_changes
        assert page.contact != "Endret i utkast"
        assert added.pk not in {i.offering_id for i in page.items.all()}
        latest = page.get_latest_revision_as_object()
        assert latest.contact == "Endret i utkast"
        assert added.pk in {i.offering_id for i in latest.items.all()}

    def test_markers_clear_when_the_curator_publishes_a_new_version(self, curated, next_year, users):
        page, edits = curated
        paused = publish_offering_change(pick(page, edits, dated=False, year=next_year), status="paused")
        overview_refresh(page=page)
        entry = next(
            e for e in overview_view_build(page=page).entries if e.offering and e.offering.pk == paused.pk
        )
        assert entry.changes

        curator = users["statsforvalter"]
        page.get_latest_revision().publish(user=curator)
        page = YearlyOverviewPage.objects.get(pk=page.pk)
        entry = next(
            e for e in overview_view_build(page=page).entries if e.offering and e.offering.pk == paused.pk
        )
        assert entry.changes == []

    def test_an_offering_that_qualifies_again_is_restored(self, curated, next_year):
        page, edits = curated
        offering = pick(page, edits, dated=False, year=next_year)
        publish_offering_change(offering, status="ended")
        assert overview_refresh(page=page).removed == [offering.title]
        publish_offering_change(offering, status="active")
        assert overview_refresh(page=page).restored == [offering.title]
        state = page.offering_states.get(offering_key=offering.pk)
        assert state.removed_reason == ""

    def test_an_offering_the_curator_added_by_hand_is_kept(self, tf_overview, users):
        outside = (
            OfferingPage.objects.live()
            .filter(national=False)
            .exclude(regions__embete=tf_overview.embete)
            .first()
        )
        draft = tf_overview.get_latest_revision_as_object()
        items = list(draft.items.all())
        from katalog.models import OverviewItem

        items.append(OverviewItem(offering=outside, sort_order=999, note="Også aktuelt for oss"))
        draft.items = items
        curator = users["statsforvalter"]
        draft.save_revision(user=curator).publish(user=curator)

        overview_refresh(page=tf_overview)
        overview_refresh(page=tf_overview)

        page = YearlyOverviewPage.objects.get(pk=tf_overview.pk)
        state = page.offering_states.get(offering_key=outside.pk)
        assert state.source == "curator" and not state.removed
        entry = next(
            e for e in overview_view_build(page=page).entries if e.offering and e.offering.pk == outside.pk
        )
        assert not entry.removed and entry.note == "Også aktuelt for oss"

    def test_a_cancelled_session_shows_on_the_public_page_before_any_refresh(
        self, curated, next_year, client
    ):
        page, edits = curated
        offering = pick(page, edits, dated=True, year=next_year)
        session = cancel_first_session(offering, next_year)
        body = client.get(page.url).content.decode()
        assert f"{session.start:%d.%m.%Y} {session.place}: avlyst" in body


def test_nightly_command_refreshes_this_and_coming_years(
    tf_overview, vestland_draft, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    added = new_national_offering()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_overviews", stdout=out)
    assert "2 årsoversikter sjekket, 2 endret" in out.getvalue()
    for page in (tf_overview, vestland_draft):
        latest = YearlyOverviewPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert added.pk in {i.offering_id for i in latest.items.all()}


def test_curator_refreshes_from_the_admin(client, users, tf_overview):
    added = new_national_offering()
    client.force_login(users["statsforvalter"])
    url = f"/admin/arsoversikt/{tf_overview.pk}/oppdater/"
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{tf_overview.pk}/edit/"
    page = YearlyOverviewPage.objects.get(pk=tf_overview.pk)
    assert added.pk in {i.offering_id for i in page.items.all()}
    edit = client.get(f"/admin/pages/{tf_overview.pk}/edit/").content.decode()
    assert "Oppdater fra katalogen" in edit


def test_an_item_the_curator_deleted_does_not_come_back(tf_overview, users):
    curator = users["statsforvalter"]
    draft = tf_overview.get_latest_revision_as_object()
    items = list(draft.items.all())
    deleted = items.pop(0)
    draft.items = items
    draft.save_revision(user=curator).publish(user=curator)

    result = overview_refresh(page=tf_overview)

    assert not result.has_changes
    latest = YearlyOverviewPage.objects.get(pk=tf_overview.pk).get_latest_revision_as_object()
    assert deleted.offering_id not in {i.offering_id for i in latest.items.all()}
