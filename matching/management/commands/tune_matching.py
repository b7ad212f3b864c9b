"""python manage.py tune_matching PATH [--folds 5] [--seed 7] [--write]

Sets the matcher's weights by cross-validation on labelled descriptions: reports the
cross-validated quality of each method (every case scored by weights tuned without it), then tunes
on all cases and, with --write, stores the weights in matching/weights.json with that report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

REPORT_KEYS = (
    "hit_at_1",
    "recall_at_3",
    "mrr",
    "macro_hit_at_1",
    "no_fit_precision",
    "no_fit_recall",
    "no_fit_accuracy",
    "specific_hit_at_3",
)


class Command(BaseCommand):
    help = "Setter matcherens vekter ved kryssvalidering på merkede behovsbeskrivelser."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--write", action="store_true", help="Lagre vektene i matching/weights.json")

    def handle(self, *args, path: Path, folds: int, seed: int, write: bool, **options):
        from matching import features as F
        from matching.catalogue import catalogue_profile
        from matching.engine import NO_FIT_INPUTS, WEIGHTS_PATH, get_matcher, load_method_configs
        from matching.evaluation import EvaluationDataError, load_cases, metrics
        from matching.tuning import collect, cross_validate, predict, tune

        try:
            cases = load_cases(path)
        except (OSError, EvaluationDataError) as exc:
            raise CommandError(str(exc)) from exc
        matcher = get_matcher()
        families = {slug: p.family for slug, p in catalogue_profile().providers.items()}
        starts = load_method_configs()
        # The dense-only method decides no-fit from its own scores, not from the lexical theme layer.
        plan = {
            "hybrid": (F.ALL_FEATURES, "theme_family", NO_FIT_INPUTS),
            "lexical": (F.LEXICAL_FEATURES, "theme_family", NO_FIT_INPUTS),
            "dense": (F.DENSE_FEATURES, "dense", ("top_score",)),
        }
        output = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
        summary = {}
        for method, (feature_names, anchor, no_fit_inputs) in plan.items():
            rows = collect(cases, matcher, method, feature_names)
            cv_predictions, _ = cross_validate(
                rows,
                starts[method],
                feature_names,
                families,
                anchor,
                k=folds,
                seed=seed,
                no_fit_inputs=no_fit_inputs,
            )
            cv = metrics(cases, cv_predictions, families)
            final = tune(rows, starts[method], feature_names, families, anchor, no_fit_inputs)
            fitted = metrics(cases, [predict(r, final, feature_names, families) for r in rows], families)
            summary[method] = {
                "cross_validated": {k: round(cv[k], 4) for k in REPORT_KEYS},
                "fitted": {k: round(fitted[k], 4) for k in REPORT_KEYS},
            }
            output[method] = final.to_dict()
            self.stdout.write(f"\n{method}: vekter {final.to_dict()}")
            self.stdout.write("  kryssvalidert: " + ", ".join(f"{k} {cv[k]:.3f}" for k in REPORT_KEYS))
            self.stdout.write("  tilpasset alle: " + ", ".join(f"{k} {fitted[k]:.3f}" for k in REPORT_KEYS))
        output["meta"] = {
            "tuned_on": path.name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16],
            "cases": len(cases),
            "folds": folds,
            "seed": seed,
            "date": dt.date.today().isoformat(),
            "report": summary,
        }
        if write:
            WEIGHTS_PATH.write_text(json.dumps(output, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Skrev {WEIGHTS_PATH}"))
