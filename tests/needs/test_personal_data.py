"""Personal data never leaves the draft: publishing is blocked with a message naming kind and position,
the text stays in the draft, and nothing reaches the matcher, the search index, notifications, e-mail
or the logs. Identity numbers are synthetic (generated with valid check digits)."""

from __future__ import annotations

import datetime as dt
import logging

from django.core import mail
from django.urls import reverse

import pytest

from matching.personal_data import synthetic_identity_number
from portal.needs import services
from portal.needs.models import Need, NeedState, Notification
from search.backends import KINDS, SearchQuery, get_search_backend


def _synthetic(birth: dt.date, kind: str) -> str:
    """The first individual number with valid check digits for ``birth``."""
    for individual in range(100, 1000):
        try:
            return synthetic_identity_number(birth, individual, kind=kind)
        except ValueError:
            continue
    raise AssertionError("no valid synthetic number")


FNR = _synthetic(dt.date(2012, 3, 14), "fodselsnummer")
DNR = _synthetic(dt.date(1990, 7, 2), "d_nummer")
MARKER = "Kvenvikmodellen"  # an unusual word, to look for the need in the index and the logs

CASES = {
    "fodselsnummer": (f"Gjelder gutten med fødselsnummer {FNR} i {MARKER}.", "fødselsnummer"),
    "d_nummer": (f"Mor har D-nummer {DNR}, og vi bruker {MARKER}.", "D-nummer"),
    "saksnummer": (f"Se saksnummer 22/18469-1 om {MARKER}.", "saksnummer"),
    "telefon": (f"Ring saksbehandler på 412 34 567 om {MARKER}.", "telefonnummer"),
}


def _description(text: str) -> str:
    return f"Vi trenger veiledning om samtaler med barn. {text}"


@pytest.fixture
def captured(caplog, django_capture_on_commit_callbacks):
    """Logs at every level, and e-mail sent as it would be after commit."""
    caplog.set_level(logging.DEBUG)
    mail.outbox = []
    with django_capture_on_commit_callbacks() as callbacks:
        caplog.on_commit = callbacks
        yield caplog


def _run_on_commit(caplog) -> None:
    for callback in list(caplog.on_commit):
        callback()


def _assert_nothing_leaked(caplog, secret: str, fake_match, notifications_before: int):
    _run_on_commit(caplog)  # whatever would have been e-mailed after commit goes out now
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in logged and MARKER not in logged
    assert not any(MARKER in m.body or MARKER in m.subject for m in mail.outbox)
    assert Notification.objects.count() == notifications_before
    assert fake_match.calls == []  # never matched (nor embedded: the matcher is the only embedder caller)
    results = get_search_backend().search(SearchQuery(text=MARKER, kinds=KINDS, facets=False))
    assert results.total == 0


def test_needs_are_not_indexed_at_all(users, fake_match):
    """Even a clean, published need stays out of the portal's search index and Wagtail's."""
    from wagtail.search import index

    from search.documents import documents_all

    assert not issubclass(Need, index.Indexed)
    need, _ = services.need_create(
        user=users["kommune"],
        data=services.NeedInput(
            title=f"Innføring av {MARKER}", description=_description(f"Vi vil bruke {MARKER}.")
        ),
    )
    services.need_publish(need=need, user=users["kommune"])
    assert get_search_backend().search(SearchQuery(text=MARKER, kinds=KINDS, facets=False)).total == 0
    assert not any(MARKER in (d.title + d.summary + d.body) for d in documents_all())


