"""Demo needs in every state, from several services, written as realistic *organisational* needs
without personal data (``tests/needs/test_demo_needs.py`` scans them all with the guard).

Each story is played through the real services on a fixed clock offset ("published 30 days ago"), so
dates are relative to the day the demo is loaded and the audit trail reads like real use. Where the
matcher did not happen to route a demo centre, the portal's curators send it there, as they would.
Idempotent: a story whose need already exists (same service and title) is skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from portal.accounts.models import User
from portal.accounts.roles import Role, user_assign_role
from portal.organisations.models import ChildWelfareService, Provider, ReferralActor

from . import services
from .models import Interest, Need, NeedLevel, RouteVia, Urgency, Visibility
from .services.common import event_record
from .services.publishing import route_add
from .services.reminders import need_expire
from .workdays import add_working_days

logger = logging.getLogger(__name__)

# Demo centre users (portal/accounts/demo.py) by provider slug.
CENTRE_USERS = {"rkbu-nord": "senter", "rvts-nord": "senter-rvts", "nubu": "senter-nubu"}
SERVICE_USERS = {
    "Øst-Finnmark barneverntjeneste": "kommune",
    "Bydel Grünerløkka barneverntjeneste": "kommune-oslo",
}


@dataclass
class Story:
    service: str
    title: str
    description: str
    published: int | None  # days ago; None keeps it a draft
    steps: list[tuple] = field(default_factory=list)  # (days ago, step, *arguments)
    visibility: str = Visibility.MATCHED
    urgency: str = Urgency.NORMAL
    level: str = NeedLevel.SERVICE


STORIES = [
    Story(
        "Øst-Finnmark barneverntjeneste",
        "Traumebevisst omsorg i hele tjenesten",
        "Vi er en interkommunal tjeneste med fire kommuner og mange nyansatte. Vi ønsker å bygge felles "
        "forståelse av traumebevisst omsorg i hele tjenesten, også blant tiltaksarbeiderne, og trenger hjelp "
        "til å få det til å feste seg i praksis over tid, ikke bare et enkelt kurs.",
        published=160,
        steps=[
            (
                157,
                "interest",
                "rkbu-nord",
                "Vi kan tilby tjenestestøtte over tid med samlinger i Vadsø og digitale oppfølgingsmøter.",
            ),
            (
                156,
                "decline",
                "nubu",
                "competence",
                "rvts-nord",
                "Traumebevisst omsorg passer bedre hos RVTS Nord.",
            ),
            (
                155,
                "interest",
                "rvts-nord",
                "Vi kan bidra med fagdager om traumer og ivaretakelse av ansatte.",
            ),
            (152, "clarify", "rkbu-nord", "Kan vi ta en avklaringssamtale på Teams neste uke?"),
            (
                146,
                "agree",
                ["rkbu-nord", "rvts-nord"],
                "Felles opplegg: RKBU Nord har hovedansvaret, RVTS Nord bidrar med to fagdager.",
            ),
            (100, "deliver"),
            (
                95,
                "close",
                "yes",
                "partly",
                "Godt opplegg. Vi trenger litt mer tid før det sitter i hele tjenesten.",
            ),
        ],
    ),
    Story(
        "Bydel Grünerløkka barneverntjeneste",
        "Foreldreveiledning for familier med ulik språkbakgrunn",
        "Mange av familiene vi møter har en annen språkbakgrunn enn norsk. Vi ønsker en metode for "
        "foreldreveiledning som fungerer med tolk, og opplæring av fem til seks saksbehandlere i den.",
        published=6,
        steps=[
            (
                3,
                "interest",
                "nubu",
                "Vi har erfaring med PMTO og tolk, og kan komme til dere for et første møte.",
            )
        ],
    ),
    Story(
        "Barneverntjenesten i Tromsø",
        "Introduksjonsprogram for nyansatte",
        "Vi har mange nyansatte hvert år og mangler et strukturert introduksjonsprogram. Vi ønsker hjelp "
        "til å lage et opplegg for de første månedene, med veiledning og faglig innføring.",
        published=30,
        steps=[
            (
                28,
                "decline",
                "rkbu-nord",
                "capacity",
                "actor:peer",
                "Andre kommuner i regionen har laget slike program.",
            ),
            (14, "escalate"),
        ],
    ),
    Story(
        "Barneverntjenesten i Bergen",
        "Tiltaksplaner som faktisk brukes",
        "Tiltaksplanene våre blir ofte liggende uten å bli brukt i oppfølgingen. Vi vil gjennomgå rutinene "
        "og trenger støtte til implementering og internkontroll i to avdelinger.",
        published=12,
        steps=[
            (8, "clarify", "rkbu-nord", "Vi foreslår en avklaringssamtale om hva dere har prøvd så langt.")
        ],
    ),
    Story(
        "Barneverntenesta for Ørsta og Volda",
        "Rettleiing av fosterheimar i distriktet",
        "Fosterheimane våre bur spreidd, og vi har få tilsette som rettleier dei. Vi treng hjelp til ein "
        "modell for rettleiing av fosterheimar over tid, gjerne digitalt mellom samlingane.",
        published=40,
        steps=[
            (36, "interest", "rkbu-nord", "Vi kan tilby rettleiing av fosterheimsrettleiarane digitalt."),
            (30, "agree", ["rkbu-nord"], "Digital rettleiing annakvar veke fram til sommaren."),
        ],
    ),
    Story(
        "Øst-Finnmark barneverntjeneste",
        "Samarbeid med skolene om skolefravær",
        "Vi ser mer skolefravær og trenger bedre samarbeid med skolene og helsestasjonen tidlig. Vi ønsker "
        "en fagdag og oppfølging for ansatte i barnevernet og skolene i de fire kommunene.",
        published=2,
        visibility=Visibility.STATSFORVALTER,
    ),
    Story(
        "Øst-Finnmark barneverntjeneste",
        "Lederstøtte til ny ledergruppe",
        "Ledergruppen vår er ny og vi ønsker lederstøtte det første året, særlig om prioritering og "
        "fordeling av ansvar mellom avdelingene.",
        published=None,
    ),
    Story(
        "Barneverntjenesten i Alta",
        "Ivaretakelse av ansatte etter vold og trusler",
        "Ansatte opplever trusler i krevende saker. Vi ønsker opplæring i ivaretakelse etter hendelser og "
        "gode rutiner for debrief i tjenesten.",
        published=70,
        steps=[
            (
                66,
                "interest",
                "rvts-nord",
                "Vi kan holde en fagdag og hjelpe dere med rutiner for ivaretakelse.",
            ),
            (60, "agree", ["rvts-nord"], ""),
            (10, "deliver"),
        ],
        urgency=Urgency.HIGH,
    ),
    Story(
        "Barneverntjenesten i Bodø",
        "Kurs i samtaler med barn",
        "Vi ønsker et kurs i samtaler med barn for saksbehandlere med kort erfaring.",
        published=25,
        steps=[(15, "withdraw", "Vi fikk plass på et åpent kurs i stedet.")],
    ),
    Story(
        "Barneverntjenesten i Trondheim",
        "Evaluering av et lokalt familietiltak",
        "Vi har utviklet et hjemmebasert familietiltak og ønsker hjelp til en enkel evaluering av om det "
        "virker, og hvordan vi kan forbedre det.",
        published=130,
        steps=[(8, "expire")],
    ),
    Story(
        "Barneverntjenesten i Kristiansand",
        "Drøfting: langvarig skolevegring hos en ungdom",
        "Vi ønsker en anonym drøfting av en sak med langvarig skolevegring og angst hos en ungdom, der "
        "hjelpetiltakene ikke har virket. Saken kan drøftes på telefon.",
        published=1,
        level=NeedLevel.CASE,
        urgency=Urgency.HIGH,
    ),
    Story(
        "Barneverntjenesten i Lillehammer",
        "Rus hos foreldre: tidlig innsats sammen med NAV og helse",
        "Vi vil bli bedre på å oppdage og følge opp foreldre med rusproblemer tidlig, sammen med NAV og "
        "helsetjenesten. Vi ønsker en felles fagdag og en modell for samarbeid.",
        published=4,
        visibility=Visibility.ALL_CENTRES,
    ),
]


def _service_user(service: ChildWelfareService) -> User:
    username = SERVICE_USERS.get(service.name) or f"demo-{service.slug}"[:150]
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name="Demo",
            last_name="Leder",
            email=f"{username}@demo.invalid",
            job_title="Barnevernleder",
        )
        user.set_unusable_password()
        user.save()
        user_assign_role(user=user, role=Role.MUNICIPAL, organisation=service)
    return user


def _at(days_ago: int, today: dt.datetime) -> dt.datetime:
    return today - dt.timedelta(days=days_ago)


def _centre(slug: str) -> User:
    return User.objects.get(username=CENTRE_USERS[slug])


def _ensure_routed(need: Need, slug: str, now: dt.datetime) -> None:
    provider = Provider.objects.get(slug=slug)
    _, new = route_add(need=need, provider=provider, via=RouteVia.CURATOR, now=now)
    if new:
        event_record(
            need=need,
            action="route",
            from_state=need.state,
            provider=provider,
            now=now,
            comment=f"Sendt til {provider.short_name} av portalredaksjonen.",
        )


def _step(need: Need, owner: User, when: dt.datetime, step: str, args: tuple) -> None:
    need.refresh_from_db()
    if step == "interest":
        _ensure_routed(need, args[0], when)
        services.interest_express(need=need, user=_centre(args[0]), message=args[1], now=when)
    elif step == "clarify":
        _ensure_routed(need, args[0], when)
        services.clarification_propose(need=need, user=_centre(args[0]), message=args[1], now=when)
    elif step == "decline":
        slug, reason, target, comment = args
        _ensure_routed(need, slug, when)
        forward_provider = forward_actor = None
        if target.startswith("actor:"):
            forward_actor = ReferralActor.objects.get(slug=target.removeprefix("actor:"))
        else:
            forward_provider = Provider.objects.get(slug=target)
        services.need_decline(
            need=need,
            user=_centre(slug),
            reason=reason,
            forward_provider=forward_provider,
            forward_actor=forward_actor,
            comment=comment,
            now=when,
        )
    elif step == "agree":
        ids = list(
            Interest.objects.filter(need=need, provider__slug__in=args[0]).values_list("pk", flat=True)
        )
        services.need_agree(need=need, user=owner, interest_ids=ids, note=args[1], now=when)
    elif step == "deliver":
        services.need_deliver(need=need, user=owner, now=when)
    elif step == "close":
        services.need_close(
            need=need, user=owner, helped=args[0], changed_practice=args[1], comment=args[2], now=when
        )
    elif step == "withdraw":
        services.need_withdraw(need=need, user=owner, comment=args[0], now=when)
    elif step == "escalate":
        published = timezone.localtime(need.published_at).date()
        moment = timezone.make_aware(dt.datetime.combine(add_working_days(published, 10), dt.time(7)))
        services.need_escalate(
            need=need, now=min(moment, when), reason="Ingen interesse etter 10 arbeidsdager."
        )
    elif step == "expire":
        need_expire(need=need, now=when)


def _play(story: Story, today: dt.datetime) -> Need | None:
    service = ChildWelfareService.objects.filter(name=story.service).first()
    if service is None or Need.objects.filter(service=service, title=story.title).exists():
        return None
    owner = _service_user(service)
    created = _at((story.published or 0) + 2, today)
    data = services.NeedInput(
        title=story.title,
        description=story.description,
        level=story.level,
        anonymised=story.level == NeedLevel.CASE,
        urgency=story.urgency,
        visibility=story.visibility,
    )
    # A story that is published at once gets its themes from publishing (one matcher run, not two).
    need, _ = services.need_create(user=owner, data=data, suggest_themes=story.published is None, now=created)
    if story.published is not None:
        services.need_publish(need=need, user=owner, now=_at(story.published, today))
    for days_ago, step, *args in story.steps:
        _step(need, owner, _at(days_ago, today), step, tuple(args))
    return need


def demo_needs_load(*, today: dt.datetime | None = None) -> int:
    """Play every story not loaded yet; returns how many needs were created. E-mails from the demo
    are not sent (the in-app notifications stay, so the header shows them)."""
    today = today or timezone.now()
    created = 0
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        for story in STORIES:
            created += _play(story, today) is not None
    return created
