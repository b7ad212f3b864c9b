"""Open Referral HSDS 3.0 (https://docs.openreferral.org/en/latest/hsds/), written in its tabular shape
as one JSON object: one array per HSDS table (``organizations``, ``services``, ``locations``,
``service_at_locations``, ``service_areas``, ``languages``, ``taxonomies``, ``taxonomy_terms``,
``attributes``), rows linked by the tables' foreign keys, each row following the HSDS 3.0 schema for
its table. Identifiers are UUID 5 derived from our own keys, so they stay the same between exports.

Mapping: provider → organization; offering → service (``assured_date`` = last confirmed,
``eligibility_description``, ``application_process``, ``fees_description``, ``accreditations``);
upcoming sessions' places → locations and service_at_locations; coverage → service_areas, each county
linked to its county number (SSB, 2024) through an attribute; themes, forms of help, target groups,
formats and access modes → taxonomies, taxonomy_terms and attributes, with our own codes. Joint
offerings list only the lead provider (HSDS allows one organisation per service). The assurer's e-mail
is left out: it would identify a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from katalog.api.vocabulary import Term, vocabulary_get
from katalog.choices import AccessMode, Capacity, Cost, Status
from katalog.models import OfferingPage, offering_is_stale
from katalog.structured_data import credits_text
from portal.organisations.models import County, Provider

from .common import export_offerings, plain_text, stable_id, upcoming_sessions

HSDS_VERSION = "3.0"
TAXONOMY_PATH = "/api/v1/taxonomy/"
HSDS_DESCRIPTION = (
    "Open Referral HSDS 3.0 i tabellform: organizations, services, locations, service_at_locations, "
    "service_areas, languages, taxonomies, taxonomy_terms og attributes, koblet med HSDS-fremmednøkler."
)
SERVICE_STATUS = {
    Status.ACTIVE: "active",
    Status.PAUSED: "temporarily closed",
    Status.CANCELLED: "inactive",
    Status.ENDED: "defunct",
}
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "se": "Nordsamisk", "en": "Engelsk"}
NEXT_STEP = {
    AccessMode.OPEN: "Meld dere på hos senteret.",
    AccessMode.APPLICATION: "Søk opptak hos senteret; søknadsfrist og prioritering står hos tilbyderen.",
    AccessMode.ON_REQUEST: "Ta kontakt med senteret, eller beskriv behovet i portalen.",
    AccessMode.BUFDIR: "Plassene tildeles av Bufdir; snakk med Statsforvalteren.",
    AccessMode.STATSFORVALTER: "Statsforvalteren velger ut deltakere; ta kontakt med Statsforvalteren.",
    AccessMode.AGREEMENT: "Tilbudet gis etter avtale mellom kommunen og senteret.",
}
STALE_ALERT = "Ikke bekreftet av senteret på over 12 måneder; sjekk med senteret før dere planlegger."


class _Taxonomies:
    """Taxonomies and their terms, with the attribute rows that link records to terms."""

    def __init__(self, request):
        self.taxonomies: list[dict[str, Any]] = []
        self.terms: list[dict[str, Any]] = []
        self.attributes: list[dict[str, Any]] = []
        self._term_ids: dict[tuple[str, str], str] = {}
        self.uri = request.build_absolute_uri(TAXONOMY_PATH) if request is not None else None

    def add(self, kind: str, name: str, description: str, terms: Iterable[Term]) -> None:
        taxonomy = {"id": stable_id("taxonomy", kind), "name": name, "description": description}
        if self.uri:
            taxonomy["uri"] = self.uri
        self.taxonomies.append(taxonomy)
        for term in terms:
            term_id = stable_id(f"term:{kind}", term.code)
            self._term_ids[(kind, term.code)] = term_id
            self.terms.append(
                {
                    "id": term_id,
                    "code": term.code,
                    "name": term.nb,
                    "description": term.description or term.nb,
                    "taxonomy_id": taxonomy["id"],
                    "language": "nb",
                }
            )

    def link(self, *, entity: str, link_id: str, kind: str, code: str) -> None:
        term_id = self._term_ids.get((kind, code))
        if term_id is None:  # a code no longer in the vocabulary: leave the link out rather than dangle
            return
        self.attributes.append(
            {
                "id": stable_id("attribute", f"{entity}:{link_id}:{term_id}"),
                "link_id": link_id,
                "link_type": kind,
                "link_entity": entity,
                "taxonomy_term_id": term_id,
            }
        )


def _taxonomies(request) -> _Taxonomies:
    vocab = vocabulary_get()
    tax = _Taxonomies(request)
    tax.add("theme", "Felles inngangsdør – tema", "Faglige tema for tilbud og behov.", vocab.themes)
    tax.add(
        "form_of_help",
        "Felles inngangsdør – bistandsform",
        "Hva slags hjelp tilbudet gir.",
        vocab.forms_of_help,
    )
    tax.add("target_group", "Felles inngangsdør – målgruppe", "Hvem tilbudet er for.", vocab.target_groups)
    tax.add("format", "Felles inngangsdør – format", "Hvordan tilbudet gjennomføres.", vocab.formats)
    tax.add("access_mode", "Felles inngangsdør – tilgang", "Hvordan man får tilbudet.", vocab.access_modes)
    counties = [Term(c.number, c.name, None, f"Fylke {c.number} ({c.name})") for c in County.objects.all()]
    tax.add("county", "Fylker (SSB, 2024-inndelingen)", "Fylkesnummer fra Statistisk sentralbyrå.", counties)
    return tax


def _organization(provider: Provider) -> dict[str, Any]:
    row = {
        "id": stable_id("organization", provider.slug),
        "name": provider.name,
        "alternate_name": provider.short_name,
        # HSDS requires a description; the profile is written for exactly this.
        "description": " ".join(provider.profile.split()) or provider.name,
    }
    if provider.website:
        row["website"] = provider.website_url
    return row


def _eligibility(page: OfferingPage) -> str:
    parts = []
    groups = [g.label for g in page.target_groups.all()]
    if groups:
        parts.append("Målgruppe: " + ", ".join(groups) + ".")
    if page.prerequisites:
        parts.append("Forutsetninger: " + page.prerequisites.strip().rstrip(".") + ".")
    if page.national:
        parts.append("Tilgjengelig for hele landet.")
    else:
        parts.append("Tilgjengelig for kommuner i " + ", ".join(c.name for c in page.regions.all()) + ".")
    return " ".join(parts)


def _application(page: OfferingPage) -> str:
    parts = [f"{page.get_access_mode_display()}.", NEXT_STEP.get(page.access_mode, "")]
    if page.registration_url:
        parts.append(f"Påmelding/søknad: {page.registration_url}")
    if page.contact_role:
        parts.append(f"Kontakt: {page.contact_role}.")
    return " ".join(p for p in parts if p)


def _accreditations(page: OfferingPage) -> str | None:
    parts = []
    if page.credits:
        parts.append(f"{credits_text(page.credits)} studiepoeng.")
        parts.append(f"Teller mot kompetansekravet 2031: {page.get_counts_toward_2031_display().lower()}.")
    if page.certification:
        parts.append(f"Sertifisering: {page.certification}.")
    return " ".join(parts) or None


def _alert(page: OfferingPage, today: dt.date) -> str | None:
    parts = []
    if page.capacity in (Capacity.FULL, Capacity.WAITLIST):
        parts.append(f"{page.get_capacity_display()}.")
    if offering_is_stale(page.last_confirmed, today):
        parts.append(STALE_ALERT)
    return " ".join(parts) or None


def _service(page: OfferingPage, organization_id: str, request, today: dt.date) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": stable_id("service", page.pk),
        "organization_id": organization_id,
        "name": page.title,
        "description": "\n\n".join(t for t in (page.summary, plain_text(page.body)) if t),
        "status": SERVICE_STATUS.get(page.status, "active"),
        "application_process": _application(page),
        "eligibility_description": _eligibility(page),
        "fees_description": page.price_text
        if page.cost == Cost.FEE and page.price_text
        else page.get_cost_display(),
    }
    url = page.get_full_url(request)
    if url:
        row["url"] = url
    if page.contact_email:
        row["email"] = page.contact_email
    if page.last_confirmed:
        row["assured_date"] = page.last_confirmed.isoformat()
    optional = {"accreditations": _accreditations(page), "alert": _alert(page, today)}
    row.update({key: value for key, value in optional.items() if value})
    return row


def _service_links(page: OfferingPage, service_id: str, tax: _Taxonomies) -> None:
    for theme in page.themes.all():
        tax.link(entity="service", link_id=service_id, kind="theme", code=theme.code)
    tax.link(entity="service", link_id=service_id, kind="form_of_help", code=page.form_of_help.code)
    for group in page.target_groups.all():
        tax.link(entity="service", link_id=service_id, kind="target_group", code=group.code)
    for fmt in page.formats.all():
        tax.link(entity="service", link_id=service_id, kind="format", code=fmt.code)
    tax.link(entity="service", link_id=service_id, kind="access_mode", code=page.access_mode)


def _service_areas(page: OfferingPage, service_id: str, tax: _Taxonomies) -> list[dict[str, Any]]:
    if page.national:
        return [
            {
                "id": stable_id("service_area", f"{page.pk}:NO"),
                "service_id": service_id,
                "name": "Hele landet",
                "description": "Tilbudet er tilgjengelig for alle kommuner i Norge.",
            }
        ]
    areas = []
    for county in page.regions.all():
        area_id = stable_id("service_area", f"{page.pk}:{county.number}")
        areas.append(
            {
                "id": area_id,
                "service_id": service_id,
                "name": county.name,
                "description": f"Fylke {county.number} ({county.name}).",
            }
        )
        tax.link(entity="service_area", link_id=area_id, kind="county", code=county.number)
    return areas


def _location(place: str, digital: bool) -> dict[str, Any]:
    return {
        "id": stable_id("location", place.strip().lower()),
        "location_type": "virtual" if digital else "physical",
        "name": place.strip(),
    }


def _places(page: OfferingPage, service_id: str, today: dt.date, locations: dict[str, dict]) -> list[dict]:
    """Locations of the upcoming sessions (added to ``locations``) and one service_at_location per
    place, describing its dates."""
    by_place: dict[str, list] = {}
    for session in upcoming_sessions(page, today):
        location = _location(session.place, session.is_digital)
        locations.setdefault(location["id"], location)
        by_place.setdefault(location["id"], []).append(session)
    rows = []
    for location_id, sessions in by_place.items():
        dates = ", ".join(
            f"{s.start:%d.%m.%Y}" + (f"–{s.end:%d.%m.%Y}" if s.end and s.end != s.start else "")
            for s in sessions
        )
        rows.append(
            {
                "id": stable_id("service_at_location", f"{page.pk}:{location_id}"),
                "service_id": service_id,
                "location_id": location_id,
                "description": f"Datoer: {dates}.",
            }
        )
    return rows


def hsds_export_build(*, request=None, today: dt.date | None = None) -> dict[str, Any]:
    """The whole live catalogue as HSDS 3.0 tables (see the module docstring)."""
    today = today or timezone.localdate()
    offerings = export_offerings()
    tax = _taxonomies(request)
    slugs = {p.provider_slug for p in offerings} | {c.slug for p in offerings for c in p.co_providers.all()}
    organizations = {p.slug: _organization(p) for p in Provider.objects.filter(slug__in=slugs)}
    services, areas, languages, at_locations = [], [], [], []
    locations: dict[str, dict] = {}
    for page in offerings:
        service = _service(page, organizations[page.provider_slug]["id"], request, today)
        services.append(service)
        _service_links(page, service["id"], tax)
        areas.extend(_service_areas(page, service["id"], tax))
        at_locations.extend(_places(page, service["id"], today, locations))
        languages.append(
            {
                "id": stable_id("language", f"{page.pk}:{page.language}"),
                "service_id": service["id"],
                "name": LANGUAGE_NAMES.get(page.language, page.language),
                "code": page.language,
            }
        )
    return {
        "hsds_version": HSDS_VERSION,
        "generated_at": timezone.now().isoformat(),
        "publisher": "Felles inngangsdør",
        "organizations": sorted(organizations.values(), key=lambda o: o["alternate_name"]),
        "services": services,
        "locations": sorted(locations.values(), key=lambda loc: loc["name"]),
        "service_at_locations": at_locations,
        "service_areas": areas,
        "languages": languages,
        "taxonomies": tax.taxonomies,
        "taxonomy_terms": tax.terms,
        "attributes": tax.attributes,
    }
