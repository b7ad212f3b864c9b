from django.apps import AppConfig


class KatalogConfig(AppConfig):
    name = "katalog"
    verbose_name = "Katalog"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects indexing and embedding to publishing
