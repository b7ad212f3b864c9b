"""Production settings: refuse to start without a real secret and hosts; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import ENV, INSECURE_DEV_SECRET

DEBUG = False

if not ENV.secret_key or ENV.secret_key == INSECURE_DEV_SECRET or len(ENV.secret_key) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production "
        '(python -c "import secrets; print(secrets.token_urlsafe(64))").'
    )
SECRET_KEY = ENV.secret_key
if not ENV.allowed_hosts:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names in production.")

# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/ — the reverse proxy terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Hashed file names let the reverse proxy cache static files for a long time.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# gunicorn runs several worker processes; torch in each would otherwise use every core for one query
# encoding and the workers would fight over the CPU under load.
PORTAL_EMBEDDER = {**PORTAL_EMBEDDER, "THREADS": 1}  # noqa: F405
