"""/sok/: what a municipal user sees — a query box with suggestions, facets with counts, sorting,
paging, shareable URLs, highlighted hits, a helpful empty result, Norwegian messages for anything
invalid (never a 500), and a clear 503 when the search engine is down.

Runs against the demo catalogue and its index (built by load_demo for the test session).
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from django.utils.html import strip_tags

import pytest

from search.backends import BackendStatus, SearchUnavailable
from tests.e2e.axe import AXE_JS
from tests.factories import OfferingPageFactory

pytestmark = pytest.mark.django_db


class DownBackend:
    """A search engine that cannot be reached (used through PORTAL_SEARCH_BACKENDS)."""

    name = "down"
    capabilities = frozenset()

    @classmethod
    def from_params(cls, **params):
        return cls()

    def _down(self, *args, **kwargs):
        raise SearchUnavailable("tilkoblingen ble avvist")

    search = suggest = index = delete = rebuild = similar = clear = _down

    def status(self):
        return BackendStatus(backend=self.name, healthy=False, detail="tilkoblingen ble avvist")


@pytest.fixture
def engine_down(settings):
    settings.PORTAL_SEARCH_BACKENDS = {"default": {"BACKEND": "tests.search.test_search_page.DownBackend"}}


def page_text(response) -> str:
    return " ".join(unescape(strip_tags(response.content.decode())).split())


def result_titles(response) -> list[str]:
    html = response.content.decode()
    return [
        unescape(strip_tags(t)).strip()
        for t in re.findall(r'<h3 class="result__title">(.*?)</h3>', html, re.S)
    ]


def status_text(response) -> str:
    match = re.search(r'<p class="result-count" role="status">(.*?)</p>', response.content.decode(), re.S)
    assert match, "the result count must be in a role=status element"
    return " ".join(unescape(strip_tags(match.group(1))).split())


class TestSearchPage:
    def test_query_shows_highlighted_hits_and_announces_the_count(self, client):
        response = client.get("/sok/", {"q": "traumebevisst omsorg"})
        assert response.status_code == 200
        titles = result_titles(response)
        assert titles and "traumebevisst omsorg" in titles[0].lower()
        assert re.match(r"\d+ treff på «traumebevisst omsorg»", status_text(response))
        assert "<mark>" in response.content.decode()
        assert "treff)" in response.content.decode().split("<title>")[1].split("</title>")[0]

    def test_empty_query_lists_the_catalogue(self, client):
        response = client.get("/sok/")
        assert response.status_code == 200
        assert re.match(r"\d+ tilbud", status_text(response))
        assert len(result_titles(response)) == 20

    def test_facets_are_checkbox_groups_with_counts(self, client):
        html = client.get("/sok/", {"q": "traume"}).content.decode()
        for legend in ("Senter", "Senterfamilie", "Tema", "Bistandsform", "Format", "Målgruppe", "Nivå"):
            assert re.search(rf'<legend class="visually-hidden">{legend}</legend>', html), legend
        assert "Tilgjengelig for hele landet" in html
        assert re.search(
            r'<input type="checkbox" name="family" value="rvts"[^>]*>\s*<label[^>]*>RVTS <span class="count">\(\d+',
            html,
        )
        assert '<label for="id_region">Tilgjengelig for fylke</label>' in html
        assert 'name="date_from"' in html and 'name="date_to"' in html

    def test_filters_narrow_and_stay_ticked_in_a_shareable_url(self, client):
        all_hits = client.get("/sok/", {"q": "traume"})
        narrowed = client.get("/sok/?q=traume&family=rvts&format=digitalt_direkte")
        count = lambda r: int(status_text(r).split()[0])  # noqa: E731
        assert 0 < count(narrowed) < count(all_hits)
        html = narrowed.content.decode()
        assert re.search(r'name="family" value="rvts"[^>]*checked', html)
        assert re.search(r'name="format" value="digitalt_direkte"[^>]*checked', html)
        assert "Format: Digitalt direkte" in page_text(narrowed)  # removable filter chip

    def test_sorting_by_next_date(self, client):
        response = client.get("/sok/", {"sort": "next_date"})
        dates = re.findall(r"<dt>Neste dato</dt><dd>(.*?)</dd>", response.content.decode())
        assert dates[0] != "Ingen oppsatt"
        assert re.search(r'<option value="next_date" selected>', response.content.decode())

    def test_pagination_links_keep_the_search(self, client):
        first = client.get("/sok/", {"q": "barnevern"})
        second = client.get("/sok/", {"q": "barnevern", "page": 2})
        assert 'aria-label="Sider med treff"' in first.content.decode()
        assert "?q=barnevern&amp;page=2" in first.content.decode()
        assert not set(result_titles(first)) & set(result_titles(second))
        assert "Viser 21–40" in status_text(second)

    def test_highlights_are_the_only_unescaped_text(
        self, client, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        settings.PORTAL_SEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.embedded.EmbeddedBackend",
                "PATH": str(tmp_path / "i.sqlite3"),
            }
        }
        with django_capture_on_commit_callbacks(execute=True):
            OfferingPageFactory(
                title="Kjæledyr <script>alert(1)</script> kurs", summary="Om <b>kjæledyr</b>."
            )
        html = client.get("/sok/", {"q": "kjæledyr"}).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html and "&lt;b&gt;" in html
        assert "<mark>Kjæledyr</mark>" in html

    def test_suggestion_script_is_external_and_the_box_works_without_it(self, client):
        response = client.get("/sok/")
        html = response.content.decode()
        assert re.search(r'<script src="/static/js/suggest\.js" defer></script>', html)
        assert not re.search(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", html
        )  # no inline scripts
        assert 'data-suggest-url="/api/v1/search/suggest/"' in html
        assert re.search(r'<form method="get" action="/sok/"[^>]*role="search"', html)
        assert (
            "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        )


@pytest.fixture
def empty_index(settings, tmp_path):
    """An index with nothing in it: every search comes back empty, whatever the demo data holds."""
    settings.PORTAL_SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.embedded.EmbeddedBackend",
            "PATH": str(tmp_path / "i.sqlite3"),
        }
    }


def related(response) -> list[str]:
    lists = re.findall(r'<ul class="related-themes">(.*?)</ul>', response.content.decode(), re.S)
    return (
        [unescape(strip_tags(item)).strip() for item in re.findall(r"<li>(.*?)</li>", lists[0])]
        if lists
        else []
    )


class TestEmptyResult:
    def test_no_hits_offer_related_themes_and_the_need_form(self, client, empty_index):
        response = client.get("/sok/", {"q": "leiarstøtte"})
        assert status_text(response) == "Ingen treff på «leiarstøtte»."
        # nynorsk «leiarstøtte» is analysed to lederstøtte, a synonym of the leadership theme
        assert "Ledelse og lederstøtte" in related(response)
        html = response.content.decode()
        assert 'href="/beskriv-behovet/?tekst=leiarst%C3%B8tte"' in html
        assert re.search(
            r'<a class="button" href="/beskriv-behovet/\?tekst=[^"]+">Beskriv behovet ditt</a>', html
        )

    def test_related_themes_link_to_a_search_in_the_theme(self, client, empty_index):
        html = client.get("/sok/", {"q": "traumebevisst omsorg"}).content.decode()
        assert re.search(r'<a href="/sok/\?theme=T\d+">Traumer og traumebevisst omsorg</a>', html)

    def test_themes_already_filtered_on_are_not_suggested_again(self, client, empty_index):
        response = client.get("/sok/", {"q": "leiarstøtte", "theme": "T01"})
        assert "Ledelse og lederstøtte" not in related(response)
        assert "søk uten filtre" in page_text(response)

    def test_words_unrelated_to_any_theme_still_get_the_need_form(self, client, empty_index):
        response = client.get("/sok/", {"q": "xqzzy"})
        assert related(response) == []
        assert "Beskriv behovet ditt" in page_text(response)


class TestInvalidParameters:
    def test_unknown_facet_value_is_reported_and_the_rest_kept(self, client):
        response = client.get("/sok/", {"q": "traume", "theme": ["T18", "FINNES-IKKE"]})
        assert response.status_code == 200
        text = page_text(response)
        assert "«FINNES-IKKE» er ikke en kjent verdi for tema" in text
        assert "Tema: Traumer og traumebevisst omsorg" in text  # the valid value still filters
        assert 'role="alert"' in response.content.decode()

    def test_bad_date_keeps_what_was_typed(self, client):
        response = client.get("/sok/", {"q": "traume", "date_from": "31.02.2027"})
        assert response.status_code == 200
        assert "«31.02.2027» er ikke en gyldig dato" in page_text(response)
        assert 'value="31.02.2027"' in response.content.decode()
        assert result_titles(response)  # searched without the bad date

    def test_norwegian_date_format_is_accepted(self, client):
        response = client.get("/sok/", {"date_from": "01.01.2020", "date_to": "31.12.2040"})
        assert "ikke en gyldig dato" not in page_text(response)
        assert "Fra 01.01.2020" in page_text(response)

    def test_reversed_dates_are_explained(self, client):
        text = page_text(client.get("/sok/", {"date_from": "2027-06-01", "date_to": "2027-01-01"}))
        assert "Til-datoen er før fra-datoen" in text

    def test_page_out_of_range_shows_the_last_page(self, client):
        response = client.get("/sok/", {"q": "traumebevisst omsorg", "page": 999})
        assert response.status_code == 200
        assert "Side 999 finnes ikke" in page_text(response)
        assert result_titles(response)

    @pytest.mark.parametrize(
        "params",
        [
            {"page": "abc"},
            {"page": "-3"},
            {"sort": "pris"},
            {"region": "99"},
            {"q": "x" * 600},
            {"date_to": "i morgen"},
            {"free": "kanskje"},
            {"unknown": "1"},
        ],
    )
    def test_nothing_invalid_gives_a_server_error(self, client, params):
        response = client.get("/sok/", params)
        assert response.status_code == 200
        if "unknown" not in params:
            assert "Noe i søket kunne ikke brukes" in page_text(response)


class TestEngineUnavailable:
    def test_search_page_answers_503_in_norwegian_and_keeps_the_query(self, client, engine_down):
        response = client.get("/sok/", {"q": "traumer"})
        assert response.status_code == 503
        text = page_text(response)
        assert "Søket er ikke tilgjengelig akkurat nå" in text
        assert 'value="traumer"' in response.content.decode()
        assert "/beskriv-behovet/?tekst=traumer" in response.content.decode()
        assert "Traceback" not in text

    def test_catalogue_pages_keep_working(self, client, engine_down):
        assert client.get("/sentre/").status_code == 200
        assert client.get("/sentre/nubu/").status_code == 200
        assert client.get("/tema/").status_code == 200


def _serve_with_test_client(client):
    """A Playwright route handler answering from Django's test client (and static files from the
    finders), so the browser sees the session's demo catalogue inside the test's transaction; a
    live server would need a transactional database, which empties the shared demo data."""
    from urllib.parse import urlsplit

    from django.contrib.staticfiles import finders

    def handle(route):
        request = route.request
        url = urlsplit(request.url)
        if url.path.startswith("/static/"):
            found = finders.find(url.path.removeprefix("/static/"))
            if not found:
                return route.fulfill(status=404, body="")
            kind = (
                "text/css" if found.endswith(".css") else "text/javascript" if found.endswith(".js") else None
            )
            return route.fulfill(status=200, body=Path(found).read_bytes(), content_type=kind)
        path = url.path + (f"?{url.query}" if url.query else "")
        response = client.get(path, HTTP_ACCEPT=request.headers.get("accept", "*/*"))
        headers = dict(response.items())
        return route.fulfill(status=response.status_code, headers=headers, body=response.content)

    return handle


@pytest.mark.e2e
class TestSuggestionsInABrowser:
    """The combobox with a keyboard, in Debian's Chromium (skipped where it is not installed)."""

    @pytest.fixture
    def browser_page(self, client, monkeypatch):
        chromium = shutil.which("chromium")
        if not chromium:
            pytest.skip("chromium is not installed")
        # Playwright's sync API runs an event loop in this thread; the ORM calls made from its route
        # handler are still synchronous and in the test's own thread and transaction.
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                headless=True,
                args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
            )
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on(
                "console",
                lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
            )
            page.route("http://testserver/**", _serve_with_test_client(client))
            page.goto("http://testserver/sok/")
            yield page
            browser.close()
            assert not errors, errors  # script errors and CSP violations

    def test_arrow_keys_and_enter_search_for_a_suggestion(self, browser_page):
        page = browser_page
        box = page.locator("#id_q")
        assert box.get_attribute("role") == "combobox"
        box.focus()
        page.keyboard.type("trau")
        page.wait_for_selector("#id_q-forslag:not([hidden])")
        assert box.get_attribute("aria-expanded") == "true"
        page.keyboard.press("ArrowDown")
        active = box.get_attribute("aria-activedescendant")
        chosen = page.locator(f"#{active}").text_content()
        assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("#id_q").input_value() == chosen
        assert "treff på" in page.locator("p.result-count").text_content()

    def test_escape_closes_the_list_and_keeps_the_text(self, browser_page):
        page = browser_page
        page.locator("#id_q").focus()
        page.keyboard.type("lede")
        page.wait_for_selector("#id_q-forslag:not([hidden])")
        page.keyboard.press("Escape")
        assert page.locator("#id_q").get_attribute("aria-expanded") == "false"
        assert page.locator("#id_q").input_value() == "lede"

    @pytest.mark.parametrize(
        "path",
        ["/sok/?q=traumer", "/sok/?q=xqzzy", "/sok/?q=traume&theme=FINNES-IKKE&date_from=31.02.2027&page=99"],
    )
    def test_axe_finds_no_violations(self, browser_page, path):
        page = browser_page
        page.goto(f"http://testserver{path}")
        assert _axe_violations(page) == []

    def test_axe_finds_no_violations_with_the_suggestions_open(self, browser_page):
        page = browser_page
        page.locator("#id_q").focus()
        page.keyboard.type("trau")
        page.wait_for_selector("#id_q-forslag:not([hidden])")
        assert _axe_violations(page) == []


def _axe_violations(page) -> list[tuple[str, list]]:
    """axe-core's (vendored, tests/e2e/vendor) WCAG 2.1 A/AA and best-practice violations of any impact:
    the search page is held to a stricter bar than the journeys' serious/critical one."""
    page.evaluate(AXE_JS)  # evaluate() is not subject to the page's CSP
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
