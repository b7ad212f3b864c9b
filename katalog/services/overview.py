"""Writes for the yearly overview: the /arsoversikt/ tree with one curator group per embete, creating
an overview, and refreshing it from the catalogue without touching what the curator has done.

Curators: the group "Statsforvalteren i X – årsoversikt" may add, change and publish pages under
that embete's folder and nothing else, plus reach the Wagtail admin. Statsforvalter users join their
own embete's group automatically (``overview_curator_sync``, called from a signal in ``overviews``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page

from portal.accounts.roles import Role, has_role
from portal.organisations.models import Embete

from ..models import (
    ItemSource,
    OfferingPage,
    OverviewFolderPage,
    OverviewIndexPage,
    OverviewItem,
    OverviewOfferingState,
    YearlyOverviewPage,
)
from ..overview_selectors import OVERVIEW_STATUSES, overview_offering_candidates
from ..overview_snapshots import offering_snapshot, snapshot_changes
from ..selectors import offering_queryset

OVERVIEW_INDEX_SLUG = "arsoversikt"
CURATOR_PAGE_PERMISSIONS = ("add", "change", "publish")
CURATOR_GROUP_SUFFIX = " – årsoversikt"


def curator_group_name(embete: Embete) -> str:
    return f"{embete.name}{CURATOR_GROUP_SUFFIX}"


# --- The tree and the curator groups -----------------------------------------------------------


def overview_index_ensure(*, home: Page) -> OverviewIndexPage:
    index = OverviewIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=OverviewIndexPage(
                title="Årsoversikter",
                slug=OVERVIEW_INDEX_SLUG,
                live=True,
                intro="<p>Statsforvalterens årsoversikt samler tilbudene fra alle sentrene som kommunene i "
                "regionen kan bruke i året, sammen med Statsforvalterens egne samlinger og nettverk.</p>",
            )
        )
        index.save_revision().publish()
    return index


def overview_folder_ensure(*, index: OverviewIndexPage, embete: Embete) -> OverviewFolderPage:
    folder = OverviewFolderPage.objects.filter(embete=embete).first()
    if folder is None:
        folder = index.add_child(
            instance=OverviewFolderPage(title=embete.name, slug=embete.slug, embete=embete, live=True)
        )
        folder.save_revision().publish()
    return folder


def overview_curator_group_ensure(*, folder: OverviewFolderPage) -> Group:
    """The embete's curator group, with page permissions on its folder only."""
    group, _ = Group.objects.get_or_create(name=curator_group_name(folder.embete))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for kind in CURATOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=folder, permission=permission)
    return group


@transaction.atomic
def overview_site_ensure(*, home: Page) -> OverviewIndexPage:
    """/arsoversikt/, one folder and one curator group per embete, and every Statsforvalter user in
    their embete's group. Idempotent."""
    index = overview_index_ensure(home=home)
    for embete in Embete.objects.order_by("name"):
        overview_curator_group_ensure(folder=overview_folder_ensure(index=index, embete=embete))
    from portal.accounts.models import User

    for user in User.objects.filter(embete__isnull=False):
        overview_curator_sync(user=user)
    return index


def overview_curator_sync(*, user) -> None:
    """Keep a Statsforvalter user in exactly their own embete's curator group, and take users who have
    left the role or the embete out of it. Users with neither an embete nor the role are left alone."""
    user.__dict__.pop("_portal_roles", None)
    is_statsforvalter = has_role(user, Role.STATSFORVALTER)
    if not user.embete_id and not is_statsforvalter:
        return
    wanted = None
    if user.embete_id and is_statsforvalter:
        wanted = Group.objects.filter(name=curator_group_name(user.embete)).first()
    current = user.groups.filter(name__endswith=CURATOR_GROUP_SUFFIX, name__startswith="Statsforvalteren")
    stale = [g for g in current if wanted is None or g.pk != wanted.pk]
    if stale:
        user.groups.remove(*stale)
    if wanted is not None and not user.groups.filter(pk=wanted.pk).exists():
        user.groups.add(wanted)


# --- Creating and refreshing an overview --------------------------------------------------------


@dataclass
class RefreshResult:
    page: YearlyOverviewPage
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.restored or self.changed)


def overview_title(*, embete: Embete, year: int) -> str:
    return f"Årsoversikt {year} – {embete.name}"


@transaction.atomic
def overview_create(
    *, embete: Embete, year: int, user=None, intro: str = "", publish: bool = False
) -> YearlyOverviewPage:
    """Create the embete's overview for ``year``, pre-filled from the catalogue."""
    folder = OverviewFolderPage.objects.get(embete=embete)
    page = folder.add_child(
        instance=YearlyOverviewPage(
            title=overview_title(embete=embete, year=year),
            slug=str(year),
            embete=embete,
            year=year,
            intro=intro,
            live=False,
        )
    )
    page.save_revision(user=user, log_action=True)
    overview_refresh(page=page, user=user, notify=False)
    page.refresh_from_db()  # the refresh saved a newer revision through its own copy of the page
    if publish:
        page.get_latest_revision().publish(user=user)
        page.refresh_from_db()
    return page


def _removal_reason(offering: OfferingPage | None, page: YearlyOverviewPage) -> str:
    if offering is None:
        return "Ikke lenger publisert i katalogen"
    if offering.status not in OVERVIEW_STATUSES:
        return f"Tilbudet er {offering.get_status_display().lower()}"
    if not offering.national and not offering.regions.filter(embete=page.embete).exists():
        return "Ikke lenger tilgjengelig i regionen"
    return f"Ingen datoer i {page.year} lenger"


