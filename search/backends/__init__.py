"""Backend loading, modelled on Django's cache framework: settings alias → dotted path → instance.

``PORTAL_SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", ...}}``
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .base import (
    FACETS,
    KINDS,
    SORTS,
    BackendStatus,
    FacetCount,
    Hit,
    SearchBackend,
    SearchDocument,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
)

__all__ = [
    "FACETS",
    "KINDS",
    "SORTS",
    "BackendStatus",
    "FacetCount",
    "Hit",
    "SearchBackend",
    "SearchDocument",
    "SearchQuery",
    "SearchResults",
    "SearchUnavailable",
    "backend_from_config",
    "get_search_backend",
]

_instances: dict[str, SearchBackend] = {}
_lock = threading.Lock()


def backend_from_config(config: dict) -> SearchBackend:
    """Construct a backend from one ``PORTAL_SEARCH_BACKENDS`` entry."""
    if "BACKEND" not in config:
        raise ImproperlyConfigured("A PORTAL_SEARCH_BACKENDS entry needs a BACKEND dotted path.")
    try:
        backend_class = import_string(config["BACKEND"])
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"Search backend {config['BACKEND']!r} could not be imported: {exc}"
        ) from exc
    params = {k.lower(): v for k, v in config.items() if k != "BACKEND"}
    try:
        return backend_class.from_params(**params)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"Search backend {config['BACKEND']!r} is misconfigured: {exc}") from exc


def get_search_backend(alias: str = "default") -> SearchBackend:
    """The configured backend for ``alias``; one instance per process (backends hold caches)."""
    with _lock:
        if alias not in _instances:
            backends = getattr(settings, "PORTAL_SEARCH_BACKENDS", {})
            if alias not in backends:
                raise ImproperlyConfigured(f"No search backend named {alias!r} in PORTAL_SEARCH_BACKENDS.")
            _instances[alias] = backend_from_config(backends[alias])
        return _instances[alias]


def reset_search_backends() -> None:
    with _lock:
        _instances.clear()


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting == "PORTAL_SEARCH_BACKENDS":
        reset_search_backends()
