"""The open vocabulary with codes and bokmål/nynorsk labels, as published in /api/v1/taxonomy/ and in
the HSDS export.

Themes carry their nynorsk label on the snippet (``Theme.label_nn``). Forms of help, target groups,
formats, access modes and levels have no nynorsk field yet, so their nynorsk labels live in the table
below, keyed by code; a code missing from it is published with ``nn: null`` rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from katalog.choices import AccessMode, Level
from katalog.models import Format, FormOfHelp, TargetGroup, Theme

NYNORSK_LABELS: dict[str, dict[str, str]] = {
    "forms_of_help": {
        "KURS": "Kurs og seminar",
        "DIGKURS": "Digitalt kurs (direkte)",
        "EL": "E-læring og opptak",
        "KONF": "Fagdag og konferanse",
        "OPPL": "Opplæringsprogram over tid",
        "METODE": "Metodeopplæring",
        "SERT": "Sertifisering",
        "VEIL": "Rettleiing",
        "DROFT": "Konsultasjon og drøfting",
        "AVKLAR": "Avklaringssamtale",
        "IMPL": "Implementeringsstøtte",
        "TJST": "Tenestestøtte",
        "PROSESS": "Prosessrettleiing",
        "PROSJ": "Prosjektstøtte",
        "LEDER": "Leiarstøtte og leiarutvikling",
        "NETTV": "Læringsnettverk og nettverksstøtte",
        "VIDUT": "Vidareutdanning",
        "TILTAKUTV": "Tiltaksutvikling",
        "KOPPS": "Kunnskapsoppsummering",
        "EVAL": "Evaluering",
        "AVTALE": "Samarbeidsavtale",
        "RESSURS": "Verktøy og nettressursar",
    },
    "target_groups": {
        "barnevernleder": "Barnevernleiar",
        "mellomleder": "Mellomleiar og teamleiar",
        "saksbehandler": "Sakshandsamar og kontaktperson",
        "miljoterapeut": "Miljøterapeut og tiltaksarbeidar",
        "fosterhjemsveileder": "Fosterheimsrettleiar",
        "fosterforeldre": "Fosterforeldre",
        "nyansatte": "Nytilsette",
        "hele_tjenesten": "Heile tenesta",
        "kommuneledelse": "Kommuneleiinga",
        "politisk_ledelse": "Politisk leiing",
        "tverrfaglig": "Andre kommunale tenester",
        "laeringsnettverk": "Læringsnettverk og kommunegrupper",
    },
    "formats": {
        "fysisk": "Fysisk",
        "digitalt_direkte": "Digitalt direkte",
        "opptak": "Opptak og e-læring",
        "hybrid": "Hybrid",
        "pa_arbeidsplassen": "På arbeidsplassen",
    },
    "access_modes": {
        AccessMode.OPEN: "Open påmelding",
        AccessMode.ON_REQUEST: "På førespurnad",
        AccessMode.BUFDIR: "Tildelt av Bufdir",
        AccessMode.STATSFORVALTER: "Tildelt av Statsforvaltaren",
        AccessMode.AGREEMENT: "Etter avtale",
        AccessMode.APPLICATION: "Søknad og opptak",
    },
    "levels": {
        Level.SYSTEM: "Systemnivå",
        Level.INDIVIDUAL: "Individnivå (enkeltsak)",
    },
}


@dataclass(frozen=True)
class Term:
    code: str
    nb: str
    nn: str | None
    description: str = ""
    no_fit: bool = False


@dataclass(frozen=True)
class Vocabulary:
    themes: list[Term] = field(default_factory=list)
    forms_of_help: list[Term] = field(default_factory=list)
    target_groups: list[Term] = field(default_factory=list)
    formats: list[Term] = field(default_factory=list)
    access_modes: list[Term] = field(default_factory=list)
    levels: list[Term] = field(default_factory=list)


def _terms(kind: str, rows) -> list[Term]:
    table = NYNORSK_LABELS[kind]
    return [Term(code, label, table.get(code), description) for code, label, description in rows]


def vocabulary_get() -> Vocabulary:
    """The whole vocabulary in its editorial order (five small queries)."""
    themes = [
        Term(t.code, t.label, t.label_nn or None, t.description, t.no_fit)
        for t in Theme.objects.order_by("sort_order", "code")
    ]
    return Vocabulary(
        themes=themes,
        forms_of_help=_terms("forms_of_help", FormOfHelp.objects.values_list("code", "label", "description")),
        target_groups=_terms(
            "target_groups", TargetGroup.objects.values_list("code", "label", "description")
        ),
        formats=_terms("formats", [(f.code, f.label, "") for f in Format.objects.all()]),
        access_modes=_terms("access_modes", [(c.value, c.label, "") for c in AccessMode]),
        levels=_terms("levels", [(c.value, c.label, "") for c in Level]),
    )