@pytest.mark.parametrize("kind", list(CASES))
def test_form_publish_with_personal_data_is_blocked_and_the_draft_keeps_the_text(
    kind, client, users, fake_match, captured
):
    text, label = CASES[kind]
    secret = text.split(" om ")[0]
    notifications_before = Notification.objects.count()
    client.force_login(users["kommune"])
    response = client.post(
        reverse("needs:create"),
        {
            "title": "Samtaler med barn",
            "description": _description(text),
            "level": "service",
            "visibility": "matched",
            "urgency": "normal",
            "contact_role": "barnevernleder",
            "publish": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Beskrivelse: {label} (tegn" in page
    assert MARKER in page  # re-rendered in the form: nothing lost
    need = Need.objects.get(service=users["kommune"].service, description=_description(text))
    assert need.state == NeedState.DRAFT and need.personal_data_blocked
    assert not need.routes.exists() and need.published_at is None
    assert {f["kind"] for f in need.personal_data_findings} >= {kind}
    _assert_nothing_leaked(captured, secret, fake_match, notifications_before)


@pytest.mark.parametrize("kind", list(CASES))
def test_service_publish_of_a_flagged_draft_fails_naming_what_and_where(kind, users, fake_match, captured):
    text, label = CASES[kind]
    notifications_before = Notification.objects.count()
    need, report = services.need_create(
        user=users["kommune"],
        data=services.NeedInput(title="Samtaler med barn", description=_description(text)),
        strict_personal_data=False,
    )
    assert report.blocked
    with pytest.raises(services.PersonalDataError) as caught:
        services.need_publish(need=need, user=users["kommune"])
    messages = caught.value.errors["description"]
    assert any(m.startswith(f"Beskrivelse: {label} (tegn ") for m in messages)
    need.refresh_from_db()
    assert need.state == NeedState.DRAFT and need.description == _description(text)
    _assert_nothing_leaked(captured, text, fake_match, notifications_before)


def test_api_refuses_personal_data_with_kind_and_position_per_field(api_client, users, fake_match, captured):
    api_client.force_login(users["kommune"])
    before = Need.objects.count()
    response = api_client.post(
        "/api/v1/needs/",
        {"title": f"Sak {FNR}", "description": _description(CASES["telefon"][0])},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["title"] == ["Tittel: fødselsnummer (tegn 5–15). Fjern det før du publiserer."]
    assert errors["description"][0].startswith("Beskrivelse: telefonnummer (tegn ")
    assert FNR not in response.content.decode()
    assert Need.objects.count() == before
    _assert_nothing_leaked(captured, FNR, fake_match, Notification.objects.count())


def test_api_publish_of_a_flagged_draft_is_400(api_client, users, fake_match):
    need, _ = services.need_create(
        user=users["kommune"],
        data=services.NeedInput(title="Samtaler", description=_description(CASES["saksnummer"][0])),
        strict_personal_data=False,
    )
    api_client.force_login(users["kommune"])
    response = api_client.post(f"/api/v1/needs/{need.pk}/publish/")
    assert response.status_code == 400
    assert "saksnummer (tegn" in response.json()["errors"]["description"][0]


def test_flagged_drafts_are_private_to_the_service(users, fake_match, client):
    need, _ = services.need_create(
        user=users["kommune"],
        data=services.NeedInput(title="Samtaler", description=_description(CASES["fodselsnummer"][0])),
        strict_personal_data=False,
    )
    for username in ("senter", "statsforvalter", "redaktor", "admin", "bufdir"):
        client.force_login(users[username])
        assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 404
    client.force_login(users["kommune"])
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "fødselsnummer (tegn" in page


def test_fixing_the_text_lets_it_publish(users, fake_match):
    need, _ = services.need_create(
        user=users["kommune"],
        data=services.NeedInput(title="Samtaler", description=_description(CASES["telefon"][0])),
        strict_personal_data=False,
    )
    services.need_update(
        need=need,
        user=users["kommune"],
        data=services.NeedInput(title="Samtaler", description=_description("Ring oss gjerne.")),
        strict_personal_data=False,
    )
    services.need_publish(need=need, user=users["kommune"])
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED and not need.personal_data_blocked


def test_warnings_are_shown_but_do_not_block(client, users, fake_match):
    client.force_login(users["kommune"])
    response = client.post(
        reverse("needs:create"),
        {
            "title": "Veiledning",
            "description": "Vi har en gutt på 14 år fra Syria i fosterhjem og trenger veiledning om samtaler.",
            "level": "service",
            "visibility": "matched",
            "urgency": "normal",
            "contact_role": "barnevernleder",
            "publish": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    need = Need.objects.filter(service=users["kommune"].service).latest("created_at")
    assert need.state == NeedState.PUBLISHED
    warnings = [f for f in need.personal_data_findings if f["severity"] == "warn"]
    assert warnings and warnings[0]["kind"] == "kvasi_identifikator"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda need, u: services.interest_express(
                need=need, user=u["senter"], message=f"Ring 412 34 567 {MARKER}"
            ),
            "message",
        ),
        (
            lambda need, u: services.message_send(
                need=need, user=u["kommune"], provider=u["senter"].provider, body=f"Fnr {FNR}"
            ),
            "body",
        ),
        (
            lambda need, u: services.need_decline(
                need=need,
                user=u["senter"],
                reason="capacity",
                forward_provider=u["senter-rvts"].provider,
                comment="Sak 22/18469-1",
            ),
            "comment",
        ),
    ],
)
def test_messages_and_comments_are_guarded_too(call, field, users, published):
    with pytest.raises(services.PersonalDataError) as caught:
        call(published, users)
    assert field in caught.value.errors
    assert (
        not published.interests.exists()
        and not published.messages.exists()
        and not published.declines.exists()
    )
