"""The page /beskriv-behovet/: describe a problem, get the centres able to help — or an honest
"no centre fits; ask here instead". The text is neither stored nor logged; a description containing
personal data is shown back with the findings highlighted."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from portal.accounts.roles import Role, has_role

from .forms import DescribeNeedForm
from .highlight import highlighted_html
from .services import MatchInputError, text_match


def _initial(request: HttpRequest) -> dict:
    initial = {"text": request.GET.get("tekst", "")[:500]}
    service = getattr(request.user, "service", None) if request.user.is_authenticated else None
    if service is not None:
        initial["municipality"] = service.host_municipality.number
    return initial


def _preference_fields(form: DescribeNeedForm, preferences) -> list:
    """The editable preference checkboxes, each knowing which values were detected (or chosen)."""
    fields = []
    for name in DescribeNeedForm.PREFERENCE_FIELDS:
        bound = form[name]
        bound.detected = {p.value for p in preferences if p.kind == name}
        fields.append(bound)
    return fields


@require_http_methods(["GET", "POST"])
def describe_need(request: HttpRequest) -> HttpResponse:
    # POST, not GET: a description must never end up in URLs, browser history or server logs.
    form = DescribeNeedForm(request.POST or None, initial=_initial(request))
    context = {"form": form, "answer": None, "can_post_need": has_role(request.user, Role.MUNICIPAL)}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                answer = text_match(
                    text=form.cleaned_data["text"],
                    municipality=form.cleaned_data["municipality"],
                    preferences=form.chosen_preferences(),
                )
            except MatchInputError as exc:
                form.add_error("text" if exc.field == "text" else None, exc.message)
                status = 400
            else:
                context["answer"] = answer
                context["result"] = answer.result
                context["flagged_html"] = highlighted_html(form.cleaned_data["text"], answer.personal_data)
                context["preference_fields"] = _preference_fields(form, answer.result.preferences)
        else:
            status = 400
    return render(request, "matching/describe.html", context, status=status)
