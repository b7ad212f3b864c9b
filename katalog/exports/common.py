"""Shared by both exports: the live offerings in export order, stable ids, plain text."""

from __future__ import annotations

import datetime as dt
import uuid

from wagtail.rich_text import get_text_for_indexing

from katalog.choices import SessionStatus
from katalog.models import OfferingPage
from katalog.selectors import offering_list_filtered

# Fixed namespace for our UUID 5 identifiers: never change it, or every id in the export changes.
HSDS_NAMESPACE = uuid.UUID("6f1d3c52-7c1e-4b8e-9a56-2f1c0f5a9e41")


def stable_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{kind}:{key}"))


def plain_text(html: str) -> str:
    return " ".join(get_text_for_indexing(html or "").split())


def export_offerings() -> list[OfferingPage]:
    return sorted(offering_list_filtered(), key=lambda p: (p.provider_short_name or "", p.title, p.pk))


def upcoming_sessions(page: OfferingPage, today: dt.date):
    return [
        s for s in page.sessions.all() if s.status != SessionStatus.CANCELLED and (s.end or s.start) >= today
    ]
