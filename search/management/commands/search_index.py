"""python manage.py search_index rebuild|update|status

rebuild: recompute stale embeddings, build a complete new index and swap it in atomically.
update:  recompute stale embeddings, then upsert every searchable document in place.
status:  which backend, where, how many documents, healthy or not, and whether the index is in step
         with the published pages.

Progress bars (tqdm) go to stderr: one for the embeddings, which with the real model is the slow
part, and one for the documents.
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

        quiet = no_progress or options.get("verbosity", 1) == 0
        try:
            if action == "status":
                self._status()
            else:
                count = self._index(action, quiet=quiet)
                self.stdout.write(self.style.SUCCESS(f"{count} dokumenter indeksert ({action})."))
        except SearchUnavailable as exc:
            raise CommandError(f"Søkemotoren er ikke tilgjengelig: {exc}") from exc

    def _status(self) -> None:
        from search.services import index_status

        status = index_status()
        searchable = status.extra.get("searchable_pages")
        self.stdout.write(f"Motor: {status.backend}")
        self.stdout.write(f"Sted: {status.location}")
        self.stdout.write(f"Dokumenter i indeksen: {status.documents}")
        self.stdout.write(f"Publiserte sider som skal være søkbare: {searchable}")
        self.stdout.write(f"Status: {'OK' if status.healthy else 'FEIL'} {status.detail}")
        if not status.healthy:
            raise CommandError("Søkeindeksen er ikke tilgjengelig.")
        if searchable is not None and searchable != status.documents:
            self.stdout.write(
                self.style.WARNING(
                    "Indeksen er ikke i takt med de publiserte sidene. "
                    "Kjør «python manage.py search_index rebuild»."
                )
            )

    def _index(self, action: str, *, quiet: bool) -> int:
        from tqdm import tqdm

        from search.services import _searchable_count, embeddings_refresh, index_rebuild, index_update

        total = _searchable_count()
        bar_options = {"total": total, "unit": "dok", "disable": quiet, "file": self.stderr}
        with tqdm(desc="Embeddinger", **bar_options) as bar:
            embeddings_refresh(progress=bar.update)  # reports increments
        with tqdm(desc="Indekserer", **bar_options) as bar:
            # The services report how many documents are done so far; tqdm wants increments.
            def advance(done: int) -> None:
                bar.update(max(0, done - bar.n))

            if action == "rebuild":
                return index_rebuild(progress=advance, embed=False)
            return index_update(progress=advance)
