"""GET /api/v1/search/ and /api/v1/search/suggest/: the catalogue search as JSON.

Thin views: an input serializer validates the query parameters, one service call searches, an
output serializer renders. Every error names the parameter in Norwegian; an unavailable search
engine gives 503.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from portal.api import error_response

from .backends import FACETS, SORTS, SearchQuery, SearchResults, SearchUnavailable
from .facets import FACET_TITLES, NATIONAL, document_labels, facet_counts_labelled, facet_labels
from .services import search_query, search_suggest

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 500
SEARCH_UNAVAILABLE = "Søket er ikke tilgjengelig akkurat nå. Prøv igjen om litt."
UNKNOWN_PARAMETER = "Ukjent parameter. Gyldige parametere er: {allowed}."
UNKNOWN_VALUE = "Ukjent verdi «{value}» for {title}."
INVALID_DATE = "Ugyldig dato. Bruk formatet ÅÅÅÅ-MM-DD, for eksempel 2027-03-01."
PAGE_MISSING = "Side {page} finnes ikke. Søket har {pages} {word}."


def _int_field(*, default: int, max_value: int | None = None) -> serializers.IntegerField:
    messages = {
        "invalid": "Må være et helt tall.",
        "min_value": "Må være 1 eller mer.",
        "max_value": f"Kan være høyst {max_value}.",
        "max_string_length": "Tallet er for langt.",
    }
    return serializers.IntegerField(
        required=False, default=default, min_value=1, max_value=max_value, error_messages=messages
    )


def _date_field(help_text: str) -> serializers.DateField:
    return serializers.DateField(
        required=False,
        help_text=help_text,
        error_messages={"invalid": INVALID_DATE, "datetime": INVALID_DATE},
    )


class FacetField(serializers.ListField):
    """A repeatable facet parameter (``?theme=T01&theme=T18``) whose values must be known codes."""

    def __init__(self, facet: str, **kwargs):
        self.facet = facet
        kwargs.setdefault(
            "help_text",
            f"Filter på {FACET_TITLES[facet].lower()} (kode). Gjenta parameteren for flere verdier: "
            "verdier i samme fasett gir treff på én av dem (ELLER), ulike fasetter må alle passe (OG).",
        )
        super().__init__(child=serializers.CharField(), required=False, **kwargs)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        known = facet_labels()[self.facet]
        title = FACET_TITLES[self.facet].lower()
        unknown = [UNKNOWN_VALUE.format(value=v, title=title) for v in values if v not in known]
        if unknown:
            raise serializers.ValidationError(unknown)
        return values


class StrictQuerySerializer(serializers.Serializer):
    """Query parameters where an unknown parameter is an error, reported with the others."""

    def to_internal_value(self, data):
        errors = {}
        try:
            attrs = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            errors, attrs = dict(exc.detail), {}
        allowed = ", ".join(self.fields)
        for name in sorted(set(data.keys()) - set(self.fields)):
            errors[name] = [UNKNOWN_PARAMETER.format(allowed=allowed)]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class SearchInputSerializer(StrictQuerySerializer):
    """The query parameters of a search (facet parameters are added below, one per facet)."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_LENGTH,
        help_text="Fritekst, på bokmål eller nynorsk. Tom tekst gir alle tilbud som passer filtrene.",
        error_messages={"max_length": f"Kan være høyst {MAX_QUERY_LENGTH} tegn."},
    )
    region = serializers.CharField(
        required=False, help_text="Fylkesnummer: nasjonale tilbud og tilbud for fylket (for eksempel 46)."
    )
    date_from = _date_field("Bare tilbud med en dato fra og med denne dagen (ÅÅÅÅ-MM-DD).")
    date_to = _date_field("Bare tilbud med en dato til og med denne dagen (ÅÅÅÅ-MM-DD).")
    sort = serializers.ChoiceField(
        choices=list(SORTS),
        required=False,
        default="relevance",
        help_text="relevance (standard), next_date (neste dato først) eller confirmed (sist bekreftet først).",
        error_messages={"invalid_choice": f"Må være en av: {', '.join(SORTS)}."},
    )
    page = _int_field(default=1)
    page_size = _int_field(default=DEFAULT_PAGE_SIZE, max_value=MAX_PAGE_SIZE)

    def validate_region(self, value: str) -> str:
        if value == NATIONAL or value not in facet_labels()["availability"]:
            raise serializers.ValidationError(f"Ukjent fylkesnummer «{value}».")
        return value

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": ["Er før date_from."]})
        return attrs

    def to_query(self) -> SearchQuery:
        data = self.validated_data
        return SearchQuery(
            text=(data.get("q") or "").strip(),
            filters={facet: data[facet] for facet in FACETS if data.get(facet)},
            region=data.get("region") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data["sort"],
            page=data["page"],
            per_page=data["page_size"],
        )


for _facet in FACETS:  # one repeatable parameter per facet, named like the facet
    SearchInputSerializer._declared_fields[_facet] = FacetField(_facet)


class SearchCodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class SearchProviderSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SearchHighlightsSerializer(serializers.Serializer):
    """HTML-escaped text with the matching words in <mark>; only fields that matched are present."""

    title = serializers.CharField(required=False)
    summary = serializers.CharField(required=False)
    body = serializers.CharField(required=False, help_text="Et utdrag rundt første treff.")


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Sidens id.")
    kind = serializers.ChoiceField(choices=["offering", "provider"])
    title = serializers.CharField()
    url = serializers.URLField()
    summary = serializers.CharField()
    provider = SearchProviderSerializer(allow_null=True, help_text="Senteret som eier tilbudet.")
    providers = SearchProviderSerializer(many=True, help_text="Eier og samarbeidspartnere.")
    themes = SearchCodeLabelSerializer(many=True)
    form = SearchCodeLabelSerializer(allow_null=True, help_text="Bistandsform.")
    formats = SearchCodeLabelSerializer(many=True)
    next_date = serializers.DateField(allow_null=True)
    last_confirmed = serializers.DateField(allow_null=True)
    highlights = SearchHighlightsSerializer()


class SearchFacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


SearchFacetsSerializer = type(
    "SearchFacetsSerializer",
    (serializers.Serializer,),
    {
        facet: SearchFacetValueSerializer(
            many=True, help_text=f"Antall treff per {FACET_TITLES[facet].lower()}."
        )
        for facet in FACETS
    },
)


class SearchOutputSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Antall treff i alt.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = SearchFacetsSerializer(help_text="Antall per verdi; en fasett teller uten sitt eget filter.")


ErrorSerializer = inline_serializer(
    "SearchError",
    {
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)


def _hit(request, hit, labels) -> dict:
    document = hit.document
    named = document_labels(document, labels)
    owner = next((p for p in named["providers"] if p["slug"] == document.provider), None)
    return {
        "id": document.page_id,
        "kind": document.kind,
        "title": document.title,
        "url": request.build_absolute_uri(document.url) if document.url else "",
        "summary": document.summary,
        "provider": owner,
        **named,
        "next_date": document.next_date,
        "last_confirmed": document.last_confirmed,
        "highlights": hit.highlights,
    }


def _invalid(errors: dict) -> Response:
    """400 naming each bad parameter: ``{"detail": "...", "errors": {parameter: [messages]}}``."""
    flat = {
        name: [str(m) for m in (messages if isinstance(messages, list) else [messages])]
        for name, messages in errors.items()
    }
    parts = [f"«{name}»: {' '.join(messages).rstrip('.')}" for name, messages in flat.items()]
    joined = "; ".join(parts)
    detail = f"Ugyldig parameter {joined}." if len(parts) == 1 else f"Ugyldige parametere: {joined}."
    return error_response(400, detail, errors=flat)


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """Always JSON. ``?format=`` is the delivery-format facet here, not DRF's renderer override
    (which would answer 404 to ``?format=fysisk``)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type


class SearchAPIView(APIView):
    """Search the catalogue: free text (bokmål or nynorsk) with facet filters, sorting and paging."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "search"
    content_negotiation_class = JsonOnlyNegotiation

    @extend_schema(
        operation_id="search",
        summary="Søk i tilbudene",
        description="Søk i katalogen med fritekst og filtre. Feil i parametere gir 400 med en norsk melding "
        "som navngir parameteren; er søkemotoren nede, svarer tjenesten 503.",
        parameters=[SearchInputSerializer],
        responses={
            200: SearchOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Ugyldig parameter."),
            404: OpenApiResponse(ErrorSerializer, description="Siden finnes ikke (page er for høy)."),
            429: OpenApiResponse(ErrorSerializer, description="For mange forespørsler."),
            503: OpenApiResponse(ErrorSerializer, description="Søkemotoren er ikke tilgjengelig."),
        },
        tags=["søk"],
    )
    def get(self, request):
        serializer = SearchInputSerializer(data=request.query_params)
        if not serializer.is_valid():
            return _invalid(serializer.errors)
        query = serializer.to_query()
        try:
            results = search_query(query=query)
        except SearchUnavailable:
            return error_response(503, SEARCH_UNAVAILABLE)
        if query.page > results.pages:
            word = "side" if results.pages == 1 else "sider"
            return error_response(404, PAGE_MISSING.format(page=query.page, pages=results.pages, word=word))
        return Response(SearchOutputSerializer(_payload(request, results)).data)


def _payload(request, results: SearchResults) -> dict:
    labels = facet_labels()
    return {
        "total": results.total,
        "page": results.query.page if results.query else 1,
        "pages": results.pages,
        "results": [_hit(request, hit, labels) for hit in results.hits],
        "facets": facet_counts_labelled(results.facets),
    }


class SuggestInputSerializer(StrictQuerySerializer):
    q = serializers.CharField(
        required=True,
        allow_blank=True,
        max_length=100,
        help_text="Det brukeren har skrevet så langt (minst to tegn gir forslag).",
        error_messages={"required": "Mangler.", "max_length": "Kan være høyst 100 tegn."},
    )


class SuggestAPIView(APIView):
    """Completions for the search box: offering titles, theme labels and centre names."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "search"
    content_negotiation_class = JsonOnlyNegotiation

    @extend_schema(
        operation_id="search_suggest",
        summary="Forslag til søkeord",
        description="Forslag mens brukeren skriver: titler på tilbud, tema og sentre. Under to tegn gir "
        "en tom liste.",
        parameters=[SuggestInputSerializer],
        responses={
            200: OpenApiResponse(
                {"type": "array", "items": {"type": "string"}}, description="Opptil åtte forslag."
            ),
            400: OpenApiResponse(ErrorSerializer, description="Ugyldig parameter."),
            429: OpenApiResponse(ErrorSerializer, description="For mange forespørsler."),
            503: OpenApiResponse(ErrorSerializer, description="Søkemotoren er ikke tilgjengelig."),
        },
        tags=["søk"],
    )
    def get(self, request):
        serializer = SuggestInputSerializer(data=request.query_params)
        if not serializer.is_valid():
            return _invalid(serializer.errors)
        try:
            suggestions = search_suggest(prefix=serializer.validated_data["q"])
        except SearchUnavailable:
            return error_response(503, SEARCH_UNAVAILABLE)
        return Response(suggestions)
