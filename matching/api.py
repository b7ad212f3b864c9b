"""POST /api/v1/match/ — the matcher as JSON. Throttled per client; the text is neither stored nor logged."""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from portal.organisations.models import Municipality

from .engine import METHODS
from .forms import FORMAT_CHOICES, INTENSITY_CHOICES, LEVEL_CHOICES, TARGET_CHOICES
from .services import MatchInputError, text_match

PREFERENCE_VALUES = {
    "format": {c for c, _ in FORMAT_CHOICES} | {"hybrid"},
    "intensity": {c for c, _ in INTENSITY_CHOICES},
    "target_group": {c for c, _ in TARGET_CHOICES}
    | {
        "mellomleder",
        "miljoterapeut",
        "fosterhjemsveileder",
        "kommuneledelse",
        "politisk_ledelse",
        "tverrfaglig",
        "laeringsnettverk",
    },
    "level": {c for c, _ in LEVEL_CHOICES},
}


class StrictCharField(serializers.CharField):
    """A text field that refuses numbers and booleans instead of turning them into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class MatchInputSerializer(serializers.Serializer):
    text = StrictCharField(
        min_length=settings.MATCH_TEXT_MIN_LENGTH,
        max_length=settings.MATCH_TEXT_MAX_LENGTH,
        trim_whitespace=True,
        error_messages={
            "required": "Feltet «text» mangler: beskriv behovet.",
            "blank": "Feltet «text» er tomt: beskriv behovet.",
            "min_length": f"Teksten er for kort: minst {settings.MATCH_TEXT_MIN_LENGTH} tegn.",
            "max_length": f"Teksten er for lang: høyst {settings.MATCH_TEXT_MAX_LENGTH} tegn.",
            "invalid": "Feltet «text» må være en tekst.",
        },
    )
    municipality = serializers.RegexField(
        r"^\d{4}$",
        required=False,
        allow_null=True,
        error_messages={"invalid": "«municipality» må være et kommunenummer med fire sifre."},
    )
    preferences = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=40), max_length=10),
        required=False,
        error_messages={
            "not_a_dict": '«preferences» må være et objekt, f.eks. {{"format": ["digitalt_direkte"]}}.'
        },
    )
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=10,
        default=3,
        error_messages={
            "invalid": "«limit» må være et heltall.",
            "min_value": "«limit» må være minst 1.",
            "max_value": "«limit» kan være høyst 10.",
        },
    )
    method = serializers.ChoiceField(choices=METHODS, required=False, default="hybrid")

    def validate_municipality(self, value):
        if not value:
            return None
        municipality = Municipality.objects.select_related("county", "embete").filter(number=value).first()
        if municipality is None:
            raise serializers.ValidationError(f"Ukjent kommunenummer {value}.")
        return municipality

    def validate_preferences(self, value):
        for kind, codes in value.items():
            if kind not in PREFERENCE_VALUES:
                raise serializers.ValidationError(
                    f"Ukjent preferanse «{kind}». Gyldige: {', '.join(sorted(PREFERENCE_VALUES))}."
                )
            unknown = sorted(set(codes) - PREFERENCE_VALUES[kind])
            if unknown:
                raise serializers.ValidationError(
                    f"Ukjent verdi for «{kind}»: {', '.join(unknown)}. Gyldige: {', '.join(sorted(PREFERENCE_VALUES[kind]))}."
                )
        return value


def _spans(spans):
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def _theme(theme):
    return {
        "code": theme.code,
        "label": theme.label,
        "score": theme.score,
        "no_fit": theme.no_fit,
        "words": _spans(theme.spans),
    }


def _provider(match):
    data = asdict(match)
    data["matched_themes"] = [_theme(t) for t in match.matched_themes]
    data.pop("features", None)
    return data


def answer_json(answer) -> dict:
    result = answer.result
    return {
        "no_fit": result.no_fit,
        "no_fit_reason": result.no_fit_reason,
        "providers": [_provider(m) for m in result.providers],
        "others": [_provider(m) for m in result.others],
        "ranking": result.ranking,
        "themes": [_theme(t) for t in result.themes],
        "preferences": [
            {"kind": p.kind, "value": p.value, "label": p.label, "words": _spans(p.spans)}
            for p in result.preferences
        ],
        "referrals": [asdict(r) for r in result.referrals],
        "home_providers": result.home_providers,
        "personal_data": [
            {"kind": f.kind, "start": f.start, "end": f.end, "severity": f.severity, "message": f.message}
            for f in answer.personal_data
        ],
    }


MatchOutput = inline_serializer(
    "MatchOutput",
    fields={
        "no_fit": serializers.BooleanField(),
        "no_fit_reason": serializers.CharField(),
        "providers": serializers.ListField(child=serializers.DictField()),
        "others": serializers.ListField(child=serializers.DictField()),
        "ranking": serializers.ListField(child=serializers.CharField()),
        "themes": serializers.ListField(child=serializers.DictField()),
        "preferences": serializers.ListField(child=serializers.DictField()),
        "referrals": serializers.ListField(child=serializers.DictField()),
        "home_providers": serializers.DictField(child=serializers.CharField()),
        "personal_data": serializers.ListField(child=serializers.DictField()),
    },
)


class MatchView(APIView):
    """Route a described problem to the centres able to help, regardless of region."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "match"

    @extend_schema(
        operation_id="match_create",
        summary="Finn sentre som kan hjelpe",
        description=(
            "Rangerer kompetansesentrene for en behovsbeskrivelse (10–5000 tegn), med begrunnelse, beste tilbud, "
            "andre aktuelle sentre og henvisninger når ingen passer. Teksten lagres ikke."
        ),
        request=MatchInputSerializer,
        responses={
            200: MatchOutput,
            400: inline_serializer(
                "MatchError", {"detail": serializers.CharField(), "errors": serializers.DictField()}
            ),
        },
        examples=[
            OpenApiExample(
                "Eksempel",
                value={
                    "text": "Vi trenger veiledning av fosterhjem over tid, helst digitalt.",
                    "municipality": "5601",
                },
                request_only=True,
            )
        ],
        tags=["matching"],
    )
    def post(self, request):
        data = MatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            answer = text_match(
                text=data.validated_data["text"],
                municipality=data.validated_data.get("municipality"),
                preferences=data.validated_data.get("preferences") or None,
                limit=data.validated_data["limit"],
                method=data.validated_data["method"],
            )
        except MatchInputError as exc:
            return Response(
                {"detail": exc.message, "errors": {exc.field: [exc.message]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(answer_json(answer))
