"""The yearly overview (*årsoversikt*): one curated edition per Statsforvalter embete and year.

The tree is /arsoversikt/ (``OverviewIndexPage``) → one folder per embete (``OverviewFolderPage``,
/arsoversikt/troms-og-finnmark/) → one overview per year (``YearlyOverviewPage``,
/arsoversikt/troms-og-finnmark/2027/). The per-embete folder is what makes curation safe: each embete's
curator group gets its Wagtail page permissions on its own folder only, so a Statsforvalter can never
open another embete's drafts (domain.md §6).

An overview is built from the catalogue (``katalog.services.overview.overview_refresh``): every
offering available to the region that year gets an ``OverviewItem`` (the curator's layer: pin, order,
note, hidden, the theme to show it under; revisioned like the rest of the page) and an
``OverviewOfferingState`` (what the catalogue did: added, changed, no longer qualifying; written only
by the service, never revisioned). What the public sees about the offering itself (status, capacity,
dates) is read live from the catalogue at render time, so a cancelled session or a paused offering
shows at once. Regional activities (``RegionalActivity``) are the Statsforvalter's own dated events:
learning networks, leaders' gatherings, dialogue meetings.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

FIRST_YEAR = 2024
LAST_YEAR = 2100


class OverviewIndexPage(Page):
    """/arsoversikt/: every published yearly overview, newest year first."""

    intro = RichTextField("ingress", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["base.HomePage"]
    subpage_types = ["katalog.OverviewFolderPage"]
    max_count = 1

    class Meta:
        verbose_name = "årsoversikter"

    def get_context(self, request, *args, **kwargs):
        from katalog.overview_selectors import overview_list_public

        context = super().get_context(request, *args, **kwargs)
        context["overviews_by_year"] = overview_list_public()
        return context


class OverviewFolderPage(Page):
    """One embete's overviews. Exists so page permissions can cover exactly one embete's subtree."""

    embete = models.OneToOneField(
        "organisations.Embete",
        on_delete=models.PROTECT,
        related_name="overview_folder",
        verbose_name="statsforvalterembete",
    )

    # Created with its curator group by ``overview_site_ensure``, never by hand, and its embete never
    # changes: the group's page permissions hang on it.
    content_panels = [*Page.content_panels]
    parent_page_types = ["katalog.OverviewIndexPage"]
    subpage_types = ["katalog.YearlyOverviewPage"]
    is_creatable = False

    class Meta:
        verbose_name = "årsoversikter for ett embete"

    def get_context(self, request, *args, **kwargs):
        from katalog.overview_selectors import overview_list_public

        context = super().get_context(request, *args, **kwargs)
        context["overviews_by_year"] = overview_list_public(embete=self.embete)
        return context

    def get_template(self, request, *args, **kwargs):
        return "katalog/overview_index_page.html"


class YearlyOverviewForm(WagtailAdminPageForm):
    """Takes the embete from the folder the page is created in, so a curator never picks it; the slug
    is the year, so the address is /arsoversikt/<embete>/<år>/."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page.specific if self.parent_page else None
        if self.instance.embete_id is None and isinstance(parent, OverviewFolderPage):
            self.instance.embete = parent.embete
        year = cleaned.get("year")
        if year and self.instance.embete_id:
            clash = YearlyOverviewPage.objects.filter(embete_id=self.instance.embete_id, year=year)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("year", f"Det finnes allerede en årsoversikt for {year} for dette embetet.")
            cleaned["slug"] = str(year)
        return cleaned


class YearlyOverviewPage(Page):
    """Årsoversikt: every offering available to the embete's municipalities in one year, grouped by
    theme and form of help, curated by the embete, with its own regional activities."""

    embete = models.ForeignKey(
        "organisations.Embete",
        on_delete=models.PROTECT,
        related_name="yearly_overviews",
        verbose_name="statsforvalterembete",
    )
    year = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    intro = RichTextField(
        "innledning", blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    contact = models.CharField(
        "kontakt hos Statsforvalteren (rolle)",
        max_length=200,
        blank=True,
        help_text="En rolle eller funksjonsadresse, ikke en person.",
    )

    base_form_class = YearlyOverviewForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("contact"),
        InlinePanel(
            "activities",
            heading="Regionale aktiviteter",
            label="aktivitet",
            help_text="Læringsnettverk, barnevernledersamlinger, dialogmøter og andre samlinger i regi av "
            "Statsforvalteren. Siden er offentlig: skriv ikke referater eller vurderinger av tjenester her.",
        ),
        InlinePanel(
            "items",
            heading="Tilbud i oversikten",
            label="tilbud",
            help_text="Fylles ut fra katalogen når oversikten opprettes og oppdateres. Fremhev, sorter, "
            "skriv merknader eller skjul; endringene beholdes når oversikten oppdateres.",
        ),
    ]
    parent_page_types = ["katalog.OverviewFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "årsoversikt"
        verbose_name_plural = "årsoversikter"
        constraints = [
            models.UniqueConstraint(fields=["embete", "year"], name="unique_overview_per_embete_year")
        ]

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)

    def get_context(self, request, *args, **kwargs):
        from katalog.overview_selectors import overview_view_build

        context = super().get_context(request, *args, **kwargs)
        context["view"] = overview_view_build(page=self, params=request.GET)
        return context

    @property
    def csv_url(self) -> str:
        return reverse("overviews:overview-csv", args=[self.embete.slug, self.year])

    @property
    def ics_url(self) -> str:
        return reverse("overviews:overview-ics", args=[self.embete.slug, self.year])


