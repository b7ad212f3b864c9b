"""Thin views for the dashboards, the yearly overview's CSV and iCalendar exports and the open-data page:
each calls one builder and renders it. Access is decided in the builders (PermissionDenied → 403);
anonymous users are sent to log in; drafts are never exported."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from katalog.models import YearlyOverviewPage
from katalog.overview_exports import overview_csv_build, overview_ics_build
from katalog.overview_selectors import overview_view_build
from portal.accounts.roles import Role, has_role
from portal.organisations.models import Embete

from .dashboards import dashboard_regional_get
from .national import dashboard_national_get
from .open_data import (
    CATALOGUE_ENDPOINTS,
    LICENCE_NAME,
    LICENCE_URI,
    catalogue_modified,
    dcat_catalogue,
    json_for_script,
)
from .tables import Dashboard


def _csv(dashboard: Dashboard, table_slug: str, filename: str) -> HttpResponse:
    table = dashboard.table(table_slug)
    if table is None:
        raise Http404("Ukjent tabell")
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{table.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _page(request: HttpRequest, dashboard: Dashboard, **extra) -> HttpResponse:
    this_year = timezone.localdate().year
    context = {"dashboard": dashboard, "period_years": range(this_year, this_year - 4, -1), **extra}
    response = render(request, "overviews/dashboard.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def regional_home(request: HttpRequest) -> HttpResponse:
    """/statsforvalter/: a Statsforvalter goes to their own embete; an administrator picks one."""
    user = request.user
    if has_role(user, Role.STATSFORVALTER) and user.embete_id:
        return redirect("overviews:regional", embete_slug=user.embete.slug)
    if has_role(user, Role.ADMIN):
        return render(request, "overviews/regional_choose.html", {"embeter": Embete.objects.order_by("name")})
    raise PermissionDenied("Den regionale oversikten er for Statsforvalteren.")


@require_GET
@login_required
def regional(request: HttpRequest, embete_slug: str) -> HttpResponse:
    dashboard = dashboard_regional_get(user=request.user, embete_slug=embete_slug, params=request.GET)
    return _page(request, dashboard, csv_base=f"/statsforvalter/{embete_slug}/tabell/")


@require_GET
@login_required
def regional_csv(request: HttpRequest, embete_slug: str, table_slug: str) -> HttpResponse:
    dashboard = dashboard_regional_get(user=request.user, embete_slug=embete_slug, params=request.GET)
    return _csv(dashboard, table_slug, f"regional-{embete_slug}")


@require_GET
@login_required
def national(request: HttpRequest) -> HttpResponse:
    return _page(
        request, dashboard_national_get(user=request.user, params=request.GET), csv_base="/bufdir/tabell/"
    )


@require_GET
@login_required
def national_csv(request: HttpRequest, table_slug: str) -> HttpResponse:
    return _csv(dashboard_national_get(user=request.user, params=request.GET), table_slug, "nasjonal")


def _published_overview(embete_slug: str, year: int) -> YearlyOverviewPage:
    pages = YearlyOverviewPage.objects.live().public().select_related("embete")
    return get_object_or_404(pages, embete__slug=embete_slug, year=year)


@require_GET
def overview_csv(request: HttpRequest, embete_slug: str, year: int) -> HttpResponse:
    """A published overview as CSV, with the same filters as the page (drafts are never exported)."""
    page = _published_overview(embete_slug, year)
    body = overview_csv_build(view=overview_view_build(page=page, params=request.GET))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arsoversikt-{embete_slug}-{year}.csv"'
    return response


@require_GET
def overview_ics(request: HttpRequest, embete_slug: str, year: int) -> HttpResponse:
    """A published overview's sessions and regional activities as an iCalendar feed."""
    page = _published_overview(embete_slug, year)
    body = overview_ics_build(view=overview_view_build(page=page, params=request.GET))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="arsoversikt-{embete_slug}-{year}.ics"'
    return response


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    catalogue = dcat_catalogue(base_url=base)
    context = {
        "endpoints": CATALOGUE_ENDPOINTS,
        "licence_name": LICENCE_NAME,
        "licence_uri": LICENCE_URI,
        "modified": catalogue_modified(),
        "json_ld": json_for_script(catalogue),
        "json_ld_pretty": json.dumps(catalogue, ensure_ascii=False, indent=2),
    }
    return render(request, "overviews/open_data.html", context)


@require_GET
def open_data_dcat(request: HttpRequest) -> HttpResponse:
    catalogue = dcat_catalogue(base_url=request.build_absolute_uri("/").rstrip("/"))
    body = json.dumps(catalogue, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
