"""The permission matrix: every route × every role → what must happen.

Every route of the URL configuration must have an entry here (test_permission_matrix.py fails on a
route that is missing, so a new endpoint cannot be forgotten), except Wagtail's own admin views,
skipped by ``SKIPPED_PREFIXES`` below. Each entry is a list of probes: a method, the objects that fill
the path parameters (names from ``objects`` in tests/security/conftest.py; ``=text`` is a literal),
an optional body (``"@name"`` in it is replaced by that object), and the expected outcome per role:

- ``ALLOW``: the request gets past access control (2xx; a redirect that is not to a login page;
  400/409 from validation or the lifecycle, which only run after the access checks);
- ``DENY``: 401, 403 or 404 (objects the user may not see answer 404 so ids cannot be probed); a
  signed-in user sent to a login page, or sent from an admin view to the admin dashboard (Wagtail's
  way of refusing), counts as refused too;
- ``LOGIN``: an anonymous visitor is sent to log in.

A 5xx always fails, whatever the table says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALLOW, DENY, LOGIN = "allow", "deny", "login"

# Role → demo user (portal/accounts/demo.py).
ROLE_USERS: dict[str, str | None] = {
    "anonymous": None,
    "municipal": "kommune",  # Øst-Finnmark barneverntjeneste
    "municipal_other": "kommune-oslo",  # another service: Bydel Grünerløkka
    "centre": "senter",  # RKBU Nord, intake
    "centre_editor": "senter-redaktor",  # RKBU Nord, edits its pages (moderated)
    "centre_moderator": "senter-moderator",  # RKBU Nord, publishes its pages
    "statsforvalter": "statsforvalter",  # Troms og Finnmark
    "statsforvalter_other": "statsforvalter-vestland",  # another embete: Vestland
    "bufdir": "bufdir",  # read-only, national
    "editor": "redaktor",  # portal editor (Portalredaktør)
    "admin": "admin",
}
ROLES = list(ROLE_USERS)
SIGNED_IN = [r for r in ROLES if r != "anonymous"]
MUNICIPAL = ["municipal", "municipal_other"]
CENTRE = ["centre", "centre_editor", "centre_moderator"]
STATSFORVALTER = ["statsforvalter", "statsforvalter_other"]
# Roles with the Wagtail admin permission (portal/accounts/roles.py ROLE_PERMISSIONS).
ADMIN_ACCESS = [*CENTRE, *STATSFORVALTER, "editor", "admin"]

# Wagtail's own admin views: their permissions are Wagtail's (page, collection and model permissions,
# tested upstream) and there are hundreds of them. A route is skipped only when its pattern starts with
# one of these prefixes AND its view is Wagtail's own (module ``wagtail.*``) or listed in
# ``SKIPPED_WAGTAIL_INTERNALS``; the portal's own admin views (registered through hooks under /admin/)
# are in the table like every other route. A few of Wagtail's admin routes are probed anyway (the
# entry points and the user admin) and are in the table too.
SKIPPED_PREFIXES = ("admin/",)
SKIPPED_WAGTAIL_INTERNALS = {"admin/test404/"}  # Wagtail's test page for its 404 template


@dataclass(frozen=True)
class Probe:
    method: str
    expect: dict[str, str]
    params: dict[str, str] = field(default_factory=dict)
    data: dict | None = None
    page: str | None = None  # for wagtail_serve: the page type to sample one live page of
    note: str = ""


def everyone(outcome: str = ALLOW) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


def only(*allowed: str, anonymous: str = LOGIN) -> dict[str, str]:
    """The listed roles are let in, other signed-in roles refused, anonymous sent to log in."""
    expect = {role: (ALLOW if role in allowed else DENY) for role in SIGNED_IN}
    return {"anonymous": anonymous, **expect}


def api_only(*allowed: str) -> dict[str, str]:
    """The same for the JSON API, which answers anonymous callers 403 instead of redirecting."""
    return only(*allowed, anonymous=DENY)


PUBLIC = everyone(ALLOW)
SIGNED_IN_ONLY = only(*SIGNED_IN)

# Who reads a need (portal/needs/selectors.py need_visibility_q): its own service; the centres it is
# routed to; the Statsforvalter of its embete only where the service opted in; administrators (past
# draft); portal curators only when escalated; Bufdir never (aggregates only).
READS_NEED = ["municipal", *CENTRE, "admin"]
READS_NEED_OTHER = ["municipal_other", "admin"]  # Grünerløkka's need, routed to NUBU only
READS_NEED_OPTED_IN = ["municipal", *CENTRE, "statsforvalter", "admin"]
NEED_STATS = ["statsforvalter", "statsforvalter_other", "bufdir", "editor", "admin"]

NEW_NEED = {
    "title": "Lederstøtte til ny ledergruppe",
    "description": "Vi trenger veiledning i ledelse over tid.",
}
FEEDBACK = {"helped": "yes", "changed_practice": "yes"}


def _need_probes(method: str = "GET", data: dict | None = None, **extra) -> list[Probe]:
    """The same request on the routed need, on another service's need and on the opted-in need."""
    return [
        Probe(method, only(*READS_NEED), {"pk": "need", **extra}, data),
        Probe(method, only(*READS_NEED_OTHER), {"pk": "need_other_service", **extra}, data),
        Probe(method, only(*READS_NEED_OPTED_IN), {"pk": "need_opted_in", **extra}, data),
    ]


