"""Deterministic synthetic catalogues for benchmarks (1k–100k offerings).

The text is Norwegian-ish: sentences assembled from the taxonomy's labels, synonyms and descriptions
(katalog/data/taxonomy.yaml) mixed with a fixed word list drawn with Zipf-like frequencies, so term
statistics look like a real catalogue: a few very common words ("barn", "tjenesten"), a long tail,
and topic words that cluster by theme. Providers and counties come from the reference data files.

Every offering is generated from its own seeded random stream (``seed`` and its number), so offering
*i* is identical in every catalogue size and run — the first 1,000 of the 10k catalogue are the 1k
catalogue. Nothing here touches Django or a database; callers turn offerings into whatever they
index (``to_search_document`` for the portal's search backends).

    from benchmarks.synthetic import generate_offerings
    for offering in generate_offerings(10_000, seed=2026):
        ...
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "katalog" / "data" / "taxonomy.yaml"
PROVIDERS = ROOT / "portal" / "organisations" / "data" / "providers.yaml"
COUNTIES = ROOT / "portal" / "organisations" / "data" / "fylker.csv"
DEFAULT_SEED = 2026
# A fixed "today" so generated dates (and next_date) do not drift with the calendar.
REFERENCE_DAY = dt.date(2027, 1, 15)
CENTRE_FAMILIES = ("rkbu-rbup", "nubu", "rvts", "korus")

# General vocabulary, most frequent first (drawn with Zipf weights). Bokmål with some nynorsk forms,
# as in the real catalogue.
WORDS = """
og i for som til med på om av at det er en et barn tjenesten kan de vi dere ansatte unge barnevern
barneverntjenesten kommunen arbeid familier foreldre hvordan får samarbeid tilbud tid opplæring
kompetanse praksis kunnskap hjelp oppfølging tjenester erfaring deltakerne sammen gjennom fagdag
kurs veiledning samtaler hele leder ledere under etter mellom mot eller når nye nyansatte erfarne
tverrfaglig forebygging skole barnehage helsestasjon fosterhjem fosterforeldre omsorg trygghet
utvikling forståelse metode metoder modell verktøy rutiner plan planer vurdering vurderinger
undersøkelse tiltak hjelpetiltak saksbehandling dokumentasjon medvirkning barnets stemme beste
rettigheter lov forskrift krav kvalitet internkontroll system systemnivå gruppe grupper samling
samlinger nettverk region regionen digitalt fysisk webinar opptak program programmet år måned uker
dager timer halv hel første andre tredje siste ny gammel viktig særlig spesielt ofte alltid aldri
kanskje mange flere færre noen alle hver egen egne konkrete praktiske faglige felles lokale
nasjonale regionale tydelig trygg god gode bedre lære bruke møte møter snakke forstå følge støtte
styrke bygge dele finne ta gi se hverdagen arbeidsplassen kontoret kommuner fylket senteret sentrene
fagmiljøet forskning tenesta tilsette rettleiing born foreldra kommunane arbeidet saman korleis òg
ikkje utfordringer problemer behov ressurser kapasitet prioritering ansvar roller rolle oppgaver
refleksjon refleksjonsgruppe casearbeid øvelser eksempler presentasjon foredrag dialog kartlegging
evaluering implementering forankring ledelse lederrollen ledergruppen personal sykefravær turnover
rekruttering arbeidsmiljø belastning stress ivaretakelse hjelpere vold overgrep traumer rus psykisk
helse selvskading selvmord krise kriser akutt beredskap minoritet flyktninger språk kultur tolk
samisk likeverdig mangfold tilknytning samspill sped småbarn ungdom ungdommer skolefravær atferd
foreldreskap familieråd ettervern overgang voksen bolig økonomi fritid venner nettverket
""".split()  # noqa: SIM905 (a word list reads best as text)


@dataclass
class SyntheticOffering:
    """One generated offering, in neutral field names (mirrors SearchDocument's content fields)."""

    number: int
    title: str
    summary: str
    body: str
    themes: list[str]
    theme_labels: list[str]
    form: str
    form_label: str
    formats: list[str]
    target_groups: list[str]
    level: str
    national: bool
    regions: list[str]
    access_mode: str
    capacity: str
    status: str
    free: bool
    credits: float | None
    language: str
    providers: list[str]
    provider_names: list[str]
    families: list[str]
    session_dates: list[dt.date] = field(default_factory=list)
    next_date: dt.date | None = None
    last_confirmed: dt.date | None = None

    @property
    def id(self) -> str:
        return f"offering-{self.number}"


@dataclass(frozen=True)
class Catalogue:
    """The vocabularies offerings are drawn from."""

    themes: list[dict[str, Any]]
    forms: list[dict[str, Any]]
    target_groups: list[dict[str, Any]]
    formats: list[dict[str, Any]]
    levels: list[dict[str, Any]]
    access_modes: list[dict[str, Any]]
    providers: list[dict[str, Any]]
    counties: list[str]
    word_weights: list[float]


@cache
def load_catalogue() -> Catalogue:
    taxonomy = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    providers = yaml.safe_load(PROVIDERS.read_text(encoding="utf-8"))["providers"]
    with COUNTIES.open(encoding="utf-8") as handle:
        counties = [row["fylkesnummer"] for row in csv.DictReader(handle)]
    return Catalogue(
        themes=[t for t in taxonomy["themes"] if not t.get("no_fit")],
        forms=taxonomy["forms_of_help"],
        target_groups=taxonomy["target_groups"],
        formats=taxonomy["formats"],
        levels=taxonomy["levels"],
        access_modes=taxonomy["access_modes"],
        providers=[p for p in providers if p["family"] in CENTRE_FAMILIES],
        counties=counties,
        word_weights=[1.0 / (rank + 1) ** 0.9 for rank in range(len(WORDS))],
    )


def _words(text: str) -> list[str]:
    return [w.strip(".,;:()«»\"'").lower() for w in (text or "").split() if len(w.strip(".,;:()«»")) > 1]


def _sentence(rng: random.Random, catalogue: Catalogue, topic: list[str], length: int) -> str:
    """``length`` words: about a third from the offering's topic words, the rest general vocabulary."""
    general = rng.choices(WORDS, weights=catalogue.word_weights, k=length)
    words = [rng.choice(topic) if topic and rng.random() < 0.33 else word for word in general]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, catalogue: Catalogue, topic: list[str]) -> str:
    return " ".join(_sentence(rng, catalogue, topic, rng.randint(8, 18)) for _ in range(rng.randint(2, 4)))


