"""python manage.py refresh_overviews [--year YYYY]

Brings every yearly overview (this year and later, or one year) up to date with the catalogue and
e-mails the curators of overviews that changed. Run nightly (cron or a scheduler)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from katalog.services.overview import overview_refresh_all


class Command(BaseCommand):
    help = "Oppdaterer årsoversiktene fra katalogen og varsler kuratorene om endringer."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, default=None, help="Bare dette året (standard: i år og senere)"
        )

    def handle(self, *args, year: int | None, **options):
        results = overview_refresh_all(year=year)
        changed = [r for r in results if r.has_changes]
        for result in changed:
            self.stdout.write(
                f"{result.page.title}: {len(result.added)} nye, {len(result.changed)} endret, "
                f"{len(result.removed)} ikke lenger med, {len(result.restored)} tilbake"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(results)} årsoversikter sjekket, {len(changed)} endret."))
