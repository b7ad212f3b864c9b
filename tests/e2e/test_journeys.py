"""The four journeys through the portal, in a real browser, with axe on every page they pass.

Each journey sets up what it needs itself (a centre answers a need that the test first posts as a
municipal user), so they run in any order and alone. Journeys over pages still being built skip
while their route answers 404 (``require_route``).
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible
from .helpers import login_as

pytestmark = pytest.mark.e2e

NEED_TEXT = (
    "Vi trenger veiledning over tid for fosterhjemmene våre, helst digitalt. Flere fosterforeldre "
    "opplever at barna har vært utsatt for traumer, og vi ønsker traumebevisst omsorg i hele tjenesten."
)


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def _nav(page):
    return page.get_by_role("navigation", name="Hovedmeny")


def post_need(page, *, title: str, description: str, visibility: str | None = None) -> str:
    """As the logged-in municipal user: post a need from /behov/ny/; returns the need's URL."""
    page.goto("/behov/ny/")
    page.get_by_label("Tittel").fill(title)
    page.get_by_label("Beskriv behovet").fill(description)
    if visibility:
        page.get_by_label(visibility).check()
    page.get_by_role("button", name="Publiser behovet").click()
    expect(page.get_by_text("Behovet er publisert.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/behov/\d+/$"))
    return page.url


def test_municipal_user_searches_describes_and_posts_a_need(page, require_route):
    require_route("/sok/")
    require_route("/behov/")
    login_as(page, "kommune")
    assert_accessible(page, "min side (kommune)")

    # 1. Search the catalogue from the main menu.
    _nav(page).get_by_role("link", name="Søk i tilbud").click()
    page.get_by_label("Hva trenger dere hjelp til?").fill("veiledning fosterhjem")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page.locator(".result-count")).to_contain_text("treff")
    expect(page.locator(".result-list .result").first).to_be_visible()
    assert_accessible(page, "search results")

    # 2. Describe the problem and read the matches.
    _nav(page).get_by_role("link", name="Beskriv behovet").click()
    page.get_by_label("Beskriv behovet med egne ord").fill(NEED_TEXT)
    page.get_by_role("button", name="Finn sentre som kan hjelpe").click()
    expect(page.get_by_role("heading", name="Forslag")).to_be_visible()
    matches = page.locator(".provider-match")
    expect(matches.first).to_be_visible()
    assert matches.count() >= 1
    expect(matches.first.get_by_text("Hvorfor:")).to_be_visible()
    assert_accessible(page, "describe: matches")

    # 3. Post it as a need: the form arrives pre-filled with the description.
    page.get_by_role("button", name="Send dette som et behov til sentrene").click()
    expect(page).to_have_url(re.compile(r"/behov/ny/$"))
    expect(page.get_by_label("Beskriv behovet")).to_have_value(re.compile("fosterhjemmene"))
    assert_accessible(page, "need form (pre-filled)")
    title = _unique("Veiledning av fosterhjem over tid")
    page.get_by_label("Tittel").fill(title)
    page.get_by_role("button", name="Publiser behovet").click()
    expect(page.get_by_text("Behovet er publisert.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name="Sendt til")).to_be_visible()
    assert_accessible(page, "need detail (service)")

    # 4. The service's list shows it.
    page.goto("/behov/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page, "needs list")


def test_centre_user_answers_from_the_inbox(page, browser, portal, require_route):
    require_route("/behov/")
    require_route("/senter/behov/")
    # A need shared with every centre, so it reaches this centre's inbox whatever the routing says.
    title = _unique("Traumebevisst omsorg i hele tjenesten")
    municipal = browser.new_context(base_url=portal.url, locale="nb-NO")
    try:
        municipal_page = municipal.new_page()
        login_as(municipal_page, "kommune")
        post_need(municipal_page, title=title, description=NEED_TEXT, visibility="Alle kompetansesentre")
    finally:
        municipal.close()

    login_as(page, "senter")
    page.get_by_role("link", name="Behov som er rutet til senteret").click()
    expect(page).to_have_url(re.compile(r"/senter/behov/$"))
    assert_accessible(page, "centre inbox")
    card = page.locator(".card").filter(has=page.get_by_role("link", name=title))
    expect(card).to_be_visible()

    card.get_by_role("link", name=re.compile("^Meld interesse")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meld interesse")
    assert_accessible(page, "express interest")
    page.get_by_label("Melding til tjenesten (valgfritt)").fill(
        "Vi kan tilby veiledning digitalt annenhver uke. Ta kontakt for en avklaringssamtale."
    )
    page.get_by_role("button", name="Meld interesse").click()
    expect(page.get_by_text("Interessen er sendt til tjenesten.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page, "need detail (centre)")


def test_curator_builds_a_yearly_overview(page, portal, require_route):
    require_route("/arsoversikt/")
    folder = portal.query(
        "import json; from katalog.models import OverviewFolderPage; "
        "f = OverviewFolderPage.objects.get(embete__slug='troms-og-finnmark'); "
        "from katalog.models import YearlyOverviewPage; "
        "years = list(YearlyOverviewPage.objects.filter(embete=f.embete).values_list('year', flat=True)); "
        "print(json.dumps({'id': f.pk, 'url': f.url, 'years': years}))"
    )
    year = max([2027, *folder["years"]]) + 1
    login_as(page, "statsforvalter")

    # Build the edition in Wagtail's admin: a new overview under the embete's own folder.
    page.goto(f"/admin/pages/add/katalog/yearlyoverviewpage/{folder['id']}/")
    page.locator("#id_title").fill(f"Årsoversikt {year} for Troms og Finnmark")
    page.locator("#id_year").fill(str(year))
    page.locator("#id_contact").fill("Barnevernseksjonen, fmtfpost@statsforvalteren.no")
    page.get_by_role("button", name="Flere handlinger").click()
    page.locator("button[name='action-publish']").click()
    expect(page.locator(".messages")).to_contain_text("fylt med")

    # The published edition is public and accessible.
    response = page.goto(f"{folder['url']}{year}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(year))
    assert_accessible(page, "yearly overview")
    page.goto(folder["url"])
    expect(page.get_by_role("heading", name=str(year), exact=True)).to_be_visible()
    expect(page.locator(f"main a[href$='/{year}/']")).to_be_visible()
    assert_accessible(page, "overview folder")


def test_statsforvalter_reads_the_dashboard(page, require_route):
    require_route("/statsforvalter/")
    login_as(page, "statsforvalter")
    page.get_by_role("link", name="Regional oversikt").click()
    expect(page).to_have_url(re.compile(r"/statsforvalter/troms-og-finnmark/$"))
    expect(page.get_by_role("heading", name="Nøkkeltall")).to_be_visible()
    assert_accessible(page, "regional dashboard")
    page.get_by_label("Periode").select_option(index=1)
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"\?ar=\d{4}"))
    assert_accessible(page, "regional dashboard (year)")
    # Another embete's dashboard is refused.
    response = page.goto("/statsforvalter/vestland/")
    assert response.status == 403


def test_bufdir_reads_the_national_dashboard(page, require_route):
    require_route("/bufdir/")
    login_as(page, "bufdir")
    page.goto("/bufdir/")
    expect(page.get_by_role("heading", name="Nøkkeltall")).to_be_visible()
    assert_accessible(page, "national dashboard")
