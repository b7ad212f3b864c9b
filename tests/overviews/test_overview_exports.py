"""The overview's CSV and iCalendar exports parse back and hold what the page shows."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from icalendar import Calendar

from katalog.models import OfferingPage, YearlyOverviewPage
from katalog.overview_exports import CSV_COLUMNS
from katalog.overview_selectors import overview_view_build

from .test_overview_refresh import cancel_first_session

pytestmark = pytest.mark.django_db


def parse_csv(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == CSV_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def parse_ics(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.fixture
def with_hidden_and_cancelled(tf_overview, users, next_year):
    """The curator hides one offering; a centre cancels a session of another."""
    curator = users["statsforvalter"]
    draft = tf_overview.get_latest_revision_as_object()
    items = list(draft.items.all())
    items[0].hidden = True
    draft.items = items
    draft.save_revision(user=curator).publish(user=curator)
    hidden = OfferingPage.objects.get(pk=items[0].offering_id)
    dated = next(
        OfferingPage.objects.get(pk=i.offering_id)
        for i in items[1:]
        if OfferingPage.objects.get(pk=i.offering_id)
        .sessions.filter(start__year=next_year, status="open")
        .exists()
    )
    session = cancel_first_session(dated, next_year)
    return YearlyOverviewPage.objects.get(pk=tf_overview.pk), hidden, dated, session


def test_csv_has_one_row_per_visible_offering_and_activity(client, with_hidden_and_cancelled):
    page, hidden, dated, session = with_hidden_and_cancelled
    rows = parse_csv(client.get(page.csv_url))
    view = overview_view_build(page=page)
    offerings = [r for r in rows if not r["Type"].startswith("Regional aktivitet")]
    activities = [r for r in rows if r["Type"].startswith("Regional aktivitet")]
    assert [r["Tittel"] for r in offerings] == [e.title for e in view.entries]
    assert len(activities) == len(view.activities) == 5
    assert hidden.title not in {r["Tittel"] for r in rows}
    row = next(r for r in offerings if r["Tittel"] == dated.title)
    assert f"{session.start.isoformat()}" in row["Datoer"] and "(avlyst)" in row["Datoer"]
    assert {r["Type"] for r in offerings} <= {"Tilbud", "Tildelt program", "Ikke lenger tilgjengelig"}
    assert any(r["Type"] == "Tildelt program" for r in offerings)
    assert all(r["Lenke"].startswith("http") for r in offerings if r["Lenke"])
    assert any(r["Fremhevet"] == "ja" and r["Merknad fra Statsforvalteren"] for r in offerings)
    cancelled = next(r for r in activities if r["Tittel"] == "Nettverksdag for fosterhjemstjenestene")
    assert cancelled["Status"] == "Avlyst"


def test_csv_applies_the_page_filters(client, tf_overview):
    view = overview_view_build(page=tf_overview)
    code = view.filter_choices["bistandsform"][0][0]
    rows = parse_csv(client.get(f"{tf_overview.csv_url}?bistandsform={code}"))
    offerings = [r for r in rows if r["Type"] == "Tilbud"]
    assert offerings and len(offerings) < len(view.entries)
    label = dict(view.filter_choices["bistandsform"])[code]
    assert {r["Bistandsform"] for r in offerings} == {label}


def test_icalendar_holds_every_session_in_the_year_and_every_activity(
    client, with_hidden_and_cancelled, next_year
):
    page, hidden, dated, session = with_hidden_and_cancelled
    calendar = parse_ics(client.get(page.ics_url))
    events = list(calendar.walk("VEVENT"))
    view = overview_view_build(page=page)
    expected_sessions = {s.pk for e in view.entries for s in e.sessions}
    assert len(events) == len(expected_sessions) + len(view.activities)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for event in events:
        for field in ("DTSTART", "DTEND", "SUMMARY", "LOCATION", "UID", "DTSTAMP"):
            assert field in event, (field, event)
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert end > start
        first, last = (d.date() if isinstance(d, dt.datetime) else d for d in (start, end))
        assert first <= dt.date(next_year, 12, 31) and last > dt.date(next_year, 1, 1)  # overlaps the year
    assert str(calendar["X-WR-CALNAME"]) == page.title
    assert not any(hidden.title in str(e["SUMMARY"]) for e in events)


def test_icalendar_marks_cancellations(client, with_hidden_and_cancelled):
    page, hidden, dated, session = with_hidden_and_cancelled
    events = {str(e["UID"]): e for e in parse_ics(client.get(page.ics_url)).walk("VEVENT")}
    cancelled = next(e for uid, e in events.items() if uid.startswith(f"session-{session.pk}@"))
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("DTSTART") == session.start
    assert str(cancelled["LOCATION"]) == session.place
    activity = next(
        e for e in events.values() if "Nettverksdag for fosterhjemstjenestene" in str(e["SUMMARY"])
    )
    assert str(activity["STATUS"]) == "CANCELLED"
    open_ones = [e for e in events.values() if str(e["STATUS"]) == "CONFIRMED"]
    assert open_ones


def test_icalendar_all_day_end_is_exclusive_and_timed_activities_carry_the_time_zone(client, tf_overview):
    calendar = parse_ics(client.get(tf_overview.ics_url))
    events = list(calendar.walk("VEVENT"))
    gathering = next(e for e in events if "Barnevernledersamling vår" in str(e["SUMMARY"]))
    assert gathering.decoded("DTEND") - gathering.decoded("DTSTART") == dt.timedelta(days=2)
    dialogue = next(e for e in events if "Dialogmøter" in str(e["SUMMARY"]))
    start = dialogue.decoded("DTSTART")
    assert isinstance(start, dt.datetime) and str(start.tzinfo) == "Europe/Oslo" and start.hour == 10
    assert list(calendar.walk("VTIMEZONE"))


def test_uids_are_stable_between_exports(client, tf_overview):
    first = [str(e["UID"]) for e in parse_ics(client.get(tf_overview.ics_url)).walk("VEVENT")]
    second = [str(e["UID"]) for e in parse_ics(client.get(tf_overview.ics_url)).walk("VEVENT")]
    assert first == second
