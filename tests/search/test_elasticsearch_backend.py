"""The Elasticsearch backend without a cluster: index settings and mapping, exact request bodies,
bulk actions, the alias swap, and error handling, through a real client whose HTTP transport is
replaced by a recording fake. ``TestLiveCluster`` repeats the behaviours against a real cluster when
ELASTICSEARCH_URL is set (skipped locally, a failure in CI when CI_REQUIRE_ELASTICSEARCH=1)."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import types
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl

from django.core.exceptions import ImproperlyConfigured

import pytest
from elastic_transport import (
    ApiResponseMeta,
    ConnectionError,
    ConnectionTimeout,
    HttpHeaders,
    NodeConfig,
    TransportApiResponse,
)
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Search

from search.backends import FACETS, SearchDocument, SearchQuery, SearchUnavailable, backend_from_config
from search.backends.elasticsearch import (
    UNAVAILABLE_MESSAGE,
    ElasticsearchBackend,
    bulk_actions,
    delete_actions,
    document_from_source,
    document_source,
    index_body,
    knn_request,
    search_request,
    suggest_request,
)
from search.backends.elasticsearch.mapping import abbreviation_char_filter, analysed_terms
from search.backends.elasticsearch.queries import parse_knn, parse_search, pick_suggestions

ALIAS = "felles-offerings"
OLD_INDEX = "felles-offerings-20260101000000000000"
NEW_INDEX = "felles-offerings-20270102030405000006"
SYNONYMS = [
    "abbr_mst, multisystemisk terapi",
    "foreldrerettleiing => foreldreveiledning",
    "rettleiing, veiledning",
]
ABBREVIATIONS = ["MST", "EM", "EMD", "MI"]
# Facet → field, written out here (not imported) so a changed mapping has to change this test too.
FACET_FIELD = {
    "provider": "providers",
    "family": "families",
    "theme": "themes",
    "form": "form",
    "format": "formats",
    "target_group": "target_groups",
    "level": "level",
    "availability": "availability",
    "access_mode": "access_mode",
    "free": "free",
    "credits": "has_credits",
    "capacity": "capacity",
    "language": "language",
}
TEXT_FIELDS = ["title^3", "summary^2", "body", "theme_labels^2", "provider_names", "form_label"]
FOLDED_FIELDS = [
    "title.folded^1.5",
    "summary.folded",
    "body.folded^0.5",
    "theme_labels.folded",
    "provider_names.folded^0.5",
]
TERM_FIELDS = ["terms.title^3", "terms.summary^2", "terms.body", "terms.labels^1.5"]
VISIBLE = {"terms": {"status": ["cancelled", "ended"]}}
OFFERINGS = {"terms": {"kind": ["offering"]}}
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
    "require_field_match": False,
    "fields": {
        "title": {"number_of_fragments": 0},
        "summary": {"number_of_fragments": 0},
        "body": {"fragment_size": 240, "number_of_fragments": 1},
    },
}
BY_SCORE = {"_score": {"order": "desc"}}
BY_NEXT_DATE = {"next_date": {"order": "asc", "missing": "_last"}}
BY_TITLE = {"title.sort": {"order": "asc"}}


def doc(n: int, title: str, summary: str = "", **fields: Any) -> SearchDocument:
    values: dict[str, Any] = {
        "kind": "offering",
        "page_id": n,
        "url": f"/tilbud/{n}/",
        "provider": "rkbu-nord",
        "providers": ["rkbu-nord"],
        "provider_names": ["RKBU Nord"],
        "families": ["rkbu-rbup"],
        "themes": ["T01"],
        "theme_labels": ["Ledelse og lederstøtte"],
        "form": "KURS",
        "formats": ["fysisk"],
    }
    values.update(fields)
    return SearchDocument(id=f"offering-{n}", title=title, summary=summary, **values)


def facet_aggs(others: dict[str, list[dict]] | None = None) -> dict[str, Any]:
    """The expected aggregations: ``others[facet]`` are the filter clauses of the other facets."""
    aggs = {}
    for facet, field in FACET_FIELD.items():
        clauses = (others or {}).get(facet, [])
        wrapper = {"bool": {"filter": clauses}} if clauses else {"match_all": {}}
        aggs[facet] = {"filter": wrapper, "aggs": {"values": {"terms": {"field": field, "size": 250}}}}
    return aggs


class StubAnalyzer:
    """Stands in for search.analysis.Analyzer where its output is not the point of the test."""

    def __init__(self, expansions: dict[str, float] | None = None):
        self.expansions = expansions or {}

    def index_terms(self, text: str) -> list[str]:
        return text.lower().split()

    def query(self, text: str) -> Any:
        return types.SimpleNamespace(all_terms=lambda: dict(self.expansions))


# -- a recording stand-in for the cluster's HTTP interface --------------------------------------
@dataclass
class Call:
    method: str
    path: str
    params: dict[str, str]
    body: Any

    @property
    def route(self) -> tuple[str, str]:
        return (self.method, self.path)


Answer = tuple[int, Any]


class FakeCluster:
    """Replaces ``client.transport.perform_request``: the real client builds every request (so
    argument names and paths are checked), this records it and answers from ``routes``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.routes: dict[tuple[str, str], Answer | Callable[[Call], Answer] | Exception] = {}
        self.bulk_item: Callable[[str, dict, int], tuple[int, dict]] = self.accept
        self.bulk_requests = 0

    @staticmethod
    def accept(op: str, meta: dict, attempt: int) -> tuple[int, dict]:
        if op == "delete":
            return 200, {"result": "deleted"}
        return 201, {"result": "created"}

    def perform_request(
        self, method: str, target: str, *, body: Any = None, **options: Any
    ) -> TransportApiResponse:
        path, _, query = target.partition("?")
        if path == "/_bulk":
            body = [json.loads(line) for line in body]
        call = Call(method, path, dict(parse_qsl(query)), body)
        self.calls.append(call)
        self.last_options = options
        answer = self.routes.get(call.route)
        if isinstance(answer, Exception):
            raise answer
        if answer is None and path == "/_bulk":
            answer = self._bulk(call)
        if answer is None:
            raise AssertionError(f"unexpected request {method} {target}")
        status, payload = answer(call) if callable(answer) else answer
        headers = HttpHeaders({"x-elastic-product": "Elasticsearch", "content-type": "application/json"})
        meta = ApiResponseMeta(status, "1.1", headers, 0.0, NodeConfig("http", "localhost", 9200))
        return TransportApiResponse(meta, payload)

    def _bulk(self, call: Call) -> Answer:
        """Answer every action with ``bulk_item(op, meta, n)``, n counting bulk requests from 1."""
        self.bulk_requests += 1
        items, errors, lines = [], False, iter(call.body)
        for action in lines:
            op, meta = next(iter(action.items()))
            if op != "delete":
                next(lines)  # the source line
            status, extra = self.bulk_item(op, meta, self.bulk_requests)
            errors = errors or status >= 300
            items.append(
                {op: {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": status, **extra}}
            )
        return 200, {"took": 1, "errors": errors, "items": items}

    def routes_called(self) -> list[tuple[str, str]]:
        return [call.route for call in self.calls]

    def calls_to(self, method: str, path: str) -> list[Call]:
        return [call for call in self.calls if call.route == (method, path)]


def not_found(what: str) -> Answer:
    return 404, {
        "error": {"type": "index_not_found_exception", "reason": f"no such index [{what}]"},
        "status": 404,
    }


@pytest.fixture
def cluster() -> FakeCluster:
    return FakeCluster()


def make_backend(cluster: FakeCluster, analyzer: Any = None, **options: Any) -> ElasticsearchBackend:
    client = Elasticsearch("http://localhost:9200")
    client.transport.perform_request = cluster.perform_request  # type: ignore[method-assign]
    params = {
        "vector_dims": 4,
        "synonyms": SYNONYMS,
        "case_sensitive_abbreviations": ABBREVIATIONS,
        "initial_backoff": 0,
        **options,
    }
    backend = ElasticsearchBackend.from_params(
        url="http://localhost:9200",
        client=client,
        analyzer_factory=lambda: analyzer or StubAnalyzer(),
        **params,
    )
    backend.new_index_name = lambda: NEW_INDEX  # type: ignore[method-assign]
    return backend


@pytest.fixture
def backend(cluster: FakeCluster) -> ElasticsearchBackend:
    return make_backend(cluster)


@pytest.fixture(scope="module")
def analyzer():
    from search.analysis import Analyzer, Vocabulary
    from search.vocabulary import TAXONOMY_YAML

    return Analyzer(Vocabulary.from_yaml(TAXONOMY_YAML))


def expected_body(**overrides: Any) -> dict[str, Any]:
    return index_body(synonyms=SYNONYMS, abbreviations=ABBREVIATIONS, vector_dims=4, **overrides)


# -- index settings and mapping ----------------------------------------------------------------
class TestIndexBody:
    def test_indexing_analyzer_is_the_norwegian_chain_plus_the_abbreviation_filter(self):
        analysis = expected_body()["settings"]["analysis"]
        assert analysis["analyzer"]["nb_index"] == {
            "type": "custom",
            "char_filter": ["nb_abbreviations"],
            "tokenizer": "standard",
            "filter": ["lowercase", "nb_stop", "nb_keep_abbreviations", "nb_stemmer"],
        }
        assert analysis["filter"]["nb_stop"] == {"type": "stop", "stopwords": "_norwegian_"}
        assert analysis["filter"]["nb_stemmer"] == {"type": "stemmer", "language": "norwegian"}
        assert analysis["filter"]["nb_keep_abbreviations"] == {
            "type": "keyword_marker",
            "keywords_pattern": "abbr_.+",
        }

    def test_synonym_graph_is_in_the_search_analyzer_only_with_the_given_rules(self):
        analysis = expected_body()["settings"]["analysis"]
        assert analysis["filter"]["nb_synonyms"] == {
            "type": "synonym_graph",
            "synonyms": SYNONYMS,
            "lenient": True,
        }
        assert analysis["analyzer"]["nb_search"]["filter"] == [
            "lowercase",
            "nb_stop",
            "nb_synonyms",
            "nb_keep_abbreviations",
            "nb_stemmer",
        ]
        users = {name for name, a in analysis["analyzer"].items() if "nb_synonyms" in a["filter"]}
        assert users == {"nb_search"}

    def test_text_fields_index_without_synonyms_and_search_with_them(self):
        properties = expected_body()["mappings"]["properties"]
        for name in ("title", "summary", "body", "theme_labels", "provider_names", "form_label"):
            assert properties[name]["analyzer"] == "nb_index"
            assert properties[name]["search_analyzer"] == "nb_search"

    def test_char_filter_rewrites_whole_upper_case_abbreviations_only(self):
        regex = pytest.importorskip("regex")  # supports the Java-style \p{L} classes
        char_filter = expected_body()["settings"]["analysis"]["char_filter"]["nb_abbreviations"]
        assert char_filter["type"] == "pattern_replace"
        assert char_filter["replacement"] == "abbr_$1"
        text = "MST og mst; fremstår, problemstilling, MST-team, ØMST, EMD og EM, mi MI, abbr_MST"
        rewritten = regex.sub(char_filter["pattern"], r"abbr_\1", text)
        assert rewritten == (
            "abbr_MST og mst; fremstår, problemstilling, abbr_MST-team, ØMST, "
            "abbr_EMD og abbr_EM, mi abbr_MI, abbr_MST"
        )

    def test_every_text_analyzer_uses_the_char_filter_but_suggestions_do_not(self):
        analyzers = expected_body()["settings"]["analysis"]["analyzer"]
        assert {n for n, a in analyzers.items() if a.get("char_filter")} == {
            "nb_index",
            "nb_search",
            "nb_folded",
        }

    def test_no_char_filter_without_case_sensitive_abbreviations(self):
        analysis = index_body(synonyms=[], abbreviations=[], vector_dims=4)["settings"]["analysis"]
        assert "char_filter" not in analysis
        assert analysis["analyzer"]["nb_index"]["char_filter"] == []
        assert abbreviation_char_filter([]) is None

    def test_folded_subfields_fold_then_stem_without_synonyms(self):
        body = expected_body()
        assert body["settings"]["analysis"]["analyzer"]["nb_folded"]["filter"] == [
            "lowercase",
            "nb_stop",
            "asciifolding",
            "nb_keep_abbreviations",
            "nb_stemmer",
        ]
        properties = body["mappings"]["properties"]
        for name in ("title", "summary", "body"):
            assert properties[name]["fields"]["folded"] == {"type": "text", "analyzer": "nb_folded"}
        assert properties["title"]["fields"]["sort"] == {
            "type": "keyword",
            "normalizer": "nb_sort",
            "ignore_above": 256,
        }

    def test_dense_vector_is_indexed_for_cosine_knn(self):
        assert expected_body()["mappings"]["properties"]["vector"] == {
            "type": "dense_vector",
            "dims": 4,
            "index": True,
            "similarity": "cosine",
            "index_options": {"type": "hnsw"},
        }

    def test_every_facet_has_a_keyword_field(self):
        properties = expected_body()["mappings"]["properties"]
        assert set(FACET_FIELD) == set(FACETS)
        for facet, field in FACET_FIELD.items():
            expected = {"type": "boolean"} if facet == "free" else {"type": "keyword"}
            assert properties[field] == expected, facet
        assert properties["status"] == properties["kind"] == {"type": "keyword"}

    def test_dates_credits_and_suggestions(self):
        properties = expected_body()["mappings"]["properties"]
        for name in ("session_dates", "next_date", "last_confirmed"):
            assert properties[name] == {"type": "date", "format": "strict_date"}
        assert properties["credits"] == {"type": "float"}
        assert properties["suggest"] == {"type": "search_as_you_type", "analyzer": "nb_suggest"}
        assert expected_body()["settings"]["analysis"]["analyzer"]["nb_suggest"] == {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        }

    def test_project_analyser_terms_are_split_on_whitespace_only(self):
        properties = expected_body()["mappings"]["properties"]
        assert properties["terms"] == {
            "properties": {
                c: {"type": "text", "analyzer": "whitespace"} for c in ("title", "summary", "body", "labels")
            }
        }

    def test_settings_and_dynamic_mapping(self):
        body = expected_body(number_of_shards=2, number_of_replicas=1)
        assert body["settings"]["number_of_shards"] == 2
        assert body["settings"]["number_of_replicas"] == 1
        assert body["mappings"]["dynamic"] is False


# -- documents and bulk actions ----------------------------------------------------------------
class TestDocuments:
    def test_source_round_trips_to_the_same_document(self):
        original = doc(
            1,
            "Foreldreveiledning",
            "Kurs.",
            session_dates=[dt.date(2027, 3, 1)],
            next_date=dt.date(2027, 3, 1),
            last_confirmed=dt.date(2026, 11, 1),
            vector=[0.1, 0.2, 0.3, 0.4],
            credits=7.5,
        )
        assert document_from_source(document_source(original)) == original
        assert document_from_source(document_source(doc(2, "Uten vektor"))) == doc(2, "Uten vektor")

    def test_source_adds_the_derived_fields(self):
        source = document_source(
            doc(
                3, "Lederstøtte", national=False, regions=["46", "50"], credits=10.0, theme_labels=["Ledelse"]
            )
        )
        assert source["availability"] == ["46", "50"]
        assert source["has_credits"] == "true"
        assert source["suggest"] == ["Lederstøtte", "Ledelse", "RKBU Nord"]
        assert source["session_dates"] == [] and source["next_date"] is None
        assert "vector" not in source  # absent, not null
        national = document_source(doc(4, "Nasjonalt", credits=None))
        assert national["availability"] == ["national"] and national["has_credits"] == "false"

    def test_bulk_actions_are_index_operations_with_id_and_source(self):
        first, second = doc(1, "En"), doc(2, "To", vector=[1.0, 0.0, 0.0, 0.0])
        assert list(bulk_actions([first, second], "felles-offerings-x")) == [
            {
                "_op_type": "index",
                "_index": "felles-offerings-x",
                "_id": "offering-1",
                "_source": document_source(first),
            },
            {
                "_op_type": "index",
                "_index": "felles-offerings-x",
                "_id": "offering-2",
                "_source": document_source(second),
            },
        ]
        assert list(delete_actions(["offering-1"], ALIAS)) == [
            {"_op_type": "delete", "_index": ALIAS, "_id": "offering-1"}
        ]

    def test_bulk_actions_carry_the_project_analysers_terms(self):
        document = doc(
            5, "Rusbruk hos ungdom", "Samtaler", body="", theme_labels=["Rus"], provider_names=["KoRus"]
        )
        (action,) = bulk_actions([document], ALIAS, index_terms=str.split)
        assert action["_source"]["terms"] == {
            "title": "Rusbruk hos ungdom",
            "summary": "Samtaler",
            "labels": "Rus KoRus",
        }

    def test_compound_parts_come_from_the_project_analyser(self, analyzer):
        terms = analysed_terms(doc(5, "Tidlig intervensjon ved rusbruk hos ungdom"), analyzer.index_terms)
        assert "rus" in terms["title"].split()
        threats = analysed_terms(doc(4, "Trusler og vold mot ansatte"), analyzer.index_terms)
        assert "rus" not in threats["title"].split()


# -- exact request bodies ----------------------------------------------------------------------
EXPANSIONS = {"foreldreveiledning": 1.0, "foreldr": 0.5, "veiledning": 0.5}


def text_clause(text: str, expansions: dict[str, float]) -> dict[str, Any]:
    return {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": text,
                        "type": "best_fields",
                        "fields": TEXT_FIELDS,
                        "operator": "or",
                    }
                },
                {
                    "multi_match": {
                        "query": text,
                        "type": "best_fields",
                        "fields": FOLDED_FIELDS,
                        "operator": "or",
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "max_expansions": 50,
                    }
                },
                *(
                    {"multi_match": {"query": t, "fields": TERM_FIELDS, "boost": w}}
                    for t, w in expansions.items()
                ),
            ],
            "minimum_should_match": 1,
        }
    }