TABLE: dict[str, list[Probe]] = {
    # Accounts ----------------------------------------------------------------------------------
    "accounts:login": [Probe("GET", PUBLIC)],
    "accounts:logout": [Probe("POST", PUBLIC)],
    "accounts:home": [Probe("GET", SIGNED_IN_ONLY)],
    # Public pages ------------------------------------------------------------------------------
    "matching:describe": [
        Probe("GET", PUBLIC),
        Probe("POST", PUBLIC, data={"text": "veiledning av fosterhjem"}),
    ],
    "search": [Probe("GET", PUBLIC)],
    "robots": [Probe("GET", PUBLIC)],
    "wagtail_serve": [
        Probe("GET", PUBLIC, page=page_type)
        for page_type in (
            "HomePage",
            "StandardPage",
            "ProviderIndexPage",
            "ProviderPage",
            "OfferingPage",
            "ThemeIndexPage",
            "OverviewIndexPage",
            "OverviewFolderPage",
            "YearlyOverviewPage",
        )
    ],
    "wagtailcore_login": [Probe("GET", PUBLIC, note="login form for pages restricted to signed-in users")],
    "wagtailcore_authenticate_with_password": [
        Probe("GET", PUBLIC, {"page_view_restriction_id": "page_restriction", "page_id": "restricted_page"})
    ],
    "wagtaildocs_serve": [Probe("GET", PUBLIC, {"0": "document", "1": "document_file"})],
    "wagtaildocs_authenticate_with_password": [
        Probe("GET", PUBLIC, {"restriction_id": "collection_restriction"})
    ],
    # Needs (pages) -----------------------------------------------------------------------------
    "needs:list": [Probe("GET", SIGNED_IN_ONLY)],
    "needs:create": [Probe("GET", only(*MUNICIPAL)), Probe("POST", only(*MUNICIPAL), data=NEW_NEED)],
    "needs:overview": [Probe("GET", only(*NEED_STATS))],
    "needs:detail": [
        *_need_probes(),
        Probe("GET", only("municipal"), {"pk": "draft"}, note="drafts are private to the service"),
    ],
    "needs:edit": [
        Probe("GET", only("municipal"), {"pk": "draft"}),
        Probe("POST", only("municipal"), {"pk": "draft"}, NEW_NEED),
    ],
    "needs:visibility": [
        Probe("POST", only("municipal"), {"pk": "need"}, {"visibility": "all_centres"}),
        Probe("POST", only("municipal_other"), {"pk": "need_other_service"}, {"visibility": "all_centres"}),
    ],
    "needs:follow_up": [
        Probe("POST", only("municipal"), {"pk": "need"}, FEEDBACK),
        Probe("POST", only("municipal_other"), {"pk": "need_other_service"}, FEEDBACK),
    ],
    "needs:thread": [
        Probe("GET", only("municipal", *CENTRE), {"pk": "need", "provider_slug": "provider"}),
        Probe(
            "POST", only("municipal", *CENTRE), {"pk": "need", "provider_slug": "provider"}, {"body": "Hei!"}
        ),
    ],
    "needs:action": [
        Probe(
            "POST",
            only(*CENTRE),
            {"pk": "need_fresh", "slug": "=meld-interesse"},
            {"message": "Vi kan hjelpe."},
            note="only the routed centres may answer",
        ),
        Probe("POST", only("municipal"), {"pk": "draft", "slug": "=publiser"}),
        Probe(
            "POST",
            only("municipal_other"),
            {"pk": "need_other_service", "slug": "=trekk-tilbake"},
            {"comment": "Trukket."},
        ),
    ],
    "needs:inbox": [Probe("GET", only(*CENTRE))],
    "needs:notifications": [Probe("GET", SIGNED_IN_ONLY), Probe("POST", SIGNED_IN_ONLY)],
    "needs:notification_preference": [Probe("POST", SIGNED_IN_ONLY, data={"notify_immediately": "1"})],
    # Dashboards and open data ------------------------------------------------------------------
    "overviews:regional-home": [Probe("GET", only(*STATSFORVALTER, "admin"))],
    "overviews:regional": [
        Probe("GET", only("statsforvalter", "admin"), {"embete_slug": "embete"}),
        Probe("GET", only("statsforvalter_other", "admin"), {"embete_slug": "embete_other"}),
    ],
    "overviews:regional-csv": [
        Probe(
            "GET",
            only("statsforvalter", "admin"),
            {"embete_slug": "embete", "table_slug": "=behov-per-status"},
        ),
    ],
    "overviews:national": [Probe("GET", only("bufdir", "admin"))],
    "overviews:national-csv": [Probe("GET", only("bufdir", "admin"), {"table_slug": "=behov-per-status"})],
    "overviews:open-data": [Probe("GET", PUBLIC)],
    "overviews:open-data-dcat": [Probe("GET", PUBLIC)],
    "overviews:overview-csv": [
        Probe("GET", PUBLIC, {"embete_slug": "embete", "year": "=2027"}),
        Probe(
            "GET", everyone(DENY), {"embete_slug": "embete_other", "year": "=2027"}, note="a draft edition"
        ),
    ],
    "overviews:overview-ics": [
        Probe("GET", PUBLIC, {"embete_slug": "embete", "year": "=2027"}),
        Probe(
            "GET", everyone(DENY), {"embete_slug": "embete_other", "year": "=2027"}, note="a draft edition"
        ),
    ],
    # The portal's own admin views ----------------------------------------------------------------
    "wagtailadmin_home": [Probe("GET", only(*ADMIN_ACCESS))],
    "katalog_offering_confirm": [
        Probe(
            "GET", only("centre_editor", "centre_moderator", "editor", "admin"), {"page_id": "offering_page"}
        ),
        Probe(
            "GET", only("editor", "admin"), {"page_id": "offering_page_other"}, note="another centre's page"
        ),
    ],
    "overviews_overview_refresh": [
        Probe("GET", only("statsforvalter", "editor", "admin"), {"page_id": "overview_page"}),
        Probe("GET", only("statsforvalter_other", "editor", "admin"), {"page_id": "overview_page_other"}),
    ],
    "behov:index": [Probe("GET", only("editor", "admin"))],
    "behov:index_results": [Probe("GET", only("editor", "admin"))],
    "wagtailusers_users:index": [Probe("GET", only("admin"))],
    # API: public ----------------------------------------------------------------------------------
    "api-schema": [Probe("GET", PUBLIC)],
    "katalog_api:offering-list": [Probe("GET", PUBLIC)],
    "katalog_api:offering-detail": [Probe("GET", PUBLIC, {"id": "offering_page"})],
    "katalog_api:provider-list": [Probe("GET", PUBLIC)],
    "katalog_api:provider-detail": [Probe("GET", PUBLIC, {"slug": "provider"})],
    "katalog_api:taxonomy": [Probe("GET", PUBLIC)],
    "katalog_api:export-hsds": [Probe("GET", PUBLIC)],
    "katalog_api:export-csv": [Probe("GET", PUBLIC)],
    "match": [Probe("POST", PUBLIC, data={"text": "veiledning av fosterhjem over tid"})],
    "api-search": [Probe("GET", PUBLIC)],
    "api-search-suggest": [Probe("GET", PUBLIC, data={"q": "foster"})],
    # API: needs ------------------------------------------------------------------------------------
    "needs_api:list": [
        Probe("GET", api_only(*SIGNED_IN)),
        Probe("POST", api_only(*MUNICIPAL), data=NEW_NEED, note="Bufdir can never write"),
    ],
    "needs_api:aggregates": [Probe("GET", api_only(*NEED_STATS))],
    "needs_api:detail": [
        Probe("GET", api_only(*READS_NEED), {"pk": "need"}),
        Probe("GET", api_only(*READS_NEED_OTHER), {"pk": "need_other_service"}),
        Probe("GET", api_only(*READS_NEED_OPTED_IN), {"pk": "need_opted_in"}),
        Probe("GET", api_only("municipal"), {"pk": "draft"}),
        Probe("PATCH", api_only("municipal"), {"pk": "draft"}, {"title": "Ny tittel på utkastet"}),
    ],
    "needs_api:interests": [
        Probe("GET", api_only(*READS_NEED), {"pk": "need"}),
        Probe("POST", api_only(*CENTRE), {"pk": "need_fresh"}, {"message": "Vi kan hjelpe."}),
    ],
    "needs_api:interest": [Probe("GET", api_only(*READS_NEED), {"pk": "need", "interest_id": "interest"})],
    "needs_api:publish": [Probe("POST", api_only("municipal"), {"pk": "draft"})],
    "needs_api:withdraw": [
        Probe("POST", api_only("municipal"), {"pk": "need"}),
        Probe("POST", api_only("municipal_other"), {"pk": "need_other_service"}),
    ],
    "needs_api:propose-clarification": [Probe("POST", api_only("municipal", *CENTRE), {"pk": "need"})],
    "needs_api:decline": [Probe("POST", api_only(*CENTRE), {"pk": "need_fresh"}, {"reason": "capacity"})],
    # Forwarding is the curators' (escalated needs: portal editors; any need: administrators).
    "needs_api:forward": [Probe("POST", api_only("admin"), {"pk": "need_fresh"}, {"provider": "nubu"})],
    "needs_api:agree": [Probe("POST", api_only("municipal"), {"pk": "need"}, {"interests": ["@interest"]})],
    "needs_api:deliver": [Probe("POST", api_only("municipal", *CENTRE), {"pk": "need_agreed"})],
    "needs_api:close": [Probe("POST", api_only("municipal"), {"pk": "need_delivered"}, FEEDBACK)],
    "needs_api:follow-up": [Probe("POST", api_only("municipal"), {"pk": "need_delivered"}, FEEDBACK)],
}
