"""The catalogue as CSV for spreadsheets: one row per live offering, ``;``-separated (what Excel expects
with Norwegian regional settings, where ``,`` is the decimal sign), UTF-8 with a byte-order mark so
Excel reads æøå, CRLF line ends. Lists are joined with `` | ``, booleans are ``ja``/``nei``, dates ISO
8601, decimals with a comma. The columns, in order, are ``CSV_HEADERS`` (see ``CSV_COLUMNS``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

from katalog.choices import SessionStatus
from katalog.models import OfferingPage, offering_is_stale
from katalog.structured_data import credits_text

from .common import export_offerings, upcoming_sessions


def _yes_no(value: bool) -> str:
    return "ja" if value else "nei"


def _join(values: Iterable[str]) -> str:
    return " | ".join(values)


def _session_text(session) -> str:
    end = f"–{session.end.isoformat()}" if session.end and session.end != session.start else ""
    status = f" ({session.get_status_display().lower()})" if session.status != SessionStatus.OPEN else ""
    return f"{session.start.isoformat()}{end} {session.place}{status}"


def _next_date(page: OfferingPage, today: dt.date) -> str:
    upcoming = [s.start for s in upcoming_sessions(page, today) if s.start >= today]
    return min(upcoming).isoformat() if upcoming else ""


CsvGetter = Callable[[OfferingPage, Any, dt.date], object]
CSV_COLUMNS: list[tuple[str, CsvGetter]] = [
    ("id", lambda p, r, t: p.pk),
    ("tittel", lambda p, r, t: p.title),
    ("url", lambda p, r, t: p.get_full_url(r) or ""),
    ("senter", lambda p, r, t: p.provider_short_name),
    ("senter_kode", lambda p, r, t: p.provider_slug),
    ("samarbeidspartnere", lambda p, r, t: _join(c.short_name for c in p.co_providers.all())),
    ("kort_fortalt", lambda p, r, t: p.summary),
    ("bistandsform", lambda p, r, t: p.form_of_help.label),
    ("bistandsform_kode", lambda p, r, t: p.form_of_help.code),
    ("tema", lambda p, r, t: _join(x.label for x in p.themes.all())),
    ("tema_koder", lambda p, r, t: _join(x.code for x in p.themes.all())),
    ("malgrupper", lambda p, r, t: _join(x.label for x in p.target_groups.all())),
    ("nivaa", lambda p, r, t: p.get_level_display()),
    ("format", lambda p, r, t: _join(x.label for x in p.formats.all())),
    ("format_koder", lambda p, r, t: _join(x.code for x in p.formats.all())),
    ("tilgang", lambda p, r, t: p.get_access_mode_display()),
    ("tilgang_kode", lambda p, r, t: p.access_mode),
    ("forutsetninger", lambda p, r, t: p.prerequisites),
    ("nasjonalt", lambda p, r, t: _yes_no(p.national)),
    ("fylker", lambda p, r, t: _join(f"{c.number} {c.name}" for c in p.regions.all())),
    ("malform", lambda p, r, t: p.language),
    ("varighet", lambda p, r, t: p.duration),
    ("timer", lambda p, r, t: p.hours if p.hours is not None else ""),
    ("kostnad", lambda p, r, t: p.get_cost_display()),
    ("pris", lambda p, r, t: p.price_text),
    ("studiepoeng", lambda p, r, t: credits_text(p.credits) if p.credits else ""),
    ("teller_mot_2031", lambda p, r, t: p.counts_toward_2031),
    ("sertifisering", lambda p, r, t: p.certification),
    ("kunnskapsgrunnlag", lambda p, r, t: p.get_evidence_level_display()),
    ("kapasitet", lambda p, r, t: p.get_capacity_display()),
    ("status", lambda p, r, t: p.get_status_display()),
    ("neste_dato", lambda p, r, t: _next_date(p, t)),
    ("datoer", lambda p, r, t: _join(_session_text(s) for s in p.sessions.all())),
    ("pamelding", lambda p, r, t: p.registration_url),
    ("kontakt", lambda p, r, t: p.contact_role),
    ("kontakt_epost", lambda p, r, t: p.contact_email),
    ("sist_bekreftet", lambda p, r, t: p.last_confirmed.isoformat() if p.last_confirmed else ""),
    ("ubekreftet", lambda p, r, t: _yes_no(offering_is_stale(p.last_confirmed, t))),
]
CSV_HEADERS = [name for name, _ in CSV_COLUMNS]
CSV_DESCRIPTION = (
    "Én rad per publisert tilbud. Semikolon som skilletegn, UTF-8 med BOM, CRLF. Lister skilles med « | », "
    "ja/nei for sant/usant, datoer som ÅÅÅÅ-MM-DD, desimaltall med komma. Kolonner i denne rekkefølgen: "
    + ", ".join(CSV_HEADERS)
    + "."
)


def _cell(value: object) -> object:
    """Spreadsheets run cells that start with = + - @ as formulas; an editor's text must never do that
    in someone else's Excel (OWASP "CSV injection"). A leading apostrophe shows the text as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def offerings_csv_build(*, request=None, today: dt.date | None = None) -> str:
    """The whole live catalogue as CSV text, starting with a byte-order mark (see the module docstring)."""
    today = today or timezone.localdate()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for page in export_offerings():
        writer.writerow([_cell(getter(page, request, today)) for _, getter in CSV_COLUMNS])
    return buffer.getvalue()
