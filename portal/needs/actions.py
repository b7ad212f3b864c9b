"""The action pages under /behov/<id>/<slug>/: which form each action takes, which service it calls,
and what the page says before and after. Shared by the HTML views; the API has its own serializers."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from .forms import (
    AgreeForm,
    ClarificationForm,
    CommentForm,
    DeclineForm,
    FeedbackForm,
    ForwardForm,
    MessageFieldForm,
)
from .models import Need
from .selectors import NeedRelation, forward_suggestions
from .services import (
    clarification_propose,
    interest_express,
    need_agree,
    need_close,
    need_decline,
    need_deliver,
    need_forward,
    need_publish,
    need_withdraw,
)
from .transitions import Action, Actor


@dataclass(frozen=True)
class ActionPage:
    slug: str
    done: str  # the success message
    intro: str = ""


_PAGES: dict[Action, ActionPage] = {
    Action.PUBLISH: ActionPage(
        "publiser",
        "Behovet er publisert.",
        "Behovet sendes til de sentrene som passer best. Det er ikke en rapportering til Statsforvalteren.",
    ),
    Action.WITHDRAW: ActionPage(
        "trekk-tilbake", "Behovet er trukket tilbake.", "Sentrene som har fått behovet, får beskjed."
    ),
    Action.EXPRESS_INTEREST: ActionPage(
        "meld-interesse",
        "Interessen er sendt til tjenesten.",
        "Tjenesten får beskjed og kan ta kontakt eller velge dere.",
    ),
    Action.PROPOSE_CLARIFICATION: ActionPage(
        "foresla-avklaring",
        "Forslaget om avklaringssamtale er sendt.",
        "En avklaringssamtale brukes til å finne ut sammen hva behovet egentlig er, før noe avtales.",
    ),
    Action.DECLINE: ActionPage(
        "avsla",
        "Avslaget er registrert, og behovet er pekt videre.",
        "Ingen blindveier: velg en begrunnelse og hvor behovet bør gå videre.",
    ),
    Action.FORWARD: ActionPage(
        "videresend", "Behovet er sendt til senteret.", "Senteret får behovet og et varsel."
    ),
    Action.AGREE: ActionPage(
        "avtal", "Avtalen er registrert.", "Sentrene dere velger, får kontaktinformasjonen deres."
    ),
    Action.DELIVER: ActionPage("levert", "Behovet er markert som levert."),
    Action.CLOSE: ActionPage("avslutt", "Behovet er avsluttet. Takk for tilbakemeldingen!"),
}


class _Registry:
    def slug(self, action: Action) -> str:
        return _PAGES[action].slug

    def action(self, slug: str) -> Action:
        for action, page in _PAGES.items():
            if page.slug == slug:
                return action
        raise Http404("Ukjent handling.")

    def done(self, action: Action) -> str:
        return _PAGES[action].done

    def extra_context(self, action: Action, *, need: Need, relation: NeedRelation) -> dict:
        context = {"intro": _PAGES[action].intro}
        if action == Action.DECLINE:
            context["suggestions"] = forward_suggestions(need=need, provider=relation.provider)
        return context


ACTION_PAGES = _Registry()


def form_for(action: Action, *, need: Need, user, relation: NeedRelation, data):
    """The form an action page shows, or None for a plain confirmation."""
    if action in (Action.PUBLISH, Action.DELIVER):
        return None
    if action == Action.WITHDRAW:
        return CommentForm(data)
    if action == Action.EXPRESS_INTEREST:
        return MessageFieldForm(data)
    if action == Action.PROPOSE_CLARIFICATION:
        return ClarificationForm(data, need=need, for_service=Actor.SERVICE in relation)
    if action == Action.DECLINE:
        suggestions = forward_suggestions(need=need, provider=relation.provider)
        return DeclineForm(data, suggestions=suggestions, own_provider=relation.provider)
    if action == Action.AGREE:
        return AgreeForm(data, need=need)
    if action == Action.CLOSE:
        return FeedbackForm(data)
    if action == Action.FORWARD:
        return ForwardForm(data)
    raise Http404("Ukjent handling.")


def action_run(action: Action, *, need: Need, user, form) -> None:
    """Call the service for ``action`` with the form's cleaned data."""
    data = form.cleaned_data if form is not None else {}
    if action == Action.PUBLISH:
        need_publish(need=need, user=user)
    elif action == Action.DELIVER:
        need_deliver(need=need, user=user)
    elif action == Action.WITHDRAW:
        need_withdraw(need=need, user=user, comment=data["comment"])
    elif action == Action.EXPRESS_INTEREST:
        interest_express(need=need, user=user, message=data["message"])
    elif action == Action.PROPOSE_CLARIFICATION:
        clarification_propose(need=need, user=user, message=data["message"], provider=data.get("provider"))
    elif action == Action.DECLINE:
        provider, actor = form.forward_targets()
        need_decline(
            need=need,
            user=user,
            reason=data["reason"],
            forward_provider=provider,
            forward_actor=actor,
            comment=data["comment"],
        )
    elif action == Action.AGREE:
        need_agree(need=need, user=user, interest_ids=[i.pk for i in data["interests"]], note=data["note"])
    elif action == Action.CLOSE:
        need_close(need=need, user=user, **data)
    elif action == Action.FORWARD:
        need_forward(need=need, user=user, provider=data["provider"], comment=data["comment"])
