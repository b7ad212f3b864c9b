"""Dashboard figures against counts computed here straight from the database (demo needs, demand
signals made in the test, the demo catalogue), with small counts suppressed everywhere."""

from __future__ import annotations

import csv
import io
from collections import Counter

from django.db.models import Q

import pytest

from katalog.models import OfferingPage
from matching.models import DemandSignal
from overviews.dashboards import dashboard_regional_get
from overviews.national import dashboard_national_get
from overviews.suppression import HIDDEN_TEXT, SMALL_TEXT
from portal.needs.models import Need

from .test_suppression import possible_values

pytestmark = pytest.mark.django_db

# Status groups, written out again: agreed (or closed after agreeing) / interest / waiting / closed.
GROUP_OF_STATE = {
    "published": "Venter på interesse",
    "interest": "Interesse eller avklaring",
    "clarification": "Interesse eller avklaring",
    "agreed": "Avtalt, pågår eller levert",
    "delivered": "Avtalt, pågår eller levert",
}
# Columns that count organisations or offerings, not needs, and are never suppressed.
UNSUPPRESSED = {
    "Tilbud",
    "Tilbud i regionen",
    "Kommuner",
    "Har brukt portalen",
    "Andel som har brukt portalen",
}


def expected_group(need: Need) -> str:
    if need.state == "closed" and need.agreed_at:
        return "Avtalt, pågår eller levert"
    return GROUP_OF_STATE.get(need.state, "Lukket uten avtale")


def region_needs(embete, dashboard):
    start, end = dashboard.period.bounds()
    needs = Need.objects.filter(published_at__gte=start, published_at__lt=end).exclude(state="draft")
    if embete is not None:
        needs = needs.filter(Q(service__host_municipality__embete=embete) | Q(municipalities__embete=embete))
    return list(needs.distinct())


def agrees(shown: str, true_value: int) -> bool:
    """A shown cell agrees with the true count: equal, or hidden in a way that fits it."""
    if shown == SMALL_TEXT:
        return true_value in (1, 2)
    if shown == HIDDEN_TEXT:
        return True
    return shown == str(true_value)


def rows_of(table) -> dict[str, list[str]]:
    return {str(row[0]): [str(v) for v in row[1:]] for row in table.rows}


@pytest.fixture
def signals(tf, vestland):
    """Searches without a good match on one theme in Troms og Finnmark, plus ones that must not count."""
    make = DemandSignal.objects.create
    for _ in range(5):
        make(kind="search", themes=["T01"], good_match=False, embete=tf)
    make(
        kind="match",
        themes=["T01", "T02"],
        good_match=False,
        embete=None,
        municipality=tf.municipalities.first(),
    )
    make(kind="search", themes=["T01"], good_match=True, embete=tf)
    make(kind="search", themes=["T01"], good_match=False, embete=vestland)


class TestRegional:
    @pytest.fixture
    def dashboard(self, users, tf, signals):
        return dashboard_regional_get(user=users["statsforvalter"], embete_slug=tf.slug, params={})

    def test_status_and_total_match_the_database(self, dashboard, tf):
        needs = region_needs(tf, dashboard)
        assert needs, "the demo should have needs in Troms og Finnmark"
        table = dashboard.table("behov-per-status")
        expected = Counter(expected_group(n) for n in needs)
        for label, (shown,) in rows_of(table).items():
            assert agrees(shown, expected.get(label, 0)), label
        assert agrees(str(table.footer[1]), len(needs))
        figures = {f.label: f.value for f in dashboard.figures}
        assert agrees(figures["Publiserte behov"], len(needs))
        assert agrees(figures["Venter på interesse"], expected["Venter på interesse"])

    def test_months_and_themes_match_the_database(self, dashboard, tf):
        from django.utils import timezone

        needs = region_needs(tf, dashboard)
        months = Counter(
            (timezone.localtime(n.published_at).year, timezone.localtime(n.published_at).month) for n in needs
        )
        rows = dashboard.table("behov-per-maned").rows
        for key, row in zip(dashboard.period.months, rows, strict=True):
            assert agrees(str(row[1]), months.get(key, 0)), key
        themes = Counter(t.label for n in needs for t in n.themes.all())
        shown = rows_of(dashboard.table("behov-per-tema"))
        assert set(shown) == set(themes)
        for label, (value,) in shown.items():
            assert agrees(value, themes[label]), label

    def test_gap_view_counts_demand_signals_without_good_match_and_regional_supply(self, dashboard, tf):
        gap = {row[0]: row for row in dashboard.table("gap-per-tema").rows}
        t01 = next(
            label for label in gap if gap[label][2].number == 6
        )  # 5 searches + 1 match by municipality
        counties = set(tf.counties.values_list("pk", flat=True))
        supply = sum(
            1
            for o in OfferingPage.objects.live()
            .public()
            .filter(status="active", themes__code="T01")
            .distinct()
            if o.national or counties & set(o.regions.values_list("pk", flat=True))
        )
        assert gap[t01][3] == str(supply)
        assert {f.label: f.value for f in dashboard.figures}["Søk og matching uten godt treff"] == "6"

    def test_no_small_count_in_any_table_or_csv(self, dashboard):
        assert_suppressed(dashboard)


