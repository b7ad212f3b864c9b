"""Every route of the URL configuration, found by walking ``get_resolver().url_patterns``."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # the namespaced route name, or the full pattern for unnamed routes
    pattern: str  # the full pattern, prefixes included
    module: str  # the module of the view (to tell Wagtail's own admin views from ours)


def _view_module(callback) -> str:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return getattr(view, "__module__", "") or ""


def _walk(patterns, prefix: str, namespace: str | None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n) or None
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = ":".join(n for n in (namespace, entry.name) if n) if entry.name else None
            yield Route(key=name or pattern, pattern=pattern, module=_view_module(entry.callback))


def all_routes() -> list[Route]:
    """Every route, in URL-configuration order, without duplicates of the same key."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns, "", None):
        seen.setdefault(route.key, route)
    return list(seen.values())
