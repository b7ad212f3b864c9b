"""Who may do what with catalogue pages: centre editors only their own centre's pages, submitted through
their centre's moderation workflow; centre moderators approve and publish; portal editors everything;
anonymous visitors only published pages.

Uses the demo users: ``senter-redaktor`` and ``senter-moderator`` belong to RKBU Nord's editor and
moderator groups, ``redaktor`` is a portal editor (domain.md §7 "Roles and object permissions").
"""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import Page, Workflow

import pytest

from katalog.models import OfferingPage, ProviderPage
from portal.base.models import HomePage
from tests.factories import CentreEditorFactory, OfferingPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own():
    """RKBU Nord (the demo editor's centre) and one of its offerings."""
    provider_page = ProviderPage.objects.get(provider__slug="rkbu-nord")
    return provider_page, OfferingPage.objects.live().child_of(provider_page).first()


@pytest.fixture
def other():
    """RVTS Nord: another centre, and one of its offerings."""
    provider_page = ProviderPage.objects.get(provider__slug="rvts-nord")
    return provider_page, OfferingPage.objects.live().child_of(provider_page).first()


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def assert_denied(response) -> None:
    """Wagtail answers a logged-in user without permission with a redirect to the dashboard and the
    message «Sorry, you do not have permission to access this area» (wagtail.admin.auth)."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


class TestCentreEditorOnOtherCentres:
    def test_permission_api_refuses_edit_publish_and_move(self, demo_users, own, other):
        editor = demo_users["senter-redaktor"]
        own_provider, own_offering = own
        other_provider, other_offering = other
        tester = other_offering.permissions_for_user(editor)
        assert not tester.can_edit()
        assert not tester.can_publish()
        assert not tester.can_unpublish()
        assert not tester.can_delete()
        assert not tester.can_move()
        assert not tester.can_move_to(own_provider)
        assert not other_provider.permissions_for_user(editor).can_add_subpage()
        # Nor can an own offering be moved into the other centre.
        assert not own_offering.permissions_for_user(editor).can_move_to(other_provider)

    def test_editor_edits_own_pages_but_cannot_publish_them(self, demo_users, own):
        tester = own[1].permissions_for_user(demo_users["senter-redaktor"])
        assert tester.can_edit()
        assert tester.can_submit_for_moderation()
        assert not tester.can_publish()

    def test_admin_edit_view_turns_away_from_another_centres_page(self, client, demo_users, other):
        client.force_login(demo_users["senter-redaktor"])
        assert_denied(client.get(edit_url(other[1])))

    def test_admin_publish_of_another_centres_page_changes_nothing(self, client, demo_users, other):
        page = other[1]
        revision_before = page.latest_revision_id
        client.force_login(demo_users["senter-redaktor"])
        assert_denied(client.post(edit_url(page), {"title": "Kapret", "action-publish": "action-publish"}))
        page.refresh_from_db()
        assert page.latest_revision_id == revision_before
        assert page.title != "Kapret"

    def test_admin_move_and_unpublish_views_refuse(self, client, demo_users, own, other):
        client.force_login(demo_users["senter-redaktor"])
        page = other[1]
        move = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, own[0].pk])
        assert_denied(client.post(move))
        assert_denied(client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
        page.refresh_from_db()
        assert page.live and page.get_parent().pk == other[0].pk

    def test_anonymous_users_are_sent_to_login(self, client, other):
        response = client.get(edit_url(other[1]))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


class TestModerationWorkflow:
    def test_editors_submission_goes_to_their_centre_and_a_moderator_publishes_it(
        self, client, demo_users, own
    ):
        editor, moderator = demo_users["senter-redaktor"], demo_users["senter-moderator"]
        page = own[1]
        page.title = "Ny tittel fra redaktøren"
        page.save_revision(user=editor)
        workflow = page.get_workflow()
        assert workflow == Workflow.objects.get(name="Godkjenning – RKBU Nord")
        workflow.start(page, editor)

        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        task = task_state.task.specific
        assert {g.name for g in task.groups.all()} == {"RKBU Nord – moderatorer"}
        assert "approve" not in {name for name, *_ in task.get_actions(page, editor)}
        assert page.title != "Ny tittel fra redaktøren"  # not live until approved

        action = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        client.force_login(editor)
        assert_denied(client.post(action, {"comment": ""}))
        page.refresh_from_db()
        assert page.title != "Ny tittel fra redaktøren"

        client.force_login(moderator)
        assert client.post(action, {"comment": "Ser bra ut"}).status_code == 302
        page.refresh_from_db()
        assert page.title == "Ny tittel fra redaktøren"
        assert page.live and not page.has_unpublished_changes
        assert client.get(page.url).status_code == 200

    def test_another_centres_moderator_cannot_approve(self, client, demo_users, own):
        page = own[1]
        page.save_revision(user=demo_users["senter-redaktor"])
        page.get_workflow().start(page, demo_users["senter-redaktor"])
        page.refresh_from_db()
        outsider = CentreEditorFactory(provider_page=ProviderPage.objects.get(provider__slug="nubu"))
        task_state = page.current_workflow_task_state
        assert not task_state.task.specific.get_actions(page, outsider)


class TestPortalEditors:
    def test_portal_editor_can_edit_and_publish_every_page(self, demo_users):
        editor = demo_users["redaktor"]
        home = HomePage.objects.get()
        for page in [home, *Page.objects.descendant_of(home).specific()]:
            tester = page.permissions_for_user(editor)
            assert tester.can_edit(), page
            assert tester.can_publish(), page

    def test_portal_editor_opens_any_centres_page_in_the_admin(self, client, demo_users, other):
        client.force_login(demo_users["redaktor"])
        assert client.get(edit_url(other[1])).status_code == 200
        assert client.get(edit_url(other[0])).status_code == 200


class TestAnonymousVisitors:
    def test_only_published_pages_are_served(self, client, own):
        provider_page = own[0]
        draft = OfferingPageFactory(parent=provider_page, live=False, title="Uferdig utkast")
        unpublished = OfferingPageFactory(parent=provider_page, title="Trukket tilbake")
        unpublished_url = unpublished.url
        assert client.get(unpublished_url).status_code == 200
        unpublished.unpublish()

        assert client.get(f"{provider_page.url}{draft.slug}/").status_code == 404
        assert client.get(unpublished_url).status_code == 404
        listing = client.get(provider_page.url).content.decode()
        assert "Uferdig utkast" not in listing and "Trukket tilbake" not in listing
