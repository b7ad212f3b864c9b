"""The parameters of /sok/: a query, facet filters, county, dates, sorting and the page.

Every parameter lives in the URL, so a search can be shared. Invalid values never stop the search:
the form reports them in Norwegian and :meth:`SearchForm.search_query` leaves only those out.
"""

from __future__ import annotations

from django import forms

from .backends import FACETS, SearchQuery
from .facets import FACET_TITLES, county_choices, facet_labels

MAX_QUERY_LENGTH = 500
PER_PAGE = 20
SORT_LABELS = {"relevance": "Relevans", "next_date": "Neste dato", "confirmed": "Sist bekreftet"}
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATE_ERROR = "«%(value)s» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå."


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        # A browser date field takes ISO dates only; anything else (an invalid value kept for the
        # user to see) is shown as typed.
        return value.isoformat() if hasattr(value, "isoformat") else value


class DateField(forms.DateField):
    """Accepts ISO (what browsers send) and Norwegian dates; the error quotes what was typed."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(DATE_ERROR, code="invalid", params={"value": value}) from None


def _date_field(label: str) -> DateField:
    return DateField(label=label, required=False, input_formats=DATE_FORMATS, widget=DateInput())


class SearchForm(forms.Form):
    """Bind it to ``request.GET``; facet fields are added per facet with the current labels."""

    q = forms.CharField(
        label="Hva trenger dere hjelp til?",
        required=False,
        strip=True,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Søket er lengre enn {MAX_QUERY_LENGTH} tegn, så vi søkte bare på begynnelsen. "
            "Vil du beskrive et behov med egne ord, bruk «Beskriv behovet ditt»."
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    region = forms.ChoiceField(
        label="Tilgjengelig for fylke",
        required=False,
        help_text="Viser nasjonale tilbud og tilbud for fylket.",
        error_messages={"invalid_choice": "«%(value)s» er ikke et kjent fylke."},
    )
    date_from = _date_field("Fra dato")
    date_to = _date_field("Til dato")
    sort = forms.ChoiceField(
        label="Sorter etter",
        required=False,
        choices=list(SORT_LABELS.items()),
        error_messages={
            "invalid_choice": "«%(value)s» er ikke en måte å sortere på. Vi sorterer etter relevans."
        },
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Sidetallet må være et helt tall. Vi viser første side.",
            "min_value": "Sidetallet må være 1 eller mer. Vi viser første side.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = facet_labels()
        for facet in FACETS:
            title = FACET_TITLES[facet]
            self.fields[facet] = forms.MultipleChoiceField(
                label=title,
                required=False,
                choices=list(labels[facet].items()),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": f"«%(value)s» er ikke en kjent verdi for {title.lower()}."},
            )
        self.fields["region"].choices = [("", "Alle fylker"), *county_choices()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Til-datoen er før fra-datoen. Vi ser bort fra til-datoen.")
        return cleaned

    # -- what to search for --------------------------------------------------------------------
    def selected_filters(self) -> dict[str, list[str]]:
        """Facet values to filter on: the known ones, also when the same facet had an unknown value."""
        self.is_valid()
        filters = {}
        for facet in FACETS:
            if facet in self.cleaned_data:
                values = list(self.cleaned_data[facet])
            else:  # one unknown value must not throw away the user's valid ones
                known = self.fields[facet].valid_value
                values = [v for v in self.data.getlist(facet) if known(v)] if self.is_bound else []
            if values:
                filters[facet] = values
        return filters

    def query_text(self) -> str:
        self.is_valid()
        text = self.cleaned_data.get("q")
        if text is None:  # too long: search on the beginning, as the message says
            text = str(self.data.get("q", "")).strip()
        return text[:MAX_QUERY_LENGTH]

    def search_query(self, *, per_page: int = PER_PAGE) -> SearchQuery:
        """The search to run; invalid parameters are left out (the form's errors say so)."""
        self.is_valid()
        data = self.cleaned_data
        return SearchQuery(
            text=self.query_text(),
            filters=self.selected_filters(),
            region=data.get("region") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            per_page=per_page,
        )

    def error_messages_list(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary; facet errors point at the filter panel."""
        self.is_valid()
        messages = []
        for name, errors in self.errors.items():
            if name in FACETS:
                anchor = "filtre"
            elif name in self.fields and name != "page":
                anchor = self[name].id_for_label
            else:
                anchor = "treff"
            messages.extend((anchor, str(error)) for error in errors)
        return messages
