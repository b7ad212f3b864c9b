"""Publishing routes a need to the few centres that fit; no fit means referrals and curators, never a
dead end. The matcher's answer is fixed by ``fake_match`` except in the integration test at the end."""

from __future__ import annotations

from django.test import override_settings

import pytest

from katalog.models import ProviderPage
from portal.needs import services
from portal.needs.models import NeedLevel, NeedRoute, NeedState, Notification, NotificationKind, Visibility
from portal.needs.selectors import need_inbox_for_provider, need_list_for_user
from portal.organisations.models import Provider

from .conftest import make_need


def _routed(need) -> list[str]:
    return list(need.routes.filter(routed=True).order_by("rank").values_list("provider__slug", flat=True))


def test_publish_routes_to_the_top_strong_and_good_matches(users, fake_match):
    fake_match.configure(
        ["rkbu-nord", "rvts-nord", "nubu", "rkbu-midt", "rkbu-vest", "korus-nord"],
        bands={"korus-nord": "god"},
    )
    need = make_need(users["kommune"])
    services.need_publish(need=need, user=users["kommune"])
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED
    assert _routed(need) == ["rkbu-nord", "rvts-nord", "nubu", "rkbu-midt"]  # NEED_ROUTE_MAX_PROVIDERS = 4
    # A route with score and band is stored for every provider, so inboxes rank and declines suggest.
    assert need.routes.count() == Provider.objects.count()
    assert need.routes.get(provider__slug="korus-ost").band == "mulig"


@override_settings(NEED_ROUTE_MAX_PROVIDERS=2)
def test_the_maximum_is_a_setting_and_weak_matches_are_not_routed(users, fake_match):
    fake_match.configure(["rkbu-nord", "rvts-nord", "nubu"], bands={"rvts-nord": "mulig"})
    need = make_need(users["kommune"])
    services.need_publish(need=need, user=users["kommune"])
    assert _routed(need) == ["rkbu-nord", "nubu"]


def test_centres_not_taking_requests_are_skipped_and_shown(users, fake_match):
    ProviderPage.objects.filter(provider__slug="rvts-nord").update(accepts_new_requests=False)
    need = make_need(users["kommune"])
    services.need_publish(need=need, user=users["kommune"])
    assert "rvts-nord" not in _routed(need)
    assert need.routes.get(provider__slug="rvts-nord").paused
    assert _routed(need) == ["rkbu-nord", "nubu", "rkbu-midt", "rkbu-vest"]


def test_routed_centres_are_notified_and_see_it_ranked_by_their_score(users, fake_match):
    need = make_need(users["kommune"])
    services.need_publish(need=need, user=users["kommune"])
    assert Notification.objects.filter(
        need=need, recipient=users["senter"], kind=NotificationKind.ROUTED
    ).exists()
    assert not Notification.objects.filter(need=need, recipient=users["kommune"]).exists()
    inbox = list(need_inbox_for_provider(user=users["senter"]))
    assert need in inbox
    scores = [n.my_score for n in inbox]
    assert scores == sorted(scores, reverse=True)
    assert inbox[inbox.index(need)].my_routes[0].matched_themes


def test_no_fit_routes_nowhere_shows_referrals_and_escalates_to_curators(users, fake_match, colleague):
    fake_match.configure([], no_fit=True, referrals=("ks", "bufdir"))
    need = make_need(
        users["kommune"], title="Lønn og rekruttering", description="Vi mister folk på grunn av lønn."
    )
    services.need_publish(need=need, user=users["kommune"])
    need.refresh_from_db()
    assert _routed(need) == []
    assert need.no_fit and need.escalated_at is not None
    assert [r["slug"] for r in need.referrals] == ["ks", "bufdir"]
    assert Notification.objects.filter(
        need=need, recipient=users["redaktor"], kind=NotificationKind.ESCALATED
    ).exists()
    # The colleague is told; the publisher sees the referrals on the page at once.
    assert Notification.objects.filter(need=need, recipient=colleague, kind=NotificationKind.NO_FIT).exists()
    assert need in need_list_for_user(user=users["redaktor"])


def test_a_single_case_goes_to_one_centre_and_never_to_all(users, fake_match):
    with pytest.raises(services.NeedValidationError) as caught:
        make_need(users["kommune"], level=NeedLevel.CASE, anonymised=False)
    assert "anonymised" in caught.value.errors
    with pytest.raises(services.NeedValidationError):
        make_need(users["kommune"], level=NeedLevel.CASE, anonymised=True, visibility=Visibility.ALL_CENTRES)
    need = make_need(users["kommune"], level=NeedLevel.CASE, anonymised=True)
    services.need_publish(need=need, user=users["kommune"])
    assert _routed(need) == ["rkbu-nord"]


def test_all_centres_visibility_shows_it_to_every_centre_but_notifies_only_the_routed(
    users, fake_match, other_centre_user
):
    need = make_need(users["kommune"], visibility=Visibility.ALL_CENTRES)
    services.need_publish(need=need, user=users["kommune"])
    assert need in need_inbox_for_provider(user=other_centre_user)
    assert not Notification.objects.filter(need=need, recipient=other_centre_user).exists()
    # Answering from the open list keeps the need visible to that centre after it closes.
    services.interest_express(need=need, user=other_centre_user)
    assert NeedRoute.objects.get(need=need, provider=other_centre_user.provider).routed


