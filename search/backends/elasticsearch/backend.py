"""The Elasticsearch backend: the scale path when one machine's embedded index is not enough.

Searches and incremental writes go through the alias ``{prefix}-offerings``; the data lives in
timestamped indices ``{prefix}-offerings-{UTC %Y%m%d%H%M%S%f}``. A rebuild fills a fresh index and
swaps the alias in one atomic ``update_aliases`` call, so readers never see a half-built index and a
failed rebuild leaves the live one untouched (docs/house-style.md §5).

Nothing talks to the cluster until the first call: CI constructs every configured backend, and pages
must render while Elasticsearch is down. Every client error surfaces as
:class:`~search.backends.base.SearchUnavailable`, which pages turn into a clear message.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from ..base import (
    FACETS,
    BackendStatus,
    Hit,
    ProgressCallback,
    SearchDocument,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
)
from . import mapping, queries
from .config import ElasticsearchConfig

logger = logging.getLogger(__name__)

UNAVAILABLE_MESSAGE = "Søket er midlertidig utilgjengelig. Prøv igjen om litt."
CLIENT_ERRORS: tuple[type[Exception], ...] = (TransportError, ApiError, BulkIndexError)


def _body(response: Any) -> Any:
    return getattr(response, "body", response)


class ElasticsearchBackend:
    """See the module docstring. The client and the project analyser are injectable, and the
    taxonomy and embedder look-ups can be replaced by explicit values (see ElasticsearchConfig), so
    tests need neither a cluster, a database nor a model."""

    name = "elasticsearch"
    capabilities = frozenset({"keyword", "facets", "highlight", "vector", "suggest", "fuzzy"})

    def __init__(
        self,
        config: ElasticsearchConfig,
        *,
        client: Elasticsearch | None = None,
        analyzer_factory: Callable[[], Any] | None = None,
    ):
        """
        :param client: None creates one on first use, with ``config.timeout`` per request.
        :param analyzer_factory: returns the project's ``search.analysis.Analyzer``; None uses the one
            built from the current (editable) taxonomy, like the embedded backend.
        """
        self.config = config
        self._client = client
        self._analyzer_factory = analyzer_factory

    @classmethod
    def from_params(
        cls,
        url: str,
        *,
        client: Elasticsearch | None = None,
        analyzer_factory: Callable[[], Any] | None = None,
        **options: Any,
    ) -> ElasticsearchBackend:
        """Build from a settings entry: ``index_prefix``, ``timeout``, ``chunk_size``, ``max_retries``,
        ``number_of_shards``, ``number_of_replicas``, ``vector_dims``, ``synonyms`` and the rest of
        ElasticsearchConfig. Unknown keys raise TypeError and bad values ValueError, which the loader
        reports as ImproperlyConfigured."""
        return cls(ElasticsearchConfig(url, **options), client=client, analyzer_factory=analyzer_factory)

    def __repr__(self) -> str:
        return f"<ElasticsearchBackend {self.config.safe_url} alias={self.alias}>"

    @property
    def client(self) -> Elasticsearch:
        """Created on first use (constructing it does no I/O either, but keeps startup lean)."""
        if self._client is None:
            self._client = Elasticsearch(self.config.url, request_timeout=self.config.timeout)
        return self._client

    @property
    def alias(self) -> str:
        return self.config.alias

    @property
    def analyzer(self) -> Any:
        if self._analyzer_factory is not None:
            return self._analyzer_factory()
        from search.vocabulary import current_analyzer

        return current_analyzer()

    def new_index_name(self) -> str:
        return self.config.new_index_name()

    # -- plumbing ----------------------------------------------------------------------------
    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn any client error into SearchUnavailable (the message is for users; the log has why)."""
        try:
            yield
        except CLIENT_ERRORS as exc:
            logger.warning("Elasticsearch %s failed at %s: %s", action, self.config.safe_url, exc)
            raise SearchUnavailable(UNAVAILABLE_MESSAGE) from exc

    def _alias_targets(self) -> list[str]:
        """The concrete indices behind the alias; empty before the first index exists."""
        try:
            return sorted(_body(self.client.indices.get_alias(name=self.alias)))
        except NotFoundError:
            return []

    def _ensure_alias(self) -> None:
        """Create a first index behind the alias when there is none, so incremental indexing works on
        a fresh cluster. Writes also pass ``require_alias``: a bulk to a missing alias would otherwise
        auto-create a concrete index by that name and block the alias for good."""
        if not self._alias_targets():
            self.client.indices.create(
                index=self.new_index_name(), aliases={self.alias: {}}, **self.config.index_body()
            )

    def _bulk(
        self,
        actions: Iterable[dict[str, Any]],
        *,
        counted: Callable[[Mapping[str, Any]], bool] = lambda item: True,
        ignore: tuple[int, ...] = (),
        progress: ProgressCallback | None = None,
        **options: Any,
    ) -> int:
        """Stream ``actions`` in chunks, call ``progress(done)`` after each chunk, return how many
        results were ``counted``, and stop at the first refused document.

        ``raise_on_error=False`` is deliberate: with True the helper raises on the first per-document
        429 before its own retry loop sees it, so ``max_retries`` would never apply
        (elastic/elasticsearch-py#864). Documents that still fail after the retries are raised here.

        :param ignore: per-document statuses that are not failures (404 for deleting unknown ids).
        """
        done = count = 0
        results = streaming_bulk(
            self.client,
            actions,
            chunk_size=self.config.chunk_size,
            max_retries=self.config.max_retries,
            initial_backoff=self.config.initial_backoff,
            raise_on_error=False,
            **options,
        )
        for ok, item in results:
            op, info = next(iter(item.items()))
            if not ok and info.get("status") not in ignore:
                reason = f"{op} of {info.get('_id')} refused ({info.get('status')}): {info.get('error')}"
                raise BulkIndexError(reason, [item])
            done += 1
            count += counted(item)
            if progress is not None and done % self.config.chunk_size == 0:
                progress(done)
        if progress is not None and done % self.config.chunk_size:
            progress(done)
        return count

    def _drop(self, indices: Sequence[str], why: str) -> None:
        """Best-effort delete: a leftover index wastes space but must not mask the real outcome."""
        if not indices:
            return
        try:
            self.client.indices.delete(index=list(indices), ignore_unavailable=True)
        except CLIENT_ERRORS as exc:
            logger.warning(
                "Could not delete %s (%s) at %s: %s", ", ".join(indices), why, self.config.safe_url, exc
            )

    # -- writing -----------------------------------------------------------------------------
    def index(self, documents: Iterable[SearchDocument]) -> int:
        batch = list(documents)
        if not batch:
            return 0
        with self._guard("index"):
            self._ensure_alias()
            actions = mapping.bulk_actions(batch, self.alias, index_terms=self.analyzer.index_terms)
            return self._bulk(actions, refresh="wait_for", require_alias=True)

    def delete(self, ids: Iterable[str]) -> int:
        unique = list(dict.fromkeys(ids))
        if not unique:
            return 0
        with self._guard("delete"):
            if not self._alias_targets():
                return 0
            return self._bulk(
                mapping.delete_actions(unique, self.alias),
                counted=lambda item: item.get("delete", {}).get("result") == "deleted",
                ignore=(404,),  # unknown ids are not an error
                refresh="wait_for",
                require_alias=True,
            )

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Create a new index, bulk-load it, refresh, then swap the alias atomically and delete the
        indices it pointed to. On any failure (including an error while ``documents`` are produced)
        the new index is deleted and the alias is not touched.

        :param total: accepted for the protocol (callers size their progress bar with it).
        :param progress: called with the running count as each bulk chunk completes.
        """
        # Taxonomy, embedder and analyser first: their errors must not leave an index behind.
        body = self.config.index_body()
        index_terms = self.analyzer.index_terms
        new = self.new_index_name()
        with self._guard("rebuild"):
            old = self._alias_targets()
            self.client.indices.create(index=new, **body)
            try:
                actions = mapping.bulk_actions(documents, new, index_terms=index_terms)
                count = self._bulk(actions, progress=progress)
                self.client.indices.refresh(index=new)
                removals = [{"remove": {"index": index, "alias": self.alias}} for index in old]
                self.client.indices.update_aliases(
                    actions=[*removals, {"add": {"index": new, "alias": self.alias}}]
                )
            except BaseException:
                self._drop([new], "failed rebuild")
                raise
            self._drop(old, "replaced by rebuild")
        logger.info("Rebuilt %s -> %s with %d documents (expected %s)", self.alias, new, count, total)
        return count

    def clear(self) -> None:
        """Delete every ``{prefix}-offerings-*`` index, and with them the alias. Names are listed first
        because deleting by wildcard is refused by default (action.destructive_requires_name)."""
        with self._guard("clear"):
            try:
                indices = sorted(_body(self.client.indices.get_alias(index=self.config.index_pattern)))
            except NotFoundError:
                indices = []
            if indices:
                self.client.indices.delete(index=indices)

    # -- reading -----------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        text = query.text.strip()
        expansions = self.analyzer.query(text).all_terms() if text else None
        body = queries.search_request(query, expansions).to_dict()
        with self._guard("search"):
            try:
                response = self.client.search(index=self.alias, body=body)
            except NotFoundError:  # never indexed: an empty catalogue, and status() says why
                return SearchResults(
                    total=0, hits=[], facets={f: [] for f in FACETS} if query.facets else {}, query=query
                )
        return queries.parse_search(response, query)

    def similar(
        self,
        vector: Sequence[float],
        *,
        filters: dict[str, list[str]] | None = None,
        kinds: tuple[str, ...] = ("offering",),
        limit: int = 50,
    ) -> list[Hit]:
        # Cosine is undefined for a zero vector (Elasticsearch rejects it); nothing is similar to it.
        if limit < 1 or not math.fsum(float(x) * float(x) for x in vector):
            return []
        body = queries.knn_request(vector, filters=filters, kinds=kinds, limit=limit).to_dict()
        with self._guard("similar"):
            try:
                response = self.client.search(index=self.alias, body=body)
            except NotFoundError:
                return []
        return queries.parse_knn(response)

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        prefix = prefix.strip()
        if len(prefix) < 2 or limit < 1:
            return []
        body = queries.suggest_request(prefix, limit=limit).to_dict()
        with self._guard("suggest"):
            try:
                response = self.client.search(index=self.alias, body=body)
            except NotFoundError:
                return []
        return queries.pick_suggestions(response, prefix, limit=limit)

    def status(self) -> BackendStatus:
        """Alias → index, document count and cluster health. Healthy means the cluster answers and is
        not red, as for the embedded backend an empty index is healthy; the detail (in Norwegian, for
        the admin page) says when nothing has been indexed yet."""
        extra: dict[str, Any] = {"url": self.config.safe_url}
        try:
            health = _body(self.client.cluster.health())
            targets = self._alias_targets()
            documents = int(_body(self.client.count(index=self.alias))["count"]) if targets else 0
        except CLIENT_ERRORS as exc:
            detail = f"Elasticsearch på {self.config.safe_url} svarer ikke ({exc.__class__.__name__})."
            return BackendStatus(self.name, healthy=False, location=self.alias, detail=detail, extra=extra)
        cluster_status = str(health.get("status", "ukjent"))
        extra.update(cluster=health.get("cluster_name", ""), cluster_status=cluster_status, indices=targets)
        if targets:
            location, detail = f"{self.alias} -> {', '.join(targets)}", f"Klyngestatus: {cluster_status}"
        else:
            location = self.alias
            detail = (
                f"Klyngestatus: {cluster_status}. Søkeindeksen finnes ikke ennå; kjør en full reindeksering."
            )
        healthy = cluster_status in ("green", "yellow")
        return BackendStatus(self.name, healthy, documents, location, detail, extra)
