"""schema.org JSON-LD on offering pages: every type and property used exists in schema.org, on that
type or a super-type, with a value of an expected type. Checked against the vendored vocabulary subset
in ``data/schemaorg_subset.json`` (nothing is downloaded)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from django.test import RequestFactory

import pytest

from katalog.choices import SessionStatus
from katalog.models import Format, OfferingPage, ProviderPage
from katalog.structured_data import offering_data
from tests.factories import OfferingPageFactory

pytestmark = pytest.mark.django_db

VOCABULARY = json.loads((Path(__file__).parent / "data" / "schemaorg_subset.json").read_text())
TYPES: dict[str, dict] = VOCABULARY["types"]
ENUMERATIONS: dict[str, list[str]] = VOCABULARY["enumerations"]
SCHEMA = "https://schema.org/"
JSON_LD_KEYWORDS = {"@context", "@type", "@id"}
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")


@cache
def ancestors(type_name: str) -> frozenset[str]:
    """The type and all its super-types."""
    found = {type_name}
    for parent in TYPES[type_name]["subClassOf"]:
        found |= ancestors(parent)
    return frozenset(found)


def properties_of(type_name: str) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for name in ancestors(type_name):
        for prop, ranges in TYPES[name]["properties"].items():
            merged[prop] = sorted({*merged.get(prop, []), *ranges})
    return merged


def _is_date(value, cls) -> bool:
    try:
        cls.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def matches(value, expected: str) -> bool:
    if expected in ENUMERATIONS:
        return isinstance(value, str) and value.removeprefix(SCHEMA) in ENUMERATIONS[expected]
    checks = {
        "Text": lambda v: isinstance(v, str) and bool(v.strip()),
        "URL": lambda v: (
            isinstance(v, str) and urlparse(v).scheme in ("http", "https") and bool(urlparse(v).netloc)
        ),
        "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "Boolean": lambda v: isinstance(v, bool),
        "Date": lambda v: isinstance(v, str) and len(v) == 10 and _is_date(v, dt.date),
        "DateTime": lambda v: isinstance(v, str) and _is_date(v, dt.datetime),
        "Duration": lambda v: isinstance(v, str) and bool(DURATION.match(v)),
    }
    if expected in checks:
        return checks[expected](value)
    # A schema.org type: a node of that type or one of its sub-types.
    return isinstance(value, dict) and value.get("@type") in TYPES and expected in ancestors(value["@type"])


def schema_errors(node: dict, path: str = "$") -> list[str]:
    """Everything in ``node`` (recursively) that is not valid against the vendored vocabulary."""
    type_name = node.get("@type")
    if type_name not in TYPES:
        return [f"{path}: unknown type {type_name!r}"]
    errors = []
    allowed = properties_of(type_name)
    for prop, value in node.items():
        if prop in JSON_LD_KEYWORDS:
            continue
        if prop not in allowed:
            errors.append(f"{path}.{prop}: not a property of {type_name}")
            continue
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{prop}[{i}]"
            if not any(matches(item, expected) for expected in allowed[prop]):
                errors.append(f"{where}: {item!r} is none of {allowed[prop]}")
            elif isinstance(item, dict):
                errors.extend(schema_errors(item, where))
    return errors


@pytest.fixture
def request_():
    return RequestFactory().get("/")


def test_every_live_offering_validates_as_schema_org(request_):
    pages = OfferingPage.objects.live().public().prefetch_related("themes", "formats", "sessions")
    assert pages.count() >= 170
    for page in pages:
        data = offering_data(page, request_)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Course"
        assert schema_errors(data) == [], page.title


def test_the_checker_catches_invalid_markup():
    """The validation above can fail: a made-up property, free text where a set is expected, a
    fractional credit count, and an unknown type are all reported."""
    bad = {
        "@type": "Course",
        "name": "Kurs",
        "educationalLevl": "Systemnivå",
        "about": [{"@type": "DefinedTerm", "termCode": "T01", "inDefinedTermSet": "Felles inngangsdør tema"}],
        "numberOfCredits": 7.5,
        "hasCourseInstance": [{"@type": "Webinar", "startDate": "2027-01-01"}],
        "offers": {"@type": "Offer", "price": 0, "priceCurrency": "NOK", "availability": "Sold out"},
    }
    errors = "\n".join(schema_errors(bad))
    for fragment in (
        "educationalLevl",
        "inDefinedTermSet",
        "numberOfCredits",
        "hasCourseInstance",
        "availability",
    ):
        assert fragment in errors


def test_sessions_become_course_instances_with_place_mode_and_status(request_):
    formats = list(Format.objects.filter(code__in=["fysisk", "digitalt_direkte"]))
    page = OfferingPageFactory(
        parent=ProviderPage.objects.get(provider__slug="rvts-vest"),
        formats=formats,
        credits=Decimal("7.5"),
        sessions=[
            {"start": dt.date(2030, 1, 10), "end": dt.date(2030, 1, 11), "place": "Bergen"},
            {"start": dt.date(2030, 2, 10), "place": "Digitalt", "status": SessionStatus.FULL},
            {"start": dt.date(2030, 3, 10), "place": "Bergen", "status": SessionStatus.CANCELLED},
        ],
    )
    page = OfferingPage.objects.get(pk=page.pk)
    data = offering_data(page, request_)
    assert schema_errors(data) == []
    onsite, online, cancelled = data["hasCourseInstance"]
    assert onsite["courseMode"] == "onsite"  # a session in Bergen is not online because the offering also is
    assert onsite["location"]["address"]["addressLocality"] == "Bergen"
    assert onsite["eventAttendanceMode"] == f"{SCHEMA}OfflineEventAttendanceMode"
    assert (onsite["startDate"], onsite["endDate"]) == ("2030-01-10", "2030-01-11")
    assert online["location"]["@type"] == "VirtualLocation"
    assert online["eventAttendanceMode"] == f"{SCHEMA}OnlineEventAttendanceMode"
    assert online["remainingAttendeeCapacity"] == 0
    assert cancelled["eventStatus"] == f"{SCHEMA}EventCancelled"
    assert data["numberOfCredits"] == {"@type": "PropertyValue", "value": 7.5, "unitText": "studiepoeng"}
    assert data["provider"]["name"] == page.provider.name


def test_page_embeds_the_json_ld_safely(client):
    title = "Kurs </script><script>alert(1)</script> & <!-- mer"
    page = OfferingPageFactory(parent=ProviderPage.objects.get(provider__slug="korus-oslo"), title=title)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match is not None
    script = match.group(1)
    assert "<" not in script and ">" not in script  # nothing in the data can end or open an HTML tag
    data = json.loads(script)
    assert data["name"] == title
    assert data["url"].endswith(page.url)
    assert schema_errors(data) == []
