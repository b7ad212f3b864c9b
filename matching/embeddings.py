"""Embedding catalogue pages: which text represents a page, and keeping stored vectors fresh.

A page's vector is recomputed only when its text (or the model) changed: the stored row carries a
hash of the text and the model name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils.html import strip_tags

import numpy as np

from .embedders import Embedder, get_embedder
from .models import PageEmbedding

# The packaged model reads ~256 word pieces; the summary and labels come first so they always count.
MAX_TEXT_CHARS = 2000


def page_embedding_text(page) -> str:
    """The text that stands for a page in vector space."""
    from katalog.models import OfferingPage, ProviderPage

    page = page.specific
    if isinstance(page, OfferingPage):
        parts = [
            page.title,
            page.summary,
            ", ".join(t.label for t in page.themes.all()),
            page.form_of_help.label if page.form_of_help_id else "",
            ", ".join(g.label for g in page.target_groups.all()),
            strip_tags(page.body or ""),
        ]
    elif isinstance(page, ProviderPage):
        provider = page.provider
        parts = [
            provider.short_name,
            provider.name,
            provider.profile,
            strip_tags(page.intro or ""),
            *provider.known_programmes,
        ]
    else:
        parts = [page.title]
    text = "\n".join(" ".join(p.split()) for p in parts if p and p.strip())
    return text[:MAX_TEXT_CHARS]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_embeddings_refresh(
    *,
    pages: Iterable,
    embedder: Embedder | None = None,
    force: bool = False,
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Compute and store vectors for ``pages`` whose text changed; returns how many were computed."""
    embedder = embedder or get_embedder()
    pages = list(pages)
    texts = {page.pk: page_embedding_text(page) for page in pages}
    stored = {
        row.page_id: row for row in PageEmbedding.objects.filter(page_id__in=texts, model_name=embedder.name)
    }
    stale = [
        pk
        for pk, text in texts.items()
        if force or pk not in stored or stored[pk].content_hash != text_hash(text)
    ]
    done = 0
    for start in range(0, len(stale), batch_size):
        batch = stale[start : start + batch_size]
        vectors = embedder.embed_documents([texts[pk] for pk in batch])
        with transaction.atomic():
            for pk, vector in zip(batch, vectors, strict=True):
                PageEmbedding.objects.update_or_create(
                    page_id=pk,
                    model_name=embedder.name,
                    defaults={
                        "content_hash": text_hash(texts[pk]),
                        "dimension": int(vector.shape[0]),
                        "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                    },
                )
        done += len(batch)
        if progress is not None:
            progress(len(batch))
    if progress is not None and len(pages) > len(stale):
        progress(len(pages) - len(stale))
    return done


def page_vectors(page_ids: Iterable[int], *, model_name: str | None = None) -> dict[int, np.ndarray]:
    """Stored vectors of the current model, by page id (pages without one are left out)."""
    model_name = model_name or get_embedder().name
    rows = PageEmbedding.objects.filter(page_id__in=list(page_ids), model_name=model_name)
    return {row.page_id: row.as_array() for row in rows}
