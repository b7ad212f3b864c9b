"""Measuring the matcher on labelled descriptions (the schema of eval/dev.jsonl; eval/README.md).

Families, not single centres, are what most labels name: Hit@1, Recall@3 and MRR are computed on the
family of each ranked provider. Target families are ``primary``, or ``also`` when primary is empty.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REQUIRED_FIELDS = {"id": str, "text": str, "primary": list, "also": list, "specific": list, "no_fit": bool}
BREAKDOWN_TAGS = {
    "ambiguous": ("ambiguous",),
    "cross-region": ("cross-region",),
    "nynorsk/dialect/typos": ("nynorsk", "dialect", "typos"),
    "weak/partial-fit/gap": ("weak-fit", "partial-fit", "gap"),
}


class EvaluationDataError(ValueError):
    """The evaluation file is malformed; the message names the line."""


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    primary: tuple[str, ...]
    also: tuple[str, ...]
    specific: tuple[str, ...]
    no_fit: bool
    refer: tuple[str, ...] = ()
    source: str = ""
    region: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def targets(self) -> tuple[str, ...]:
        return self.primary or self.also


@dataclass
class Prediction:
    ranking: list[str]  # provider slugs, best first
    no_fit: bool
    referrals: list[str] = field(default_factory=list)


def load_cases(path: str | Path) -> list[Case]:
    cases = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationDataError(f"{path}, linje {number}: ugyldig JSON ({exc.msg})") from exc
            for name, kind in REQUIRED_FIELDS.items():
                if not isinstance(row.get(name), kind):
                    raise EvaluationDataError(
                        f"{path}, linje {number}: feltet «{name}» mangler eller har feil type"
                    )
            cases.append(
                Case(
                    id=row["id"],
                    text=row["text"],
                    primary=tuple(row["primary"]),
                    also=tuple(row["also"]),
                    specific=tuple(row["specific"]),
                    no_fit=row["no_fit"],
                    refer=tuple(row.get("refer") or ()),
                    source=str(row.get("source") or ""),
                    region=row.get("region"),
                    tags=tuple(row.get("tags") or ()),
                )
            )
    return cases


def _ranking_metrics(case: Case, prediction: Prediction, family_of: Mapping[str, str]) -> dict[str, float]:
    families = [family_of.get(slug, "") for slug in prediction.ranking]
    targets = set(case.targets)
    first = next((i for i, f in enumerate(families) if f in targets), None)
    return {
        "hit_at_1": float(bool(families) and families[0] in targets),
        "recall_at_3": len(targets & set(families[:3])) / len(targets) if targets else 0.0,
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
    }


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def metrics(cases: list[Case], predictions: list[Prediction], family_of: Mapping[str, str]) -> dict[str, Any]:
    """The report's figures over ``cases`` (see eval/README.md)."""
    ranked = [
        (c, p, _ranking_metrics(c, p, family_of))
        for c, p in zip(cases, predictions, strict=True)
        if not c.no_fit
    ]
    per_family: dict[str, list[dict[str, float]]] = defaultdict(list)
    for case, _, row in ranked:
        for family in case.targets:
            per_family[family].append(row)
    true_positive = sum(1 for c, p in zip(cases, predictions, strict=True) if c.no_fit and p.no_fit)
    predicted = sum(1 for p in predictions if p.no_fit)
    actual = sum(1 for c in cases if c.no_fit)
    specific = [
        any(slug in p.ranking[:3] for slug in c.specific)
        for c, p in zip(cases, predictions, strict=True)
        if c.specific
    ]
    referral_recall = [
        len(set(c.refer) & set(p.referrals)) / len(c.refer)
        for c, p in zip(cases, predictions, strict=True)
        if c.refer
    ]
    return {
        "n": len(cases),
        "n_ranked": len(ranked),
        "n_empty_primary": sum(1 for c, _, _ in ranked if not c.primary),
        "hit_at_1": _mean(r["hit_at_1"] for _, _, r in ranked),
        "recall_at_3": _mean(r["recall_at_3"] for _, _, r in ranked),
        "mrr": _mean(r["mrr"] for _, _, r in ranked),
        "macro_hit_at_1": _mean(_mean(r["hit_at_1"] for r in rows) for rows in per_family.values()),
        "no_fit_precision": true_positive / predicted if predicted else 0.0,
        "no_fit_recall": true_positive / actual if actual else 0.0,
        "no_fit_accuracy": _mean(
            float(c.no_fit == p.no_fit) for c, p in zip(cases, predictions, strict=True)
        ),
        "specific_hit_at_3": _mean(map(float, specific)),
        "n_specific": len(specific),
        "referral_recall": _mean(referral_recall),
        "by_family": {
            family: {
                "n": len(rows),
                "hit_at_1": _mean(r["hit_at_1"] for r in rows),
                "mrr": _mean(r["mrr"] for r in rows),
            }
            for family, rows in sorted(per_family.items())
        },
    }


def breakdowns(
    cases: list[Case], predictions: list[Prediction], family_of: Mapping[str, str]
) -> dict[str, dict]:
    """The same figures by source and by the tag groups the README asks for."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, case in enumerate(cases):
        groups[f"source {case.source}"].append(index)
        for name, tags in BREAKDOWN_TAGS.items():
            if set(case.tags) & set(tags):
                groups[name].append(index)
    return {
        name: metrics([cases[i] for i in indices], [predictions[i] for i in indices], family_of)
        for name, indices in sorted(groups.items())
    }


def format_table(report: dict[str, Any], groups: dict[str, dict] | None = None) -> str:
    keys = [
        "hit_at_1",
        "recall_at_3",
        "mrr",
        "macro_hit_at_1",
        "no_fit_precision",
        "no_fit_recall",
        "no_fit_accuracy",
        "specific_hit_at_3",
    ]
    lines = [f"{'':28}{'n':>5}" + "".join(f"{k[:12]:>14}" for k in keys)]
    lines.append(f"{'Totalt':28}{report['n']:>5}" + "".join(f"{report[k]:>14.3f}" for k in keys))
    for name, row in (groups or {}).items():
        lines.append(f"{name:28}{row['n']:>5}" + "".join(f"{row[k]:>14.3f}" for k in keys))
    lines.append("")
    lines.append(
        "Per familie (Hit@1 / MRR): "
        + ", ".join(
            f"{f} {v['hit_at_1']:.2f}/{v['mrr']:.2f} (n={v['n']})" for f, v in report["by_family"].items()
        )
    )
    lines.append(f"Tilfeller med tom «primary» (scoret mot «also»): {report['n_empty_primary']}")
    return "\n".join(lines)
