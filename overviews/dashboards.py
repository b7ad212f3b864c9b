"""The regional dashboard (/statsforvalter/<embete>/), access included, and the tables it shares with
the national one (``national.py``).

Who sees what:

- a Statsforvalter user sees their own embete's dashboard, and individual needs only where the
  service opted in for that need; another embete's dashboard is refused (403);
- Bufdir sees the national view: aggregates per embete, never individual needs;
- an administrator may open both, aggregates only.

Every figure goes through ``suppression.py`` before it reaches a table, a chart or a CSV file.
Regionally a need counts for every embete whose municipalities it names; nationally each need counts
once, for the embete of its service's host municipality.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from portal.accounts.roles import Role, has_role
from portal.organisations.models import Embete

from . import needs_source, selectors
from .charts import Series, bar_chart, column_chart
from .needs_source import NeedFact, StatusGroup
from .suppression import Cell, count, median_text, partition_suppress, share
from .tables import Dashboard, KeyFigure, Period, Table, period_from_params

SMALL_NOTE = (
    "Tall under 3 vises som «<3». «skjult» betyr at tallet er skjult så et tall under 3 ikke kan regnes ut."
)


def status_cells(facts: list[NeedFact]) -> tuple[dict[str, Cell], Cell]:
    found = Counter(f.status_group for f in facts)
    return partition_suppress({g.value: found.get(g.value, 0) for g in StatusGroup}), count(len(facts))


def _status_table(cells: dict[str, Cell], total: Cell, where: str, period: Period) -> Table:
    labels = [g.label for g in StatusGroup]
    return Table(
        slug="behov-per-status",
        caption=f"Behov etter status, {period.label}",
        headers=["Status", "Behov"],
        rows=[[g.label, cells[g.value]] for g in StatusGroup],
        footer=["Publiserte behov i alt", total],
        chart=bar_chart(
            chart_id="diagram-status",
            title="Behov etter status",
            description=f"Publiserte behov fra {where}, {period.label}, etter hvor langt de har kommet.",
            labels=labels,
            series=[Series("Behov", [cells[g.value] for g in StatusGroup])],
        ),
        note=SMALL_NOTE,
    )


def _month_table(facts: list[NeedFact], total: Cell, where: str, period: Period) -> Table:
    from django.utils import timezone

    found = Counter(
        (local.year, local.month) for local in (timezone.localtime(f.published_at) for f in facts)
    )
    cells = partition_suppress({key: found.get(key, 0) for key in period.months})
    labels = [period.month_label(*key) for key in period.months]
    return Table(
        slug="behov-per-maned",
        caption=f"Publiserte behov per måned, {period.label}",
        headers=["Måned", "Behov"],
        rows=[[label, cells[key]] for label, key in zip(labels, period.months, strict=True)],
        footer=["I alt", total],
        chart=column_chart(
            chart_id="diagram-maned",
            title="Publiserte behov per måned",
            description=f"Antall behov fra {where} publisert hver måned, {period.label}.",
            labels=labels,
            cells=[cells[key] for key in period.months],
        ),
        note=SMALL_NOTE,
    )


def _shown(cell: Cell) -> int:
    """Sort key that never depends on a hidden value."""
    return cell.number or 0


def _theme_table(facts: list[NeedFact], themes: dict, where: str, period: Period) -> Table:
    found = Counter(code for f in facts for code in f.themes)
    rows = sorted(
        ((themes[c].label if c in themes else c, count(n)) for c, n in found.items() if n),
        key=lambda row: (-_shown(row[1]), row[0]),
    )
    top = rows[:15]
    return Table(
        slug="behov-per-tema",
        caption=f"Behov etter tema, {period.label}",
        headers=["Tema", "Behov"],
        rows=[list(row) for row in rows],
        chart=bar_chart(
            chart_id="diagram-tema",
            title="Behov etter tema",
            description=f"De vanligste temaene i behov fra {where}, {period.label}. Et behov kan ha flere tema.",
            labels=[label for label, _ in top],
            series=[Series("Behov", [cell for _, cell in top])],
        )
        if top
        else "",
        note="Et behov kan ha flere tema, så tallene summerer ikke til antall behov. " + SMALL_NOTE,
    )


def _assessment(theme, needs: Cell, signals: Cell, supply: int) -> str:
    if theme is not None and theme.no_fit:
        return "Utenfor sentrenes mandat – henvis videre"
    shown_demand = max(_shown(needs), _shown(signals))
    if supply == 0:
        return "Etterspørsel uten tilbud"
    if supply < 3 and shown_demand >= 3:
        return "Få tilbud"
    return ""


def _gap_table(
    facts, signals, supply: Counter, themes: dict, where: str, period: Period, *, national: bool
) -> Table:
    needs = Counter(code for f in facts for code in f.themes)
    asked = Counter(code for codes, _ in signals for code in codes)
    codes = [c for c in set(needs) | set(asked) if needs[c] or asked[c]]
    rows = []
    for code in codes:
        theme = themes.get(code)
        need_cell, signal_cell = count(needs[code]), count(asked[code])
        label = theme.label if theme else code
        assessment = _assessment(theme, need_cell, signal_cell, supply[code])
        rows.append([label, need_cell, signal_cell, str(supply[code]), assessment])
    rows.sort(key=lambda r: (-(_shown(r[1]) + _shown(r[2])), r[0]))
    top = rows[:12]
    return Table(
        slug="gap-per-tema",
        caption=f"Etterspørsel og tilbud per tema, {period.label}",
        headers=[
            "Tema",
            "Behov",
            "Søk og matching uten godt treff",
            "Tilbud" if national else "Tilbud i regionen",
            "Vurdering",
        ],
        rows=rows,
        chart=bar_chart(
            chart_id="diagram-gap",
            title="Etterspørsel og tilbud per tema",
            description=f"Behov og søk uten godt treff fra {where}, {period.label}, mot antall aktive tilbud "
            "som er tilgjengelige i regionen, for de tolv temaene det er mest etterspørsel etter.",
            labels=[r[0] for r in top],
            series=[
                Series("Behov", [r[1] for r in top]),
                Series("Søk uten godt treff", [r[2] for r in top]),
                Series("Tilbud", [Cell(int(r[3]), r[3]) for r in top]),
            ],
        )
        if top
        else "",
        note="Etterspørsel: publiserte behov og søk eller matchinger som ikke fant et godt treff (bare tema "
        "telles, aldri teksten). Tilbud: aktive, publiserte tilbud for hele landet eller for regionen. "
        "Tema uten etterspørsel i perioden vises ikke. " + SMALL_NOTE,
    )


def interest_days(facts: list[NeedFact]) -> list[float]:
    return [d for d in (f.days_to_first_interest for f in facts) if d is not None]


def _figures(status: dict[str, Cell], total: Cell, facts: list[NeedFact], signals: list) -> list[KeyFigure]:
    return [
        KeyFigure("Publiserte behov", str(total)),
        KeyFigure("Venter på interesse", str(status[StatusGroup.WAITING])),
        KeyFigure("Andel avtalt", share(status[StatusGroup.AGREED], total)),
        KeyFigure(
            "Median tid til første interesse",
            median_text(interest_days(facts)),
            "blant behov som har fått interesse",
        ),
        KeyFigure("Søk og matching uten godt treff", str(count(len(signals)))),
    ]


def common_tables(
    facts, signals, supply, where: str, period: Period, *, national: bool = False
) -> tuple[list[KeyFigure], list[Table]]:
    themes = selectors.theme_labels()
    status, total = status_cells(facts)
    tables = [
        _status_table(status, total, where, period),
        _month_table(facts, total, where, period),
        _theme_table(facts, themes, where, period),
        _gap_table(facts, signals, supply, themes, where, period, national=national),
    ]
    return _figures(status, total, facts, signals), tables


# --- Regional ------------------------------------------------------------------------------------


def regional_access(*, user, embete: Embete) -> bool:
    """Whether ``user`` may see ``embete``'s dashboard with individual (opted-in) needs; raises
    PermissionDenied when they may not see it at all."""
    if has_role(user, Role.STATSFORVALTER) and user.embete_id == embete.pk:
        return True
    if has_role(user, Role.ADMIN):
        return False
    raise PermissionDenied("Du har ikke tilgang til oversikten for dette embetet.")


def dashboard_regional_get(*, user, embete_slug: str, params: Mapping[str, str]) -> Dashboard:
    embete = get_object_or_404(Embete, slug=embete_slug)
    individual = regional_access(user=user, embete=embete)
    period = period_from_params(params)
    start, end = period.bounds()
    facts = [f for f in needs_source.need_facts(start=start, end=end) if embete.pk in f.embete_ids]
    signals = selectors.signals_without_good_match(start=start, end=end, embete=embete)
    supply = selectors.supply_by_theme(embete=embete)
    where = f"kommunene i {embete.name.removeprefix('Statsforvalteren i ')}"
    figures, tables = common_tables(facts, signals, supply, where, period)
    opted_in = (
        needs_source.needs_opted_in(user=user, embete=embete, start=start, end=end) if individual else []
    )
    return Dashboard(
        title=f"Regional oversikt – {embete.name}",
        period=period,
        figures=figures,
        tables=tables,
        embete=embete,
        opted_in=opted_in,
        show_individual=individual,
        needs_available=needs_source.needs_available(),
    )
