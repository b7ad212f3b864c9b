"""Elasticsearch backend: ``search.backends.elasticsearch.ElasticsearchBackend``.

``config`` validates the settings entry, ``mapping`` holds the index settings, mapping and document
conversion, ``queries`` the request bodies and response parsing (all pure and unit-tested without a
cluster), and ``backend`` makes the client calls.
"""

from .backend import UNAVAILABLE_MESSAGE, ElasticsearchBackend
from .config import ElasticsearchConfig
from .mapping import (
    FACET_FIELDS,
    bulk_actions,
    delete_actions,
    document_from_source,
    document_source,
    index_body,
)
from .queries import knn_request, search_request, suggest_request

__all__ = [
    "FACET_FIELDS",
    "UNAVAILABLE_MESSAGE",
    "ElasticsearchBackend",
    "ElasticsearchConfig",
    "bulk_actions",
    "delete_actions",
    "document_from_source",
    "document_source",
    "index_body",
    "knn_request",
    "search_request",
    "suggest_request",
]
