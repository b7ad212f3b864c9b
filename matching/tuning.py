"""Setting the matcher's weights by cross-validation on labelled descriptions.

Retrieval and understanding run once per case; tuning then only recombines the stored features, so
a full k-fold search takes a minute. Ranking weights are found by coordinate ascent over a grid
(maximising Hit@1 + MRR + macro Hit@1 + Recall@3); the no-fit model is a class-balanced, L2-
regularised logistic regression over a handful of inputs, with its threshold set to balance no-fit
precision and recall. The reported quality is the cross-validated one: every case is scored by
weights tuned without it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .engine import NO_FIT_INPUTS, MethodConfig, NoFitModel, diversify
from .evaluation import Case, Prediction, metrics

WEIGHT_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2, 3.0, 4.0, 5.0)
DIVERSITY_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6)
PASSES = 3
L2 = 0.3
ITERATIONS = 3000


@dataclass
class CaseRow:
    case: Case
    slugs: list[str]
    matrix: np.ndarray  # providers × features
    no_fit_inputs: dict[str, float]  # all but top_score, which depends on the weights


def collect(
    cases: Sequence[Case],
    matcher,
    method: str,
    feature_names: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> list[CaseRow]:
    """Understand every case and gather its features (the expensive part, done once)."""
    rows = []
    for index, case in enumerate(cases, start=1):
        scored = matcher.score(case.text, method=method)
        slugs = sorted(scored.features)
        matrix = np.asarray(
            [[scored.features[s].get(f, 0.0) for f in feature_names] for s in slugs], dtype=float
        )
        from .engine import no_fit_inputs

        rows.append(CaseRow(case, slugs, matrix, no_fit_inputs(scored.understanding, 0.0)))
        if progress is not None:
            progress(index)
    return rows


def predict(
    row: CaseRow, config: MethodConfig, feature_names: Sequence[str], families: dict[str, str]
) -> Prediction:
    """What engine.Matcher.decide would answer for this case under ``config``."""
    weights = np.asarray([config.weights.get(f, 0.0) for f in feature_names])
    values = row.matrix @ weights
    scores = dict(zip(row.slugs, values.tolist(), strict=True))
    ranking = diversify(sorted(scores, key=lambda s: (-scores[s], s)), scores, families, config.diversity)
    no_fit = config.no_fit.predict(_inputs(row, scores[ranking[0]]))
    return Prediction(ranking, no_fit)


def _inputs(row: CaseRow, top_score: float) -> dict[str, float]:
    return {**row.no_fit_inputs, "top_score": top_score}


def _top_score(row: CaseRow, config: MethodConfig, feature_names) -> float:
    return float(max(row.matrix @ np.asarray([config.weights.get(f, 0.0) for f in feature_names])))


def _ranking_objective(report: dict) -> float:
    return report["hit_at_1"] + report["mrr"] + report["macro_hit_at_1"] + report["recall_at_3"]


def _no_fit_objective(report: dict) -> tuple[float, float]:
    return (min(report["no_fit_precision"], report["no_fit_recall"]), report["no_fit_accuracy"])


def _evaluate(rows, config, feature_names, families):
    predictions = [predict(r, config, feature_names, families) for r in rows]
    return metrics([r.case for r in rows], predictions, families)


def tune_ranking(rows, start: MethodConfig, feature_names, families, anchor: str) -> MethodConfig:
    """Coordinate ascent; ``anchor`` keeps its weight (the scale is arbitrary, so one is fixed)."""
    config = replace(start, weights=dict(start.weights))
    best = _ranking_objective(_evaluate(rows, config, feature_names, families))
    for _ in range(PASSES):
        improved = False
        for name in [f for f in feature_names if f != anchor] + ["__diversity__"]:
            grid = DIVERSITY_GRID if name == "__diversity__" else WEIGHT_GRID
            for value in grid:
                candidate = replace(config, weights=dict(config.weights))
                if name == "__diversity__":
                    candidate.diversity = value
                else:
                    candidate.weights[name] = value
                score = _ranking_objective(_evaluate(rows, candidate, feature_names, families))
                if score > best + 1e-9:
                    best, config, improved = score, candidate, True
        if not improved:
            break
    return config


def fit_logistic(x: np.ndarray, y: np.ndarray, inputs: Sequence[str]) -> NoFitModel:
    """Class-balanced, L2-regularised logistic regression by gradient descent on standardised inputs."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    positives = max(1, int(y.sum()))
    negatives = max(1, len(y) - positives)
    sample_weight = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))
    coef, bias = np.zeros(z.shape[1]), 0.0
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-(z @ coef + bias)))
        error = (p - y) * sample_weight
        coef -= 0.1 * (z.T @ error / len(y) + L2 * coef / len(y))
        bias -= 0.1 * float(error.mean())
    return NoFitModel(
        coef=dict(zip(inputs, coef.tolist(), strict=True)),
        bias=bias,
        mean=dict(zip(inputs, mean.tolist(), strict=True)),
        scale=dict(zip(inputs, scale.tolist(), strict=True)),
    )


