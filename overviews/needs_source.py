"""The dashboards' only door into the needs app (``portal.needs``), which is owned elsewhere.

Everything the dashboards count about needs goes through ``need_facts``: one small, text-free record
per published need (never drafts, never the need's text), so aggregation code never touches the
needs app's models directly and cannot read more than it needs. Individual needs are read only for
a Statsforvalter's own embete and only where the service opted in, through the needs app's own
visibility rules.

Status groups are deliberately coarse, so that status counts and the shares shown next to them come
from the same few cells (see ``suppression.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db import models


class StatusGroup(models.TextChoices):
    WAITING = "venter", "Venter på interesse"
    INTEREST = "interesse", "Interesse eller avklaring"
    AGREED = "avtalt", "Avtalt, pågår eller levert"
    CLOSED = "lukket", "Lukket uten avtale"


@dataclass(frozen=True)
class NeedFact:
    """What the dashboards may know about one published need."""

    pk: int
    published_at: dt.datetime
    first_interest_at: dt.datetime | None
    agreed_at: dt.datetime | None
    status_group: str
    themes: tuple[str, ...]
    municipality_ids: frozenset[int]
    embete_ids: frozenset[int]
    home_embete_id: int | None
    service_id: int | None

    @property
    def days_to_first_interest(self) -> float | None:
        if self.first_interest_at is None:
            return None
        return (self.first_interest_at - self.published_at).total_seconds() / 86400


@dataclass(frozen=True)
class OptedInNeed:
    """A need the service has chosen to show its own Statsforvalter (visibility *Statsforvalter*)."""

    pk: int
    title: str
    service: str
    municipalities: str
    status: str
    published_at: dt.datetime
    themes: tuple[str, ...]
    url: str


def need_model():
    """The needs app's Need model, or None while the app has no models yet."""
    try:
        return apps.get_model("needs", "Need")
    except LookupError:
        return None


def needs_available() -> bool:
    return need_model() is not None


def need_facts(*, start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[NeedFact]:
    """Every need published in [start, end), as text-free facts."""
    if need_model() is None:
        return []
    from . import needs_adapter

    return needs_adapter.facts(start=start, end=end)


def need_municipality_ids_ever() -> set[int]:
    """Municipalities with at least one published need, ever (for "never used the portal")."""
    if need_model() is None:
        return set()
    from . import needs_adapter

    return needs_adapter.municipality_ids_ever()


def needs_opted_in(*, user, embete, start: dt.datetime, end: dt.datetime) -> list[OptedInNeed]:
    """Individual needs from ``embete``'s municipalities that their services opted in to show the
    Statsforvalter, as the needs app decides for ``user``."""
    if need_model() is None:
        return []
    from . import needs_adapter

    return needs_adapter.opted_in(user=user, embete=embete, start=start, end=end)
