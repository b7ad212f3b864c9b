"""Need pages: the service's list and form, one page per need, the actions on it, the centre inbox,
aggregates and notifications. Views stay thin: selectors decide what the user may see, services what
the user may do; a view turns their errors into form errors, 403, 404 or 409."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.roles import Role, has_role, user_roles
from portal.organisations.models import Provider

from . import selectors as sel
from . import services
from .actions import ACTION_PAGES, action_run, form_for
from .dashboards import need_aggregates_for_user
from .forms import (
    FeedbackForm,
    InboxFilterForm,
    NeedForm,
    NotificationPreferenceForm,
    ThreadMessageForm,
    VisibilityForm,
)
from .models import NeedState
from .services.common import action_check
from .services.guard import stored_findings_messages
from .transitions import ACTION_LABELS

PAGE_SIZE = 25
DRAFT_SAVED = "Utkastet er lagret. Det er bare synlig for tjenesten deres."
DRAFT_FLAGGED = (
    "Utkastet er lagret, men kan ikke publiseres før personopplysningene er fjernet. "
    "Det er bare synlig for tjenesten deres."
)


def _form_errors(form, error: services.NeedValidationError) -> None:
    for name, messages_ in error.errors.items():
        target = name if name in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def _service_or_403(request: HttpRequest):
    if not has_role(request.user, Role.MUNICIPAL) or request.user.service is None:
        raise PermissionDenied
    return request.user.service


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    roles = user_roles(request.user)
    if Role.CENTRE in roles and Role.MUNICIPAL not in roles:
        return redirect("needs:inbox")
    if roles and roles <= {Role.BUFDIR}:
        return redirect("needs:overview")
    page = Paginator(sel.need_list_for_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "can_create": Role.MUNICIPAL in roles and request.user.service_id is not None,
        "sees_aggregates": bool(roles & {Role.STATSFORVALTER, Role.BUFDIR, Role.EDITOR, Role.ADMIN}),
    }
    return render(request, "needs/need_list.html", context)


def _render_form(request, form, *, need=None, status=200, report=None) -> HttpResponse:
    action = reverse("needs:edit", args=[need.pk]) if need else reverse("needs:create")
    context = {
        "form": form,
        "need": need,
        "form_action": action,
        "warnings": report.warning_messages() if report else [],
    }
    return render(request, "needs/need_form.html", context, status=status)


def _save(request, form, *, need=None) -> HttpResponse:
    """Save the draft (flagged if it holds personal data), then publish if asked. A blocked publish
    re-renders the form with the text and the findings: nothing the user wrote is lost."""
    data = form.to_input()
    publish = "publish" in request.POST
    try:
        if need is None:
            need, report = services.need_create(
                user=request.user, data=data, strict_personal_data=False, suggest_themes=not publish
            )
        else:
            need, report = services.need_update(
                need=need, user=request.user, data=data, strict_personal_data=False
            )
    except services.NeedValidationError as exc:
        _form_errors(form, exc)
        return _render_form(request, form, need=need, status=400)
    if report.blocked:
        _form_errors(form, services.PersonalDataError(report.blocking_messages()))
        messages.warning(request, DRAFT_FLAGGED)
        return _render_form(request, form, need=need, status=400, report=report)
    if publish:
        try:
            services.need_publish(need=need, user=request.user)
        except services.NeedValidationError as exc:
            _form_errors(form, exc)
            return _render_form(request, form, need=need, status=400, report=report)
        messages.success(request, "Behovet er publisert.")
        return redirect("needs:detail", pk=need.pk)
    messages.success(request, DRAFT_SAVED)
    for warning in report.warning_messages():
        messages.warning(request, warning)
    return redirect("needs:detail", pk=need.pk)


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    """GET: an empty form. POST with ``prefill=1`` (from /beskriv-behovet/): the form pre-filled with
    the description and suggested themes, nothing saved. Other POSTs save (and maybe publish)."""
    service = _service_or_403(request)
    if request.method == "POST" and request.POST.get("prefill") == "1":
        form = NeedForm(initial=NeedForm.initial_from_prefill(request.POST), service=service)
        return _render_form(request, form)
    form = NeedForm(request.POST or None, service=service)
    if request.method == "POST":
        if form.is_valid():
            return _save(request, form)
        return _render_form(request, form, status=400)
    return _render_form(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = sel.need_get_for_user(user=request.user, need_id=pk)
    if not (has_role(request.user, Role.MUNICIPAL) and request.user.service_id == need.service_id):
        raise PermissionDenied
    if need.state != NeedState.DRAFT:
        messages.error(request, services.errors.ONLY_DRAFT_EDITABLE)
        return redirect("needs:detail", pk=need.pk)
    form = NeedForm(request.POST or None, initial=NeedForm.initial_from_need(need), service=need.service)
    if request.method == "POST":
        if form.is_valid():
            return _save(request, form, need=need)
        return _render_form(request, form, need=need, status=400)
    for field, field_messages in stored_findings_messages(need.personal_data_findings).items():
        for message in field_messages:
            form.add_error(field, message)
    return _render_form(request, form, need=need)


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = sel.need_get_for_user(user=request.user, need_id=pk)
    relation = sel.need_relation(need=need, user=request.user)
    services.need_access_record(need=need, user=request.user, relation=relation)
    allowed = sel.need_allowed_actions(need=need, user=request.user, relation=relation)
    context = {
        "need": need,
        "relation": relation,
        "is_service": "service" in relation.actors,
        "is_centre": "centre" in relation.actors,
        "actions": [(a, ACTION_LABELS[a], ACTION_PAGES.slug(a)) for a in allowed],
        "routes": sel.route_list_for_need(need=need, user=request.user, relation=relation),
        "interests": sel.interest_list_for_need(need=need, user=request.user, relation=relation),
        "declines": sel.decline_list_for_need(need=need, user=request.user, relation=relation),
        "events": sel.event_list_for_need(need=need, user=request.user, relation=relation),
        "threads": sel.message_thread_providers(need=need, user=request.user, relation=relation),
        "contact": sel.contact_for_need(need=need, relation=relation),
        "blocking": stored_findings_messages(need.personal_data_findings),
        "visibility_form": VisibilityForm(initial={"visibility": need.visibility}),
        "feedback": sel.feedback_list_for_need(need=need, user=request.user, relation=relation),
        "can_follow_up": "service" in relation.actors
        and need.delivered_at is not None
        and not need.feedback.filter(kind="follow_up").exists(),
    }
    return render(request, "needs/need_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_action(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """One page per action (publish, decline, agree …): GET shows its form, POST runs the service."""
    action = ACTION_PAGES.action(slug)
    need = sel.need_get_for_user(user=request.user, need_id=pk)
    relation = sel.need_relation(need=need, user=request.user)
    form = form_for(action, need=need, user=request.user, relation=relation, data=request.POST or None)
    status = 200
    error = None
    if request.method == "POST":
        try:
            if form is None or form.is_valid():
                action_run(action, need=need, user=request.user, form=form)
                messages.success(request, ACTION_PAGES.done(action))
                return redirect("needs:detail", pk=need.pk)
            status = 400
        except services.ActionForbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except services.TransitionNotAllowed as exc:
            error, status = exc.message, 409
        except services.NeedValidationError as exc:
            if form is None:
                error = " ".join(m for msgs in exc.errors.values() for m in msgs)
            else:
                _form_errors(form, exc)
            status = 400
    else:
        try:
            action_check(need=need, user=request.user, action=action)
        except services.ActionForbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except services.TransitionNotAllowed as exc:
            error, status = exc.message, 409
    context = {"need": need, "form": form, "action": action, "label": ACTION_LABELS[action], "error": error}
    context.update(ACTION_PAGES.extra_context(action, need=need, relation=relation))
    return render(request, "needs/action.html", context, status=status)


@login_required
@require_POST
def need_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    need = sel.need_get_for_user(user=request.user, need_id=pk)
    form = VisibilityForm(request.POST)
    if form.is_valid():
        try:
            services.need_visibility_change(
                need=need, user=request.user, visibility=form.cleaned_data["visibility"]
            )
        except services.ActionForbidden as exc:
            raise PermissionDenied from exc
        except services.NeedValidationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Synligheten er endret.")
    return redirect("needs:detail", pk=need.pk)


@login_required
@require_http_methods(["GET", "POST"])
def need_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    need = sel.need_get_for_user(user=request.user, need_id=pk)
    if "service" not in sel.need_relation(need=need, user=request.user).actors:
        raise PermissionDenied
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.need_follow_up(need=need, user=request.user, **form.cleaned_data)
        except services.ActionForbidden as exc:
            raise PermissionDenied from exc
        except services.NeedValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Takk for tilbakemeldingen!")
            return redirect("needs:detail", pk=need.pk)
    if request.method == "POST":
        status = 400
    context = {"need": need, "form": form, "label": "Hjalp det? Kort oppfølging", "action": "follow_up"}
    return render(request, "needs/action.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def message_thread(request: HttpRequest, pk: int, provider_slug: str) -> HttpResponse:
    need = sel.need_get_for_user(user=request.user, need_id=pk)
    provider = get_object_or_404(Provider, slug=provider_slug)
    thread = sel.message_list(need=need, user=request.user, provider=provider)
    form = ThreadMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_send(
                    need=need, user=request.user, provider=provider, body=form.cleaned_data["body"]
                )
            except services.ActionForbidden as exc:
                raise PermissionDenied from exc
            except services.NeedValidationError as exc:
                _form_errors(form, exc)
            else:
                return redirect("needs:thread", pk=need.pk, provider_slug=provider.slug)
        status = 400
    context = {"need": need, "provider": provider, "thread": thread, "form": form}
    return render(request, "needs/thread.html", context, status=status)


@login_required
def centre_inbox(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.CENTRE) or request.user.provider_id is None:
        raise PermissionDenied
    filters = InboxFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    needs = sel.need_inbox_for_provider(
        user=request.user,
        theme=chosen.get("theme") or None,
        state=chosen.get("state") or None,
        urgency=chosen.get("urgency") or None,
    )
    page = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request, "needs/inbox.html", {"page": page, "filters": filters, "provider": request.user.provider}
    )


@login_required
def need_overview(request: HttpRequest) -> HttpResponse:
    aggregates = need_aggregates_for_user(user=request.user)
    if aggregates is None:
        raise PermissionDenied
    return render(request, "needs/overview.html", {"aggregates": aggregates})


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("needs:notifications")
    page = Paginator(sel.notification_list_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    preference = NotificationPreferenceForm(
        initial={"notify_immediately": "1" if request.user.notify_immediately else "0"}
    )
    return render(request, "needs/notifications.html", {"page": page, "preference_form": preference})


@login_required
@require_POST
def notification_preference(request: HttpRequest) -> HttpResponse:
    form = NotificationPreferenceForm(request.POST)
    if form.is_valid():
        services.notification_preference_set(
            user=request.user, immediately=form.cleaned_data["notify_immediately"]
        )
        messages.success(request, "Varslingsvalget er lagret.")
    return redirect("needs:notifications")
