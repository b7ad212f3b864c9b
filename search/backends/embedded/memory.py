"""An in-memory snapshot of the index for the parts SQLite is slow at: facet counts, filters,
sorting and vector similarity, all as NumPy array operations over every document at once.

A process keeps one snapshot and reloads it when the index file's generation changes (a write by
any process bumps it), so every worker sees published changes on its next search.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from search.analysis import fold

from ..base import FACETS, SearchDocument

NO_DATE = np.iinfo(np.int32).max  # sorts last


@dataclass
class FacetIndex:
    """(document, value) pairs of one facet; multi-valued facets have several pairs per document."""

    values: list[str]
    value_ids: dict[str, int]
    pair_doc: np.ndarray
    pair_val: np.ndarray

    def mask(self, size: int, accepted: list[str]) -> np.ndarray:
        ids = [self.value_ids[v] for v in accepted if v in self.value_ids]
        mask = np.zeros(size, dtype=bool)
        if ids:
            mask[self.pair_doc[np.isin(self.pair_val, ids)]] = True
        return mask

    def counts(self, selected: np.ndarray) -> list[tuple[str, int]]:
        counts = np.bincount(self.pair_val[selected[self.pair_doc]], minlength=len(self.values))
        order = sorted(
            (i for i in range(len(self.values)) if counts[i]), key=lambda i: (-counts[i], self.values[i])
        )
        return [(self.values[i], int(counts[i])) for i in order]


class TermScoreCache:
    """BM25 contributions of single terms, kept for the life of one snapshot (one index generation).

    FTS5's bm25() of an OR of terms is the sum of each term's own contribution (every term is a
    phrase with its own IDF), so a query's scores can be assembled from per-term vectors. Common
    terms («hjelp», «veiledning», «tiltak») recur in almost every description and are the costly
    ones to score: caching them turns most of a long query into NumPy additions. Bounded by the
    number of (document, score) entries held, least recently used out first.
    """

    def __init__(self, max_entries: int = 3_000_000):
        self.max_entries = max_entries
        self._entries = 0
        self._terms: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, term: str, compute: Callable[[str], tuple[np.ndarray, np.ndarray]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(snapshot indices, scores) of the documents ``term`` matches."""
        with self._lock:
            found = self._terms.get(term)
            if found is not None:
                self._terms.move_to_end(term)
                return found
        found = compute(term)
        with self._lock:
            if term not in self._terms and len(found[0]) <= self.max_entries:
                self._terms[term] = found
                self._entries += len(found[0])
                while self._entries > self.max_entries:
                    _, (evicted, _) = self._terms.popitem(last=False)
                    self._entries -= len(evicted)
        return found


