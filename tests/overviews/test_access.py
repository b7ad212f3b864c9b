"""Who may see and edit what: dashboards, overview pages (published and draft), their exports and
the Wagtail admin, per role. Statsforvalter users join their own embete's curator group only."""

from __future__ import annotations

from django.contrib.auth.models import Group

import pytest

from katalog.models import OverviewFolderPage, YearlyOverviewPage
from portal.accounts.models import User
from portal.accounts.roles import Role, user_assign_role
from portal.organisations.models import Embete

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "kommune",
    "senter",
    "statsforvalter",
    "statsforvalter-vestland",
    "bufdir",
    "redaktor",
    "admin",
]
LOGIN = "login"  # anonymous users are sent to the login page


def get(client, users, role: str, url: str):
    if role != "anonymous":
        client.force_login(users[role])
    return client.get(url)


def outcome(response) -> int | str:
    if response.status_code == 302 and "/logg-inn/" in response["Location"]:
        return LOGIN
    return response.status_code


REGIONAL_HOME = {
    "anonymous": LOGIN,
    "kommune": 403,
    "senter": 403,
    "statsforvalter": 302,
    "statsforvalter-vestland": 302,
    "bufdir": 403,
    "redaktor": 403,
    "admin": 200,
}
REGIONAL_TF = {**REGIONAL_HOME, "statsforvalter": 200, "statsforvalter-vestland": 403}
NATIONAL = dict.fromkeys(ROLES, 403) | {"anonymous": LOGIN, "bufdir": 200, "admin": 200}


class TestDashboardAccess:
    @pytest.mark.parametrize("role", ROLES)
    def test_regional_home(self, client, users, role):
        response = get(client, users, role, "/statsforvalter/")
        assert outcome(response) == REGIONAL_HOME[role]
        if role.startswith("statsforvalter"):
            assert response["Location"] == f"/statsforvalter/{users[role].embete.slug}/"

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        "url",
        [
            "/statsforvalter/troms-og-finnmark/",
            "/statsforvalter/troms-og-finnmark/tabell/behov-per-status.csv",
        ],
    )
    def test_regional_dashboard_and_csv(self, client, users, role, url):
        assert outcome(get(client, users, role, url)) == REGIONAL_TF[role]

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        "url", ["/bufdir/", "/bufdir/tabell/per-embete.csv", "/bufdir/tabell/aldri-brukt.csv"]
    )
    def test_national_dashboard_and_csv(self, client, users, role, url):
        assert outcome(get(client, users, role, url)) == NATIONAL[role]

    def test_unknown_embete_and_table_are_404(self, client, users):
        client.force_login(users["admin"])
        assert client.get("/statsforvalter/finnes-ikke/").status_code == 404
        assert client.get("/bufdir/tabell/finnes-ikke.csv").status_code == 404

    def test_only_the_own_statsforvalter_sees_individual_opted_in_needs(self, client, users):
        heading = "Behov tjenestene har valgt å vise Statsforvalteren"
        assert (
            heading
            in get(client, users, "statsforvalter", "/statsforvalter/troms-og-finnmark/").content.decode()
        )
        assert (
            heading not in get(client, users, "admin", "/statsforvalter/troms-og-finnmark/").content.decode()
        )
        assert heading not in get(client, users, "bufdir", "/bufdir/").content.decode()

    def test_opted_in_list_holds_exactly_the_needs_shared_with_the_statsforvalter(self, users, tf):
        from django.db.models import Q

        from overviews.dashboards import dashboard_regional_get
        from portal.needs.models import Need

        dashboard = dashboard_regional_get(user=users["statsforvalter"], embete_slug=tf.slug, params={})
        start, end = dashboard.period.bounds()
        expected = set(
            Need.objects.filter(visibility="statsforvalter", published_at__gte=start, published_at__lt=end)
            .exclude(state="draft")
            .filter(Q(service__host_municipality__embete=tf) | Q(municipalities__embete=tf))
            .values_list("pk", flat=True)
        )
        assert {n.pk for n in dashboard.opted_in} == expected


PUBLIC_ALL = dict.fromkeys(ROLES, 200)
HIDDEN_ALL = dict.fromkeys(ROLES, 404)


