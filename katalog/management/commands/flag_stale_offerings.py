"""python manage.py flag_stale_offerings [--dato ÅÅÅÅ-MM-DD] [--dry-run]

E-mails each centre's editors and moderators the titles of, and admin links to, their live offerings
that are unconfirmed for twelve months or turn so within 30 days. Meant to run daily or weekly
(cron, systemd timer); running it twice on one day sends the reminders twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Varsler sentrenes redaktører om tilbud som ikke er bekreftet på 12 måneder eller snart blir det."

    def add_arguments(self, parser):
        parser.add_argument("--dato", help="Dagens dato (ÅÅÅÅ-MM-DD), for testing; standard er i dag")
        parser.add_argument("--dry-run", action="store_true", help="Vis hva som ville blitt sendt")

    def handle(self, *args, dato: str | None, dry_run: bool, **options):
        from katalog.services.offerings import stale_reminders_send

        try:
            today = dt.date.fromisoformat(dato) if dato else None
        except ValueError as exc:
            raise CommandError(f"Ugyldig dato «{dato}». Bruk formatet ÅÅÅÅ-MM-DD.") from exc
        reminders = stale_reminders_send(today=today, dry_run=dry_run)
        for reminder in reminders:
            self.stdout.write(
                f"{reminder.provider_page.provider.short_name}: {len(reminder.stale)} ubekreftet, "
                f"{len(reminder.soon)} snart ubekreftet, {len(reminder.recipients)} mottakere"
            )
        verb = "ville blitt varslet" if dry_run else "varslet"
        self.stdout.write(self.style.SUCCESS(f"{len(reminders)} sentre {verb}."))
