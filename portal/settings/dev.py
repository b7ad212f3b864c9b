"""Development settings: a fresh clone runs with these and no environment at all."""

import contextlib

from .base import *  # noqa: F403
from .env import ENV, INSECURE_DEV_SECRET

DEBUG = True
SECRET_KEY = ENV.secret_key or INSECURE_DEV_SECRET
ALLOWED_HOSTS = ENV.allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]

with contextlib.suppress(ImportError):  # an optional, git-ignored local.py for a developer's own overrides
    from .local import *  # noqa: F403
