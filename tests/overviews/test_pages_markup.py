"""Accessible, CSP-safe markup on the overview, dashboard and open-data pages: one h1 and no skipped
heading levels, tables with captions and scoped headers, labelled SVG charts and form controls, and
no inline styles or scripts without the request's nonce. (Browser tests run axe-core on top.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from overviews.charts import Series, bar_chart, column_chart
from overviews.suppression import count

pytestmark = pytest.mark.django_db


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.labels: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def check_markup(html: str) -> None:
    page = parse(html)
    main = parse(html[html.index("<main") :])
    headings = [int(tag[1]) for tag, _ in main.tags if re.fullmatch(r"h[1-6]", tag)]
    assert headings.count(1) == 1, headings
    for previous, current in zip(headings, headings[1:], strict=False):
        assert current <= previous + 1, headings
    for tag, attributes in page.tags:
        assert "style" not in attributes, (tag, attributes)
        assert tag != "style"
        if tag == "script":
            assert attributes.get("nonce"), attributes
        if tag == "th":
            assert attributes.get("scope") in {"col", "row"}, attributes
        if tag == "svg":
            assert attributes.get("role") == "img"
            assert all(i in page.ids for i in attributes["aria-labelledby"].split())
        if tag in {"select", "input", "textarea"} and attributes.get("type") not in {"hidden", "submit"}:
            assert attributes.get("id") in page.labels or attributes.get("aria-label"), attributes
    assert html.count("<table") == html.count("<caption"), "every table needs a caption"


def test_overview_pages(client, tf_overview):
    for url in ("/arsoversikt/", "/arsoversikt/troms-og-finnmark/", tf_overview.url):
        response = client.get(url)
        assert response.status_code == 200, url
        check_markup(response.content.decode())


def test_dashboards(client, users):
    client.force_login(users["statsforvalter"])
    check_markup(client.get("/statsforvalter/troms-og-finnmark/").content.decode())
    client.force_login(users["bufdir"])
    check_markup(client.get("/bufdir/").content.decode())


def test_open_data_page(client):
    check_markup(client.get("/apne-data/").content.decode())


def test_charts_are_labelled_images_with_text_values():
    svg = bar_chart(
        chart_id="x",
        title="Behov <etter> tema",
        description="Beskrivelse",
        labels=[
            "Vold og overgrep",
            "Et svært langt temanavn som ikke får plass i diagrammet i det hele tatt",
        ],
        series=[Series("Behov", [count(7), count(2)])],
    )
    assert 'role="img"' in svg and 'aria-labelledby="x-tittel x-beskrivelse"' in svg
    assert '<title id="x-tittel">Behov &lt;etter&gt; tema</title>' in svg
    assert ">7<" in svg and ">&lt;3<" in svg
    assert "style=" not in svg
    assert svg.count("<rect") == 1  # the hidden count gets no bar
    assert "…" in svg
    columns = column_chart(
        chart_id="m", title="T", description="D", labels=["jan", "feb"], cells=[count(0), count(5)]
    )
    assert columns.count("<rect") == 1 and ">jan<" in columns and ">5<" in columns
