"""Provider and theme pages list their offerings a page at a time: a centre may publish hundreds, and
the page must stay readable and quick. Every offering is reachable, and the heading counts them all."""

from __future__ import annotations

import re

from wagtail.models import PageViewRestriction

import pytest

from katalog.models import Theme
from katalog.selectors import OFFERINGS_PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db


def _listed_titles(html: str) -> list[str]:
    return re.findall(r"<h3><a href=\"[^\"]+\">(Listetilbud \d+)</a></h3>", html)


@pytest.fixture
def busy_provider():
    """A centre with more offerings than fit on one page, all on one new theme."""
    theme = Theme.objects.create(code="TLISTE", label="Listetema", description="Tema for listetester.")
    provider_page = factories.ProviderPageFactory()
    total = OFFERINGS_PER_PAGE + 5
    for n in range(total):
        factories.OfferingPageFactory(parent=provider_page, title=f"Listetilbud {n:03d}", themes=[theme])
    return provider_page, theme, total


@pytest.mark.parametrize("where", ["provider", "theme"])
def test_offerings_come_a_page_at_a_time_and_all_are_reachable(client, busy_provider, where):
    provider_page, theme, total = busy_provider
    url = provider_page.url if where == "provider" else f"/tema/{theme.code.lower()}/"

    first = client.get(url).content.decode()
    second = client.get(url, {"side": 2}).content.decode()

    assert f"({total})</h2>" in first  # the heading counts every offering, not the page
    assert len(_listed_titles(first)) == OFFERINGS_PER_PAGE
    assert 'href="?side=2" rel="next"' in first
    assert "Side 1 av 2" in first
    assert sorted(_listed_titles(first) + _listed_titles(second)) == [
        f"Listetilbud {n:03d}" for n in range(total)
    ]
    assert 'rel="prev"' in second


def test_a_page_number_out_of_range_or_malformed_shows_a_valid_page(client, busy_provider):
    provider_page, _, _ = busy_provider
    for number in ("99", "abc", "-1"):
        response = client.get(provider_page.url, {"side": number})
        assert response.status_code == 200
        assert _listed_titles(response.content.decode())


def test_theme_counts_follow_publishing(client):
    """The theme counts on the home page and /tema/ are cached; publishing, unpublishing and
    deleting an offering show at once."""
    from katalog.selectors import theme_list_with_counts

    theme = Theme.objects.create(code="TTELL", label="Telletema", description="Tema for telletester.")

    def count() -> int:
        return next(t.offering_count for t in theme_list_with_counts() if t.pk == theme.pk)

    assert count() == 0
    offering = factories.OfferingPageFactory(themes=[theme])
    assert count() == 1
    assert "Telletema" in client.get("/tema/").content.decode()
    offering.unpublish()
    assert count() == 0
    offering.save_revision().publish()
    assert count() == 1
    restriction = PageViewRestriction.objects.create(
        page=offering, restriction_type=PageViewRestriction.LOGIN
    )
    assert count() == 0  # no longer public
    restriction.delete()
    assert count() == 1
    offering.delete()
    assert count() == 0
