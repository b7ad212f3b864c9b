"""Plain-dict representations of a need for the API, built from the same selectors as the pages, so
each party sees exactly what it would see there."""

from __future__ import annotations

from django.urls import reverse

from portal.accounts.roles import Role, user_roles

from .. import selectors as sel
from ..models import Interest, Need, NeedState
from ..services.guard import stored_findings_messages
from ..transitions import EVENT_LABELS, Actor, action_slug


def need_summary(need: Need) -> dict:
    return {
        "id": need.pk,
        "url": reverse("needs_api:detail", args=[need.pk]),
        "title": need.title,
        "state": need.state,
        "state_label": NeedState(need.state).label,
        "service": need.service.name,
        "urgency": need.urgency,
        "level": need.level,
        "created_at": need.created_at,
        "published_at": need.published_at,
    }


def _codes(queryset) -> list[dict]:
    return [{"code": o.code, "label": o.label} for o in queryset]


def interest_data(interest: Interest) -> dict:
    return {
        "id": interest.pk,
        "provider": interest.provider.slug,
        "provider_name": interest.provider.short_name,
        "status": interest.status,
        "status_label": interest.get_status_display(),
        "message": interest.message,
        "created_at": interest.created_at,
        "updated_at": interest.updated_at,
    }


def _events(need: Need, user, relation) -> list[dict]:
    shows_actor = Actor.SERVICE in relation or Role.ADMIN in user_roles(user)
    return [
        {
            "action": e.action,
            "label": EVENT_LABELS.get(e.action, e.action),
            "from_state": e.from_state,
            "to_state": e.to_state,
            "actor": e.actor_label if shows_actor else None,
            "provider": e.provider.slug if e.provider_id else None,
            "comment": e.comment,
            "created_at": e.created_at,
        }
        for e in sel.event_list_for_need(need=need, user=user, relation=relation)
    ]


def _routes(need: Need, user, relation) -> list[dict]:
    return [
        {
            "provider": r.provider.slug,
            "provider_name": r.provider.short_name,
            "score": round(r.score, 4),
            "band": r.band,
            "routed": r.routed,
            "paused": r.paused,
            "via": r.via,
            "matched_themes": r.matched_themes,
        }
        for r in sel.route_list_for_need(need=need, user=user, relation=relation)
    ]


def _declines(need: Need, user, relation) -> list[dict]:
    return [
        {
            "provider": d.provider.slug,
            "reason": d.reason,
            "reason_label": d.get_reason_display(),
            "forward_provider": d.forward_provider.slug if d.forward_provider_id else None,
            "forward_actor": d.forward_actor.slug if d.forward_actor_id else None,
            "forward_actor_when": d.forward_actor.when_to_refer if d.forward_actor_id else None,
            "comment": d.comment,
            "created_at": d.created_at,
        }
        for d in sel.decline_list_for_need(need=need, user=user, relation=relation)
    ]


def need_detail(need: Need, user, *, report=None) -> dict:
    relation = sel.need_relation(need=need, user=user)
    contact = sel.contact_for_need(need=need, relation=relation)
    is_service = Actor.SERVICE in relation
    return {
        **need_summary(need),
        "description": need.description,
        "anonymised": need.anonymised,
        "visibility": need.visibility,
        "time_frame": need.time_frame,
        "staff_count": need.staff_count,
        "contact_role": need.contact_role,
        "municipalities": list(need.municipalities.values_list("number", flat=True)),
        "themes": _codes(need.themes.all()),
        "forms_of_help": _codes(need.forms_of_help.all()),
        "formats": _codes(need.formats.all()),
        "target_groups": _codes(need.target_groups.all()),
        "escalated_at": need.escalated_at,
        "no_fit": need.no_fit,
        "referrals": need.referrals if is_service or need.no_fit else [],
        "allowed_actions": [
            action_slug(a) for a in sel.need_allowed_actions(need=need, user=user, relation=relation)
        ],
        "routes": _routes(need, user, relation),
        "interests": [
            interest_data(i) for i in sel.interest_list_for_need(need=need, user=user, relation=relation)
        ],
        "declines": _declines(need, user, relation),
        "events": _events(need, user, relation),
        "contact": (
            {
                "role": contact.role,
                "service": contact.service,
                "people": [{"name": n, "email": m} for n, m in contact.people],
            }
            if contact
            else None
        ),
        "personal_data": (
            {
                "blocked": need.personal_data_blocked,
                "messages": stored_findings_messages(need.personal_data_findings),
                "warnings": report.warning_messages() if report else [],
            }
            if is_service
            else None
        ),
    }
