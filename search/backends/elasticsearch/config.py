"""Configuration of the Elasticsearch backend: one settings entry, validated up front, plus the lazy
look-ups (taxonomy, embedder) that a new index needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import mapping


@dataclass(frozen=True)
class ElasticsearchConfig:
    """One ``PORTAL_SEARCH_BACKENDS`` entry (keys lower-cased).

    :param url: cluster URL; credentials may be in it and never appear in status output.
    :param index_prefix: the environment; lower case, as index names must be.
    :param timeout: seconds per request, so a hanging cluster degrades a page instead of blocking it.
    :param chunk_size: documents per bulk request. ``max_retries`` and ``initial_backoff`` retry
        documents the cluster rejected as overloaded (HTTP 429), doubling the wait each time.
    :param number_of_shards: one suits a few thousand documents; more only splits BM25 statistics.
    :param number_of_replicas: 0 on a single node, where a replica could never be assigned.
    :param vector_dims: None asks the configured embedder when an index is created.
    :param synonyms: Solr rules; None takes them from the current taxonomy when an index is created.
    :param case_sensitive_abbreviations: likewise ("MST", "MI", "EM", ...).
    """

    url: str
    index_prefix: str = "felles"
    timeout: float = 5
    chunk_size: int = 500
    max_retries: int = 3
    initial_backoff: float = 2.0
    number_of_shards: int = 1
    number_of_replicas: int = 0
    vector_dims: int | None = None
    synonyms: Sequence[str] | None = None
    case_sensitive_abbreviations: Sequence[str] | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"URL must be the http(s) address of the cluster, not {self.url!r}")
        if not self.index_prefix or self.index_prefix != self.index_prefix.lower():
            raise ValueError("INDEX_PREFIX must be a non-empty lower-case name")
        if self.chunk_size < 1 or self.timeout <= 0 or self.max_retries < 0:
            raise ValueError("CHUNK_SIZE and TIMEOUT must be positive, MAX_RETRIES not negative")

    @property
    def alias(self) -> str:
        return f"{self.index_prefix}-offerings"

    @property
    def index_pattern(self) -> str:
        return f"{self.alias}-*"

    @property
    def safe_url(self) -> str:
        """The URL without user name and password, for logs and the status page."""
        parts = urlsplit(self.url)
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{parts.hostname}{port}"

    def new_index_name(self, now: dt.datetime | None = None) -> str:
        """A fresh concrete index name in UTC; microseconds keep two quick rebuilds apart."""
        return f"{self.alias}-{(now or dt.datetime.now(dt.UTC)):%Y%m%d%H%M%S%f}"

    def synonym_rules(self) -> list[str]:
        if self.synonyms is not None:
            return list(self.synonyms)
        from search.vocabulary import current_vocabulary, synonym_rules

        # The rules on abbreviation markers ("abbr_mst, multisystemisk terapi") go with the char filter.
        return [*synonym_rules(), *current_vocabulary().case_sensitive_synonym_rules()]

    def abbreviations(self) -> list[str]:
        if self.case_sensitive_abbreviations is not None:
            return list(self.case_sensitive_abbreviations)
        from search.vocabulary import current_vocabulary

        return [getattr(a, "abbr", a) for a in current_vocabulary().case_sensitive_abbreviations()]

    def dimension(self) -> int:
        if self.vector_dims is not None:
            return int(self.vector_dims)
        from matching.embedders import embedding_dimension

        return int(embedding_dimension())

    def index_body(self) -> dict[str, Any]:
        """``settings`` and ``mappings`` for a new index, with the taxonomy's synonyms as of now
        (editing the taxonomy reaches Elasticsearch with the next rebuild)."""
        return mapping.index_body(
            synonyms=self.synonym_rules(),
            abbreviations=self.abbreviations(),
            vector_dims=self.dimension(),
            number_of_shards=self.number_of_shards,
            number_of_replicas=self.number_of_replicas,
        )
