"""Admin glue for the yearly overview: a new overview is filled from the catalogue as soon as it is
created, and curators can refresh it from the catalogue at any time («Oppdater fra katalogen»)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from katalog.models import YearlyOverviewPage
from katalog.services.overview import overview_refresh

REFRESH_LABEL = "Oppdater fra katalogen"
REFRESH_DENIED = "Du kan bare oppdatere årsoversikter du har lov til å redigere."


@hooks.register("after_create_page")
def fill_new_overview(request, page):
    if isinstance(page.specific, YearlyOverviewPage):
        result = overview_refresh(page=page, user=request.user, notify=False)
        messages.info(request, f"Årsoversikten er fylt med {len(result.added)} tilbud fra katalogen.")


class OverviewRefreshView(WagtailAdminTemplateMixin, TemplateView):
    """GET explains; POST (with CSRF) refreshes. Only users who may edit the overview get in."""

    template_name = "overviews/admin/overview_refresh.html"
    page_title = REFRESH_LABEL
    header_icon = "resubmit"

    def dispatch(self, request, *args, page_id: int, **kwargs):
        self.page = get_object_or_404(YearlyOverviewPage, pk=page_id)
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied(REFRESH_DENIED)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            will_publish=self.page.live and not self.page.has_unpublished_changes,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        result = overview_refresh(page=self.page, user=request.user, notify=False)
        if result.has_changes:
            messages.success(
                request,
                f"Oppdatert: {len(result.added)} nye, {len(result.changed)} endret, "
                f"{len(result.removed)} ikke lenger med.",
            )
        else:
            messages.info(request, "Ingen endringer i katalogen siden sist.")
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class OverviewRefreshMenuItem(ActionMenuItem):
    label = REFRESH_LABEL
    name = "action-refresh-overview"
    icon_name = "resubmit"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, YearlyOverviewPage)
            and not context.get("locked_for_user")
            and self.get_user_page_permissions_tester(context).can_edit()
        )

    def get_url(self, parent_context):
        return reverse("overviews_overview_refresh", args=[parent_context["page"].pk])


@hooks.register("register_admin_urls")
def register_overview_admin_urls():
    return [
        path(
            "arsoversikt/<int:page_id>/oppdater/",
            OverviewRefreshView.as_view(),
            name="overviews_overview_refresh",
        )
    ]


@hooks.register("register_page_action_menu_item")
def register_overview_refresh_menu_item():
    return OverviewRefreshMenuItem(order=75)