class TestOverviewPageAccess:
    @pytest.mark.parametrize("role", ROLES)
    def test_published_overview_and_exports_are_public(self, client, users, role, tf_overview):
        for url in (tf_overview.url, tf_overview.csv_url, tf_overview.ics_url):
            assert outcome(get(client, users, role, url)) == PUBLIC_ALL[role], url

    @pytest.mark.parametrize("role", ROLES)
    def test_draft_overview_and_exports_are_never_public(self, client, users, role, vestland_draft):
        url = vestland_draft.get_url_parts()[2]
        for path in (url, vestland_draft.csv_url, vestland_draft.ics_url):
            assert outcome(get(client, users, role, path)) == HIDDEN_ALL[role], path

    @pytest.mark.parametrize("role", ROLES)
    def test_draft_can_be_opened_in_the_admin_only_by_its_own_embete_and_site_editors(
        self, client, users, role, vestland_draft
    ):
        may = {"statsforvalter-vestland", "redaktor", "admin"}
        for view in ("edit", "view_draft"):
            response = get(client, users, role, f"/admin/pages/{vestland_draft.pk}/{view}/")
            if role in may:
                assert response.status_code == 200, (role, view)
            else:
                assert response.status_code in {302, 403}, (role, view)
                assert vestland_draft.get_latest_revision_as_object().intro not in response.content.decode()

    def test_statsforvalter_of_another_embete_cannot_save_or_publish_it(self, client, users, vestland_draft):
        client.force_login(users["statsforvalter"])
        before = vestland_draft.revisions.count()
        response = client.post(
            f"/admin/pages/{vestland_draft.pk}/edit/", {"title": "Kapret", "action-publish": "1"}
        )
        assert response.status_code in {302, 403}
        vestland_draft.refresh_from_db()
        assert vestland_draft.revisions.count() == before and not vestland_draft.live
        assert client.post(f"/admin/arsoversikt/{vestland_draft.pk}/oppdater/").status_code in {302, 403}

    def test_statsforvalter_cannot_add_an_overview_under_another_embetes_folder(self, client, users):
        folder = OverviewFolderPage.objects.get(embete__slug="vestland")
        client.force_login(users["statsforvalter"])
        response = client.get(f"/admin/pages/add/katalog/yearlyoverviewpage/{folder.pk}/")
        assert response.status_code in {302, 403}
        own = OverviewFolderPage.objects.get(embete__slug="troms-og-finnmark")
        assert client.get(f"/admin/pages/add/katalog/yearlyoverviewpage/{own.pk}/").status_code == 200


class TestCuratorGroups:
    def test_one_group_per_embete_with_permissions_on_its_own_folder_only(self):
        for embete in Embete.objects.all():
            group = Group.objects.get(name=f"{embete.name} – årsoversikt")
            folders = set(group.page_permissions.values_list("page_id", flat=True))
            assert folders == {OverviewFolderPage.objects.get(embete=embete).pk}
            kinds = set(group.page_permissions.values_list("permission__codename", flat=True))
            assert kinds == {"add_page", "change_page", "publish_page"}
            assert group.permissions.filter(codename="access_admin").exists()

    def test_statsforvalter_users_join_their_own_embetes_group(self, users):
        assert (
            users["statsforvalter"]
            .groups.filter(name="Statsforvalteren i Troms og Finnmark – årsoversikt")
            .exists()
        )
        assert (
            not users["statsforvalter"]
            .groups.filter(name="Statsforvalteren i Vestland – årsoversikt")
            .exists()
        )
        assert (
            users["statsforvalter-vestland"]
            .groups.filter(name="Statsforvalteren i Vestland – årsoversikt")
            .exists()
        )
        for role in ("kommune", "senter", "bufdir", "redaktor"):
            assert not users[role].groups.filter(name__endswith="– årsoversikt").exists(), role

    def test_membership_follows_role_and_embete_changes(self):
        user = User.objects.create_user("ny-statsforvalter", password="x" * 12)
        user_assign_role(
            user=user, role=Role.STATSFORVALTER, organisation=Embete.objects.get(slug="nordland")
        )
        names = lambda: set(user.groups.filter(name__endswith="– årsoversikt").values_list("name", flat=True))  # noqa: E731
        assert names() == {"Statsforvalteren i Nordland – årsoversikt"}
        user.embete = Embete.objects.get(slug="agder")
        user.save()
        assert names() == {"Statsforvalteren i Agder – årsoversikt"}
        user.groups.remove(Group.objects.get(name="Statsforvalter"))
        assert names() == set()

    def test_a_new_overview_in_the_admin_is_filled_from_the_catalogue(self, client, users, tf, next_year):
        YearlyOverviewPage.objects.filter(embete=tf, year=next_year + 1).delete()
        folder = OverviewFolderPage.objects.get(embete=tf)
        client.force_login(users["statsforvalter"])
        data = {
            "title": f"Årsoversikt {next_year + 1}",
            "slug": "ny",
            "year": next_year + 1,
            "intro": '{"blocks": [], "entityMap": {}}',
            "contact": "",
        }
        for prefix in ("activities", "items", "comments"):
            data |= {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
            }
        response = client.post(f"/admin/pages/add/katalog/yearlyoverviewpage/{folder.pk}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        page = YearlyOverviewPage.objects.get(embete=tf, year=next_year + 1)
        assert page.slug == str(next_year + 1) and not page.live
        assert page.get_latest_revision_as_object().items.count() > 0
