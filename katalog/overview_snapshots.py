"""What an offering in a yearly overview looked like, and what changed since: the refresh service
stores a snapshot per offering, and the page compares it with the live offering to say what is new
("Endret siden forrige versjon")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .choices import AccessMode, Capacity, SessionStatus, Status
from .models import OfferingPage, OfferingSession


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def session_in_year(session: OfferingSession, year: int) -> bool:
    start, end = year_bounds(year)
    return session.start <= end and (session.end or session.start) >= start


def offering_snapshot(offering: OfferingPage, *, year: int) -> dict:
    """The facts about ``offering`` an overview reader plans by, for the sessions in ``year``."""
    sessions = [s for s in offering.sessions.all() if session_in_year(s, year)]
    return {
        "title": offering.title,
        "status": offering.status,
        "capacity": offering.capacity,
        "access_mode": offering.access_mode,
        "sessions": [
            {
                "id": s.pk,
                "start": s.start.isoformat(),
                "end": s.end.isoformat() if s.end else None,
                "place": s.place,
                "status": s.status,
            }
            for s in sorted(sessions, key=lambda s: (s.start, s.pk or 0))
        ],
    }


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _session_text(session: dict) -> str:
    return f"{dt.date.fromisoformat(session['start']):%d.%m.%Y} {session['place']}"


SESSION_STATUS_CHANGE = {
    SessionStatus.CANCELLED: "avlyst",
    SessionStatus.FULL: "fullt",
    SessionStatus.OPEN: "åpen for påmelding igjen",
}


def _session_changes(old: list[dict], new: list[dict]) -> list[str]:
    changes = []
    before = {s["id"]: s for s in old}
    after = {s["id"]: s for s in new}
    for key, session in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(f"Ny dato: {_session_text(session)}")
            continue
        if (previous["start"], previous["end"], previous["place"]) != (
            session["start"],
            session["end"],
            session["place"],
        ):
            changes.append(f"Flyttet: {_session_text(previous)} → {_session_text(session)}")
        if previous["status"] != session["status"]:
            changes.append(
                f"{_session_text(session)}: {SESSION_STATUS_CHANGE.get(session['status'], session['status'])}"
            )
    changes.extend(f"Dato fjernet: {_session_text(s)}" for key, s in before.items() if key not in after)
    return changes


def snapshot_changes(old: Mapping, new: Mapping) -> list[str]:
    """What changed between two snapshots, as short Norwegian sentences (empty when nothing did)."""
    if not old:
        return []
    changes = []
    if old.get("title") != new.get("title"):
        changes.append(f"Nytt navn: {new.get('title')}")
    for key, choices, label in (
        ("status", Status, "Status"),
        ("capacity", Capacity, "Kapasitet"),
        ("access_mode", AccessMode, "Tilgang"),
    ):
        if old.get(key) != new.get(key):
            changes.append(f"{label}: {_label(choices, old.get(key))} → {_label(choices, new.get(key))}")
    changes.extend(_session_changes(old.get("sessions") or [], new.get("sessions") or []))
    return changes
