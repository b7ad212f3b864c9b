"""The need lifecycle as data: for each state, the actions allowed, the state they lead to, and who
may take them. Views, the API and the services all derive "allowed actions" from this table, and
``tests/needs/test_transitions.py`` checks it cell by cell.

    draft → published → interest → clarification → agreed → delivered → closed
    side exits: withdrawn (by the service), expired (by the reminder job)

A decline, a forward and another centre's interest keep the state. Escalation is not a state: a
published need with no interest in time is flagged (``Need.escalated_at``) and shown to curators.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .models import NeedState


class Action(StrEnum):
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    EXPRESS_INTEREST = "express_interest"
    PROPOSE_CLARIFICATION = "propose_clarification"
    DECLINE = "decline"
    FORWARD = "forward"
    AGREE = "agree"
    DELIVER = "deliver"
    CLOSE = "close"
    EXPIRE = "expire"


class Actor(StrEnum):
    """Who takes an action, relative to one need (see ``selectors.need_actor_kinds``)."""

    SERVICE = "service"  # a user of the service that owns the need
    CENTRE = "centre"  # a user of a centre that can see the need
    AGREED_CENTRE = "agreed_centre"  # a user of a centre the service agreed with
    CURATOR = "curator"  # a portal curator (Portalredaktør) or administrator
    SYSTEM = "system"  # the reminder job


ACTION_LABELS: dict[Action, str] = {
    Action.PUBLISH: "Publiser",
    Action.WITHDRAW: "Trekk tilbake",
    Action.EXPRESS_INTEREST: "Meld interesse",
    Action.PROPOSE_CLARIFICATION: "Foreslå avklaringssamtale",
    Action.DECLINE: "Avslå og pek videre",
    Action.FORWARD: "Send videre til et senter",
    Action.AGREE: "Avtal med senter",
    Action.DELIVER: "Marker som levert",
    Action.CLOSE: "Avslutt med tilbakemelding",
    Action.EXPIRE: "Utløpt",
}
# Past-tense labels for the audit trail; also covers events that are not transitions.
EVENT_LABELS: dict[str, str] = {
    "create": "Opprettet utkast",
    "edit": "Endret",
    "visibility": "Endret hvem som kan se behovet",
    "publish": "Publisert",
    "route": "Sendt til senter",
    "no_fit": "Ingen senter passet",
    "withdraw": "Trukket tilbake",
    "express_interest": "Meldte interesse",
    "propose_clarification": "Foreslo avklaringssamtale",
    "decline": "Avslo og pekte videre",
    "forward": "Sendt videre",
    "agree": "Avtalt",
    "deliver": "Levert",
    "close": "Avsluttet med tilbakemelding",
    "expire": "Utløpt",
    "escalate": "Eskalert (ingen interesse i tide)",
    "follow_up": "Oppfølging etter tre måneder",
    "message": "Melding",
    "view": "Lest av noen utenfor de rutede sentrene",
}


@dataclass(frozen=True)
class Transition:
    action: Action
    target: NeedState
    actors: frozenset[Actor]


def _t(action: Action, target: NeedState, *actors: Actor) -> Transition:
    return Transition(action, target, frozenset(actors))


S = NeedState
A = Action
SERVICE, CENTRE, AGREED, CURATOR, SYSTEM = (
    Actor.SERVICE,
    Actor.CENTRE,
    Actor.AGREED_CENTRE,
    Actor.CURATOR,
    Actor.SYSTEM,
)

TRANSITIONS: dict[NeedState, tuple[Transition, ...]] = {
    S.DRAFT: (
        _t(A.PUBLISH, S.PUBLISHED, SERVICE),
        _t(A.WITHDRAW, S.WITHDRAWN, SERVICE),
    ),
    S.PUBLISHED: (
        _t(A.EXPRESS_INTEREST, S.INTEREST, CENTRE),
        _t(A.PROPOSE_CLARIFICATION, S.CLARIFICATION, CENTRE),
        _t(A.DECLINE, S.PUBLISHED, CENTRE),
        _t(A.FORWARD, S.PUBLISHED, CURATOR),
        _t(A.WITHDRAW, S.WITHDRAWN, SERVICE),
        _t(A.EXPIRE, S.EXPIRED, SYSTEM),
    ),
    S.INTEREST: (
        _t(A.EXPRESS_INTEREST, S.INTEREST, CENTRE),
        _t(A.PROPOSE_CLARIFICATION, S.CLARIFICATION, CENTRE, SERVICE),
        _t(A.DECLINE, S.INTEREST, CENTRE),
        _t(A.FORWARD, S.INTEREST, CURATOR),
        _t(A.AGREE, S.AGREED, SERVICE),
        _t(A.WITHDRAW, S.WITHDRAWN, SERVICE),
        _t(A.EXPIRE, S.EXPIRED, SYSTEM),
    ),
    S.CLARIFICATION: (
        _t(A.EXPRESS_INTEREST, S.CLARIFICATION, CENTRE),
        _t(A.PROPOSE_CLARIFICATION, S.CLARIFICATION, CENTRE, SERVICE),
        _t(A.DECLINE, S.CLARIFICATION, CENTRE),
        _t(A.AGREE, S.AGREED, SERVICE),
        _t(A.WITHDRAW, S.WITHDRAWN, SERVICE),
        _t(A.EXPIRE, S.EXPIRED, SYSTEM),
    ),
    S.AGREED: (
        _t(A.DELIVER, S.DELIVERED, SERVICE, AGREED),
        _t(A.WITHDRAW, S.WITHDRAWN, SERVICE),
    ),
    S.DELIVERED: (_t(A.CLOSE, S.CLOSED, SERVICE),),
    S.CLOSED: (),
    S.WITHDRAWN: (),
    S.EXPIRED: (),
}


def transitions_from(state: str) -> tuple[Transition, ...]:
    return TRANSITIONS[NeedState(state)]


def transition_get(state: str, action: str) -> Transition | None:
    return next((t for t in transitions_from(state) if t.action == action), None)


def actions_for(state: str, actors: set[Actor] | frozenset[Actor]) -> list[Action]:
    """Actions the table allows from ``state`` for someone acting as any of ``actors``."""
    return [t.action for t in transitions_from(state) if t.actors & set(actors)]


# API paths use hyphens: POST /api/v1/needs/{id}/propose-clarification/
def action_slug(action: Action) -> str:
    return action.value.replace("_", "-")


def action_from_slug(slug: str) -> Action | None:
    try:
        return Action(slug.replace("-", "_"))
    except ValueError:
        return None
