"""python manage.py evaluate_matching PATH [--method hybrid|lexical|dense] [--json]

Scores every labelled description in PATH (the schema of eval/dev.jsonl) against the current
catalogue and prints the metrics of eval/README.md: a table, or one JSON object with --json.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

JSON_KEYS = (
    "n",
    "hit_at_1",
    "recall_at_3",
    "mrr",
    "macro_hit_at_1",
    "no_fit_precision",
    "no_fit_recall",
    "no_fit_accuracy",
    "specific_hit_at_3",
    "by_family",
)


def predictions_for(cases, method: str):
    from matching.engine import get_matcher
    from matching.evaluation import Prediction
    from matching.explain import _referrals  # the same referral logic users see

    matcher = get_matcher()
    predictions = []
    for case in cases:
        scored = matcher.score(case.text, method=method)
        referrals = [r.slug for r in _referrals(scored, matcher.themes, {})]
        predictions.append(Prediction(scored.ranking, scored.no_fit, referrals))
    return predictions


class Command(BaseCommand):
    help = "Måler matcheren på merkede behovsbeskrivelser (Hit@1, Recall@3, MRR, ingen-treff …)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--method", choices=["hybrid", "lexical", "dense"], default="hybrid")
        parser.add_argument("--json", action="store_true", help="Skriv ett JSON-objekt")

    def handle(self, *args, path: Path, method: str, **options):
        from matching.catalogue import catalogue_profile
        from matching.evaluation import EvaluationDataError, breakdowns, format_table, load_cases, metrics

        if not path.exists():
            raise CommandError(f"Fant ikke {path}.")
        try:
            cases = load_cases(path)
        except EvaluationDataError as exc:
            raise CommandError(str(exc)) from exc
        if not cases:
            raise CommandError(f"{path} inneholder ingen tilfeller.")
        families = {slug: p.family for slug, p in catalogue_profile().providers.items()}
        predictions = predictions_for(cases, method)
        report = metrics(cases, predictions, families)
        if options["json"]:
            self.stdout.write(_json_dumps({key: report[key] for key in JSON_KEYS}))
            return
        self.stdout.write(f"Metode: {method}. Tilfeller: {len(cases)} ({path}).")
        self.stdout.write(format_table(report, breakdowns(cases, predictions, families)))
        self.stdout.write(f"Gjenkalling av henvisninger (diagnostikk): {report['referral_recall']:.3f}")


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
