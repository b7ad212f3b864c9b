"""Matcher benchmark: quality of hybrid vs lexical-only vs dense-only on the labelled dev set (demo
catalogue, packaged model), and match latency p50/p95 — query encoding included — at 1k, 10k and
100k offerings.

    .venv/bin/python benchmarks/matching.py              # quality + latency at 1k, 10k, 100k
    .venv/bin/python benchmarks/matching.py --quick      # quality + latency at 1k
    .venv/bin/python benchmarks/matching.py --sizes 1000 10000 --queries 60

Everything runs in a temporary directory (its own SQLite database and search indexes); var/ is never
touched. Synthetic offerings (benchmarks/synthetic.py) get random unit vectors of the model's
dimension: vector search costs the same whatever the vectors contain, and embedding 100k texts with
the CPU model would take longer than the benchmark itself. Queries are encoded with the real model.
Latency is reported as ratios to the 1k catalogue measured in the same run, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: Path) -> None:
    os.environ["PORTAL_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def quality() -> dict[str, dict]:
    from django.core.management import call_command

    from matching.catalogue import catalogue_profile
    from matching.engine import get_matcher
    from matching.evaluation import Prediction, load_cases, metrics

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    print(f"Demokatalog lastet og innebygd med den ekte modellen på {time.perf_counter() - started:.0f} s")
    cases = load_cases(ROOT / "eval" / "dev.jsonl")
    families = {slug: p.family for slug, p in catalogue_profile().providers.items()}
    matcher = get_matcher()
    reports = {}
    for method in ("hybrid", "lexical", "dense"):
        predictions = []
        for case in cases:
            scored = matcher.score(case.text, method=method)
            predictions.append(Prediction(scored.ranking, scored.no_fit))
        reports[method] = metrics(cases, predictions, families)
    keys = [
        "hit_at_1",
        "recall_at_3",
        "mrr",
        "macro_hit_at_1",
        "no_fit_precision",
        "no_fit_recall",
        "specific_hit_at_3",
    ]
    print(f"\nKvalitet på eval/dev.jsonl ({len(cases)} tilfeller, demokatalogen):")
    print(f"{'':20}" + "".join(f"{m:>10}" for m in reports))
    for key in keys:
        print(f"{key:20}" + "".join(f"{reports[m][key]:>10.3f}" for m in reports))
    return reports


def synthetic_profile(offerings, providers):
    from matching.catalogue import CatalogueProfile, OfferingProfile, ProviderProfile

    profiles = {
        p.slug: ProviderProfile(
            slug=p.slug,
            short_name=p.short_name,
            name=p.name,
            family=p.family,
            url=f"/sentre/{p.slug}/",
            national=p.national,
            catchment=frozenset(),
            profile_themes=frozenset(p.profile_themes),
            profile_forms=frozenset(p.profile_forms),
            accepts_requests=True,
        )
        for p in providers
    }
    by_id = {}
    for o in offerings:
        profile = OfferingProfile(
            page_id=o.number,
            title=o.title,
            url=f"/tilbud/{o.number}/",
            providers=o.providers,
            themes=frozenset(o.themes),
            form=o.form,
            formats=frozenset(o.formats),
            target_groups=frozenset(o.target_groups),
            level=o.level,
            capacity=o.capacity,
            access_mode=o.access_mode,
            next_date=o.next_date.isoformat() if o.next_date else None,
            stale=False,
        )
        by_id[o.number] = profile
        for slug in o.providers:
            if slug in profiles:
                profiles[slug].offerings.append(profile)
    return CatalogueProfile(providers=profiles, offerings=by_id).index()


def latency(sizes: list[int], queries: int, tmp: Path) -> None:
    from django.test import override_settings

    import numpy as np

    from benchmarks.synthetic import generate_offerings, to_search_document
    from matching.catalogue import catalogue_profile_override
    from matching.embedders import get_embedder
    from matching.evaluation import load_cases
    from matching.services import text_match
    from portal.organisations.models import Provider
    from search.backends import reset_search_backends
    from search.backends.embedded import EmbeddedBackend

    cases = [c.text for c in load_cases(ROOT / "eval" / "dev.jsonl")]
    texts, warm_up = cases[:queries], cases[-3:]
    dimension = get_embedder().dimension
    providers = list(Provider.objects.all())
    rng = np.random.default_rng(2026)
    results = {}
    print(
        f"\nLatens for matching (hybrid, {len(texts)} spørringer, spørringskoding med {get_embedder().name} inkludert):"
    )
    for size in sizes:
        offerings = list(generate_offerings(size))
        path = tmp / f"synthetic-{size}.sqlite3"
        documents = []
        for offering in offerings:
            document = to_search_document(offering)
            vector = rng.standard_normal(dimension).astype(np.float32)
            document.vector = (vector / np.linalg.norm(vector)).tolist()
            documents.append(document)
        backends = {"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(path)}}
        started = time.perf_counter()
        EmbeddedBackend(path).rebuild(documents)
        build = time.perf_counter() - started
        with (
            override_settings(PORTAL_SEARCH_BACKENDS=backends),
            catalogue_profile_override(synthetic_profile(offerings, providers)),
        ):
            reset_search_backends()
            for text in warm_up:  # snapshot load, model load; texts that are not timed
                text_match(text=text, record=False)
            # Every timed text is encoded afresh: the quality run above filled the query cache.
            if hasattr(get_embedder(), "clear_query_cache"):
                get_embedder().clear_query_cache()
            timings = []
            for text in texts:
                started = time.perf_counter()
                text_match(text=text, record=False)
                timings.append((time.perf_counter() - started) * 1000)
        reset_search_backends()
        results[size] = timings
        print(
            f"  {size:>7} tilbud: indeks bygd på {build:6.1f} s, p50 {statistics.median(timings):6.1f} ms, "
            f"p95 {percentile(timings, 0.95):6.1f} ms"
        )
    base = sizes[0]
    for size in sizes[1:]:
        ratio = percentile(results[size], 0.95) / percentile(results[base], 0.95)
        print(f"  p95 ved {size} / p95 ved {base}: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="Bare 1k tilbud")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch threads for query encoding (production settings use 1 per gunicorn worker; 0: torch's default)",
    )
    args = parser.parse_args()
    sizes = [1_000] if args.quick else args.sizes
    with tempfile.TemporaryDirectory(prefix="felles-bench-matching-") as directory:
        tmp = Path(directory)
        setup_django(tmp)
        if args.threads:
            from django.conf import settings

            settings.PORTAL_EMBEDDER = {**settings.PORTAL_EMBEDDER, "THREADS": args.threads}
        if not args.no_quality:
            quality()
        else:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            call_command("load_reference_data", verbosity=0)
        latency(sizes, args.queries, tmp)


if __name__ == "__main__":
    main()
