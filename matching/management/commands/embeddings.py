"""python manage.py embeddings refresh [--force] | status

refresh: embed every searchable page whose text changed or that has no vector for the current model
(all of them after EMBEDDING_MODEL changes), with a progress bar, then rebuild the search index so the
stored vectors and the index agree. status: which model, how many pages have a current vector.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Beregner embeddinger for tilbud og sentre på nytt (f.eks. etter bytte av modell)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh", "status"])
        parser.add_argument("--force", action="store_true", help="Beregn alle på nytt, også uendrede")
        parser.add_argument(
            "--no-reindex", action="store_true", help="Ikke bygg søkeindeksen på nytt etterpå"
        )

    def handle(self, *args, action: str, force: bool, no_reindex: bool, **options):
        from tqdm import tqdm

        from matching.embedders import get_embedder
        from matching.models import PageEmbedding
        from search.backends import SearchUnavailable
        from search.documents import searchable_pages
        from search.services import embeddings_refresh, index_rebuild

        embedder = get_embedder()
        providers, offerings = searchable_pages()
        total = len(providers) + offerings.count()
        if action == "status":
            current = PageEmbedding.objects.filter(model_name=embedder.name).count()
            self.stdout.write(f"Modell: {embedder.name}")
            self.stdout.write(f"Sider med vektor for modellen: {current} av {total}")
            return
        quiet = options.get("verbosity", 1) == 0
        with tqdm(total=total, desc="Embeddinger", unit="side", disable=quiet, file=self.stderr) as bar:
            computed = embeddings_refresh(force=force, progress=bar.update)
        self.stdout.write(f"{computed} sider fikk ny vektor ({embedder.name}).")
        if not no_reindex:
            try:
                indexed = index_rebuild(embed=False)
            except SearchUnavailable as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(self.style.SUCCESS(f"Søkeindeksen er bygd på nytt med {indexed} dokumenter."))
