from django.apps import AppConfig


class OverviewsConfig(AppConfig):
    """Regional and national dashboards, the open-data page, and the glue that keeps the yearly
    overview's curator groups in step with Statsforvalter users."""

    name = "overviews"
    verbose_name = "Oversikter"

    def ready(self):
        from . import signals  # noqa: F401
