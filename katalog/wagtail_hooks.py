"""Admin registration: the taxonomy as snippets under one menu, and the freshness tools for offerings
(the «Bekreft at tilbudet er oppdatert» action and the «Tilbud som må bekreftes» dashboard panel)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Abbreviation, FormOfHelp, OfferingPage, TargetGroup, Theme, offering_is_stale
from .services.offerings import (
    CONFIRM_DENIED,
    CONFIRM_LOG_ACTION,
    offering_confirm,
    offering_list_stale_for_user,
)

CONFIRM_LABEL = "Bekreft at tilbudet er oppdatert"


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["code", "label", "no_fit"]
    list_filter = ["no_fit"]
    search_fields = ["code", "label", "synonyms"]
    ordering = ["code"]


class FormOfHelpViewSet(SnippetViewSet):
    model = FormOfHelp
    icon = "list-ul"
    list_display = ["code", "label"]
    ordering = ["sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["code", "label"]
    ordering = ["sort_order"]


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    icon = "doc-full"
    list_display = ["abbr", "expansion", "case_sensitive"]
    search_fields = ["abbr", "expansion"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taksonomi"
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, FormOfHelpViewSet, TargetGroupViewSet, AbbreviationViewSet)


register_snippet(TaxonomyGroup)


# --- Freshness: confirm an offering, and the dashboard list of offerings to confirm ---------------------
# Confirming is a separate, small admin view rather than a button inside the edit form, so it never
# submits (or throws away) half-finished edits in that form.


class OfferingConfirmView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows what will happen; POST (with CSRF) confirms. Only users who may edit the page get in."""

    template_name = "katalog/admin/offering_confirm.html"
    page_title = CONFIRM_LABEL
    header_icon = "tick"

    def dispatch(self, request, *args, page_id: int, **kwargs):
        self.page = get_object_or_404(OfferingPage, pk=page_id)
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied(CONFIRM_DENIED)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.page.title},
            {"url": "", "label": CONFIRM_LABEL},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            is_stale=offering_is_stale(self.page.last_confirmed),
            will_publish=self.page.live and not self.page.has_unpublished_changes,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        offering_confirm(page=self.page, user=request.user)
        messages.success(request, f"«{self.page.title}» er bekreftet som oppdatert.")
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class OfferingConfirmMenuItem(ActionMenuItem):
    """«Bekreft at tilbudet er oppdatert» in the edit view's action menu of offering pages."""

    label = CONFIRM_LABEL
    name = "action-confirm-offering"
    icon_name = "tick"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, OfferingPage)
            and not context.get("locked_for_user")
            and self.get_user_page_permissions_tester(context).can_edit()
        )

    def get_url(self, parent_context):
        return reverse("katalog_offering_confirm", args=[parent_context["page"].pk])


class StaleOfferingsPanel(Component):
    """Dashboard panel «Tilbud som må bekreftes»: unconfirmed offerings the user may edit (their own
    centre's; all of them for portal editors). Hidden when there are none."""

    name = "stale_offerings"
    template_name = "katalog/admin/stale_offerings_panel.html"
    order = 150
    limit = 20

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = offering_list_stale_for_user(user=parent_context["request"].user)
        context["total"] = pages.count()
        context["offerings"] = [
            {
                "page": page,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "confirm_url": reverse("katalog_offering_confirm", args=[page.pk]),
            }
            for page in pages[: self.limit]
        ]
        return context


@hooks.register("register_admin_urls")
def register_offering_admin_urls():
    return [
        path(
            "katalog/tilbud/<int:page_id>/bekreft/",
            OfferingConfirmView.as_view(),
            name="katalog_offering_confirm",
        )
    ]


@hooks.register("register_page_action_menu_item")
def register_offering_confirm_menu_item():
    return OfferingConfirmMenuItem(order=70)


@hooks.register("construct_homepage_panels")
def add_stale_offerings_panel(request, panels):
    panels.append(StaleOfferingsPanel())


@hooks.register("register_log_actions")
def register_offering_log_actions(actions):
    actions.register_action(CONFIRM_LOG_ACTION, CONFIRM_LABEL, "Bekreftet at tilbudet er oppdatert")
