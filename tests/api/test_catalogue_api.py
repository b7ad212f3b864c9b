"""The public catalogue API: what municipalities, Bufdir and other catalogues read.

Runs against the demo catalogue in the session database (182 published offerings) plus focused pages
made with the factories inside each test.
"""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from katalog.choices import AccessMode, SessionStatus
from katalog.models import Format, FormOfHelp, OfferingPage, ProviderPage, Theme
from portal.organisations.models import County, Provider
from tests.factories import OfferingPageFactory, ProviderPageFactory

pytestmark = pytest.mark.django_db

OFFERINGS = "/api/v1/offerings/"


def fetch_all(client, params: dict | None = None) -> list[dict]:
    """Every result of a list endpoint, following the pages."""
    response = client.get(OFFERINGS, {**(params or {}), "page_size": 100})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    while response.json()["next"]:
        response = client.get(response.json()["next"])
        results += response.json()["results"]
    return results


def ids(results: list[dict]) -> set[int]:
    return {r["id"] for r in results}


def public_offerings():
    return OfferingPage.objects.live().public()


class TestOfferingList:
    def test_lists_every_published_offering_page_by_page(self, api_client):
        first = api_client.get(OFFERINGS)
        assert first.status_code == 200
        body = first.json()
        assert body["count"] == public_offerings().count() >= 170
        assert len(body["results"]) == 25
        assert body["next"]
        assert ids(fetch_all(api_client)) == set(public_offerings().values_list("pk", flat=True))

    def test_an_offering_has_what_a_municipality_decides_on(self, api_client):
        page = public_offerings().filter(sessions__isnull=False, themes__isnull=False).first()
        result = next(r for r in fetch_all(api_client) if r["id"] == page.pk)
        assert result["title"] == page.title
        assert result["url"].endswith(page.url)
        assert result["provider"]["slug"] == page.provider.slug
        assert result["form_of_help"] == {"code": page.form_of_help.code, "label": page.form_of_help.label}
        assert {t["code"] for t in result["themes"]} == set(page.themes.values_list("code", flat=True))
        assert result["access_mode"] == {"code": page.access_mode, "label": page.get_access_mode_display()}
        assert result["last_confirmed"] == (page.last_confirmed.isoformat() if page.last_confirmed else None)
        assert result["is_stale"] is page.is_stale
        assert [s["start"] for s in result["sessions"]] == [
            s.start.isoformat() for s in page.sessions.order_by("start")
        ]

    def test_queries_do_not_grow_with_the_page_size(self, api_client, django_assert_max_num_queries):
        with CaptureQueriesContext(connection) as small:
            assert api_client.get(OFFERINGS, {"page_size": 5}).status_code == 200
        with django_assert_max_num_queries(len(small)):
            assert len(api_client.get(OFFERINGS, {"page_size": 100}).json()["results"]) == 100

    def test_drafts_unpublished_and_private_pages_never_appear(self, api_client):
        provider_page = ProviderPage.objects.get(provider__slug="rkbu-nord")
        draft = OfferingPageFactory(parent=provider_page, title="Hemmelig utkast", live=False)
        unpublished = OfferingPage.objects.live().child_of(provider_page).first()
        unpublished.unpublish()
        private = OfferingPage.objects.live().child_of(provider_page).exclude(pk=unpublished.pk).first()
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="hemmelig")

        listed = ids(fetch_all(api_client))
        assert {draft.pk, unpublished.pk, private.pk}.isdisjoint(listed)
        for page in (draft, unpublished, private):
            response = api_client.get(f"{OFFERINGS}{page.pk}/")
            assert response.status_code == 404
            assert response.json() == {"detail": "Fant ikke det du ba om."}

    def test_unpublished_changes_stay_out_until_published(self, api_client):
        page = OfferingPageFactory(
            parent=ProviderPage.objects.get(provider__slug="nubu"), title="Publisert tittel"
        )
        page.title = "Utkast til ny tittel"
        page.save_revision()
        assert api_client.get(f"{OFFERINGS}{page.pk}/").json()["title"] == "Publisert tittel"


