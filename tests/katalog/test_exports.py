"""Exports of the whole catalogue: HSDS 3.0 JSON (validated against the vendored HSDS schemas) and CSV
(parsed back the way a spreadsheet or script would read it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from katalog.exports import CSV_DESCRIPTION, CSV_HEADERS
from katalog.models import OfferingPage, ProviderPage
from portal.organisations.models import County
from tests.factories import OfferingPageFactory

pytestmark = pytest.mark.django_db

HSDS_DIR = Path(__file__).parent / "data" / "hsds"
# Each array in the export and the HSDS table schema its rows follow.
HSDS_TABLES = {
    "organizations": "organization.json",
    "services": "service.json",
    "locations": "location.json",
    "service_at_locations": "service_at_location.json",
    "service_areas": "service_area.json",
    "languages": "language.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "attributes": "attribute.json",
}
# Foreign keys between the tables: (table, field) → table the id must exist in.
HSDS_FOREIGN_KEYS = {
    ("services", "organization_id"): "organizations",
    ("service_at_locations", "service_id"): "services",
    ("service_at_locations", "location_id"): "locations",
    ("service_areas", "service_id"): "services",
    ("languages", "service_id"): "services",
    ("taxonomy_terms", "taxonomy_id"): "taxonomies",
    ("attributes", "taxonomy_term_id"): "taxonomy_terms",
}


def _not_vendored(uri: str):
    raise NoSuchResource(ref=f"{uri} (HSDS schema not vendored; see tests/katalog/data/hsds/README.md)")


def hsds_validators() -> dict[str, jsonschema.Draft202012Validator]:
    schemas = {path.name: json.loads(path.read_text()) for path in HSDS_DIR.glob("*.json")}
    registry = Registry(retrieve=_not_vendored).with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER  # checks "uuid" and "email"
    return {
        table: jsonschema.Draft202012Validator(schemas[name], registry=registry, format_checker=checker)
        for table, name in HSDS_TABLES.items()
    }


@pytest.fixture
def hsds(api_client) -> dict:
    response = api_client.get("/api/v1/export/hsds.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


class TestHsdsExport:
    def test_every_row_validates_against_its_hsds_3_schema(self, hsds):
        validators = hsds_validators()
        assert hsds["hsds_version"] == "3.0"
        for table, validator in validators.items():
            assert hsds[table], f"{table} is empty"
            schema = validator.schema
            for row in hsds[table]:
                errors = [f"{table}: {e.json_path} {e.message}" for e in validator.iter_errors(row)]
                assert not errors, errors
                # HSDS allows unknown fields; we do not, so a misspelt field cannot slip through.
                assert set(row) <= set(schema["properties"]), (table, set(row) - set(schema["properties"]))
                missing = [f for f in schema.get("tabular_required", []) if not row.get(f)]
                assert not missing, (table, row["id"], missing)

    def test_ids_are_unique_and_every_link_resolves(self, hsds):
        for table in HSDS_TABLES:
            row_ids = [row["id"] for row in hsds[table]]
            assert len(row_ids) == len(set(row_ids)), table
        for (table, field), target in HSDS_FOREIGN_KEYS.items():
            known = {row["id"] for row in hsds[target]}
            assert {row[field] for row in hsds[table]} <= known, (table, field)
        linkable = {"service": "services", "service_area": "service_areas"}
        for attribute in hsds["attributes"]:
            assert attribute["link_id"] in {row["id"] for row in hsds[linkable[attribute["link_entity"]]]}

    def test_one_service_per_live_offering_with_its_assured_date(self, hsds):
        live = OfferingPage.objects.live().public()
        assert len(hsds["services"]) == live.count()
        by_path = {urlparse(s["url"]).path: s for s in hsds["services"]}
        assert set(by_path) == {page.url for page in live}
        for page in live:
            expected = page.last_confirmed.isoformat() if page.last_confirmed else None
            assert by_path[page.url].get("assured_date") == expected

    def test_themes_are_published_as_our_own_codes(self, hsds):
        taxonomy = next(t for t in hsds["taxonomies"] if "tema" in t["name"])
        theme_terms = {
            t["id"]: t["code"] for t in hsds["taxonomy_terms"] if t["taxonomy_id"] == taxonomy["id"]
        }
        assert "T01" in theme_terms.values()
        page = OfferingPage.objects.live().filter(themes__code="T01").first()
        service = next(s for s in hsds["services"] if s["name"] == page.title)
        linked = {
            theme_terms[a["taxonomy_term_id"]]
            for a in hsds["attributes"]
            if a["link_id"] == service["id"] and a["taxonomy_term_id"] in theme_terms
        }
        assert linked == set(page.themes.values_list("code", flat=True))

    def test_service_areas_are_national_or_coded_counties(self, api_client):
        trondelag = County.objects.get(number="50")
        page = OfferingPageFactory(
            parent=ProviderPage.objects.get(provider__slug="korus-midt"),
            national=False,
            regions=[trondelag],
            title="Regionalt testtilbud",
        )
        hsds = api_client.get("/api/v1/export/hsds.json").json()
        service = next(s for s in hsds["services"] if s["name"] == page.title)
        areas = [a for a in hsds["service_areas"] if a["service_id"] == service["id"]]
        assert [a["name"] for a in areas] == ["Trøndelag"]
        county_terms = {t["id"]: t["code"] for t in hsds["taxonomy_terms"]}
        codes = {
            county_terms[a["taxonomy_term_id"]] for a in hsds["attributes"] if a["link_id"] == areas[0]["id"]
        }
        assert codes == {"50"}
        national = next(s for s in hsds["services"] if "hele landet" in s["eligibility_description"])
        assert [a["name"] for a in hsds["service_areas"] if a["service_id"] == national["id"]] == [
            "Hele landet"
        ]

    def test_upcoming_session_places_become_locations(self, api_client):
        soon = dt.date.today() + dt.timedelta(days=20)
        page = OfferingPageFactory(
            parent=ProviderPage.objects.get(provider__slug="rvts-nord"),
            sessions=[{"start": soon, "place": "Vadsø"}, {"start": soon, "place": "Digitalt"}],
        )
        hsds = api_client.get("/api/v1/export/hsds.json").json()
        service = next(s for s in hsds["services"] if s["name"] == page.title)
        locations = {loc["id"]: loc for loc in hsds["locations"]}
        linked = [
            locations[x["location_id"]]
            for x in hsds["service_at_locations"]
            if x["service_id"] == service["id"]
        ]
        assert {(loc["name"], loc["location_type"]) for loc in linked} == {
            ("Vadsø", "physical"),
            ("Digitalt", "virtual"),
        }

    def test_drafts_are_not_exported(self, api_client):
        draft = OfferingPageFactory(parent=ProviderPage.objects.get(provider__slug="nubu"), live=False)
        hsds = api_client.get("/api/v1/export/hsds.json").json()
        assert draft.title not in {s["name"] for s in hsds["services"]}


def test_validator_rejects_what_hsds_3_forbids():
    """The checks above can fail: rows breaking HSDS 3.0 are caught."""
    validators = hsds_validators()
    valid_id = "6f1d3c52-7c1e-4b8e-9a56-2f1c0f5a9e41"
    assert list(validators["services"].iter_errors({"id": "not-a-uuid", "name": "x", "status": "active"}))
    assert list(validators["services"].iter_errors({"id": valid_id, "name": "x", "status": "open"}))
    assert list(validators["organizations"].iter_errors({"id": valid_id, "name": "x"}))  # no description
    assert list(validators["locations"].iter_errors({"id": valid_id}))  # no location_type
    assert not list(validators["services"].iter_errors({"id": valid_id, "name": "x", "status": "active"}))


DOCUMENTED_COLUMNS = [
    "id", "tittel", "url", "senter", "senter_kode", "samarbeidspartnere", "kort_fortalt", "bistandsform",
    "bistandsform_kode", "tema", "tema_koder", "malgrupper", "nivaa", "format", "format_koder", "tilgang",
    "tilgang_kode", "forutsetninger", "nasjonalt", "fylker", "malform", "varighet", "timer", "kostnad", "pris",
    "studiepoeng", "teller_mot_2031", "sertifisering", "kunnskapsgrunnlag", "kapasitet", "status",
    "neste_dato", "datoer", "pamelding", "kontakt", "kontakt_epost", "sist_bekreftet", "ubekreftet",
]  # fmt: skip


class TestCsvExport:
    def read(self, api_client) -> tuple[bytes, list[dict]]:
        response = api_client.get("/api/v1/export/offerings.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="tilbud.csv"' in response["Content-Disposition"]
        raw = response.content
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        return raw, rows

    def test_excel_friendly_file_with_the_documented_columns(self, api_client):
        raw, rows = self.read(api_client)
        assert raw.startswith("\ufeff".encode())  # BOM: Excel then reads the file as UTF-8
        assert b"\r\n" in raw
        # The published contract: changing it breaks people's spreadsheets, so it is spelt out here.
        assert list(rows[0]) == CSV_HEADERS == DOCUMENTED_COLUMNS
        assert ", ".join(DOCUMENTED_COLUMNS) in CSV_DESCRIPTION  # what the OpenAPI schema tells users

    def test_one_row_per_live_offering_and_no_drafts(self, api_client):
        draft = OfferingPageFactory(parent=ProviderPage.objects.get(provider__slug="nubu"), live=False)
        _, rows = self.read(api_client)
        live = OfferingPage.objects.live().public()
        assert len(rows) == live.count()
        assert {int(r["id"]) for r in rows} == set(live.values_list("pk", flat=True))
        assert str(draft.pk) not in {r["id"] for r in rows}

    def test_row_content(self, api_client):
        page = OfferingPageFactory(
            parent=ProviderPage.objects.get(provider__slug="rkbu-nord"),
            title="Veiledning; med semikolon og «æøå»",
            credits="7.5",
            last_confirmed=dt.date(2020, 1, 1),
        )
        _, rows = self.read(api_client)
        row = next(r for r in rows if r["id"] == str(page.pk))
        assert row["tittel"] == page.title
        assert row["senter_kode"] == "rkbu-nord"
        assert row["studiepoeng"] == "7,5"
        assert row["sist_bekreftet"] == "2020-01-01"
        assert row["ubekreftet"] == "ja"
        assert row["tema_koder"] == "T01"

    def test_text_cannot_become_a_spreadsheet_formula(self, api_client):
        page = OfferingPageFactory(
            parent=ProviderPage.objects.get(provider__slug="rkbu-nord"),
            summary='=HYPERLINK("http://x","klikk")',
        )
        _, rows = self.read(api_client)
        row = next(r for r in rows if r["id"] == str(page.pk))
        assert row["kort_fortalt"] == "'" + page.summary
