"""Curated nynorsk → bokmål map for the child-welfare domain.

Why: a nynorsk query must find bokmål text and the reverse (docs/domain.md §5, "Bokmål and nynorsk").
Snowball treats the two written standards as unrelated words ("rettleiing" vs "veiledning"), so the
analyser adds the *bokmål* form as an extra term (origin ``"nn"``) to both documents and queries; the
original stem is always kept. Normalising one way is enough: a bokmål query meets nynorsk documents
through their added bokmål terms.

The map is used at two levels:

* **Whole words**, including inflected forms where Snowball would not reduce the two standards to
  the same stem ("tenesta" → "tjenesten", "undersøkingar" → "undersøkelser").
* **Compound parts**: every key of at least three letters that is not in :data:`WHOLE_WORD_ONLY`
  may also appear inside a compound, so "leiarstøtte" → "lederstøtte", "barnevernleiar" →
  "barnevernleder", "foreldrerettleiing" → "foreldreveiledning". Splitting is done by the compound
  splitter (it needs the lexicon), see ``compounds.py``.

Suffix rules (:data:`SUFFIX_RULES`) cover regular patterns such as the adjective ending -leg → -lig
("tverrfagleg" → "tverrfaglig"). Pairs derived from the taxonomy's ``label_nn``/``label`` are added at
run time by ``Vocabulary``.

Words that need care:

* "me" is the nynorsk pronoun "vi" only as a whole word (never inside "meld", "metode"); like "mi",
  "eg", "ho" it is a stopword anyway, so the mapping only documents intent.
* "leie" (nn: lead) is deliberately absent: in bokmål it means "rent".
* "høyre" (nn: hear) is absent: in bokmål it means "right".
* "tilsette" is a noun (employees) in nynorsk but a verb (appoint) in bokmål; mapping it to
  "ansatte" is still right for this domain because the bokmål verb is rare in need descriptions.
* "-lege" → "-lige" must not turn "barnelege"/"fastlege" (a doctor) into adjectives; see
  :data:`LEGE_NOUNS`.
"""

from __future__ import annotations

import re

from .stemming import word_list

