"""The only door to retrieval: search, and keeping the index in step with publishing."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings

from .backends import BackendStatus, SearchQuery, SearchResults, get_search_backend
from .documents import document_id, documents_all, page_document, searchable_pages

logger = logging.getLogger(__name__)


def search_query(*, query: SearchQuery) -> SearchResults:
    """Run a catalogue search. Raises SearchUnavailable when the engine is down."""
    return get_search_backend().search(query)


def search_suggest(*, prefix: str, limit: int = 8) -> list[str]:
    return get_search_backend().suggest(prefix, limit=limit)


def page_index(*, page) -> bool:
    """(Re)index one page after publishing: refresh its embedding if the text changed, then index
    the document, or remove it if the page is no longer searchable. Returns True if indexed."""
    from matching.embeddings import page_embeddings_refresh, page_vectors

    backend = get_search_backend()
    page = page.specific
    if not page.live:
        backend.delete([document_id(page)])
        return False
    page_embeddings_refresh(pages=[page])
    document = page_document(page, vector=page_vectors([page.pk]).get(page.pk))
    if document is None:
        backend.delete([document_id(page)])
        return False
    backend.index([document])
    return True


def page_unindex(*, page) -> None:
    get_search_backend().delete([document_id(page)])


def _searchable_count() -> int:
    providers, offerings = searchable_pages()
    return len(providers) + offerings.count()


def index_rebuild(*, progress: Callable[[int], None] | None = None, embed: bool = True) -> int:
    """Recompute stale embeddings, then rebuild the whole index atomically (a new index is built
    and swapped in; searches keep working on the old one meanwhile)."""
    if embed:
        embeddings_refresh()
    return get_search_backend().rebuild(documents_all(), total=_searchable_count(), progress=progress)


def index_update(*, progress: Callable[[int], None] | None = None) -> int:
    """Upsert every searchable document in place (no swap); cheaper than a rebuild after small changes."""
    embeddings_refresh()
    backend = get_search_backend()
    count = 0
    batch = []
    for document in documents_all():
        batch.append(document)
        if len(batch) == 200:
            count += backend.index(batch)
            batch = []
            if progress:
                progress(count)
    if batch:
        count += backend.index(batch)
        if progress:
            progress(count)
    return count


def index_status() -> BackendStatus:
    status = get_search_backend().status()
    status.extra["searchable_pages"] = _searchable_count()
    return status


def embeddings_refresh(*, force: bool = False, progress: Callable[[int], None] | None = None) -> int:
    from matching.embeddings import page_embeddings_refresh

    providers, offerings = searchable_pages()
    return page_embeddings_refresh(pages=[*providers, *offerings], force=force, progress=progress)


def auto_update_enabled() -> bool:
    from .signals import indexing_paused

    return getattr(settings, "PORTAL_SEARCH_AUTO_UPDATE", True) and not indexing_paused()
