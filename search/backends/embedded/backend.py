"""The embedded backend: BM25 over pre-analysed Norwegian terms (SQLite FTS5), facets, filters,
highlighting and exact vector search (NumPy) — no server to run.

It is the single-machine default, sized for the portal's few thousand offerings and measured up to
100k (benchmarks/search.py). For more, or for several machines, configure Elasticsearch.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from ..base import (
    FACETS,
    BackendStatus,
    FacetCount,
    Hit,
    ProgressCallback,
    SearchDocument,
    SearchQuery,
    SearchResults,
)
from .highlight import Highlighter, mark, snippet
from .memory import NO_DATE, Snapshot, build_snapshot
from .store import TERM_COLUMNS, IndexStore, safe_term

# Relative weight of a match in the title, summary, body, and labels (themes, provider, form).
COLUMN_WEIGHTS = (3.0, 2.0, 1.0, 1.5)
# Query alternatives below this weight (compound parts, folded forms, synonyms, typo guesses) are
# scored in a second pass at reduced weight, so an exact word outranks a guess.
PRIMARY_WEIGHT = 0.95
SECONDARY_FACTOR = 0.6
# Terms in more than this share of documents carry almost no BM25 signal but cost the most time.
COMMON_TERM_SHARE = 0.5
# A long text (a described problem rather than a search) has enough rare words to carry it, so
# its terms in more than a quarter of the documents (BM25 IDF ≤ ln 3) are left out as well: they
# barely move the ranking and are the costly ones to score in a large catalogue.
LONG_QUERY_TERMS = 5
LONG_QUERY_COMMON_TERM_SHARE = 0.25


class EmbeddedBackend:
    """See module docstring. ``analyzer`` is injectable for tests; by default the analyser built
    from the current (editable) taxonomy is used."""

    name = "embedded"
    capabilities = frozenset({"keyword", "facets", "highlight", "vector", "suggest", "fuzzy"})

    def __init__(self, path: str | Path, analyzer_factory: Callable | None = None):
        self.store = IndexStore(Path(path))
        self._analyzer_factory = analyzer_factory
        self._snapshot: Snapshot | None = None
        self._highlighter: Highlighter | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_params(cls, path: str | Path, **unused) -> EmbeddedBackend:
        """:param path: the index file (created on first write)."""
        if unused:
            raise TypeError(f"unknown option(s) {', '.join(sorted(unused))}")
        return cls(path)

    @property
    def analyzer(self):
        if self._analyzer_factory is not None:
            return self._analyzer_factory()
        from search.vocabulary import current_analyzer

        return current_analyzer()

    # -- writing -----------------------------------------------------------------------------
    def _terms(self, document: SearchDocument) -> dict[str, str]:
        analyzer = self.analyzer
        labels = " ".join([*document.theme_labels, *document.provider_names, document.form_label])
        texts = (document.title, document.summary, document.body, labels)
        return {
            column: " ".join(t for t in (safe_term(term) for term in analyzer.index_terms(text)) if t)
            for column, text in zip(TERM_COLUMNS, texts, strict=True)
        }

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self.store.upsert((d, self._terms(d)) for d in documents)

    def delete(self, ids: Iterable[str]) -> int:
        return self.store.delete(ids)

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> int:
        return self.store.rebuild(((d, self._terms(d)) for d in documents), on_document=progress)

    def clear(self) -> None:
        self.store.clear()

    # -- the in-memory snapshot --------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        key = self.store.generation()
        with self._lock:
            if self._snapshot is None or self._snapshot.key != key:
                connection = self.store.connect()
                try:
                    rows = list(self.store.read_all(connection))
                    lexicon = self.store.vocabulary(connection)
                finally:
                    connection.close()
                self._snapshot = build_snapshot(key, rows, lexicon)
            return self._snapshot

    # -- searching ---------------------------------------------------------------------------
    def _base_mask(self, snap: Snapshot, query_kinds: Sequence[str], include_inactive: bool) -> np.ndarray:
        mask = snap.kind_mask(tuple(query_kinds))  # a fresh copy: callers modify it
        if not include_inactive:
            mask &= ~snap.inactive
        return mask

    def _filter_masks(self, snap: Snapshot, query: SearchQuery) -> dict[str, np.ndarray]:
        masks = {
            facet: snap.facets[facet].mask(snap.size, values)
            for facet, values in query.filters.items()
            if values and facet in snap.facets
        }
        if query.region:
            masks["_region"] = snap.facets["availability"].mask(snap.size, ["national", query.region])
        if query.date_from or query.date_to:
            low = query.date_from.toordinal() if query.date_from else 0
            high = query.date_to.toordinal() if query.date_to else NO_DATE
            in_range = (snap.session_day >= low) & (snap.session_day <= high)
            mask = np.zeros(snap.size, dtype=bool)
            mask[snap.session_doc[in_range]] = True
            masks["_dates"] = mask
        return masks

    def _scores(self, snap: Snapshot, text: str):
        """BM25 score per document (NaN where it does not match) and the analysed query."""
        analyzer = self.analyzer
        analysed = analyzer.query(
            text,
            lexicon=lambda term: term in snap.lexicon,
            fuzzy_candidates=lambda term: snap.fuzzy().candidates(term),
        )
        weighted: dict[str, float] = {}
        for term, weight in analysed.all_terms().items():
            term = safe_term(term)
            if term and term in snap.lexicon:
                weighted[term] = max(weight, weighted.get(term, 0.0))
        if len(weighted) > 1 and snap.size >= 50:
            primary = sum(1 for w in weighted.values() if w >= PRIMARY_WEIGHT)
            share = LONG_QUERY_COMMON_TERM_SHARE if primary >= LONG_QUERY_TERMS else COMMON_TERM_SHARE
            rare = {t: w for t, w in weighted.items() if snap.lexicon[t] / snap.size <= share}
            weighted = rare or weighted
        totals = np.zeros(snap.size)
        matched = np.zeros(snap.size, dtype=bool)
        for term, weight in weighted.items():
            indices, term_scores = snap.term_scores.get(term, lambda t: self._term_scores(snap, t))
            factor = 1.0 if weight >= PRIMARY_WEIGHT else SECONDARY_FACTOR
            totals[indices] += factor * term_scores
            matched[indices] = True
        scores = np.where(matched, totals, np.nan)
        return scores, analysed

    def _term_scores(self, snap: Snapshot, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Snapshot indices and BM25 contributions of the documents one term matches."""
        rowids, bm25 = self.store.match_arrays(self.store.reader(), f'"{term}"', COLUMN_WEIGHTS)
        # Vectorised: at 100k documents a Python loop over the matches cost ~100 ms per query.
        indices, found = snap.indices_of(rowids)
        return indices[found].astype(np.int32), bm25[found]

    def _order(
        self, snap: Snapshot, selected: np.ndarray, scores: np.ndarray | None, sort: str, limit: int
    ) -> np.ndarray:
        """Indices of the first ``limit`` selected documents in result order.

        np.lexsort sorts by its last key first. Only the first ``limit`` are needed, so when that is a
        small share of the matches, the candidates are first cut to those whose primary key is within
        the ``limit`` best (ties at the cut included), which keeps the order identical to a full sort.
        """
        indices = np.flatnonzero(selected)
        if not len(indices) or limit <= 0:
            return indices[:0]
        relevance = -np.nan_to_num(scores[indices], nan=0.0) if scores is not None else None
        if sort == "next_date":
            primary = snap.next_date[indices]
            secondary = [relevance] if relevance is not None else []
        elif sort == "confirmed":
            primary, secondary = -snap.last_confirmed[indices], []
        elif relevance is None:
            primary, secondary = snap.title_rank[indices], []
        else:
            primary, secondary = relevance, [snap.next_date[indices]]
        if limit < len(indices) // 4:
            cut = np.partition(primary, limit - 1)[limit - 1]
            keep = primary <= cut
            indices, primary = indices[keep], primary[keep]
            secondary = [key[keep] for key in secondary]
        keys = [snap.title_rank[indices], *reversed(secondary), primary]
        return indices[np.lexsort(keys)][:limit]

    def search(self, query: SearchQuery) -> SearchResults:
        snap = self.snapshot()
        base = self._base_mask(snap, query.kinds, query.include_inactive)
        scores, analysed = (None, None)
        if query.text.strip():
            scores, analysed = self._scores(snap, query.text)
            base &= ~np.isnan(scores)
        masks = self._filter_masks(snap, query)
        selected = base.copy()
        for mask in masks.values():
            selected &= mask
        facets: dict[str, list[FacetCount]] = {}
        if query.facets:
            for facet in FACETS:
                others = base.copy()
                for name, mask in masks.items():
                    if name != facet:
                        others &= mask
                facets[facet] = [FacetCount(v, c) for v, c in snap.facets[facet].counts(others)]
        ordered = self._order(snap, selected, scores, query.sort, query.offset + query.per_page)
        page = ordered[query.offset : query.offset + query.per_page]
        highlight = query.highlight and analysed is not None and len(page) > 0
        indexed = self.store.column_terms([int(snap.rowids[i]) for i in page]) if highlight else {}
        hits = []
        for index in page:
            document = snap.document(int(index))
            score = float(scores[index]) if scores is not None else 0.0
            columns = indexed.get(int(snap.rowids[index]))
            highlights = self._highlights(document, analysed, columns) if highlight else {}
            hits.append(Hit(id=document.id, score=score, document=document, highlights=highlights))
        return SearchResults(total=int(selected.sum()), hits=hits, facets=facets, query=query)

    def _highlights(
        self, document: SearchDocument, analysed, columns: tuple[str, ...] | None = None
    ) -> dict[str, str]:
        """Marked title and summary, and a marked snippet of the body, for fields that match.

        :param columns: the document's indexed terms per field (title, summary, body); a field none
            of whose terms the query asks for is skipped without analysing its text again.
        """
        highlighter = self.highlighter()
        wanted = analysed.all_terms()
        result = {}
        for position, field_name in enumerate(("title", "summary", "body")):
            text = getattr(document, field_name)
            if not text or (columns is not None and wanted.keys().isdisjoint(columns[position].split())):
                continue
            if field_name == "body":
                spans = highlighter.leading_spans(text, analysed)
                if spans:
                    text, spans = snippet(text, spans)
            else:
                spans = highlighter.spans(text, analysed)
            if spans:
                result[field_name] = mark(text, spans)
        return result

    def highlighter(self) -> Highlighter:
        """The highlighter of the current analyser (a new one when the taxonomy has changed)."""
        analyzer = self.analyzer
        if self._highlighter is None or self._highlighter.analyzer is not analyzer:
            self._highlighter = Highlighter(analyzer)
        return self._highlighter

    def similar(
        self,
        vector: Sequence[float],
        *,
        filters: dict[str, list[str]] | None = None,
        kinds: tuple[str, ...] = ("offering",),
        limit: int = 50,
    ) -> list[Hit]:
        snap = self.snapshot()
        if snap.vectors is None or not snap.size:
            return []
        query_vector = np.asarray(vector, dtype=np.float32)
        if query_vector.shape[0] != snap.vectors.shape[1]:
            return []
        norm = float(np.linalg.norm(query_vector))
        if norm:
            query_vector = query_vector / norm
        mask = self._base_mask(snap, kinds, include_inactive=False) & snap.has_vector
        for mask_part in self._filter_masks(snap, SearchQuery(filters=filters or {})).values():
            mask &= mask_part
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return []
        # One product over the whole matrix, then pick: indexing the matrix first would copy every
        # candidate's vector (150 MB at 100k documents) on each query.
        similarities = (snap.vectors @ query_vector)[candidates]
        top = min(limit, len(candidates))
        best = np.argpartition(-similarities, top - 1)[:top]
        best = best[np.argsort(-similarities[best], kind="stable")]
        return [
            Hit(
                id=snap.document(int(candidates[i])).id,
                score=float(similarities[i]),
                document=snap.document(int(candidates[i])),
            )
            for i in best
        ]

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        """Labels whose folded form starts with ``prefix`` (found by bisection), then labels with a
        later word starting with it."""
        from search.analysis import fold

        prefix = fold(prefix.strip().lower())
        if len(prefix) < 2:
            return []
        snap = self.snapshot()
        first = bisect.bisect_left(snap.suggestion_keys, prefix)
        starts = []
        for key, label in snap.suggestions[first:]:
            if not key.startswith(prefix) or len(starts) >= limit:
                break
            starts.append(label)
        if len(starts) >= limit:
            return starts
        word = f" {prefix}"
        inside = [
            label for key, label in snap.suggestions if word in f" {key}" and not key.startswith(prefix)
        ]
        return (starts + inside)[:limit]

    def status(self) -> BackendStatus:
        try:
            snap = self.snapshot()
        except Exception as exc:  # a corrupt or unreadable file must show up in status, not crash it
            return BackendStatus(
                backend=self.name, healthy=False, location=str(self.store.path), detail=str(exc)
            )
        size = self.store.path.stat().st_size if self.store.path.exists() else 0
        kinds = {kind: int((snap.kinds == kind).sum()) for kind in set(snap.kinds.tolist())}
        return BackendStatus(
            backend=self.name,
            healthy=True,
            documents=snap.size,
            location=str(self.store.path),
            detail=f"{size / 1_048_576:.1f} MB, {len(snap.lexicon)} termer",
            extra={"kinds": kinds, "generation": snap.key[1], "vectors": int(snap.has_vector.sum())},
        )
