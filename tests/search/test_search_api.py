"""GET /api/v1/search/ and /api/v1/search/suggest/: the shape API users rely on, Norwegian errors
that name the parameter, 503 when the engine is down, the "search" throttle scope, and the schema."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from rest_framework.throttling import ScopedRateThrottle

import pytest

from search.api import SearchAPIView, SuggestAPIView
from search.backends import FACETS, SORTS

pytestmark = pytest.mark.django_db
URL, SUGGEST = "/api/v1/search/", "/api/v1/search/suggest/"


@pytest.fixture
def engine_down(settings):
    settings.PORTAL_SEARCH_BACKENDS = {"default": {"BACKEND": "tests.search.test_search_page.DownBackend"}}


class TestSearch:
    def test_result_shape(self, api_client):
        response = api_client.get(URL, {"q": "traumebevisst omsorg", "page_size": 5})
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"total", "page", "pages", "results", "facets"}
        assert body["page"] == 1 and body["pages"] == -(-body["total"] // 5)
        hit = body["results"][0]
        assert set(hit) == {
            "id",
            "kind",
            "title",
            "url",
            "summary",
            "provider",
            "providers",
            "themes",
            "form",
            "formats",
            "next_date",
            "last_confirmed",
            "highlights",
        }
        assert hit["kind"] == "offering" and isinstance(hit["id"], int)
        assert hit["url"].startswith("http://testserver/sentre/")
        assert hit["provider"] in hit["providers"] and set(hit["provider"]) == {"slug", "name"}
        assert all(set(t) == {"code", "label"} for t in hit["themes"])
        assert "<mark>" in hit["highlights"]["title"]
        assert set(body["facets"]) == set(FACETS)
        assert all(set(v) == {"value", "label", "count"} for v in body["facets"]["theme"])

    def test_facet_labels_are_norwegian(self, api_client):
        facets = api_client.get(URL).json()["facets"]
        labels = {f["value"]: f["label"] for f in facets["availability"]}
        assert labels["national"] == "Tilgjengelig for hele landet"
        assert {f["value"]: f["label"] for f in facets["free"]} == {"true": "Gratis", "false": "Med kostnad"}

    def test_filters_or_within_and_across_facets(self, api_client):
        one = api_client.get(URL, {"family": "rvts"}).json()["total"]
        two = api_client.get(URL, {"family": ["rvts", "korus"]}).json()["total"]
        narrowed = api_client.get(URL, {"family": ["rvts", "korus"], "format": "fysisk"}).json()
        assert 0 < one < two and 0 < narrowed["total"] < two
        for hit in narrowed["results"]:
            assert "fysisk" in {f["code"] for f in hit["formats"]}

    def test_format_is_a_filter_not_a_renderer_switch(self, api_client):
        # DRF reads ?format= to pick a renderer; here it is the delivery-format facet.
        response = api_client.get(URL, {"format": "digitalt_direkte"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")

    def test_paging_and_sorting(self, api_client):
        first = api_client.get(URL, {"page_size": 10, "sort": "next_date"}).json()
        second = api_client.get(URL, {"page_size": 10, "sort": "next_date", "page": 2}).json()
        dates = [h["next_date"] for h in first["results"] + second["results"] if h["next_date"]]
        assert dates == sorted(dates) and dates
        assert not {h["id"] for h in first["results"]} & {h["id"] for h in second["results"]}

    def test_date_range_and_county(self, api_client):
        body = api_client.get(
            URL, {"date_from": "2020-01-01", "date_to": "2040-12-31", "region": "46"}
        ).json()
        assert 0 < body["total"] < api_client.get(URL).json()["total"]


class TestValidation:
    @pytest.mark.parametrize(
        ("params", "parameter", "words"),
        [
            ({"theme": "T999"}, "theme", "Ukjent verdi «T999» for tema"),
            ({"format": ["fysisk", "teleport"]}, "format", "Ukjent verdi «teleport»"),
            ({"sort": "pris"}, "sort", "Må være en av: relevance, next_date, confirmed"),
            ({"page_size": 101}, "page_size", "Kan være høyst 100"),
            ({"page": 0}, "page", "Må være 1 eller mer"),
            ({"page": "to"}, "page", "Må være et helt tall"),
            ({"date_from": "31.02.2027"}, "date_from", "Ugyldig dato"),
            ({"date_from": "2027-06-01", "date_to": "2027-01-01"}, "date_to", "før date_from"),
            ({"region": "99"}, "region", "Ukjent fylkesnummer «99»"),
            ({"region": "national"}, "region", "Ukjent fylkesnummer"),
            ({"q": "x" * 501}, "q", "høyst 500 tegn"),
            ({"tema": "T01"}, "tema", "Ukjent parameter"),
        ],
    )
    def test_bad_parameter_is_400_naming_it_in_norwegian(self, api_client, params, parameter, words):
        response = api_client.get(URL, params)
        assert response.status_code == 400
        body = response.json()
        assert f"«{parameter}»" in body["detail"]
        assert words in " ".join(body["errors"][parameter])

    def test_every_bad_parameter_is_reported_at_once(self, api_client):
        body = api_client.get(URL, {"page_size": 500, "theme": "nope", "foo": "1"}).json()
        assert set(body["errors"]) == {"page_size", "theme", "foo"}
        assert body["detail"].startswith("Ugyldige parametere:")

    def test_page_past_the_end_is_404_in_norwegian(self, api_client):
        response = api_client.get(URL, {"q": "traumebevisst omsorg", "page": 999})
        assert response.status_code == 404
        assert "Side 999 finnes ikke" in response.json()["detail"]

    def test_every_sort_is_accepted(self, api_client):
        for sort in SORTS:
            assert api_client.get(URL, {"sort": sort}).status_code == 200


class TestSuggest:
    def test_suggestions_are_strings(self, api_client):
        response = api_client.get(SUGGEST, {"q": "trau"})
        assert response.status_code == 200
        suggestions = response.json()
        assert suggestions and all(isinstance(s, str) and "trau" in s.lower() for s in suggestions)

    def test_short_prefix_gives_nothing(self, api_client):
        assert api_client.get(SUGGEST, {"q": "t"}).json() == []

    def test_missing_or_unknown_parameters(self, api_client):
        assert "«q»" in api_client.get(SUGGEST).json()["detail"]
        assert api_client.get(SUGGEST, {"q": "tr", "limit": 3}).status_code == 400


class TestUnavailable:
    def test_search_is_503_in_norwegian(self, api_client, engine_down):
        response = api_client.get(URL, {"q": "traumer"})
        assert response.status_code == 503
        assert response.json()["detail"] == "Søket er ikke tilgjengelig akkurat nå. Prøv igjen om litt."

    def test_suggest_is_503(self, api_client, engine_down):
        assert api_client.get(SUGGEST, {"q": "traumer"}).status_code == 503

    def test_validation_still_comes_first(self, api_client, engine_down):
        assert api_client.get(URL, {"page_size": 1000}).status_code == 400


class TestThrottle:
    def test_views_use_the_search_scope(self):
        for view in (SearchAPIView, SuggestAPIView):
            assert view.throttle_scope == "search"
            assert ScopedRateThrottle in view.throttle_classes

    def test_too_many_requests_get_a_norwegian_429(self, api_client, monkeypatch):
        # The class reads its rates from settings once, at import: patch them for this test.
        monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"search": "2/minute"})
        cache.clear()
        responses = [api_client.get(SUGGEST, {"q": "trau"}) for _ in range(3)]
        assert [r.status_code for r in responses] == [200, 200, 429]
        assert responses[-1].json()["detail"].startswith("For mange forespørsler.")


class TestSchema:
    def test_endpoints_are_documented_without_warnings(self):
        from drf_spectacular.drainage import GENERATOR_STATS
        from drf_spectacular.generators import SchemaGenerator

        GENERATOR_STATS.reset()
        schema = SchemaGenerator().get_schema(request=None, public=True)
        ours = [message for message in GENERATOR_STATS._warn_cache if "search/api.py" in message]
        ours += [message for message in GENERATOR_STATS._error_cache if "search/api.py" in message]
        assert not ours, ours
        search = schema["paths"]["/api/v1/search/"]["get"]
        names = {p["name"] for p in search["parameters"]}
        assert names == {"q", "region", "date_from", "date_to", "sort", "page", "page_size", *FACETS}
        theme = next(p for p in search["parameters"] if p["name"] == "theme")
        assert theme["schema"]["type"] == "array"
        assert {"200", "400", "404", "429", "503"} <= set(search["responses"])
        assert schema["paths"]["/api/v1/search/suggest/"]["get"]["responses"]["200"]


def test_dates_are_iso_strings(api_client):
    hit = next(h for h in api_client.get(URL, {"sort": "next_date"}).json()["results"] if h["next_date"])
    assert dt.date.fromisoformat(hit["next_date"])
