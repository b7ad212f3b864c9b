"""Reading needs: every query here filters by what the user may see, so no view can forget it.

Who sees what (domain.md §2, §4, §7):

- municipal users: every need of their own service, drafts included (needs belong to the service);
- centre users: needs routed to their centre, and open needs shared with all centres;
- Statsforvalter users: needs of their embete's municipalities that the service opted in for;
- portal curators (Portalredaktør): escalated needs; administrators: every need past draft;
- Bufdir: aggregates only; anonymous users: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from portal.accounts.models import User
from portal.accounts.roles import Role, user_roles
from portal.organisations.models import Provider, ReferralActor

from .models import (
    OPEN_STATES,
    ContactRole,
    Decline,
    Interest,
    InterestStatus,
    Need,
    NeedEvent,
    NeedFeedback,
    NeedMessage,
    NeedRoute,
    NeedState,
    Notification,
    Visibility,
)
from .transitions import Action, Actor, actions_for

NEED_NOT_FOUND = "Fant ikke behovet, eller du har ikke tilgang til det."
INTEREST_NOT_FOUND = "Fant ikke interessemeldingen, eller du har ikke tilgang til den."
ACTIVE_INTEREST = (InterestStatus.INTERESTED, InterestStatus.CLARIFICATION)


def _nothing() -> Q:
    return Q(pk__in=[])


def need_visibility_q(user) -> Q:
    """A filter on :class:`Need` for everything ``user`` may read."""
    roles = user_roles(user)
    q = _nothing()
    if not roles:
        return q
    not_draft = ~Q(state=NeedState.DRAFT)
    if Role.MUNICIPAL in roles and user.service_id:
        q |= Q(service_id=user.service_id)
    if Role.CENTRE in roles and user.provider_id:
        q |= not_draft & provider_visibility_q(user.provider_id)
    if Role.STATSFORVALTER in roles and user.embete_id:
        in_embete = Q(service__host_municipality__embete_id=user.embete_id) | Q(
            pk__in=Need.municipalities.through.objects.filter(municipality__embete_id=user.embete_id).values(
                "need_id"
            )
        )
        q |= not_draft & Q(visibility=Visibility.STATSFORVALTER) & in_embete
    if Role.EDITOR in roles:
        q |= not_draft & Q(escalated_at__isnull=False)
    if Role.ADMIN in roles:
        q |= not_draft
    return q


def provider_visibility_q(provider_id: int) -> Q:
    routed = NeedRoute.objects.filter(provider_id=provider_id, routed=True).values("need_id")
    return Q(pk__in=routed) | Q(visibility=Visibility.ALL_CENTRES, state__in=OPEN_STATES)


def need_list_for_user(*, user, state: str | None = None) -> QuerySet[Need]:
    """Every need ``user`` may read, newest first, with how many centres have answered."""
    needs = (
        Need.objects.filter(need_visibility_q(user))
        .select_related("service")
        .annotate(interest_count=Count("interests", distinct=True))
    )
    if state:
        needs = needs.filter(state=state)
    return needs.order_by("-created_at", "-pk")


def need_get_for_user(*, user, need_id: int) -> Need:
    """The need, if ``user`` may read it; otherwise 404 (never 403, so ids cannot be probed)."""
    need = (
        Need.objects.filter(need_visibility_q(user), pk=need_id)
        .select_related("service", "service__host_municipality")
        .first()
    )
    if need is None:
        raise Http404(NEED_NOT_FOUND)
    return need


# ---------------------------------------------------------------------------------------------------
# The user's relation to one need, and the actions it allows
# ---------------------------------------------------------------------------------------------------


@dataclass
class NeedRelation:
    """How ``user`` stands to ``need``: the actor kinds of the transition table, plus the centre's
    own interest and decline (which decide whether it can still answer)."""

    actors: frozenset[Actor]
    provider: Provider | None
    interest: Interest | None
    decline: Decline | None
    active_interests: int

    def __contains__(self, actor: Actor) -> bool:
        return actor in self.actors


def _centre_sees(user, roles, need: Need) -> bool:
    if Role.CENTRE not in roles or not user.provider_id or need.state == NeedState.DRAFT:
        return False
    return Need.objects.filter(provider_visibility_q(user.provider_id), pk=need.pk).exists()


def need_relation(*, need: Need, user) -> NeedRelation:
    roles = user_roles(user)
    actors: set[Actor] = set()
    provider = interest = decline = None
    if Role.MUNICIPAL in roles and user.service_id == need.service_id:
        actors.add(Actor.SERVICE)
    if _centre_sees(user, roles, need):
        provider = user.provider
        actors.add(Actor.CENTRE)
        interest = Interest.objects.filter(need=need, provider_id=user.provider_id).first()
        decline = Decline.objects.filter(need=need, provider_id=user.provider_id).first()
        if interest and interest.status == InterestStatus.AGREED:
            actors.add(Actor.AGREED_CENTRE)
    if need.state != NeedState.DRAFT and (
        Role.ADMIN in roles or (Role.EDITOR in roles and need.escalated_at is not None)
    ):
        actors.add(Actor.CURATOR)
    active = need.interests.filter(status__in=ACTIVE_INTEREST).count()
    return NeedRelation(frozenset(actors), provider, interest, decline, active)


def _guard(action: Action, relation: NeedRelation) -> bool:
    """Conditions beyond state and actor: a centre answers once; agreeing needs an interest."""
    centre_fresh = relation.interest is None and relation.decline is None
    if action in (Action.EXPRESS_INTEREST, Action.DECLINE):
        return Actor.CENTRE in relation and centre_fresh
    if action == Action.PROPOSE_CLARIFICATION:
        centre_can = (
            Actor.CENTRE in relation
            and relation.decline is None
            and (relation.interest is None or relation.interest.status == InterestStatus.INTERESTED)
        )
        return centre_can or (Actor.SERVICE in relation and relation.active_interests > 0)
    if action == Action.AGREE:
        return relation.active_interests > 0
    return True


def need_allowed_actions(*, need: Need, user, relation: NeedRelation | None = None) -> list[Action]:
    """What ``user`` can do with ``need`` now, derived from ``transitions.TRANSITIONS``."""
    relation = relation or need_relation(need=need, user=user)
    return [a for a in actions_for(need.state, relation.actors) if _guard(a, relation)]


# ---------------------------------------------------------------------------------------------------
# What each party sees of a need
# ---------------------------------------------------------------------------------------------------


def _sees_everything(relation: NeedRelation, user) -> bool:
    roles = user_roles(user)
    return Actor.SERVICE in relation or Role.ADMIN in roles or Role.EDITOR in roles


def route_list_for_need(*, need: Need, user, relation: NeedRelation) -> list[NeedRoute]:
    """Routed (and paused) centres for the service and curators; a centre sees its own route only."""
    routes = need.routes.select_related("provider", "forwarded_by")
    if _sees_everything(relation, user) or Role.STATSFORVALTER in user_roles(user):
        return list(routes.filter(Q(routed=True) | Q(paused=True)))
    if relation.provider is not None:
        return list(routes.filter(provider=relation.provider))
    return []


def interest_list_for_need(*, need: Need, user, relation: NeedRelation | None = None) -> QuerySet[Interest]:
    relation = relation or need_relation(need=need, user=user)
    interests = need.interests.select_related("provider")
    if _sees_everything(relation, user) or Role.STATSFORVALTER in user_roles(user):
        return interests
    if relation.provider is not None:
        return interests.filter(provider=relation.provider)
    return interests.none()


def interest_get_for_user(*, need: Need, user, interest_id: int) -> Interest:
    interest = interest_list_for_need(need=need, user=user).filter(pk=interest_id).first()
    if interest is None:
        raise Http404(INTEREST_NOT_FOUND)
    return interest


def decline_list_for_need(*, need: Need, user, relation: NeedRelation) -> list[Decline]:
    declines = need.declines.select_related("provider", "forward_provider", "forward_actor")
    if _sees_everything(relation, user):
        return list(declines)
    if relation.provider is not None:
        return list(declines.filter(provider=relation.provider))
    return []


def event_list_for_need(*, need: Need, user, relation: NeedRelation) -> list[NeedEvent]:
    """The audit trail. Centres and the Statsforvalter see the state changes and their own steps,
    not who read the need or other centres' comments."""
    events = need.events.select_related("actor", "provider")
    if _sees_everything(relation, user):
        return list(events)
    events = events.exclude(action="view")
    own = Q(provider__isnull=True)
    if relation.provider is not None:
        own |= Q(provider=relation.provider)
    return list(events.filter(own | ~Q(from_state=F("to_state"))))


