"""Running the matcher for a need, once per version of its text.

Saving a draft runs the matcher to suggest themes; publishing needs the same answer to route. So the
answer is kept on the draft as a *routing snapshot* — provider slugs, scores, bands, theme codes and
the matcher's referrals, never any of the need's text — together with a fingerprint of the text it
was computed from and the catalogue version. Publishing reuses it while the text is unchanged, the
catalogue has not changed and the snapshot is under an hour old; otherwise it matches again.

The matcher is only ever called here, and only for text that passed the personal-data guard.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import cache

from matching.catalogue import CATALOGUE_VERSION_KEY
from matching.services import text_match
from matching.types import MatchResult

from ..models import Need

# A snapshot older than this is recomputed at publish (the catalogue and capacity move slowly).
MATCH_REUSE_SECONDS = 60 * 60


@dataclass
class Routing:
    """What routing needs from the matcher's answer."""

    no_fit: bool
    ranking: list[str]
    scores: dict[str, float]
    bands: dict[str, str]
    themes: list[dict] = field(default_factory=list)  # {"code", "label", "no_fit"}
    referrals: list[dict] = field(default_factory=list)  # {"slug", "name", "reason"}
    matched: dict[str, list[str]] = field(default_factory=dict)  # slug -> matched theme labels

    @classmethod
    def from_result(cls, result: MatchResult) -> Routing:
        return cls(
            no_fit=result.no_fit,
            ranking=list(result.ranking),
            scores={k: float(v) for k, v in result.scores.items()},
            bands=dict(result.bands),
            themes=[{"code": t.code, "label": t.label, "no_fit": t.no_fit} for t in result.themes],
            referrals=[{"slug": r.slug, "name": r.name, "reason": r.reason} for r in result.referrals],
            matched={
                m.slug: [t.label for t in m.matched_themes] for m in [*result.providers, *result.others]
            },
        )

    @property
    def theme_codes(self) -> list[str]:
        return [t["code"] for t in self.themes]


def matcher_text(need: Need) -> str:
    return f"{need.title}\n\n{need.description}"[: settings.MATCH_TEXT_MAX_LENGTH]


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _catalogue_version() -> int:
    return int(cache.get(CATALOGUE_VERSION_KEY, 0) or 0)


def _reusable(need: Need, text: str, now: dt.datetime) -> Routing | None:
    snapshot = need.match_snapshot or {}
    try:
        computed = dt.datetime.fromisoformat(snapshot["computed_at"])
        fresh = (now - computed).total_seconds() < MATCH_REUSE_SECONDS
        if (
            fresh
            and snapshot["fingerprint"] == _fingerprint(text)
            and snapshot["catalogue"] == _catalogue_version()
        ):
            return Routing(**snapshot["routing"])
    except (KeyError, TypeError, ValueError):
        return None
    return None


def need_match(*, need: Need, now: dt.datetime, reuse: bool = True) -> Routing:
    """The matcher's answer for the need's current text, reused from the draft when still valid.
    Updates ``need.match_snapshot`` (the caller saves the need). Raises ``MatchInputError``."""
    text = matcher_text(need)
    if reuse and (routing := _reusable(need, text, now)) is not None:
        return routing
    answer = text_match(text=text, municipality=need.service.host_municipality, record=False)
    routing = Routing.from_result(answer.result)
    need.match_snapshot = {
        "fingerprint": _fingerprint(text),
        "catalogue": _catalogue_version(),
        "computed_at": now.isoformat(),
        "routing": asdict(routing),
    }
    return routing