NN_TO_NB: dict[str, str] = {
    # Leadership and roles
    "leiar": "leder",
    "leiaren": "lederen",
    "leiarar": "ledere",
    "leiarane": "lederne",
    "leiing": "ledelse",
    "leiinga": "ledelsen",
    "leiingar": "ledelser",
    "rettleiing": "veiledning",
    "rettleiinga": "veiledningen",
    "rettleiingar": "veiledninger",
    "rettleiingane": "veiledningene",
    "rettleiar": "veileder",
    "rettleiaren": "veilederen",
    "rettleiarar": "veiledere",
    "rettleiarane": "veilederne",
    "rettleie": "veilede",
    "rettleier": "veileder",
    "rettleidd": "veiledet",
    "tilsett": "ansatt",
    "tilsette": "ansatte",
    "tilsettingar": "ansettelser",
    "nytilsett": "nyansatt",
    "nytilsette": "nyansatte",
    "medarbeidar": "medarbeider",
    "medarbeidarar": "medarbeidere",
    "arbeidar": "arbeider",
    "arbeidarar": "arbeidere",
    "brukar": "bruker",
    "brukarar": "brukere",
    "brukarane": "brukerne",
    "deltakar": "deltaker",
    "deltakarar": "deltakere",
    "deltaking": "deltakelse",
    "lærar": "lærer",
    "lærarar": "lærere",
    "sjukepleiar": "sykepleier",
    "pleiar": "pleier",
    "sakshandsamar": "saksbehandler",
    "handsamar": "behandler",
    "statsforvaltar": "statsforvalter",
    "statsforvaltaren": "statsforvalteren",
    "forvaltar": "forvalter",
    "eigar": "eier",
    "overgripar": "overgriper",
    "misbrukar": "misbruker",
    "rusmisbrukar": "rusmisbruker",
    "formidlar": "formidler",
    "sakkunnig": "sakkyndig",
    # Services and processes
    "teneste": "tjeneste",
    "tenesta": "tjenesten",
    "tenester": "tjenester",
    "tenestene": "tjenestene",
    "undersøking": "undersøkelse",
    "undersøkinga": "undersøkelsen",
    "undersøkingar": "undersøkelser",
    "undersøkingane": "undersøkelsene",
    "medverknad": "medvirkning",
    "medverknaden": "medvirkningen",
    "sakshandsaming": "saksbehandling",
    "handsaming": "behandling",
    "handsame": "behandle",
    "handsama": "behandlet",
    "handtering": "håndtering",
    "handtere": "håndtere",
    "oppfølgjing": "oppfølging",
    "følgje": "følge",
    "følgjer": "følger",
    "fylgje": "følge",
    "utgreiing": "utredning",
    "utgreie": "utrede",
    "kartleggje": "kartlegge",
    "tilretteleggje": "tilrettelegge",
    "grunngiving": "begrunnelse",
    "grunngje": "begrunne",
    "avgjerd": "avgjørelse",
    "avgjerder": "avgjørelser",
    "avgjerda": "avgjørelsen",
    "omsorgsovertaking": "omsorgsovertakelse",
    "overtaking": "overtakelse",
    "nedsetjing": "nedsettelse",
    "funksjonsnedsetjing": "funksjonsnedsettelse",
    "tilknyting": "tilknytning",
    "forbetring": "forbedring",
    "forsking": "forskning",
    "teieplikt": "taushetsplikt",
    "samtykkje": "samtykke",
    "tilskot": "tilskudd",
    "midlar": "midler",
    "fristar": "frister",
    "brot": "brudd",
    # Plurals in -ar where Snowball's stem differs or where the taxonomy lists both spellings
    "rutinar": "rutiner",
    "metodar": "metoder",
    "planar": "planer",
    "tiltaksplanar": "tiltaksplaner",
    "vurderingar": "vurderinger",
    "meldingar": "meldinger",
    "samtalar": "samtaler",
    "relasjonar": "relasjoner",
    "flyktningar": "flyktninger",
    "institusjonsplassar": "institusjonsplasser",
    "arbeidsprosessar": "arbeidsprosesser",
    "faktorar": "faktorer",
    "beskyttelsesfaktorar": "beskyttelsesfaktorer",
    "tilbod": "tilbud",
    "tilbodet": "tilbudet",
    "tilboda": "tilbudene",
    "verksemd": "virksomhet",
    "krenking": "krenkelse",
    "krenkingar": "krenkelser",
    "haldning": "holdning",
    "haldningar": "holdninger",
    "byrjing": "begynnelse",
    "tenking": "tenkning",
    "tenkje": "tenke",
    # Children, family, home
    "born": "barn",
    "borna": "barna",
    "borns": "barns",
    "heim": "hjem",
    "heimen": "hjemmet",
    "heimar": "hjem",
    "heime": "hjemme",
    "heimebasert": "hjemmebasert",
    "heimebaserte": "hjemmebaserte",
    "fosterheim": "fosterhjem",
    "fosterheimen": "fosterhjemmet",
    "fosterheimar": "fosterhjem",
    "fosterheimane": "fosterhjemmene",
    "ungdomar": "ungdommer",
    "ungdomane": "ungdommene",
    "gut": "gutt",
    "gutar": "gutter",
    "vaksen": "voksen",
    "vaksne": "voksne",
    "vaksenlivet": "voksenlivet",
    "bustad": "bolig",
    "bustader": "boliger",
    "kjærleik": "kjærlighet",
    "tryggleik": "trygghet",
    "tryggleiken": "tryggheten",
    # Problems and risk
    "vald": "vold",
    "valden": "volden",
    "valdsam": "voldsom",
    "valdsamt": "voldsomt",
    "sjølvmord": "selvmord",
    "sjølvskading": "selvskading",
    "sjølvstendig": "selvstendig",
    "sjølv": "selv",
    "åtferd": "atferd",
    "åtferda": "atferden",
    "vanskar": "vansker",
    "vanskane": "vanskene",
    "sjukdom": "sykdom",
    "sjuk": "syk",
    "sjuke": "syke",
    "fråvær": "fravær",
    "fråværet": "fraværet",
    "truslar": "trusler",
    "rusar": "ruser",
    "høg": "høy",
    "høgt": "høyt",
    # School, work, pay
    "skule": "skole",
    "skulen": "skolen",
    "skular": "skoler",
    "skulane": "skolene",
    "løn": "lønn",
    "lønsam": "lønnsom",
    "veke": "uke",
    "veker": "uker",
    "månad": "måned",
    "månader": "måneder",
    "spel": "spill",
    "dataspel": "dataspill",
    "pengespel": "pengespill",
    "avhengnad": "avhengighet",
    "spelavhengnad": "spillavhengighet",
    "saksmengd": "saksmengde",
    "mengd": "mengde",
    # Prevention and development
    "førebygging": "forebygging",
    "førebyggjing": "forebygging",
    "førebyggje": "forebygge",
    "førebyggjande": "forebyggende",
    "vidare": "videre",
    "vidareutdanning": "videreutdanning",
    "betre": "bedre",
    "fleire": "flere",
    "fleir": "fler",
    # Adjectives and adverbs
    "einsleg": "enslig",
    "einslege": "enslige",
    "eigen": "egen",
    "eige": "eget",
    "eigne": "egne",
    "eigarskap": "eierskap",
    "heile": "hele",
    "heilskap": "helhet",
    "heilskapleg": "helhetlig",
    "mogleg": "mulig",
    "moglegheit": "mulighet",
    "moglegheiter": "muligheter",
    "rettigheit": "rettighet",
    "rettigheiter": "rettigheter",
    "einskild": "enkelt",
    "einskildsak": "enkeltsak",
    "saman": "sammen",
    "samanheng": "sammenheng",
    "utan": "uten",
    "utanfor": "utenfor",
    "seinare": "senere",
    # Verbs and function words
    "treng": "trenger",
    "trengst": "trengs",
    "ønskjer": "ønsker",
    "ønskje": "ønske",
    "ynskjer": "ønsker",
    "ynskje": "ønske",
    "gjer": "gjør",
    "gjere": "gjøre",
    "korleis": "hvordan",
    "kva": "hva",
    "kven": "hvem",
    "kvar": "hvor",
    "kvifor": "hvorfor",
    "ikkje": "ikke",
    "me": "vi",
    "eg": "jeg",
    "ho": "hun",
    "dei": "de",
    "deira": "deres",
    "noko": "noe",
    "nokon": "noen",
    "mykje": "mye",
    "berre": "bare",
    "òg": "også",
}