def feedback_list_for_need(*, need: Need, user, relation: NeedRelation) -> list[NeedFeedback]:
    """The service's feedback: for the service, the centres it agreed with, and curators."""
    if _sees_everything(relation, user) or Actor.AGREED_CENTRE in relation:
        return list(need.feedback.order_by("created_at"))
    return []


def message_list(*, need: Need, user, provider: Provider) -> QuerySet[NeedMessage]:
    """The thread between the service and ``provider``; only those two parties may read it."""
    relation = need_relation(need=need, user=user)
    if Actor.SERVICE not in relation and relation.provider != provider:
        raise Http404(NEED_NOT_FOUND)
    return need.messages.filter(provider=provider).select_related("author")


def message_thread_providers(*, need: Need, user, relation: NeedRelation) -> list[Provider]:
    """The centres the user can talk with about this need."""
    if Actor.SERVICE in relation:
        ids = set(need.routes.filter(routed=True).values_list("provider_id", flat=True))
        ids |= set(need.interests.values_list("provider_id", flat=True))
        return list(Provider.objects.filter(pk__in=ids))
    return [relation.provider] if relation.provider is not None else []


@dataclass
class ForwardSuggestions:
    providers: list[NeedRoute]  # next-best centres by the need's stored routing scores
    actors: list[ReferralActor]  # the matcher's referrals, then actors named by the need's themes


