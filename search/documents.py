"""Search documents are built here, and only here, from published offering and provider pages."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.html import strip_tags

from .backends.base import SearchDocument

OFFERING_PREFIX, PROVIDER_PREFIX = "offering-", "provider-"


def document_id(page) -> str:
    from katalog.models import ProviderPage

    prefix = PROVIDER_PREFIX if isinstance(page.specific, ProviderPage) else OFFERING_PREFIX
    return f"{prefix}{page.pk}"


def _plain(html_text: str) -> str:
    return " ".join(strip_tags(html_text or "").split())


def offering_document(page, *, vector=None, today=None) -> SearchDocument:
    from katalog.choices import SessionStatus

    today = today or timezone.localdate()
    provider = page.provider
    partners = list(page.co_providers.all())
    providers = [p for p in [provider, *partners] if p is not None]
    sessions = [s for s in page.sessions.all() if s.status != SessionStatus.CANCELLED]
    upcoming = sorted(s.start for s in sessions if (s.end or s.start) >= today)
    return SearchDocument(
        id=f"{OFFERING_PREFIX}{page.pk}",
        kind="offering",
        page_id=page.pk,
        url=page.url or "",
        title=page.title,
        summary=page.summary,
        body=_plain(page.body),
        provider=provider.slug if provider else "",
        providers=[p.slug for p in providers],
        provider_names=[p.short_name for p in providers],
        families=sorted({p.family for p in providers}),
        themes=[t.code for t in page.themes.all()],
        theme_labels=[t.label for t in page.themes.all()],
        form=page.form_of_help.code if page.form_of_help_id else None,
        form_label=page.form_of_help.label if page.form_of_help_id else "",
        formats=[f.code for f in page.formats.all()],
        target_groups=[g.code for g in page.target_groups.all()],
        level=page.level,
        national=page.national,
        regions=[] if page.national else [c.number for c in page.regions.all()],
        access_mode=page.access_mode,
        capacity=page.capacity,
        status=page.status,
        free=page.is_free,
        credits=float(page.credits) if page.credits else None,
        counts_2031=page.counts_toward_2031,
        language=page.language,
        session_dates=sorted(s.start for s in sessions),
        next_date=upcoming[0] if upcoming else None,
        last_confirmed=page.last_confirmed,
        stale=page.is_stale,
        vector=[float(x) for x in vector] if vector is not None else None,
    )


def provider_document(page, *, vector=None) -> SearchDocument:
    provider = page.provider
    return SearchDocument(
        id=f"{PROVIDER_PREFIX}{page.pk}",
        kind="provider",
        page_id=page.pk,
        url=page.url or "",
        title=provider.name,
        summary=provider.profile,
        body=" ".join([_plain(page.intro), _plain(page.priorities), *provider.known_programmes]),
        provider=provider.slug,
        providers=[provider.slug],
        provider_names=[provider.short_name],
        families=[provider.family],
        themes=list(provider.profile_themes),
        national=provider.national,
        regions=[] if provider.national else [c.number for c in provider.catchment.all()],
        vector=[float(x) for x in vector] if vector is not None else None,
    )


def page_document(page, *, vector=None) -> SearchDocument | None:
    """The document for a live page, or None when the page is not searchable."""
    from katalog.models import OfferingPage, ProviderPage

    page = page.specific
    if not page.live or page.get_view_restrictions().exists():
        return None
    if isinstance(page, OfferingPage):
        return offering_document(page, vector=vector)
    if isinstance(page, ProviderPage):
        return provider_document(page, vector=vector)
    return None


def searchable_pages():
    """Every live, public offering and provider page, with what documents need prefetched."""
    from katalog.models import ProviderPage
    from katalog.selectors import offering_queryset

    offerings = offering_queryset()
    providers = (
        ProviderPage.objects.live()
        .public()
        .select_related("provider")
        .prefetch_related("provider__catchment")
    )
    return list(providers), offerings


def documents_all() -> Iterator[SearchDocument]:
    """All documents, with stored vectors of the current embedding model."""
    from matching.embeddings import page_vectors

    providers, offerings = searchable_pages()
    provider_vectors = page_vectors(p.pk for p in providers)
    for page in providers:
        yield provider_document(page, vector=provider_vectors.get(page.pk))
    offering_list = list(offerings)
    # Resolve each offering's provider page from the tree path once, instead of a query per page.
    by_path = {p.path: p for p in providers}
    for page in offering_list:
        parent = by_path.get(page.path[: -page.steplen])
        if parent is not None:
            page.__dict__["provider_page"] = parent
    vectors = page_vectors(p.pk for p in offering_list)
    for page in offering_list:
        yield offering_document(page, vector=vectors.get(page.pk))
