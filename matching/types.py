"""Value types of a match: what the matcher understood in a text, and what it answers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A piece of the user's text that triggered something (kept for the explanation only)."""

    start: int
    end: int
    text: str


@dataclass
class ThemeHit:
    code: str
    label: str
    score: float
    spans: list[Span] = field(default_factory=list)
    no_fit: bool = False
    semantic: float = 0.0  # similarity of the text to the theme's description (0 when lexical only)

    @property
    def words(self) -> list[str]:
        return sorted({s.text for s in self.spans}, key=str.lower)


@dataclass
class Preference:
    """A preference the text states: a format, an intensity, a target group or a level."""

    kind: str  # "format" | "intensity" | "target_group" | "level" | "form"
    value: str  # a code from the taxonomy (or "over_tid"/"kort" for intensity)
    label: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class Understanding:
    themes: list[ThemeHit]
    preferences: list[Preference]
    named_providers: dict[str, list[Span]]  # provider slug -> where it was named
    named_families: dict[str, list[Span]]
    region: str | None = None  # county number of the requester, if given

    def theme(self, code: str) -> ThemeHit | None:
        return next((t for t in self.themes if t.code == code), None)

    @property
    def fit_mass(self) -> float:
        return sum(t.score for t in self.themes if not t.no_fit)

    @property
    def no_fit_mass(self) -> float:
        return sum(t.score for t in self.themes if t.no_fit)


@dataclass
class OfferingReason:
    page_id: int
    title: str
    url: str
    score: float
    reasons: list[str]
    themes: list[str]
    form: str
    formats: list[str]
    capacity: str | None
    next_date: str | None


@dataclass
class ProviderMatch:
    slug: str
    short_name: str
    name: str
    family: str
    url: str
    score: float
    band: str  # "sterk" | "god" | "mulig"
    rank: int
    reasons: list[str]
    matched_themes: list[ThemeHit]
    offerings: list[OfferingReason]
    is_home: bool = False  # the requester's home centre in this family (information, never a boost)
    accepts_requests: bool = True
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Referral:
    slug: str
    name: str
    reason: str


@dataclass
class MatchResult:
    no_fit: bool
    no_fit_reason: str
    providers: list[ProviderMatch]  # the best matches (score band "sterk"/"god")
    others: list[ProviderMatch]  # other acceptable providers
    ranking: list[str]  # every provider slug, best first (for evaluation)
    themes: list[ThemeHit]
    preferences: list[Preference]
    referrals: list[Referral]
    home_providers: dict[str, str] = field(
        default_factory=dict
    )  # family -> slug, when a municipality is known
    method: str = "hybrid"
    scores: dict[str, float] = field(default_factory=dict)  # every provider's score (relative use only)
    bands: dict[str, str] = field(default_factory=dict)  # every provider's band: sterk | god | mulig
