"""Freshness: confirming an offering, finding unconfirmed ones, reminding editors, and the admin tools
(«Bekreft at tilbudet er oppdatert» and the dashboard panel «Tilbud som må bekreftes»).

Dates are controlled: services take ``today``, the command takes ``--dato``, and pages made here get
``last_confirmed`` relative to those dates.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import PageLogEntry

import pytest

from katalog.models import OfferingPage, ProviderPage, offering_is_stale
from katalog.services.offerings import (
    CONFIRM_LOG_ACTION,
    offering_confirm,
    offering_list_stale,
    offering_list_stale_for_user,
)
from katalog.wagtail_hooks import StaleOfferingsPanel
from tests.factories import (
    CentreEditorFactory,
    CentreModeratorFactory,
    OfferingPageFactory,
    PortalEditorFactory,
    ProviderPageFactory,
)

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 6, 15)


def days_before(n: int, on: dt.date = DAY) -> dt.date:
    return on - dt.timedelta(days=n)


@pytest.fixture
def centre():
    """A centre of our own with an editor, a moderator and four live offerings of known freshness."""
    provider_page = ProviderPageFactory()
    return {
        "page": provider_page,
        "editor": CentreEditorFactory(provider_page=provider_page),
        "moderator": CentreModeratorFactory(provider_page=provider_page),
        "stale": OfferingPageFactory(
            parent=provider_page, title="Gammelt kurs", last_confirmed=days_before(400)
        ),
        "never": OfferingPageFactory(parent=provider_page, title="Aldri bekreftet", last_confirmed=None),
        "soon": OfferingPageFactory(
            parent=provider_page, title="Snart gammelt", last_confirmed=days_before(350)
        ),
        "fresh": OfferingPageFactory(
            parent=provider_page, title="Ferskt kurs", last_confirmed=days_before(10)
        ),
    }


class TestOfferingConfirm:
    def test_live_page_is_republished_with_the_confirmation(self, centre, api_client):
        page, editor = centre["stale"], centre["editor"]
        revisions_before = page.revisions.count()
        offering_confirm(page=page, user=editor, today=DAY)

        page.refresh_from_db()
        assert page.last_confirmed == DAY
        assert page.confirmed_by == editor
        assert page.revisions.count() == revisions_before + 1
        assert page.live_revision_id == page.latest_revision_id
        assert page.latest_revision.content["last_confirmed"] == DAY.isoformat()
        assert PageLogEntry.objects.filter(page=page, action=CONFIRM_LOG_ACTION, user=editor).exists()
        assert api_client.get(f"/api/v1/offerings/{page.pk}/").json()["last_confirmed"] == DAY.isoformat()

    def test_pending_draft_is_not_published_but_keeps_the_confirmation(self, centre, client):
        page, editor = centre["stale"], centre["editor"]
        page.title = "Halvferdig ny tittel"
        draft = page.save_revision(user=editor)
        offering_confirm(page=page, user=editor, today=DAY)

        page.refresh_from_db()
        assert page.title == "Gammelt kurs"  # the live version is unchanged…
        assert page.last_confirmed == DAY  # …except for the confirmation
        assert page.has_unpublished_changes
        assert page.latest_revision_id == draft.pk
        draft.refresh_from_db()
        assert draft.content["last_confirmed"] == DAY.isoformat()
        assert "Gammelt kurs" in client.get(page.url).content.decode()

        draft.publish()  # publishing the draft later does not undo the confirmation
        page.refresh_from_db()
        assert (page.title, page.last_confirmed) == ("Halvferdig ny tittel", DAY)

    def test_page_that_is_not_live_stays_unpublished(self, centre):
        page = OfferingPageFactory(parent=centre["page"], live=False, last_confirmed=None)
        offering_confirm(page=page, user=centre["editor"], today=DAY)
        page.refresh_from_db()
        assert not page.live
        assert page.last_confirmed == DAY
        assert page.latest_revision.content["last_confirmed"] == DAY.isoformat()

    def test_editor_of_another_centre_is_refused(self, centre):
        outsider = CentreEditorFactory(provider_page=ProviderPage.objects.get(provider__slug="nubu"))
        with pytest.raises(PermissionDenied):
            offering_confirm(page=centre["stale"], user=outsider, today=DAY)
        centre["stale"].refresh_from_db()
        assert centre["stale"].last_confirmed == days_before(400)


class TestStaleSelection:
    def test_stale_means_never_confirmed_or_more_than_twelve_months_ago(self, centre):
        subtree = OfferingPage.objects.descendant_of(centre["page"])
        assert {p.title for p in offering_list_stale(on=DAY, pages=subtree)} == {
            "Gammelt kurs",
            "Aldri bekreftet",
        }
        later = DAY + dt.timedelta(days=30)
        assert {p.title for p in offering_list_stale(on=later, pages=subtree)} == {
            "Gammelt kurs",
            "Aldri bekreftet",
            "Snart gammelt",
        }

    def test_selection_agrees_with_the_page_marking_on_the_day_it_turns(self, centre):
        edge = OfferingPageFactory(parent=centre["page"], last_confirmed=days_before(365))
        subtree = OfferingPage.objects.descendant_of(centre["page"])
        for on in (DAY, DAY + dt.timedelta(days=1)):
            selected = set(offering_list_stale(on=on, pages=subtree).values_list("pk", flat=True))
            assert (edge.pk in selected) is offering_is_stale(edge.last_confirmed, on)
        # …and for the whole catalogue, today: exactly the pages marked «ikke bekreftet».
        marked = {page.pk for page in OfferingPage.objects.live() if page.is_stale}
        assert marked and set(offering_list_stale().values_list("pk", flat=True)) == marked

    def test_editors_see_their_own_centre_and_portal_editors_everything(self, centre):
        mine = offering_list_stale_for_user(user=centre["editor"], on=DAY)
        assert {p.title for p in mine} == {"Gammelt kurs", "Aldri bekreftet"}
        everything = offering_list_stale_for_user(user=PortalEditorFactory(), on=DAY)
        assert set(everything) == set(offering_list_stale(on=DAY))


class TestFlagStaleOfferingsCommand:
    def test_emails_each_editor_and_moderator_titles_and_admin_links(self, centre):
        inactive = CentreEditorFactory(provider_page=centre["page"], is_active=False)
        OfferingPageFactory(parent=centre["page"], live=False, title="Utkast", last_confirmed=None)
        call_command("flag_stale_offerings", "--dato", DAY.isoformat(), stdout=io.StringIO())

        ours = {centre["editor"].email, centre["moderator"].email}
        messages = [m for m in mail.outbox if set(m.to) & (ours | {inactive.email})]
        assert sorted(m.to[0] for m in messages) == sorted(ours)  # one each, never the inactive user
        assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in messages)
        message = messages[0]
        assert centre["page"].provider.short_name in message.subject
        stale_part, soon_part = message.body.split("innen 30 dager")
        assert "Gammelt kurs" in stale_part and "Aldri bekreftet" in stale_part
        assert "Snart gammelt" in soon_part
        assert "Ferskt kurs" not in message.body and "Utkast" not in message.body
        assert reverse("wagtailadmin_pages:edit", args=[centre["stale"].pk]) in message.body
        assert reverse("katalog_offering_confirm", args=[centre["stale"].pk]) in message.body
        assert centre["stale"].summary not in message.body  # titles and links only

    def test_other_centres_do_not_get_our_offerings(self, centre):
        call_command("flag_stale_offerings", "--dato", DAY.isoformat(), stdout=io.StringIO())
        ours = {centre["editor"].email, centre["moderator"].email}
        others = [m for m in mail.outbox if not set(m.to) & ours]
        assert others, "the demo centres have stale offerings on this date too"
        assert all("Gammelt kurs" not in m.body for m in others)

    def test_dry_run_sends_nothing_and_bad_dates_are_refused(self, centre):
        call_command("flag_stale_offerings", "--dato", DAY.isoformat(), "--dry-run", stdout=io.StringIO())
        assert mail.outbox == []
        with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
            call_command("flag_stale_offerings", "--dato", "15.06.2030")


@pytest.fixture
def today_centre():
    """Like ``centre``, relative to the real today (the admin views use the clock)."""
    today = timezone.localdate()
    provider_page = ProviderPageFactory()
    return {
        "page": provider_page,
        "editor": CentreEditorFactory(provider_page=provider_page),
        "stale": OfferingPageFactory(
            parent=provider_page, title="Utdatert tilbud", last_confirmed=days_before(400, today)
        ),
        "fresh": OfferingPageFactory(parent=provider_page, title="Oppdatert tilbud", last_confirmed=today),
    }


class TestAdminTools:
    def test_dashboard_panel_lists_the_editors_own_unconfirmed_offerings(self, client, today_centre):
        client.force_login(today_centre["editor"])
        body = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Tilbud som må bekreftes" in body
        assert "Utdatert tilbud" in body
        assert "Oppdatert tilbud" not in body
        demo_stale = offering_list_stale().exclude(pk=today_centre["stale"].pk).first()
        assert demo_stale.title not in body

    def test_portal_editors_panel_covers_all_centres(self, client, demo_users, today_centre):
        client.force_login(demo_users["redaktor"])
        body = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Tilbud som må bekreftes" in body
        stale = offering_list_stale()
        assert stale.count() > 1 and stale.filter(pk=today_centre["stale"].pk).exists()
        for page in stale[: StaleOfferingsPanel.limit]:
            assert escape(page.title) in body
        if stale.count() > StaleOfferingsPanel.limit:
            assert f"av {stale.count()}" in body

    def test_edit_view_offers_the_confirm_action_on_offerings_only(self, client, today_centre):
        client.force_login(today_centre["editor"])
        page = today_centre["stale"]
        confirm_url = reverse("katalog_offering_confirm", args=[page.pk])
        assert confirm_url in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        provider_edit = client.get(reverse("wagtailadmin_pages:edit", args=[today_centre["page"].pk]))
        assert "katalog/tilbud/" not in provider_edit.content.decode()

    def test_confirm_view_needs_post_with_csrf(self, today_centre):
        page = today_centre["stale"]
        client = Client(enforce_csrf_checks=True)
        client.force_login(today_centre["editor"])
        url = reverse("katalog_offering_confirm", args=[page.pk])
        form = client.get(url)
        assert form.status_code == 200
        assert "Bekreft at tilbudet er oppdatert" in form.content.decode()
        page.refresh_from_db()
        assert page.last_confirmed == days_before(400, timezone.localdate())  # GET changes nothing

        assert client.post(url).status_code == 403  # no CSRF token
        response = client.post(url, {"csrfmiddlewaretoken": form.context["csrf_token"]})
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
        page.refresh_from_db()
        assert page.last_confirmed == timezone.localdate()
        assert page.confirmed_by == today_centre["editor"]

    def test_confirm_view_refuses_other_centres_and_anonymous_users(self, client, today_centre):
        page = today_centre["stale"]
        url = reverse("katalog_offering_confirm", args=[page.pk])
        assert "/login/" in client.post(url)["Location"]
        client.force_login(CentreEditorFactory(provider_page=ProviderPage.objects.get(provider__slug="nubu")))
        for response in (client.get(url), client.post(url)):
            # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
            assert response.status_code == 302
            assert response["Location"] == reverse("wagtailadmin_home")
        page.refresh_from_db()
        assert page.last_confirmed == days_before(400, timezone.localdate())
