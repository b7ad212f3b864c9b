"""Routes of the catalogue API, included from ``portal/api_urls.py`` under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("offerings/", views.OfferingListApi.as_view(), name="offering-list"),
    path("offerings/<int:id>/", views.OfferingDetailApi.as_view(), name="offering-detail"),
    path("providers/", views.ProviderListApi.as_view(), name="provider-list"),
    path("providers/<slug:slug>/", views.ProviderDetailApi.as_view(), name="provider-detail"),
    path("taxonomy/", views.TaxonomyApi.as_view(), name="taxonomy"),
    path("export/hsds.json", views.HsdsExportApi.as_view(), name="export-hsds"),
    path("export/offerings.csv", views.CsvExportApi.as_view(), name="export-csv"),
]
