"""Demo yearly overviews: a published one for Troms og Finnmark and a draft for Vestland, both for
the coming year, so /arsoversikt/ has content after ``make run``. Idempotent: existing overviews are
left as curators left them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from katalog.models import ActivityKind, OfferingPage, RegionalActivity, YearlyOverviewPage
from katalog.services.overview import overview_create
from portal.organisations.models import Embete

TF_INTRO = (
    "<p>Her er tilbudene kommunene i Troms og Finnmark kan bruke neste år, fra alle kompetansesentrene, "
    "og Statsforvalterens egne samlinger og nettverk. Ta kontakt med oss hvis dere vil ha hjelp til å velge, "
    "eller hvis dere vil melde interesse for et tildelt program.</p>"
)
VESTLAND_INTRO = "<p>Utkast: oversikta blir publisert i januar etter at sentra har lagt inn datoane sine.</p>"


def _tf_activities(year: int) -> list[RegionalActivity]:
    return [
        RegionalActivity(
            kind=ActivityKind.LEADERS_GATHERING,
            title="Barnevernledersamling vår",
            start=dt.date(year, 3, 11),
            end=dt.date(year, 3, 12),
            place="Tromsø",
            description="To dager for barnevernledere i Troms og Finnmark: nytt fra Bufdir, erfaringsdeling og "
            "planlegging av kompetansetiltak for året.",
        ),
        RegionalActivity(
            kind=ActivityKind.LEARNING_NETWORK,
            title="Læringsnettverk Øst-Finnmark: første samling",
            start=dt.date(year, 4, 22),
            place="Vadsø",
            description="Oppstart for nettverket om systematisk oppfølging av barn i fosterhjem.",
        ),
        RegionalActivity(
            kind=ActivityKind.DIALOGUE_MEETING,
            title="Dialogmøter med kommuneledelsen i Vest-Finnmark",
            start=dt.date(year, 5, 6),
            start_time=dt.time(10, 0),
            end_time=dt.time(14, 0),
            place="Alta",
            description="Statsforvalteren inviterer kommuneledelsen til dialog om barnevernstjenesten.",
        ),
        RegionalActivity(
            kind=ActivityKind.BREAKFAST_MEETING,
            title="Frokostmøte: nye retningslinjer for samvær",
            start=dt.date(year, 9, 9),
            start_time=dt.time(8, 30),
            end_time=dt.time(9, 30),
            place="Digitalt",
        ),
        RegionalActivity(
            kind=ActivityKind.NETWORK_DAY,
            title="Nettverksdag for fosterhjemstjenestene",
            start=dt.date(year, 10, 14),
            place="Hammerfest",
            description="Avlyst på grunn av for få påmeldte. Ny dato kommer.",
            cancelled=True,
        ),
    ]


def _curate(page: YearlyOverviewPage) -> None:
    """Pin and annotate two regional offerings, hide nothing, add the embete's own activities."""
    draft = page.get_latest_revision_as_object()
    regional = set(
        OfferingPage.objects.filter(regions__embete=page.embete, national=False).values_list("pk", flat=True)
    )
    items = list(draft.items.all())
    for item in [i for i in items if i.offering_id in regional][:2]:
        item.pinned = True
        item.note = "Regionalt tilbud for Nord-Norge. Vi hjelper gjerne med å melde interesse."
    draft.items = items
    draft.activities = _tf_activities(page.year)
    draft.contact = "Barnevernsgruppen hos Statsforvalteren i Troms og Finnmark"
    draft.save_revision()


@transaction.atomic
def demo_overviews_load(*, today: dt.date | None = None) -> int:
    """Create the demo overviews that do not exist yet; returns how many were created."""
    year = (today or timezone.localdate()).year + 1
    created = 0
    tf = Embete.objects.get(slug="troms-og-finnmark")
    if not YearlyOverviewPage.objects.filter(embete=tf, year=year).exists():
        page = overview_create(embete=tf, year=year, intro=TF_INTRO)
        _curate(page)
        page.refresh_from_db()
        page.get_latest_revision().publish()
        created += 1
    vestland = Embete.objects.get(slug="vestland")
    if not YearlyOverviewPage.objects.filter(embete=vestland, year=year).exists():
        overview_create(embete=vestland, year=year, intro=VESTLAND_INTRO)
        created += 1
    return created
