"""Site-wide pages: the home page and plain content pages (about, accessibility statement, open data)."""

from __future__ import annotations

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The front door: search from a need, describe a problem, or browse the centres."""

    intro = RichTextField("ingress", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "katalog.ProviderIndexPage",
        "katalog.ThemeIndexPage",
        "katalog.OverviewIndexPage",
        "base.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "forside"

    def get_context(self, request, *args, **kwargs):
        from katalog.selectors import provider_pages_by_family, theme_list_with_counts

        context = super().get_context(request, *args, **kwargs)
        context["families"] = provider_pages_by_family()
        context["popular_themes"] = theme_list_with_counts()[:12]
        return context


class StandardPage(Page):
    """A plain content page."""

    intro = models.TextField("ingress", blank=True)
    body = RichTextField(
        "innhold", blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["base.HomePage", "base.StandardPage"]
    subpage_types = ["base.StandardPage"]

    class Meta:
        verbose_name = "innholdsside"
