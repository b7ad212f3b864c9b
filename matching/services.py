"""Matching a municipality's description of a problem to the centres able to help."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings

from portal.organisations.models import Municipality, ReferralActor

from .catalogue import catalogue_profile
from .engine import METHODS, get_matcher
from .explain import build_result
from .models import DemandSignal
from .personal_data import Finding, scan
from .types import MatchResult, Preference

logger = logging.getLogger(__name__)

PREFERENCE_KINDS = ("format", "intensity", "target_group", "level", "form")
TEXT_TOO_SHORT = (
    "Beskrivelsen er for kort. Skriv minst {min} tegn, gjerne et par setninger om hva dere trenger hjelp til."
)
TEXT_TOO_LONG = "Beskrivelsen er for lang ({length} tegn). Korte den ned til høyst {max} tegn."


class MatchInputError(ValueError):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class MatchAnswer:
    result: MatchResult
    personal_data: list[Finding] = field(default_factory=list)


def match_text_validate(text: str) -> str:
    text = (text or "").strip()
    if len(text) < settings.MATCH_TEXT_MIN_LENGTH:
        raise MatchInputError("text", TEXT_TOO_SHORT.format(min=settings.MATCH_TEXT_MIN_LENGTH))
    if len(text) > settings.MATCH_TEXT_MAX_LENGTH:
        raise MatchInputError(
            "text", TEXT_TOO_LONG.format(length=len(text), max=settings.MATCH_TEXT_MAX_LENGTH)
        )
    return text


def _apply_user_preferences(
    detected: list[Preference], chosen: dict[str, list[str]] | None, labels
) -> list[Preference]:
    """Preferences the user set replace what was detected for that kind (the chips are editable)."""
    if not chosen:
        return detected
    kept = [p for p in detected if p.kind not in chosen]
    for kind, values in chosen.items():
        kept.extend(Preference(kind, value, labels.get((kind, value), value)) for value in values)
    return kept


def text_match(
    *,
    text: str,
    municipality: Municipality | None = None,
    preferences: dict[str, list[str]] | None = None,
    limit: int = 3,
    method: str = "hybrid",
    record: bool = True,
) -> MatchAnswer:
    """Rank every centre for ``text``; say so honestly when none fits, and who to ask instead.

    The text is neither stored nor logged. ``municipality`` only decides which centre is shown as
    the home centre (information, never a boost); ``record`` counts the request by theme for the
    gap statistics, without its text.
    """
    text = match_text_validate(text)
    if method not in METHODS:
        raise MatchInputError("method", f"Ukjent metode. Velg en av: {', '.join(METHODS)}.")
    matcher = get_matcher()
    region = municipality.county.number if municipality else None
    scored = matcher.score(text, method=method, region=region)
    scored.understanding.preferences = _apply_user_preferences(
        scored.understanding.preferences, preferences, matcher.preferences.labels
    )
    actors = {a.slug: (a.name, a.when_to_refer) for a in ReferralActor.objects.all()}
    form_labels = {e["code"]: e["label"] for e in matcher.taxonomy.get("forms_of_help", [])}
    home = (
        {family: provider.slug for family, provider in municipality.home_providers().items()}
        if municipality
        else {}
    )
    result = build_result(
        scored,
        catalogue=catalogue_profile(),
        themes_by_code=matcher.themes,
        actors=actors,
        form_labels=form_labels,
        home=home,
        limit=max(1, min(limit, 10)),
        method=method,
    )
    if record:
        DemandSignal.objects.create(
            kind=DemandSignal.Kind.MATCH,
            themes=[t.code for t in result.themes],
            good_match=bool(result.providers) and result.providers[0].band != "mulig",
            no_fit=result.no_fit,
            municipality=municipality,
            embete=municipality.embete if municipality else None,
        )
    return MatchAnswer(result=result, personal_data=scan(text))
