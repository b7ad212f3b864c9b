"""Every /api/v1/ endpoint, in one place."""

from django.urls import include, path

from matching.api import MatchView

urlpatterns: list = [
    # Catalogue: offerings, providers, the open vocabulary and the exports (katalog/api/).
    path("", include(("katalog.api.urls", "katalog_api"))),
    # Matching: describe a problem, get the centres able to help (matching/api.py).
    path("match/", MatchView.as_view(), name="match"),
]
