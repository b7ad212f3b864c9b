"""The need pages: a short form (optional fields under «Flere valg»), the prefill from the matcher page,
the centre inbox with filters, notifications in the header, and the admin for curators only."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from portal.needs import services
from portal.needs.models import Need, NeedState, Notification, Urgency

from .conftest import make_need


def test_get_renders_an_empty_short_form(client, users):
    client.force_login(users["kommune"])
    page = client.get(reverse("needs:create")).content.decode()
    assert '<label for="id_title">' in page and '<label for="id_description">' in page
    assert "<summary>Flere valg</summary>" in page
    more = page.split("<summary>Flere valg</summary>")[1]
    for name in ("forms_of_help", "formats", "target_groups", "staff_count", "urgency", "contact_role"):
        assert f'name="{name}"' in more  # optional choices collapsed
    assert "ikke</strong> en rapportering til Statsforvalteren" in page
    assert "<legend>Hvem kan se behovet" in page
    assert "<script" not in page.split("</header>")[1]  # CSP: no inline scripts
    # Default: every municipality the service covers is ticked.
    assert page.count('name="municipalities"') == page.count('name="municipalities" value') >= 4


def test_prefill_from_the_matcher_page_renders_the_form_without_saving(client, users):
    client.force_login(users["kommune"])
    before = Need.objects.count()
    response = client.post(
        reverse("needs:create"),
        {
            "prefill": "1",
            "description": "Vi trenger hjelp med traumebevisst omsorg.",
            "themes": ["T18", "T08"],
            "title": "Traumebevisst omsorg",
        },
    )
    assert response.status_code == 200
    assert Need.objects.count() == before
    page = response.content.decode()
    assert "Vi trenger hjelp med traumebevisst omsorg.</textarea>" in page
    assert 'value="Traumebevisst omsorg"' in page
    checked = set(re.findall(r'name="themes" value="(T\d+)"[^>]*checked', page))
    assert checked == {"T18", "T08"}


def test_case_level_shows_guidance_and_requires_the_anonymised_checkbox(client, users, fake_match):
    client.force_login(users["kommune"])
    response = client.post(
        reverse("needs:create"),
        {
            "title": "Drøfting",
            "description": "Vi ønsker en anonym drøfting av en sak om skolevegring.",
            "level": "case",
            "visibility": "matched",
            "urgency": "normal",
            "contact_role": "barnevernleder",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Om drøfting av en enkeltsak</summary>" in page and '<details class="guidance" open>' in page
    assert 'id="id_anonymised_error"' in page and 'aria-invalid="true"' in page


def test_the_service_sees_the_interest_and_referrals(client, users, published):
    services.interest_express(need=published, user=users["senter"], message="Vi kan komme på besøk i mars.")
    client.force_login(users["kommune"])
    page = client.get(reverse("needs:detail", args=[published.pk])).content.decode()
    assert "Vi kan komme på besøk i mars." in page
    assert "Avtal med senter" in page and "Foreslå avklaringssamtale" in page


def test_inbox_filters_by_theme_state_and_urgency(client, users, fake_match):
    urgent = make_need(users["kommune"], title="Haster: ledelse", urgency=Urgency.HIGH)
    calm = make_need(users["kommune"], title="Kan vente: ledelse", urgency=Urgency.LOW)
    for need in (urgent, calm):
        services.need_publish(need=need, user=users["kommune"])
    services.interest_express(need=calm, user=users["senter-rvts"])
    client.force_login(users["senter"])
    page = client.get(reverse("needs:inbox"), {"urgency": "high"}).content.decode()
    assert "Haster: ledelse" in page and "Kan vente: ledelse" not in page
    page = client.get(reverse("needs:inbox"), {"state": NeedState.INTEREST}).content.decode()
    assert "Kan vente: ledelse" in page and "Haster: ledelse" not in page
    page = client.get(reverse("needs:inbox"), {"theme": "T18"}).content.decode()
    assert "Haster: ledelse" in page
    page = client.get(reverse("needs:inbox"), {"theme": "T01"}).content.decode()
    assert "Haster: ledelse" not in page
    assert "Tema som passer: T18" in client.get(reverse("needs:inbox")).content.decode()


def test_a_declined_need_leaves_the_inbox(client, users, published):
    from portal.organisations.models import ReferralActor

    services.need_decline(
        need=published,
        user=users["senter"],
        reason="capacity",
        forward_actor=ReferralActor.objects.get(slug="ks"),
    )
    client.force_login(users["senter"])
    assert f"/behov/{published.pk}/" not in client.get(reverse("needs:inbox")).content.decode()


def test_header_shows_the_unread_count_with_one_query(client, users, published):
    user = users["senter"]
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    assert unread >= 1
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:home")).content.decode()
    assert f'<span class="count-badge">{unread}<span class="visually-hidden"> uleste</span>' in page
    counts = [q["sql"] for q in queries if "needs_notification" in q["sql"] and "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    client.post(reverse("needs:notifications"))
    assert 'class="count-badge"' not in client.get(reverse("needs:notifications")).content.decode()


def test_anonymous_pages_have_no_notification_query(client, db):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("accounts:login"))
    assert not [q for q in queries if "needs_notification" in q["sql"]]


def test_notification_preference_switches_to_the_daily_digest(client, users):
    user = users["senter"]
    client.force_login(user)
    client.post(reverse("needs:notification_preference"), {"notify_immediately": "0"})
    user.refresh_from_db()
    assert user.notify_immediately is False


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("redaktor", True), ("admin", True), ("senter", False), ("kommune", False), ("statsforvalter", False)],
)
def test_admin_for_needs_is_for_curators_and_administrators(client, users, published, username, allowed):
    client.force_login(users[username])
    response = client.get("/admin/behov/")
    if allowed:
        assert response.status_code == 200
        assert published.title in response.content.decode()
    else:
        assert response.status_code in (302, 403)


def test_admin_hides_drafts_and_offers_no_add(client, users, draft):
    client.force_login(users["redaktor"])
    page = client.get("/admin/behov/").content.decode()
    assert f"/admin/behov/edit/{draft.pk}/" not in page
    assert client.get(f"/admin/behov/edit/{draft.pk}/").status_code in (302, 403, 404)
    assert client.get("/admin/behov/new/").status_code in (302, 403)


def test_action_pages_say_403_for_the_wrong_party_and_409_for_the_wrong_state(client, users, published):
    client.force_login(users["senter"])
    assert client.get(reverse("needs:action", args=[published.pk, "trekk-tilbake"])).status_code == 403
    assert (
        client.get(reverse("needs:action", args=[published.pk, "avtal"])).status_code == 409
    )  # not in this state
    assert client.get(reverse("needs:follow_up", args=[published.pk])).status_code == 403
    client.force_login(users["kommune"])
    response = client.get(reverse("needs:action", args=[published.pk, "levert"]))
    assert response.status_code == 409
    assert "Dette kan ikke gjøres nå. Behovet har status «Publisert»." in response.content.decode()
    assert client.get(reverse("needs:action", args=[published.pk, "finnes-ikke"])).status_code == 404


def test_decline_page_offers_the_next_best_centres_and_actors(client, users, published):
    client.force_login(users["senter-nubu"])
    page = client.get(reverse("needs:action", args=[published.pk, "avsla"])).content.decode()
    suggested = page.split("<legend>Foreslåtte sentre</legend>")[1].split("</fieldset>")[0]
    assert "RKBU Vest (foreslått, treff: god)" in suggested  # the best centre not already routed
    assert "NUBU" not in suggested
    assert 'value="a:bufdir"' in page and "Når er de andre aktørene rett adresse?" in page
    response = client.post(reverse("needs:action", args=[published.pk, "avsla"]), {"reason": "capacity"})
    assert response.status_code == 400
    assert "Velg hvor behovet skal videre" in response.content.decode()
