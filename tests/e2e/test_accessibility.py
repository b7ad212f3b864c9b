"""axe-core on every public and logged-in page type: zero serious or critical WCAG 2.1 A/AA violations.

The journeys (test_journeys.py) check the pages of the flows they walk through as well; here every
page type is opened directly, in the states worth checking (with results, empty, with errors).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible
from .helpers import _page_urls, login_as, page_url

pytestmark = pytest.mark.e2e

# Every Wagtail page type the portal serves. A new page type fails test_every_page_type_is_checked
# until it is listed here (and so checked).
PAGE_TYPES = [
    "HomePage",
    "StandardPage",
    "ProviderIndexPage",
    "ProviderPage",
    "OfferingPage",
    "ThemeIndexPage",
    "OverviewIndexPage",
    "OverviewFolderPage",
    "YearlyOverviewPage",
]

NEED_TEXT = (
    "Vi trenger veiledning over tid for fosterhjemmene våre, helst digitalt. Flere fosterforeldre "
    "opplever at barna har vært utsatt for traumer, og vi ønsker traumebevisst omsorg i hele tjenesten."
)
PERSONAL_TEXT = (
    "Vi trenger hjelp i saken til Kari Nordmann, født 01.02.2012, telefon 912 34 567. Hun bor i "
    "Storgata 1 og vi ønsker veiledning om traumer."
)


def test_every_page_type_is_checked(portal):
    served = set(_page_urls(portal))
    missing = sorted(served - set(PAGE_TYPES) - {"Page"})
    assert not missing, f"Page types without an accessibility check: {missing}; add them to PAGE_TYPES"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type(page, portal, page_type):
    url = page_url(portal, page_type)
    if url is None:
        pytest.skip(f"No live {page_type} in the demo world")
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert_accessible(page, f"{page_type} {url}")


def test_theme_page(page):
    page.goto("/tema/")
    page.locator("main .card-list a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page, "theme page")


@pytest.mark.parametrize(
    "query",
    ["/sok/", "/sok/?q=fosterhjem", "/sok/?q=veiledning&format=digitalt_direkte&page=2", "/sok/?q=qqxxzzyy"],
    ids=["all", "results", "filtered-page-2", "empty"],
)
def test_search_page(page, require_route, query):
    require_route("/sok/")
    page.goto(query)
    expect(page.locator("#treff-tittel")).to_be_visible()
    assert_accessible(page, f"search {query}")


def test_search_page_with_invalid_input(page, require_route):
    require_route("/sok/")
    page.goto("/sok/?q=tilsyn&date_from=not-a-date&page=abc")
    assert_accessible(page, "search with errors")


def test_describe_need_empty_and_with_errors(page):
    page.goto("/beskriv-behovet/")
    assert_accessible(page, "describe: empty form")
    page.get_by_label("Beskriv behovet med egne ord").fill("kort")
    page.get_by_role("button", name="Finn sentre som kan hjelpe").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "describe: validation errors")


def test_describe_need_with_matches(page):
    page.goto("/beskriv-behovet/")
    page.get_by_label("Beskriv behovet med egne ord").fill(NEED_TEXT)
    page.get_by_role("button", name="Finn sentre som kan hjelpe").click()
    expect(page.get_by_role("heading", name="Forslag")).to_be_visible()
    assert_accessible(page, "describe: matches")


def test_describe_need_with_personal_data_warning(page):
    page.goto("/beskriv-behovet/")
    page.get_by_label("Beskriv behovet med egne ord").fill(PERSONAL_TEXT)
    page.get_by_role("button", name="Finn sentre som kan hjelpe").click()
    expect(page.get_by_text("Teksten ser ut til å inneholde personopplysninger")).to_be_visible()
    assert_accessible(page, "describe: personal-data warning")


def test_login_page_and_failed_login(page):
    page.goto("/logg-inn/")
    assert_accessible(page, "login")
    page.get_by_label("Brukernavn").fill("ingen-slik-bruker")
    page.get_by_label("Passord").fill("feil-passord-123")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_text("Feil brukernavn eller passord")).to_be_visible()
    assert_accessible(page, "login: failed")


def test_not_found_page(page):
    response = page.goto("/finnes-ikke-her/")
    assert response.status == 404
    assert_accessible(page, "404")


@pytest.mark.parametrize(
    "username", ["kommune", "senter", "statsforvalter", "bufdir", "redaktor"], ids=lambda u: u
)
def test_min_side_per_role(page, username):
    login_as(page, username)
    assert_accessible(page, f"min side ({username})")


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("kommune", "/behov/"),
        ("kommune", "/behov/ny/"),
        ("senter", "/senter/behov/"),
        ("statsforvalter", "/statsforvalter/"),
        ("bufdir", "/bufdir/"),
        ("kommune", "/apne-data/"),
    ],
    ids=lambda value: value,
)
def test_logged_in_pages(page, require_route, username, path):
    require_route(path)
    login_as(page, username)
    response = page.goto(path)
    assert response.status == 200, f"{path} as {username} answered {response.status}"
    assert_accessible(page, f"{path} as {username}")
