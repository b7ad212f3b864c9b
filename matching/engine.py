"""The matcher: understand a description, gather candidates from search, score every provider.

It asks ``search/`` for lexical (BM25) and vector candidates — never a search engine directly —
and combines them with the taxonomy signals using weights set by cross-validation on the labelled
descriptions (``python manage.py tune_matching``; stored in weights.json). The requester's region
is never a filter or a boost: the home centre is shown as information only.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from search.backends import SearchQuery, get_search_backend

from . import features as F
from .catalogue import CatalogueProfile, catalogue_profile
from .embedders import get_embedder
from .preferences import PreferenceReader
from .taxonomy import PhraseLexicon, named_providers, theme_hits
from .types import Understanding

WEIGHTS_PATH = Path(__file__).resolve().parent / "weights.json"
METHODS = ("hybrid", "lexical", "dense")
CANDIDATES = 60


NO_FIT_INPUTS = ("share", "has_no_fit", "no_fit_mass", "fit_mass", "top_score", "forms", "named")


def no_fit_inputs(understanding: Understanding, top_score: float) -> dict[str, float]:
    """What the no-fit decision looks at: how much of the text is about things no centre serves,
    how much is about things centres do, how well the best centre scored, and whether the text asks
    for a form of help (a course, guidance …) or names a centre."""
    no_fit, fit = understanding.no_fit_mass, understanding.fit_mass
    return {
        "share": no_fit / (no_fit + fit) if no_fit + fit else 0.0,
        "has_no_fit": 1.0 if no_fit > 0 else 0.0,
        "no_fit_mass": math.log1p(no_fit),
        "fit_mass": math.log1p(fit),
        "top_score": top_score,
        "forms": float(min(3, len({p.value for p in understanding.preferences if p.kind == "form"}))),
        "named": 1.0 if understanding.named_providers or understanding.named_families else 0.0,
    }


@dataclass
class NoFitModel:
    """A small logistic model over :func:`no_fit_inputs`, fitted by cross-validation; ``threshold``
    is calibrated so no-fit precision and recall are balanced."""

    coef: dict[str, float]
    bias: float = 0.0
    mean: dict[str, float] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.0

    def decision(self, inputs: dict[str, float]) -> float:
        total = self.bias
        for name, weight in self.coef.items():
            value = (inputs.get(name, 0.0) - self.mean.get(name, 0.0)) / (self.scale.get(name, 1.0) or 1.0)
            total += weight * value
        return total

    def predict(self, inputs: dict[str, float]) -> bool:
        return self.decision(inputs) > self.threshold

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NoFitModel:
        return cls(
            dict(data.get("coef", {})),
            float(data.get("bias", 0.0)),
            dict(data.get("mean", {})),
            dict(data.get("scale", {})),
            float(data.get("threshold", 0.0)),
        )

    def to_dict(self) -> dict[str, Any]:
        def rounded(d):
            return {k: round(v, 5) for k, v in d.items()}

        return {
            "coef": rounded(self.coef),
            "bias": round(self.bias, 5),
            "mean": rounded(self.mean),
            "scale": rounded(self.scale),
            "threshold": round(self.threshold, 5),
        }


@dataclass
class MethodConfig:
    """Feature weights, how strongly the top three prefer different families, and the no-fit model."""

    weights: dict[str, float]
    no_fit: NoFitModel
    diversity: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MethodConfig:
        return cls(
            dict(data["weights"]), NoFitModel.from_dict(data["no_fit"]), float(data.get("diversity", 0.0))
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "diversity": round(self.diversity, 4),
            "no_fit": self.no_fit.to_dict(),
        }


DIVERSE_POSITIONS = 3


def diversify(
    ranking: list[str], scores: dict[str, float], families: dict[str, str], strength: float
) -> list[str]:
    """Prefer different families in the first positions: three RKBU/RBUP centres side by side tell a
    user less than the best of each kind of help. ``strength`` is the penalty per already-shown centre
    of the same family, as a share of the best score."""
    if strength <= 0 or len(ranking) <= 1:
        return ranking
    penalty = strength * max(abs(scores[ranking[0]]), 1e-9)
    chosen: list[str] = []
    remaining = list(ranking)
    for _ in range(min(DIVERSE_POSITIONS, len(remaining))):
        counts = {f: sum(1 for c in chosen if families.get(c) == f) for f in set(families.values())}
        best = max(
            remaining, key=lambda s: (scores[s] - penalty * counts.get(families.get(s), 0), -ranking.index(s))
        )
        chosen.append(best)
        remaining.remove(best)
    return chosen + remaining


def load_method_configs(path: Path = WEIGHTS_PATH) -> dict[str, MethodConfig]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {method: MethodConfig.from_dict(data[method]) for method in METHODS}


@dataclass
class Scored:
    """Every provider's features and score for one text, plus the no-fit decision."""

    understanding: Understanding
    features: dict[str, dict[str, float]]
    scores: dict[str, float]
    ranking: list[str]
    no_fit: bool
    no_fit_reason: str  # "themes" | "low_score" | ""
    lexical_hits: list
    dense_hits: list


