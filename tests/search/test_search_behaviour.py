"""How search behaves on the demo catalogue, for the words municipal staff actually type.

Every expectation is built from what the catalogue contains, read from the live pages through the
ORM — never from the search index and never from hard-coded ids — so each test fails if search
stops finding what is there, and says which offering it missed.
"""

from __future__ import annotations

import re
from collections import Counter

from django.utils.html import strip_tags

import pytest

from katalog.models import OfferingPage
from search.backends import SearchQuery
from search.services import search_query, search_suggest

pytestmark = pytest.mark.django_db
INACTIVE = {"cancelled", "ended"}


@pytest.fixture
def offerings() -> list[dict]:
    """Every live, public, active offering as plain data: texts, labels and facet values."""
    pages = (
        OfferingPage.objects.live()
        .public()
        .exclude(status__in=INACTIVE)
        .select_related("form_of_help")
        .prefetch_related("themes", "formats", "target_groups", "regions", "co_providers", "sessions")
    )
    rows = []
    for page in pages:
        providers = [p for p in [page.provider, *page.co_providers.all()] if p is not None]
        rows.append(
            {
                "title": page.title,
                "text": " ".join([page.title, page.summary, strip_tags(page.body)]),
                "labels": " ".join([*(t.label for t in page.themes.all()), page.form_of_help.label]),
                "provider": {p.slug for p in providers},
                "family": {p.family for p in providers},
                "theme": {t.code for t in page.themes.all()},
                "form": {page.form_of_help.code},
                "format": {f.code for f in page.formats.all()},
                "target_group": {g.code for g in page.target_groups.all()},
                "level": {page.level},
                "availability": {"national"} if page.national else {c.number for c in page.regions.all()},
                "capacity": {page.capacity},
                "free": {"true" if page.is_free else "false"},
                "language": {page.language},
                "sessions": [s.start for s in page.sessions.all() if s.status != "cancelled"],
            }
        )
    assert len(rows) > 100, "the demo catalogue should be loaded for the test session"
    return rows


def titles(text: str, **query) -> list[str]:
    results = search_query(query=SearchQuery(text=text, per_page=500, **query))
    return [hit.document.title for hit in results.hits]


def having(offerings: list[dict], pattern: str, field: str = "text") -> list[str]:
    found = [o["title"] for o in offerings if re.search(pattern, o[field], re.IGNORECASE)]
    assert found, f"the demo catalogue has no offering matching {pattern!r}; the test needs one"
    return found


class TestNorwegianWords:
    def test_inflected_form_finds_the_base_form(self, offerings):
        # "barnevernet" (definite) must find offerings that only say "barnevern"
        only_base = [
            o["title"]
            for o in offerings
            if re.search(r"\bbarnevern\b", o["text"], re.I)
            and not re.search(r"\bbarnevernet\b", o["text"], re.I)
        ]
        assert only_base
        assert not set(only_base) - set(titles("barnevernet"))

    def test_typo_finds_traumebevisst_omsorg(self, offerings):
        wanted = having(offerings, r"traumebevisst omsorg")
        found = titles("traumebevist")
        assert not set(wanted) - set(found)
        assert "traumebevisst" in found[0].lower()

    def test_nynorsk_query_finds_bokmal_offerings(self, offerings):
        # Offerings about "lederstøtte" (theme or form of help) — the demo texts are mostly bokmål
        wanted = having(offerings, r"lederstøtte", field="labels")
        found = titles("leiarstøtte")
        assert set(found[: len(wanted)]) == set(wanted)  # they rank first
        assert set(found) == set(titles("lederstøtte"))  # and nynorsk finds what bokmål finds

    def test_typing_without_norwegian_letters(self, offerings):
        wanted = having(offerings, r"\bstøtte\b")
        assert not set(wanted) - set(titles("stotte"))

    def test_abbreviation_finds_its_expansion(self, offerings):
        wanted = having(offerings, r"traumebevisst omsorg")
        found = titles("TBO")
        assert not set(wanted) - set(found)
        assert re.search(r"traumebevisst omsorg|\bTBO", found[0], re.I)

    def test_rus_is_not_found_inside_trusler(self, offerings):
        # Offerings that mention threats (trusler) and nothing about substance use
        about_threats_only = [
            o["title"]
            for o in offerings
            if re.search(r"trusl", o["text"], re.I)
            and not re.search(
                r"rus", re.sub(r"\w*trusl\w*", " ", o["text"] + " " + o["labels"], flags=re.I), re.I
            )
        ]
        assert about_threats_only, "the demo catalogue should have offerings about threats alone"
        found = titles("rus")
        assert found, "rus must still find offerings about substance use"
        assert not set(about_threats_only) & set(found)
        assert not set(having(offerings, r"\brus\b")) - set(found)

    def test_rus_finds_nothing_that_never_mentions_rus(self, offerings):
        # Abbreviations whose meaning contains "rus" (KORUS = "Kompetansesenter rus", SANKS, TSB …)
        # count as mentioning it, and KoRus offerings carry their centre's name.
        from katalog.models import Abbreviation

        about_rus = [a.abbr for a in Abbreviation.objects.all() if re.search(r"\brus", a.expansion, re.I)]
        mentions = re.compile(r"rus|" + "|".join(rf"\b{re.escape(a)}\b" for a in about_rus), re.I)
        unrelated = [
            o["title"]
            for o in offerings
            if not mentions.search(o["text"] + " " + o["labels"]) and "korus" not in o["family"]
        ]
        assert not set(unrelated) & set(titles("rus"))

    def test_compound_finds_guidance_for_parents(self, offerings):
        wanted = having(offerings, r"foreldreveiledning|veiledning (?:for|til|av) foreldre")
        found = titles("foreldreveiledning")
        assert not set(wanted) - set(found)
        assert found[0] in wanted


