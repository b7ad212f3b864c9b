"""Every environment variable the portal reads, with its default, in one place.

A fresh clone runs with no environment at all: SQLite under ``var/``, the embedded search
index, console e-mail and the packaged embedding model. A production feature turns on when
its variable is set (``ELASTICSEARCH_URL`` → Elasticsearch, ``EMAIL_HOST`` → SMTP).
See ``.env.example`` for a commented list.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The value dev and test settings use. Production refuses to start with it.
INSECURE_DEV_SECRET = "django-insecure-dev-only-felles-inngangsdor-never-use-in-production"  # noqa: S105


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


@dataclass(frozen=True)
class Env:
    secret_key: str | None
    database_url: str
    elasticsearch_url: str | None
    elasticsearch_index_prefix: str
    embedding_model: str | None
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    email_host: str | None
    email_port: int
    email_host_user: str
    email_host_password: str
    email_use_tls: bool
    default_from_email: str
    base_url: str
    var_dir: Path
    extra: dict[str, str] = field(default_factory=dict)


def read_env(environ: Mapping[str, str] | None = None) -> Env:
    """Read the portal's configuration from ``environ`` (defaults to ``os.environ``)."""
    environ = os.environ if environ is None else environ
    var_dir = Path(environ.get("PORTAL_VAR_DIR") or BASE_DIR / "var")
    return Env(
        secret_key=environ.get("DJANGO_SECRET_KEY") or None,
        database_url=environ.get("DATABASE_URL") or f"sqlite:///{var_dir / 'db.sqlite3'}",
        elasticsearch_url=environ.get("ELASTICSEARCH_URL") or None,
        elasticsearch_index_prefix=environ.get("ELASTICSEARCH_INDEX_PREFIX") or "felles",
        embedding_model=environ.get("EMBEDDING_MODEL") or None,
        allowed_hosts=_list(environ.get("ALLOWED_HOSTS")),
        csrf_trusted_origins=_list(environ.get("CSRF_TRUSTED_ORIGINS")),
        email_host=environ.get("EMAIL_HOST") or None,
        email_port=int(environ.get("EMAIL_PORT") or 587),
        email_host_user=environ.get("EMAIL_HOST_USER", ""),
        email_host_password=environ.get("EMAIL_HOST_PASSWORD", ""),
        email_use_tls=_bool(environ.get("EMAIL_USE_TLS"), default=True),
        default_from_email=environ.get("DEFAULT_FROM_EMAIL")
        or "Felles inngangsdør <ikke-svar@felles-inngangsdor.no>",
        base_url=(environ.get("PORTAL_BASE_URL") or "http://127.0.0.1:8000").rstrip("/"),
        var_dir=var_dir,
    )


ENV = read_env()
