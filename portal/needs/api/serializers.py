"""Input and output serializers for /api/v1/needs/. Inputs are strict about types (a number is not a
title); outputs are built by ``build.py`` as plain dicts that these classes render and document."""

from __future__ import annotations

from rest_framework import serializers

from katalog.models import Format, FormOfHelp, TargetGroup, Theme
from portal.organisations.models import Municipality

from ..models import Answer, ContactRole, DeclineReason, NeedLevel, TimeFrame, Urgency, Visibility
from ..services.drafts import DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX, NeedInput


class StrictCharField(serializers.CharField):
    """Refuses numbers, lists and booleans instead of turning them into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Må være true eller false."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


def _text(label: str, *, max_length: int, min_length: int | None = None, required: bool = True):
    messages = {
        "required": f"Feltet «{label}» mangler.",
        "blank": f"Feltet «{label}» er tomt.",
        "invalid": f"Feltet «{label}» må være en tekst.",
        "max_length": f"«{label}» kan være høyst {max_length} tegn.",
        "null": f"Feltet «{label}» kan ikke være null.",
    }
    if min_length:
        messages["min_length"] = f"«{label}» må være minst {min_length} tegn."
    return StrictCharField(
        max_length=max_length,
        min_length=min_length,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        error_messages=messages,
    )


def _codes(label: str):
    return serializers.ListField(
        child=StrictCharField(max_length=40),
        required=False,
        max_length=30,
        error_messages={"not_a_list": f"«{label}» må være en liste med koder."},
    )


class NeedInputSerializer(serializers.Serializer):
    title = _text("title", max_length=TITLE_MAX)
    description = _text("description", max_length=DESCRIPTION_MAX, min_length=DESCRIPTION_MIN)
    themes = _codes("themes")
    level = serializers.ChoiceField(choices=NeedLevel.choices, required=False, default=NeedLevel.SERVICE)
    anonymised = StrictBooleanField(required=False, default=False)
    forms_of_help = _codes("forms_of_help")
    formats = _codes("formats")
    target_groups = _codes("target_groups")
    staff_count = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=10_000)
    time_frame = serializers.ChoiceField(
        choices=TimeFrame.choices, required=False, allow_blank=True, default=""
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, default=Urgency.NORMAL)
    municipalities = serializers.ListField(
        child=serializers.RegexField(r"^\d{4}$", error_messages={"invalid": "Kommunenummer har fire sifre."}),
        required=False,
        max_length=50,
        help_text="Kommunenumre; standard er alle kommunene tjenesten dekker.",
    )
    contact_role = serializers.ChoiceField(
        choices=ContactRole.choices, required=False, default=ContactRole.LEADER
    )
    visibility = serializers.ChoiceField(
        choices=Visibility.choices, required=False, default=Visibility.MATCHED
    )

    _VOCABULARIES = {
        "themes": Theme,
        "forms_of_help": FormOfHelp,
        "formats": Format,
        "target_groups": TargetGroup,
    }

    def validate(self, attrs):
        errors = {}
        for name, model in self._VOCABULARIES.items():
            codes = attrs.get(name) or []
            found = {obj.code: obj for obj in model.objects.filter(code__in=codes)}
            unknown = [c for c in codes if c not in found]
            if unknown:
                errors[name] = [f"Ukjente koder: {', '.join(unknown)}."]
            attrs[name] = [found[c] for c in codes if c in found]
        numbers = attrs.get("municipalities") or []
        municipalities = {m.number: m for m in Municipality.objects.filter(number__in=numbers)}
        unknown = [n for n in numbers if n not in municipalities]
        if unknown:
            errors["municipalities"] = [f"Ukjente kommunenumre: {', '.join(unknown)}."]
        attrs["municipalities"] = [municipalities[n] for n in numbers if n in municipalities]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def to_input(self) -> NeedInput:
        data = dict(self.validated_data)
        data["municipalities"] = data.get("municipalities") or None
        return NeedInput(**data)

    @staticmethod
    def data_from_need(need) -> dict:
        """The need's current values as API input, so PATCH can change a few fields."""
        return {
            "title": need.title,
            "description": need.description,
            "themes": list(need.themes.values_list("code", flat=True)),
            "level": need.level,
            "anonymised": need.anonymised,
            "forms_of_help": list(need.forms_of_help.values_list("code", flat=True)),
            "formats": list(need.formats.values_list("code", flat=True)),
            "target_groups": list(need.target_groups.values_list("code", flat=True)),
            "staff_count": need.staff_count,
            "time_frame": need.time_frame,
            "urgency": need.urgency,
            "municipalities": list(need.municipalities.values_list("number", flat=True)),
            "contact_role": need.contact_role,
            "visibility": need.visibility,
        }


class NeedCommentInputSerializer(serializers.Serializer):
    comment = _text("comment", max_length=2000, required=False)


