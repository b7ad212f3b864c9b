"""Settings come from the environment, read in one place, with safe defaults for a fresh clone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

from portal.settings.env import BASE_DIR, INSECURE_DEV_SECRET, read_env

REAL_SECRET = "x7Jq2-" + "k" * 20 + "Pz9R_" + "m" * 30


def test_defaults_need_no_environment():
    env = read_env({})
    assert env.database_url == f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    assert env.elasticsearch_url is None
    assert env.embedding_model is None
    assert env.email_host is None
    assert env.secret_key is None


def test_sqlite_default_resolves_to_a_file_under_var():
    config = dj_database_url.parse(read_env({}).database_url)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]).parent == BASE_DIR / "var"


def test_postgres_url_is_parsed():
    env = read_env({"DATABASE_URL": "postgres://portal:hemmelig@db.example:5433/felles"})
    config = dj_database_url.parse(env.database_url)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example",
        5433,
        "felles",
        "portal",
    )


def test_lists_and_features_from_environment():
    env = read_env(
        {
            "ALLOWED_HOSTS": "portal.example, www.portal.example",
            "ELASTICSEARCH_URL": "http://es:9200",
            "EMBEDDING_MODEL": "intfloat/multilingual-e5-small",
            "EMAIL_HOST": "smtp.example",
            "EMAIL_USE_TLS": "false",
        }
    )
    assert env.allowed_hosts == ["portal.example", "www.portal.example"]
    assert env.elasticsearch_url == "http://es:9200"
    assert env.embedding_model == "intfloat/multilingual-e5-small"
    assert env.email_host == "smtp.example" and env.email_use_tls is False


def _run(args: list[str], env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_missing_secret():
    result = _run(
        ["manage.py", "check", "--settings=portal.settings.production"], {"ALLOWED_HOSTS": "portal.example"}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_the_development_secret():
    result = _run(
        ["manage.py", "check", "--settings=portal.settings.production"],
        {"DJANGO_SECRET_KEY": INSECURE_DEV_SECRET, "ALLOWED_HOSTS": "portal.example"},
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_check_deploy_has_no_warnings():
    result = _run(
        [
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=portal.settings.production",
        ],
        {"DJANGO_SECRET_KEY": REAL_SECRET, "ALLOWED_HOSTS": "portal.example"},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_database_engine_matches_environment():
    """The CI log shows this passing once on SQLite and once on PostgreSQL."""
    from django.db import connection

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