class TestFacetCounts:
    """Facet counts equal counts made independently over the live pages. A facet counts without
    its own filter (so other values stay selectable) and with all the others."""

    def expected(self, offerings, facet: str, filters: dict, region=None, dates=None) -> dict[str, int]:
        def passes(o, name, values):
            return bool(o[name] & set(values))

        counts: Counter[str] = Counter()
        for o in offerings:
            if not all(passes(o, name, values) for name, values in filters.items() if name != facet):
                continue
            if region and not o["availability"] & {"national", region}:
                continue
            if dates and not any(dates[0] <= day <= dates[1] for day in o["sessions"]):
                continue
            counts.update(o[facet])
        return dict(counts)

    def actual(self, facet: str, **query) -> dict[str, int]:
        results = search_query(query=SearchQuery(**query))
        return {f.value: f.count for f in results.facets[facet]}

    @pytest.mark.parametrize("facet", ["theme", "provider", "family", "format", "form", "level", "capacity"])
    def test_counts_under_a_family_filter(self, offerings, facet):
        filters = {"family": ["rvts"]}
        assert self.actual(facet, filters=filters) == self.expected(offerings, facet, filters)

    @pytest.mark.parametrize("facet", ["theme", "family", "format", "target_group", "free", "language"])
    def test_counts_under_several_filters_and_a_county(self, offerings, facet):
        filters = {"format": ["digitalt_direkte", "hybrid"], "level": ["systemniva"]}
        actual = self.actual(facet, filters=filters, region="46")
        assert actual == self.expected(offerings, facet, filters, region="46")

    def test_counts_under_a_date_range(self, offerings):
        days = sorted(day for o in offerings for day in o["sessions"])
        dates = (days[len(days) // 4], days[len(days) // 2])
        actual = self.actual("theme", date_from=dates[0], date_to=dates[1])
        assert actual == self.expected(offerings, "theme", {}, dates=dates)

    def test_total_matches_the_filtered_pages(self, offerings):
        filters = {"family": ["korus"], "free": ["true"]}
        expected = [o for o in offerings if o["family"] & {"korus"} and "true" in o["free"]]
        assert search_query(query=SearchQuery(filters=filters)).total == len(expected)


class TestHighlightsAndSuggestions:
    def test_folded_query_highlights_the_norwegian_word(self):
        hit = search_query(query=SearchQuery(text="stotte")).hits[0]
        marked = " ".join(hit.highlights.values())
        assert re.search(r"<mark>[^<]*støtt[^<]*</mark>", marked, re.I)

    def test_highlights_are_escaped_text_with_marks(self):
        for hit in search_query(query=SearchQuery(text="barn og unge", per_page=50)).hits:
            for html in hit.highlights.values():
                assert not re.search(r"<(?!/?mark>)", html), html

    def test_suggestions_complete_titles_themes_and_centres(self, offerings):
        suggestions = search_suggest(prefix="trau")
        assert suggestions and all("trau" in s.lower() for s in suggestions)
        assert "Traumer og traumebevisst omsorg" in suggestions  # a theme label
        assert "RVTS Sør" in search_suggest(prefix="rvts")
