from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Brukere og roller"

    def ready(self) -> None:
        from . import throttling  # noqa: F401 - connects the login-failure signal handlers