class TestOfferingFilters:
    def test_provider_gives_the_centres_own_and_joint_offerings(self, api_client):
        provider_page = ProviderPage.objects.get(provider__slug="rkbu-vest")
        own = set(public_offerings().child_of(provider_page).values_list("pk", flat=True))
        joint = set(public_offerings().filter(co_providers__slug="rkbu-vest").values_list("pk", flat=True))
        assert own and joint, "the demo has both kinds"
        assert ids(fetch_all(api_client, {"provider": "rkbu-vest"})) == own | joint

    def test_theme_and_several_values(self, api_client):
        t01 = set(public_offerings().filter(themes__code="T01").values_list("pk", flat=True))
        t05 = set(public_offerings().filter(themes__code="T05").values_list("pk", flat=True))
        assert ids(fetch_all(api_client, {"theme": "T01"})) == t01
        assert ids(fetch_all(api_client, {"theme": "t01,T05"})) == t01 | t05

    def test_form_format_and_access_mode_narrow_together(self, api_client):
        expected = set(
            public_offerings()
            .filter(form_of_help__code="KURS", formats__code="digitalt_direkte", access_mode=AccessMode.OPEN)
            .values_list("pk", flat=True)
        )
        params = {"form": "KURS", "format": "digitalt_direkte", "access_mode": "apen_pamelding"}
        assert ids(fetch_all(api_client, params)) == expected

    def test_format_is_a_filter_not_a_renderer_switch(self, api_client):
        response = api_client.get(OFFERINGS, {"format": "fysisk"})
        assert response.status_code == 200
        assert response.json()["count"] == public_offerings().filter(formats__code="fysisk").count()

    def test_region_gives_national_offerings_and_the_countys_own(self, api_client):
        trondelag, nordland = County.objects.get(number="50"), County.objects.get(number="18")
        parent = ProviderPage.objects.get(provider__slug="rkbu-midt")
        local = OfferingPageFactory(parent=parent, national=False, regions=[trondelag])
        elsewhere = OfferingPageFactory(parent=parent, national=False, regions=[nordland])
        national = OfferingPageFactory(parent=parent, national=True)

        found = ids(fetch_all(api_client, {"region": "50"}))
        assert {local.pk, national.pk} <= found
        assert elsewhere.pk not in found
        assert found == set(public_offerings().filter(national=True).values_list("pk", flat=True)) | set(
            public_offerings().filter(regions__number="50").values_list("pk", flat=True)
        )

    def test_date_range_keeps_offerings_with_a_session_in_it(self, api_client):
        start = dt.date(2031, 3, 1)
        parent = ProviderPage.objects.get(provider__slug="rvts-sor")
        inside = OfferingPageFactory(parent=parent, sessions=[{"start": start, "place": "Oslo"}])
        spanning = OfferingPageFactory(
            parent=parent,
            sessions=[
                {"start": start - dt.timedelta(days=40), "end": start + dt.timedelta(days=2), "place": "Bø"}
            ],
        )
        before = OfferingPageFactory(
            parent=parent, sessions=[{"start": start - dt.timedelta(days=60), "place": "Oslo"}]
        )
        cancelled = OfferingPageFactory(
            parent=parent, sessions=[{"start": start, "place": "Oslo", "status": SessionStatus.CANCELLED}]
        )
        found = ids(fetch_all(api_client, {"date_from": "2031-03-01", "date_to": "2031-03-31"}))
        assert found == {inside.pk, spanning.pk}
        assert before.pk not in found and cancelled.pk not in found


class TestOfferingFilterErrors:
    """Unknown values are refused with a Norwegian message naming the parameter and what is allowed."""

    def error(self, api_client, params) -> dict:
        response = api_client.get(OFFERINGS, params)
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["detail"] == "Forespørselen inneholder ugyldige verdier."
        return body["errors"]

    def test_unknown_theme_points_to_the_taxonomy(self, api_client):
        message = self.error(api_client, {"theme": "T999"})["theme"][0]
        assert "«T999»" in message and "«theme»" in message and "/api/v1/taxonomy/" in message

    def test_unknown_format_lists_the_formats(self, api_client):
        message = self.error(api_client, {"format": "papir"})["format"][0]
        assert "«papir»" in message and "«format»" in message
        for code in Format.objects.values_list("code", flat=True):
            assert code in message

    def test_unknown_access_mode_and_form(self, api_client):
        errors = self.error(api_client, {"access_mode": "gratis", "form": "KURS,NOPE"})
        assert all(code in errors["access_mode"][0] for code in AccessMode.values)
        assert "«NOPE»" in errors["form"][0] and "/api/v1/taxonomy/" in errors["form"][0]

    def test_unknown_region_lists_county_numbers(self, api_client):
        message = self.error(api_client, {"region": "99"})["region"][0]
        assert "«99»" in message and "«region»" in message and "50" in message and "03" in message

    def test_unknown_provider_points_to_the_provider_list(self, api_client):
        message = self.error(api_client, {"provider": "ukjent-senter"})["provider"][0]
        assert "«ukjent-senter»" in message and "/api/v1/providers/" in message

    @pytest.mark.parametrize("value", ["2026-13-01", "1. mars", "2027-02-30"])
    def test_malformed_dates(self, api_client, value):
        message = self.error(api_client, {"date_from": value})["date_from"][0]
        assert f"«{value}»" in message and "«date_from»" in message and "ÅÅÅÅ-MM-DD" in message

    def test_date_range_the_wrong_way_round(self, api_client):
        message = self.error(api_client, {"date_from": "2027-05-01", "date_to": "2027-04-01"})["date_to"][0]
        assert "date_from" in message and "date_to" in message

    def test_misspelt_parameter_is_not_silently_ignored(self, api_client):
        message = self.error(api_client, {"tema": "T01"})["tema"][0]
        assert "«tema»" in message and "theme" in message


