"""/sok/: the catalogue search page. Everything is in GET parameters, so every search can be shared.

The view validates with :class:`search.forms.SearchForm`, calls :func:`search.services.search_query`
and renders. When the search engine is down it answers 503 with a Norwegian page; the catalogue pages
(/sentre/, /tema/) do not depend on it and keep working.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from .backends import SearchQuery, SearchResults, SearchUnavailable
from .facets import FACET_TITLES, document_labels, facet_groups, facet_labels, related_themes
from .forms import SearchForm
from .services import search_query

logger = logging.getLogger(__name__)
NEED_URL = "/beskriv-behovet/"
UNAVAILABLE_RETRY_SECONDS = 60


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.search_query()
    try:
        results, notice = _search_within_range(query)
    except SearchUnavailable:
        logger.warning("Search engine unavailable for /sok/", exc_info=True)
        response = render(request, "search/unavailable.html", {"form": form}, status=503)
        response["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
        return response
    return render(request, "search/search_page.html", _context(request, form, query, results, notice))


def _search_within_range(query: SearchQuery) -> tuple[SearchResults, str]:
    """Search; a page past the last one shows the last page, with a notice saying so."""
    results = search_query(query=query)
    if query.page <= results.pages:
        return results, ""
    asked, query.page = query.page, results.pages
    pages = f"{results.pages} {'side' if results.pages == 1 else 'sider'}"
    return search_query(query=query), f"Side {asked} finnes ikke. Søket har {pages}, så vi viser den siste."


def _context(request, form: SearchForm, query: SearchQuery, results: SearchResults, notice: str) -> dict:
    labels = facet_labels()
    params = _params_without(request.GET, "page")
    first = query.offset + 1 if results.total else 0
    context = {
        "form": form,
        "query": query,
        "results": results,
        "hits": [{"hit": hit, **document_labels(hit.document, labels)} for hit in results.hits],
        "facet_groups": facet_groups(results.facets, query.filters),
        "active_filters": _active_filters(request.GET, query, labels),
        "errors": form.error_messages_list(),
        "notice": notice,
        "shown_from": first,
        "shown_to": query.offset + len(results.hits),
        "pagination": _pagination(params, query.page, results.pages),
        "filters_used": bool(query.filters or query.region or query.date_from or query.date_to),
        "clear_filters_url": "?" + urlencode({"q": query.text}) if query.text else request.path,
        "need_url": f"{NEED_URL}?{urlencode({'tekst': query.text})}" if query.text else NEED_URL,
    }
    if not results.total and query.text:
        context["related_themes"] = related_themes(query.text, exclude=query.filters.get("theme", []))
    return context


def _params_without(params: QueryDict, key: str, value: str | None = None) -> QueryDict:
    """A copy of ``params`` without ``key`` (or without just one of its values)."""
    copy = params.copy()
    if value is None:
        copy.pop(key, None)
    else:
        copy.setlist(key, [v for v in copy.getlist(key) if v != value])
    copy.pop("page", None)  # a changed search starts on its first page
    return copy


def _active_filters(params: QueryDict, query: SearchQuery, labels: dict) -> list[dict[str, str]]:
    """The filters in use, each with a link that removes it."""
    active = []
    for facet, values in query.filters.items():
        for value in values:
            label = f"{FACET_TITLES[facet]}: {labels[facet].get(value, value)}"
            active.append({"label": label, "url": "?" + _params_without(params, facet, value).urlencode()})
    if query.region:
        name = labels["availability"].get(query.region, query.region)
        active.append({"label": f"Fylke: {name}", "url": "?" + _params_without(params, "region").urlencode()})
    for key, title, value in (("date_from", "Fra", query.date_from), ("date_to", "Til", query.date_to)):
        if value:
            label = f"{title} {value:%d.%m.%Y}"
            active.append({"label": label, "url": "?" + _params_without(params, key).urlencode()})
    return active


def _pagination(params: QueryDict, page: int, pages: int, around: int = 2) -> dict | None:
    """Previous/next links and numbered links: the first, the last, and ``around`` pages either side
    of the current one, with gaps between."""
    if pages <= 1:
        return None

    def url(number: int) -> str:
        copy = params.copy()
        copy["page"] = str(number)
        return "?" + copy.urlencode()

    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    links, previous = [], 0
    for number in shown:
        if number - previous > 1:
            links.append({"gap": True})
        links.append({"number": number, "url": url(number), "current": number == page})
        previous = number
    return {
        "links": links,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < pages else None,
    }
