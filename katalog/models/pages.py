"""The catalogue's page tree: provider index → provider pages → offering pages, and the theme index.

Offerings are Wagtail pages under their provider so each centre's editors can be given page
permissions on exactly their own subtree, with moderation and revisions for free.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from katalog.choices import (
    DIGITAL_PLACE,
    STALE_AFTER_DAYS,
    AccessMode,
    Capacity,
    Cost,
    Counts2031,
    EvidenceLevel,
    Language,
    Level,
    SessionStatus,
    Status,
)


class ProviderIndexPage(Page):
    """Lists every centre, grouped by family (/sentre/)."""

    intro = RichTextField("ingress", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["base.HomePage"]
    subpage_types = ["katalog.ProviderPage"]
    max_count = 1

    class Meta:
        verbose_name = "senteroversikt"

    def get_context(self, request, *args, **kwargs):
        from katalog.selectors import provider_pages_by_family

        context = super().get_context(request, *args, **kwargs)
        context["families"] = provider_pages_by_family()
        return context


class ProviderPage(Page):
    """One competence centre: profile, catchment, contact points by role, and whether it takes new
    requests. Its children are the centre's offerings."""

    provider = models.OneToOneField(
        "organisations.Provider", on_delete=models.PROTECT, related_name="page", verbose_name="senter"
    )
    intro = RichTextField("om senteret", blank=True, features=["bold", "italic", "link", "ul"])
    priorities = RichTextField(
        "årets satsinger",
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="Hva senteret prioriterer i år, så kommunene vet hva de kan spørre om.",
    )
    accepts_new_requests = models.BooleanField("tar imot nye forespørsler", default=True)
    request_note = models.CharField(
        "merknad om kapasitet",
        max_length=250,
        blank=True,
        help_text="For eksempel «Nye forespørsler fra mars».",
    )
    response_time = models.CharField("forventet svartid", max_length=120, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("provider"),
        FieldPanel("intro"),
        FieldPanel("priorities"),
        MultiFieldPanel(
            [FieldPanel("accepts_new_requests"), FieldPanel("request_note"), FieldPanel("response_time")],
            heading="Kapasitet",
        ),
        InlinePanel("contacts", heading="Kontaktpunkter (roller, ikke personer)", label="kontaktpunkt"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["katalog.ProviderIndexPage"]
    subpage_types = ["katalog.OfferingPage"]

    class Meta:
        verbose_name = "senterside"

    def get_context(self, request, *args, **kwargs):
        from katalog.selectors import offering_list_for_provider, offering_page_of

        context = super().get_context(request, *args, **kwargs)
        context["offerings"] = offering_page_of(
            offering_list_for_provider(provider_page=self), request.GET.get("side")
        )
        return context


class ProviderContact(Orderable):
    """A contact point by role ("Fagteam barnevern"), because staff turn over (domain.md §1)."""

    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField("rolle", max_length=120)
    email = models.EmailField("e-post (funksjonsadresse)", blank=True)
    phone = models.CharField("telefon (sentralbord)", max_length=30, blank=True)
    note = models.CharField("merknad", max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "kontaktpunkt"


class OfferingPage(Page):
    """An offering (tilbud): what a municipality gets, what it takes, and how to get it.

    Fields follow what municipalities filter and decide on (domain.md §3). ``last_confirmed`` is the
    provider's statement that the entry is still true, separate from "last edited"; entries not
    confirmed for twelve months are marked on the page and flagged to their editors.
    """

    summary = models.TextField(
        "kort fortalt", max_length=700, help_text="Klart språk: hva dere får og hva det krever."
    )
    body = RichTextField(
        "beskrivelse", blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    form_of_help = models.ForeignKey(
        "katalog.FormOfHelp", on_delete=models.PROTECT, related_name="offerings", verbose_name="bistandsform"
    )
    themes = ParentalManyToManyField("katalog.Theme", related_name="offerings", verbose_name="tema")
    target_groups = ParentalManyToManyField(
        "katalog.TargetGroup", related_name="offerings", blank=True, verbose_name="målgrupper"
    )
    level = models.CharField("nivå", max_length=20, choices=Level.choices, default=Level.SYSTEM)
    formats = ParentalManyToManyField("katalog.Format", related_name="offerings", verbose_name="format")
    duration = models.CharField("varighet", max_length=200, blank=True)
    hours = models.PositiveIntegerField("timer per deltaker", null=True, blank=True)
    sessions_count = models.PositiveIntegerField("antall samlinger/møter", null=True, blank=True)
    months = models.PositiveIntegerField("varighet i måneder", null=True, blank=True)
    cost = models.CharField("kostnad", max_length=10, choices=Cost.choices, default=Cost.FREE)
    price_text = models.CharField("pris", max_length=200, blank=True)
    credits = models.DecimalField("studiepoeng", max_digits=4, decimal_places=1, null=True, blank=True)
    counts_toward_2031 = models.CharField(
        "teller mot kompetansekravet 2031",
        max_length=10,
        choices=Counts2031.choices,
        default=Counts2031.NO,
        help_text="Velg «ja» bare når senteret eller Bufdir har bekreftet det.",
    )
    certification = models.CharField("sertifisering", max_length=200, blank=True)
    language = models.CharField("målform", max_length=2, choices=Language.choices, default=Language.BOKMAL)
    national = models.BooleanField(
        "tilgjengelig for hele landet", default=True, help_text="Standard: hjelp uansett region."
    )
    regions = ParentalManyToManyField(
        "organisations.County",
        blank=True,
        related_name="offerings",
        verbose_name="fylker (når ikke nasjonalt)",
    )
    access_mode = models.CharField(
        "tilgang", max_length=30, choices=AccessMode.choices, default=AccessMode.ON_REQUEST
    )
    prerequisites = models.TextField("forutsetninger", blank=True)
    capacity = models.CharField("kapasitet", max_length=10, choices=Capacity.choices, default=Capacity.OPEN)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    evidence_level = models.CharField(
        "kunnskapsgrunnlag", max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.NOT_ASSESSED
    )
    registration_url = models.URLField("lenke til påmelding/søknad", blank=True)
    contact_role = models.CharField("kontakt (rolle)", max_length=120, blank=True)
    contact_email = models.EmailField("kontakt e-post (funksjonsadresse)", blank=True)
    co_providers = ParentalManyToManyField(
        "organisations.Provider",
        blank=True,
        related_name="joint_offerings",
        verbose_name="samarbeidspartnere",
    )
    last_confirmed = models.DateField("sist bekreftet", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="bekreftet av",
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("form_of_help"),
                FieldPanel("themes"),
                FieldPanel("target_groups"),
                FieldPanel("level"),
            ],
            heading="Hva og for hvem",
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_mode"),
                FieldPanel("prerequisites"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("contact_role"), FieldPanel("contact_email")]),
            ],
            heading="Slik får du tilbudet",
        ),
        MultiFieldPanel(
            [
                FieldPanel("formats"),
                FieldPanel("duration"),
                FieldRowPanel([FieldPanel("hours"), FieldPanel("sessions_count"), FieldPanel("months")]),
                FieldPanel("national"),
                FieldPanel("regions"),
                FieldPanel("language"),
            ],
            heading="Når, hvor og hvordan",
        ),
        InlinePanel("sessions", heading="Datoer", label="dato"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("price_text")]),
                FieldRowPanel([FieldPanel("credits"), FieldPanel("counts_toward_2031")]),
                FieldPanel("certification"),
                FieldPanel("evidence_level"),
            ],
            heading="Kostnad og kompetanse",
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("status"),
                FieldPanel("co_providers"),
                FieldPanel("last_confirmed"),
            ],
            heading="Status og ferskhet",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]
    parent_page_types = ["katalog.ProviderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"

    @cached_property
    def provider_page(self) -> ProviderPage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def provider(self):
        page = self.provider_page
        return page.provider if isinstance(page, ProviderPage) else None

    @property
    def is_stale(self) -> bool:
        return offering_is_stale(self.last_confirmed)

    @property
    def is_free(self) -> bool:
        return self.cost == Cost.FREE

    def upcoming_sessions(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return [s for s in self.sessions.all() if (s.end or s.start) >= today]

    def get_context(self, request, *args, **kwargs):
        from katalog.structured_data import offering_json_ld

        if not getattr(request, "is_preview", False):
            # The JSON-LD and the template both read every relation: fetch each once. (A preview
            # carries the draft's relations in memory, which a fetch would replace with the live ones.)
            prefetch_related_objects(
                [self],
                "themes",
                "formats",
                "target_groups",
                "co_providers",
                "regions",
                "sessions",
            )
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = offering_json_ld(self, request=request)
        return context


def offering_is_stale(last_confirmed: dt.date | None, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return last_confirmed is None or (today - last_confirmed).days > STALE_AFTER_DAYS


class OfferingSession(Orderable):
    """A dated session of an offering: a course day, a gathering, a start of a programme."""

    page = ParentalKey(OfferingPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateField("fra")
    end = models.DateField("til", null=True, blank=True)
    place = models.CharField("sted", max_length=120, help_text=f"Et sted, eller «{DIGITAL_PLACE}».")
    registration_deadline = models.DateField("påmeldingsfrist", null=True, blank=True)
    registration_url = models.URLField("påmelding", blank=True)
    status = models.CharField(
        "status", max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("place")]),
        FieldRowPanel(
            [FieldPanel("registration_deadline"), FieldPanel("registration_url"), FieldPanel("status")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "dato"
        verbose_name_plural = "datoer"
        ordering = ["start", "sort_order"]

    def __str__(self) -> str:
        return f"{self.start:%d.%m.%Y} {self.place}"

    @property
    def is_digital(self) -> bool:
        return self.place.strip().lower() == DIGITAL_PLACE.lower()

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.localdate()


class ThemeIndexPage(RoutablePageMixin, Page):
    """All themes (/tema/), and one page per theme (/tema/<kode>/) listing its offerings across all
    providers. Theme pages are routes, not stored pages, so they always follow the editable taxonomy."""

    intro = RichTextField("ingress", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["base.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "temaoversikt"

    @path("")
    def theme_index(self, request):
        from katalog.selectors import theme_list_with_counts

        return self.render(request, context_overrides={"themes": theme_list_with_counts()})

    @path("<slug:code>/")
    def theme_detail(self, request, code: str):
        from django.http import Http404

        from katalog.models.taxonomy import Theme
        from katalog.selectors import offering_list_for_theme, offering_page_of

        theme = Theme.objects.filter(code__iexact=code).first()
        if theme is None:
            raise Http404("Ukjent tema")
        return self.render(
            request,
            template="katalog/theme_page.html",
            context_overrides={
                "theme": theme,
                "offerings": offering_page_of(offering_list_for_theme(theme=theme), request.GET.get("side")),
            },
        )
