"""Daily job: escalations, stale-interest reminders, the three-month follow-up, expiry and digests.

Run once a day (cron or a systemd timer). Safe to run again: what was sent is recorded, so a second
run the same day sends nothing twice. ``--today`` runs it as of another date (testing, catching up).
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.needs.services import reminders_send

LABELS = {
    "escalated": "eskalerte behov",
    "stale_interest": "påminnelser om interesse uten oppfølging",
    "follow_up": "oppfølgingsspørsmål etter levering",
    "expired": "utløpte behov",
    "flagged_drafts_deleted": "slettede utkast med personopplysninger",
    "digests": "daglige oppsummeringer",
}


class Command(BaseCommand):
    help = "Sender påminnelser, eskaleringer, oppfølging og daglige oppsummeringer for behov."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Kjør som om det var denne datoen (ÅÅÅÅ-MM-DD).")

    def handle(self, *args, today: str | None = None, **options):
        now = timezone.now()
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("--today må være en dato på formen ÅÅÅÅ-MM-DD.") from exc
            now = timezone.make_aware(dt.datetime.combine(day, dt.time(7, 0)))
        counts = reminders_send(now=now)
        for key, count in counts.items():
            self.stdout.write(f"{count} {LABELS.get(key, key)}")
