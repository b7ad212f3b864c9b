"""Every page type has a factory, and what it makes is a valid, servable page. Page types are found
through Wagtail's registry, so a new page type without a factory fails here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from wagtail.models import Page, get_page_models

import pytest

from katalog.models import OfferingPage, OfferingSession
from portal.accounts.roles import Role, user_roles
from tests import factories

pytestmark = pytest.mark.django_db

PROJECT_PACKAGES = ("portal", "katalog", "search", "matching")


def project_page_models() -> list[type[Page]]:
    return [m for m in get_page_models() if m.__module__.split(".")[0] in PROJECT_PACKAGES]


def test_the_project_has_page_types():
    names = {m.__name__ for m in project_page_models()}
    assert {
        "HomePage",
        "StandardPage",
        "ProviderIndexPage",
        "ProviderPage",
        "OfferingPage",
        "ThemeIndexPage",
    } <= names


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_has_a_working_factory(client, model):
    factory = factories.PAGE_FACTORIES.get(model)
    assert factory is not None, f"{model.__name__} has no factory in tests/factories.py (PAGE_FACTORIES)"
    page = factory()
    assert type(page) is model
    assert page.live and page.live_revision_id
    page.full_clean()
    assert model.can_exist_under(page.get_parent().specific)
    # Served like a visitor would see it: through the site when the page is in it, else directly.
    if page.url:
        response = client.get(page.url)
    else:
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        response = page.serve(request)
        response.render()
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_offering_factory_builds_a_draft_with_relations_and_sessions():
    page = factories.OfferingPageFactory(live=False, sessions=[{"start": "2031-01-05", "place": "Bodø"}])
    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().specific.provider is not None
    assert list(page.themes.values_list("code", flat=True)) == ["T01"]
    assert page.latest_revision.content["sessions"][0]["place"] == "Bodø"
    session = factories.OfferingSessionFactory(page=page)
    assert OfferingSession.objects.filter(page=page).count() == 2
    assert session.page_id == page.pk and isinstance(page, OfferingPage)


@pytest.mark.parametrize(
    ("factory", "role"),
    [
        (factories.CentreEditorFactory, Role.CENTRE),
        (factories.CentreModeratorFactory, Role.CENTRE),
        (factories.PortalEditorFactory, Role.EDITOR),
        (factories.MunicipalUserFactory, Role.MUNICIPAL),
        (factories.StatsforvalterUserFactory, Role.STATSFORVALTER),
        (factories.BufdirUserFactory, Role.BUFDIR),
        (factories.AdminUserFactory, Role.ADMIN),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_user_factories_give_each_role(factory, role):
    user = factory()
    assert role in user_roles(user)
    assert user.check_password(factories.TEST_PASSWORD)


def test_centre_user_factories_join_the_centres_own_groups():
    provider_page = factories.ProviderPageFactory()
    editor = factories.CentreEditorFactory(provider_page=provider_page)
    moderator = factories.CentreModeratorFactory(provider_page=provider_page)
    offering = factories.OfferingPageFactory(parent=provider_page)
    assert editor.provider == provider_page.provider
    assert offering.permissions_for_user(editor).can_edit()
    assert not offering.permissions_for_user(editor).can_publish()
    assert offering.permissions_for_user(moderator).can_publish()