class NeedMessageInputSerializer(serializers.Serializer):
    message = _text("message", max_length=2000, required=False)


class NeedClarificationInputSerializer(NeedMessageInputSerializer):
    provider = serializers.SlugField(
        required=False, help_text="Senteret (slug) tjenesten vil ha samtale med; bare for tjenesten."
    )


class NeedDeclineInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeclineReason.choices)
    forward_provider = serializers.SlugField(required=False, help_text="Et annet senter (slug).")
    forward_actor = serializers.SlugField(
        required=False, help_text="En henvisningsaktør (slug), f.eks. «bufdir»."
    )
    comment = _text("comment", max_length=2000, required=False)


class NeedForwardInputSerializer(NeedCommentInputSerializer):
    provider = serializers.SlugField()


class NeedAgreeInputSerializer(serializers.Serializer):
    interests = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=20,
        error_messages={"min_length": "Velg minst ett senter som har meldt interesse."},
    )
    note = _text("note", max_length=2000, required=False)


class NeedFeedbackInputSerializer(serializers.Serializer):
    helped = serializers.ChoiceField(choices=[c for c in Answer.choices if c[0] != Answer.TOO_EARLY])
    changed_practice = serializers.ChoiceField(choices=Answer.choices)
    comment = _text("comment", max_length=2000, required=False)


# --- output ----------------------------------------------------------------------------------------


class NeedCodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class NeedRouteSerializer(serializers.Serializer):
    provider = serializers.CharField(help_text="Senterets slug")
    provider_name = serializers.CharField()
    score = serializers.FloatField()
    band = serializers.CharField()
    routed = serializers.BooleanField()
    paused = serializers.BooleanField(help_text="Passet, men tar ikke imot nye forespørsler nå")
    via = serializers.CharField()
    matched_themes = serializers.ListField(child=serializers.CharField())


class NeedInterestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provider = serializers.CharField()
    provider_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    message = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class NeedDeclineSerializer(serializers.Serializer):
    provider = serializers.CharField()
    reason = serializers.CharField()
    reason_label = serializers.CharField()
    forward_provider = serializers.CharField(allow_null=True)
    forward_actor = serializers.CharField(allow_null=True)
    forward_actor_when = serializers.CharField(allow_null=True)
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class NeedEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(allow_null=True, help_text="Bare for tjenesten og administratorer")
    provider = serializers.CharField(allow_null=True)
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class NeedPersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()


class NeedContactSerializer(serializers.Serializer):
    role = serializers.CharField()
    service = serializers.CharField()
    people = NeedPersonSerializer(many=True)


class NeedReferralSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    reason = serializers.CharField()


class NeedPersonalDataSerializer(serializers.Serializer):
    blocked = serializers.BooleanField()
    messages = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    warnings = serializers.ListField(child=serializers.CharField())


class NeedSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    service = serializers.CharField()
    urgency = serializers.CharField()
    level = serializers.CharField()
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)


class NeedSerializer(NeedSummarySerializer):
    description = serializers.CharField()
    anonymised = serializers.BooleanField()
    visibility = serializers.CharField()
    time_frame = serializers.CharField()
    staff_count = serializers.IntegerField(allow_null=True)
    contact_role = serializers.CharField()
    municipalities = serializers.ListField(child=serializers.CharField())
    themes = NeedCodeLabelSerializer(many=True)
    forms_of_help = NeedCodeLabelSerializer(many=True)
    formats = NeedCodeLabelSerializer(many=True)
    target_groups = NeedCodeLabelSerializer(many=True)
    escalated_at = serializers.DateTimeField(allow_null=True)
    no_fit = serializers.BooleanField()
    referrals = NeedReferralSerializer(many=True)
    allowed_actions = serializers.ListField(child=serializers.CharField())
    routes = NeedRouteSerializer(many=True)
    interests = NeedInterestSerializer(many=True)
    declines = NeedDeclineSerializer(many=True)
    events = NeedEventSerializer(many=True)
    contact = NeedContactSerializer(allow_null=True)
    personal_data = NeedPersonalDataSerializer(allow_null=True)


class NeedErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
    allowed_actions = serializers.ListField(child=serializers.CharField(), required=False)


class NeedCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text="null betyr færre enn 3")


class NeedAggregatesSerializer(serializers.Serializer):
    scope = serializers.CharField()
    total = serializers.IntegerField(allow_null=True)
    unclaimed = serializers.IntegerField(allow_null=True)
    escalated = serializers.IntegerField(allow_null=True)
    no_fit = serializers.IntegerField(allow_null=True)
    interest_in_time_share = serializers.FloatField(allow_null=True)
    by_state = NeedCountSerializer(many=True)
    by_theme = NeedCountSerializer(many=True)
    declines_by_reason = NeedCountSerializer(many=True)
