"""The embedded backend: BM25 over pre-analysed Norwegian terms (SQLite FTS5), facets, filters,
highlighting and exact vector search (NumPy) — no server to run.

It is the single-machine default, sized for the portal's few thousand offerings and measured up to
100k (benchmarks/search.py). For more, or for several machines, configure Elasticsearch.
"""

from __future__ import annotations

import html
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
SNIPPET_CHARS = 240


class EmbeddedBackend:
    """See module docstring. ``analyzer`` is injectable for tests; by default the analyser built
    from the current (editable) taxonomy is used."""

    name = "embedded"
    capabilities = frozenset({"keyword", "facets", "highlight", "vector", "suggest", "fuzzy"})

    def __init__(self, path: str | Path, analyzer_factory: Callable | None = None):
        self.store = IndexStore(Path(path))
        self._analyzer_factory = analyzer_factory
        self._snapshot: Snapshot | None = None
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
        mask = np.isin(snap.kinds, list(query_kinds)) if snap.size else np.zeros(0, dtype=bool)
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
            rare = {t: w for t, w in weighted.items() if snap.lexicon[t] / snap.size <= COMMON_TERM_SHARE}
            weighted = rare or weighted
        scores = np.full(snap.size, np.nan)
        primary = [t for t, w in weighted.items() if w >= PRIMARY_WEIGHT]
        secondary = [t for t, w in weighted.items() if w < PRIMARY_WEIGHT]
        connection = self.store.connect()
        try:
            for terms, factor in ((primary, 1.0), (secondary, SECONDARY_FACTOR)):
                if not terms:
                    continue
                expression = " OR ".join(f'"{t}"' for t in terms)
                for rowid, score in self.store.match(connection, expression, COLUMN_WEIGHTS):
                    index = snap.row_index.get(rowid)
                    if index is not None:
                        previous = 0.0 if np.isnan(scores[index]) else scores[index]
                        scores[index] = previous + factor * score
        finally:
            connection.close()
        return scores, analysed

    def _order(
        self, snap: Snapshot, selected: np.ndarray, scores: np.ndarray | None, sort: str
    ) -> np.ndarray:
        """Indices of the selected documents in result order (np.lexsort sorts by its last key first)."""
        indices = np.flatnonzero(selected)
        if not len(indices):
            return indices
        title = snap.title_rank[indices]
        relevance = -np.nan_to_num(scores[indices], nan=0.0) if scores is not None else None
        if sort == "next_date":
            keys = [title, *([relevance] if relevance is not None else []), snap.next_date[indices]]
        elif sort == "confirmed":
            keys = [title, -snap.last_confirmed[indices]]
        elif relevance is None:
            keys = [title]
        else:
            keys = [title, snap.next_date[indices], relevance]
        return indices[np.lexsort(keys)]

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
        ordered = self._order(snap, selected, scores, query.sort)
        page = ordered[query.offset : query.offset + query.per_page]
        hits = []
        for index in page:
            document = snap.document(int(index))
            score = float(scores[index]) if scores is not None else 0.0
            highlights = (
                self._highlights(document, analysed) if query.highlight and analysed is not None else {}
            )
            hits.append(Hit(id=document.id, score=score, document=document, highlights=highlights))
        return SearchResults(total=int(selected.sum()), hits=hits, facets=facets, query=query)

    def _highlights(self, document: SearchDocument, analysed) -> dict[str, str]:
        analyzer = self.analyzer
        result = {}
        for field_name in ("title", "summary", "body"):
            text = getattr(document, field_name)
            spans = analyzer.highlight(text, analysed) if text else []
            if not spans:
                continue
            if field_name == "body":
                text, spans = _snippet(text, spans)
            result[field_name] = _mark(text, spans)
        return result

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
        similarities = snap.vectors[candidates] @ query_vector
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
        from search.analysis import fold

        prefix = fold(prefix.strip().lower())
        if len(prefix) < 2:
            return []
        snap = self.snapshot()
        starts, inside = [], []
        for key, label in snap.suggestions:
            folded = fold(key)
            if folded.startswith(prefix):
                starts.append(label)
            elif f" {prefix}" in f" {folded}":
                inside.append(label)
            if len(starts) >= limit:
                break
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


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A window of the body around the first match, cut at word boundaries."""
    start = max(0, spans[0][0] - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
    shifted = [(s + len(prefix), e + len(prefix)) for s, e in inside]
    return prefix + text[start:end] + suffix, shifted


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    """HTML-escape ``text`` and wrap the spans in <mark>."""
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)
