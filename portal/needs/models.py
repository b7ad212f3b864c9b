"""Needs (*behov*): what a barneverntjeneste asks the competence centres for, and everything that
happens to it until it is closed with feedback.

A need belongs to the **service**, not to the person who wrote it: staff turn over, so a colleague
in the same service sees and manages it, and the contact is a *role* that passes to whoever holds it
(domain.md §1, "Turnover"). Centres see a need only when it is routed to them (or shared with all
centres); the Statsforvalter only when the service opts in for that need (domain.md §2, §4).

Nothing here has side effects in ``save()``: the lifecycle lives in ``transitions.py`` and the
services, which check personal data before anything is matched, routed or sent (domain.md §7).
Needs are deliberately *not* indexed for search (no ``index.Indexed``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class NeedState(models.TextChoices):
    DRAFT = "draft", "Utkast"
    PUBLISHED = "published", "Publisert"
    INTEREST = "interest", "Interesse mottatt"
    CLARIFICATION = "clarification", "Avklaring"
    AGREED = "agreed", "Avtalt"
    DELIVERED = "delivered", "Levert"
    CLOSED = "closed", "Avsluttet"
    WITHDRAWN = "withdrawn", "Trukket tilbake"
    EXPIRED = "expired", "Utløpt"


# Centres can still answer a need in these states.
OPEN_STATES = (NeedState.PUBLISHED, NeedState.INTEREST, NeedState.CLARIFICATION)
FINAL_STATES = (NeedState.CLOSED, NeedState.WITHDRAWN, NeedState.EXPIRED)


class NeedLevel(models.TextChoices):
    SERVICE = "service", "Tjenesten (systemnivå)"
    CASE = "case", "En enkeltsak (anonym drøfting)"


class Visibility(models.TextChoices):
    MATCHED = "matched", "Bare sentrene som passer (anbefalt)"
    ALL_CENTRES = "all_centres", "Alle kompetansesentre"
    STATSFORVALTER = "statsforvalter", "Sentrene som passer, og Statsforvalteren i vårt embete"


class Urgency(models.TextChoices):
    HIGH = "high", "Haster"
    NORMAL = "normal", "Vanlig"
    LOW = "low", "Kan vente"


class TimeFrame(models.TextChoices):
    WEEKS = "weeks", "I løpet av noen uker"
    MONTHS = "months", "I løpet av noen måneder"
    HALF_YEAR = "half_year", "I løpet av et halvår"
    YEAR = "year", "I løpet av året"
    FLEXIBLE = "flexible", "Fleksibelt"


class ContactRole(models.TextChoices):
    """A role in the service, never a named person: the contact passes to the successor."""

    LEADER = "barnevernleder", "Barnevernleder"
    DEPUTY = "nestleder", "Nestleder"
    TEAM_LEADER = "avdelingsleder", "Avdelings- eller teamleder"
    DEVELOPMENT = "fagutvikling", "Fagutviklingsansvarlig"


class Need(models.Model):
    """A professional need posted by a barneverntjeneste.

    ``state`` moves only through ``transitions.TRANSITIONS``; every move is recorded as a
    :class:`NeedEvent`. ``personal_data_findings`` holds kind and position of suspected personal data
    in a draft (never the text itself), so the form can explain what blocks publishing.
    """

    title = models.CharField("tittel", max_length=200)
    description = models.TextField("beskrivelse")
    themes = models.ManyToManyField("katalog.Theme", blank=True, related_name="needs", verbose_name="tema")
    level = models.CharField("nivå", max_length=10, choices=NeedLevel.choices, default=NeedLevel.SERVICE)
    anonymised = models.BooleanField("saken er anonymisert", default=False)
    forms_of_help = models.ManyToManyField(
        "katalog.FormOfHelp", blank=True, related_name="needs", verbose_name="ønsket bistandsform"
    )
    formats = models.ManyToManyField(
        "katalog.Format", blank=True, related_name="needs", verbose_name="format"
    )
    target_groups = models.ManyToManyField(
        "katalog.TargetGroup", blank=True, related_name="needs", verbose_name="målgruppe"
    )
    staff_count = models.PositiveIntegerField("antall ansatte det gjelder", null=True, blank=True)
    time_frame = models.CharField("tidsramme", max_length=12, choices=TimeFrame.choices, blank=True)
    urgency = models.CharField("hvor mye det haster", max_length=8, choices=Urgency.choices, default="normal")
    service = models.ForeignKey(
        "organisations.ChildWelfareService",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name="barneverntjeneste",
    )
    municipalities = models.ManyToManyField(
        "organisations.Municipality", blank=True, related_name="needs", verbose_name="kommuner"
    )
    contact_role = models.CharField(
        "kontaktrolle", max_length=20, choices=ContactRole.choices, default=ContactRole.LEADER
    )
    visibility = models.CharField(
        "hvem kan se behovet", max_length=16, choices=Visibility.choices, default=Visibility.MATCHED
    )
    state = models.CharField(
        "status", max_length=16, choices=NeedState.choices, default=NeedState.DRAFT, db_index=True
    )
    personal_data_blocked = models.BooleanField("inneholder personopplysninger", default=False)
    personal_data_findings = models.JSONField("funn (type og plassering)", default=list, blank=True)
    no_fit = models.BooleanField("ingen senter passet", default=False)
    referrals = models.JSONField("andre aktører som kan hjelpe", default=list, blank=True)
    # The matcher's answer for the current text: slugs, scores, bands and codes, never the text itself
    # (services/match.py). Lets publishing reuse the match the draft's last save computed.
    match_snapshot = models.JSONField("rutingsgrunnlag", default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("opprettet", default=timezone.now)
    updated_at = models.DateTimeField("endret", default=timezone.now)
    state_changed_at = models.DateTimeField("status endret", default=timezone.now)
    published_at = models.DateTimeField("publisert", null=True, blank=True)
    first_interest_at = models.DateTimeField("første interesse", null=True, blank=True)
    escalated_at = models.DateTimeField("eskalert", null=True, blank=True)
    agreed_at = models.DateTimeField("avtalt", null=True, blank=True)
    delivered_at = models.DateTimeField("levert", null=True, blank=True)
    closed_at = models.DateTimeField("avsluttet", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "behov"
        verbose_name_plural = "behov"
        indexes = [models.Index(fields=["service", "state"]), models.Index(fields=["state", "published_at"])]

    def __str__(self) -> str:
        return f"Behov {self.pk}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def shares_with_statsforvalter(self) -> bool:
        return self.visibility == Visibility.STATSFORVALTER


class RouteVia(models.TextChoices):
    MATCH = "match", "Matching"
    FORWARD = "forward", "Videresendt av et senter"
    CURATOR = "curator", "Videresendt av portalredaksjonen"
    OPEN = "open", "Meldte seg fra åpen liste"


class NeedRoute(models.Model):
    """One provider's fit for a need, stored for *every* provider at publish time so inboxes can rank
    and a declining centre can be offered the next best. ``routed`` marks the centres the need was
    actually sent to; ``paused`` those skipped because they take no new requests right now."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="routes")
    provider = models.ForeignKey(
        "organisations.Provider", on_delete=models.CASCADE, related_name="need_routes"
    )
    score = models.FloatField("treffpoeng", default=0.0)
    band = models.CharField("treff", max_length=10, blank=True)
    rank = models.PositiveSmallIntegerField("rangering", default=0)
    matched_themes = models.JSONField("tema som passet", default=list, blank=True)
    routed = models.BooleanField("sendt til senteret", default=False)
    paused = models.BooleanField("tar ikke imot nå", default=False)
    via = models.CharField("hvordan", max_length=10, choices=RouteVia.choices, default=RouteVia.MATCH)
    forwarded_by = models.ForeignKey(
        "organisations.Provider", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField("sendt", null=True, blank=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = "ruting"
        verbose_name_plural = "rutinger"
        constraints = [models.UniqueConstraint(fields=["need", "provider"], name="unique_need_route")]
        indexes = [models.Index(fields=["provider", "routed"])]

    def __str__(self) -> str:
        return f"{self.need_id} → {self.provider_id}"


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", "Interessert"
    CLARIFICATION = "clarification", "Avklaringssamtale foreslått"
    AGREED = "agreed", "Avtalt"
    NOT_CHOSEN = "not_chosen", "Ikke valgt"


class Interest(models.Model):
    """A centre's expression of interest (*interessemelding*) in a need; several centres may be
    interested and the service may agree with one or more of them (joint delivery)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="interests")
    provider = models.ForeignKey(
        "organisations.Provider", on_delete=models.CASCADE, related_name="need_interests"
    )
    status = models.CharField(
        "status", max_length=16, choices=InterestStatus.choices, default=InterestStatus.INTERESTED
    )
    message = models.TextField("melding", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("meldt", default=timezone.now)
    updated_at = models.DateTimeField("sist aktivitet", default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "interessemelding"
        verbose_name_plural = "interessemeldinger"
        constraints = [models.UniqueConstraint(fields=["need", "provider"], name="unique_need_interest")]

    def __str__(self) -> str:
        return f"{self.provider} – behov {self.need_id}"


class DeclineReason(models.TextChoices):
    SATSING = "satsing", "Utenfor årets satsing"
    COMPETENCE = "competence", "Ikke vår kompetanse"
    CAPACITY = "capacity", "Ikke kapasitet nå"
    MANDATE = "mandate", "Utenfor mandat eller region"


class Decline(models.Model):
    """A centre's decline: always a coded reason *and* a next door (another centre or a referral
    actor), so the service never meets a dead end (domain.md §1, §4)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="declines")
    provider = models.ForeignKey("organisations.Provider", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("begrunnelse", max_length=12, choices=DeclineReason.choices)
    forward_provider = models.ForeignKey(
        "organisations.Provider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="videresendt til senter",
    )
    forward_actor = models.ForeignKey(
        "organisations.ReferralActor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="henvist til",
    )
    comment = models.TextField("kommentar", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("avslått", default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "avslag"
        verbose_name_plural = "avslag"
        constraints = [models.UniqueConstraint(fields=["need", "provider"], name="unique_need_decline")]

    def __str__(self) -> str:
        return f"{self.provider} avslo behov {self.need_id}"

    @property
    def forward_label(self) -> str:
        if self.forward_provider_id:
            return self.forward_provider.short_name
        return self.forward_actor.name if self.forward_actor_id else ""


class NeedEvent(models.Model):
    """The audit trail: who did what, when, from which state to which, and why. Also records edits,
    visibility changes and reads of the text by anyone outside the routed set (domain.md §7)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("utført av", max_length=200, blank=True)
    provider = models.ForeignKey(
        "organisations.Provider", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("handling", max_length=32)
    from_state = models.CharField("fra", max_length=16, blank=True)
    to_state = models.CharField("til", max_length=16, blank=True)
    comment = models.TextField("kommentar", blank=True)
    created_at = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "hendelse"
        verbose_name_plural = "hendelser"

    def __str__(self) -> str:
        return f"{self.need_id}: {self.action} {self.from_state}→{self.to_state}"


class NeedMessage(models.Model):
    """A message in the thread between the service and one centre about a need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="messages")
    provider = models.ForeignKey("organisations.Provider", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_service = models.BooleanField("fra tjenesten", default=True)
    body = models.TextField("melding")
    created_at = models.DateTimeField("sendt", default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "melding"
        verbose_name_plural = "meldinger"

    def __str__(self) -> str:
        return f"Melding {self.pk} om behov {self.need_id}"


class FeedbackKind(models.TextChoices):
    CLOSING = "closing", "Ved avslutning"
    FOLLOW_UP = "follow_up", "Oppfølging etter tre måneder"


class Answer(models.TextChoices):
    YES = "yes", "Ja"
    PARTLY = "partly", "Delvis"
    NO = "no", "Nei"
    TOO_EARLY = "too_early", "For tidlig å si"


class NeedFeedback(models.Model):
    """Short feedback (2–3 questions) at close, and again three months after delivery."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="feedback")
    kind = models.CharField("når", max_length=10, choices=FeedbackKind.choices)
    helped = models.CharField("fikk dere hjelpen dere trengte", max_length=10, choices=Answer.choices)
    changed_practice = models.CharField("har det ført til endring", max_length=10, choices=Answer.choices)
    comment = models.TextField("kommentar", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("gitt", default=timezone.now)

    class Meta:
        verbose_name = "tilbakemelding"
        verbose_name_plural = "tilbakemeldinger"
        constraints = [models.UniqueConstraint(fields=["need", "kind"], name="unique_need_feedback")]

    def __str__(self) -> str:
        return f"Tilbakemelding på behov {self.need_id} ({self.get_kind_display()})"


class NotificationKind(models.TextChoices):
    ROUTED = "routed", "Nytt behov til senteret"
    FORWARDED = "forwarded", "Behov videresendt til senteret"
    INTEREST = "interest", "Et senter har meldt interesse"
    CLARIFICATION = "clarification", "Forslag om avklaringssamtale"
    DECLINED = "declined", "Et senter har avslått og pekt videre"
    AGREED = "agreed", "Tjenesten har valgt senteret"
    NOT_CHOSEN = "not_chosen", "Tjenesten valgte et annet senter"
    MESSAGE = "message", "Ny melding"
    WITHDRAWN = "withdrawn", "Behovet er trukket tilbake"
    DELIVERED = "delivered", "Behovet er markert som levert"
    CLOSED = "closed", "Behovet er avsluttet"
    NO_FIT = "no_fit", "Ingen senter passet – se andre aktører"
    ESCALATED = "escalated", "Behov uten svar"
    STALE_INTEREST = "stale_interest", "Påminnelse: behov dere har meldt interesse for"
    FOLLOW_UP = "follow_up", "Hjalp det? Kort oppfølging"
    EXPIRED = "expired", "Behovet er utløpt"


class Notification(models.Model):
    """An in-app notification. E-mails carry no need text, only a link; ``emailed_at`` marks that
    this notification went out by e-mail (at once, or in the daily digest)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("type", max_length=16, choices=NotificationKind.choices)
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField("opprettet", default=timezone.now)
    read_at = models.DateTimeField("lest", null=True, blank=True)
    emailed_at = models.DateTimeField("sendt på e-post", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "varsel"
        verbose_name_plural = "varsler"
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"


class SentReminder(models.Model):
    """What ``send_reminders`` has sent, keyed so that running it twice sends nothing twice."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "sendt påminnelse"
        verbose_name_plural = "sendte påminnelser"

    def __str__(self) -> str:
        return self.key