@dataclass
class Snapshot:
    key: tuple[int, int]
    rowids: np.ndarray
    raw: list[str]
    kinds: np.ndarray  # kind name per document (object array)
    inactive: np.ndarray  # cancelled or ended
    facets: dict[str, FacetIndex]
    next_date: np.ndarray
    last_confirmed: np.ndarray
    titles: list[str]
    title_rank: np.ndarray  # alphabetical position of each document's title
    session_doc: np.ndarray
    session_day: np.ndarray
    vectors: np.ndarray | None
    has_vector: np.ndarray
    lexicon: dict[str, int] = field(default_factory=dict)
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (folded lower-case key, label)
    suggestion_keys: list[str] = field(default_factory=list)  # the keys alone, sorted, for bisect
    _fuzzy: object | None = None

    _kind_masks: dict = field(default_factory=dict)
    term_scores: TermScoreCache = field(default_factory=TermScoreCache)

    @property
    def size(self) -> int:
        return len(self.rowids)

    def kind_mask(self, kinds: tuple[str, ...]) -> np.ndarray:
        """A fresh boolean mask of the documents of ``kinds`` (the comparison is computed once)."""
        if kinds not in self._kind_masks:
            self._kind_masks[kinds] = (
                np.isin(self.kinds, list(kinds)) if self.size else np.zeros(0, dtype=bool)
            )
        return self._kind_masks[kinds].copy()

    def indices_of(self, rowids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Snapshot positions of ``rowids``, and which of them are in the snapshot at all (a write by
        another process may have added rows since it was loaded). ``rowids`` are stored sorted."""
        if not self.size:
            return np.zeros(len(rowids), dtype=np.int64), np.zeros(len(rowids), dtype=bool)
        positions = np.searchsorted(self.rowids, rowids)
        clipped = np.minimum(positions, self.size - 1)
        return clipped, (positions < self.size) & (self.rowids[clipped] == rowids)

    def document(self, index: int) -> SearchDocument:
        return SearchDocument.from_dict(json.loads(self.raw[index]))

    def fuzzy(self):
        """A typo lexicon over the indexed terms, built on first need (most queries never need it)."""
        if self._fuzzy is None:
            from search.analysis import FuzzyLexicon

            self._fuzzy = FuzzyLexicon(t for t, df in self.lexicon.items() if len(t) >= 5 and not t.isdigit())
        return self._fuzzy


def _ordinal(value: str | None) -> int:
    return dt.date.fromisoformat(value).toordinal() if value else NO_DATE


def build_snapshot(key, rows, lexicon: dict[str, int]) -> Snapshot:
    """Build the arrays from ``rows`` of (rowid, kind, document JSON, vector bytes). The JSON text is
    kept as stored; documents are parsed again only for the hits of a search."""
    rowids, raw, kinds, inactive, next_dates, confirmed, titles, vectors = [], [], [], [], [], [], [], []
    pairs: dict[str, tuple[list[int], list[str]]] = {facet: ([], []) for facet in FACETS}
    session_doc, session_day = [], []
    suggestions: dict[str, str] = {}
    for index, (rowid, kind, text, vector) in enumerate(rows):
        data = json.loads(text)
        document = SearchDocument.from_dict(data)
        rowids.append(rowid)
        raw.append(text)
        kinds.append(kind)
        inactive.append(document.status in {"cancelled", "ended"})
        next_dates.append(_ordinal(data.get("next_date")))
        confirmed.append(_ordinal(data.get("last_confirmed")) if data.get("last_confirmed") else 0)
        titles.append(document.title.lower())
        vectors.append(vector)
        for facet in FACETS:
            for value in document.facet_values(facet):
                pairs[facet][0].append(index)
                pairs[facet][1].append(value)
        for day in document.session_dates:
            session_doc.append(index)
            session_day.append(day.toordinal())
        for label in [document.title, *document.theme_labels, *document.provider_names]:
            suggestions.setdefault(label.lower(), label)
    facets = {}
    for facet, (docs, values) in pairs.items():
        distinct = sorted(set(values))
        value_ids = {v: i for i, v in enumerate(distinct)}
        facets[facet] = FacetIndex(
            distinct,
            value_ids,
            np.asarray(docs, dtype=np.int32),
            np.asarray([value_ids[v] for v in values], dtype=np.int32),
        )
    dims = {len(v) for v in vectors if v}
    matrix, has_vector = None, np.zeros(len(rowids), dtype=bool)
    if dims:
        width = max(dims)
        matrix = np.zeros((len(rowids), width // 4), dtype=np.float32)
        for i, blob in enumerate(vectors):
            if blob and len(blob) == width:
                matrix[i] = np.frombuffer(blob, dtype=np.float32)
                has_vector[i] = True
    # Folded once here rather than on every keystroke (a 100k catalogue has ~60k suggestions).
    folded_suggestions = sorted((fold(lower), label) for lower, label in suggestions.items())
    return Snapshot(
        key=key,
        rowids=np.asarray(rowids, dtype=np.int64),
        raw=raw,
        kinds=np.asarray(kinds, dtype=object),
        inactive=np.asarray(inactive, dtype=bool),
        facets=facets,
        next_date=np.asarray(next_dates, dtype=np.int64),
        last_confirmed=np.asarray(confirmed, dtype=np.int64),
        titles=titles,
        title_rank=np.argsort(np.argsort(np.asarray(titles, dtype=object), kind="stable"), kind="stable"),
        session_doc=np.asarray(session_doc, dtype=np.int32),
        session_day=np.asarray(session_day, dtype=np.int64),
        vectors=matrix,
        has_vector=has_vector,
        lexicon=lexicon,
        suggestions=folded_suggestions,
        suggestion_keys=[key for key, _ in folded_suggestions],
    )
