"""Admin registration: the taxonomy as snippets under one menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Abbreviation, FormOfHelp, TargetGroup, Theme


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