def test_decline_needs_a_reason_and_a_forward(users, published):
    with pytest.raises(services.NeedValidationError) as caught:
        services.need_decline(need=published, user=users["senter-nubu"], reason="capacity")
    assert caught.value.errors["forward"] == [services.errors.FORWARD_REQUIRED]
    with pytest.raises(services.NeedValidationError):
        services.need_decline(
            need=published,
            user=users["senter-nubu"],
            reason="capacity",
            forward_provider=users["senter-nubu"].provider,
        )


def test_decline_forward_to_a_centre_routes_and_notifies_it(users, published, other_centre_user):
    target = other_centre_user.provider
    services.need_decline(
        need=published,
        user=users["senter-nubu"],
        reason="competence",
        forward_provider=target,
        comment="Passer bedre der.",
    )
    route = published.routes.get(provider=target)
    assert route.routed and route.via == "forward" and route.forwarded_by == users["senter-nubu"].provider
    assert Notification.objects.filter(need=published, recipient=other_centre_user, kind="forwarded").exists()
    assert Notification.objects.filter(need=published, recipient=users["kommune"], kind="declined").exists()
    assert published.events.filter(action="decline", provider=users["senter-nubu"].provider).exists()


def test_decline_forward_to_an_actor_is_recorded_for_the_service(users, published):
    from portal.organisations.models import ReferralActor

    bufdir = ReferralActor.objects.get(slug="bufdir")
    decline = services.need_decline(
        need=published, user=users["senter-nubu"], reason="mandate", forward_actor=bufdir
    )
    assert decline.forward_actor == bufdir
    assert Notification.objects.filter(need=published, recipient=users["kommune"], kind="declined").exists()


def test_forward_suggestions_are_next_best_centres_and_referrals(users, published):
    from portal.needs.selectors import forward_suggestions

    suggestions = forward_suggestions(need=published, provider=users["senter-nubu"].provider)
    routed = set(published.routes.filter(routed=True).values_list("provider__slug", flat=True))
    assert [r.provider.slug for r in suggestions.providers][:1] == ["rkbu-vest"]  # best not already routed
    assert not routed & {r.provider.slug for r in suggestions.providers}
    assert suggestions.actors[0].slug == "bufdir"  # the matcher's referral first


def test_agree_with_two_centres_tells_the_one_not_chosen(users, published):
    a = services.interest_express(need=published, user=users["senter"])
    b = services.interest_express(need=published, user=users["senter-rvts"])
    services.interest_express(need=published, user=users["senter-nubu"])
    services.need_agree(need=published, user=users["kommune"], interest_ids=[a.pk, b.pk])
    published.refresh_from_db()
    assert published.state == NeedState.AGREED
    assert set(published.interests.filter(status="agreed").values_list("provider__slug", flat=True)) == {
        "rkbu-nord",
        "rvts-nord",
    }
    assert Notification.objects.filter(
        need=published, recipient=users["senter-nubu"], kind="not_chosen"
    ).exists()


def test_agree_refuses_an_interest_of_another_need(users, published, fake_match):
    other = make_need(users["kommune"])
    services.need_publish(need=other, user=users["kommune"])
    foreign = services.interest_express(need=other, user=users["senter"])
    services.interest_express(need=published, user=users["senter"])
    with pytest.raises(services.NeedValidationError) as caught:
        services.need_agree(need=published, user=users["kommune"], interest_ids=[foreign.pk])
    assert caught.value.errors["interests"] == [services.errors.AGREE_UNKNOWN_INTEREST]


def test_real_matcher_routes_a_published_need(users):
    """Integration: the real matcher (deterministic test embedder) over the demo catalogue."""
    need = make_need(
        users["kommune"],
        title="Traumebevisst omsorg i hele tjenesten",
        description="Vi trenger veiledning over tid i traumebevisst omsorg og hjelp med implementering i tjenesten.",
    )
    services.need_publish(need=need, user=users["kommune"])
    need.refresh_from_db()
    assert need.routes.count() == Provider.objects.count()
    routed = need.routes.filter(routed=True)
    assert 1 <= routed.count() <= 4
    assert all(r.band in ("sterk", "god") for r in routed)
    assert need.themes.exists()


def test_publishing_reuses_the_match_of_the_last_save_while_text_and_catalogue_are_unchanged(
    users, fake_match
):
    import datetime as dt

    from django.utils import timezone

    from matching.catalogue import catalogue_changed

    saved = timezone.now()
    need = make_need(users["kommune"])
    assert len(fake_match.calls) == 1  # the save suggested themes
    assert "Veiledning" not in str(need.match_snapshot)  # slugs, scores and codes; never the text
    services.need_publish(need=need, user=users["kommune"], now=saved + dt.timedelta(minutes=5))
    assert len(fake_match.calls) == 1

    stale = make_need(users["kommune"])
    services.need_publish(need=stale, user=users["kommune"], now=saved + dt.timedelta(hours=2))
    assert len(fake_match.calls) == 3  # older than an hour: matched again

    changed = make_need(users["kommune"])
    catalogue_changed()  # an offering was published since the save
    services.need_publish(need=changed, user=users["kommune"])
    assert len(fake_match.calls) == 5
