"""Orchestrates the demo: each app owns its own part (users, catalogue, needs)."""

from __future__ import annotations

from typing import TextIO


def demo_load(*, seed: int = 2026, progress: TextIO | None = None) -> str:
    from katalog.demo.loader import demo_catalogue_load
    from portal.accounts.demo import demo_users_load
    from search.services import index_rebuild
    from search.signals import pause_indexing

    users = demo_users_load()
    with pause_indexing():
        offerings = demo_catalogue_load()
    # Yearly overviews for the coming year: Troms og Finnmark published, Vestland as a draft.
    from overviews.demo import demo_overviews_load

    overviews = demo_overviews_load()
    # One rebuild at the end (embeddings for changed texts, then the index) instead of one per page.
    indexed = index_rebuild()
    # Needs last: publishing runs the matcher against the rebuilt index (portal/needs/demo.py).
    from portal.needs.demo import demo_needs_load

    needs = demo_needs_load()
    parts = [
        f"{len(users)} brukere",
        f"{offerings} nye tilbud",
        f"{overviews} nye årsoversikter",
        f"{indexed} dokumenter i søkeindeksen",
        f"{needs} nye behov",
    ]
    return ", ".join(parts) + "."