def tune_no_fit(
    rows, config: MethodConfig, feature_names, families, inputs: Sequence[str] = NO_FIT_INPUTS
) -> MethodConfig:
    x = np.asarray(
        [[_inputs(r, _top_score(r, config, feature_names))[name] for name in inputs] for r in rows]
    )
    y = np.asarray([1.0 if r.case.no_fit else 0.0 for r in rows])
    model = fit_logistic(x, y, inputs)
    decisions = sorted({round(model.decision(dict(zip(inputs, row, strict=True))), 6) for row in x.tolist()})
    candidates = [decisions[0] - 1.0, *((a + b) / 2 for a, b in zip(decisions, decisions[1:], strict=False))]
    best, best_threshold = None, 0.0
    for threshold in candidates:
        model.threshold = threshold
        objective = _no_fit_objective(_evaluate(rows, replace(config, no_fit=model), feature_names, families))
        # Prefer the threshold nearest zero among equals: the logistic model's own boundary.
        key = (*objective, -abs(threshold))
        if best is None or key > best:
            best, best_threshold = key, threshold
    model.threshold = best_threshold
    return replace(config, no_fit=model)


def tune(
    rows,
    start: MethodConfig,
    feature_names,
    families,
    anchor: str,
    no_fit_inputs: Sequence[str] = NO_FIT_INPUTS,
) -> MethodConfig:
    ranked = tune_ranking([r for r in rows if not r.case.no_fit], start, feature_names, families, anchor)
    return tune_no_fit(rows, ranked, feature_names, families, no_fit_inputs)


def folds(rows: Sequence[CaseRow], k: int, seed: int) -> list[list[int]]:
    """Stratified by target family (or no-fit), so every fold sees every kind of case."""
    strata: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        key = "no-fit" if row.case.no_fit else ",".join(sorted(row.case.targets))
        strata.setdefault(key, []).append(index)
    rng = random.Random(seed)  # noqa: S311 - reproducible folds, not security
    assignment: list[list[int]] = [[] for _ in range(k)]
    position = 0
    for key in sorted(strata):
        members = strata[key]
        rng.shuffle(members)
        for index in members:
            assignment[position % k].append(index)
            position += 1
    return assignment


def cross_validate(
    rows,
    start: MethodConfig,
    feature_names,
    families,
    anchor: str,
    k: int = 5,
    seed: int = 7,
    no_fit_inputs: Sequence[str] = NO_FIT_INPUTS,
):
    """Predictions for every case from weights tuned on the other folds, and the per-fold configs."""
    predictions: list[Prediction | None] = [None] * len(rows)
    configs = []
    for test in folds(rows, k, seed):
        test_set = set(test)
        train = [r for i, r in enumerate(rows) if i not in test_set]
        config = tune(train, start, feature_names, families, anchor, no_fit_inputs)
        configs.append(config)
        for index in test:
            predictions[index] = predict(rows[index], config, feature_names, families)
    return predictions, configs
