"""POST /api/v1/match/: validation, the answer's shape, throttling, and that the text is not kept."""

from __future__ import annotations

import logging

from django.core.cache import cache

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/match/"
TEXT = "Vi trenger kurs og veiledning i traumebevisst omsorg for fosterforeldre, helst digitalt."


def test_answer_shape(api_client):
    response = api_client.post(URL, {"text": TEXT, "municipality": "5601", "limit": 2}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["no_fit"] is False
    assert len(data["providers"]) == 2
    best = data["providers"][0]
    assert {"slug", "short_name", "band", "reasons", "matched_themes", "offerings", "is_home"} <= set(best)
    assert best["matched_themes"][0]["words"], "the words that matched are part of the explanation"
    assert data["home_providers"]["rvts"] == "rvts-nord"
    assert {"kind": "format", "value": "digitalt_direkte"}.items() <= data["preferences"][0].items() or any(
        p["value"] == "digitalt_direkte" for p in data["preferences"]
    )
    assert len(data["ranking"]) == 17


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "kort"}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({}, "text"),
        ({"text": 12345678901}, "text"),
        ({"text": TEXT, "municipality": "9999"}, "municipality"),
        ({"text": TEXT, "municipality": "Tromsø"}, "municipality"),
        ({"text": TEXT, "limit": 0}, "limit"),
        ({"text": TEXT, "limit": "mange"}, "limit"),
        ({"text": TEXT, "preferences": {"format": ["papir"]}}, "preferences"),
        ({"text": TEXT, "preferences": {"farge": ["blå"]}}, "preferences"),
        ({"text": TEXT, "preferences": ["digitalt"]}, "preferences"),
    ],
)
def test_bad_input_gives_a_specific_400(api_client, body, field):
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert field in data["errors"], data
    assert data["detail"]


def test_malformed_json_is_a_clear_400(api_client):
    response = api_client.post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_personal_data_is_flagged_not_stored(api_client, caplog):
    from matching.models import DemandSignal

    text = "Vi trenger hjelp med en sak. Mor kan nås på 912 34 567 og heter Kari, 34 år."
    with caplog.at_level(logging.DEBUG):
        response = api_client.post(URL, {"text": text}, format="json")
    assert response.status_code == 200
    kinds = {f["kind"] for f in response.json()["personal_data"]}
    assert "telefon" in kinds
    assert "912 34 567" not in caplog.text and "Kari" not in caplog.text
    stored = list(DemandSignal.objects.values_list("themes", flat=True))
    assert all("912" not in str(themes) for themes in stored)


def test_throttled_per_client(api_client, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    # DRF reads the rates once at import; the test settings raise them so other tests are not throttled.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"match": "2/minute"})
    cache.clear()
    codes = [api_client.post(URL, {"text": TEXT}, format="json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert "For mange forespørsler" in api_client.post(URL, {"text": TEXT}, format="json").json()["detail"]


def test_openapi_documents_the_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/match/" in response.content
