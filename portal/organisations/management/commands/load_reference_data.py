"""python manage.py load_reference_data [--data-dir DIR] [--taxonomy FILE] [--force-taxonomy]

Loads counties, embeter, municipalities, providers, referral actors and the taxonomy, then makes
sure the site skeleton (home page, catalogue indexes, one page per provider, editor groups and
workflows) and the role groups exist. Idempotent: running it twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.accounts.roles import role_groups_ensure
from portal.organisations.reference_files import DATA_DIR, ReferenceDataError
from portal.organisations.services import reference_data_load


class Command(BaseCommand):
    help = "Laster referansedata (kommuner, fylker, embeter, sentre, taksonomi) og nettstedets grunnstruktur."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Mappe med kommuner.csv, fylker.csv og providers.yaml",
        )
        parser.add_argument(
            "--taxonomy", type=Path, default=None, help="taxonomy.yaml (standard: katalog/data/taxonomy.yaml)"
        )
        parser.add_argument(
            "--force-taxonomy", action="store_true", help="Overskriv også tema redaktører har endret"
        )

    def handle(self, *args, data_dir: Path, taxonomy: Path | None, force_taxonomy: bool, **options):
        from katalog.services.site import catalogue_site_ensure
        from katalog.services.taxonomy import TAXONOMY_PATH, taxonomy_load

        try:
            report = reference_data_load(data_dir=data_dir)
            report.merge(taxonomy_load(path=taxonomy or TAXONOMY_PATH, force=force_taxonomy))
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        role_groups_ensure()
        catalogue_site_ensure()
        self.stdout.write(self.style.SUCCESS(f"Referansedata lastet. {report.summary()}"))
