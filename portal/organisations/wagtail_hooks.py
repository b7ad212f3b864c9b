"""Admin registration: organisations and reference data, editable by portal editors."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    ChildWelfareService,
    County,
    Embete,
    Municipality,
    Provider,
    ReferralActor,
    ServiceCoverage,
)


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "site"
    list_display = ["short_name", "family", "city"]
    list_filter = ["family"]
    search_fields = ["short_name", "name"]


class ServiceViewSet(SnippetViewSet):
    model = ChildWelfareService
    icon = "home"
    list_display = ["name", "kind", "host_municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "kind", "host_municipality", "staff_count"]


class CoverageViewSet(SnippetViewSet):
    model = ServiceCoverage
    icon = "link"
    list_display = ["service", "municipality", "valid_from", "valid_to"]
    form_fields = ["service", "municipality", "valid_from", "valid_to"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "pick"
    list_display = ["number", "name", "county", "embete"]
    list_filter = ["county", "embete"]
    search_fields = ["name", "name_norwegian", "number"]
    form_fields = [
        "number",
        "name",
        "name_norwegian",
        "county",
        "embete",
        "bufetat_region",
        "home_rkbu",
        "home_rvts",
        "home_korus",
        "population",
        "valid_from",
        "valid_to",
    ]


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "globe"
    list_display = ["number", "name", "embete"]
    form_fields = [
        "number",
        "name",
        "embete",
        "bufetat_region",
        "home_rkbu",
        "home_rvts",
        "home_korus",
        "valid_from",
        "valid_to",
    ]


class EmbeteViewSet(SnippetViewSet):
    model = Embete
    icon = "globe"
    list_display = ["name"]
    form_fields = ["name", "slug"]


class ReferralActorViewSet(SnippetViewSet):
    model = ReferralActor
    icon = "redirect"
    list_display = ["name"]
    form_fields = ["slug", "name", "when_to_refer", "url"]


class OrganisationsGroup(SnippetViewSetGroup):
    menu_label = "Organisasjoner"
    menu_icon = "group"
    menu_order = 310
    items = (
        ProviderViewSet,
        ServiceViewSet,
        CoverageViewSet,
        MunicipalityViewSet,
        CountyViewSet,
        EmbeteViewSet,
        ReferralActorViewSet,
    )


register_snippet(OrganisationsGroup)
