"""Indexing follows Wagtail's publishing: publish → index, unpublish/delete → remove, move → reindex.

Handlers run after the transaction commits, so a rolled-back publish never reaches the index, and an
unreachable search engine never fails a page save (it is logged; the next rebuild repairs it).
"""

from __future__ import annotations

import contextlib
import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)
_paused = threading.local()


@contextlib.contextmanager
def pause_indexing():
    """Skip per-page indexing (bulk loads end with one rebuild instead)."""
    previous = getattr(_paused, "value", False)
    _paused.value = True
    try:
        yield
    finally:
        _paused.value = previous


def indexing_paused() -> bool:
    return getattr(_paused, "value", False)


def _is_searchable_type(page) -> bool:
    from katalog.models import OfferingPage, ProviderPage

    return isinstance(page.specific, OfferingPage | ProviderPage)


def _after_commit(action, page_id: int) -> None:
    from .services import auto_update_enabled

    if not auto_update_enabled():
        return

    def run():
        from wagtail.models import Page

        from .backends import SearchUnavailable

        try:
            page = Page.objects.filter(pk=page_id).first()
            action(page, page_id)
        except SearchUnavailable:
            logger.warning("Search index not updated for page %s: the search engine is unavailable", page_id)

    transaction.on_commit(run)


def _index(page, page_id):
    from .services import page_index

    if page is not None:
        page_index(page=page)


def _remove(page, page_id):
    from .backends import get_search_backend
    from .documents import OFFERING_PREFIX, PROVIDER_PREFIX

    get_search_backend().delete([f"{OFFERING_PREFIX}{page_id}", f"{PROVIDER_PREFIX}{page_id}"])


def on_published(sender, instance, **kwargs):
    if _is_searchable_type(instance):
        _after_commit(_index, instance.pk)


def on_unpublished(sender, instance, **kwargs):
    if _is_searchable_type(instance):
        _after_commit(_remove, instance.pk)


def on_moved(sender, instance, **kwargs):
    """A moved offering changes URL and perhaps provider; a moved subtree changes every URL in it."""
    from katalog.models import OfferingPage

    pages = (
        [instance]
        if isinstance(instance.specific, OfferingPage)
        else list(instance.get_descendants(inclusive=True))
    )
    for page in pages:
        if _is_searchable_type(page):
            _after_commit(_index, page.pk)


def on_deleted(sender, instance, **kwargs):
    _after_commit(_remove, instance.pk)


def connect() -> None:
    from katalog.models import OfferingPage, ProviderPage

    page_published.connect(on_published, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    for model in (OfferingPage, ProviderPage):
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search-deleted-{model.__name__}")
