"""python manage.py load_demo [--seed N]

Demo content on top of the reference data: services and one user per role, the hand-written demo
catalogue, needs in every state, then embeddings and the search index. Idempotent. Development only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Laster demodata: brukere per rolle, demokatalog, behov, embeddinger og søkeindeks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=2026, help="Frø for det som varieres tilfeldig (standard 2026)"
        )
        parser.add_argument(
            "--allow-production", action="store_true", help="Tillat kjøring uten DEBUG (ikke anbefalt)"
        )

    def handle(self, *args, seed: int, allow_production: bool, **options):
        from portal.base.demo import demo_load

        if not settings.DEBUG and not allow_production and not getattr(settings, "TESTING", False):
            raise CommandError("Demodata har kjente passord og skal bare lastes i utvikling (DEBUG=True).")
        report = demo_load(seed=seed, progress=self.stdout if options.get("verbosity", 1) > 0 else None)
        self.stdout.write(self.style.SUCCESS(f"Demodata lastet. {report}"))
