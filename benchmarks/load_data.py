"""A portal with a synthetic catalogue of real pages, for the load test (benchmarks/load.py).

The offerings come from ``benchmarks/synthetic.py`` (deterministic: offering *i* is the same in every
run and size) and become live ``OfferingPage``s under their provider's page, with themes, formats,
target groups, regions, co-providers and sessions, so every code path a visitor reaches — pages,
search, matching, needs — works on the large catalogue. One rebuild at the end computes the
embeddings and the search index, as ``load_demo`` does.

Run by load.py in a subprocess whose environment points Django at a temporary database and var/
directory (never the development database):

    DJANGO_SETTINGS_MODULE=benchmarks.load_settings DATABASE_URL=sqlite:////tmp/x/db.sqlite3 \\
        PORTAL_VAR_DIR=/tmp/x/var .venv/bin/python -m benchmarks.load_data --offerings 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYNTHETIC_SLUG_PREFIX = "syntetisk-"


def _vocabularies() -> dict:
    from katalog.models import Format, FormOfHelp, TargetGroup, Theme
    from portal.organisations.models import County, Provider

    return {
        "themes": {t.code: t for t in Theme.objects.all()},
        "forms": {f.code: f for f in FormOfHelp.objects.all()},
        "groups": {g.code: g for g in TargetGroup.objects.all()},
        "formats": {f.code: f for f in Format.objects.all()},
        "counties": {c.number: c for c in County.objects.all()},
        "providers": {p.slug: p for p in Provider.objects.all()},
    }


def _page(offering, vocab: dict):
    from django.utils import timezone
    from django.utils.html import escape

    from katalog.models import OfferingPage, OfferingSession

    now = timezone.now()
    page = OfferingPage(
        title=offering.title[:255],
        slug=f"{SYNTHETIC_SLUG_PREFIX}{offering.number}",
        summary=offering.summary[:700],
        body="".join(f"<p>{escape(p)}</p>" for p in offering.body.split("\n\n")),
        form_of_help=vocab["forms"][offering.form],
        level=offering.level,
        cost="free" if offering.free else "fee",
        credits=Decimal(str(offering.credits)) if offering.credits else None,
        language=offering.language,
        national=offering.national,
        access_mode=offering.access_mode,
        capacity=offering.capacity,
        status=offering.status,
        last_confirmed=offering.last_confirmed,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    page.sessions = [
        OfferingSession(start=day, place="Digitalt", status="open", sort_order=i)
        for i, day in enumerate(offering.session_dates)
    ]
    return page


def _relations(page, offering, vocab: dict) -> None:
    page.themes.set([vocab["themes"][c] for c in offering.themes if c in vocab["themes"]])
    page.formats.set([vocab["formats"][c] for c in offering.formats if c in vocab["formats"]])
    page.target_groups.set([vocab["groups"][c] for c in offering.target_groups if c in vocab["groups"]])
    page.regions.set([vocab["counties"][c] for c in offering.regions if c in vocab["counties"]])
    page.co_providers.set([vocab["providers"][s] for s in offering.providers[1:] if s in vocab["providers"]])


def synthetic_pages_load(count: int, *, seed: int, progress=None) -> int:
    """Create synthetic offerings 1..count that do not exist yet; returns how many were created."""
    from django.db import transaction

    from benchmarks.synthetic import generate_offerings
    from katalog.models import OfferingPage, ProviderPage
    from search.signals import pause_indexing

    vocab = _vocabularies()
    parents = {p.provider.slug: p for p in ProviderPage.objects.select_related("provider")}
    existing = set(
        OfferingPage.objects.filter(slug__startswith=SYNTHETIC_SLUG_PREFIX).values_list("slug", flat=True)
    )
    created = 0
    with pause_indexing():
        batch = []
        for offering in generate_offerings(count, seed=seed):
            if f"{SYNTHETIC_SLUG_PREFIX}{offering.number}" not in existing:
                batch.append(offering)
            if len(batch) == 500 or (offering.number == count and batch):
                with transaction.atomic():
                    for item in batch:
                        page = _page(item, vocab)
                        parents[item.providers[0]].add_child(instance=page)
                        _relations(page, item, vocab)
                created += len(batch)
                batch = []
                if progress:
                    progress(created)
    return created


def sample_urls(per_type: int = 40) -> dict[str, list[str]]:
    """Page URLs for the load test to visit, by kind."""
    from wagtail.models import Page

    from katalog.models import OfferingPage, ProviderPage, ThemeIndexPage

    theme_index = ThemeIndexPage.objects.live().first()
    from katalog.models import Theme

    themes = list(Theme.objects.filter(offerings__isnull=False).distinct().values_list("code", flat=True))
    offerings = OfferingPage.objects.live().order_by("path")
    step = max(1, offerings.count() // per_type)
    return {
        "fixed": ["/", "/sentre/", "/tema/", "/beskriv-behovet/", "/om/", "/tilgjengelighetserklaering/"],
        "provider": [p.url for p in ProviderPage.objects.live().order_by("path")],
        "offering": [p.url for p in offerings[::step][:per_type]],
        "theme": [f"{theme_index.url}{code.lower()}/" for code in themes[:per_type]] if theme_index else [],
        "standard": [p.url for p in Page.objects.live().filter(depth=3).specific() if p.url][:5],
    }


def main(argv: list[str] | None = None) -> int:
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offerings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--urls", type=Path, help="write the sample page URLs here (JSON)")
    args = parser.parse_args(argv)
    django.setup()
    from django.core.management import call_command

    from katalog.models import OfferingPage
    from search.services import index_rebuild

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", allow_production=True, verbosity=0)
    print(f"demo world loaded in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    created = synthetic_pages_load(
        args.offerings, seed=args.seed, progress=lambda n: print(f"  {n} pages", flush=True)
    )
    print(f"{created} synthetic offering pages in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    indexed = index_rebuild()
    print(f"{indexed} documents embedded and indexed in {time.perf_counter() - started:.0f} s", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"catalogue: {OfferingPage.objects.live().count()} live offerings", flush=True)
    if args.urls:
        args.urls.write_text(json.dumps(sample_urls(), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
