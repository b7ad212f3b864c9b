"""The "describe your need" form: free text first, optional municipality and editable preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.organisations.models import Municipality

from .preferences import INTENSITY

FORMAT_CHOICES = [
    ("digitalt_direkte", "Digitalt"),
    ("fysisk", "Fysisk oppmøte"),
    ("pa_arbeidsplassen", "Hos oss, på arbeidsplassen"),
    ("opptak", "Opptak/e-læring vi kan ta når det passer"),
]
INTENSITY_CHOICES = [(e["code"], e["label"]) for e in INTENSITY]
TARGET_CHOICES = [
    ("barnevernleder", "Leder eller ledergruppe"),
    ("hele_tjenesten", "Hele tjenesten"),
    ("saksbehandler", "Saksbehandlere"),
    ("nyansatte", "Nyansatte"),
    ("fosterforeldre", "Fosterforeldre"),
]
LEVEL_CHOICES = [("systemniva", "Hele tjenesten (systemnivå)"), ("individniva", "En enkeltsak (anonymisert)")]


def municipality_choices():
    """Municipalities grouped by county, for a select with optgroups. Read as plain rows: this form
    is on one of the most visited pages, and 357 model instances cost more than the page's query."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    rows = Municipality.objects.order_by("county__name", "name_norwegian").values_list(
        "number", "name", "name_norwegian", "county__name"
    )
    for number, name, name_norwegian, county in rows:
        grouped.setdefault(county, []).append((number, Municipality.label_for(name, name_norwegian)))
    return [("", "Velg kommune (valgfritt)"), *grouped.items()]


class GroupedSelect(forms.Select):
    """A single select rendered in Python rather than with one template per option: the same HTML
    as Django's ``Select`` for flat and grouped choices, but the municipality list (357 options)
    renders in about a millisecond instead of thirty."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))

        def option(option_value, label) -> str:
            option_value = "" if option_value is None else str(option_value)
            chosen = " selected" if option_value in selected else ""
            return format_html('<option value="{}"{}>{}</option>', option_value, chosen, label)

        parts = [format_html('<select name="{}"{}>', name, attributes)]
        for group, choices in self.choices:
            if isinstance(choices, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', group))
                parts.extend(option(v, label) for v, label in choices)
                parts.append(mark_safe("</optgroup>"))
            else:
                parts.append(option(group, choices))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))  # noqa: S308 - every part was escaped by format_html


class DescribeNeedForm(forms.Form):
    text = forms.CharField(
        label="Beskriv behovet med egne ord",
        help_text=(
            "Skriv hva tjenesten strever med og hva dere har prøvd. Ikke skriv navn, alder, adresser, "
            "fødselsnummer, saksnummer eller annet som kan identifisere barn, familier eller ansatte."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": settings.MATCH_TEXT_MAX_LENGTH}),
        min_length=settings.MATCH_TEXT_MIN_LENGTH,
        max_length=settings.MATCH_TEXT_MAX_LENGTH,
        error_messages={
            "required": "Skriv en beskrivelse av behovet.",
            "min_length": "Beskrivelsen er for kort. Skriv minst %(limit_value)d tegn.",
            "max_length": "Beskrivelsen er for lang (%(show_value)d tegn). Korte den ned til høyst %(limit_value)d tegn.",
        },
    )
    municipality = forms.ChoiceField(
        label="Kommune",
        required=False,
        widget=GroupedSelect,
        help_text="Brukes bare til å vise hvilket senter som er hjemmesenteret deres. Forslagene gjelder hele landet.",
    )
    format = forms.MultipleChoiceField(
        label="Format", choices=FORMAT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    intensity = forms.MultipleChoiceField(
        label="Omfang", choices=INTENSITY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_group = forms.MultipleChoiceField(
        label="For hvem", choices=TARGET_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    level = forms.MultipleChoiceField(
        label="Nivå", choices=LEVEL_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    adjust = forms.BooleanField(required=False, widget=forms.HiddenInput)

    PREFERENCE_FIELDS = ("format", "intensity", "target_group", "level")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices()

    def clean_municipality(self) -> Municipality | None:
        number = self.cleaned_data.get("municipality")
        if not number:
            return None
        municipality = Municipality.objects.filter(number=number).select_related("county", "embete").first()
        if municipality is None:
            raise forms.ValidationError("Ukjent kommune.")
        return municipality

    def chosen_preferences(self) -> dict[str, list[str]] | None:
        """Preferences the user set; only when they adjusted the chips (else detection decides)."""
        if not self.cleaned_data.get("adjust"):
            return None
        return {kind: list(self.cleaned_data.get(kind) or []) for kind in self.PREFERENCE_FIELDS}
