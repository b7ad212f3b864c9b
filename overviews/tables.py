"""The shapes a dashboard is rendered from: a period, key figures and tables. Every table is shown
as HTML (with its chart) and can be downloaded as CSV with exactly the same cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString

from .suppression import Cell

MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


@dataclass(frozen=True)
class Period:
    """[start, end) in local dates, and the months it covers."""

    start: dt.date
    end: dt.date
    label: str
    year: int | None = None

    @property
    def months(self) -> list[tuple[int, int]]:
        months, year, month = [], self.start.year, self.start.month
        while dt.date(year, month, 1) < self.end:
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def month_label(self, year: int, month: int) -> str:
        return MONTHS[month - 1] if self.year else f"{MONTHS[month - 1]} {year % 100:02d}"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=zone),
            dt.datetime.combine(self.end, dt.time.min, tzinfo=zone),
        )

    @property
    def query(self) -> str:
        return f"?ar={self.year}" if self.year else ""


def period_from_params(params: Mapping[str, str], *, today: dt.date | None = None) -> Period:
    """``?ar=2026`` gives that calendar year; otherwise the last twelve months including this one."""
    today = today or timezone.localdate()
    raw = (params.get("ar") or "").strip()
    if raw.isdigit() and 2020 <= int(raw) <= today.year:
        year = int(raw)
        return Period(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), f"året {year}", year=year)
    first_month = today.year * 12 + today.month - 1 - 11
    first = dt.date(first_month // 12, first_month % 12 + 1, 1)
    return Period(first, today + dt.timedelta(days=1), "de siste tolv månedene")


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""


@dataclass
class Table:
    """A table with row headers in the first column; ``footer`` is the totals row, if any."""

    slug: str
    caption: str
    headers: list[str]
    rows: list[list[str | Cell]]
    footer: list[str | Cell] | None = None
    chart: SafeString | str = ""
    note: str = ""

    def csv(self) -> str:
        """Semicolon-separated, UTF-8 with BOM and CRLF, like the catalogue's CSV export."""
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(self.headers)
        writer.writerows([str(value) for value in row] for row in self.rows)
        if self.footer:
            writer.writerow([str(value) for value in self.footer])
        return buffer.getvalue()


@dataclass
class Dashboard:
    title: str
    period: Period
    figures: list[KeyFigure]
    tables: list[Table]
    embete: object | None = None
    opted_in: list = field(default_factory=list)
    show_individual: bool = False
    needs_available: bool = True

    def table(self, slug: str) -> Table | None:
        return next((t for t in self.tables if t.slug == slug), None)
