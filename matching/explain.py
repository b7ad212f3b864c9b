"""Turning scores into an answer people can act on: providers with reasons, their best offerings
and why, other acceptable providers, and who to ask instead when no centre fits."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .catalogue import CatalogueProfile, OfferingProfile, ProviderProfile
from .engine import Scored
from .features import family_weight
from .types import MatchResult, OfferingReason, Preference, ProviderMatch, Referral, ThemeHit

FORMAT_LABELS = {
    "fysisk": "fysisk",
    "digitalt_direkte": "digitalt",
    "opptak": "opptak/e-læring",
    "hybrid": "hybrid",
    "pa_arbeidsplassen": "på arbeidsplassen",
}
CAPACITY_NOTES = {"few": "få plasser igjen", "full": "fullt nå", "waitlist": "venteliste"}
# Forms of help that are "over time" (domain.md §1: making it stick is the persistent gap).
OVER_TIME_FORMS = {"IMPL", "TJST", "VEIL", "PROSESS", "LEDER", "NETTV", "OPPL", "VIDUT", "AVTALE"}
SHORT_FORMS = {"KURS", "DIGKURS", "EL", "KONF"}
MAX_OFFERINGS = 3
CANDIDATE_OFFERINGS = 50  # per provider, before the finer offering score
OTHERS_SHARE = 0.5  # "other acceptable providers": at least half the best score


def _band(score: float, top: float, no_fit: bool) -> str:
    """How strong a match is, relative to the best one (scores have no absolute meaning)."""
    if no_fit or top <= 0:
        return "mulig"
    if score >= 0.8 * top:
        return "sterk"
    if score >= 0.5 * top:
        return "god"
    return "mulig"


def _offering_score(
    offering: OfferingProfile,
    themes: list[ThemeHit],
    prefs: Mapping[str, set[str]],
    lexical: dict[int, float],
) -> float:
    mass = sum(t.score for t in themes) or 1.0
    score = sum(t.score for t in themes if t.code in offering.themes) / mass
    score += 0.5 * lexical.get(offering.page_id, 0.0)
    if prefs.get("format") and offering.formats & prefs["format"]:
        score += 0.15
    if "over_tid" in prefs.get("intensity", set()) and offering.form in OVER_TIME_FORMS:
        score += 0.15
    if "kort" in prefs.get("intensity", set()) and offering.form in SHORT_FORMS:
        score += 0.15
    if prefs.get("form") and offering.form in prefs["form"]:
        score += 0.2
    if offering.capacity == "full":
        score -= 0.1
    if offering.stale:
        score -= 0.05
    return score


def _offering_reasons(
    offering: OfferingProfile, themes: list[ThemeHit], prefs: Mapping[str, set[str]], form_labels
) -> list[str]:
    reasons = []
    matched = [t.label for t in themes if t.code in offering.themes]
    if matched:
        reasons.append("tema: " + ", ".join(matched[:3]))
    reasons.append("form: " + form_labels.get(offering.form, offering.form).lower())
    wanted_formats = prefs.get("format", set()) & offering.formats
    if wanted_formats:
        reasons.append(", ".join(FORMAT_LABELS.get(f, f) for f in sorted(wanted_formats)))
    if "over_tid" in prefs.get("intensity", set()) and offering.form in OVER_TIME_FORMS:
        reasons.append("støtte over tid")
    if offering.capacity in CAPACITY_NOTES:
        reasons.append(CAPACITY_NOTES[offering.capacity])
    if offering.next_date:
        reasons.append(f"neste dato {offering.next_date}")
    return reasons


def _provider_reasons(
    provider: ProviderProfile, themes: list[ThemeHit], scored: Scored, theme_families
) -> list[str]:
    reasons = []
    strong = [t for t in themes if family_weight(theme_families.get(t.code, []), provider.family) > 0]
    for theme in strong[:3]:
        words = ", ".join(f"«{w}»" for w in theme.words[:3])
        reasons.append(f"Tema {theme.label.lower()}" + (f" (ordene {words})" if words else ""))
    if provider.slug in scored.understanding.named_providers:
        reasons.append(f"Du nevner {provider.short_name}")
    reasons.append(
        "Nasjonalt senter" if provider.national else "Kan hjelpe også utenfor egen region når profilen passer"
    )
    reasons.append(
        "Tar imot nye forespørsler" if provider.accepts_requests else "Tar ikke imot nye forespørsler nå"
    )
    return reasons


def _preference_sets(preferences: list[Preference]) -> dict[str, set[str]]:
    sets: dict[str, set[str]] = {}
    for preference in preferences:
        sets.setdefault(preference.kind, set()).add(preference.value)
    return sets


def _referrals(scored: Scored, themes_by_code, actors: Mapping[str, tuple[str, str]]) -> list[Referral]:
    order: list[tuple[str, str]] = []
    hits = sorted(scored.understanding.themes, key=lambda t: (not t.no_fit, -t.score))
    for hit in hits:
        for slug in themes_by_code.get(hit.code, {}).get("refer") or []:
            if slug not in {s for s, _ in order}:
                order.append((slug, hit.label))
    referrals = []
    for slug, theme_label in order[:4]:
        name, when = actors.get(slug, (slug, ""))
        first_sentence = when.split(". ")[0].rstrip(".") + "." if when else ""
        referrals.append(
            Referral(slug, name, f"Fordi det handler om {theme_label.lower()}. {first_sentence}".strip())
        )
    return referrals


def build_result(
    scored: Scored,
    *,
    catalogue: CatalogueProfile,
    themes_by_code: Mapping[str, dict],
    actors: Mapping[str, tuple[str, str]],
    form_labels: Mapping[str, str],
    home: Mapping[str, str] | None = None,
    limit: int = 3,
    method: str = "hybrid",
) -> MatchResult:
    """The user-facing result for ``scored`` (see types.MatchResult)."""
    theme_families = {code: list(t.get("families") or []) for code, t in themes_by_code.items()}
    fit_themes = [t for t in scored.understanding.themes if not t.no_fit]
    prefs = _preference_sets(scored.understanding.preferences)
    lexical = {}
    top_lexical = max((h.score for h in scored.lexical_hits), default=0.0) or 1.0
    for hit in scored.lexical_hits:
        if hit.document.kind == "offering":
            lexical[hit.document.page_id] = hit.score / top_lexical
    top = scored.scores[scored.ranking[0]] if scored.ranking else 0.0
    bands = {slug: _band(scored.scores[slug], top, scored.no_fit) for slug in scored.ranking}
    shown_best = [] if scored.no_fit else scored.ranking[:limit]
    rest = scored.ranking[len(shown_best) :]
    shown_others = [
        s
        for s in (scored.ranking[:limit] if scored.no_fit else rest)
        if top > 0 and scored.scores[s] >= OTHERS_SHARE * top
    ][:5]
    overlap = catalogue.theme_overlap({t.code: t.score for t in fit_themes})

    def candidates(slug: str) -> list[OfferingProfile]:
        """The provider's offerings worth explaining: the best by theme overlap, and lexical hits."""
        index = catalogue.provider_order.index(slug)
        rows = np.flatnonzero(catalogue.row_provider == index)
        if len(rows) > CANDIDATE_OFFERINGS:
            rows = rows[np.argsort(-overlap[rows], kind="stable")[:CANDIDATE_OFFERINGS]]
        chosen = {catalogue.row_offering[r].page_id: catalogue.row_offering[r] for r in rows}
        for page_id in lexical:
            offering = catalogue.offerings.get(page_id)
            if offering is not None and slug in offering.providers:
                chosen.setdefault(page_id, offering)
        return list(chosen.values())

    def provider_match(slug: str) -> ProviderMatch:
        provider = catalogue.providers[slug]
        offerings = sorted(candidates(slug), key=lambda o: -_offering_score(o, fit_themes, prefs, lexical))
        provider_themes = [
            t
            for t in fit_themes
            if family_weight(theme_families.get(t.code, []), provider.family) > 0
            or t.code in provider.offered_themes
        ]
        return ProviderMatch(
            slug=slug,
            short_name=provider.short_name,
            name=provider.name,
            family=provider.family,
            url=provider.url,
            score=round(scored.scores[slug], 4),
            band=bands[slug],
            rank=scored.ranking.index(slug) + 1,
            reasons=_provider_reasons(provider, provider_themes, scored, theme_families),
            matched_themes=provider_themes,
            offerings=[
                OfferingReason(
                    page_id=o.page_id,
                    title=o.title,
                    url=o.url,
                    score=round(_offering_score(o, fit_themes, prefs, lexical), 4),
                    reasons=_offering_reasons(o, fit_themes, prefs, form_labels),
                    themes=sorted(o.themes),
                    form=o.form,
                    formats=sorted(o.formats),
                    capacity=o.capacity,
                    next_date=o.next_date,
                )
                for o in offerings[:MAX_OFFERINGS]
            ],
            is_home=bool(home) and home.get(provider.family) == slug,
            accepts_requests=provider.accepts_requests,
            features={k: round(v, 4) for k, v in scored.features[slug].items()},
        )

    return MatchResult(
        no_fit=scored.no_fit,
        no_fit_reason=scored.no_fit_reason,
        providers=[provider_match(s) for s in shown_best],
        others=[provider_match(s) for s in shown_others],
        ranking=list(scored.ranking),
        themes=scored.understanding.themes,
        preferences=scored.understanding.preferences,
        referrals=_referrals(scored, themes_by_code, actors),
        home_providers=dict(home or {}),
        method=method,
        scores={slug: round(scored.scores[slug], 4) for slug in scored.ranking},
        bands=bands,
    )