class OverviewItem(Orderable):
    """The curator's layer over one offering: pin, order, note, hidden, and the theme to show it under.
    Only fields the curator edits live here, so they travel through Wagtail's revisions untouched;
    what the catalogue did to the offering is kept in ``OverviewOfferingState``."""

    page = ParentalKey(YearlyOverviewPage, on_delete=models.CASCADE, related_name="items")
    offering = models.ForeignKey(
        "katalog.OfferingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="tilbud",
    )
    pinned = models.BooleanField("fremhevet", default=False)
    hidden = models.BooleanField("skjult", default=False, help_text="Vises ikke på den offentlige siden.")
    note = models.TextField("merknad fra Statsforvalteren", blank=True)
    group_theme = models.ForeignKey(
        "katalog.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="vis under tema",
        help_text="Tomt: tilbudets første tema.",
    )

    panels = [
        FieldPanel("offering"),
        FieldRowPanel([FieldPanel("pinned"), FieldPanel("hidden"), FieldPanel("group_theme")]),
        FieldPanel("note", widget=forms.Textarea(attrs={"rows": 2})),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "tilbud i årsoversikt"
        verbose_name_plural = "tilbud i årsoversikt"

    def __str__(self) -> str:
        return f"Tilbud {self.offering_id}"


class ItemSource(models.TextChoices):
    CATALOGUE = "catalogue", "Fra katalogen"
    CURATOR = "curator", "Lagt til av Statsforvalteren"


class OverviewOfferingState(models.Model):
    """What the catalogue did to one offering in one overview, written only by the refresh service.

    Kept outside the page's revisions on purpose: a cancellation or a paused offering must show on the
    public page at once, without waiting for the curator to publish, and a refresh must never touch
    what the curator has written. ``changes`` is a list of ``{"at": ISO time, "text": "..."}``; the page
    marks those newer than the curator's last published edition as "Endret siden forrige versjon".
    """

    page = models.ForeignKey(YearlyOverviewPage, on_delete=models.CASCADE, related_name="offering_states")
    offering = models.ForeignKey(
        "katalog.OfferingPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offering_key = models.PositiveIntegerField("tilbuds-id")
    title = models.CharField("tittel", max_length=255)
    source = models.CharField(
        "kilde", max_length=10, choices=ItemSource.choices, default=ItemSource.CATALOGUE
    )
    qualifies = models.BooleanField("oppfyller kriteriene", default=True)
    removed_reason = models.CharField("hvorfor ikke lenger med", max_length=200, blank=True)
    snapshot = models.JSONField("tilstand ved siste oppdatering", default=dict)
    changes = models.JSONField("endringer", default=list, blank=True)
    added_at = models.DateTimeField("lagt til")
    changed_at = models.DateTimeField("sist endret", null=True, blank=True)
    checked_at = models.DateTimeField("sist kontrollert")

    class Meta:
        verbose_name = "tilbudsstatus i årsoversikt"
        verbose_name_plural = "tilbudsstatus i årsoversikter"
        constraints = [
            models.UniqueConstraint(fields=["page", "offering_key"], name="unique_overview_offering_state")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def removed(self) -> bool:
        return bool(self.removed_reason)


class ActivityKind(models.TextChoices):
    LEARNING_NETWORK = "laeringsnettverk", "Læringsnettverk"
    LEADERS_GATHERING = "ledersamling", "Barnevernledersamling"
    DIALOGUE_MEETING = "dialogmote", "Dialogmøte"
    BREAKFAST_MEETING = "frokostmote", "Frokostmøte"
    NETWORK_DAY = "nettverksdag", "Nettverksdag eller fagdag"
    OTHER = "annet", "Annet"


class RegionalActivity(Orderable):
    """A dated activity in the Statsforvalter's own regi. Public: no minutes or assessments."""

    page = ParentalKey(YearlyOverviewPage, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField("type", max_length=20, choices=ActivityKind.choices, default=ActivityKind.OTHER)
    title = models.CharField("tittel", max_length=200)
    start = models.DateField("fra")
    end = models.DateField("til", null=True, blank=True)
    start_time = models.TimeField("starttid", null=True, blank=True)
    end_time = models.TimeField("sluttid", null=True, blank=True)
    place = models.CharField("sted", max_length=120, help_text="Et sted, eller «Digitalt».")
    description = models.TextField("beskrivelse", blank=True)
    registration_url = models.URLField("påmelding", blank=True)
    cancelled = models.BooleanField("avlyst", default=False)
    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("place")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("cancelled")]),
        FieldPanel("description", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("registration_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "regional aktivitet"
        verbose_name_plural = "regionale aktiviteter"
        ordering = ["start", "sort_order"]

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y} {self.title}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "Sluttdatoen kan ikke være før startdatoen."})