class TestSearchRequest:
    def test_plain_text(self):
        body = search_request(SearchQuery(text="foreldreveiledning"), EXPANSIONS).to_dict()
        assert body == {
            "query": {
                "bool": {
                    "must": [text_clause("foreldreveiledning", EXPANSIONS)],
                    "filter": [OFFERINGS],
                    "must_not": [VISIBLE],
                }
            },
            "aggs": facet_aggs(),
            "highlight": HIGHLIGHT,
            "sort": [BY_SCORE, BY_NEXT_DATE, BY_TITLE],
            "_source": {"excludes": ["vector", "terms"]},
            "from": 0,
            "size": 20,
            "track_total_hits": True,
        }

    def test_facet_filters_are_disjunctive(self):
        query = SearchQuery(text="traumer", filters={"theme": ["T18", "T17"], "format": ["digitalt_direkte"]})
        body = search_request(query).to_dict()
        themes = {"terms": {"themes": ["T18", "T17"]}}
        formats = {"terms": {"formats": ["digitalt_direkte"]}}
        # Hits get every facet filter, after the aggregations have seen the unfiltered matches...
        assert body["post_filter"] == {"bool": {"filter": [themes, formats]}}
        assert body["query"]["bool"]["filter"] == [OFFERINGS]
        # ...and each facet counts with every filter except its own.
        others = {facet: [themes, formats] for facet in FACET_FIELD}
        others["theme"] = [formats]
        others["format"] = [themes]
        assert body["aggs"] == facet_aggs(others)
        assert body["query"]["bool"]["must"] == [text_clause("traumer", {})]

    def test_unknown_facets_and_empty_values_are_ignored(self):
        body = search_request(SearchQuery(filters={"colour": ["red"], "theme": []}, facets=False)).to_dict()
        assert "post_filter" not in body

    def test_region_keeps_national_and_regional_offerings(self):
        body = search_request(SearchQuery(text="traumer", region="46", facets=False)).to_dict()
        assert body["query"]["bool"]["filter"] == [OFFERINGS, {"terms": {"availability": ["national", "46"]}}]
        assert "post_filter" not in body and "aggs" not in body

    def test_date_range_on_session_dates(self):
        query = SearchQuery(date_from=dt.date(2027, 4, 1), date_to=dt.date(2027, 6, 30), facets=False)
        assert search_request(query).to_dict()["query"]["bool"]["filter"] == [
            OFFERINGS,
            {"range": {"session_dates": {"gte": "2027-04-01", "lte": "2027-06-30"}}},
        ]
        open_ended = SearchQuery(date_from=dt.date(2027, 4, 1), facets=False)
        assert search_request(open_ended).to_dict()["query"]["bool"]["filter"][1] == {
            "range": {"session_dates": {"gte": "2027-04-01"}}
        }

    def test_sorts(self):
        def sort(**kwargs: Any) -> list:
            return search_request(SearchQuery(facets=False, **kwargs)).to_dict()["sort"]

        assert sort(text="kurs", sort="next_date") == [BY_NEXT_DATE, BY_SCORE, BY_TITLE]
        assert sort(sort="next_date") == [BY_NEXT_DATE, BY_TITLE]
        assert sort(text="kurs", sort="confirmed") == [
            {"last_confirmed": {"order": "desc", "missing": "_last"}},
            BY_TITLE,
        ]
        assert sort(text="kurs") == [BY_SCORE, BY_NEXT_DATE, BY_TITLE]
        assert sort() == [BY_TITLE]  # browsing has no scores: alphabetical, as in the embedded backend

    def test_empty_text_browses_everything_without_highlighting(self):
        query = SearchQuery(text="  ", kinds=("offering", "provider"), page=3, per_page=10, facets=False)
        assert search_request(query).to_dict() == {
            "query": {
                "bool": {
                    "must": [{"match_all": {}}],
                    "filter": [{"terms": {"kind": ["offering", "provider"]}}],
                    "must_not": [VISIBLE],
                }
            },
            "sort": [BY_TITLE],
            "_source": {"excludes": ["vector", "terms"]},
            "from": 20,
            "size": 10,
            "track_total_hits": True,
        }

    def test_inactive_offerings_only_when_asked_for(self):
        body = search_request(SearchQuery(text="kurs", include_inactive=True, highlight=False)).to_dict()
        assert "must_not" not in body["query"]["bool"]
        assert "highlight" not in body

    def test_knn_body(self):
        body = knn_request([0.1, 0.2, 0.3, 0.4], filters={"family": ["rvts"]}, limit=5).to_dict()
        assert body == {
            "knn": {
                "field": "vector",
                "k": 5,
                "num_candidates": 100,
                "query_vector": [0.1, 0.2, 0.3, 0.4],
                "filter": {
                    "bool": {"filter": [OFFERINGS, {"terms": {"families": ["rvts"]}}], "must_not": [VISIBLE]}
                },
            },
            "_source": {"excludes": ["vector", "terms"]},
            "size": 5,
        }
        assert knn_request([1.0], limit=80).to_dict()["knn"]["num_candidates"] == 160
        huge = knn_request([1.0], limit=20_000).to_dict()
        assert (huge["knn"]["k"], huge["knn"]["num_candidates"], huge["size"]) == (10_000, 10_000, 10_000)

    def test_suggest_body(self):
        assert suggest_request("forel vei", limit=5).to_dict() == {
            "query": {
                "bool": {
                    "must": [
                        {
                            "multi_match": {
                                "query": "forel vei",
                                "type": "bool_prefix",
                                "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
                                "operator": "and",
                            }
                        }
                    ],
                    "must_not": [VISIBLE],
                }
            },
            "_source": ["title", "theme_labels", "provider_names"],
            "size": 20,
        }

    def test_bodies_are_what_elasticsearch_dsl_would_send(self):
        # The builder returns a dsl Search, so the body is exactly what Search.execute() would send.
        assert isinstance(search_request(SearchQuery()), Search)


