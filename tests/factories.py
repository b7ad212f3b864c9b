"""factory_boy + wagtail-factories factories: one per page type (see ``PAGE_FACTORIES`` and the sanity
test that fails when a page type has none), the offering's sessions, centres, and users per role.

Pages are created the way editors create them: added under a valid parent and saved as a revision,
published when ``live`` (the default), left as a draft otherwise.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wagtail.models import Page

import factory
import wagtail_factories

from katalog.choices import AccessMode, SessionStatus
from katalog.models import (
    Format,
    FormOfHelp,
    OfferingPage,
    OfferingSession,
    OverviewFolderPage,
    OverviewIndexPage,
    ProviderIndexPage,
    ProviderPage,
    Theme,
    ThemeIndexPage,
    YearlyOverviewPage,
)
from katalog.services.site import provider_groups_ensure, provider_workflow_ensure
from portal.accounts.models import User
from portal.accounts.roles import Role, user_assign_role
from portal.base.models import HomePage, StandardPage
from portal.organisations.models import ChildWelfareService, Embete, Provider, ProviderFamily

TEST_PASSWORD = "test-passord-2026"


def _home() -> HomePage:
    return HomePage.objects.first() or HomePageFactory()


def _provider_index() -> ProviderIndexPage:
    return ProviderIndexPage.objects.first() or ProviderIndexPageFactory()


def _publish_or_draft(page: Page) -> None:
    """Save what the factory set (relations included) as a revision; publish it unless a draft."""
    page.save()
    revision = page.save_revision()
    if page.live:
        revision.publish()
    # Publishing saves a copy made from the revision; give the caller the page as stored.
    page.refresh_from_db()


class PortalPageFactory(wagtail_factories.PageFactory):
    live = True

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create:
            _publish_or_draft(obj)


# --- Reference data -------------------------------------------------------------------------------


class EmbeteFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"testembete-{n}")
    name = factory.Sequence(lambda n: f"Statsforvalteren i Testfylke {n}")

    class Meta:
        model = Embete


class ProviderFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"testsenter-{n}")
    family = ProviderFamily.RKBU_RBUP
    short_name = factory.Sequence(lambda n: f"Testsenter {n}")
    name = factory.LazyAttribute(lambda o: f"{o.short_name} for barn og unge")
    city = "Tromsø"
    profile = "Et kompetansesenter laget for tester."
    website = "test.invalid"

    class Meta:
        model = Provider


# --- Pages ------------------------------------------------------------------------------------------


class HomePageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Forside {n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class StandardPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Innholdsside {n}")
    intro = "En side laget for tester."
    parent = factory.LazyFunction(_home)

    class Meta:
        model = StandardPage


class ProviderIndexPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Sentre {n}")
    parent = factory.LazyFunction(_home)

    class Meta:
        model = ProviderIndexPage


class ThemeIndexPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Tema {n}")
    parent = factory.LazyFunction(_home)

    class Meta:
        model = ThemeIndexPage


class ProviderPageFactory(PortalPageFactory):
    """A centre's page with its editor and moderator groups and its approval workflow, as
    ``catalogue_site_ensure`` sets them up for the real centres."""

    provider = factory.SubFactory(ProviderFactory)
    title = factory.LazyAttribute(lambda o: o.provider.short_name)
    slug = factory.LazyAttribute(lambda o: o.provider.slug)
    parent = factory.LazyFunction(_provider_index)

    class Meta:
        model = ProviderPage

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            groups = provider_groups_ensure(provider_page=obj)
            provider_workflow_ensure(provider_page=obj, moderators=groups.moderators)


def _vocabulary(model, code: str, **defaults):
    return model.objects.get_or_create(code=code, defaults={"label": code, **defaults})[0]


class OfferingPageFactory(PortalPageFactory):
    """An offering under a provider page (``parent=``; a new centre if none is given).

    ``themes``, ``formats``, ``target_groups``, ``regions`` and ``co_providers`` take lists; ``sessions``
    takes a list of dicts of OfferingSession fields.
    """

    title = factory.Sequence(lambda n: f"Testtilbud {n}")
    summary = "Et tilbud laget for tester: hva dere får og hva det krever."
    body = "<p>Beskrivelse av tilbudet.</p>"
    form_of_help = factory.LazyFunction(lambda: _vocabulary(FormOfHelp, "KURS"))
    access_mode = AccessMode.OPEN
    last_confirmed = factory.LazyFunction(timezone.localdate)
    parent = factory.SubFactory(ProviderPageFactory)

    class Meta:
        model = OfferingPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        obj.themes.set(extracted if extracted is not None else [_vocabulary(Theme, "T01")])

    @factory.post_generation
    def formats(obj, create, extracted, **kwargs):
        obj.formats.set(extracted if extracted is not None else [_vocabulary(Format, "fysisk")])

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        obj.target_groups.set(extracted or [])

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        obj.regions.set(extracted or [])

    @factory.post_generation
    def co_providers(obj, create, extracted, **kwargs):
        obj.co_providers.set(extracted or [])

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        obj.sessions = [OfferingSession(sort_order=i, **fields) for i, fields in enumerate(extracted or [])]

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        # Declared last: relations above are set before the revision is saved.
        if create:
            _publish_or_draft(obj)


class OfferingSessionFactory(factory.django.DjangoModelFactory):
    """A dated session saved straight to a page (use ``OfferingPageFactory(sessions=[...])`` when the
    session should also be part of the page's revision)."""

    page = factory.SubFactory(OfferingPageFactory)
    start = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    place = "Trondheim"
    status = SessionStatus.OPEN

    class Meta:
        model = OfferingSession


def _overview_index() -> OverviewIndexPage:
    return OverviewIndexPage.objects.first() or OverviewIndexPageFactory()


class OverviewIndexPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Årsoversikter {n}")
    parent = factory.LazyFunction(_home)

    class Meta:
        model = OverviewIndexPage


class OverviewFolderPageFactory(PortalPageFactory):
    """One embete's folder of yearly overviews (a new embete unless ``embete=`` is given)."""

    embete = factory.SubFactory(EmbeteFactory)
    title = factory.LazyAttribute(lambda o: o.embete.name)
    slug = factory.LazyAttribute(lambda o: o.embete.slug)
    parent = factory.LazyFunction(_overview_index)

    class Meta:
        model = OverviewFolderPage


class YearlyOverviewPageFactory(PortalPageFactory):
    """A yearly overview in an embete's folder; the slug is the year, as the admin form makes it."""

    parent = factory.SubFactory(OverviewFolderPageFactory)
    embete = factory.LazyAttribute(lambda o: o.parent.embete)
    year = 2027
    title = factory.LazyAttribute(lambda o: f"Årsoversikt {o.year}")
    slug = factory.LazyAttribute(lambda o: str(o.year))

    class Meta:
        model = YearlyOverviewPage


PAGE_FACTORIES: dict[type[Page], type[PortalPageFactory]] = {
    HomePage: HomePageFactory,
    StandardPage: StandardPageFactory,
    ProviderIndexPage: ProviderIndexPageFactory,
    ThemeIndexPage: ThemeIndexPageFactory,
    ProviderPage: ProviderPageFactory,
    OfferingPage: OfferingPageFactory,
    OverviewIndexPage: OverviewIndexPageFactory,
    OverviewFolderPage: OverviewFolderPageFactory,
    YearlyOverviewPage: YearlyOverviewPageFactory,
}


# --- Users per role -------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"testbruker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruker {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.invalid")
    password = factory.django.Password(TEST_PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True


def _centre_hook(group_kind: str):
    """A centre user; ``provider_page=`` picks the centre (a new one if not given)."""

    def hook(obj, create, extracted, **kwargs):
        if not create:
            return
        page = extracted or ProviderPageFactory()
        user_assign_role(user=obj, role=Role.CENTRE, organisation=page.provider)
        obj.groups.add(getattr(provider_groups_ensure(provider_page=page), group_kind))

    return factory.post_generation(hook)


class CentreEditorFactory(UserFactory):
    """Member of the centre role group and of one provider's editor group."""

    provider_page = _centre_hook("editors")


class CentreModeratorFactory(UserFactory):
    """Member of the centre role group and of one provider's moderator group."""

    provider_page = _centre_hook("moderators")


def _role_hook(role: Role, organisation=None):
    def hook(obj, create, extracted, **kwargs):
        if create:
            user_assign_role(user=obj, role=role, organisation=extracted or organisation and organisation())

    return factory.post_generation(hook)


class PortalEditorFactory(UserFactory):
    role = _role_hook(Role.EDITOR)


class MunicipalUserFactory(UserFactory):
    """``role=`` takes the service; the first service in the database otherwise."""

    role = _role_hook(Role.MUNICIPAL, lambda: ChildWelfareService.objects.first())


class StatsforvalterUserFactory(UserFactory):
    role = _role_hook(Role.STATSFORVALTER, lambda: Embete.objects.first())


class BufdirUserFactory(UserFactory):
    role = _role_hook(Role.BUFDIR)


class AdminUserFactory(UserFactory):
    role = _role_hook(Role.ADMIN)
