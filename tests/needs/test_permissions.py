"""The permission matrix: every role × every need page, endpoint and action.

The need belongs to Øst-Finnmark (user «kommune») and is routed to RKBU Nord («senter») and three
other centres, never to RVTS Vest (the «not routed» centre). It is shared with the Statsforvalter,
except in the column «sf_not_opted», which sees the same kind of need without the opt-in.
Expected codes: 2xx allowed; 403 seen but not yours to do (API: also anonymous); 404 not visible,
so ids cannot be probed; 302 a page sending the anonymous user to the login page.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

import pytest

from portal.needs import services
from portal.needs.models import Interest, Visibility

from .conftest import make_need

ROLES = [
    "anonymous",
    "mun_own",
    "mun_other",
    "centre_routed",
    "centre_not_routed",
    "sf_opted",
    "sf_not_opted",
    "sf_other",
    "bufdir",
    "curator",
    "admin",
]
USERNAMES = {
    "mun_own": "kommune",
    "mun_other": "kommune-oslo",
    "centre_routed": "senter",
    "sf_opted": "statsforvalter",
    "sf_not_opted": "statsforvalter",
    "sf_other": "statsforvalter-vestland",
    "bufdir": "bufdir",
    "curator": "redaktor",
    "admin": "admin",
}


def _row(*codes: int) -> dict[str, int]:
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))


#                      anon mun  mun2 cR   cN   sfO  sfN  sf2  bufd cur  adm
READ = _row(403, 200, 404, 200, 404, 200, 404, 404, 404, 404, 200)
DRAFT_ONLY_SERVICE = _row(403, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404)
SERVICE_ACTS = _row(403, 200, 404, 403, 404, 403, 404, 404, 404, 404, 403)
CENTRE_ACTS = _row(403, 403, 404, 200, 404, 403, 404, 404, 404, 404, 403)
CURATOR_ACTS = _row(403, 403, 404, 403, 404, 403, 404, 404, 404, 200, 200)
SERVICE_OR_AGREED_CENTRE = _row(403, 200, 404, 200, 404, 403, 404, 404, 404, 404, 403)
# A centre guessing the id of another centre's interest gets 404, like everyone outside.
OTHERS_INTEREST = _row(403, 200, 404, 404, 404, 200, 404, 404, 404, 404, 200)

# action: (state the need is in, method, path suffix, body, expected)
API_ACTIONS = {
    "publish": ("draft", "post", "publish/", {}, DRAFT_ONLY_SERVICE),
    "update": ("draft", "patch", "", {"title": "Ny tittel"}, DRAFT_ONLY_SERVICE),
    "withdraw": ("published", "post", "withdraw/", {}, SERVICE_ACTS),
    "express-interest": (
        "published",
        "post",
        "interests/",
        {"message": ""},
        {**CENTRE_ACTS, "centre_routed": 201},
    ),
    "propose-clarification": ("published", "post", "propose-clarification/", {}, CENTRE_ACTS),
    "decline": (
        "published",
        "post",
        "decline/",
        {"reason": "capacity", "forward_actor": "bufdir"},
        CENTRE_ACTS,
    ),
    "forward": ("escalated", "post", "forward/", {"provider": "rkbu-vest"}, CURATOR_ACTS),
    "agree": ("interest", "post", "agree/", "INTEREST", SERVICE_ACTS),
    "deliver": ("agreed", "post", "deliver/", {}, SERVICE_OR_AGREED_CENTRE),
    "close": ("delivered", "post", "close/", {"helped": "yes", "changed_practice": "partly"}, SERVICE_ACTS),
    "follow-up": (
        "delivered",
        "post",
        "follow-up/",
        {"helped": "yes", "changed_practice": "yes"},
        SERVICE_ACTS,
    ),
    "detail": ("published", "get", "", None, READ),
    "interests": ("published", "get", "interests/", None, READ),
    "interest-of-another-centre": ("interest", "get", "interests/INTEREST/", None, OTHERS_INTEREST),
}


@pytest.fixture
def role_user(users, other_centre_user):
    def get(role: str):
        if role == "anonymous":
            return None
        if role == "centre_not_routed":
            return other_centre_user
        return users[USERNAMES[role]]

    return get


def build(state: str, users, *, opted_in: bool):
    """A need of Øst-Finnmark in ``state``; NUBU is the interested centre, RKBU Nord the agreed one."""
    visibility = Visibility.STATSFORVALTER if opted_in else Visibility.MATCHED
    owner = users["kommune"]
    need = make_need(owner, visibility=visibility)
    if state == "draft":
        return need
    services.need_publish(need=need, user=owner)
    if state == "escalated":
        services.need_escalate(need=need, now=timezone.now(), reason="Test")
    if state == "interest":
        services.interest_express(need=need, user=users["senter-nubu"])
    if state in ("agreed", "delivered"):
        interest = services.interest_express(need=need, user=users["senter"])
        services.need_agree(need=need, user=owner, interest_ids=[interest.pk])
    if state == "delivered":
        services.need_deliver(need=need, user=owner)
    need.refresh_from_db()
    return need


def _login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(API_ACTIONS))
def test_api_matrix(action, role, api_client, users, role_user, fake_match):
    state, method, suffix, body, expected = API_ACTIONS[action]
    need = build(state, users, opted_in=role != "sf_not_opted")
    interest = Interest.objects.filter(need=need, provider__slug="nubu").first()
    if body == "INTEREST":
        body = {"interests": [interest.pk]}
    url = f"/api/v1/needs/{need.pk}/" + suffix.replace("INTEREST", str(interest.pk) if interest else "0")
    _login(api_client, role_user(role))
    response = (
        getattr(api_client, method)(url, body, format="json") if body is not None else api_client.get(url)
    )
    assert response.status_code == expected[role], response.content


LIST_SEES = {"mun_own", "centre_routed", "sf_opted", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_api_list_shows_only_what_the_role_may_see(role, api_client, users, role_user, fake_match):
    need = build("published", users, opted_in=role != "sf_not_opted")
    _login(api_client, role_user(role))
    response = api_client.get("/api/v1/needs/?page_size=100")
    if role == "anonymous":
        assert response.status_code == 403
        return
    ids = {n["id"] for n in response.json()["results"]}
    assert (need.pk in ids) is (role in LIST_SEES)


CREATE = _row(403, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403)
AGGREGATES = _row(403, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200)


@pytest.mark.parametrize("role", ROLES)
def test_api_create_and_aggregates(role, api_client, role_user, fake_match):
    _login(api_client, role_user(role))
    created = api_client.post(
        "/api/v1/needs/",
        {"title": "Kurs", "description": "Vi trenger et kurs i samtaler med barn."},
        format="json",
    )
    assert created.status_code == CREATE[role]
    assert api_client.get("/api/v1/needs/aggregates/").status_code == AGGREGATES[role]


def test_escalated_need_is_visible_to_curators_and_the_opted_in_statsforvalter(api_client, users, fake_match):
    need = build("escalated", users, opted_in=True)
    for username in ("redaktor", "statsforvalter", "admin"):
        api_client.force_login(users[username])
        assert api_client.get(f"/api/v1/needs/{need.pk}/").status_code == 200
    api_client.force_login(users["statsforvalter-vestland"])
    assert api_client.get(f"/api/v1/needs/{need.pk}/").status_code == 404


# --- pages -------------------------------------------------------------------------------------------

PAGE_READ = {**READ, "anonymous": 302}
PAGE_EDIT = {**DRAFT_ONLY_SERVICE, "anonymous": 302}
PAGE_CREATE = _row(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403)
PAGE_INBOX = _row(302, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403)
PAGE_OVERVIEW = {**AGGREGATES, "anonymous": 302}
# POST /behov/<id>/meld-interesse/: success redirects to the need (302).
PAGE_INTEREST = {**CENTRE_ACTS, "anonymous": 302, "centre_routed": 302}
# Message threads: only the service and the centre itself, never readers from outside.
PAGE_THREAD = _row(302, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404)


@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(role, client, users, role_user, fake_match):
    opted = role != "sf_not_opted"
    need = build("published", users, opted_in=opted)
    draft = build("draft", users, opted_in=opted)
    _login(client, role_user(role))
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == PAGE_READ[role]
    assert client.get(reverse("needs:edit", args=[draft.pk])).status_code == PAGE_EDIT[role]
    assert client.get(reverse("needs:detail", args=[draft.pk])).status_code == PAGE_EDIT[role]
    assert client.get(reverse("needs:create")).status_code == PAGE_CREATE[role]
    assert client.get(reverse("needs:inbox")).status_code == PAGE_INBOX[role]
    assert client.get(reverse("needs:overview")).status_code == PAGE_OVERVIEW[role]
    assert client.get(reverse("needs:thread", args=[need.pk, "rkbu-nord"])).status_code == PAGE_THREAD[role]
    response = client.post(reverse("needs:action", args=[need.pk, "meld-interesse"]), {"message": ""})
    assert response.status_code == PAGE_INTEREST[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_inbox_and_list_contents(role, client, users, role_user, fake_match):
    need = build("published", users, opted_in=role != "sf_not_opted")
    _login(client, role_user(role))
    response = client.get(reverse("needs:list"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role in ("centre_routed", "centre_not_routed"):
        assert response.status_code == 302  # centres have their own inbox
        response = client.get(reverse("needs:inbox") + "?page_size=100")
        listed = need.title in response.content.decode() and f"/behov/{need.pk}/" in response.content.decode()
        assert listed is (role == "centre_routed")
        return
    if role == "bufdir":
        assert response.status_code == 302 and response["Location"] == reverse("needs:overview")
        return
    assert (f"/behov/{need.pk}/" in response.content.decode()) is (role in LIST_SEES)


def test_service_contact_details_only_after_agreement_with_that_centre(client, users, fake_match):
    need = build("interest", users, opted_in=False)
    rkbu = services.interest_express(need=need, user=users["senter"])
    email = users["kommune"].email
    url = reverse("needs:detail", args=[need.pk])
    client.force_login(users["senter"])
    assert email not in client.get(url).content.decode()
    services.need_agree(need=need, user=users["kommune"], interest_ids=[rkbu.pk])
    assert email in client.get(url).content.decode()
    client.force_login(users["senter-nubu"])  # interested but not chosen
    assert email not in client.get(url).content.decode()


def test_a_colleague_in_the_same_service_sees_and_manages_the_need(client, users, colleague, fake_match):
    need = build("published", users, opted_in=False)
    client.force_login(colleague)
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 200
    response = client.post(reverse("needs:action", args=[need.pk, "trekk-tilbake"]), {"comment": ""})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == "withdrawn"
