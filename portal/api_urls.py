"""Every /api/v1/ endpoint, in one place."""

from django.urls import include, path

from matching.api import MatchView
from search.api import SearchAPIView, SuggestAPIView

urlpatterns: list = [
    # Catalogue: offerings, providers, the open vocabulary and the exports (katalog/api/).
    path("", include(("katalog.api.urls", "katalog_api"))),
    # Matching: describe a problem, get the centres able to help (matching/api.py).
    path("match/", MatchView.as_view(), name="match"),
    # Search: the catalogue by free text and facets, and completions for the search box (search/api.py).
    path("search/", SearchAPIView.as_view(), name="api-search"),
    path("search/suggest/", SuggestAPIView.as_view(), name="api-search-suggest"),
    # Needs: post, route, answer and follow up (portal/needs/api/).
    path("needs/", include(("portal.needs.api.urls", "needs_api"))),
]