# -- response parsing --------------------------------------------------------------------------
def raw_hit(document: SearchDocument, score: float | None = 1.0, highlight: dict | None = None) -> dict:
    hit = {"_index": NEW_INDEX, "_id": document.id, "_score": score, "_source": document_source(document)}
    if highlight:
        hit["highlight"] = highlight
    return hit


def search_response(hits: list[dict], total: int | None = None, aggregations: dict | None = None) -> dict:
    response: dict[str, Any] = {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": len(hits) if total is None else total, "relation": "eq"}, "hits": hits},
    }
    if aggregations is not None:
        response["aggregations"] = aggregations
    return response


class TestResponseParsing:
    def test_hits_facets_and_highlights(self):
        document = doc(1, "Foreldreveiledning i grupper", "Gruppeveiledning for foreldre")
        highlight = {
            "title": ["<mark>Foreldreveiledning</mark> i grupper"],
            "body": ["a <mark>b</mark>", "c <mark>d</mark>"],
        }
        themes = [
            {"key": "T12", "doc_count": 2},
            {"key": "T01", "doc_count": 5},
            {"key": "T05", "doc_count": 2},
        ]
        free = [
            {"key": 1, "key_as_string": "true", "doc_count": 8},
            {"key": 0, "key_as_string": "false", "doc_count": 1},
        ]
        aggregations = {
            "theme": {"doc_count": 9, "values": {"buckets": themes}},
            "free": {"doc_count": 9, "values": {"buckets": free}},
        }
        query = SearchQuery(text="foreldre")
        results = parse_search(search_response([raw_hit(document, 3.5, highlight)], 41, aggregations), query)
        assert results.total == 41 and results.query is query and results.pages == 3
        (hit,) = results.hits
        assert (hit.id, hit.score, hit.document) == ("offering-1", 3.5, document)
        assert hit.highlights == {
            "title": "<mark>Foreldreveiledning</mark> i grupper",
            "body": "a <mark>b</mark> … c <mark>d</mark>",
        }
        assert [(f.value, f.count) for f in results.facets["theme"]] == [("T01", 5), ("T05", 2), ("T12", 2)]
        assert [(f.value, f.count) for f in results.facets["free"]] == [("true", 8), ("false", 1)]

    def test_field_sorted_hits_have_no_score(self):
        results = parse_search(
            search_response([raw_hit(doc(1, "A"), score=None)]), SearchQuery(sort="next_date")
        )
        assert results.hits[0].score == 0.0

    def test_knn_scores_become_cosine_similarity(self):
        hits = parse_knn(
            search_response(
                [raw_hit(doc(1, "A"), 1.0), raw_hit(doc(2, "B"), 0.75), raw_hit(doc(3, "C"), 0.5)]
            )
        )
        assert [(h.id, h.score) for h in hits] == [
            ("offering-1", 1.0),
            ("offering-2", 0.5),
            ("offering-3", 0.0),
        ]

    def test_suggestions_prefer_labels_that_start_with_the_prefix(self):
        hits = [
            raw_hit(doc(1, "Veiledning for foreldre", theme_labels=["Foreldreveiledning"])),
            raw_hit(doc(2, "Foreldreveiledning i grupper", theme_labels=["Foreldreveiledning"])),
            raw_hit(doc(3, "Støtte til fosterforeldre", provider_names=["RBUP Øst og Sør"])),
        ]
        suggestions = pick_suggestions(search_response(hits), "forel", limit=5)
        assert suggestions == [
            "Foreldreveiledning",
            "Foreldreveiledning i grupper",
            "Veiledning for foreldre",
            "Støtte til fosterforeldre",  # matched only through analysis: its title, last
        ]
        assert pick_suggestions(search_response(hits[2:]), "stotte", limit=5) == ["Støtte til fosterforeldre"]
        assert pick_suggestions(search_response(hits), "forel", limit=1) == ["Foreldreveiledning"]


