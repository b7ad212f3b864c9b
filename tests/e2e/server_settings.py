"""Settings for the throwaway server the browser tests drive (see tests/e2e/README.md).

The test settings, with every path under one directory given by ``E2E_VAR_DIR`` so that the
commands that build the world (migrate, load_reference_data, load_demo) and the server that serves
it are separate processes looking at the same database, search index and media. ``portal.settings.test``
alone puts the index in a fresh temporary directory per process, so a server would not see the index
that ``load_demo`` built.
"""

import os
from pathlib import Path

from portal.settings.test import *  # noqa: F403

_VAR = Path(os.environ["E2E_VAR_DIR"])

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(_VAR / "db.sqlite3"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;"},
    }
}
MEDIA_ROOT = _VAR / "media"
STATIC_ROOT = _VAR / "static"
PORTAL_SEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": str(_VAR / "search" / "catalogue.sqlite3"),
    }
}
# One server process, so the in-memory cache of the test settings is shared by all its threads; a
# file cache would survive between runs of the world-building commands, which do not need it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
