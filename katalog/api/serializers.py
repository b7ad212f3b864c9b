"""Output shapes of the catalogue API. Coded values are always given as ``{"code", "label"}`` so a client
can filter on the code and show the label without a second request."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wagtail.rich_text import expand_db_html

from katalog.choices import (
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
from portal.organisations.models import ProviderFamily


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


@extend_schema_field(CodeLabelSerializer)
class CodedChoiceField(serializers.ReadOnlyField):
    """A model choice as ``{"code": "fysisk", "label": "Fysisk"}``."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"code": value, "label": str(self.labels.get(value, value))}


class LabelsSerializer(serializers.Serializer):
    nb = serializers.CharField(help_text="Bokmål")
    nn = serializers.CharField(allow_null=True, help_text="Nynorsk (null når det ikke finnes ennå)")


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    labels = serializers.SerializerMethodField()
    description = serializers.CharField()

    @extend_schema_field(LabelsSerializer)
    def get_labels(self, term) -> dict:
        return {"nb": term.nb, "nn": term.nn}


class ThemeTermSerializer(TermSerializer):
    no_fit = serializers.BooleanField(
        help_text="Ingen kompetansesentre dekker temaet; portalen henviser videre i stedet."
    )


class TaxonomyOutputSerializer(serializers.Serializer):
    themes = ThemeTermSerializer(many=True)
    forms_of_help = TermSerializer(many=True)
    target_groups = TermSerializer(many=True)
    formats = TermSerializer(many=True)
    access_modes = TermSerializer(many=True)
    levels = TermSerializer(many=True)


class ProviderRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    short_name = serializers.CharField()
    name = serializers.CharField()


class CountySerializer(serializers.Serializer):
    number = serializers.CharField()
    name = serializers.CharField()


class SessionSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    place = serializers.CharField()
    is_digital = serializers.BooleanField()
    registration_deadline = serializers.DateField(allow_null=True)
    registration_url = serializers.CharField()
    status = CodedChoiceField(SessionStatus.choices)


class OfferingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Tilbudets side i portalen")
    provider = serializers.SerializerMethodField(help_text="Senteret som eier tilbudet")
    co_providers = ProviderRefSerializer(many=True, help_text="Samarbeidspartnere i felles tilbud")
    summary = serializers.CharField()
    form_of_help = CodeLabelSerializer()
    themes = CodeLabelSerializer(many=True)
    target_groups = CodeLabelSerializer(many=True)
    level = CodedChoiceField(Level.choices)
    formats = CodeLabelSerializer(many=True)
    access_mode = CodedChoiceField(AccessMode.choices)
    prerequisites = serializers.CharField()
    national = serializers.BooleanField(help_text="Tilgjengelig for hele landet")
    regions = CountySerializer(many=True, help_text="Fylker tilbudet gjelder når det ikke er nasjonalt")
    language = CodedChoiceField(Language.choices)
    duration = serializers.CharField()
    hours = serializers.IntegerField(allow_null=True)
    sessions_count = serializers.IntegerField(allow_null=True)
    months = serializers.IntegerField(allow_null=True)
    cost = CodedChoiceField(Cost.choices)
    price_text = serializers.CharField()
    credits = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    counts_toward_2031 = CodedChoiceField(Counts2031.choices)
    certification = serializers.CharField()
    evidence_level = CodedChoiceField(EvidenceLevel.choices)
    capacity = CodedChoiceField(Capacity.choices)
    status = CodedChoiceField(Status.choices)
    registration_url = serializers.CharField()
    contact_role = serializers.CharField()
    contact_email = serializers.CharField()
    last_confirmed = serializers.DateField(allow_null=True, help_text="Sist bekreftet av senteret")
    is_stale = serializers.BooleanField(help_text="Ikke bekreftet på over 12 måneder")
    sessions = SessionSerializer(many=True)
    last_published_at = serializers.DateTimeField(allow_null=True)

    def get_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request"))

    @extend_schema_field(ProviderRefSerializer)
    def get_provider(self, page) -> dict:
        # Annotated by the selector, so a list never asks each page for its parent.
        return {
            "slug": page.provider_slug,
            "short_name": page.provider_short_name,
            "name": page.provider_name,
        }


class OfferingDetailOutputSerializer(OfferingOutputSerializer):
    body = serializers.SerializerMethodField(help_text="Beskrivelsen som HTML")

    def get_body(self, page) -> str:
        return expand_db_html(page.body or "")


class ContactSerializer(serializers.Serializer):
    role = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    note = serializers.CharField()


class ProviderOutputSerializer(serializers.Serializer):
    slug = serializers.CharField(source="provider.slug")
    short_name = serializers.CharField(source="provider.short_name")
    name = serializers.CharField(source="provider.name")
    family = CodedChoiceField(ProviderFamily.choices, source="provider.family")
    host = serializers.CharField(source="provider.host")
    city = serializers.CharField(source="provider.city")
    national = serializers.BooleanField(source="provider.national", help_text="Nasjonalt nedslagsfelt")
    catchment = CountySerializer(
        source="provider.catchment.all", many=True, help_text="Regionen senteret dekker"
    )
    website = serializers.CharField(source="provider.website_url")
    url = serializers.SerializerMethodField(help_text="Senterets side i portalen")
    accepts_new_requests = serializers.BooleanField()
    request_note = serializers.CharField()
    response_time = serializers.CharField()
    contacts = ContactSerializer(source="contacts.all", many=True)
    offering_count = serializers.IntegerField(help_text="Antall publiserte tilbud senteret eier")

    def get_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request"))


class ProviderDetailOutputSerializer(ProviderOutputSerializer):
    profile = serializers.CharField(source="provider.profile")
    intro = serializers.SerializerMethodField(help_text="Om senteret (HTML)")
    priorities = serializers.SerializerMethodField(help_text="Årets satsinger (HTML)")

    def get_intro(self, page) -> str:
        return expand_db_html(page.intro or "")

    def get_priorities(self, page) -> str:
        return expand_db_html(page.priorities or "")
