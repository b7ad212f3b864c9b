"""Site-wide views: error pages (no debug information, ever) and robots.txt."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "message": message}, status=status
    )


def bad_request(request, exception=None):
    return _error(request, 400, "Ugyldig forespørsel", "Forespørselen kunne ikke behandles.")


def permission_denied(request, exception=None):
    return _error(request, 403, "Ingen tilgang", "Du har ikke tilgang til denne siden.")


def page_not_found(request, exception=None):
    return _error(request, 404, "Fant ikke siden", "Siden finnes ikke, eller den er flyttet.")


def server_error(request):
    # Rendered without the request context on purpose: the failure may be in a context processor.
    from django.template import loader

    template = loader.get_template("error.html")
    context = {
        "status": 500,
        "title": "Noe gikk galt",
        "message": "Vi har fått beskjed om feilen. Prøv igjen om litt.",
    }
    return HttpResponse(template.render(context), status=500)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /min-side/",
        "Disallow: /senter/",
        "Disallow: /behov/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
