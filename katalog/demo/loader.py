"""Loads the hand-written demo catalogue (``offerings/<provider>.yaml``) as published offering pages.

The texts are written for a demo "today" of 2026; every date is shifted by whole years so the demo
stays current (sessions ahead, some past, some entries stale) whenever it is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.organisations.models import County, Provider
from portal.organisations.reference_files import ReferenceDataError, read_yaml, require_key, strip_lines

from ..models import Format, FormOfHelp, OfferingPage, OfferingSession, ProviderPage, TargetGroup, Theme

OFFERINGS_DIR = Path(__file__).resolve().parent / "offerings"
DEMO_REFERENCE_YEAR = 2026


def shift_date(value: dt.date | None, years: int) -> dt.date | None:
    if value is None or not years:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return value.replace(year=value.year + years, day=28)


def _paragraphs_to_html(text: str) -> str:
    """Blank-line separated paragraphs and "- " bullet lists → the rich-text HTML Wagtail stores."""
    from django.utils.html import escape

    blocks = []
    for block in [b.strip() for b in (text or "").split("\n\n") if b.strip()]:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            blocks.append("<ul>" + "".join(f"<li>{escape(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            blocks.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(blocks)


@dataclass
class Vocabularies:
    themes: dict[str, Theme]
    forms: dict[str, FormOfHelp]
    groups: dict[str, TargetGroup]
    formats: dict[str, Format]
    counties: dict[str, County]
    providers: dict[str, Provider]

    @classmethod
    def load(cls) -> Vocabularies:
        return cls(
            themes={t.code: t for t in Theme.objects.all()},
            forms={f.code: f for f in FormOfHelp.objects.all()},
            groups={g.code: g for g in TargetGroup.objects.all()},
            formats={f.code: f for f in Format.objects.all()},
            counties={c.number: c for c in County.objects.all()},
            providers={p.slug: p for p in Provider.objects.all()},
        )

    def pick(self, path: Path, entry: dict, key: str, table: dict) -> list:
        codes = entry.get(key) or []
        unknown = [c for c in codes if str(c) not in table]
        if unknown:
            raise ReferenceDataError(
                path, entry.get("__line__"), f"ukjent kode i «{key}»: {', '.join(map(str, unknown))}"
            )
        return [table[str(c)] for c in codes]


def demo_files() -> Iterator[Path]:
    return iter(sorted(OFFERINGS_DIR.glob("*.yaml")))


def _offering(
    entry: dict, path: Path, vocab: Vocabularies, years: int
) -> tuple[OfferingPage, dict[str, Any]]:
    form_code = require_key(path, entry, "form_of_help")
    if form_code not in vocab.forms:
        raise ReferenceDataError(path, entry.get("__line__"), f"ukjent bistandsform «{form_code}»")
    availability = entry.get("availability", "national")
    credits = entry.get("credits")
    page = OfferingPage(
        title=require_key(path, entry, "title"),
        slug=require_key(path, entry, "slug"),
        summary=" ".join(require_key(path, entry, "summary").split()),
        body=_paragraphs_to_html(entry.get("body") or ""),
        form_of_help=vocab.forms[form_code],
        level=entry.get("level") or "systemniva",
        duration=entry.get("duration") or "",
        hours=entry.get("hours"),
        sessions_count=entry.get("sessions_count"),
        months=entry.get("months"),
        cost=entry.get("cost") or "free",
        price_text=entry.get("price_text") or "",
        credits=Decimal(str(credits)) if credits else None,
        counts_toward_2031=entry.get("counts_toward_2031") or "nei",
        certification=entry.get("certification") or "",
        language=entry.get("language") or "nb",
        national=availability == "national",
        access_mode=require_key(path, entry, "access_mode"),
        prerequisites=entry.get("prerequisites") or "",
        capacity=entry.get("capacity") or "open",
        status=entry.get("status") or "active",
        evidence_level=entry.get("evidence_level") or "not_assessed",
        registration_url=entry.get("registration_url") or "",
        contact_role=entry.get("contact_role") or "",
        last_confirmed=shift_date(entry.get("last_confirmed"), years),
    )
    relations = {
        "themes": vocab.pick(path, entry, "themes", vocab.themes),
        "target_groups": vocab.pick(path, entry, "target_groups", vocab.groups),
        "formats": vocab.pick(path, entry, "formats", vocab.formats),
        "co_providers": vocab.pick(path, entry, "co_providers", vocab.providers),
        "regions": []
        if availability == "national"
        else vocab.pick(path, {"regions": availability, **entry}, "regions", vocab.counties),
        "sessions": [
            OfferingSession(
                start=shift_date(s["start"], years),
                end=shift_date(s.get("end"), years),
                place=s.get("place") or "Digitalt",
                registration_deadline=shift_date(s.get("registration_deadline"), years),
                registration_url=s.get("registration_url") or "",
                status=s.get("status") or "open",
                sort_order=i,
            )
            for i, s in enumerate(entry.get("sessions") or [])
        ],
    }
    return page, relations


@transaction.atomic
def demo_catalogue_load(*, today: dt.date | None = None) -> int:
    """Create the demo offerings that do not exist yet (existing ones are left as editors left them).

    :returns: how many offerings were created.
    """
    today = today or timezone.localdate()
    years = today.year - DEMO_REFERENCE_YEAR
    vocab = Vocabularies.load()
    created = 0
    for path in demo_files():
        data = read_yaml(path)
        provider_slug = require_key(path, data, "provider")
        provider_page = ProviderPage.objects.filter(provider__slug=provider_slug).first()
        if provider_page is None:
            raise ReferenceDataError(
                path, 1, f"fant ikke sentersiden for «{provider_slug}»; kjør load_reference_data først"
            )
        existing = set(OfferingPage.objects.child_of(provider_page).values_list("slug", flat=True))
        for entry in data.get("offerings") or []:
            if entry.get("slug") in existing:
                continue
            page, relations = _offering(entry, path, vocab, years)
            page.sessions = relations.pop("sessions")
            for name, values in relations.items():
                getattr(page, name).set(values)
            provider_page.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    return created


def demo_catalogue_entries() -> list[dict[str, Any]]:
    """The raw demo entries (for tests that check coverage)."""
    entries = []
    for path in demo_files():
        data = strip_lines(read_yaml(path))
        entries.extend({**entry, "provider": data["provider"]} for entry in data.get("offerings") or [])
    return entries
