"""python manage.py search_index rebuild|update|status

rebuild: recompute stale embeddings, build a complete new index and swap it in atomically.
update:  upsert every searchable document in place.
status:  which backend, where, how many documents, healthy or not.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Bygger, oppdaterer eller viser status for søkeindeksen."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])
        parser.add_argument("--no-progress", action="store_true", help="Ingen fremdriftslinje")

    def handle(self, *args, action: str, no_progress: bool, **options):
        from search.backends import SearchUnavailable
        from search.services import _searchable_count, index_rebuild, index_status, index_update

        try:
            if action == "status":
                status = index_status()
                self.stdout.write(f"Motor: {status.backend}")
                self.stdout.write(f"Sted: {status.location}")
                self.stdout.write(f"Dokumenter i indeksen: {status.documents}")
                self.stdout.write(
                    f"Publiserte sider som skal være søkbare: {status.extra.get('searchable_pages')}"
                )
                self.stdout.write(f"Status: {'OK' if status.healthy else 'FEIL'} {status.detail}")
                if not status.healthy:
                    raise CommandError("Søkeindeksen er ikke tilgjengelig.")
                return
            from tqdm import tqdm

            total = _searchable_count()
            quiet = no_progress or options.get("verbosity", 1) == 0
            with tqdm(total=total, desc="Indekserer", unit="dok", disable=quiet, file=self.stderr) as bar:
                # Services report how many documents are done so far; tqdm wants increments.
                def advance(done: int) -> None:
                    bar.update(max(0, done - bar.n))

                count = (index_rebuild if action == "rebuild" else index_update)(progress=advance)
        except SearchUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} dokumenter indeksert ({action})."))
