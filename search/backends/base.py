"""The contract every search backend fulfils, and the value types that cross it.

Callers (views, the API, the matcher) use :func:`search.backends.get_search_backend` and these types
only; they never branch on which backend runs. A backend that lacks a feature says so through
``capabilities`` and the caller decides what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

# Facets shown on /sok/ and returned by the API, in display order. Values are codes; labels are
# resolved by the caller (search/facets.py).
FACETS: tuple[str, ...] = (
    "provider",
    "family",
    "theme",
    "form",
    "format",
    "target_group",
    "level",
    "availability",
    "access_mode",
    "free",
    "credits",
    "capacity",
    "language",
)
SORTS: tuple[str, ...] = ("relevance", "next_date", "confirmed")
KINDS: tuple[str, ...] = ("offering", "provider")


class SearchUnavailable(Exception):
    """The search engine cannot be reached or answered with an error. Pages degrade; the catalogue
    pages themselves keep working."""


@dataclass
class SearchDocument:
    """What is indexed for one offering or provider page. Built in one place: search/documents.py."""

    id: str  # "offering-<page id>" or "provider-<page id>"
    kind: str  # "offering" | "provider"
    page_id: int
    url: str
    title: str
    summary: str = ""
    body: str = ""
    provider: str = ""  # slug of the owning provider
    providers: list[str] = field(default_factory=list)  # owner and co-providers
    provider_names: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    theme_labels: list[str] = field(default_factory=list)
    form: str | None = None
    form_label: str = ""
    formats: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    level: str | None = None
    national: bool = True
    regions: list[str] = field(default_factory=list)  # county numbers when not national
    access_mode: str | None = None
    capacity: str | None = None
    status: str = "active"
    free: bool = True
    credits: float | None = None
    counts_2031: str | None = None
    language: str = "nb"
    session_dates: list[dt.date] = field(default_factory=list)  # starts of sessions not cancelled
    next_date: dt.date | None = None
    last_confirmed: dt.date | None = None
    stale: bool = False
    vector: list[float] | None = None

    @property
    def availability(self) -> list[str]:
        return ["national"] if self.national else list(self.regions)

    def facet_values(self, facet: str) -> list[str]:
        """The values of ``facet`` this document carries (multi-valued facets give several)."""
        values: Any = {
            "provider": self.providers,
            "family": self.families,
            "theme": self.themes,
            "form": [self.form] if self.form else [],
            "format": self.formats,
            "target_group": self.target_groups,
            "level": [self.level] if self.level else [],
            "availability": self.availability,
            "access_mode": [self.access_mode] if self.access_mode else [],
            "free": ["true"] if self.free else ["false"],
            "credits": ["true"] if self.credits else ["false"],
            "capacity": [self.capacity] if self.capacity else [],
            "language": [self.language],
        }[facet]
        return list(values)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["session_dates"] = [d.isoformat() for d in self.session_dates]
        for key in ("next_date", "last_confirmed"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchDocument:
        data = dict(data)
        data["session_dates"] = [dt.date.fromisoformat(d) for d in data.get("session_dates") or []]
        for key in ("next_date", "last_confirmed"):
            data[key] = dt.date.fromisoformat(data[key]) if data.get(key) else None
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class SearchQuery:
    """A search. ``filters`` maps a facet to accepted values: OR within a facet, AND across facets.

    ``region`` (a county number) keeps offerings available to that county: national ones and those
    offered to the region. ``date_from``/``date_to`` keep offerings with a session in the range.
    """

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    region: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kinds: tuple[str, ...] = ("offering",)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True
    highlight: bool = True
    include_inactive: bool = False  # cancelled/ended offerings are hidden unless asked for

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class Hit:
    id: str
    score: float
    document: SearchDocument
    highlights: dict[str, str] = field(default_factory=dict)  # field -> HTML-escaped text with <mark>


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    query: SearchQuery | None = None

    @property
    def pages(self) -> int:
        per_page = self.query.per_page if self.query else 20
        return max(1, -(-self.total // per_page))


@dataclass
class BackendStatus:
    backend: str
    healthy: bool
    documents: int = 0
    location: str = ""  # file path, or alias -> index name
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# Receives the number of documents done so far (cumulative), for progress bars.
ProgressCallback = Callable[[int], None]


@runtime_checkable
class SearchBackend(Protocol):
    """What every backend offers. Keep it small: this is the only door to retrieval."""

    name: str
    capabilities: frozenset[str]  # subset of {"keyword", "facets", "highlight", "vector", "suggest", "fuzzy"}

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents; visible to searches when the call returns."""

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Keyword search (BM25) with filters, facet counts, highlighting, sorting and paging."""

    def similar(
        self,
        vector: Sequence[float],
        *,
        filters: dict[str, list[str]] | None = None,
        kinds: tuple[str, ...] = ("offering",),
        limit: int = 50,
    ) -> list[Hit]:
        """Nearest documents by cosine similarity to ``vector`` (normalised)."""

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        """Completions for the search box: offering titles, theme labels and provider names."""

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Replace the whole index atomically with ``documents``; returns how many were indexed."""

    def status(self) -> BackendStatus: ...

    def clear(self) -> None:
        """Remove every document (tests and rebuilds)."""
