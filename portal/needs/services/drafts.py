"""Creating and editing needs while they are drafts, and changing who may see them.

The personal-data guard runs on every save. A form keeps a draft with blocking findings so nothing
the user wrote is lost, but flags it: such a draft stays private to the service and is never matched,
routed, indexed, e-mailed or logged. The API is stricter and refuses it (its client keeps the text).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from katalog.models import Format, FormOfHelp, TargetGroup, Theme
from matching.services import MatchInputError
from portal.accounts.roles import Role, has_role
from portal.organisations.models import Municipality

from ..models import ContactRole, Need, NeedLevel, NeedState, TimeFrame, Urgency, Visibility
from ..selectors import need_allowed_actions, need_relation
from ..transitions import Actor
from . import errors as e
from .common import event_record, need_lock, now_or
from .guard import GuardReport, personal_data_check
from .match import need_match

logger = logging.getLogger(__name__)

TITLE_MAX = 200
DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 5000
TEXT_FIELDS = ("title", "description")


@dataclass
class NeedInput:
    """Everything a service says about a need (forms and serializers build one)."""

    title: str
    description: str
    themes: Sequence[Theme] = ()
    level: str = NeedLevel.SERVICE
    anonymised: bool = False
    forms_of_help: Sequence[FormOfHelp] = ()
    formats: Sequence[Format] = ()
    target_groups: Sequence[TargetGroup] = ()
    staff_count: int | None = None
    time_frame: str = ""
    urgency: str = Urgency.NORMAL
    municipalities: Sequence[Municipality] | None = None  # None: the service's current municipalities
    contact_role: str = ContactRole.LEADER
    visibility: str = Visibility.MATCHED


def need_input_validate(*, data: NeedInput, service) -> None:
    """Rules shared by forms and the API; raises :class:`NeedValidationError` with field messages."""
    errors: dict[str, list[str]] = {}
    title = (data.title or "").strip()
    description = (data.description or "").strip()
    if not title:
        errors["title"] = [e.TITLE_REQUIRED]
    elif len(title) > TITLE_MAX:
        errors["title"] = [e.TITLE_TOO_LONG.format(max=TITLE_MAX, length=len(title))]
    if len(description) < DESCRIPTION_MIN:
        errors["description"] = [e.DESCRIPTION_TOO_SHORT.format(min=DESCRIPTION_MIN)]
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = [e.DESCRIPTION_TOO_LONG.format(max=DESCRIPTION_MAX, length=len(description))]
    if data.level == NeedLevel.CASE and not data.anonymised:
        errors["anonymised"] = [e.CASE_NOT_ANONYMISED]
    if data.level == NeedLevel.CASE and data.visibility == Visibility.ALL_CENTRES:
        errors["visibility"] = [e.CASE_NOT_TO_ALL]
    if data.municipalities:
        covered = set(service.current_municipalities().values_list("pk", flat=True))
        outside = [m for m in data.municipalities if m.pk not in covered]
        if outside:
            errors["municipalities"] = [e.MUNICIPALITY_NOT_COVERED.format(name=outside[0])]
    if data.time_frame and data.time_frame not in TimeFrame.values:
        errors["time_frame"] = ["Ukjent tidsramme."]
    if errors:
        raise e.NeedValidationError(errors)


def _apply(need: Need, data: NeedInput) -> None:
    need.title = data.title.strip()
    need.description = data.description.strip()
    need.level = data.level
    need.anonymised = data.anonymised
    need.staff_count = data.staff_count
    need.time_frame = data.time_frame or ""
    need.urgency = data.urgency or Urgency.NORMAL
    need.contact_role = data.contact_role or ContactRole.LEADER
    need.visibility = data.visibility or Visibility.MATCHED


def _apply_relations(need: Need, data: NeedInput) -> None:
    need.forms_of_help.set(data.forms_of_help)
    need.formats.set(data.formats)
    need.target_groups.set(data.target_groups)
    municipalities = data.municipalities or list(need.service.current_municipalities())
    need.municipalities.set(municipalities)


def _guard(need: Need, *, strict: bool) -> GuardReport:
    report = personal_data_check(fields={name: getattr(need, name) for name in TEXT_FIELDS})
    if report.blocked and strict:
        raise e.PersonalDataError(report.blocking_messages())
    need.personal_data_blocked = report.blocked
    need.personal_data_findings = report.to_json()
    return report


def _themes_suggest(need: Need, chosen: Sequence[Theme], now: dt.datetime) -> None:
    """Themes the user chose, or else the matcher's suggestion. The matcher runs only for text that
    passed the guard; its answer is kept for publishing (services/match.py)."""
    if need.personal_data_blocked:
        need.match_snapshot = {}
        need.save(update_fields=["match_snapshot"])
        need.themes.set(chosen)
        return
    try:
        routing = need_match(need=need, now=now)
    except MatchInputError:
        need.themes.set(chosen)
        return
    need.save(update_fields=["match_snapshot"])
    need.themes.set(chosen or Theme.objects.filter(code__in=routing.theme_codes))


@transaction.atomic
def need_create(
    *,
    user,
    data: NeedInput,
    strict_personal_data: bool = True,
    suggest_themes: bool = True,
    now: dt.datetime | None = None,
) -> tuple[Need, GuardReport]:
    """Create a draft for the user's service. With ``strict_personal_data`` (the API) blocking
    findings raise; without (forms) the draft is kept, flagged and private. ``suggest_themes=False``
    when the draft is published at once: publishing fills in the matcher's themes itself."""
    if not has_role(user, Role.MUNICIPAL) or user.service_id is None:
        raise e.ActionForbidden(e.NOT_MUNICIPAL)
    need_input_validate(data=data, service=user.service)
    now = now_or(now)
    need = Need(service=user.service, created_by=user, created_at=now, updated_at=now, state_changed_at=now)
    _apply(need, data)
    report = _guard(need, strict=strict_personal_data)
    need.save()
    _apply_relations(need, data)
    if suggest_themes:
        _themes_suggest(need, data.themes, now)
    else:
        need.themes.set(data.themes)
    event_record(need=need, action="create", user=user, from_state=NeedState.DRAFT, now=now)
    logger.info("Need %s created as draft (personal data flagged: %s)", need.pk, need.personal_data_blocked)
    return need, report


