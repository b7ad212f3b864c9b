"""Settings for the load test (benchmarks/load.py): production settings, unchanged, except that the
API throttles are raised so that a hundred simulated users from one address measure the portal, not
its rate limits. Everything else — DEBUG off, HTTPS-only cookies, HSTS, the manifest static storage,
the file cache shared by the gunicorn workers, the real embedding model — is production's.

The load client sends ``X-Forwarded-Proto: https`` as the reverse proxy would, so
SECURE_SSL_REDIRECT stays on.
"""

from portal.settings.production import *  # noqa: F403

REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "match": "1000000/minute",
        "search": "1000000/minute",
        "anon": "1000000/minute",
    },
}
