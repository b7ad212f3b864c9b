from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "portal.needs"
    label = "needs"
    verbose_name = "Behov"
