"""Orchestrates the demo: each app owns its own part (users, catalogue, needs)."""

from __future__ import annotations

from typing import TextIO


def demo_load(*, seed: int = 2026, progress: TextIO | None = None) -> str:
    from portal.accounts.demo import demo_users_load

    users = demo_users_load()
    parts = [f"{len(users)} brukere"]
    return ", ".join(parts) + "."
