"""The demo needs: every state, several services, realistic and free of personal data, idempotent."""

from __future__ import annotations

from matching.personal_data import has_blocking, scan
from portal.needs.demo import STORIES, demo_needs_load
from portal.needs.models import Decline, Interest, Need, NeedFeedback, NeedState


def _demo_needs():
    titles = [s.title for s in STORIES]
    return Need.objects.filter(title__in=titles)


def test_demo_covers_every_state_from_several_services(db):
    needs = _demo_needs()
    assert {n.state for n in needs} == set(NeedState.values)
    services = {n.service.name for n in needs}
    for name in (
        "Øst-Finnmark barneverntjeneste",
        "Bydel Grünerløkka barneverntjeneste",
        "Barneverntjenesten i Tromsø",
        "Barneverntjenesten i Bergen",
        "Barneverntenesta for Ørsta og Volda",
    ):
        assert name in services


def test_demo_has_two_interested_centres_a_decline_with_forward_an_escalation_and_feedback(db):
    needs = _demo_needs()
    by_need = {}
    for interest in Interest.objects.filter(need__in=needs):
        by_need.setdefault(interest.need_id, set()).add(interest.provider.slug)
    assert any({"rkbu-nord", "rvts-nord"} <= slugs for slugs in by_need.values())
    declines = Decline.objects.filter(need__in=needs)
    assert declines.filter(forward_provider__isnull=False).exists()
    assert declines.filter(forward_actor__isnull=False).exists()
    assert needs.filter(escalated_at__isnull=False).exists()
    assert NeedFeedback.objects.filter(need__in=needs).exists()


def test_demo_needs_hold_no_blocking_personal_data(db):
    for need in _demo_needs():
        for text in (need.title, need.description):
            assert not has_blocking(scan(text)), need.title
        for interest in need.interests.all():
            assert not has_blocking(scan(interest.message))
        for message in need.messages.all():
            assert not has_blocking(scan(message.body))


def test_demo_dates_are_relative_to_today(db):
    from django.utils import timezone

    closed = _demo_needs().get(state=NeedState.CLOSED)
    age = (timezone.now() - closed.published_at).days
    assert 150 <= age <= 170


def test_demo_load_is_idempotent(db):
    before = Need.objects.count()
    assert demo_needs_load() == 0
    assert Need.objects.count() == before