class TestNational:
    @pytest.fixture
    def dashboard(self, users, signals):
        return dashboard_national_get(user=users["bufdir"], params={})

    def test_per_embete_rows_match_the_database(self, dashboard):
        from portal.organisations.models import Embete

        needs = region_needs(None, dashboard)
        by_embete = Counter(
            n.service.host_municipality.embete.name.removeprefix("Statsforvalteren i ") for n in needs
        )
        rows = rows_of(dashboard.table("per-embete"))
        assert len(rows) == Embete.objects.count()
        for name, values in rows.items():
            assert agrees(values[0], by_embete.get(name, 0)), name
        assert agrees(str(dashboard.table("per-embete").footer[1]), len(needs))
        # Signals without a good match: 6 in Troms og Finnmark, 1 in Vestland, 7 in all. The 1 is "<3",
        # and the 6 is hidden with it, or 7 − 6 would give it away.
        assert rows["Vestland"][4] == SMALL_TEXT
        assert rows["Troms og Finnmark"][4] == HIDDEN_TEXT
        assert str(dashboard.table("per-embete").footer[5]) == "7"

    def test_status_matches_the_database(self, dashboard):
        needs = region_needs(None, dashboard)
        expected = Counter(expected_group(n) for n in needs)
        for label, (shown,) in rows_of(dashboard.table("behov-per-status")).items():
            assert agrees(shown, expected.get(label, 0)), label

    def test_never_used_lists_municipalities_without_needs_or_signals(self, dashboard):
        from portal.organisations.models import Municipality

        used = set(
            DemandSignal.objects.filter(municipality__isnull=False).values_list("municipality_id", flat=True)
        )
        published = Need.objects.filter(published_at__isnull=False).exclude(state="draft")
        used |= set(published.values_list("municipalities", flat=True)) - {None}
        used |= set(published.values_list("service__host_municipality", flat=True))
        expected = {m.display_name for m in Municipality.objects.exclude(pk__in=used)}
        assert {str(row[0]) for row in dashboard.table("aldri-brukt").rows} == expected
        assert 0 < len(expected) < Municipality.objects.count()

    def test_size_groups_cover_every_municipality(self, dashboard):
        from portal.organisations.models import Municipality

        table = dashboard.table("storrelse")
        assert sum(int(row[1]) for row in table.rows) == Municipality.objects.count()
        assert table.footer[1] == str(Municipality.objects.count())

    def test_no_small_count_in_any_table_or_csv(self, dashboard):
        assert_suppressed(dashboard)


def assert_suppressed(dashboard) -> None:
    for table in dashboard.tables:
        if table.slug == "aldri-brukt":
            continue  # names of municipalities, shown on purpose for outreach
        parsed = list(csv.reader(io.StringIO(table.csv().lstrip("\ufeff")), delimiter=";"))
        header, body = parsed[0], parsed[1:]
        assert len(body) == len(table.rows) + (1 if table.footer else 0)
        for row in body:
            for name, value in zip(header[1:], row[1:], strict=True):
                if name not in UNSUPPRESSED:
                    assert value not in {"1", "2"}, (table.slug, name, row)
        partitions = {"behov-per-status", "behov-per-maned"}
        texts = [str(row[1]) for row in table.rows]
        if table.slug in partitions and str(table.footer[1]).isdigit() and SMALL_TEXT in texts:
            total = int(str(table.footer[1]))
            for text, options in zip(texts, possible_values(texts, total), strict=True):
                if text == SMALL_TEXT:
                    assert len(options) > 1, (table.slug, texts)
    for figure in dashboard.figures:
        assert figure.value not in {"1", "2"}, figure


def test_dashboard_html_tables_show_exactly_the_suppressed_cells(client, users, signals):
    import re

    from django.utils.html import escape

    client.force_login(users["bufdir"])
    body = client.get("/bufdir/").content.decode()
    dashboard = dashboard_national_get(user=users["bufdir"], params={})
    for slug in ("per-embete", "behov-per-status", "behov-per-maned"):
        html = re.search(rf'<table id="tabell-{slug}">(.*?)</table>', body, re.S).group(1)
        shown = re.findall(r"<td>(.*?)</td>", html.split("<tfoot>")[0])
        expected = [escape(str(v)) for row in dashboard.table(slug).rows for v in row[1:]]
        assert shown == expected, slug
    assert "&lt;3" in body


def test_csv_download_is_the_table(client, users, signals):
    client.force_login(users["statsforvalter"])
    response = client.get("/statsforvalter/troms-og-finnmark/tabell/gap-per-tema.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tema", "Behov", "Søk og matching uten godt treff", "Tilbud i regionen", "Vurdering"]
    assert any(row[2] == "6" for row in rows[1:])
