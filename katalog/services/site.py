"""The site skeleton: home page, catalogue index pages, one page per provider, and each provider's
editor and moderator groups with page permissions on exactly that provider's subtree plus a
moderation workflow (the centre's editor submits, the centre's moderator publishes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.accounts.roles import ROLE_GROUPS, Role
from portal.base.models import HomePage, StandardPage
from portal.organisations.models import Provider

from ..models import ProviderIndexPage, ProviderPage, ThemeIndexPage
from .overview import overview_site_ensure
from .standard_pages import STANDARD_PAGES

EDITOR_PAGE_PERMISSIONS = ("add", "change")
MODERATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# Portal editors curate the whole site, so their page permissions sit on the home page.
PORTAL_EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")


@dataclass(frozen=True)
class ProviderGroups:
    editors: Group
    moderators: Group


def provider_group_names(provider: Provider) -> tuple[str, str]:
    return f"{provider.short_name} – redaktører", f"{provider.short_name} – moderatorer"


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Felles inngangsdør", slug="forside", live=True))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Felles inngangsdør",
        )
    else:
        site.root_page = home
        site.site_name = "Felles inngangsdør"
        site.save()
    # Wagtail's migration leaves a "Welcome to your new Wagtail site!" page; it has no place here.
    if old_root is not None and old_root.pk != home.pk and old_root.specific_class is Page:
        old_root.delete()
    return home


def _child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=model(slug=slug, live=True, **fields))
    page.save_revision().publish()
    return page


def _page_permission(kind: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def provider_groups_ensure(*, provider_page: ProviderPage) -> ProviderGroups:
    """Editor and moderator groups whose page permissions cover only this provider's subtree."""
    provider = provider_page.provider
    editor_name, moderator_name = provider_group_names(provider)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = []
    for name, kinds in ((editor_name, EDITOR_PAGE_PERMISSIONS), (moderator_name, MODERATOR_PAGE_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for kind in kinds:
            GroupPagePermission.objects.get_or_create(
                group=group, page=provider_page, permission=_page_permission(kind)
            )
        groups.append(group)
    return ProviderGroups(editors=groups[0], moderators=groups[1])


def provider_workflow_ensure(*, provider_page: ProviderPage, moderators: Group) -> Workflow:
    """One workflow per provider: its moderators approve what its editors submit."""
    name = f"Godkjenning – {provider_page.provider.short_name}"
    workflow, _ = Workflow.objects.get_or_create(name=name)
    task = GroupApprovalTask.objects.filter(
        name=f"Godkjenning ved {provider_page.provider.short_name}"
    ).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Godkjenning ved {provider_page.provider.short_name}")
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=provider_page, defaults={"workflow": workflow})
    return workflow


def portal_editor_permissions_ensure(*, home: Page) -> Group:
    """The portal editors' role group may add, edit and publish every page under the home page."""
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[Role.EDITOR])
    for kind in PORTAL_EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_page_permission(kind))
    return group


def provider_page_ensure(*, index: ProviderIndexPage, provider: Provider) -> ProviderPage:
    page = ProviderPage.objects.filter(provider=provider).first()
    if page is None:
        page = index.add_child(
            instance=ProviderPage(title=provider.short_name, slug=provider.slug, provider=provider, live=True)
        )
        page.save_revision().publish()
    groups = provider_groups_ensure(provider_page=page)
    provider_workflow_ensure(provider_page=page, moderators=groups.moderators)
    return page


@transaction.atomic
def catalogue_site_ensure() -> HomePage:
    """Create whatever part of the site skeleton is missing; never overwrite editors' content."""
    home = _home_page()
    portal_editor_permissions_ensure(home=home)
    index = _child(
        home,
        ProviderIndexPage,
        "sentre",
        title="Kompetansesentrene",
        intro="<p>Sentrene som hjelper kommunalt barnevern, samlet ett sted. Alle kan be om hjelp fra "
        "et senter utenfor egen region når senterets profil passer behovet.</p>",
    )
    _child(
        home,
        ThemeIndexPage,
        "tema",
        title="Tema",
        intro="<p>Finn tilbud etter fagtema, på tvers av alle sentre.</p>",
    )
    for slug, title, intro, body in STANDARD_PAGES:
        _child(home, StandardPage, slug, title=title, intro=intro, body=body)
    for provider in Provider.objects.order_by("family", "short_name"):
        provider_page_ensure(index=index, provider=provider)
    # The yearly overviews: /arsoversikt/, one folder and one curator group per embete.
    overview_site_ensure(home=home)
    return home