@transaction.atomic
def need_update(
    *, need: Need, user, data: NeedInput, strict_personal_data: bool = True, now: dt.datetime | None = None
) -> tuple[Need, GuardReport]:
    """Edit a draft (the service only). Records which fields changed, never their text."""
    need = need_lock(need)
    if Actor.SERVICE not in need_relation(need=need, user=user):
        raise e.ActionForbidden()
    if need.state != NeedState.DRAFT:
        allowed = [a.value for a in need_allowed_actions(need=need, user=user)]
        raise e.TransitionNotAllowed(
            action="update",
            state=need.state,
            state_label=NeedState(need.state).label,
            allowed=allowed,
            message=e.ONLY_DRAFT_EDITABLE,
        )
    need_input_validate(data=data, service=need.service)
    now = now_or(now)
    before = {name: getattr(need, name) for name in ("title", "description", "visibility", "level")}
    _apply(need, data)
    report = _guard(need, strict=strict_personal_data)
    need.updated_at = now
    need.save()
    _apply_relations(need, data)
    _themes_suggest(need, data.themes, now)
    changed = [Need._meta.get_field(n).verbose_name for n, v in before.items() if getattr(need, n) != v]
    event_record(
        need=need,
        action="edit",
        user=user,
        from_state=need.state,
        comment=("Endret: " + ", ".join(changed)) if changed else "",
        now=now,
    )
    return need, report


@transaction.atomic
def need_visibility_change(*, need: Need, user, visibility: str, now: dt.datetime | None = None) -> Need:
    """The service widens or narrows who may see the need (recorded with before and after)."""
    need = need_lock(need)
    if Actor.SERVICE not in need_relation(need=need, user=user):
        raise e.ActionForbidden()
    if visibility not in Visibility.values:
        raise e.NeedValidationError.single("visibility", "Ukjent synlighet.")
    if need.level == NeedLevel.CASE and visibility == Visibility.ALL_CENTRES:
        raise e.NeedValidationError.single("visibility", e.CASE_NOT_TO_ALL)
    if visibility == need.visibility:
        return need
    now = now_or(now)
    comment = f"{Visibility(need.visibility).label} → {Visibility(visibility).label}"
    need.visibility = visibility
    need.updated_at = now
    need.save(update_fields=["visibility", "updated_at"])
    event_record(need=need, action="visibility", user=user, from_state=need.state, comment=comment, now=now)
    return need
