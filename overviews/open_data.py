"""The open catalogue data: what is published where, under which licence, and its DCAT-AP-NO
description (JSON-LD) for data.norge.no.

DCAT-AP-NO (https://data.norge.no/specification/dcat-ap-no) describes a ``dcat:Catalog`` with its
``dcat:Dataset``s and their ``dcat:Distribution``s. Controlled values: licence NLOD 2.0
(http://data.norge.no/nlod/no/2.0), access rights from the EU access-right authority list (PUBLIC),
themes from the EU data-theme list, formats from the EU file-type list, media types from IANA, and
Norway as ``dct:spatial`` from Kartverket's administrative units. ``dct:modified`` is the newest
*last confirmed* date among the published offerings: the date the data was last vouched for.

The publisher is set to Bufdir, the natural coordinator and the owner of the competence strategy
(domain.md §2); confirm with the owner before registering the catalogue at data.norge.no.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import Max

from katalog.models import OfferingPage, YearlyOverviewPage

LICENCE_URI = "http://data.norge.no/nlod/no/2.0"
LICENCE_NAME = "Norsk lisens for offentlige data (NLOD) 2.0"
ACCESS_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
NORWAY = "https://data.geonorge.no/administrativeEnheter/nasjon/id/173163"
DATA_THEMES = ("SOCI", "EDUC", "GOVE")  # population and society; education; government
DATA_THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPE_BASE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE_BASE = "https://www.iana.org/assignments/media-types/"
PUBLISHER = {
    "name": "Barne-, ungdoms- og familiedirektoratet (Bufdir)",
    "uri": "https://data.brreg.no/enhetsregisteret/api/enheter/986128433",
}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Endpoint:
    slug: str
    title: str
    description: str
    path: str
    download: bool  # a file to download (downloadURL) rather than an API to query (accessURL)
    file_type: str
    media_type: str


CATALOGUE_ENDPOINTS = (
    Endpoint(
        "tilbud",
        "Tilbud (API)",
        "Publiserte tilbud med filtre for tema, bistandsform, format, tilgang, region og dato. JSON, sidevis.",
        "/api/v1/offerings/",
        False,
        "JSON",
        "application/json",
    ),
    Endpoint(
        "sentre",
        "Sentre (API)",
        "Kompetansesentrene med nedslagsfelt, kontaktpunkter og antall tilbud. JSON.",
        "/api/v1/providers/",
        False,
        "JSON",
        "application/json",
    ),
    Endpoint(
        "taksonomi",
        "Tema, bistandsformer og målgrupper (API)",
        "Det kontrollerte vokabularet med koder og navn på bokmål og nynorsk. JSON.",
        "/api/v1/taxonomy/",
        False,
        "JSON",
        "application/json",
    ),
    Endpoint(
        "hsds",
        "Hele katalogen i Open Referral HSDS 3.0",
        "Alle publiserte tilbud som organisasjoner, tjenester, steder og dekningsområder etter HSDS 3.0. JSON.",
        "/api/v1/export/hsds.json",
        True,
        "JSON",
        "application/json",
    ),
    Endpoint(
        "csv",
        "Hele katalogen som CSV",
        "Én rad per publisert tilbud, semikolon som skilletegn, UTF-8. For regneark.",
        "/api/v1/export/offerings.csv",
        True,
        "CSV",
        "text/csv",
    ),
)


def _text(value: str) -> dict:
    return {"@language": "nb", "@value": value}


def _date(value: dt.date | dt.datetime | None) -> dict | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    return {"@type": "xsd:date", "@value": day.isoformat()}


def catalogue_modified() -> dt.date | None:
    """The newest *last confirmed* date among live, public offerings."""
    return OfferingPage.objects.live().public().aggregate(newest=Max("last_confirmed"))["newest"]


def _distribution(base: str, endpoint: Endpoint) -> dict:
    url_key = "dcat:downloadURL" if endpoint.download else "dcat:accessURL"
    return {
        "@id": f"{base}/apne-data/#{endpoint.slug}",
        "@type": "dcat:Distribution",
        "dct:title": _text(endpoint.title),
        "dct:description": _text(endpoint.description),
        "dcat:accessURL": {"@id": f"{base}{endpoint.path}"},
        url_key: {"@id": f"{base}{endpoint.path}"},
        "dct:format": {"@id": f"{FILE_TYPE_BASE}{endpoint.file_type}"},
        "dcat:mediaType": {"@id": f"{MEDIA_TYPE_BASE}{endpoint.media_type}"},
        "dct:license": {"@id": LICENCE_URI},
    }


def _dataset_common(base: str) -> dict:
    return {
        "@type": "dcat:Dataset",
        "dct:publisher": {"@id": PUBLISHER["uri"], "@type": "foaf:Agent", "foaf:name": PUBLISHER["name"]},
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": "Felles inngangsdør",
            "vcard:hasURL": {"@id": f"{base}/om/"},
        },
        "dcat:theme": [{"@id": f"{DATA_THEME_BASE}{code}"} for code in DATA_THEMES],
        "dct:spatial": {"@id": NORWAY},
        "dct:accessRights": {"@id": ACCESS_PUBLIC},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NOB"},
        "dct:license": {"@id": LICENCE_URI},
    }


def _overview_dataset(base: str) -> dict | None:
    overviews = list(
        YearlyOverviewPage.objects.live().public().select_related("embete").order_by("-year", "embete__name")
    )
    if not overviews:
        return None
    distributions = []
    for page in overviews:
        url = f"{base}{page.url}"
        for suffix, file_type, media, label in (
            ("oversikt.csv", "CSV", "text/csv", "CSV"),
            ("kalender.ics", "ICS", "text/calendar", "kalender (iCalendar)"),
        ):
            distributions.append(
                {
                    "@id": f"{url}{suffix}",
                    "@type": "dcat:Distribution",
                    "dct:title": _text(f"{page.title}, {label}"),
                    "dcat:accessURL": {"@id": url},
                    "dcat:downloadURL": {"@id": f"{url}{suffix}"},
                    "dct:format": {"@id": f"{FILE_TYPE_BASE}{file_type}"},
                    "dcat:mediaType": {"@id": f"{MEDIA_TYPE_BASE}{media}"},
                    "dct:license": {"@id": LICENCE_URI},
                }
            )
    return {
        **_dataset_common(base),
        "@id": f"{base}/apne-data/#arsoversikter",
        "dct:title": _text("Statsforvalterens årsoversikter"),
        "dct:description": _text(
            "Årsoversiktene per statsforvalterembete: tilbudene som er tilgjengelige for kommunene i regionen "
            "det året, og Statsforvalterens egne samlinger og nettverk, som CSV og kalender."
        ),
        "dcat:keyword": [_text("årsoversikt"), _text("statsforvalter"), _text("barnevern")],
        "dct:modified": _date(max(p.last_published_at for p in overviews if p.last_published_at)),
        "dcat:distribution": distributions,
    }


def _without_empty(data: dict) -> dict:
    """Leave out properties with no value (e.g. dct:modified before anything is confirmed)."""
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def dcat_catalogue(*, base_url: str) -> dict:
    """The DCAT-AP-NO description of the open catalogue data, as a JSON-LD document."""
    base = base_url.rstrip("/")
    dataset = {
        **_dataset_common(base),
        "@id": f"{base}/apne-data/#tilbudskatalog",
        "dct:title": _text("Tilbudskatalog for kommunalt barnevern"),
        "dct:description": _text(
            "Tilbudene fra kompetansesentrene for kommunalt barnevern (RKBU/RBUP, NUBU, RVTS og KoRus): hva "
            "kommunene kan få, for hvem, hvordan og når, med tema, bistandsform, tilgang og sist bekreftet-dato."
        ),
        "dcat:keyword": [_text("barnevern"), _text("kompetanse"), _text("kurs"), _text("veiledning")],
        "dct:modified": _date(catalogue_modified()),
        "dcat:distribution": [_distribution(base, e) for e in CATALOGUE_ENDPOINTS],
    }
    datasets = [_without_empty(d) for d in (dataset, _overview_dataset(base)) if d]
    return _without_empty(
        {
            "@context": CONTEXT,
            "@id": f"{base}/apne-data/#katalog",
            "@type": "dcat:Catalog",
            "dct:title": _text("Felles inngangsdør – åpne data"),
            "dct:description": _text("Åpne data fra Felles inngangsdør: tilbudskatalogen og årsoversiktene."),
            "dct:publisher": {"@id": PUBLISHER["uri"], "@type": "foaf:Agent", "foaf:name": PUBLISHER["name"]},
            "dct:license": {"@id": LICENCE_URI},
            "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NOB"},
            "dct:modified": dataset["dct:modified"],
            "dcat:dataset": datasets,
        }
    )


def json_for_script(data: dict) -> str:
    """JSON text safe inside a <script> element: <, > and & as JSON escapes, as Django's json_script."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
