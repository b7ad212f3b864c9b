"""Fixtures for the need tests: demo users by role, a controllable matcher, and a need factory.

The real matcher is exercised in a few integration tests; elsewhere ``fake_match`` fixes which
centres fit, so routing tests assert the routing rules rather than the matcher's current ranking.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from matching.services import MatchAnswer
from matching.types import MatchResult, ProviderMatch, Referral, ThemeHit
from portal.accounts.models import User
from portal.accounts.roles import Role, user_assign_role
from portal.needs import services
from portal.needs.models import Need
from portal.organisations.models import Embete, Provider

CLEAN_TITLE = "Veiledning i traumebevisst omsorg"
CLEAN_TEXT = (
    "Vi ønsker veiledning over tid i traumebevisst omsorg for hele tjenesten, og hjelp til å få det til å "
    "feste seg i praksis etter kurset."
)


@pytest.fixture
def users(demo_users) -> dict[str, User]:
    """Demo users plus the extra people the permission matrix needs (other service, other centre)."""
    return demo_users


@pytest.fixture
def other_centre_user(db) -> User:
    """A centre user at a centre that the tests never route to (RVTS Vest)."""
    user = User.objects.create(username="senter-vest", email="senter-vest@example.invalid")
    user_assign_role(user=user, role=Role.CENTRE, organisation=Provider.objects.get(slug="rvts-vest"))
    return user


@pytest.fixture
def colleague(db, demo_users) -> User:
    """A second municipal user in the same service as «kommune» (needs belong to the service)."""
    user = User.objects.create(
        username="kollega", email="kollega@example.invalid", first_name="Kåre", job_title="Nestleder"
    )
    user_assign_role(user=user, role=Role.MUNICIPAL, organisation=demo_users["kommune"].service)
    return user


@pytest.fixture
def statsforvalter_other(db) -> User:
    """A Statsforvalter user of another embete than Øst-Finnmark's (Vestland)."""
    user = User.objects.get(username="statsforvalter-vestland")
    assert user.embete == Embete.objects.get(slug="vestland")
    return user


class FakeMatcher:
    """Answers like ``matching.services.text_match`` with a chosen ranking."""

    def __init__(self):
        self.calls: list[str] = []
        self.configure(["rkbu-nord", "rvts-nord", "nubu", "rkbu-midt", "rkbu-vest"])

    def configure(self, ranking, *, bands=None, no_fit=False, referrals=("bufdir",), themes=("T18",)):
        slugs = list(Provider.objects.values_list("slug", flat=True))
        self.ranking = list(ranking) + [s for s in slugs if s not in ranking]
        self.bands = dict.fromkeys(self.ranking, "mulig")
        for i, slug in enumerate(ranking):
            self.bands[slug] = (bands or {}).get(slug, "sterk" if i < 2 else "god")
        self.no_fit = no_fit
        self.referrals = list(referrals)
        self.themes = list(themes)
        return self

    def __call__(self, *, text, municipality=None, preferences=None, limit=3, method="hybrid", record=True):
        self.calls.append(text)
        scores = {slug: float(len(self.ranking) - i) for i, slug in enumerate(self.ranking)}
        hits = [ThemeHit(code=c, label=c, score=1.0) for c in self.themes]
        providers = [
            ProviderMatch(
                slug=s,
                short_name=s,
                name=s,
                family="",
                url="",
                score=scores[s],
                band=self.bands[s],
                rank=i + 1,
                reasons=[],
                matched_themes=hits,
                offerings=[],
            )
            for i, s in enumerate(self.ranking[:3])
        ]
        result = MatchResult(
            no_fit=self.no_fit,
            no_fit_reason="",
            providers=[] if self.no_fit else providers,
            others=[],
            ranking=self.ranking,
            themes=hits,
            preferences=[],
            referrals=[Referral(slug=s, name=s.title(), reason="Fordi det passer.") for s in self.referrals],
            scores=scores,
            bands=self.bands,
        )
        return MatchAnswer(result=result, personal_data=[])


@pytest.fixture
def fake_match(monkeypatch) -> FakeMatcher:
    fake = FakeMatcher()
    monkeypatch.setattr("portal.needs.services.match.text_match", fake)
    return fake


def make_need(user: User, *, title: str = CLEAN_TITLE, description: str = CLEAN_TEXT, **fields) -> Need:
    data = services.NeedInput(title=title, description=description, **fields)
    need, _ = services.need_create(user=user, data=data, strict_personal_data=False)
    return need


@pytest.fixture
def draft(users, fake_match) -> Need:
    return make_need(users["kommune"])


@pytest.fixture
def published(users, fake_match) -> Need:
    """Published by Øst-Finnmark; routed to RKBU Nord, RVTS Nord, NUBU and RKBU Midt (fake ranking)."""
    need = make_need(users["kommune"])
    services.need_publish(need=need, user=users["kommune"])
    need.refresh_from_db()
    return need


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