def _title(rng: random.Random, form: dict, theme: dict, group: dict, nynorsk: bool) -> str:
    theme_label = theme.get("label_nn") if nynorsk and theme.get("label_nn") else theme["label"]
    synonym = rng.choice(theme.get("synonyms") or [theme["label"]])
    patterns = (
        f"{form['label']}: {theme_label.lower()}",
        f"{synonym.capitalize()} for {group['label'].lower()}",
        f"{form['label']} om {synonym}",
        f"{theme_label} – {form['label'].lower()} for {group['label'].lower()}",
        f"{synonym.capitalize()} i praksis",
    )
    return rng.choice(patterns)


def _pick_provider(rng: random.Random, catalogue: Catalogue, theme: dict) -> dict:
    families = theme.get("families") or list(CENTRE_FAMILIES)
    family = families[0] if rng.random() < 0.7 else rng.choice(CENTRE_FAMILIES)
    candidates = [p for p in catalogue.providers if p["family"] == family] or catalogue.providers
    return rng.choice(candidates)


def _dates(rng: random.Random) -> tuple[list[dt.date], dt.date | None, dt.date]:
    count = rng.choices((0, 1, 2, 3, 4), weights=(30, 30, 20, 12, 8))[0]
    start = REFERENCE_DAY - dt.timedelta(days=180)
    sessions = sorted(start + dt.timedelta(days=rng.randint(0, 720)) for _ in range(count))
    upcoming = [d for d in sessions if d >= REFERENCE_DAY]
    confirmed = REFERENCE_DAY - dt.timedelta(days=rng.randint(0, 540))
    return sessions, (upcoming[0] if upcoming else None), confirmed


