"""The lifecycle table, cell by cell, and the rules derived from it."""

from __future__ import annotations

import pytest

from portal.needs import services
from portal.needs.models import NeedState
from portal.needs.selectors import need_allowed_actions
from portal.needs.transitions import TRANSITIONS, Action, Actor, action_from_slug, action_slug, actions_for

S, A = NeedState, Action
SV, C, AC, CU, SY = Actor.SERVICE, Actor.CENTRE, Actor.AGREED_CENTRE, Actor.CURATOR, Actor.SYSTEM

EXPECTED = {
    S.DRAFT: {A.PUBLISH: (S.PUBLISHED, {SV}), A.WITHDRAW: (S.WITHDRAWN, {SV})},
    S.PUBLISHED: {
        A.EXPRESS_INTEREST: (S.INTEREST, {C}),
        A.PROPOSE_CLARIFICATION: (S.CLARIFICATION, {C}),
        A.DECLINE: (S.PUBLISHED, {C}),
        A.FORWARD: (S.PUBLISHED, {CU}),
        A.WITHDRAW: (S.WITHDRAWN, {SV}),
        A.EXPIRE: (S.EXPIRED, {SY}),
    },
    S.INTEREST: {
        A.EXPRESS_INTEREST: (S.INTEREST, {C}),
        A.PROPOSE_CLARIFICATION: (S.CLARIFICATION, {C, SV}),
        A.DECLINE: (S.INTEREST, {C}),
        A.FORWARD: (S.INTEREST, {CU}),
        A.AGREE: (S.AGREED, {SV}),
        A.WITHDRAW: (S.WITHDRAWN, {SV}),
        A.EXPIRE: (S.EXPIRED, {SY}),
    },
    S.CLARIFICATION: {
        A.EXPRESS_INTEREST: (S.CLARIFICATION, {C}),
        A.PROPOSE_CLARIFICATION: (S.CLARIFICATION, {C, SV}),
        A.DECLINE: (S.CLARIFICATION, {C}),
        A.AGREE: (S.AGREED, {SV}),
        A.WITHDRAW: (S.WITHDRAWN, {SV}),
        A.EXPIRE: (S.EXPIRED, {SY}),
    },
    S.AGREED: {A.DELIVER: (S.DELIVERED, {SV, AC}), A.WITHDRAW: (S.WITHDRAWN, {SV})},
    S.DELIVERED: {A.CLOSE: (S.CLOSED, {SV})},
    S.CLOSED: {},
    S.WITHDRAWN: {},
    S.EXPIRED: {},
}


def test_table_has_every_state():
    assert set(TRANSITIONS) == set(NeedState)


@pytest.mark.parametrize("state", list(NeedState))
def test_table_matches_the_lifecycle(state):
    actual = {t.action: (t.target, set(t.actors)) for t in TRANSITIONS[state]}
    assert actual == EXPECTED[state]


def test_final_states_allow_nothing():
    for state in (S.CLOSED, S.WITHDRAWN, S.EXPIRED):
        assert actions_for(state, set(Actor)) == []


def test_actions_are_derived_per_actor():
    assert actions_for(S.INTEREST, {SV}) == [A.PROPOSE_CLARIFICATION, A.AGREE, A.WITHDRAW]
    assert actions_for(S.INTEREST, {C}) == [A.EXPRESS_INTEREST, A.PROPOSE_CLARIFICATION, A.DECLINE]


def test_action_slugs_round_trip():
    for action in Action:
        assert action_from_slug(action_slug(action)) == action
    assert action_from_slug("propose-clarification") == A.PROPOSE_CLARIFICATION
    assert action_from_slug("nonsense") is None


def test_allowed_actions_for_a_draft(users, draft):
    assert need_allowed_actions(need=draft, user=users["kommune"]) == [A.PUBLISH, A.WITHDRAW]
    assert need_allowed_actions(need=draft, user=users["senter"]) == []


def test_allowed_actions_follow_what_a_centre_already_did(users, published):
    centre = users["senter"]
    assert need_allowed_actions(need=published, user=centre) == [
        A.EXPRESS_INTEREST,
        A.PROPOSE_CLARIFICATION,
        A.DECLINE,
    ]
    services.interest_express(need=published, user=centre)
    published.refresh_from_db()
    # Interest given: it may still propose a talk, but not answer twice or decline.
    assert need_allowed_actions(need=published, user=centre) == [A.PROPOSE_CLARIFICATION]
    assert need_allowed_actions(need=published, user=users["kommune"]) == [
        A.PROPOSE_CLARIFICATION,
        A.AGREE,
        A.WITHDRAW,
    ]


def test_impossible_transition_is_409_with_allowed_actions(users, published):
    with pytest.raises(services.TransitionNotAllowed) as caught:
        services.need_deliver(need=published, user=users["kommune"])
    assert caught.value.status == 409
    assert caught.value.allowed == ["withdraw"]


def test_wrong_party_is_403(users, published):
    services.interest_express(need=published, user=users["senter"])
    published.refresh_from_db()
    with pytest.raises(services.ActionForbidden):
        services.need_agree(need=published, user=users["senter"], interest_ids=[1])


def test_centre_cannot_express_interest_twice(users, published):
    services.interest_express(need=published, user=users["senter"])
    published.refresh_from_db()
    with pytest.raises(services.TransitionNotAllowed):
        services.interest_express(need=published, user=users["senter"])
