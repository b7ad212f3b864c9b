"""The controlled vocabulary as editable snippets: themes, forms of help, target groups and
abbreviations. Loaded from ``katalog/data/taxonomy.yaml`` by ``load_reference_data``; editors refine
synonyms in the admin and every change is kept as a Wagtail revision."""

from __future__ import annotations

from django import forms
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from portal.organisations.models import ProviderFamily


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class FamiliesField(models.JSONField):
    """A list of provider-family codes, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=ProviderFamily.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class VocabularyTerm(RevisionMixin, index.Indexed, models.Model):
    """Shared shape of the vocabularies: a stable code, labels, a description and the words people type."""

    code = models.CharField("kode", max_length=40, unique=True)
    label = models.CharField("navn (bokmål)", max_length=120)
    description = models.TextField("beskrivelse", blank=True)
    synonyms = models.TextField(
        "synonymer",
        blank=True,
        help_text="Ett ord eller uttrykk per linje: det folk skriver, også nynorsk og vanlige feilstavinger.",
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    search_fields = [index.SearchField("label"), index.SearchField("synonyms"), index.FilterField("code")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def synonym_list(self) -> list[str]:
        return _lines(self.synonyms)


class Theme(VocabularyTerm):
    """A professional theme (T01 …). ``families`` lists, in priority order, the centre families that
    usually help; ``no_fit`` marks themes no competence centre serves, with ``refer`` naming who does."""

    label_nn = models.CharField("namn (nynorsk)", max_length=120, blank=True)
    families = FamiliesField("fagmiljøfamilier", default=list, blank=True)
    no_fit = models.BooleanField("ingen kompetansesenter passer", default=False)
    refer = models.ManyToManyField(
        "organisations.ReferralActor", blank=True, related_name="themes", verbose_name="henvis til"
    )

    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("label"), FieldPanel("label_nn")], heading="Navn"),
        FieldPanel("description"),
        FieldPanel("synonyms"),
        MultiFieldPanel(
            [FieldPanel("families"), FieldPanel("no_fit"), FieldPanel("refer")], heading="Ruting"
        ),
    ]

    class Meta(VocabularyTerm.Meta):
        verbose_name = "tema"
        verbose_name_plural = "tema"


class FormOfHelp(VocabularyTerm):
    """A form of help (bistandsform): course, guidance, consultation, implementation support …"""

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("description"), FieldPanel("synonyms")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = "bistandsform"
        verbose_name_plural = "bistandsformer"


class TargetGroup(VocabularyTerm):
    """Who an offering is for: leaders, caseworkers, foster parents, the whole service …"""

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("description"), FieldPanel("synonyms")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = "målgruppe"
        verbose_name_plural = "målgrupper"


class Format(models.Model):
    """Delivery format (fysisk, digitalt direkte …): a fixed list, stored as rows so offerings can
    carry several and be filtered on any database."""

    code = models.CharField("kode", max_length=40, unique=True)
    label = models.CharField("navn", max_length=80)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "format"
        verbose_name_plural = "formater"

    def __str__(self) -> str:
        return self.label


class Abbreviation(RevisionMixin, models.Model):
    """An abbreviation or short word that must be matched as a whole word, sometimes case-sensitively
    ("MST" never inside "fremstår", "rus" never inside "trusler")."""

    abbr = models.CharField("forkortelse", max_length=40, unique=True)
    expansion = models.CharField("betydning", max_length=200)
    case_sensitive = models.BooleanField("skill mellom store og små bokstaver", default=False)
    whole_word = models.BooleanField("bare som helt ord", default=True)
    note = models.TextField("merknad", blank=True)

    panels = [
        FieldPanel("abbr"),
        FieldPanel("expansion"),
        FieldPanel("case_sensitive"),
        FieldPanel("whole_word"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["abbr"]
        verbose_name = "forkortelse"
        verbose_name_plural = "forkortelser"

    def __str__(self) -> str:
        return self.abbr
