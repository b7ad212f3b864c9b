from django.urls import path

from . import views

app_name = "overviews"

urlpatterns = [
    path("statsforvalter/", views.regional_home, name="regional-home"),
    path("statsforvalter/<slug:embete_slug>/", views.regional, name="regional"),
    path(
        "statsforvalter/<slug:embete_slug>/tabell/<slug:table_slug>.csv",
        views.regional_csv,
        name="regional-csv",
    ),
    path("bufdir/", views.national, name="national"),
    path("bufdir/tabell/<slug:table_slug>.csv", views.national_csv, name="national-csv"),
    path("arsoversikt/<slug:embete_slug>/<int:year>/oversikt.csv", views.overview_csv, name="overview-csv"),
    path("arsoversikt/<slug:embete_slug>/<int:year>/kalender.ics", views.overview_ics, name="overview-ics"),
    path("apne-data/", views.open_data, name="open-data"),
    path("apne-data/dcat.jsonld", views.open_data_dcat, name="open-data-dcat"),
]
