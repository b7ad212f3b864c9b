"""Request bodies for keyword search, kNN and suggestions, and the parsing of their responses.

Everything here is pure (no client), so the exact bodies are unit-tested without a cluster
(docs/house-style.md §10.8).

Why fuzziness gets a ``multi_match`` clause of its own instead of being switched on in the main one:
Elasticsearch does not fuzz a term that the search analyzer expanded through a synonym rule (the
terms at one position become a SynonymQuery; elastic/elasticsearch#25518, and #26940 declined to
change it), ``cross_fields``/phrase queries reject fuzziness outright, and fuzzy expansions of
synonyms would score a guess like an exact word. So the first clause is exact and synonym-aware on
the stemmed fields, and the second is fuzzy on the synonym-free ``*.folded`` sub-fields at lower
boosts: a typo or a missing "ø" still finds the offering, but ranks below an exact match — the same
two-tier weighting as the embedded backend.

A third group of clauses carries the project analyser's weighted alternatives (compound parts,
abbreviation expansions, nynorsk → bokmål) against the ``terms.*`` fields; see mapping.py for why
Elasticsearch cannot split compounds itself. Each alternative is one clause boosted by its weight, so
"rus" matches the part "rus" of "rusbruk" and never "trusler".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import Query

from ..base import FACETS, FacetCount, Hit, SearchQuery, SearchResults
from .mapping import FACET_FIELDS, INACTIVE_STATUSES, document_from_source

TEXT_FIELDS: tuple[str, ...] = (
    "title^3",
    "summary^2",
    "body",
    "theme_labels^2",
    "provider_names",
    "form_label",
)
FOLDED_FIELDS: tuple[str, ...] = (
    "title.folded^1.5",
    "summary.folded",
    "body.folded^0.5",
    "theme_labels.folded",
    "provider_names.folded^0.5",
)
# The embedded backend's column weights (title, summary, body, labels).
TERM_FIELDS: tuple[str, ...] = ("terms.title^3", "terms.summary^2", "terms.body", "terms.labels^1.5")
# AUTO: exact up to 2 characters, one edit up to 5, two beyond. The first letter is rarely wrong, and
# fixing it cuts the number of expansions sharply.
FUZZY_OPTIONS: dict[str, Any] = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 50}
# Larger than any facet's number of values (17 centres, ~40 themes, 15 counties + "national").
FACET_SIZE = 250
MAX_KNN_CANDIDATES = 10_000
SUGGEST_FIELDS: tuple[str, ...] = ("suggest", "suggest._2gram", "suggest._3gram")
# Bulky and only used for matching inside the cluster; SearchDocument.from_dict needs neither.
EXCLUDED_SOURCE: tuple[str, ...] = ("vector", "terms")
BODY_FRAGMENT_CHARS = 240
FRAGMENT_SEPARATOR = " … "
HIGHLIGHT_OPTIONS: dict[str, Any] = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",  # the text around the tags is HTML-escaped, as the embedded backend does
    # The fuzzy clause queries the .folded sub-fields; without this its matches would not be marked.
    "require_field_match": False,
}


def text_query(text: str, expansions: Mapping[str, float] | None = None) -> Query:
    """Exact-and-synonyms OR fuzzy-and-folded OR the analyser's alternatives; see the module docstring.

    :param text: the user's words; ``operator: or`` as for any free-text search (house-style §10.7).
    :param expansions: ``AnalyzedQuery.all_terms()`` of the project analyser (term → weight).
    """
    exact = Q("multi_match", query=text, type="best_fields", fields=list(TEXT_FIELDS), operator="or")
    fuzzy = Q(
        "multi_match",
        query=text,
        type="best_fields",
        fields=list(FOLDED_FIELDS),
        operator="or",
        **FUZZY_OPTIONS,
    )
    analysed = [
        Q("multi_match", query=term, fields=list(TERM_FIELDS), boost=weight)
        for term, weight in (expansions or {}).items()
    ]
    return Q("bool", should=[exact, fuzzy, *analysed], minimum_should_match=1)


def visibility(kinds: Sequence[str], include_inactive: bool = False) -> tuple[list[Query], list[Query]]:
    """``(filter, must_not)`` clauses every request carries: the kinds asked for, and cancelled or
    ended offerings hidden unless asked for."""
    must_not = [] if include_inactive else [Q("terms", status=list(INACTIVE_STATUSES))]
    return [Q("terms", kind=list(kinds))], must_not


def facet_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, Query]:
    """One ``terms`` clause per facet with values (OR within a facet). Unknown facets are ignored,
    like the embedded backend does, so a stale bookmark does not break the page."""
    return {
        facet: Q("terms", **{FACET_FIELDS[facet]: list(values)})
        for facet, values in filters.items()
        if values and facet in FACET_FIELDS
    }


def scope_filters(query: SearchQuery) -> list[Query]:
    """Region and date range. They are not facets, so they narrow the facet counts too and go in the
    main query instead of the post filter."""
    clauses = []
    if query.region:
        # National offerings are available everywhere; regional ones only to the listed counties.
        clauses.append(Q("terms", availability=["national", query.region]))
    if query.date_from or query.date_to:
        bounds = {"gte": _iso(query.date_from), "lte": _iso(query.date_to)}
        clauses.append(Q("range", session_dates={k: v for k, v in bounds.items() if v}))
    return clauses


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _all_of(clauses: Sequence[Query]) -> Query:
    return Q("bool", filter=list(clauses)) if clauses else Q("match_all")


def sort_order(query: SearchQuery) -> list[dict[str, Any]]:
    """Sort keys matching the embedded backend, with the title as the final, stable tie-break.

    Browsing without text under "relevance" has no scores to rank by, so it lists alphabetically.
    """
    by_title = {"title.sort": {"order": "asc"}}
    by_score = {"_score": {"order": "desc"}}
    by_next_date = {"next_date": {"order": "asc", "missing": "_last"}}
    has_text = bool(query.text.strip())
    if query.sort == "next_date":
        return [by_next_date, *([by_score] if has_text else []), by_title]
    if query.sort == "confirmed":
        return [{"last_confirmed": {"order": "desc", "missing": "_last"}}, by_title]
    return [by_score, by_next_date, by_title] if has_text else [by_title]


def search_request(query: SearchQuery, expansions: Mapping[str, float] | None = None) -> Search:
    """The body for one results page: query, disjunctive facets, post filter, highlights, sort, page.

    Facets are disjunctive: hits are narrowed by ``post_filter`` (all facet filters), while each
    facet's ``terms`` aggregation sits inside a ``filter`` aggregation with every facet filter except
    its own. Choosing "digital" under format therefore still shows how many "physical" there are.

    :param query: the search; ``query.filters`` keys are facet names from base.FACETS.
    :param expansions: the project analyser's alternatives for ``query.text`` (see ``text_query``).
    """
    text = query.text.strip()
    base_filter, must_not = visibility(query.kinds, query.include_inactive)
    main = Q(
        "bool",
        must=[text_query(text, expansions) if text else Q("match_all")],
        filter=[*base_filter, *scope_filters(query)],
        must_not=must_not,
    )
    search = Search().query(main)
    by_facet = facet_filters(query.filters)
    if by_facet:
        search = search.post_filter(_all_of(list(by_facet.values())))
    if query.facets:
        for facet in FACETS:
            others = [clause for name, clause in by_facet.items() if name != facet]
            search.aggs.bucket(facet, "filter", filter=_all_of(others)).bucket(
                "values", "terms", field=FACET_FIELDS[facet], size=FACET_SIZE
            )
    if query.highlight and text:
        search = search.highlight_options(**HIGHLIGHT_OPTIONS)
        search = search.highlight("title", number_of_fragments=0).highlight("summary", number_of_fragments=0)
        search = search.highlight("body", fragment_size=BODY_FRAGMENT_CHARS, number_of_fragments=1)
    search = search.sort(*sort_order(query)).source(excludes=list(EXCLUDED_SOURCE))
    return search.extra(from_=query.offset, size=query.per_page, track_total_hits=True)


def knn_request(
    vector: Sequence[float],
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    kinds: Sequence[str] = ("offering",),
    limit: int = 50,
) -> Search:
    """Top-level approximate kNN (HNSW) with the filters applied inside the graph search, so the
    ``k`` results all pass them (a post filter could leave fewer). Plain kNN needs no licence.

    :param limit: ``k``; ``num_candidates`` is at least 100 so small ``k`` keeps good recall. Both
        stay within Elasticsearch's ceiling of 10 000.
    """
    k = min(limit, MAX_KNN_CANDIDATES)
    base_filter, must_not = visibility(kinds)
    knn_filter = Q("bool", filter=[*base_filter, *facet_filters(filters or {}).values()], must_not=must_not)
    search = Search().knn(
        "vector",
        k=k,
        num_candidates=min(MAX_KNN_CANDIDATES, max(100, 2 * k)),
        query_vector=[float(x) for x in vector],
        filter=knn_filter,
    )
    return search.source(excludes=list(EXCLUDED_SOURCE)).extra(size=k)


def suggest_request(prefix: str, *, limit: int = 8) -> Search:
    """``bool_prefix`` over the ``search_as_you_type`` field and its shingles: every word typed must
    match, the last one as a prefix. Over-fetches because several hits often share one label."""
    matches = Q("multi_match", query=prefix, type="bool_prefix", fields=list(SUGGEST_FIELDS), operator="and")
    inactive = Q("terms", status=list(INACTIVE_STATUSES))
    search = Search().query(Q("bool", must=[matches], must_not=[inactive]))
    return search.source(["title", "theme_labels", "provider_names"]).extra(size=limit * 4)


def _body(response: Any) -> Mapping[str, Any]:
    """The JSON body of a client response (ObjectApiResponse) or of a plain dict in tests."""
    return getattr(response, "body", response)


def _hit(raw: Mapping[str, Any]) -> Hit:
    highlights = {
        name: FRAGMENT_SEPARATOR.join(parts) for name, parts in (raw.get("highlight") or {}).items() if parts
    }
    return Hit(
        id=raw["_id"],
        score=float(raw.get("_score") or 0.0),
        document=document_from_source(raw["_source"]),
        highlights=highlights,
    )


def parse_search(response: Any, query: SearchQuery) -> SearchResults:
    """SearchResults from a search response; facet values sorted by count, then value."""
    body = _body(response)
    aggregations = body.get("aggregations") or {}
    facets: dict[str, list[FacetCount]] = {}
    for facet in FACETS:
        if facet in aggregations:
            buckets = aggregations[facet]["values"]["buckets"]
            # Boolean fields ("free") return key 1/0 with key_as_string "true"/"false".
            counts = [FacetCount(str(b.get("key_as_string", b["key"])), int(b["doc_count"])) for b in buckets]
            facets[facet] = sorted(counts, key=lambda c: (-c.count, c.value))
    return SearchResults(
        total=int(body["hits"]["total"]["value"]),
        hits=[_hit(raw) for raw in body["hits"]["hits"]],
        facets=facets,
        query=query,
    )


def parse_knn(response: Any) -> list[Hit]:
    """Hits with ``score`` as cosine similarity: Elasticsearch reports (1 + cos) / 2 for ``cosine``,
    and the embedded backend (and the matcher's thresholds) use the cosine itself."""
    hits = [_hit(raw) for raw in _body(response)["hits"]["hits"]]
    for hit in hits:
        hit.score = 2.0 * hit.score - 1.0
    return hits


def pick_suggestions(response: Any, prefix: str, *, limit: int = 8) -> list[str]:
    """Distinct labels (title, theme labels, provider names) from the hits: those starting with the
    prefix first, then those containing a word that starts with it — the embedded backend's order.
    A hit matched through its analysed form alone contributes its title."""
    from search.analysis import fold

    wanted = fold(prefix.strip().lower())
    starts: dict[str, str] = {}
    inside: dict[str, str] = {}
    for raw in _body(response)["hits"]["hits"]:
        source = raw["_source"]
        labels = [
            source.get("title") or "",
            *(source.get("theme_labels") or []),
            *(source.get("provider_names") or []),
        ]
        matched = False
        for label in filter(None, labels):
            folded = fold(label.lower())
            if folded.startswith(wanted):
                starts.setdefault(label.lower(), label)
                matched = True
            elif f" {wanted}" in f" {folded}":
                inside.setdefault(label.lower(), label)
                matched = True
        if not matched and labels[0]:
            inside.setdefault(labels[0].lower(), labels[0])
    ordered = list(starts.values()) + [label for key, label in inside.items() if key not in starts]
    return ordered[:limit]
