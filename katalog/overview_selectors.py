"""Reads for the yearly overview: which offerings qualify, what an offering looked like, and the view
a public overview page, its CSV and its calendar are rendered from.

**Which offerings an overview holds** (``overview_offering_candidates``), for embete E and year Y:

- live, public offering pages;
- available to E's municipalities: national, or with one of E's counties among its regions;
- in the year: at least one dated session overlapping Y (whatever the session's status, so a
  cancelled date is shown as cancelled rather than silently dropped), or no dates at all (offerings
  on request or by agreement run whenever a service asks);
- every access mode. State-allocated programmes (*tildelt av Bufdir / Statsforvalteren*) are included
  because the Statsforvalter nominates services for them and municipalities plan around them, but
  they are shown in their own "Tildelte program" group, never next to what a service can book;
- status active or paused (a paused offering is shown as paused); cancelled and ended ones drop out.
  Capacity (full, waiting list) never excludes an offering; it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from wagtail.models import Page

from .choices import AccessMode, Status
from .models import (
    FormOfHelp,
    OfferingPage,
    OfferingSession,
    ProviderPage,
    RegionalActivity,
    Theme,
    YearlyOverviewPage,
)
from .overview_snapshots import offering_snapshot, session_in_year, snapshot_changes, year_bounds
from .selectors import offering_queryset

OVERVIEW_STATUSES = (Status.ACTIVE, Status.PAUSED)
BOOKABLE_ACCESS_MODES = (
    AccessMode.OPEN,
    AccessMode.ON_REQUEST,
    AccessMode.APPLICATION,
    AccessMode.AGREEMENT,
)
ALLOCATED_ACCESS_MODES = (AccessMode.BUFDIR, AccessMode.STATSFORVALTER)
OVERVIEW_ACCESS_MODES = BOOKABLE_ACCESS_MODES + ALLOCATED_ACCESS_MODES
OTHER_THEME_LABEL = "Andre tilbud"


def overview_offering_candidates(*, embete, year: int) -> QuerySet[OfferingPage]:
    """Every offering the overview for ``embete`` and ``year`` should hold (rules in the module doc)."""
    start, end = year_bounds(year)
    in_region = OfferingPage.objects.filter(regions__embete=embete).values("pk")
    in_year = (
        OfferingSession.objects.filter(start__lte=end)
        .filter(Q(end__gte=start) | Q(end__isnull=True, start__gte=start))
        .values("page_id")
    )
    dated = OfferingSession.objects.values("page_id")
    return (
        offering_queryset()
        .filter(status__in=OVERVIEW_STATUSES, access_mode__in=OVERVIEW_ACCESS_MODES)
        .filter(Q(national=True) | Q(pk__in=in_region))
        .filter(Q(pk__in=in_year) | ~Q(pk__in=dated))
        .distinct()
    )


def overview_list_public(*, embete=None) -> list[tuple[int, list[YearlyOverviewPage]]]:
    """Live, public overviews grouped by year, newest year first."""
    pages = (
        YearlyOverviewPage.objects.live().public().select_related("embete").order_by("-year", "embete__name")
    )
    if embete is not None:
        pages = pages.filter(embete=embete)
    grouped: dict[int, list[YearlyOverviewPage]] = {}
    for page in pages:
        grouped.setdefault(page.year, []).append(page)
    return list(grouped.items())


def overview_get_for_embete(*, embete, year: int) -> YearlyOverviewPage | None:
    return YearlyOverviewPage.objects.filter(embete=embete, year=year).first()


# --- The view a public overview is rendered from ----------------------------------------------


@dataclass
class OverviewEntry:
    """One visible item: the curator's layer (``item``) over the live offering (None when the offering
    is no longer published; the state then supplies the title) and what the catalogue did to it."""

    item: object
    offering: OfferingPage | None
    title: str
    provider: str
    url: str
    sessions: list[OfferingSession]
    changes: list[str]
    is_new: bool
    allocated: bool
    removed_reason: str = ""

    @property
    def note(self) -> str:
        return self.item.note

    @property
    def pinned(self) -> bool:
        return self.item.pinned

    @property
    def removed(self) -> bool:
        return bool(self.removed_reason)

    @property
    def status_label(self) -> str:
        return self.offering.get_status_display() if self.offering else "Ikke lenger i katalogen"


@dataclass
class FormGroup:
    form: FormOfHelp | None
    label: str
    entries: list[OverviewEntry] = field(default_factory=list)


@dataclass
class ThemeSection:
    theme: Theme | None
    label: str
    groups: list[FormGroup] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"tema-{self.theme.code.lower()}" if self.theme else "tema-andre"

    @property
    def count(self) -> int:
        return sum(len(g.entries) for g in self.groups)


@dataclass
class OverviewFilters:
    theme: str = ""
    form: str = ""
    format: str = ""
    target_group: str = ""

    @property
    def active(self) -> bool:
        return any((self.theme, self.form, self.format, self.target_group))

    def matches(self, offering: OfferingPage | None) -> bool:
        if not self.active:
            return True
        if offering is None:
            return False
        checks = (
            (self.theme, [t.code for t in offering.themes.all()]),
            (self.form, [offering.form_of_help.code]),
            (self.format, [f.code for f in offering.formats.all()]),
            (self.target_group, [g.code for g in offering.target_groups.all()]),
        )
        return all(not wanted or wanted in codes for wanted, codes in checks)


@dataclass
class OverviewView:
    page: YearlyOverviewPage
    filters: OverviewFilters
    highlighted: list[OverviewEntry]
    sections: list[ThemeSection]
    allocated: list[OverviewEntry]
    removed: list[OverviewEntry]
    activities: list[RegionalActivity]
    filter_choices: dict[str, list[tuple[str, str]]]

    @property
    def entries(self) -> list[OverviewEntry]:
        """Every visible entry once, in page order (the CSV and calendar read this)."""
        listed = [e for s in self.sections for g in s.groups for e in g.entries]
        return listed + self.allocated + self.removed

    as_of: dt.datetime | None = None
    edition_at: dt.datetime | None = None


def _provider_names() -> dict[str, str]:
    return {p.path: p.provider.short_name for p in ProviderPage.objects.select_related("provider")}


def _filters_from(params: Mapping[str, str], choices: dict[str, list[tuple[str, str]]]) -> OverviewFilters:
    def pick(name: str) -> str:
        value = (params.get(name) or "").strip()
        return value if value in {code for code, _ in choices[name]} else ""

    return OverviewFilters(
        theme=pick("tema"), form=pick("bistandsform"), format=pick("format"), target_group=pick("malgruppe")
    )


def _filter_choices(offerings: list[OfferingPage]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, dict[str, tuple[int, str]]] = {
        "tema": {},
        "bistandsform": {},
        "format": {},
        "malgruppe": {},
    }
    for offering in offerings:
        for theme in offering.themes.all():
            found["tema"][theme.code] = (theme.sort_order, theme.label)
        found["bistandsform"][offering.form_of_help.code] = (
            offering.form_of_help.sort_order,
            offering.form_of_help.label,
        )
        for fmt in offering.formats.all():
            found["format"][fmt.code] = (fmt.sort_order, fmt.label)
        for group in offering.target_groups.all():
            found["malgruppe"][group.code] = (group.sort_order, group.label)
    return {
        name: [(code, label) for code, (_, label) in sorted(values.items(), key=lambda kv: kv[1])]
        for name, values in found.items()
    }


def overview_edition_at(*, page: YearlyOverviewPage) -> dt.datetime | None:
    """When a curator last published the overview: "changed since the previous version" counts from
    here. Publishes by the refresh service carry no user and do not count."""
    from wagtail.models import PageLogEntry

    published = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", user__isnull=False)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    return published or page.first_published_at


@dataclass
class _Context:
    page: YearlyOverviewPage
    providers: dict[str, str]
    states: dict[int, object]
    edition_at: dt.datetime | None


def _entry(item, offering: OfferingPage | None, ctx: _Context) -> OverviewEntry:
    state = ctx.states.get(item.offering_id)
    recorded = [
        c["text"]
        for c in (state.changes if state else [])
        if ctx.edition_at is None or dt.datetime.fromisoformat(c["at"]) > ctx.edition_at
    ]
    if offering is None:
        return OverviewEntry(
            item=item,
            offering=None,
            title=state.title if state else "Tilbud som er fjernet",
            provider="",
            url="",
            sessions=[],
            changes=recorded,
            is_new=False,
            allocated=False,
            removed_reason=(state.removed_reason if state else "") or "Ikke lenger publisert i katalogen",
        )
    live = snapshot_changes(state.snapshot, offering_snapshot(offering, year=ctx.page.year)) if state else []
    return OverviewEntry(
        item=item,
        offering=offering,
        title=offering.title,
        provider=ctx.providers.get(offering.path[: -Page.steplen], ""),
        url=offering.url or "",
        sessions=[s for s in offering.sessions.all() if session_in_year(s, ctx.page.year)],
        changes=recorded + [c for c in live if c not in recorded],
        is_new=bool(state and ctx.edition_at and state.added_at > ctx.edition_at),
        allocated=offering.access_mode in ALLOCATED_ACCESS_MODES,
        removed_reason=state.removed_reason if state else "",
    )


def _section_key(offering: OfferingPage, item, themes: dict[int, Theme]) -> Theme | None:
    if item.group_theme_id and item.group_theme_id in themes:
        return themes[item.group_theme_id]
    offering_themes = list(offering.themes.all())
    return offering_themes[0] if offering_themes else None


def _sections(pairs: list[tuple[OverviewEntry, Theme | None]]) -> list[ThemeSection]:
    by_theme: dict[int | None, ThemeSection] = {}
    for entry, theme in pairs:
        key = theme.pk if theme else None
        section = by_theme.setdefault(
            key, ThemeSection(theme=theme, label=theme.label if theme else OTHER_THEME_LABEL)
        )
        form = entry.offering.form_of_help
        group = next((g for g in section.groups if g.form and g.form.pk == form.pk), None)
        if group is None:
            group = FormGroup(form=form, label=form.label)
            section.groups.append(group)
        group.entries.append(entry)
    sections = sorted(
        by_theme.values(), key=lambda s: (s.theme is None, s.theme.sort_order if s.theme else 0, s.label)
    )
    for section in sections:
        section.groups.sort(key=lambda g: (g.form.sort_order, g.label))
    return sections


def overview_view_build(*, page: YearlyOverviewPage, params: Mapping[str, str] | None = None) -> OverviewView:
    """Everything a public overview shows, in order: highlighted items, theme sections with form-of-help
    groups (pinned first, then the curator's order), allocated programmes, removed items, activities.
    Hidden items never appear. ``params`` may carry the filters tema, bistandsform, format, malgruppe."""
    items = sorted(
        (i for i in page.items.all() if not i.hidden), key=lambda i: (not i.pinned, i.sort_order or 0)
    )
    ids = {i.offering_id for i in items if i.offering_id}
    offerings = {o.pk: o for o in offering_queryset().filter(pk__in=ids)}
    states = {s.offering_key: s for s in page.offering_states.all()} if page.pk else {}
    choices = _filter_choices(list(offerings.values()))
    filters = _filters_from(params or {}, choices)
    themes = {t.pk: t for t in Theme.objects.all()}
    ctx = _Context(
        page=page, providers=_provider_names(), states=states, edition_at=overview_edition_at(page=page)
    )
    seen: set[int] = set()
    listed, allocated, removed = [], [], []
    for item in items:
        offering = offerings.get(item.offering_id)
        if not item.offering_id or item.offering_id in seen or not filters.matches(offering):
            continue
        seen.add(item.offering_id)
        entry = _entry(item, offering, ctx)
        if entry.removed:
            removed.append(entry)
        elif entry.allocated:
            allocated.append(entry)
        else:
            listed.append((entry, _section_key(offering, item, themes)))
    return OverviewView(
        page=page,
        filters=filters,
        highlighted=[e for e, _ in listed if e.pinned] + [e for e in allocated if e.pinned],
        sections=_sections(listed),
        allocated=allocated,
        removed=removed,
        activities=sorted(page.activities.all(), key=lambda a: (a.start, a.sort_order or 0)),
        filter_choices=choices,
        as_of=max((s.checked_at for s in states.values()), default=None),
        edition_at=ctx.edition_at,
    )
