"""A yearly overview as CSV (for spreadsheets and leaders' gatherings) and as iCalendar (to subscribe
to in a calendar). Both are built from the same ``OverviewView`` as the page, so they hold exactly what
the public sees: hidden items never, removed items marked, the reader's filters applied.

**CSV** follows the catalogue export (``katalog/exports.py``): ``;``-separated, UTF-8 with a byte-order
mark, CRLF, lists joined with `` | ``, ISO dates. One row per offering, then one per regional activity.

**iCalendar** (RFC 5545): one VEVENT per dated session in the year of each listed offering and per
regional activity. All-day events have an exclusive DTEND (the day after the last day). UIDs are
stable across exports (``session-<id>@<host>``, ``activity-<uuid>@<host>``) so calendar apps update
events instead of duplicating them. Cancelled sessions and activities, and the sessions of offerings
that are no longer available, carry STATUS:CANCELLED so subscribers see the cancellation.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar, Event

from .choices import SessionStatus, Status
from .models import RegionalActivity
from .overview_selectors import OverviewEntry, OverviewView

CSV_COLUMNS = [
    "Type",
    "Tema",
    "Bistandsform",
    "Tittel",
    "Arrangør",
    "Tilgang",
    "Status",
    "Kapasitet",
    "Datoer",
    "Sted",
    "Fremhevet",
    "Merknad fra Statsforvalteren",
    "Endret siden forrige versjon",
    "Lenke",
]
TIMEZONE = ZoneInfo("Europe/Oslo")


def _session_text(session) -> str:
    text = session.start.isoformat() + (f"–{session.end.isoformat()}" if session.end else "")
    if session.status != SessionStatus.OPEN:
        text += f" ({session.get_status_display().lower()})"
    return text


def _absolute(url: str) -> str:
    return url if not url or url.startswith("http") else f"{settings.PORTAL_BASE_URL}{url}"


def _entry_row(entry: OverviewEntry, kind: str, theme: str) -> list[str]:
    offering = entry.offering
    return [
        kind,
        theme or (" | ".join(t.label for t in offering.themes.all()) if offering else ""),
        offering.form_of_help.label if offering else "",
        entry.title,
        entry.provider,
        offering.get_access_mode_display() if offering else "",
        entry.removed_reason or entry.status_label,
        offering.get_capacity_display() if offering else "",
        " | ".join(_session_text(s) for s in entry.sessions) or ("Etter avtale" if offering else ""),
        " | ".join(dict.fromkeys(s.place for s in entry.sessions)),
        "ja" if entry.pinned else "nei",
        entry.note,
        " | ".join(entry.changes),
        _absolute(entry.url),
    ]


def _activity_row(activity: RegionalActivity) -> list[str]:
    dates = activity.start.isoformat() + (f"–{activity.end.isoformat()}" if activity.end else "")
    return [
        f"Regional aktivitet: {activity.get_kind_display()}",
        "",
        "",
        activity.title,
        "Statsforvalteren",
        "",
        "Avlyst" if activity.cancelled else "Planlagt",
        "",
        dates,
        activity.place,
        "nei",
        activity.description,
        "",
        activity.registration_url,
    ]


def overview_csv_rows(*, view: OverviewView) -> list[list[str]]:
    rows = []
    for section in view.sections:
        for group in section.groups:
            rows += [_entry_row(e, "Tilbud", section.label) for e in group.entries]
    rows += [_entry_row(e, "Tildelt program", "") for e in view.allocated]
    rows += [_entry_row(e, "Ikke lenger tilgjengelig", "") for e in view.removed]
    rows += [_activity_row(a) for a in view.activities]
    return rows


def overview_csv_build(*, view: OverviewView) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(overview_csv_rows(view=view))
    return buffer.getvalue()


# --- iCalendar -----------------------------------------------------------------------------------


def _uid_host() -> str:
    return urlparse(settings.PORTAL_BASE_URL).hostname or "felles-inngangsdor.no"


def _session_event(entry: OverviewEntry, session, host: str, stamp: dt.datetime) -> Event:
    offering = entry.offering
    cancelled = session.status == SessionStatus.CANCELLED or entry.removed
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start)
    event.add("dtend", (session.end or session.start) + dt.timedelta(days=1))
    suffix = " (fullt)" if session.status == SessionStatus.FULL else ""
    event.add("summary", f"{entry.title}{suffix}")
    event.add("location", session.place)
    description = [entry.provider, offering.summary if offering else "", entry.note]
    event.add("description", "\n\n".join(part for part in description if part))
    if entry.url:
        event.add("url", _absolute(entry.url))
    if cancelled:
        event.add("status", "CANCELLED")
    elif offering and offering.status == Status.PAUSED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def _activity_event(activity: RegionalActivity, host: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.uid}@{host}")
    event.add("dtstamp", stamp)
    last_day = activity.end or activity.start
    if activity.start_time:
        event.add("dtstart", dt.datetime.combine(activity.start, activity.start_time, tzinfo=TIMEZONE))
        end_time = activity.end_time or activity.start_time
        event.add("dtend", dt.datetime.combine(last_day, end_time, tzinfo=TIMEZONE))
    else:
        event.add("dtstart", activity.start)
        event.add("dtend", last_day + dt.timedelta(days=1))
    event.add("summary", f"{activity.get_kind_display()}: {activity.title}")
    event.add("location", activity.place)
    if activity.description:
        event.add("description", activity.description)
    if activity.registration_url:
        event.add("url", activity.registration_url)
    event.add("status", "CANCELLED" if activity.cancelled else "CONFIRMED")
    return event


def overview_ics_build(*, view: OverviewView) -> bytes:
    """The overview's dated sessions and regional activities as one VCALENDAR."""
    page = view.page
    calendar = Calendar()
    calendar.add("prodid", "-//Felles inngangsdør//Årsoversikt//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", page.title)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    host, stamp = _uid_host(), timezone.now()
    seen: set[int] = set()
    for entry in view.entries:
        for session in entry.sessions:
            if session.pk not in seen:
                seen.add(session.pk)
                calendar.add_component(_session_event(entry, session, host, stamp))
    for activity in view.activities:
        calendar.add_component(_activity_event(activity, host, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
