"""The national dashboard for Bufdir (/bufdir/): the regional figures across all embeter, one row
per embete, use by the size of the child welfare service, and the municipalities that have never used
the portal. Aggregates only: Bufdir never sees individual needs.

Nationally each need counts once, for the embete of its service's host municipality. The list of
municipalities that have never used the portal names municipalities on purpose: it is about
municipalities, not children, and is meant for outreach; for the same reason the counts of
municipalities that have used the portal are not suppressed (the list gives them anyway).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied

from portal.accounts.roles import Role, has_role
from portal.organisations.models import Embete

from . import needs_source, selectors
from .charts import Series, bar_chart
from .dashboards import SMALL_NOTE, common_tables, interest_days, status_cells
from .needs_source import NeedFact, StatusGroup
from .suppression import Cell, column_suppress, count, median_text, share
from .tables import Dashboard, Period, Table, period_from_params


def national_access(*, user) -> None:
    if not (has_role(user, Role.BUFDIR) or has_role(user, Role.ADMIN)):
        raise PermissionDenied("Den nasjonale oversikten er for Bufdir.")


def _per_embete_table(facts, signals, status: dict[str, Cell], total: Cell, period: Period) -> Table:
    embeter = list(Embete.objects.order_by("name"))
    by_embete = {e.pk: [f for f in facts if f.home_embete_id == e.pk] for e in embeter}
    published = column_suppress({e.pk: len(by_embete[e.pk]) for e in embeter}, total=total)
    columns = {}
    for group in (StatusGroup.WAITING, StatusGroup.AGREED):
        found = {e.pk: sum(1 for f in by_embete[e.pk] if f.status_group == group) for e in embeter}
        columns[group] = column_suppress(found, total=status[group])
    signal_total = count(len(signals))
    found_signals = Counter(e for _, e in signals if e)
    asked = column_suppress({e.pk: found_signals.get(e.pk, 0) for e in embeter}, total=signal_total)
    rows = [
        [
            e.name.removeprefix("Statsforvalteren i "),
            published[e.pk],
            columns[StatusGroup.WAITING][e.pk],
            share(columns[StatusGroup.AGREED][e.pk], published[e.pk]),
            median_text(interest_days(by_embete[e.pk])),
            asked[e.pk],
        ]
        for e in embeter
    ]
    footer = [
        "Hele landet",
        total,
        status[StatusGroup.WAITING],
        share(status[StatusGroup.AGREED], total),
        median_text(interest_days(facts)),
        signal_total,
    ]
    return Table(
        slug="per-embete",
        caption=f"Behov og etterspørsel per embete, {period.label}",
        headers=[
            "Embete",
            "Publiserte behov",
            "Venter på interesse",
            "Andel avtalt",
            "Median tid til første interesse",
            "Søk og matching uten godt treff",
        ],
        rows=rows,
        footer=footer,
        chart=bar_chart(
            chart_id="diagram-embete",
            title="Publiserte behov per embete",
            description=f"Antall publiserte behov per statsforvalterembete, {period.label}. Hvert behov telles "
            "hos embetet til tjenestens vertskommune.",
            labels=[r[0] for r in rows],
            series=[Series("Behov", [r[1] for r in rows])],
        ),
        note="Hvert behov telles én gang, hos embetet til tjenestens vertskommune. " + SMALL_NOTE,
    )


def _size_table(facts: list[NeedFact], total: Cell, period: Period) -> Table:
    labels = selectors.size_group_labels()
    municipalities = selectors.municipality_size_groups()
    used = selectors.municipalities_used_ever()
    services = selectors.service_size_groups()
    in_group = Counter(municipalities.values())
    used_in_group = Counter(group for pk, group in municipalities.items() if pk in used)
    needs = column_suppress(
        {key: sum(1 for f in facts if services.get(f.service_id, "ukjent") == key) for key in labels},
        total=total,
    )
    rows = [
        [
            label,
            str(in_group[key]),
            str(used_in_group[key]),
            f"{round(100 * used_in_group[key] / in_group[key])} %" if in_group[key] else "–",
            needs[key],
        ]
        for key, label in labels.items()
    ]
    return Table(
        slug="storrelse",
        caption=f"Bruk etter størrelsen på barneverntjenesten, {period.label}",
        headers=[
            "Størrelse",
            "Kommuner",
            "Har brukt portalen",
            "Andel som har brukt portalen",
            "Publiserte behov",
        ],
        rows=rows,
        footer=["I alt", str(len(municipalities)), str(len(used & set(municipalities))), "", total],
        chart=bar_chart(
            chart_id="diagram-storrelse",
            title="Kommuner som har brukt portalen, etter tjenestens størrelse",
            description="Antall kommuner som har publisert behov eller søkt og matchet, mot antall kommuner, "
            "etter størrelsen på barneverntjenesten som dekker kommunen (årsverk).",
            labels=[r[0] for r in rows],
            series=[
                Series("Kommuner", [Cell(in_group[k], str(in_group[k])) for k in labels]),
                Series("Har brukt portalen", [Cell(used_in_group[k], str(used_in_group[k])) for k in labels]),
            ],
        ),
        note="Størrelse etter årsverk i tjenesten som dekker kommunen (innbyggertall finnes ikke i "
        "referansedataene ennå). «Har brukt portalen» gjelder hele tiden, ikke bare perioden: det er "
        "kommuner, ikke barn, og er ment for oppsøkende arbeid. Publiserte behov gjelder perioden. "
        + SMALL_NOTE,
    )


def _never_used_table() -> Table:
    municipalities = list(selectors.municipalities_never_used())
    groups = selectors.municipality_size_groups()
    labels = selectors.size_group_labels()
    return Table(
        slug="aldri-brukt",
        caption=f"Kommuner som aldri har brukt portalen ({len(municipalities)})",
        headers=["Kommune", "Embete", "Størrelse"],
        rows=[
            [
                m.display_name,
                m.embete.name.removeprefix("Statsforvalteren i "),
                labels[groups.get(m.pk, "ukjent")],
            ]
            for m in municipalities
        ],
        note="Ingen publiserte behov og ingen søk eller matching registrert på kommunen. For oppsøkende arbeid.",
    )


def dashboard_national_get(*, user, params: Mapping[str, str]) -> Dashboard:
    national_access(user=user)
    period = period_from_params(params)
    start, end = period.bounds()
    facts = needs_source.need_facts(start=start, end=end)
    signals = selectors.signals_without_good_match(start=start, end=end)
    figures, tables = common_tables(
        facts, signals, selectors.supply_by_theme(), "hele landet", period, national=True
    )
    status, total = status_cells(facts)
    tables = [
        _per_embete_table(facts, signals, status, total, period),
        *tables,
        _size_table(facts, total, period),
        _never_used_table(),
    ]
    return Dashboard(
        title="Nasjonal oversikt",
        period=period,
        figures=figures,
        tables=tables,
        needs_available=needs_source.needs_available(),
    )
