"""What editors do in Wagtail shows up in search at once: publish, unpublish, edit, delete and move.

Each test gets its own empty index (``own_index``), so the shared demo index other tests search is
never touched. Indexing runs in ``transaction.on_commit`` handlers; ``django_capture_on_commit_callbacks
(execute=True)`` runs them as a real commit would.
"""

from __future__ import annotations

import io

from django.core.management import CommandError, call_command

import pytest

from katalog.models import ProviderPage
from search.backends import SearchQuery, get_search_backend
from search.documents import searchable_pages
from search.services import index_rebuild, search_query
from tests.factories import OfferingPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Skoleveggrupper for kjæledyreiere"  # words no demo offering uses


@pytest.fixture
def own_index(settings, tmp_path):
    """An empty embedded index in tmp_path, used by every search in the test."""
    settings.PORTAL_SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.embedded.EmbeddedBackend",
            "PATH": str(tmp_path / "index.sqlite3"),
        }
    }
    return get_search_backend()


@pytest.fixture
def centres():
    pages = ProviderPage.objects.live().select_related("provider")
    return {page.provider.slug: page for page in pages}


def found(text: str, **filters) -> list[str]:
    results = search_query(query=SearchQuery(text=text, filters=filters, per_page=100))
    return [hit.document.title for hit in results.hits]


def provider_facet(text: str) -> dict[str, int]:
    results = search_query(query=SearchQuery(text=text))
    return {f.value: f.count for f in results.facets["provider"]}


def publish_new(parent, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return OfferingPageFactory(parent=parent, **fields)


class TestPublishing:
    def test_published_offering_is_searchable_at_once(
        self, own_index, centres, django_capture_on_commit_callbacks
    ):
        assert found("kjæledyreiere") == []
        publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE)
        assert found("kjæledyreiere") == [TITLE]

    def test_draft_is_not_searchable(self, own_index, centres, django_capture_on_commit_callbacks):
        publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE, live=False)
        assert found("kjæledyreiere") == []

    def test_unpublished_offering_disappears(self, own_index, centres, django_capture_on_commit_callbacks):
        page = publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE)
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert found("kjæledyreiere") == []

    def test_deleted_offering_disappears(self, own_index, centres, django_capture_on_commit_callbacks):
        page = publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE)
        with django_capture_on_commit_callbacks(execute=True):
            page.delete()
        assert found("kjæledyreiere") == []

    def test_edited_and_republished_title_replaces_the_old(
        self, own_index, centres, django_capture_on_commit_callbacks
    ):
        page = publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE)
        page.title = "Mentorordning for fosterhjemskoordinatorer"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert found("mentorordning") == ["Mentorordning for fosterhjemskoordinatorer"]
        assert found("kjæledyreiere") == []

    def test_an_unpublished_edit_does_not_change_search(
        self, own_index, centres, django_capture_on_commit_callbacks
    ):
        page = publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE)
        page.title = "Mentorordning for fosterhjemskoordinatorer"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision()  # a draft revision: the live page is unchanged
        assert found("kjæledyreiere") == [TITLE]
        assert found("mentorordning") == []

    def test_moved_offering_changes_provider_facet_and_url(
        self, own_index, centres, django_capture_on_commit_callbacks
    ):
        page = publish_new(centres["rvts-sor"], django_capture_on_commit_callbacks, title=TITLE)
        assert provider_facet("kjæledyreiere") == {"rvts-sor": 1}
        with django_capture_on_commit_callbacks(execute=True):
            page.move(centres["korus-nord"], pos="last-child")
        assert provider_facet("kjæledyreiere") == {"korus-nord": 1}
        assert found("kjæledyreiere", provider=["rvts-sor"]) == []
        hit = search_query(query=SearchQuery(text="kjæledyreiere")).hits[0]
        assert hit.document.url.startswith("/sentre/korus-nord/")

    def test_rolled_back_publish_never_reaches_the_index(
        self, own_index, centres, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            OfferingPageFactory(parent=centres["rvts-sor"], title=TITLE)
        assert callbacks  # indexing waits for the commit, which never comes
        assert found("kjæledyreiere") == []


class TestSearchIndexCommand:
    def run(self, *args) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("search_index", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def expected_documents(self) -> int:
        providers, offerings = searchable_pages()
        return len(providers) + offerings.count()

    def test_rebuild_indexes_every_published_page(self, own_index):
        out, _ = self.run("rebuild", "--no-progress")
        expected = self.expected_documents()
        assert f"{expected} dokumenter indeksert" in out
        assert own_index.status().documents == expected
        assert found("traumebevisst omsorg")

    def test_rebuild_shows_a_progress_bar_on_stderr(self, own_index):
        _, err = self.run("rebuild")
        assert "Indekserer" in err and "100%" in err

    def test_update_upserts_without_duplicates(self, own_index):
        self.run("rebuild", "--no-progress")
        out, _ = self.run("update", "--no-progress")
        expected = self.expected_documents()
        assert f"{expected} dokumenter indeksert" in out
        assert own_index.status().documents == expected

    def test_status_reports_documents_and_flags_an_index_out_of_step(self, own_index):
        out, _ = self.run("status")
        assert "Dokumenter i indeksen: 0" in out
        assert "ikke i takt" in out  # nothing indexed yet, while the catalogue has pages
        index_rebuild(embed=False)
        out, _ = self.run("status")
        assert f"Dokumenter i indeksen: {self.expected_documents()}" in out
        assert "ikke i takt" not in out

    def test_unavailable_engine_is_a_command_error(self, settings):
        settings.PORTAL_SEARCH_BACKENDS = {
            "default": {"BACKEND": "tests.search.test_search_page.DownBackend"}
        }
        with pytest.raises(CommandError, match="ikke tilgjengelig"):
            self.run("rebuild", "--no-progress")