def make_offering(number: int, *, seed: int = DEFAULT_SEED) -> SyntheticOffering:
    """Offering ``number`` of every catalogue generated with ``seed``."""
    catalogue = load_catalogue()
    rng = random.Random(f"{seed}-{number}")
    themes = rng.sample(catalogue.themes, rng.choices((1, 2, 3), weights=(45, 40, 15))[0])
    form = rng.choice(catalogue.forms)
    groups = rng.sample(catalogue.target_groups, rng.randint(1, 3))
    nynorsk = rng.random() < 0.15
    owner = _pick_provider(rng, catalogue, themes[0])
    providers = [owner]
    if rng.random() < 0.1:
        partner = rng.choice(catalogue.providers)
        if partner is not owner:
            providers.append(partner)
    topic = [w for t in themes for w in _words(" ".join([t["label"], t["description"], *t["synonyms"]]))]
    topic += _words(" ".join([form["label"], *form.get("synonyms", [])]))
    national = rng.random() < 0.7
    sessions, next_date, confirmed = _dates(rng)
    credits = rng.choice((7.5, 15.0, 30.0)) if form["code"] == "VIDUT" or rng.random() < 0.03 else None
    return SyntheticOffering(
        number=number,
        title=_title(rng, form, themes[0], groups[0], nynorsk),
        summary=" ".join(_sentence(rng, catalogue, topic, rng.randint(12, 22)) for _ in range(2)),
        body="\n\n".join(_paragraph(rng, catalogue, topic) for _ in range(rng.randint(2, 5))),
        themes=[t["code"] for t in themes],
        theme_labels=[t["label"] for t in themes],
        form=form["code"],
        form_label=form["label"],
        formats=[f["code"] for f in rng.sample(catalogue.formats, rng.choice((1, 1, 2)))],
        target_groups=[g["code"] for g in groups],
        level=rng.choice(catalogue.levels)["code"],
        national=national,
        regions=[] if national else sorted(rng.sample(catalogue.counties, rng.randint(1, 3))),
        access_mode=rng.choice(catalogue.access_modes)["code"],
        capacity=rng.choices(("open", "few", "full", "waitlist"), weights=(70, 12, 10, 8))[0],
        status=rng.choices(("active", "paused", "cancelled", "ended"), weights=(95, 2, 2, 1))[0],
        free=rng.random() < 0.8,
        credits=credits,
        language="nn" if nynorsk else "nb",
        providers=[p["slug"] for p in providers],
        provider_names=[p["short_name"] for p in providers],
        families=sorted({p["family"] for p in providers}),
        session_dates=sessions,
        next_date=next_date,
        last_confirmed=confirmed,
    )


def generate_offerings(count: int, *, seed: int = DEFAULT_SEED) -> Iterator[SyntheticOffering]:
    """Offerings 1..count of the catalogue for ``seed``."""
    for number in range(1, count + 1):
        yield make_offering(number, seed=seed)


def to_search_document(offering: SyntheticOffering):
    """The portal's SearchDocument for an offering (imports search.backends.base, which needs no Django)."""
    from search.backends.base import SearchDocument

    return SearchDocument(
        id=offering.id,
        kind="offering",
        page_id=offering.number,
        url=f"/tilbud/{offering.number}/",
        title=offering.title,
        summary=offering.summary,
        body=offering.body,
        provider=offering.providers[0],
        providers=offering.providers,
        provider_names=offering.provider_names,
        families=offering.families,
        themes=offering.themes,
        theme_labels=offering.theme_labels,
        form=offering.form,
        form_label=offering.form_label,
        formats=offering.formats,
        target_groups=offering.target_groups,
        level=offering.level,
        national=offering.national,
        regions=offering.regions,
        access_mode=offering.access_mode,
        capacity=offering.capacity,
        status=offering.status,
        free=offering.free,
        credits=offering.credits,
        language=offering.language,
        session_dates=offering.session_dates,
        next_date=offering.next_date,
        last_confirmed=offering.last_confirmed,
    )
