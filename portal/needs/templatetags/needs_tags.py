"""Labels for need states and audit events in templates."""

from __future__ import annotations

from django import template

from ..models import NeedState
from ..transitions import EVENT_LABELS

register = template.Library()


@register.filter
def state_label(value: str) -> str:
    try:
        return NeedState(value).label
    except ValueError:
        return value or ""


@register.filter
def event_label(value: str) -> str:
    return EVENT_LABELS.get(value, value)
