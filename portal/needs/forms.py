"""Forms for the need pages. They validate input and build service arguments; the rules that matter
(personal data, lifecycle, who may do what) live in the services, whose errors the views put back on
the form fields."""

from __future__ import annotations

from django import forms

from katalog.models import Format, FormOfHelp, TargetGroup, Theme
from portal.organisations.models import Provider, ReferralActor

from .models import (
    OPEN_STATES,
    Answer,
    ContactRole,
    DeclineReason,
    Interest,
    NeedLevel,
    NeedState,
    TimeFrame,
    Urgency,
    Visibility,
)
from .services.drafts import DESCRIPTION_MAX, TITLE_MAX, NeedInput

MORE_FIELDS = (
    "forms_of_help",
    "formats",
    "target_groups",
    "staff_count",
    "time_frame",
    "urgency",
    "municipalities",
    "contact_role",
)


class CodeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset, to_field_name="code", **kwargs)


class NeedForm(forms.Form):
    """The need itself: short on purpose (posting must take less than five minutes); optional
    choices are collapsed under «Flere valg» in the template."""

    title = forms.CharField(
        label="Tittel",
        max_length=TITLE_MAX,
        help_text="Én linje om hva dere trenger, for eksempel «Lederstøtte til ny ledergruppe».",
    )
    description = forms.CharField(
        label="Beskriv behovet",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Hva strever dere med, hva har dere prøvd, og hva slags hjelp ønsker dere? Skriv på "
            "gruppenivå: ingen navn, alder, adresser, fødselsnummer, saksnummer eller telefonnummer."
        ),
    )
    themes = CodeMultipleChoiceField(
        Theme.objects.all(),
        label="Tema",
        help_text="Foreslått ut fra teksten. Fjern eller legg til det som passer.",
    )
    level = forms.ChoiceField(
        label="Gjelder behovet",
        choices=NeedLevel.choices,
        initial=NeedLevel.SERVICE,
        widget=forms.RadioSelect,
    )
    anonymised = forms.BooleanField(
        label="Saken er anonymisert",
        required=False,
        help_text="Påkrevd for en enkeltsak: beskriv bare hva slags problem det er, ikke barnet eller familien.",
    )
    visibility = forms.ChoiceField(
        label="Hvem kan se behovet",
        choices=Visibility.choices,
        initial=Visibility.MATCHED,
        widget=forms.RadioSelect,
        help_text=(
            "Å sende et behov er ikke en rapportering til Statsforvalteren som tilsynsmyndighet. "
            "Statsforvalteren ser behovet bare hvis dere velger det."
        ),
    )
    forms_of_help = CodeMultipleChoiceField(FormOfHelp.objects.all(), label="Ønsket bistandsform")
    formats = CodeMultipleChoiceField(Format.objects.all(), label="Format")
    target_groups = CodeMultipleChoiceField(TargetGroup.objects.all(), label="Hvem gjelder det")
    staff_count = forms.IntegerField(
        label="Hvor mange ansatte gjelder det", required=False, min_value=1, max_value=10_000
    )
    time_frame = forms.ChoiceField(
        label="Tidsramme", choices=[("", "Ikke valgt"), *TimeFrame.choices], required=False
    )
    urgency = forms.ChoiceField(label="Hvor mye haster det", choices=Urgency.choices, initial=Urgency.NORMAL)
    municipalities = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Kommuner behovet gjelder",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Standard er alle kommunene tjenesten dekker.",
    )
    contact_role = forms.ChoiceField(
        label="Kontaktrolle",
        choices=ContactRole.choices,
        initial=ContactRole.LEADER,
        help_text="En rolle, ikke en person: kontakten går over til den som har rollen, også ved bytte.",
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = service.current_municipalities()
        if not self.is_bound and "municipalities" not in self.initial:
            self.initial["municipalities"] = list(self.fields["municipalities"].queryset)

    def more_fields(self):
        return [self[name] for name in MORE_FIELDS]

    def to_input(self) -> NeedInput:
        data = self.cleaned_data
        return NeedInput(
            title=data["title"],
            description=data["description"],
            themes=list(data["themes"]),
            level=data["level"],
            anonymised=data["anonymised"],
            forms_of_help=list(data["forms_of_help"]),
            formats=list(data["formats"]),
            target_groups=list(data["target_groups"]),
            staff_count=data["staff_count"],
            time_frame=data["time_frame"],
            urgency=data["urgency"],
            municipalities=list(data["municipalities"]) or None,
            contact_role=data["contact_role"],
            visibility=data["visibility"],
        )

    @classmethod
    def initial_from_need(cls, need) -> dict:
        return {
            "title": need.title,
            "description": need.description,
            "themes": list(need.themes.all()),
            "level": need.level,
            "anonymised": need.anonymised,
            "visibility": need.visibility,
            "forms_of_help": list(need.forms_of_help.all()),
            "formats": list(need.formats.all()),
            "target_groups": list(need.target_groups.all()),
            "staff_count": need.staff_count,
            "time_frame": need.time_frame,
            "urgency": need.urgency,
            "municipalities": list(need.municipalities.all()),
            "contact_role": need.contact_role,
        }

    @classmethod
    def initial_from_prefill(cls, data) -> dict:
        """From the matcher page's «send this as a need» button: text and suggested themes."""
        codes = [c for c in data.getlist("themes") if isinstance(c, str)][:20]
        return {
            "title": (data.get("title") or "")[:TITLE_MAX],
            "description": (data.get("description") or "")[:DESCRIPTION_MAX],
            "themes": list(Theme.objects.filter(code__in=codes)),
        }


class MessageFieldForm(forms.Form):
    message = forms.CharField(
        label="Melding til tjenesten (valgfritt)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hva kan dere tilby, og hva trenger dere å vite? Ingen personopplysninger.",
    )


class ClarificationForm(MessageFieldForm):
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.none(),
        label="Senter",
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, need=None, for_service=False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_service and need is not None:
            ids = need.interests.filter(status="interested").values_list("provider_id", flat=True)
            self.fields["provider"].queryset = Provider.objects.filter(pk__in=ids)
            self.fields["provider"].required = True
            self.fields["message"].label = "Melding til senteret (valgfritt)"
        else:
            del self.fields["provider"]


class DeclineForm(forms.Form):
    """Reason and next door are both required: no dead ends."""

    reason = forms.ChoiceField(
        label="Hvorfor avslår dere", choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    forward = forms.ChoiceField(
        label="Hvor bør behovet gå videre",
        widget=forms.RadioSelect,
        help_text="Et annet senter får behovet med en gang. En annen aktør vises for tjenesten med hvorfor og hvordan.",
        error_messages={"required": "Velg hvor behovet skal videre: et annet senter eller en annen aktør."},
    )
    comment = forms.CharField(
        label="Kommentar til tjenesten (valgfritt)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, suggestions, own_provider, **kwargs):
        super().__init__(*args, **kwargs)
        suggested_ids = [r.provider_id for r in suggestions.providers]
        suggested = [
            (f"p:{r.provider.slug}", f"{r.provider.short_name} (foreslått, treff: {r.band})")
            for r in suggestions.providers
        ]
        others = [
            (f"p:{p.slug}", p.short_name)
            for p in Provider.objects.exclude(pk__in=[*suggested_ids, own_provider.pk if own_provider else 0])
        ]
        actor_ids = [a.pk for a in suggestions.actors]
        actors = [(f"a:{a.slug}", f"{a.name} (foreslått)") for a in suggestions.actors]
        actors += [(f"a:{a.slug}", a.name) for a in ReferralActor.objects.exclude(pk__in=actor_ids)]
        self.fields["forward"].choices = [
            ("Foreslåtte sentre", suggested),
            ("Andre sentre", others),
            ("Andre aktører", actors),
        ]

    def forward_targets(self) -> tuple[Provider | None, ReferralActor | None]:
        kind, _, slug = self.cleaned_data["forward"].partition(":")
        if kind == "p":
            return Provider.objects.get(slug=slug), None
        return None, ReferralActor.objects.get(slug=slug)


class AgreeForm(forms.Form):
    interests = forms.ModelMultipleChoiceField(
        queryset=Interest.objects.none(),
        label="Hvilke sentre vil dere avtale med",
        widget=forms.CheckboxSelectMultiple,
        help_text="Dere kan velge flere sentre som leverer sammen.",
        error_messages={"required": "Velg minst ett senter som har meldt interesse."},
    )
    note = forms.CharField(
        label="Kort om avtalen (valgfritt)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Omfang, roller og kontakt. Ingen personopplysninger.",
    )

    def __init__(self, *args, need, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["interests"]
        field.queryset = need.interests.filter(status__in=("interested", "clarification")).select_related(
            "provider"
        )
        field.label_from_instance = lambda interest: interest.provider.short_name


class FeedbackForm(forms.Form):
    helped = forms.ChoiceField(
        label="Fikk dere den hjelpen dere trengte?",
        choices=[c for c in Answer.choices if c[0] != Answer.TOO_EARLY],
        widget=forms.RadioSelect,
    )
    changed_practice = forms.ChoiceField(
        label="Har det ført til endring i praksis?", choices=Answer.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Vil dere si noe mer? (valgfritt)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Kommentar (valgfritt)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ForwardForm(CommentForm):
    provider = forms.ModelChoiceField(queryset=Provider.objects.all(), label="Send til senter")


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label="Hvem kan se behovet", choices=Visibility.choices, widget=forms.RadioSelect
    )


class ThreadMessageForm(forms.Form):
    body = forms.CharField(
        label="Ny melding",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ingen personopplysninger. Enkeltsaker drøftes på telefon eller en annen sikker kanal.",
        error_messages={"required": "Skriv en melding."},
    )


class InboxFilterForm(forms.Form):
    theme = forms.ChoiceField(label="Tema", required=False)
    state = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle åpne"), *[(s.value, s.label) for s in NeedState if s in OPEN_STATES]],
    )
    urgency = forms.ChoiceField(label="Hast", required=False, choices=[("", "Alle"), *Urgency.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Alle tema"), *Theme.objects.values_list("code", "label")]


class NotificationPreferenceForm(forms.Form):
    notify_immediately = forms.TypedChoiceField(
        label="Når vil du ha e-post om nye varsler?",
        choices=[("1", "Straks"), ("0", "Én gang om dagen (daglig oppsummering)")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
