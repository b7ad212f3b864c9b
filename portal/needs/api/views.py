"""/api/v1/needs/: the same rules as the pages. Each view validates input with a serializer, calls one
selector or service, and renders the result. Service errors become 400 (field messages, personal data
by kind and position), 403 (not yours to do) and 409 (not possible in this state, with the actions
that are); needs the user may not see are 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api import Pagination
from portal.organisations.models import Provider, ReferralActor

from .. import selectors as sel
from .. import services
from ..dashboards import need_aggregates_for_user
from ..models import NeedState
from ..services.errors import PERSONAL_DATA_BLOCKS
from . import serializers as s
from .build import interest_data, need_detail, need_summary

INVALID_INPUT = "Forespørselen inneholder ugyldige verdier."
NO_AGGREGATES = "Du har ikke tilgang til behovsstatistikk."
ERRORS = {400: s.NeedErrorSerializer, 403: s.NeedErrorSerializer, 404: s.NeedErrorSerializer}
ACTION_ERRORS = {**ERRORS, 409: s.NeedErrorSerializer}


def need_error_response(exc: services.NeedError) -> Response:
    if isinstance(exc, services.TransitionNotAllowed):
        allowed = [a.replace("_", "-") for a in exc.allowed]
        return Response({"detail": exc.message, "state": exc.state, "allowed_actions": allowed}, status=409)
    if isinstance(exc, services.ActionForbidden):
        return Response({"detail": exc.message}, status=403)
    if isinstance(exc, services.PersonalDataError):
        return Response({"detail": PERSONAL_DATA_BLOCKS, "errors": exc.errors}, status=400)
    if isinstance(exc, services.NeedValidationError):
        return Response({"detail": INVALID_INPUT, "errors": exc.errors}, status=400)
    return Response({"detail": exc.message}, status=exc.status)


class NeedAPIView(APIView):
    permission_classes = [IsAuthenticated]

    def handle_exception(self, exc):
        if isinstance(exc, services.NeedError):
            return need_error_response(exc)
        return super().handle_exception(exc)

    def validated(self, serializer_class, **kwargs) -> serializers.Serializer:
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer

    def need(self, pk: int):
        return sel.need_get_for_user(user=self.request.user, need_id=pk)

    def detail(self, need, *, code: int = 200, report=None) -> Response:
        need.refresh_from_db()
        return Response(
            s.NeedSerializer(need_detail(need, self.request.user, report=report)).data, status=code
        )


@extend_schema(tags=["behov"])
class NeedListCreateView(NeedAPIView, generics.ListCreateAPIView):
    serializer_class = s.NeedSummarySerializer
    pagination_class = Pagination

    def get_queryset(self):
        state = self.request.query_params.get("state")
        return sel.need_list_for_user(
            user=self.request.user, state=state if state in NeedState.values else None
        )

    @extend_schema(
        summary="Behov du har tilgang til",
        parameters=[
            OpenApiParameter("state", str, enum=NeedState.values, description="Bare behov med denne status")
        ],
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            s.NeedSummarySerializer([need_summary(n) for n in page], many=True).data
        )

    @extend_schema(
        summary="Opprett et utkast (kommunale brukere)",
        request=s.NeedInputSerializer,
        responses={201: s.NeedSerializer, **ERRORS},
    )
    def post(self, request, *args, **kwargs):
        data = self.validated(s.NeedInputSerializer).to_input()
        need, report = services.need_create(user=request.user, data=data, strict_personal_data=True)
        return self.detail(need, code=status.HTTP_201_CREATED, report=report)


@extend_schema(tags=["behov"])
class NeedDetailView(NeedAPIView):
    @extend_schema(summary="Ett behov", responses={200: s.NeedSerializer, **ERRORS})
    def get(self, request, pk: int):
        need = self.need(pk)
        relation = sel.need_relation(need=need, user=request.user)
        services.need_access_record(need=need, user=request.user, relation=relation)
        return self.detail(need)

    def _update(self, request, pk: int, *, partial: bool) -> Response:
        need = self.need(pk)
        payload = {**s.NeedInputSerializer.data_from_need(need), **request.data} if partial else request.data
        serializer = s.NeedInputSerializer(data=payload)
        serializer.is_valid(raise_exception=True)
        need, report = services.need_update(need=need, user=request.user, data=serializer.to_input())
        return self.detail(need, report=report)

    @extend_schema(
        summary="Endre et utkast",
        request=s.NeedInputSerializer,
        responses={200: s.NeedSerializer, **ACTION_ERRORS},
    )
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Endre deler av et utkast",
        request=s.NeedInputSerializer(partial=True),
        responses={200: s.NeedSerializer, **ACTION_ERRORS},
    )
    def patch(self, request, pk: int):
        if not isinstance(request.data, dict):
            return Response(
                {"detail": INVALID_INPUT, "errors": {"non_field_errors": ["Send et JSON-objekt."]}}, 400
            )
        return self._update(request, pk, partial=True)


@extend_schema(tags=["behov"])
class InterestListCreateView(NeedAPIView, generics.ListCreateAPIView):
    serializer_class = s.NeedInterestSerializer
    pagination_class = None

    def get_queryset(self):
        need = self.need(self.kwargs["pk"])
        return sel.interest_list_for_need(need=need, user=self.request.user)

    @extend_schema(
        summary="Interessemeldinger (senteret ser sin egen)",
        responses={200: s.NeedInterestSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return Response(
            s.NeedInterestSerializer([interest_data(i) for i in self.get_queryset()], many=True).data
        )

    @extend_schema(
        summary="Meld interesse (sentre)",
        request=s.NeedMessageInputSerializer,
        responses={201: s.NeedInterestSerializer, **ACTION_ERRORS},
    )
    def post(self, request, pk: int):
        need = self.need(pk)
        message = self.validated(s.NeedMessageInputSerializer).validated_data["message"]
        interest = services.interest_express(need=need, user=request.user, message=message)
        return Response(
            s.NeedInterestSerializer(interest_data(interest)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["behov"])
class InterestDetailView(NeedAPIView):
    @extend_schema(summary="Én interessemelding", responses={200: s.NeedInterestSerializer, **ERRORS})
    def get(self, request, pk: int, interest_id: int):
        need = self.need(pk)
        interest = sel.interest_get_for_user(need=need, user=request.user, interest_id=interest_id)
        return Response(s.NeedInterestSerializer(interest_data(interest)).data)


class NeedActionView(NeedAPIView):
    """POST /api/v1/needs/{id}/{action}/: one transition; answers with the need as it is now."""

    input_serializer: type[serializers.Serializer] | None = None

    def run(self, need, data: dict) -> None:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def post(self, request, pk: int):
        need = self.need(pk)
        data = self.validated(self.input_serializer).validated_data if self.input_serializer else {}
        self.run(need, data)
        return self.detail(need)


def _action_schema(summary: str, request=None):
    return extend_schema(
        tags=["behov"], summary=summary, request=request, responses={200: s.NeedSerializer, **ACTION_ERRORS}
    )


@_action_schema("Publiser et utkast (personopplysninger gir 400)")
class PublishView(NeedActionView):
    def run(self, need, data):
        services.need_publish(need=need, user=self.request.user)


@_action_schema("Trekk behovet tilbake", s.NeedCommentInputSerializer)
class WithdrawView(NeedActionView):
    input_serializer = s.NeedCommentInputSerializer

    def run(self, need, data):
        services.need_withdraw(need=need, user=self.request.user, comment=data["comment"])


@_action_schema("Foreslå avklaringssamtale", s.NeedClarificationInputSerializer)
class ProposeClarificationView(NeedActionView):
    input_serializer = s.NeedClarificationInputSerializer

    def run(self, need, data):
        provider = Provider.objects.filter(slug=data["provider"]).first() if data.get("provider") else None
        services.clarification_propose(
            need=need, user=self.request.user, message=data["message"], provider=provider
        )


@_action_schema("Avslå med begrunnelse og pek videre", s.NeedDeclineInputSerializer)
class DeclineView(NeedActionView):
    input_serializer = s.NeedDeclineInputSerializer

    def run(self, need, data):
        provider = (
            get_object_or_404(Provider, slug=data["forward_provider"])
            if data.get("forward_provider")
            else None
        )
        actor = (
            get_object_or_404(ReferralActor, slug=data["forward_actor"])
            if data.get("forward_actor")
            else None
        )
        services.need_decline(
            need=need,
            user=self.request.user,
            reason=data["reason"],
            forward_provider=provider,
            forward_actor=actor,
            comment=data["comment"],
        )


@_action_schema("Send et eskalert behov til et senter (portalredaktører)", s.NeedForwardInputSerializer)
class ForwardView(NeedActionView):
    input_serializer = s.NeedForwardInputSerializer

    def run(self, need, data):
        provider = get_object_or_404(Provider, slug=data["provider"])
        services.need_forward(need=need, user=self.request.user, provider=provider, comment=data["comment"])


@_action_schema("Avtal med ett eller flere interesserte sentre", s.NeedAgreeInputSerializer)
class AgreeView(NeedActionView):
    input_serializer = s.NeedAgreeInputSerializer

    def run(self, need, data):
        services.need_agree(
            need=need, user=self.request.user, interest_ids=data["interests"], note=data["note"]
        )


@_action_schema("Marker som levert")
class DeliverView(NeedActionView):
    def run(self, need, data):
        services.need_deliver(need=need, user=self.request.user)


@_action_schema("Avslutt med tilbakemelding", s.NeedFeedbackInputSerializer)
class CloseView(NeedActionView):
    input_serializer = s.NeedFeedbackInputSerializer

    def run(self, need, data):
        services.need_close(need=need, user=self.request.user, **data)


@_action_schema("Oppfølging etter levering: hjalp det?", s.NeedFeedbackInputSerializer)
class FollowUpView(NeedActionView):
    input_serializer = s.NeedFeedbackInputSerializer

    def run(self, need, data):
        services.need_follow_up(need=need, user=self.request.user, **data)


@extend_schema(tags=["behov"])
class AggregatesView(NeedAPIView):
    @extend_schema(
        summary="Behov i tall (Statsforvalter, Bufdir, portalredaktører)",
        responses={200: s.NeedAggregatesSerializer, **ERRORS},
    )
    def get(self, request):
        aggregates = need_aggregates_for_user(user=request.user)
        if aggregates is None:
            return Response({"detail": NO_AGGREGATES}, status=403)

        def counts(rows):
            return [{"label": label, "count": count} for label, count in rows]

        data = {
            "scope": aggregates.scope,
            "total": aggregates.total,
            "unclaimed": aggregates.unclaimed,
            "escalated": aggregates.escalated,
            "no_fit": aggregates.no_fit,
            "interest_in_time_share": aggregates.interest_in_time_share,
            "by_state": counts(aggregates.by_state),
            "by_theme": counts(aggregates.by_theme),
            "declines_by_reason": counts(aggregates.declines_by_reason),
        }
        return Response(s.NeedAggregatesSerializer(data).data)
