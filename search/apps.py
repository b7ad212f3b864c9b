from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Søk"

    def ready(self) -> None:
        from . import signals

        signals.connect()