# -- construction and configuration ------------------------------------------------------------
SETTINGS_ENTRY = {
    "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
    "URL": "http://user:secret@es.invalid:9200",
    "INDEX_PREFIX": "felles",
    "TIMEOUT": 5,
}


class TestConstruction:
    def test_building_from_settings_does_no_network_io_and_no_lookups(self, monkeypatch):
        def forbidden(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("no I/O or look-ups at construction")

        monkeypatch.setattr(socket, "create_connection", forbidden)
        monkeypatch.setattr(socket.socket, "connect", forbidden)
        monkeypatch.setattr("search.backends.elasticsearch.backend.Elasticsearch", forbidden)
        monkeypatch.setattr("search.vocabulary.synonym_rules", forbidden)
        monkeypatch.setattr("search.vocabulary.current_analyzer", forbidden)
        backend = backend_from_config(SETTINGS_ENTRY)
        assert isinstance(backend, ElasticsearchBackend)
        assert backend.name == "elasticsearch"
        assert backend.capabilities == {"keyword", "facets", "highlight", "vector", "suggest", "fuzzy"}
        assert backend.alias == ALIAS and backend._client is None
        assert "secret" not in repr(backend)

    def test_the_client_is_created_lazily_with_the_timeout(self, cluster):
        backend = ElasticsearchBackend.from_params(url="http://localhost:9200", timeout=2.5)
        client = backend.client
        assert isinstance(client, Elasticsearch) and backend.client is client
        client.transport.perform_request = cluster.perform_request  # type: ignore[method-assign]
        cluster.routes[("GET", "/_cluster/health")] = (200, {"status": "green"})
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = not_found(ALIAS)
        backend.status()
        assert cluster.last_options["request_timeout"] == 2.5

    @pytest.mark.parametrize(
        "change",
        [
            {"URL": "es.invalid:9200"},
            {"URL": ""},
            {"INDEX_PREFIX": "Felles"},
            {"CHUNK_SIZE": 0},
            {"SHARDS": 2},
        ],
    )
    def test_misconfiguration_is_reported(self, change):
        with pytest.raises(ImproperlyConfigured):
            backend_from_config({**SETTINGS_ENTRY, **change})

    def test_index_names(self):
        backend = ElasticsearchBackend.from_params(url="http://localhost:9200", index_prefix="test-ab12")
        assert backend.alias == "test-ab12-offerings"
        assert backend.config.index_pattern == "test-ab12-offerings-*"
        now = dt.datetime(2027, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
        assert backend.config.new_index_name(now) == "test-ab12-offerings-20270102030405000006"
        assert backend.new_index_name().startswith("test-ab12-offerings-20")

    def test_synonyms_abbreviations_and_dimension_are_looked_up_when_an_index_is_made(self, monkeypatch):
        vocabulary = types.SimpleNamespace(
            case_sensitive_synonym_rules=lambda: ["abbr_cos, circle of security"],
            case_sensitive_abbreviations=lambda: [types.SimpleNamespace(abbr="COS")],
        )
        monkeypatch.setattr("search.vocabulary.synonym_rules", lambda: ["bvl, barnevernsloven"])
        monkeypatch.setattr("search.vocabulary.current_vocabulary", lambda: vocabulary)
        embedders = types.ModuleType("matching.embedders")
        embedders.embedding_dimension = lambda: 384  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "matching.embedders", embedders)
        body = ElasticsearchBackend.from_params(url="http://localhost:9200").config.index_body()
        analysis = body["settings"]["analysis"]
        assert analysis["filter"]["nb_synonyms"]["synonyms"] == [
            "bvl, barnevernsloven",
            "abbr_cos, circle of security",
        ]
        assert "(COS)" in analysis["char_filter"]["nb_abbreviations"]["pattern"]
        assert body["mappings"]["properties"]["vector"]["dims"] == 384


# -- writes --------------------------------------------------------------------------------------
def acknowledged(call: Call) -> Answer:
    return 200, {"acknowledged": True}


class TestIndexAndDelete:
    def test_first_write_creates_an_index_behind_the_alias(self, backend, cluster):
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = not_found(ALIAS)
        cluster.routes[("PUT", f"/{NEW_INDEX}")] = acknowledged
        assert backend.index([doc(1, "En"), doc(2, "To")]) == 2
        assert cluster.routes_called() == [
            ("GET", f"/_alias/{ALIAS}"),
            ("PUT", f"/{NEW_INDEX}"),
            ("PUT", "/_bulk"),
        ]
        assert cluster.calls[1].body == {"aliases": {ALIAS: {}}, **expected_body()}
        bulk = cluster.calls[2]
        assert bulk.params == {"refresh": "wait_for", "require_alias": "true"}
        assert bulk.body[0] == {"index": {"_id": "offering-1", "_index": ALIAS}}
        assert bulk.body[1] == document_source(
            doc(1, "En"), {"title": "en", "labels": "ledelse og lederstøtte rkbu nord"}
        )

    def test_later_writes_go_through_the_existing_alias(self, backend, cluster):
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = (200, {OLD_INDEX: {"aliases": {ALIAS: {}}}})
        assert backend.index(iter([doc(1, "En")])) == 1
        assert cluster.routes_called() == [("GET", f"/_alias/{ALIAS}"), ("PUT", "/_bulk")]

    def test_nothing_to_write_makes_no_request(self, backend, cluster):
        assert backend.index([]) == 0 and backend.delete([]) == 0
        assert cluster.calls == []

    def test_delete_counts_removed_documents_and_ignores_unknown_ids(self, backend, cluster):
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = (200, {OLD_INDEX: {"aliases": {ALIAS: {}}}})
        cluster.bulk_item = lambda op, meta, n: (
            (200, {"result": "deleted"}) if meta["_id"] == "offering-1" else (404, {"result": "not_found"})
        )
        assert backend.delete(["offering-1", "offering-99", "offering-1"]) == 1
        bulk = cluster.calls_to("PUT", "/_bulk")[0]
        assert bulk.body == [
            {"delete": {"_id": "offering-1", "_index": ALIAS}},
            {"delete": {"_id": "offering-99", "_index": ALIAS}},
        ]
        assert bulk.params == {"refresh": "wait_for", "require_alias": "true"}

    def test_delete_before_any_index_is_a_no_op(self, backend, cluster):
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = not_found(ALIAS)
        assert backend.delete(["offering-1"]) == 0
        assert cluster.routes_called() == [("GET", f"/_alias/{ALIAS}")]


class TestRebuild:
    @pytest.fixture
    def swap_routes(self, cluster):
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = (200, {OLD_INDEX: {"aliases": {ALIAS: {}}}})
        cluster.routes[("PUT", f"/{NEW_INDEX}")] = acknowledged
        cluster.routes[("POST", f"/{NEW_INDEX}/_refresh")] = (200, {"_shards": {"failed": 0}})
        cluster.routes[("POST", "/_aliases")] = acknowledged
        cluster.routes[("DELETE", f"/{NEW_INDEX}")] = acknowledged
        cluster.routes[("DELETE", f"/{OLD_INDEX}")] = acknowledged
        return cluster

    def test_fills_a_new_index_then_swaps_the_alias_in_one_call(self, cluster, swap_routes):
        backend = make_backend(cluster, chunk_size=2)
        progress: list[int] = []
        documents = [doc(n, f"Tilbud {n}") for n in range(1, 6)]
        assert backend.rebuild(documents, total=5, progress=progress.append) == 5
        assert cluster.routes_called() == [
            ("GET", f"/_alias/{ALIAS}"),
            ("PUT", f"/{NEW_INDEX}"),
            ("PUT", "/_bulk"),
            ("PUT", "/_bulk"),
            ("PUT", "/_bulk"),
            ("POST", f"/{NEW_INDEX}/_refresh"),
            ("POST", "/_aliases"),
            ("DELETE", f"/{OLD_INDEX}"),
        ]
        assert cluster.calls[1].body == expected_body()  # no alias yet: invisible until the swap
        bulks = cluster.calls_to("PUT", "/_bulk")
        assert [len(b.body) // 2 for b in bulks] == [2, 2, 1]
        assert all(line["index"]["_index"] == NEW_INDEX for b in bulks for line in b.body[::2])
        assert all(b.params == {} for b in bulks)  # one refresh at the end instead of one per chunk
        assert cluster.calls_to("POST", "/_aliases")[0].body == {
            "actions": [
                {"remove": {"index": OLD_INDEX, "alias": ALIAS}},
                {"add": {"index": NEW_INDEX, "alias": ALIAS}},
            ]
        }
        assert progress == [2, 4, 5]

    def test_first_rebuild_only_adds_the_alias(self, cluster, swap_routes):
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = not_found(ALIAS)
        assert make_backend(cluster).rebuild([doc(1, "En")]) == 1
        assert cluster.calls_to("POST", "/_aliases")[0].body == {
            "actions": [{"add": {"index": NEW_INDEX, "alias": ALIAS}}]
        }
        assert ("DELETE", f"/{OLD_INDEX}") not in cluster.routes_called()

    def test_rejected_documents_are_retried(self, cluster, swap_routes):
        cluster.bulk_item = lambda op, meta, attempt: (
            (429, {"error": {"type": "es_rejected_execution_exception"}}) if attempt == 1 else (201, {})
        )
        assert make_backend(cluster).rebuild([doc(1, "En"), doc(2, "To")]) == 2
        assert cluster.bulk_requests == 2
        assert ("POST", "/_aliases") in cluster.routes_called()

    def test_failed_bulk_deletes_the_new_index_and_leaves_the_alias(self, cluster, swap_routes):
        def reject_second_chunk(op: str, meta: dict, attempt: int) -> tuple[int, dict]:
            if meta["_id"] == "offering-3":
                return 400, {"error": {"type": "document_parsing_exception", "reason": "bad date"}}
            return 201, {}

        cluster.bulk_item = reject_second_chunk
        backend = make_backend(cluster, chunk_size=2)
        with pytest.raises(SearchUnavailable, match="midlertidig utilgjengelig"):
            backend.rebuild([doc(n, f"Tilbud {n}") for n in range(1, 6)])
        routes = cluster.routes_called()
        assert routes[-1] == ("DELETE", f"/{NEW_INDEX}")
        assert ("POST", "/_aliases") not in routes
        assert ("DELETE", f"/{OLD_INDEX}") not in routes
        assert cluster.calls[-1].params == {"ignore_unavailable": "true"}

    def test_error_while_producing_documents_deletes_the_new_index(self, cluster, swap_routes):
        def documents():
            yield doc(1, "En")
            raise RuntimeError("database went away")

        with pytest.raises(RuntimeError, match="database went away"):
            make_backend(cluster).rebuild(documents())
        routes = cluster.routes_called()
        assert routes[-1] == ("DELETE", f"/{NEW_INDEX}")
        assert ("POST", "/_aliases") not in routes

    def test_lost_connection_mid_bulk_is_unavailable_and_cleans_up(self, cluster, swap_routes):
        cluster.routes[("PUT", "/_bulk")] = ConnectionError("connection reset")
        with pytest.raises(SearchUnavailable) as raised:
            make_backend(cluster).rebuild([doc(1, "En")])
        assert isinstance(raised.value.__cause__, ConnectionError)
        assert cluster.routes_called()[-1] == ("DELETE", f"/{NEW_INDEX}")
        assert ("POST", "/_aliases") not in cluster.routes_called()

    def test_failed_swap_deletes_the_new_index(self, cluster, swap_routes):
        cluster.routes[("POST", "/_aliases")] = (
            500,
            {"error": {"type": "illegal_state_exception"}, "status": 500},
        )
        with pytest.raises(SearchUnavailable):
            make_backend(cluster).rebuild([doc(1, "En")])
        assert cluster.routes_called()[-2:] == [("POST", "/_aliases"), ("DELETE", f"/{NEW_INDEX}")]


class TestClear:
    def test_deletes_every_index_of_the_prefix_by_name(self, backend, cluster):
        cluster.routes[("GET", f"/{ALIAS}-*/_alias")] = (
            200,
            {NEW_INDEX: {"aliases": {}}, OLD_INDEX: {"aliases": {ALIAS: {}}}},
        )
        cluster.routes[("DELETE", f"/{OLD_INDEX},{NEW_INDEX}")] = acknowledged
        backend.clear()
        assert cluster.routes_called()[-1] == ("DELETE", f"/{OLD_INDEX},{NEW_INDEX}")

    def test_nothing_to_clear(self, backend, cluster):
        cluster.routes[("GET", f"/{ALIAS}-*/_alias")] = (200, {})
        backend.clear()
        assert cluster.routes_called() == [("GET", f"/{ALIAS}-*/_alias")]


# -- reads and status --------------------------------------------------------------------------
class TestReads:
    def test_search_sends_the_built_body_with_the_analysers_alternatives(self, cluster):
        backend = make_backend(cluster, analyzer=StubAnalyzer(EXPANSIONS))
        document = doc(1, "Foreldreveiledning i grupper")
        cluster.routes[("POST", f"/{ALIAS}/_search")] = (
            200,
            search_response([raw_hit(document, 2.0)], aggregations={}),
        )
        query = SearchQuery(text="foreldreveiledning", filters={"theme": ["T12"]})
        results = backend.search(query)
        assert cluster.calls[0].body == search_request(query, EXPANSIONS).to_dict()
        assert [h.document for h in results.hits] == [document] and results.total == 1

    def test_search_before_anything_is_indexed_is_empty(self, backend, cluster):
        cluster.routes[("POST", f"/{ALIAS}/_search")] = not_found(ALIAS)
        results = backend.search(SearchQuery(text="kurs"))
        assert results.total == 0 and results.hits == []
        assert results.facets == {facet: [] for facet in FACETS}

    def test_similar(self, backend, cluster):
        cluster.routes[("POST", f"/{ALIAS}/_search")] = (200, search_response([raw_hit(doc(1, "A"), 0.9)]))
        hits = backend.similar([0.5, 0.5, 0.0, 0.0], filters={"theme": ["T01"]}, limit=3)
        assert [(h.id, h.score) for h in hits] == [("offering-1", pytest.approx(0.8))]
        expected = knn_request([0.5, 0.5, 0.0, 0.0], filters={"theme": ["T01"]}, limit=3).to_dict()
        assert cluster.calls[0].body == expected

    def test_similar_to_nothing_asks_nothing(self, backend, cluster):
        assert backend.similar([0.0, 0.0, 0.0, 0.0]) == [] and backend.similar([1.0, 0, 0, 0], limit=0) == []
        assert cluster.calls == []

    def test_suggest(self, backend, cluster):
        hits = [raw_hit(doc(1, "Traumebevisst omsorg i fosterhjem"))]
        cluster.routes[("POST", f"/{ALIAS}/_search")] = (200, search_response(hits))
        assert backend.suggest(" traume ") == ["Traumebevisst omsorg i fosterhjem"]
        assert cluster.calls[0].body == suggest_request("traume", limit=8).to_dict()
        assert backend.suggest("t") == [] and len(cluster.calls) == 1


class TestStatus:
    def test_healthy_cluster_reports_alias_index_and_count(self, backend, cluster):
        cluster.routes[("GET", "/_cluster/health")] = (200, {"cluster_name": "portal", "status": "yellow"})
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = (200, {NEW_INDEX: {"aliases": {ALIAS: {}}}})
        cluster.routes[("POST", f"/{ALIAS}/_count")] = (200, {"count": 7})
        status = backend.status()
        assert (status.backend, status.healthy, status.documents) == ("elasticsearch", True, 7)
        assert status.location == f"{ALIAS} -> {NEW_INDEX}"
        assert status.extra["cluster_status"] == "yellow" and status.extra["indices"] == [NEW_INDEX]

    def test_reachable_cluster_without_an_index_is_healthy_and_says_so(self, backend, cluster):
        cluster.routes[("GET", "/_cluster/health")] = (200, {"cluster_name": "portal", "status": "green"})
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = not_found(ALIAS)
        status = backend.status()
        assert status.healthy and status.documents == 0 and status.location == ALIAS
        assert "finnes ikke ennå" in status.detail

    def test_red_cluster_is_unhealthy(self, backend, cluster):
        cluster.routes[("GET", "/_cluster/health")] = (200, {"status": "red"})
        cluster.routes[("GET", f"/_alias/{ALIAS}")] = not_found(ALIAS)
        assert not backend.status().healthy

    def test_unreachable_cluster_is_unhealthy_with_a_norwegian_explanation(self, cluster):
        backend = make_backend(cluster)
        backend.config = type(backend.config)(url="http://user:secret@es.invalid:9200")
        cluster.routes[("GET", "/_cluster/health")] = ConnectionError("refused")
        status = backend.status()
        assert not status.healthy and status.location == ALIAS
        assert status.detail == "Elasticsearch på http://es.invalid:9200 svarer ikke (ConnectionError)."
        assert "secret" not in str(status)


class TestUnavailable:
    OPERATIONS = {
        "search": lambda b: b.search(SearchQuery(text="kurs")),
        "browse": lambda b: b.search(SearchQuery()),
        "similar": lambda b: b.similar([1.0, 0.0, 0.0, 0.0]),
        "suggest": lambda b: b.suggest("kurs"),
        "index": lambda b: b.index([doc(1, "En")]),
        "delete": lambda b: b.delete(["offering-1"]),
        "rebuild": lambda b: b.rebuild([doc(1, "En")]),
        "clear": lambda b: b.clear(),
    }

    @pytest.mark.parametrize("operation", OPERATIONS)
    @pytest.mark.parametrize(
        "error",
        [ConnectionError("refused"), ConnectionTimeout("timed out")],
        ids=["connection", "timeout"],
    )
    def test_transport_errors_become_search_unavailable(self, operation, error):
        client = Elasticsearch("http://localhost:9200")
        client.transport.perform_request = mock.Mock(side_effect=error)  # type: ignore[method-assign]
        backend = ElasticsearchBackend.from_params(
            url="http://localhost:9200",
            client=client,
            analyzer_factory=StubAnalyzer,
            vector_dims=4,
            synonyms=[],
            case_sensitive_abbreviations=[],
        )
        with pytest.raises(SearchUnavailable) as raised:
            self.OPERATIONS[operation](backend)
        assert (
            str(raised.value)
            == UNAVAILABLE_MESSAGE
            == "Søket er midlertidig utilgjengelig. Prøv igjen om litt."
        )
        assert raised.value.__cause__ is error

    def test_a_mocked_client_raising_connection_error(self):
        client = mock.Mock(spec=Elasticsearch)
        client.search.side_effect = ConnectionError("refused")
        backend = ElasticsearchBackend.from_params(
            url="http://localhost:9200", client=client, analyzer_factory=StubAnalyzer
        )
        with pytest.raises(SearchUnavailable):
            backend.search(SearchQuery(text="kurs"))

    def test_server_errors_become_search_unavailable(self, backend, cluster):
        cluster.routes[("POST", f"/{ALIAS}/_search")] = (
            503,
            {"error": {"type": "search_phase_execution_exception"}, "status": 503},
        )
        with pytest.raises(SearchUnavailable):
            backend.search(SearchQuery(text="kurs"))


# -- the same behaviours against a real cluster ------------------------------------------------
def live_backend() -> ElasticsearchBackend:
    """A backend on a fresh, uniquely named index set, or skip; fail instead when CI requires it."""
    url = os.environ.get("ELASTICSEARCH_URL")
    required = os.environ.get("CI_REQUIRE_ELASTICSEARCH") == "1"
    if not url:
        if required:
            pytest.fail("CI_REQUIRE_ELASTICSEARCH=1 but ELASTICSEARCH_URL is not set")
        pytest.skip("ELASTICSEARCH_URL is not set")
    from search.analysis import Analyzer, Vocabulary
    from search.vocabulary import TAXONOMY_YAML

    analyzer = Analyzer(Vocabulary.from_yaml(TAXONOMY_YAML))
    backend = ElasticsearchBackend.from_params(
        url=url,
        index_prefix=f"test-{uuid.uuid4().hex[:12]}",
        vector_dims=4,
        synonyms=SYNONYMS,
        case_sensitive_abbreviations=ABBREVIATIONS,
        chunk_size=2,
        analyzer_factory=lambda: analyzer,
    )
    status = backend.status()
    if not status.healthy:
        if required:
            pytest.fail(f"Elasticsearch is required in CI but unusable: {status.detail}")
        pytest.skip(f"Elasticsearch unreachable: {status.detail}")
    return backend


class TestLiveClusterGate:
    def test_unreachable_cluster_fails_when_ci_requires_it(self, monkeypatch):
        monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")  # discard port: refused at once
        monkeypatch.setenv("CI_REQUIRE_ELASTICSEARCH", "1")
        with pytest.raises(pytest.fail.Exception, match="required in CI"):
            live_backend()
        monkeypatch.delenv("ELASTICSEARCH_URL")
        with pytest.raises(pytest.fail.Exception, match="not set"):
            live_backend()

    def test_unreachable_cluster_skips_locally(self, monkeypatch):
        monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
        monkeypatch.delenv("CI_REQUIRE_ELASTICSEARCH", raising=False)
        with pytest.raises(pytest.skip.Exception):
            live_backend()


LIVE_CORPUS = [
    doc(
        1,
        "Foreldreveiledning i grupper",
        "Gruppeveiledning der foreldre får støtte i hverdagen.",
        themes=["T12"],
        theme_labels=["Foreldreveiledning"],
        providers=["nubu"],
        families=["nubu"],
        vector=[1.0, 0.0, 0.0, 0.0],
        session_dates=[dt.date(2027, 5, 10)],
        next_date=dt.date(2027, 5, 10),
    ),
    doc(
        2,
        "Multisystemisk terapi for ungdom",
        "Intensiv behandling hjemme hos familien.",
        themes=["T20"],
        formats=["digitalt_direkte"],
        national=False,
        regions=["46"],
        vector=[0.0, 1.0, 0.0, 0.0],
    ),
    doc(
        3,
        "Kurs i MST for ledere",
        "Innføring i MST for barnevernledere.",
        formats=["digitalt_direkte"],
        national=False,
        regions=["03"],
        vector=[0.0, 0.0, 1.0, 0.0],
    ),
    doc(4, "Rusbruk hos ungdom", "Samtaler om rusproblemer.", themes=["T53"], vector=[0.0, 0.0, 0.0, 1.0]),
    doc(5, "Trusler mot ansatte", "Når ansatte opplever trusler.", themes=["T51"], status="ended"),
    doc(6, "Veiledning for nye ansatte", "Introduksjon til arbeidet.", formats=["fysisk", "hybrid"]),
]


def hit_ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


@pytest.fixture(scope="module")
def live():
    backend = live_backend()
    assert backend.rebuild(LIVE_CORPUS) == len(LIVE_CORPUS)
    yield backend
    backend.clear()


@pytest.mark.elasticsearch
class TestLiveCluster:
    def test_stemmed_folded_and_highlighted(self, live):
        results = live.search(SearchQuery(text="foreldreveiledning"))
        assert hit_ids(results)[0] == "offering-1"
        assert "<mark>Foreldreveiledning</mark>" in results.hits[0].highlights["title"]
        assert "offering-1" in hit_ids(live.search(SearchQuery(text="stotte")))

    def test_synonyms_and_case_sensitive_abbreviations(self, live):
        assert "offering-6" in hit_ids(live.search(SearchQuery(text="rettleiing")))
        assert {"offering-2", "offering-3"} <= set(hit_ids(live.search(SearchQuery(text="MST"))))

    def test_compound_parts_without_misleading_substrings(self, live):
        found = hit_ids(live.search(SearchQuery(text="rus", include_inactive=True)))
        assert "offering-4" in found and "offering-5" not in found

    def test_inactive_hidden_unless_asked_for(self, live):
        assert hit_ids(live.search(SearchQuery(text="trusler"))) == []
        assert hit_ids(live.search(SearchQuery(text="trusler", include_inactive=True))) == ["offering-5"]

    def test_filters_and_disjunctive_facets(self, live):
        results = live.search(SearchQuery(filters={"format": ["digitalt_direkte"]}))
        assert set(hit_ids(results)) == {"offering-2", "offering-3"}
        formats = {f.value: f.count for f in results.facets["format"]}
        assert formats == {"fysisk": 3, "digitalt_direkte": 2, "hybrid": 1}
        assert {f.value: f.count for f in results.facets["theme"]} == {"T20": 1, "T01": 1}
        assert {f.value: f.count for f in results.facets["free"]} == {"true": 2}

    def test_region_and_dates_and_sorting(self, live):
        north = set(hit_ids(live.search(SearchQuery(region="46"))))
        assert north == {"offering-1", "offering-2", "offering-4", "offering-6"}
        may = SearchQuery(date_from=dt.date(2027, 5, 1), date_to=dt.date(2027, 5, 31))
        assert hit_ids(live.search(may)) == ["offering-1"]
        assert hit_ids(live.search(SearchQuery(sort="next_date")))[0] == "offering-1"
        assert live.search(SearchQuery(per_page=2)).total == 5

    def test_knn(self, live):
        hits = live.similar([0.9, 0.1, 0.0, 0.0], limit=2)
        assert [h.id for h in hits] == ["offering-1", "offering-2"]
        assert hits[0].score == pytest.approx(0.9939, abs=1e-3)
        assert {
            h.id for h in live.similar([1.0, 0.0, 0.0, 0.0], filters={"format": ["digitalt_direkte"]})
        } == {
            "offering-2",
            "offering-3",
        }

    def test_suggestions(self, live):
        assert "Foreldreveiledning i grupper" in live.suggest("foreldrev")

    def test_incremental_index_and_delete(self, live):
        assert live.index([doc(7, "Skolevegring og fravær")]) == 1
        assert hit_ids(live.search(SearchQuery(text="skolevegring"))) == ["offering-7"]
        assert live.delete(["offering-7", "offering-404"]) == 1
        assert hit_ids(live.search(SearchQuery(text="skolevegring"))) == []

    def test_status_and_rebuild_swap(self, live):
        before = live.status()
        assert before.healthy and before.documents == len(LIVE_CORPUS)
        assert live.rebuild(LIVE_CORPUS) == len(LIVE_CORPUS)
        after = live.status()
        assert after.extra["indices"] != before.extra["indices"] and len(after.extra["indices"]) == 1
        assert after.location == f"{live.alias} -> {after.extra['indices'][0]}"
