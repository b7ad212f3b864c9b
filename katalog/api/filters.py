"""Query parameters of /api/v1/offerings/: validated before any query runs, so a typo never silently
returns the whole catalogue. Every error names the parameter and the allowed values (or where to find
them), in Norwegian."""

from __future__ import annotations

import datetime as dt

from rest_framework import serializers

from katalog.choices import AccessMode
from katalog.models import Format, FormOfHelp, Theme
from portal.organisations.models import County, Provider

TAXONOMY_URL = "/api/v1/taxonomy/"
PROVIDERS_URL = "/api/v1/providers/"
# Pagination parameters are read by the paginator, not by the filters.
PAGINATION_PARAMS = frozenset({"page", "page_size"})

UNKNOWN_PARAMETER = "Ukjent parameter «{name}». Gyldige parametere: {allowed}."
UNKNOWN_VALUE_LISTED = "Ukjent verdi «{value}» i parameteret «{name}». Gyldige verdier: {allowed}."
UNKNOWN_VALUE_POINTER = "Ukjent verdi «{value}» i parameteret «{name}». Se gyldige verdier i {url}."
INVALID_DATE = (
    "Ugyldig dato «{value}» i parameteret «{name}». Bruk formatet ÅÅÅÅ-MM-DD, for eksempel 2027-03-01."
)
DATE_ORDER = "«date_from» ({date_from}) kan ikke være etter «date_to» ({date_to})."


def _theme_codes() -> list[str]:
    return list(Theme.objects.order_by("sort_order", "code").values_list("code", flat=True))


def _form_codes() -> list[str]:
    return list(FormOfHelp.objects.values_list("code", flat=True))


def _format_codes() -> list[str]:
    return list(Format.objects.values_list("code", flat=True))


def _access_codes() -> list[str]:
    return list(AccessMode.values)


def _provider_slugs() -> list[str]:
    return list(Provider.objects.order_by("slug").values_list("slug", flat=True))


def _county_numbers() -> list[str]:
    return list(County.objects.values_list("number", flat=True))


class CodeListField(serializers.CharField):
    """One code, or several separated by commas (any of them matches). Codes are compared without
    regard to case and returned in their canonical spelling."""

    def __init__(self, *, codes, pointer: str | None = None, **kwargs):
        self.codes = codes
        self.pointer = pointer
        # An empty value ("?theme=") means no filter, as in most search forms.
        super().__init__(required=False, allow_blank=True, **kwargs)

    def to_internal_value(self, data) -> list[str]:
        known = {code.lower(): code for code in self.codes()}
        values = [v.strip() for v in str(data).split(",") if v.strip()]
        result = []
        for value in values:
            code = known.get(value.lower())
            if code is None:
                raise serializers.ValidationError(self._unknown(value, known.values()))
            result.append(code)
        return result

    def _unknown(self, value: str, allowed) -> str:
        if self.pointer:
            return UNKNOWN_VALUE_POINTER.format(value=value, name=self.field_name, url=self.pointer)
        return UNKNOWN_VALUE_LISTED.format(value=value, name=self.field_name, allowed=", ".join(allowed))


class NorwegianDateField(serializers.DateField):
    def __init__(self, **kwargs):
        super().__init__(required=False, input_formats=["iso-8601"], **kwargs)

    def to_internal_value(self, value) -> dt.date:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise serializers.ValidationError(
                INVALID_DATE.format(value=value, name=self.field_name)
            ) from None


class CountyField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, **kwargs)

    def to_internal_value(self, data) -> str:
        numbers = _county_numbers()
        value = str(data).strip()
        if value not in numbers:
            raise serializers.ValidationError(
                UNKNOWN_VALUE_LISTED.format(value=value, name=self.field_name, allowed=", ".join(numbers))
            )
        return value


class OfferingFilterSerializer(serializers.Serializer):
    """Filters for the offering list. All are optional; several filters narrow the list together."""

    provider = CodeListField(
        codes=_provider_slugs,
        pointer=PROVIDERS_URL,
        help_text="Senterets kode (slug), f.eks. «rkbu-nord». Gir også felles tilbud der senteret er "
        "samarbeidspartner. Flere verdier skilles med komma. Se /api/v1/providers/.",
    )
    theme = CodeListField(
        codes=_theme_codes,
        pointer=TAXONOMY_URL,
        help_text="Temakode, f.eks. «T01». Flere verdier skilles med komma. Se /api/v1/taxonomy/.",
    )
    form = CodeListField(
        codes=_form_codes,
        pointer=TAXONOMY_URL,
        help_text="Bistandsform, f.eks. «KURS» eller «VEIL». Flere verdier skilles med komma. "
        "Se /api/v1/taxonomy/.",
    )
    format = CodeListField(
        codes=_format_codes,
        help_text="Format: fysisk, digitalt_direkte, opptak, hybrid eller pa_arbeidsplassen. "
        "Flere verdier skilles med komma.",
    )
    access_mode = CodeListField(
        codes=_access_codes,
        help_text="Tilgang: " + ", ".join(AccessMode.values) + ". Flere verdier skilles med komma.",
    )
    region = CountyField(
        help_text="Fylkesnummer (2024-inndelingen), f.eks. «50». Gir nasjonale tilbud og tilbud for "
        "dette fylket."
    )
    date_from = NorwegianDateField(
        help_text="Bare tilbud med en dato (som ikke er avlyst) som slutter denne dagen eller senere. "
        "Format ÅÅÅÅ-MM-DD."
    )
    date_to = NorwegianDateField(
        help_text="Bare tilbud med en dato (som ikke er avlyst) som starter denne dagen eller tidligere. "
        "Format ÅÅÅÅ-MM-DD."
    )

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields) - PAGINATION_PARAMS)
        if unknown:
            allowed = ", ".join([*self.fields, *sorted(PAGINATION_PARAMS)])
            raise serializers.ValidationError(
                {name: [UNKNOWN_PARAMETER.format(name=name, allowed=allowed)] for name in unknown}
            )
        date_from, date_to = attrs.get("date_from"), attrs.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise serializers.ValidationError(
                {"date_to": [DATE_ORDER.format(date_from=date_from, date_to=date_to)]}
            )
        return attrs

    def selector_kwargs(self) -> dict:
        """The validated filters as keyword arguments for ``offering_list_filtered``."""
        data = self.validated_data
        return {
            "providers": data.get("provider"),
            "themes": data.get("theme"),
            "forms": data.get("form"),
            "formats": data.get("format"),
            "access_modes": data.get("access_mode"),
            "region": data.get("region"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
