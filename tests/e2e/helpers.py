"""Small steps the journeys share: logging in as a demo user, finding demo pages."""

from __future__ import annotations

import re
from functools import cache

from playwright.sync_api import expect

from portal.accounts.demo import DEMO_USERS

PASSWORDS = {user.username: user.password for user in DEMO_USERS}


def login_as(page, username: str) -> None:
    page.goto("/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORDS[username])
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(re.compile(r"/min-side/$"))


_PAGE_URLS = """
import json
from wagtail.models import Page
urls = {}
for page in Page.objects.live().public().specific().order_by("path"):
    urls.setdefault(type(page).__name__, page.url)
print(json.dumps(urls))
"""


@cache
def _page_urls(world) -> dict[str, str]:
    return world.query(_PAGE_URLS)


def page_url(world, page_type: str) -> str | None:
    """The URL of the first live, public page of a Wagtail page type (None if there is none)."""
    return _page_urls(world).get(page_type)