# Short or ambiguous keys that are only mapped as whole tokens, never inside a compound
# ("me" inside "metode", "eg" inside "egen", "gut" inside … "gutt" itself).
WHOLE_WORD_ONLY: frozenset[str] = frozenset(
    word_list("me eg ho dei kva kven kvar kvifor korleis ikkje noko nokon mykje berre òg gut gutar utan")
    + word_list("eige eigne gjer brot mengd")
)

# Nouns ending in "-lege" (a doctor), which the adjective rule below must leave alone.
LEGE_NOUNS: frozenset[str] = frozenset(
    word_list("lege fastlege barnelege skolelege kommunelege bedriftslege overlege tannlege turnuslege")
    + word_list("helsestasjonslege sjukehuslege sykehuslege legevaktlege")
)

_LEGE_COMPOUNDS = tuple(noun for noun in LEGE_NOUNS if noun != "lege")

# Regular nynorsk endings → bokmål, applied to the last compound part: (pattern, replacement).
SUFFIX_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=...)leg(e|t)?$"), r"lig\1"),  # fagleg/faglege/faglegt → faglig/faglige/faglig
    (re.compile(r"(?<=...)legare$"), "ligere"),  # vanskelegare → vanskeligere
    (re.compile(r"(?<=...)legast$"), "ligst"),  # vanlegast → vanligst
    (re.compile(r"(?<=...)heit(a|er|ene|ane)?$"), r"het\1"),  # sikkerheit → sikkerhet
)


def _fix_legt(word: str) -> str:
    # "faglegt" → "fagligt" by the regex; bokmål neuter of -lig is -lig.
    return word[:-1] if word.endswith("ligt") else word


def word_to_bokmal(word: str) -> str | None:
    """Bokmål form of a single (non-compound) nynorsk word, or None if nothing applies.

    :param word: lower-cased token.
    """
    mapped = NN_TO_NB.get(word)
    if mapped is not None:
        return mapped
    if word.endswith(_LEGE_COMPOUNDS) or word == "lege":
        return None
    for pattern, replacement in SUFFIX_RULES:
        new = pattern.sub(replacement, word)
        if new != word:
            return _fix_legt(new)
    return None


def morphemes() -> dict[str, str]:
    """Keys that may appear as compound parts → their bokmål form."""
    return {nn: nb for nn, nb in NN_TO_NB.items() if len(nn) >= 3 and nn not in WHOLE_WORD_ONLY}