def _record(state: OverviewOfferingState, texts: list[str], now: dt.datetime) -> None:
    state.changes = [*state.changes, *({"at": now.isoformat(), "text": t} for t in texts)]
    state.changed_at = now


def _update_state(state, offering, qualifies: bool, page, now, result: RefreshResult | None) -> None:
    """Compare one tracked offering with the catalogue and record what changed. ``result`` is None for
    offerings the curator has deleted from the overview: tracked, but nobody needs telling."""
    if offering is not None:
        snapshot = offering_snapshot(offering, year=page.year)
        changes = snapshot_changes(state.snapshot, snapshot)
        if changes:
            _record(state, changes, now)
            if result is not None:
                result.changed[offering.title] = changes
        state.snapshot, state.title = snapshot, offering.title
    must_qualify = state.source == ItemSource.CATALOGUE
    gone = offering is None or offering.status not in OVERVIEW_STATUSES
    out = gone or (must_qualify and not qualifies)
    if out and not state.removed_reason:
        state.removed_reason = _removal_reason(offering, page)
        _record(state, [f"Ikke lenger med: {state.removed_reason.lower()}"], now)
        if result is not None:
            result.removed.append(state.title)
    elif not out and state.removed_reason:
        state.removed_reason = ""
        _record(state, ["Tilgjengelig igjen"], now)
        if result is not None:
            result.restored.append(state.title)
    state.qualifies = qualifies
    state.checked_at = now


STATE_FIELDS = [
    "offering",
    "title",
    "qualifies",
    "removed_reason",
    "snapshot",
    "changes",
    "changed_at",
    "checked_at",
]


def _states_sync(
    page: YearlyOverviewPage, item_ids: set[int], now: dt.datetime
) -> tuple[RefreshResult, list[OfferingPage]]:
    """Bring the page's offering states up to date; return the result and the newly added offerings.

    An offering whose state exists but which has no item was deleted from the overview by the
    curator; it is not added again."""
    result = RefreshResult(page=page)
    candidates = {o.pk: o for o in overview_offering_candidates(embete=page.embete, year=page.year)}
    states = {s.offering_key: s for s in page.offering_states.all()}
    others = {o.pk: o for o in offering_queryset().filter(pk__in=(set(states) | item_ids) - set(candidates))}
    hand_picked = []
    for key in item_ids - set(states):  # offerings a curator added by hand
        offering = candidates.get(key) or others.get(key)
        hand_picked.append(
            OverviewOfferingState(
                page=page,
                offering_key=key,
                offering=offering,
                title=offering.title if offering else f"Tilbud {key}",
                source=ItemSource.CATALOGUE if key in candidates else ItemSource.CURATOR,
                snapshot=offering_snapshot(offering, year=page.year) if offering else {},
                added_at=now,
                checked_at=now,
            )
        )
    for state in [*states.values(), *hand_picked]:
        key = state.offering_key
        offering = candidates.get(key) or others.get(key)
        _update_state(state, offering, key in candidates, page, now, result if key in item_ids else None)
    OverviewOfferingState.objects.bulk_update(list(states.values()), STATE_FIELDS)
    added = [o for key, o in candidates.items() if key not in states and key not in item_ids]
    OverviewOfferingState.objects.bulk_create(
        hand_picked
        + [
            OverviewOfferingState(
                page=page,
                offering=o,
                offering_key=o.pk,
                title=o.title,
                snapshot=offering_snapshot(o, year=page.year),
                added_at=now,
                checked_at=now,
            )
            for o in added
        ]
    )
    result.added = [o.title for o in added]
    return result, added


@transaction.atomic
def overview_refresh(
    *, page: YearlyOverviewPage, user=None, notify: bool = True, now: dt.datetime | None = None
) -> RefreshResult:
    """Bring ``page`` up to date with the catalogue, keeping every curator edit.

    Adds an item for each newly qualifying offering (at the end of the curator's order), records what
    changed in each tracked offering (status, capacity, access, dates, sessions cancelled or full) and
    marks offerings that no longer qualify as removed instead of dropping them. Pins, order, notes,
    hidden items and regional activities are never touched: new items are appended to the latest
    revision, which is published only if the page was live with no unpublished changes (a curator's
    pending draft is never published for them). An item the curator deleted is not added again. The
    embete's curators are e-mailed when anything changed.
    """
    now = now or timezone.now()
    page = YearlyOverviewPage.objects.select_related("embete").get(pk=page.pk)
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    items = list(draft.items.all())
    result, added = _states_sync(page, {i.offering_id for i in items if i.offering_id}, now)
    if added:
        next_order = max((i.sort_order or 0 for i in items), default=-1) + 1
        items += [OverviewItem(offering=o, sort_order=next_order + n) for n, o in enumerate(added)]
        draft.items = items
        publish = page.live and not page.has_unpublished_changes
        revision = draft.save_revision(user=user, log_action=False, clean=False)
        if publish:
            revision.publish(user=user, log_action=False)
    if notify and result.has_changes:
        from .overview_notify import overview_curators_notify

        transaction.on_commit(lambda: overview_curators_notify(result=result))
    return result


def overview_refresh_all(*, year: int | None = None) -> list[RefreshResult]:
    """Refresh every overview for ``year`` (default: this year and later) — run nightly."""
    pages = YearlyOverviewPage.objects.all()
    pages = pages.filter(year=year) if year else pages.filter(year__gte=timezone.localdate().year)
    return [overview_refresh(page=page) for page in pages.order_by("year", "pk")]