class TestOfferingDetail:
    def test_detail_has_the_description(self, api_client):
        page = public_offerings().exclude(body="").first()
        body = api_client.get(f"{OFFERINGS}{page.pk}/").json()
        assert body["id"] == page.pk
        assert body["body"].startswith("<")
        assert body["provider"]["short_name"] == page.provider.short_name

    def test_unknown_id_is_a_norwegian_404(self, api_client):
        response = api_client.get(f"{OFFERINGS}999999/")
        assert response.status_code == 404
        assert response.json()["detail"] == "Fant ikke det du ba om."


class TestProviders:
    def test_lists_the_seventeen_centres_with_their_offering_counts(self, api_client):
        body = api_client.get("/api/v1/providers/").json()
        assert body["count"] == Provider.objects.count() == 17
        by_slug = {p["slug"]: p for p in body["results"]}
        for page in ProviderPage.objects.live():
            assert by_slug[page.provider.slug]["offering_count"] == public_offerings().child_of(page).count()
        assert sum(p["offering_count"] for p in body["results"]) == public_offerings().count()

    def test_detail_by_slug(self, api_client):
        body = api_client.get("/api/v1/providers/nubu/").json()
        assert body["name"] == Provider.objects.get(slug="nubu").name
        assert body["family"] == {"code": "nubu", "label": "NUBU"}
        assert body["national"] is True
        assert "profile" in body and "intro" in body

    def test_unpublished_and_unknown_centres_are_404(self, api_client):
        page = ProviderPageFactory(live=False)
        assert api_client.get(f"/api/v1/providers/{page.provider.slug}/").status_code == 404
        assert api_client.get("/api/v1/providers/finnes-ikke/").status_code == 404
        assert page.provider.slug not in {
            p["slug"] for p in api_client.get("/api/v1/providers/").json()["results"]
        }


class TestTaxonomy:
    def test_open_vocabulary_with_codes_and_both_written_standards(self, api_client):
        body = api_client.get("/api/v1/taxonomy/").json()
        themes = {t["code"]: t for t in body["themes"]}
        assert set(themes) == set(Theme.objects.values_list("code", flat=True))
        t01 = Theme.objects.get(code="T01")
        assert themes["T01"]["labels"] == {"nb": t01.label, "nn": t01.label_nn}
        assert {f["code"] for f in body["forms_of_help"]} == set(
            FormOfHelp.objects.values_list("code", flat=True)
        )
        assert {f["code"] for f in body["formats"]} == set(Format.objects.values_list("code", flat=True))
        assert {a["code"] for a in body["access_modes"]} == set(AccessMode.values)
        for kind in ("forms_of_help", "target_groups", "formats", "access_modes", "levels"):
            for term in body[kind]:
                assert term["labels"]["nb"] and term["labels"]["nn"], (kind, term["code"])
        veil = next(f for f in body["forms_of_help"] if f["code"] == "VEIL")
        assert veil["labels"] == {"nb": "Veiledning", "nn": "Rettleiing"}


class TestOpenApiSchema:
    def test_schema_generates_without_errors_or_warnings(self, tmp_path):
        # --fail-on-warn turns every drf-spectacular warning or error into a failure; --validate checks
        # the result against the OpenAPI 3 specification.
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    def test_catalogue_endpoints_and_filters_are_documented(self, api_client):
        schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
        paths = schema["paths"]
        for path in (
            "/api/v1/offerings/",
            "/api/v1/offerings/{id}/",
            "/api/v1/providers/",
            "/api/v1/providers/{slug}/",
            "/api/v1/taxonomy/",
            "/api/v1/export/hsds.json",
            "/api/v1/export/offerings.csv",
        ):
            assert path in paths, path
        params = {p["name"] for p in paths["/api/v1/offerings/"]["get"]["parameters"]}
        expected = {
            "provider",
            "theme",
            "form",
            "format",
            "access_mode",
            "region",
            "date_from",
            "date_to",
            "page",
        }
        assert expected <= params
        csv_export = paths["/api/v1/export/offerings.csv"]["get"]
        assert "text/csv" in csv_export["responses"]["200"]["content"]
        # DRF's ?format= renderer switch is off for the catalogue, so it must not be documented.
        assert "format" not in {p["name"] for p in csv_export.get("parameters", [])}


def test_public_api_needs_no_login_and_ignores_sessions(client, demo_users):
    """The API is open data: a logged-in editor sees exactly what everyone sees (no drafts)."""
    client.force_login(demo_users["senter-redaktor"])
    provider_page = ProviderPage.objects.get(provider__slug="rkbu-nord")
    draft = OfferingPageFactory(parent=provider_page, live=False, last_confirmed=timezone.localdate())
    response = client.get(f"{OFFERINGS}{draft.pk}/")
    assert response.status_code == 404
