"""The portal's REST API: one router for /api/v1/, shared pagination and error shape, and the
OpenAPI preprocessing hook that keeps Wagtail's own views out of the schema."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/v1/"


class Pagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def only_own_api(endpoints):
    """drf-spectacular preprocessing hook: document only the portal's own /api/v1/ endpoints."""
    return [
        (path, regex, method, view) for path, regex, method, view in endpoints if path.startswith(API_PREFIX)
    ]


_NORWEGIAN_DETAIL = {
    exceptions.NotAuthenticated: "Du må logge inn for å gjøre dette.",
    exceptions.AuthenticationFailed: "Innloggingen mislyktes.",
    exceptions.PermissionDenied: "Du har ikke tilgang til dette.",
    exceptions.NotFound: "Fant ikke det du ba om.",
    exceptions.MethodNotAllowed: "Metoden er ikke tillatt her.",
    exceptions.UnsupportedMediaType: "Innholdstypen støttes ikke. Send JSON (application/json).",
    exceptions.ParseError: "Forespørselen kunne ikke leses. Sjekk at JSON-en er gyldig.",
}


# What the databases can store in an integer key; a larger id in the URL names nothing.
_DB_INTEGER_RANGE = range(-(2**63), 2**63)


def _id_out_of_range(exc, context) -> bool:
    """An id in the URL too large for the database (/api/v1/offerings/10**30/). Django guards lookups
    on integer fields itself, but not those through a relation (a page's ``page_ptr``): there SQLite
    raises OverflowError (a database may also answer with DataError). Found by tests/api/test_fuzz.py."""
    if not isinstance(exc, OverflowError | DataError):
        return False
    kwargs = (context or {}).get("kwargs") or {}
    return any(isinstance(value, int) and value not in _DB_INTEGER_RANGE for value in kwargs.values())


def exception_handler(exc, context):
    """DRF's handler with Norwegian messages for the generic errors, and a consistent shape:
    ``{"detail": "...", ...}`` plus field errors for validation failures."""
    if isinstance(exc, Http404) or _id_out_of_range(exc, context):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    for exc_type, message in _NORWEGIAN_DETAIL.items():
        if type(exc) is exc_type:
            response.data = {"detail": message}
            break
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 60)
        response.data = {"detail": f"For mange forespørsler. Prøv igjen om {wait} sekunder."}
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict | list):
        errors = response.data
        response.data = {"detail": "Forespørselen inneholder ugyldige verdier.", "errors": errors}
    return response


def error_response(status: int, detail: str, **extra) -> Response:
    return Response({"detail": detail, **extra}, status=status)
