"""Template helpers: accessible form widgets and small formatting helpers."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.safestring import SafeString

register = template.Library()

_MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


@register.simple_tag
def accessible_widget(field) -> SafeString:
    """Render a bound field's widget with its hint and error tied to it (WCAG 1.3.1, 3.3.1)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_hint")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def norsk_dato(value: dt.date | None) -> str:
    """«3. mars 2027»"""
    if not value:
        return ""
    return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
