"""API input handling: 400 with Norwegian field messages for bad input, 409 with the allowed actions
for impossible transitions, and an OpenAPI schema without warnings for the need endpoints."""

from __future__ import annotations

import pytest

from portal.needs.models import Need

URL = "/api/v1/needs/"


@pytest.fixture
def municipal(api_client, users):
    api_client.force_login(users["kommune"])
    return api_client


def test_malformed_json_is_400_with_a_clear_message(municipal):
    response = municipal.post(URL, data='{"title": "Kurs", ', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Forespørselen kunne ikke leses. Sjekk at JSON-en er gyldig."


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"title": 12, "description": "Vi trenger et kurs."}, "title", "Feltet «title» må være en tekst."),
        ({"title": "Kurs", "description": ["a"]}, "description", "Feltet «description» må være en tekst."),
        (
            {"title": "x" * 201, "description": "Vi trenger et kurs."},
            "title",
            "«title» kan være høyst 200 tegn.",
        ),
        (
            {"title": "Kurs", "description": "x" * 5001},
            "description",
            "«description» kan være høyst 5000 tegn.",
        ),
        ({"title": "Kurs", "description": "Kort"}, "description", "«description» må være minst 10 tegn."),
        ({"description": "Vi trenger et kurs."}, "title", "Feltet «title» mangler."),
        (
            {"title": "Kurs", "description": "Vi trenger et kurs.", "anonymised": "ja"},
            "anonymised",
            "Må være true eller false.",
        ),
        (
            {"title": "Kurs", "description": "Vi trenger et kurs.", "themes": ["T99"]},
            "themes",
            "Ukjente koder: T99.",
        ),
        (
            {"title": "Kurs", "description": "Vi trenger et kurs.", "staff_count": "mange"},
            "staff_count",
            None,
        ),
        ({"title": "Kurs", "description": "Vi trenger et kurs.", "visibility": "alle"}, "visibility", None),
        (
            {"title": "Kurs", "description": "Vi trenger et kurs.", "municipalities": ["0301"]},
            "municipalities",
            "Tjenesten dekker ikke Oslo.",
        ),
        (
            {"title": "Kurs", "description": "Vi trenger et kurs.", "level": "case"},
            "anonymised",
            "En enkeltsak kan bare sendes som en anonymisert drøfting: bekreft at saken er anonymisert.",
        ),
    ],
)
def test_invalid_input_is_400_with_field_messages(municipal, fake_match, payload, field, message):
    before = Need.objects.count()
    response = municipal.post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["errors"]
    if message:
        assert body["errors"][field] == [message]
    assert Need.objects.count() == before


def test_a_json_list_is_refused(municipal):
    response = municipal.post(URL, [1, 2], format="json")
    assert response.status_code == 400
    assert "errors" in response.json()


def test_create_defaults_municipalities_to_the_services_current_ones(municipal, users, fake_match):
    response = municipal.post(
        URL, {"title": "Kurs", "description": "Vi trenger et kurs i samtaler."}, format="json"
    )
    assert response.status_code == 201
    covered = set(users["kommune"].service.current_municipalities().values_list("number", flat=True))
    assert set(response.json()["municipalities"]) == covered
    assert response.json()["themes"] == [{"code": "T18", "label": "Traumer og traumebevisst omsorg"}]


def test_invalid_transition_is_409_with_allowed_actions(municipal, fake_match):
    need_id = municipal.post(
        URL, {"title": "Kurs", "description": "Vi trenger et kurs i samtaler."}, format="json"
    ).json()["id"]
    response = municipal.post(f"{URL}{need_id}/deliver/")
    assert response.status_code == 409
    assert response.json()["allowed_actions"] == ["publish", "withdraw"]
    assert response.json()["state"] == "draft"
    municipal.post(f"{URL}{need_id}/publish/")
    response = municipal.patch(f"{URL}{need_id}/", {"title": "Nytt"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "Behovet kan bare endres mens det er et utkast."
    assert response.json()["allowed_actions"] == ["withdraw"]


def test_patch_changes_only_the_given_fields_while_draft(municipal, fake_match):
    created = municipal.post(
        URL,
        {"title": "Kurs", "description": "Vi trenger et kurs i samtaler.", "urgency": "high"},
        format="json",
    ).json()
    response = municipal.patch(f"{URL}{created['id']}/", {"title": "Kurs i samtaler med barn"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Kurs i samtaler med barn"
    assert response.json()["urgency"] == "high"
    assert response.json()["events"][-1]["comment"] == "Endret: tittel"


def test_decline_without_forward_is_400(api_client, users, published):
    api_client.force_login(users["senter"])
    response = api_client.post(f"{URL}{published.pk}/decline/", {"reason": "capacity"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["forward"] == [
        "Velg hvor behovet skal videre: et annet senter eller en annen aktør."
    ]


def test_unknown_action_is_404(municipal, published):
    assert municipal.post(f"{URL}{published.pk}/explode/").status_code == 404


def test_centre_sees_its_own_route_and_no_contact_before_agreement(api_client, users, published):
    api_client.force_login(users["senter"])
    body = api_client.get(f"{URL}{published.pk}/").json()
    assert [r["provider"] for r in body["routes"]] == ["rkbu-nord"]
    assert body["contact"] is None and body["personal_data"] is None
    assert body["allowed_actions"] == ["express-interest", "propose-clarification", "decline"]


def test_schema_documents_the_need_endpoints_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    problems = [
        m
        for m in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
        if "portal/needs" in m or "Need" in m or "Interest" in m
    ]
    assert problems == []
    paths = schema["paths"]
    for path in (
        "/api/v1/needs/",
        "/api/v1/needs/{id}/",
        "/api/v1/needs/{id}/interests/",
        "/api/v1/needs/{id}/interests/{interest_id}/",
        "/api/v1/needs/{id}/publish/",
        "/api/v1/needs/{id}/decline/",
        "/api/v1/needs/{id}/agree/",
        "/api/v1/needs/{id}/close/",
    ):
        assert path in paths, path
    assert "409" in paths["/api/v1/needs/{id}/publish/"]["post"]["responses"]
