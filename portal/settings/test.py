"""Test settings: fast hashing, in-memory cache and mail, temp media, the deterministic embedder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import INSECURE_DEV_SECRET

DEBUG = False
SECRET_KEY = INSECURE_DEV_SECRET
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_TMP = Path(tempfile.mkdtemp(prefix="felles-test-"))
MEDIA_ROOT = _TMP / "media"
STATIC_ROOT = _TMP / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PORTAL_SEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": str(_TMP / "catalogue.sqlite3"),
    }
}
# Unit tests never load a model: a deterministic hashing embedder where shared words give similar vectors.
PORTAL_EMBEDDER = {"BACKEND": "matching.embedders.HashingEmbedder", "DIMENSION": 256}
# Throttling is tested explicitly; elsewhere it would make the suite order-dependent.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"match": "10000/minute", "search": "10000/minute", "anon": "100000/minute"},
}
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
TESTING = True
