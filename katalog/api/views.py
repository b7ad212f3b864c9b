"""Thin read-only views: validate the input, call one selector or builder, render the output.

Everything here is public and shows live, public pages only: drafts, unpublished and private pages
never appear (the selectors filter them), whoever asks.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, renderers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from katalog import exports
from katalog.selectors import (
    offering_get_public,
    offering_list_filtered,
    provider_page_list_public,
)

from .filters import OfferingFilterSerializer
from .serializers import (
    OfferingDetailOutputSerializer,
    OfferingOutputSerializer,
    ProviderDetailOutputSerializer,
    ProviderOutputSerializer,
    TaxonomyOutputSerializer,
)
from .vocabulary import vocabulary_get

TAG = "Katalog"


class CatalogueNegotiation(DefaultContentNegotiation):
    """``?format=`` is a catalogue filter here (fysisk, digitalt_direkte …), not DRF's renderer
    override; without this, ``?format=fysisk`` would be answered with 404."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class CsvRenderer(renderers.BaseRenderer):
    """Lets clients ask for ``Accept: text/csv``; the view returns the finished CSV itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only error responses (e.g. throttling) come through here; the CSV itself bypasses renderers.
        if isinstance(data, dict):
            return str(data.get("detail", "")).encode("utf-8")
        return data


class PublicCatalogueView:
    """Open data: no login (so no session or CSRF either), throttled per address."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    content_negotiation_class = CatalogueNegotiation


@extend_schema(tags=[TAG], parameters=[OfferingFilterSerializer])
class OfferingListApi(PublicCatalogueView, generics.ListAPIView):
    """Publiserte tilbud, filtrert og sidedelt. Ukjente parametere eller verdier gir 400 med en
    forklaring på norsk."""

    serializer_class = OfferingOutputSerializer

    def get_queryset(self):
        filters = OfferingFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return offering_list_filtered(**filters.selector_kwargs())


@extend_schema(tags=[TAG])
class OfferingDetailApi(PublicCatalogueView, generics.RetrieveAPIView):
    """Ett publisert tilbud."""

    serializer_class = OfferingDetailOutputSerializer

    def get_object(self):
        return offering_get_public(pk=self.kwargs["id"])


@extend_schema(tags=[TAG])
class ProviderListApi(PublicCatalogueView, generics.ListAPIView):
    """Kompetansesentrene med kontaktpunkter og antall publiserte tilbud."""

    serializer_class = ProviderOutputSerializer

    def get_queryset(self):
        return provider_page_list_public()


@extend_schema(tags=[TAG])
class ProviderDetailApi(PublicCatalogueView, generics.RetrieveAPIView):
    """Ett kompetansesenter."""

    serializer_class = ProviderDetailOutputSerializer

    def get_object(self):
        return get_object_or_404(provider_page_list_public(slug=self.kwargs["slug"]))


@extend_schema(tags=[TAG], responses=TaxonomyOutputSerializer)
class TaxonomyApi(PublicCatalogueView, APIView):
    """Det åpne vokabularet: tema, bistandsformer, målgrupper, formater, tilgang og nivå, med koder og
    navn på bokmål og nynorsk."""

    def get(self, request):
        return Response(TaxonomyOutputSerializer(vocabulary_get()).data)


class HsdsExportApi(PublicCatalogueView, APIView):
    """Hele katalogen som Open Referral HSDS 3.0 (JSON)."""

    @extend_schema(
        tags=[TAG],
        operation_id="export_hsds",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description=exports.HSDS_DESCRIPTION)},
    )
    def get(self, request):
        return Response(exports.hsds_export_build(request=request))


class CsvExportApi(PublicCatalogueView, APIView):
    """Hele katalogen som CSV (én rad per tilbud, semikolon, UTF-8 med BOM for Excel)."""

    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        tags=[TAG],
        operation_id="export_offerings_csv",
        # drf-spectacular documents DRF's ?format= switch for views with two renderers; it is off here.
        parameters=[OpenApiParameter("format", exclude=True)],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=exports.CSV_DESCRIPTION)},
    )
    def get(self, request):
        response = HttpResponse(
            exports.offerings_csv_build(request=request), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="tilbud.csv"'
        return response