class Matcher:
    def __init__(self, analyzer, taxonomy: dict[str, Any], configs: dict[str, MethodConfig] | None = None):
        self.analyzer = analyzer
        self.taxonomy = taxonomy
        self.themes = {t["code"]: t for t in taxonomy["themes"]}
        self.theme_families = {code: list(t.get("families") or []) for code, t in self.themes.items()}
        self.no_fit_codes = {code for code, t in self.themes.items() if t.get("no_fit")}
        self.theme_lexicon = PhraseLexicon(analyzer, taxonomy["themes"])
        self.preferences = PreferenceReader(analyzer, taxonomy)
        self.configs = configs or load_method_configs()
        self._theme_vectors: tuple[str, list[str], np.ndarray] | None = None
        self._lock = threading.Lock()

    # -- understanding ---------------------------------------------------------------------------
    def understand(
        self, text: str, *, region: str | None = None, catalogue: CatalogueProfile | None = None
    ) -> Understanding:
        catalogue = catalogue or catalogue_profile()
        named, families = named_providers(self.analyzer, text, catalogue.providers)
        return Understanding(
            themes=theme_hits(self.theme_lexicon, text),
            preferences=self.preferences.read(text),
            named_providers=named,
            named_families=families,
            region=region,
        )

    def theme_similarity(self, query_vector: np.ndarray) -> dict[str, float]:
        """Cosine similarity of the text to each theme's label, description and synonyms."""
        embedder = get_embedder()
        with self._lock:
            if self._theme_vectors is None or self._theme_vectors[0] != embedder.name:
                codes = list(self.themes)
                texts = [
                    ". ".join([t["label"], t.get("description", ""), ", ".join(t.get("synonyms") or [])])
                    for t in self.themes.values()
                ]
                self._theme_vectors = (embedder.name, codes, embedder.embed_documents(texts))
            _, codes, matrix = self._theme_vectors
        if matrix.shape[1] != query_vector.shape[0]:
            return {}
        similarities = matrix @ query_vector
        return {code: float(s) for code, s in zip(codes, similarities, strict=True)}

    # -- candidates ------------------------------------------------------------------------------
    def candidates(self, text: str, *, method: str) -> tuple[list, list, np.ndarray | None]:
        backend = get_search_backend()
        lexical = []
        if method in ("hybrid", "lexical"):
            results = backend.search(
                SearchQuery(
                    text=text,
                    kinds=("offering", "provider"),
                    per_page=CANDIDATES,
                    facets=False,
                    highlight=False,
                )
            )
            lexical = results.hits
        dense, vector = [], None
        if method in ("hybrid", "dense"):
            vector = get_embedder().embed_query(text)
            dense = backend.similar(vector, kinds=("offering", "provider"), limit=CANDIDATES)
        return lexical, dense, vector

    # -- scoring ---------------------------------------------------------------------------------
    def score(self, text: str, *, method: str = "hybrid", region: str | None = None) -> Scored:
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}")
        catalogue = catalogue_profile()
        understanding = self.understand(text, region=region, catalogue=catalogue)
        lexical_hits, dense_hits, vector = self.candidates(text, method=method)
        table = self.feature_table(understanding, catalogue, lexical_hits, dense_hits, vector)
        return self.decide(understanding, table, method, lexical_hits, dense_hits)

    def feature_table(
        self, understanding, catalogue, lexical_hits, dense_hits, vector
    ) -> dict[str, dict[str, float]]:
        themes = F.theme_features(understanding, catalogue, self.theme_families)
        retrieval = F.retrieval_features(catalogue, lexical_hits, dense_hits)
        similarity = self.theme_similarity(vector) if vector is not None else {}
        semantic = F.semantic_theme_features(catalogue, similarity, self.theme_families, self.no_fit_codes)
        named = F.named_features(understanding, catalogue)
        forms = F.form_features(understanding, catalogue)
        for hit in understanding.themes:
            hit.semantic = round(similarity.get(hit.code, 0.0), 4)
        return {
            slug: {
                **themes[slug],
                **retrieval[slug],
                "theme_semantic": semantic[slug],
                "named": named[slug],
                "form_fit": forms[slug],
            }
            for slug in catalogue.providers
        }

    def decide(
        self,
        understanding,
        table,
        method,
        lexical_hits=(),
        dense_hits=(),
        config: MethodConfig | None = None,
        families=None,
    ) -> Scored:
        config = config or self.configs[method]
        families = families or {slug: p.family for slug, p in catalogue_profile().providers.items()}
        scores = {
            slug: sum(config.weights.get(name, 0.0) * value for name, value in row.items())
            for slug, row in table.items()
        }
        # Ties (same family, same evidence) keep a stable, alphabetical order: region never decides.
        ranking = diversify(sorted(scores, key=lambda s: (-scores[s], s)), scores, families, config.diversity)
        top = scores[ranking[0]] if ranking else 0.0
        no_fit = config.no_fit.predict(no_fit_inputs(understanding, top))
        reason = ("themes" if understanding.no_fit_mass > 0 else "low_score") if no_fit else ""
        return Scored(
            understanding, table, scores, ranking, no_fit, reason, list(lexical_hits), list(dense_hits)
        )


_matcher: dict[str, Any] = {"analyzer": None, "matcher": None}
_matcher_lock = threading.Lock()


def get_matcher() -> Matcher:
    """The process's matcher, rebuilt when the taxonomy (and so the analyser) changes."""
    from search.vocabulary import current_analyzer, taxonomy_data_from_database

    analyzer = current_analyzer()
    with _matcher_lock:
        if _matcher["matcher"] is None or _matcher["analyzer"] is not analyzer:
            _matcher["matcher"] = Matcher(analyzer, taxonomy_data_from_database())
            _matcher["analyzer"] = analyzer
        return _matcher["matcher"]


def reset_matcher() -> None:
    with _matcher_lock:
        _matcher["matcher"] = None