def forward_suggestions(*, need: Need, provider: Provider | None, limit: int = 3) -> ForwardSuggestions:
    """Where a declining centre (or a curator) can send the need next: no dead ends."""
    taken = set(need.routes.filter(routed=True).values_list("provider_id", flat=True))
    taken |= set(need.declines.values_list("provider_id", flat=True))
    if provider is not None:
        taken.add(provider.pk)
    routes = (
        need.routes.exclude(provider_id__in=taken)
        .exclude(band="")
        .select_related("provider")
        .order_by("-score")[:limit]
    )
    slugs = [r.get("slug") for r in need.referrals if isinstance(r, dict)]
    actors = {a.slug: a for a in ReferralActor.objects.filter(slug__in=slugs)}
    ordered = [actors[s] for s in slugs if s in actors]
    for actor in ReferralActor.objects.filter(themes__in=need.themes.all()).distinct():
        if actor.slug not in actors:
            ordered.append(actor)
            actors[actor.slug] = actor
    return ForwardSuggestions(list(routes), ordered)


@dataclass
class ServiceContact:
    role: str
    service: str
    people: list[tuple[str, str]]  # (name, e-mail) of whoever holds the role now


def contact_for_need(*, need: Need, relation: NeedRelation) -> ServiceContact | None:
    """The service's contact: only for the service itself and the centres it agreed with. Resolved
    from the role at read time, so it passes to the successor automatically."""
    if Actor.SERVICE not in relation and Actor.AGREED_CENTRE not in relation:
        return None
    label = ContactRole(need.contact_role).label
    holders = User.objects.filter(service_id=need.service_id, is_active=True, job_title__iexact=label)
    people = [(u.get_full_name() or u.username, u.email) for u in holders]
    return ServiceContact(role=label, service=need.service.name, people=people)


# ---------------------------------------------------------------------------------------------------
# The centre inbox
# ---------------------------------------------------------------------------------------------------


def need_inbox_for_provider(
    *, user, theme: str | None = None, state: str | None = None, urgency: str | None = None
) -> QuerySet[Need]:
    """Open needs visible to the user's centre, best fit for that centre first, with the centre's
    own route (score and matched themes) and interest prefetched. Needs it declined are left out."""
    if Role.CENTRE not in user_roles(user) or not user.provider_id:
        return Need.objects.none()
    provider_id = user.provider_id
    my_route = NeedRoute.objects.filter(need=OuterRef("pk"), provider_id=provider_id)
    needs = (
        Need.objects.filter(provider_visibility_q(provider_id), state__in=OPEN_STATES)
        .exclude(declines__provider_id=provider_id)
        .annotate(my_score=Subquery(my_route.values("score")[:1]))
        .select_related("service")
        .prefetch_related(
            Prefetch(
                "routes", queryset=NeedRoute.objects.filter(provider_id=provider_id), to_attr="my_routes"
            ),
            Prefetch(
                "interests", queryset=Interest.objects.filter(provider_id=provider_id), to_attr="my_interests"
            ),
        )
    )
    if theme:
        needs = needs.filter(themes__code=theme)
    if state:
        needs = needs.filter(state=state)
    if urgency:
        needs = needs.filter(urgency=urgency)
    return needs.order_by(F("my_score").desc(nulls_last=True), "-published_at", "-pk")


# ---------------------------------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------------------------------


def notification_unread_count(*, user) -> int:
    """One COUNT query; used by the header on every page."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("need")
