"""A need from draft to closed with feedback, through the pages and through the API: two centres
express interest, one declines and forwards, the service agrees with both, delivery, feedback; the
audit trail shows every step."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from portal.needs.models import Need, NeedFeedback, NeedState, Notification

EXPECTED_TRAIL = [
    ("create", "draft", "draft"),
    ("publish", "draft", "published"),
    ("express_interest", "published", "interest"),
    ("express_interest", "interest", "interest"),
    ("decline", "interest", "interest"),
    ("propose_clarification", "interest", "clarification"),
    ("message", "clarification", "clarification"),
    ("message", "clarification", "clarification"),
    ("agree", "clarification", "agreed"),
    ("deliver", "agreed", "delivered"),
    ("close", "delivered", "closed"),
]


def _trail(need: Need) -> list[tuple[str, str, str]]:
    return [(e.action, e.from_state, e.to_state) for e in need.events.exclude(action="view")]


def _form(**data) -> dict:
    return {
        "level": "service",
        "visibility": "matched",
        "urgency": "normal",
        "contact_role": "barnevernleder",
        **data,
    }


def test_pages_walk_a_need_from_draft_to_closed(
    client, users, other_centre_user, fake_match, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        need = _walk_pages(client, users, other_centre_user)
    # E-mails went out for the steps (a link each), and none carries the need's text.
    assert len(mail.outbox) >= 8
    assert all(f"/behov/{need.pk}/" in m.body for m in mail.outbox)
    assert not any("traumebevisst" in (m.body + m.subject).lower() for m in mail.outbox)


def _walk_pages(client, users, other_centre_user) -> Need:
    kommune, rkbu, rvts, nubu = users["kommune"], users["senter"], users["senter-rvts"], users["senter-nubu"]

    client.force_login(kommune)
    response = client.post(
        reverse("needs:create"),
        _form(
            title="Traumebevisst omsorg", description="Vi trenger veiledning over tid i traumebevisst omsorg."
        ),
    )
    need = Need.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert need.state == NeedState.DRAFT and need.themes.exists()  # themes suggested by the matcher
    assert client.post(reverse("needs:action", args=[need.pk, "publiser"])).status_code == 302

    client.force_login(rkbu)
    inbox = client.get(reverse("needs:inbox")).content.decode()
    assert "Traumebevisst omsorg" in inbox
    client.post(reverse("needs:action", args=[need.pk, "meld-interesse"]), {"message": "Vi kan hjelpe."})
    client.force_login(rvts)
    client.post(reverse("needs:action", args=[need.pk, "meld-interesse"]), {"message": ""})

    client.force_login(nubu)
    decline_page = client.get(reverse("needs:action", args=[need.pk, "avsla"])).content.decode()
    assert "Foreslåtte sentre" in decline_page and "Andre aktører" in decline_page
    response = client.post(
        reverse("needs:action", args=[need.pk, "avsla"]),
        {
            "reason": "competence",
            "forward": "p:rvts-vest",
            "comment": "RVTS Vest har mer erfaring med dette.",
        },
    )
    assert response.status_code == 302
    assert Notification.objects.filter(need=need, recipient=other_centre_user, kind="forwarded").exists()

    client.force_login(rkbu)
    client.post(reverse("needs:action", args=[need.pk, "foresla-avklaring"]), {"message": "Passer tirsdag?"})
    client.force_login(kommune)
    client.post(reverse("needs:thread", args=[need.pk, "rkbu-nord"]), {"body": "Tirsdag passer fint."})
    client.force_login(rkbu)
    client.post(reverse("needs:thread", args=[need.pk, "rkbu-nord"]), {"body": "Da sender vi en lenke."})

    client.force_login(kommune)
    detail = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "RKBU Nord" in detail and "Sendt videre til RVTS Vest" in detail
    ids = list(need.interests.values_list("pk", flat=True))
    assert len(ids) == 2
    assert (
        client.post(
            reverse("needs:action", args=[need.pk, "avtal"]), {"interests": ids, "note": ""}
        ).status_code
        == 302
    )

    client.force_login(rkbu)  # an agreed centre may mark it delivered
    assert client.post(reverse("needs:action", args=[need.pk, "levert"])).status_code == 302

    client.force_login(kommune)
    response = client.post(
        reverse("needs:action", args=[need.pk, "avslutt"]),
        {"helped": "yes", "changed_practice": "partly", "comment": "Nyttig."},
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == NeedState.CLOSED
    assert NeedFeedback.objects.get(need=need, kind="closing").helped == "yes"
    assert _trail(need) == EXPECTED_TRAIL
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    for label in (
        "Publisert",
        "Meldte interesse",
        "Avslo og pekte videre",
        "Avtalt",
        "Levert",
        "Avsluttet med tilbakemelding",
    ):
        assert label in page
    return need


def test_api_walks_a_need_from_draft_to_closed(api_client, users, other_centre_user, fake_match):
    kommune = users["kommune"]
    api_client.force_login(kommune)
    created = api_client.post(
        "/api/v1/needs/",
        {
            "title": "Traumebevisst omsorg",
            "description": "Vi trenger veiledning over tid i traumebevisst omsorg.",
        },
        format="json",
    )
    assert created.status_code == 201
    need_id = created.json()["id"]
    assert created.json()["allowed_actions"] == ["publish", "withdraw"]
    base = f"/api/v1/needs/{need_id}/"
    published = api_client.post(base + "publish/")
    assert published.status_code == 200 and published.json()["state"] == "published"
    assert [r["provider"] for r in published.json()["routes"] if r["routed"]] == [
        "rkbu-nord",
        "rvts-nord",
        "nubu",
        "rkbu-midt",
    ]

    api_client.force_login(users["senter"])
    first = api_client.post(base + "interests/", {"message": "Vi kan hjelpe."}, format="json")
    assert first.status_code == 201
    api_client.force_login(users["senter-rvts"])
    second = api_client.post(base + "interests/", {}, format="json")
    assert second.status_code == 201
    api_client.force_login(users["senter-nubu"])
    declined = api_client.post(
        base + "decline/", {"reason": "satsing", "forward_provider": "rvts-vest"}, format="json"
    )
    assert declined.status_code == 200
    api_client.force_login(users["senter"])
    assert (
        api_client.post(
            base + "propose-clarification/", {"message": "Passer tirsdag?"}, format="json"
        ).status_code
        == 200
    )
    api_client.force_login(kommune)
    from portal.needs import services
    from portal.organisations.models import Provider

    need = Need.objects.get(pk=need_id)
    services.message_send(
        need=need, user=kommune, provider=Provider.objects.get(slug="rkbu-nord"), body="Ja."
    )
    services.message_send(
        need=need, user=users["senter"], provider=Provider.objects.get(slug="rkbu-nord"), body="Fint."
    )
    agreed = api_client.post(
        base + "agree/", {"interests": [first.json()["id"], second.json()["id"]]}, format="json"
    )
    assert agreed.status_code == 200 and agreed.json()["state"] == "agreed"
    assert api_client.post(base + "deliver/").status_code == 200
    closed = api_client.post(
        base + "close/", {"helped": "partly", "changed_practice": "too_early"}, format="json"
    )
    assert closed.status_code == 200
    body = closed.json()
    assert body["state"] == "closed" and body["allowed_actions"] == []
    assert [(e["action"], e["from_state"], e["to_state"]) for e in body["events"]] == EXPECTED_TRAIL
    assert all(e["actor"] for e in body["events"] if e["action"] != "create")
    assert {d["forward_provider"] for d in body["declines"]} == {"rvts-vest"}
