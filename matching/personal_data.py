"""Personal-data guard for need texts.

Needs describe what an organisation needs, never a child or a family (docs/domain.md §7). This module
finds text that looks like personal data so that the portal can block or warn *before* a need is
stored, indexed, embedded or logged.

Design notes:

- Standard library only. The rules should be easy to mirror in the browser, and the server check has to
  run before anything else touches the text.
- A :class:`Finding` holds kind and position, never the matched text, so findings can be logged
  or sent to a client without leaking what they found.
- The detectors are deliberately conservative about numbers that are common in ordinary organisational
  text (amounts, years, KOSTRA functions, course dates, legal paragraphs). The negative table in
  ``tests/matching/test_personal_data.py`` records what must stay quiet.
- Offsets are Python ``str`` indices (code points). JavaScript counts UTF-16 units, so a client that
  highlights spans must convert them when the text holds characters outside the BMP (emoji).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

BLOCK = "block"
WARN = "warn"

BLOCKING_KINDS = (
    "fodselsnummer",
    "d_nummer",
    "h_nummer",
    "fodselsdato",
    "saksnummer",
    "telefon",
    "epost",
    "adresse",
    "postnummer_sted",
    "navn_alder",
    "navn_adresse",
)
WARNING_KINDS = ("kvasi_identifikator", "ansatt_helse")
KINDS = BLOCKING_KINDS + WARNING_KINDS
IDENTITY_KINDS = ("fodselsnummer", "d_nummer", "h_nummer")


@dataclass(frozen=True)
class Finding:
    """One suspected piece of personal data.

    There is deliberately no field holding the matched text: findings may be logged as kind and
    position only. A caller that must highlight slices ``text[start:end]`` itself.
    """

    kind: str
    start: int
    end: int
    severity: str
    message: str


class _KindInfo(NamedTuple):
    severity: str
    label: str  # Norwegian noun used by describe()
    message: str  # Norwegian sentence stored on the Finding
    advice: str  # what describe() tells the user to do


_REMOVE = "Fjern det før du publiserer."
_GROUP_ADVICE = (
    "Vurder å skrive på gruppenivå, for eksempel «ungdom 13–17 år», «flere familier» eller «i kommunen vår»."
)
_STAFF_ADVICE = "Vurder å skrive samlet, for eksempel «vi har høyt sykefravær» eller «vi mangler kapasitet»."
# Identity-number messages stay neutral: bank account numbers and other 11-digit numbers can pass the
# same mod-11 check (domain.md §7, "Expect false positives").
_KIND_INFO: dict[str, _KindInfo] = {
    "fodselsnummer": _KindInfo(
        BLOCK,
        "fødselsnummer",
        "Teksten ser ut til å inneholde et fødselsnummer (11 siffer med gyldige kontrollsifre).",
        _REMOVE,
    ),
    "d_nummer": _KindInfo(
        BLOCK,
        "D-nummer",
        "Teksten ser ut til å inneholde et D-nummer (11 siffer med gyldige kontrollsifre).",
        _REMOVE,
    ),
    "h_nummer": _KindInfo(
        BLOCK,
        "H-nummer",
        "Teksten ser ut til å inneholde et H-nummer (11 siffer med gyldige kontrollsifre).",
        _REMOVE,
    ),
    "fodselsdato": _KindInfo(BLOCK, "fødselsdato", "Teksten ser ut til å inneholde en fødselsdato.", _REMOVE),
    "saksnummer": _KindInfo(
        BLOCK, "saksnummer", "Teksten ser ut til å inneholde et saks- eller arkivnummer.", _REMOVE
    ),
    "telefon": _KindInfo(BLOCK, "telefonnummer", "Teksten ser ut til å inneholde et telefonnummer.", _REMOVE),
    "epost": _KindInfo(BLOCK, "e-postadresse", "Teksten ser ut til å inneholde en e-postadresse.", _REMOVE),
    "adresse": _KindInfo(BLOCK, "gateadresse", "Teksten ser ut til å inneholde en gateadresse.", _REMOVE),
    "postnummer_sted": _KindInfo(
        BLOCK, "postnummer og sted", "Teksten ser ut til å inneholde et postnummer med stedsnavn.", _REMOVE
    ),
    "navn_alder": _KindInfo(
        BLOCK, "navn og alder", "Teksten ser ut til å inneholde et navn sammen med en alder.", _REMOVE
    ),
    "navn_adresse": _KindInfo(
        BLOCK, "navn og adresse", "Teksten ser ut til å inneholde et navn sammen med en adresse.", _REMOVE
    ),
    "kvasi_identifikator": _KindInfo(
        WARN,
        "opplysninger som sammen kan peke ut en person",
        "Kombinasjonen av alder, kjønn, sted, opprinnelse, diagnose eller plassering kan gjøre et barn "
        "gjenkjennelig. " + _GROUP_ADVICE.replace("Vurder å skrive", "Skriv heller"),
        _GROUP_ADVICE,
    ),
    "ansatt_helse": _KindInfo(
        WARN,
        "helseopplysning om en ansatt",
        "En enkelt rolle sammen med sykmelding, utbrenthet eller oppsigelse kan peke ut en ansatt. "
        + _STAFF_ADVICE.replace("Vurder å skrive", "Skriv heller"),
        _STAFF_ADVICE,
    ),
}

# When two candidates overlap and are equally long, the kind listed first wins.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        (
            "fodselsnummer",
            "d_nummer",
            "h_nummer",
            "navn_adresse",
            "navn_alder",
            "fodselsdato",
            "saksnummer",
            "epost",
            "telefon",
            "adresse",
            "postnummer_sted",
            "kvasi_identifikator",
            "ansatt_helse",
        )
    )
}


def _word_set(words: str) -> frozenset[str]:
    """Word lists are kept as wrapped text so that 300 names stay readable."""
    return frozenset(words.split())


def _finding(kind: str, start: int, end: int) -> Finding:
    info = _KIND_INFO[kind]
    return Finding(kind=kind, start=start, end=end, severity=info.severity, message=info.message)


# ---------------------------------------------------------------------------------------------------
# Shared regex pieces and word lists
# ---------------------------------------------------------------------------------------------------

_SP = "[ \u00a0\u202f]"  # space, no-break space, narrow no-break space (pasted from Word and PDFs)
_UP = "A-ZÆØÅÉÜÖÄ"
_LO = "a-zæøåéüöäáè"
_CAP_WORD = f"[{_UP}][{_LO}]+"

# ~300 common given names in Norway (SSB name statistics, children and adults). Words that are also
# ordinary Norwegian words or month names (Dag, Liv, Vår, Mai, Juni, August, Per, Tom, Tale, Sol, Stein)
# are left out on purpose: they would fire at sentence starts.
_GIVEN_NAMES = _word_set("""
Emma Nora Sofie Sofia Olivia Ella Leah Lea Sara Maja Ingrid Frida Emilie Vilde Hedda Thea Tiril Amalie
Astrid Selma Aurora Ada Anna Hanna Hannah Ida Julie Mia Linnea Mathilde Jenny Iben Ellinor Alma Oline
Signe Sigrid Tuva Live Mille Marie Martine Andrea Camilla Ingeborg Helene Kaja Eline Silje Hilde Kari
Anne Inger Kristin Marit Eli Ragnhild Berit Randi Anita Gunn Elin Tone Monica Monika Hege Heidi Trine
Bente Nina Wenche Mona Lene Kirsten Grete Gro Turid Solveig Torill Ellen Karin Karina Kristine Cecilie
Ane Tonje Marthe Marte Maria Mari Malin Stine Ingvild Guro Julia Emilia Isabella Josefine Victoria
Viktoria Natalie Nathalie Eva Elise Amanda Synne Ronja Madeleine Celine Mina Lilly Lily Luna Agnes Ebba
Othilie Kamilla Ylva Eir Mie Dina Pernille Vilja Ragna Jorunn Bjørg Aud Åse Unni Vigdis Siv Laila
Marianne Linda Lise Siri Sissel Hanne Janne Kjersti Ingunn Irene Torunn Tove Gerd Else Ruth Oda Eira
Alva Ellie Hennie Marielle Helga Margit Gunhild Aase Fatima Amina Aisha Zahra Maryam Yasmin Hiba Sumaya
Hafsa Iman Noor Layla Leila Hawa Ayan Nasra Sahra Jakob Emil Noah Oliver Filip William Lucas Lukas Liam
Henrik Oskar Oscar Aksel Theodor Elias Kasper Magnus Johannes Isak Mathias Matias Tobias Olav Ludvig
Sander Jonas Alexander Aleksander Adrian Markus Sebastian Benjamin Gustav Håkon Haakon Sigurd Martin
Daniel Kristian Andreas Ole Ola Nils Jon Johan Jens Lars Knut Arne Svein Bjørn Geir Terje Tor Trond Odd
Rune Jan Hans Kjell Erik Eirik Espen Morten Thomas Tommy Anders Petter Stian Jørgen Kristoffer
Christoffer Fredrik Marius Vegard Sindre Øyvind Eivind Einar Halvor Torstein Torbjørn Kåre Leif Helge
Rolf Frode Harald Gunnar Ragnar Ivar Iver Vetle Even Mikkel Simen Sondre Jesper Jonathan Julian Aron
Adam Leon Felix Victor Viktor Theo Birk Odin Tore Steinar Roar Ståle Audun Atle Asbjørn Gaute Joakim
Kevin Robin Patrick Rasmus Sivert Mohammad Mohammed Muhammad Mohamed Ali Ahmed Ahmad Omar Yusuf Ibrahim
Mustafa Hassan Hussein Abdi Abdullah Hamza Ismail Karim Yonas David Samuel Gabriel Mikael Michael Ulrik
Herman Peder Edvard Alfred Nikolai Mats Eskil Brage Tage Matheo Mateo Leo Bjarne Sverre Didrik Hugo Carl
Karl Kim Roger Glenn Stig Vidar Oddvar Reidar Olaf Arild Jarle Kenneth Ronny Robert Stefan Steffen
Tormod Sigve Jostein Ketil Kjetil Bård Åsmund Øystein Ørjan Amund Endre Erlend Njål Hallvard Vebjørn
""")

# Capitalised words that are not person names but often stand next to numbers in need texts.
_NON_NAME_WORDS = _word_set("""
Januar Februar Mars April Mai Juni Juli August September Oktober November Desember Mandag Tirsdag Onsdag
Torsdag Fredag Lørdag Søndag Statsforvalteren Statsforvalter Bufdir Bufetat Barneombudet Fylkesnemnda
Helsedirektoratet Udir Nav Barnevernet Barneverntjenesten Barnevernstjenesten Barnevernsloven Kommunen
Kommune Fylkeskommunen Trygghetssirkelen Meo Circle Familieråd Tiltak Kurs Barn Ungdom Unge Familier
Foreldre Ansatte Uke Veke Totalt Ca Kr Prosjektet Tilbudet Kompetansesenteret Senteret Høsten Våren
Vinteren Sommeren Skoleåret Studiet Videreutdanning Kapittel Vedlegg
""")
_PLACE_WORDS = _word_set("""
Nord Sør Vest Øst Midt Norge Norden Sverige Danmark Finland Troms Finnmark Nordland Innlandet Viken
Agder Rogaland Vestland Trøndelag Møre Romsdal Vestfold Telemark Østfold Akershus Buskerud Oslo Bergen
Trondheim Stavanger Kristiansand Tromsø Bodø Alta Harstad Narvik Hammerfest Vadsø Vardø Kirkenes
Lakselv Karasjok Kautokeino Tana Senja Lofoten Vesterålen Finnsnes Sortland Mosjøen Steinkjer Levanger
Namsos Molde Ålesund Kristiansund Lillehammer Hamar Gjøvik Drammen Fredrikstad Sarpsborg Moss Halden
Skien Porsgrunn Arendal Grimstad Haugesund Førde Sogndal Voss Gol Sápmi
""")
_NOT_NAMES = _NON_NAME_WORDS | _PLACE_WORDS

_MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "desember": 12,
    "des": 12,
}

# Number contexts that mean "amount" or "quantity", never a phone number or postcode.
_CURRENCY_BEFORE = re.compile(r"(?i:(?:\bkr|\bnok|\bkroner|€|\$|£)\.?[ \u00a0]*)$")
_UNIT_AFTER = re.compile(
    r"[ \u00a0]*(?i:kr\b|kroner|nok\b|,-|%|prosent|mill|mrd|tusen|timer?\b|t\b|km\b|kvm|m2|stk|"
    r"personer|innbyggere|kommuner|barn\b|elever|ansatte|saker|år\b|dager|uker)"
)
# Labels after which a number is a week, time, page or paragraph ("uke 22 23 24 25", "kl. 1200").
_NUMBER_LABEL_BEFORE = re.compile(
    r"(?i:(?:\b(?:uke|uker|veke|veker|kl|klokka|klokken|side|sidene|s|kapittel|kap|punkt|trinn|klasse|rom)"
    r"\.?|§+)[ \u00a0]*)$"
)


def _has_amount_context(text: str, start: int, end: int) -> bool:
    before = _CURRENCY_BEFORE.search(text, max(0, start - 10), start)
    return bool(before or _UNIT_AFTER.match(text, end))


def _has_number_label(text: str, start: int) -> bool:
    return bool(_NUMBER_LABEL_BEFORE.search(text, max(0, start - 12), start))


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2099


def _plausible_date(day: int, month: int, year: int) -> bool:
    """True for a real calendar date; a two-digit year counts as leap when divisible by 4."""
    if not 1 <= month <= 12 or day < 1:
        return False
    full_year = year if year >= 100 else 2000 + year  # 00 → 2000, a leap year, so "yy % 4 == 0" holds
    return day <= calendar.monthrange(full_year, month)[1]


def _previous_word(text: str, pos: int) -> str | None:
    match = re.search(r"([\w.]+)[^\w]*$", text[max(0, pos - 40) : pos])
    return match.group(1) if match else None


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \u00a0\t«\"'(")
    return not before or before[-1] in ".!?:;\n•*-–—"


# ---------------------------------------------------------------------------------------------------
# Identity numbers: fødselsnummer, D-number, H-number
# ---------------------------------------------------------------------------------------------------

# The first weight list includes a trailing 1 for k1 itself, the second a trailing 1 for k2. A number
# passes when the weighted sums leave the allowed remainders mod 11. "k = 11 − (sum mod 11), 11 → 0,
# 10 → invalid" is the same rule written as "sum including the check digit ≡ 0 (mod 11)".
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
# From 1 January 2032 the first sum may leave 0, 1, 2 or 3 (domain.md §7). The current rule (0 only)
# is a subset, so one test accepts numbers valid under either rule.
_K1_REMAINDERS = {"current": (0,), "2032": (1, 2, 3)}
_ACCEPTED_K1_REMAINDERS = frozenset((0, 1, 2, 3))


def _weighted_remainder(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11


def identity_number_kind(digits: str) -> str | None:
    """Classify eleven digits as ``"fodselsnummer"``, ``"d_nummer"``, ``"h_nummer"`` or ``None``.

    The date part must be a plausible day and month (D-numbers add 40 to the day, H-numbers 40 to the
    month); the century is not checked. The check digits must hold under the current rule or the
    2032 rule. Formatting such as spaces or hyphens is the caller's job: pass exactly 11 ASCII digits.
    """
    if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):
        return None
    if _weighted_remainder(digits[:10], _W1) not in _ACCEPTED_K1_REMAINDERS:
        return None
    if _weighted_remainder(digits, _W2) != 0:
        return None
    return _identity_date_kind(int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))


def _identity_date_kind(day: int, month: int, year: int) -> str | None:
    kind = "fodselsnummer"
    if day > 40:
        day, kind = day - 40, "d_nummer"
    if month > 40:
        if kind == "d_nummer":  # both shifts at once is not a scheme that exists
            return None
        month, kind = month - 40, "h_nummer"
    return kind if _plausible_date(day, month, year) else None


def synthetic_identity_number(
    birth_date: date, individual: int, *, kind: str = "fodselsnummer", rule: str = "current"
) -> str:
    """Build a checksum-valid synthetic number for tests and factories.

    ``rule="current"`` gives the only possible first check digit; it raises :class:`ValueError` when
    that digit would be 10. ``rule="2032"`` picks the first check digit that leaves remainder 1, 2 or 3
    (so the result is valid *only* under the 2032 rule, which is what a test needs). Either rule raises
    :class:`ValueError` when the second check digit would be 10.
    """
    if kind not in IDENTITY_KINDS:
        raise ValueError(f"Unknown identity-number kind: {kind!r}")
    if rule not in _K1_REMAINDERS:
        raise ValueError(f"Unknown check-digit rule: {rule!r}")
    if not 0 <= individual <= 999:
        raise ValueError("The individual number must be between 0 and 999.")
    day = birth_date.day + (40 if kind == "d_nummer" else 0)
    month = birth_date.month + (40 if kind == "h_nummer" else 0)
    base = f"{day:02d}{month:02d}{birth_date.year % 100:02d}{individual:03d}"
    for remainder in _K1_REMAINDERS[rule]:
        k1 = (remainder - _weighted_remainder(base, _W1)) % 11
        k2 = -_weighted_remainder(f"{base}{k1}", _W2) % 11
        if k1 < 10 and k2 < 10:
            return f"{base}{k1}{k2}"
    raise ValueError(f"Individual number {individual} gives an invalid check digit (10) for this date.")


# Eleven digits, optionally "DDMMYY NNNNN" or "DDMMYY-NNNNN". Bank accounts written "NNNN.NN.NNNNN" or
# "NNNN NN NNNNN" never match, because the only separator allowed is the one after the date.
_IDENTITY_NUMBER = re.compile(
    rf"(?<![\w.,/+])(?<!\d{_SP})(?<!\d-)(?P<date>\d{{6}})(?:{_SP}|[-\u2011])?(?P<rest>\d{{5}})"
    rf"(?!\w)(?!{_SP}?\d)(?![.,-]\d)"
)


def _find_identity_numbers(text: str) -> Iterator[Finding]:
    for m in _IDENTITY_NUMBER.finditer(text):
        kind = identity_number_kind(m["date"] + m["rest"])
        if kind:
            yield _finding(kind, m.start(), m.end())


# ---------------------------------------------------------------------------------------------------
# Dates of birth
# ---------------------------------------------------------------------------------------------------

_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<d1>\d{1,2})[./-](?P<m1>\d{1,2})[./-](?P<y1>\d{4}|\d{2})"  # 12.03.2015, 12.03.15, 1/4-16
    r"|(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{2})-(?P<d2>\d{2})"  # 2015-03-12
    rf"|(?P<d3>\d{{1,2}})\.?{_SP}+(?P<m3>(?i:{_MONTH_WORDS}))\.?{_SP}+(?P<y3>\d{{4}})"  # 3. mars 2015
    r"|(?P<d4>\d{2})(?P<m4>\d{2})(?P<y4>(?:19|20)\d{2}|\d{2})"  # 120315, 12032015 (only after a cue)
    r")(?!\w)(?![./]\d)"
)
# A birth word directly before the date. "født i Tromsø 12.03.2015" and "født den 12.03.2015" pass;
# "født etter 01.01.2010" (an eligibility rule) does not. "f." must touch the date, so "f.eks." never
# counts.
_BIRTH_CUE_BEFORE = re.compile(
    r"(?:(?<!\w)(?i:(?:ny)?født|fødd|fødselsdato|fødselsdag|f\.dato|fdato|f\.d\.)"
    rf"(?:[\s:]+(?i:i|på){_SP}+[{_UP}][\w-]*)?(?:[\s:]+(?i:den|d\.))?"
    r"|(?<![\w.])(?i:f)\.)[\s:,]*$"
)


def _date_parts(m: re.Match[str]) -> tuple[int, int, int]:
    if m["d1"]:
        return int(m["d1"]), int(m["m1"]), int(m["y1"])
    if m["y2"]:
        return int(m["d2"]), int(m["m2"]), int(m["y2"])
    if m["d3"]:
        return int(m["d3"]), _MONTHS[m["m3"].lower()], int(m["y3"])
    return int(m["d4"]), int(m["m4"]), int(m["y4"])


def _find_birth_dates(text: str) -> Iterator[Finding]:
    for m in _DATE.finditer(text):
        has_cue = _BIRTH_CUE_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if has_cue and _plausible_date(*_date_parts(m)):
            yield _finding("fodselsdato", m.start(), m.end())


# ---------------------------------------------------------------------------------------------------
# Case and archive numbers
# ---------------------------------------------------------------------------------------------------

# "22/18469-1", "2022/18469". The lookarounds reject chains such as the KOSTRA functions "244/251/252".
_CASE_NUMBER = re.compile(
    r"(?<![\w/.,-])(?P<year>(?:19|20)\d{2}|\d{2})/(?P<seq>\d{3,6})(?P<suffix>-\d+)?(?![\w/])(?![.,]\d)(?!\s*%)"
)
_CASE_CUE = re.compile(
    r"(?i:\b(?:saks(?:nummer|nr)|saks-nr|sak\s+nr|arkivsak(?:snummer|snr|-?id)?|arkivnr"
    r"|journal(?:post)?(?:nummer|nr|-?id)|jnr|(?:vår|deres)\s+ref(?:eranse)?))\b"
    r"\.?(?:\s*(?i:nr|nummer)\.?)?[\s:#.]*(?P<number>\d(?:[\d/-]*\d)?)(?![\w/])"
)


def _is_case_number(m: re.Match[str]) -> bool:
    if m["suffix"]:
        return True
    year, seq = m["year"], m["seq"]
    if _looks_like_year(seq) and (len(year) == 4 or int(year) <= 12):
        return False  # "skoleåret 2023/2024", "oppstart 08/2024"
    return seq not in ("100", "1000")  # "20/100 stilling" is a fraction


def _find_case_numbers(text: str) -> Iterator[Finding]:
    for m in _CASE_NUMBER.finditer(text):
        if _is_case_number(m):
            yield _finding("saksnummer", m.start(), m.end())
    for m in _CASE_CUE.finditer(text):
        if sum(ch.isdigit() for ch in m["number"]) >= 3:
            yield _finding("saksnummer", m.start("number"), m.end("number"))


# ---------------------------------------------------------------------------------------------------
# Phone numbers and e-mail addresses
# ---------------------------------------------------------------------------------------------------

_PHONE = re.compile(
    rf"(?<![\w+.,/])(?<!\d{_SP})(?P<prefix>(?:\+|00)47{_SP}?)?"
    rf"(?P<body>[2-9]\d{{7}}|[2-9]\d\d{_SP}\d\d{_SP}\d{{3}}|[2-9]\d{_SP}\d\d{_SP}\d\d{_SP}\d\d"
    rf"|[2-9]\d{{3}}{_SP}\d{{4}})"
    rf"(?!\w)(?!{_SP}?\d)(?![.,]\d)"
)
_PHONE_CUE_BEFORE = re.compile(
    r"(?i:\b(?:tlf|tel|telefon\w*|mobil\w*|mob|ring\w*|sms|nås|kontakt\w*)\b(?:[\s:.]+\w+){0,2}?[\s:.]*)$"
)
_CLEAR_PHONE_GROUPS = ([3, 2, 3], [2, 2, 2, 2])  # "912 34 567", "91 23 45 67"


def _is_phone_number(text: str, m: re.Match[str]) -> bool:
    if m["prefix"]:
        return True
    if _has_amount_context(text, m.start(), m.end()) or _has_number_label(text, m.start()):
        return False
    if _PHONE_CUE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return True
    groups = [len(group) for group in re.split(_SP, m["body"])]
    if groups in _CLEAR_PHONE_GROUPS:
        return True
    # Unformatted: only Norwegian mobile ranges (4xx, 9xx) are likely enough to flag without a cue.
    return groups == [8] and m["body"][0] in "49"


def _find_phone_numbers(text: str) -> Iterator[Finding]:
    for m in _PHONE.finditer(text):
        if _is_phone_number(text, m):
            yield _finding("telefon", m.start(), m.end())


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def _find_emails(text: str) -> Iterator[Finding]:
    for m in _EMAIL.finditer(text):
        yield _finding("epost", m.start(), m.end())


# ---------------------------------------------------------------------------------------------------
# Street addresses, postcodes, and names next to them
# ---------------------------------------------------------------------------------------------------

_STREET_SUFFIXES = (
    "veien|vegen|gata|gaten|gate|vei|veg|stien|plassen|alléen|allé|bakken|svingen|tunet|løkka|lia"
)
_STREET = (
    rf"[{_UP}][{_LO}]+(?:-[{_UP}{_LO}][{_LO}]+)*?(?:{_STREET_SUFFIXES})"  # Storgata, Kirkeveien
    rf"|(?:[{_UP}][\w.'’-]*{_SP}+){{1,3}}(?:gate|gata|gaten|vei|veien|veg|vegen|allé|plass)"  # Olav Vs gate
)
_ADDRESS = re.compile(
    rf"(?<![\w-])(?P<street>{_STREET}){_SP}+(?P<number>\d{{1,3}}(?:[A-Za-z]|{_SP}[A-H])?)(?!\w)(?![.,]?\d)"
)
# Words ending in "-lia" or "-gate" that are countries or names, not streets.
_NOT_STREETS = _word_set(
    "Italia Australia Somalia Mongolia Anatolia Sicilia Familia Julia Emilia Cecilia Amalia Natalia "
    "Ofelia Cornelia Thalia Aurelia"
)
# A given name (optionally with surname) or "familien X" right before an address.
_NAME_BEFORE_ADDRESS = re.compile(
    rf"(?<!\w)(?:(?P<first>{_CAP_WORD})(?:{_SP}+{_CAP_WORD})?|(?i:familien|fam\.){_SP}+{_CAP_WORD})"
    rf"(?:,{_SP}*|{_SP}+(?:(?:som{_SP}+)?(?:bor|bur){_SP}+)?(?:(?:i|på){_SP}+)?)$"
)


def _find_addresses(text: str) -> Iterator[Finding]:
    for m in _ADDRESS.finditer(text):
        if m["street"] in _NOT_STREETS or _UNIT_AFTER.match(text, m.end()):
            continue  # "Italia 12", "Solbakken 3 år"
        name = _NAME_BEFORE_ADDRESS.search(text, max(0, m.start() - 60), m.start())
        if name and (name["first"] is None or name["first"] in _GIVEN_NAMES):
            yield _finding("navn_adresse", name.start(), m.end())
        else:
            yield _finding("adresse", m.start(), m.end())


_POSTCODE_PLACE = re.compile(
    rf"(?<![\w.,/-])(?<!\d{_SP})(?P<code>\d{{4}}){_SP}+"
    rf"(?P<place>{_CAP_WORD}(?:-{_CAP_WORD})?(?:{_SP}i{_SP}{_CAP_WORD})?)(?![\w-])"
)
_HOUSE_NUMBER_BEFORE = re.compile(rf"\d[A-Za-z]?,?{_SP}*$")


def _is_postcode_place(text: str, m: re.Match[str]) -> bool:
    if m["place"].split()[0] in _NON_NAME_WORDS:
        return False
    if _has_number_label(text, m.start()) or _has_amount_context(text, m.start(), m.start("code") + 4):
        return False
    if _looks_like_year(m["code"]):
        # "2024 Tromsø kommune" is a year; a year-like postcode (2000 Lillestrøm) counts after an address.
        return bool(_HOUSE_NUMBER_BEFORE.search(text, max(0, m.start() - 6), m.start()))
    return True


def _find_postcodes(text: str) -> Iterator[Finding]:
    for m in _POSTCODE_PLACE.finditer(text):
        if _is_postcode_place(text, m):
            yield _finding("postnummer_sted", m.start(), m.end())


# ---------------------------------------------------------------------------------------------------
# Names with ages
# ---------------------------------------------------------------------------------------------------

_KIN_WORDS = _word_set("""
jenta jenten gutten guten barnet sønnen sonen datteren dattera dottera ungdommen eleven babyen broren
bror søsteren søster lillebror lillesøster storebror storesøster halvbroren halvsøsteren fosterbarnet
fostersønnen fosterdatteren tvillingen mor moren mora far faren barnebarnet pasienten klienten
""")
_PLACE_PREPOSITIONS = _word_set("i fra frå til på ved mot nær rundt utenfor innen langs gjennom via")

_NAME_THEN_AGE = re.compile(
    rf"(?<![\w-])(?P<name>{_CAP_WORD})(?:{_SP}+(?P<last>{_CAP_WORD}))?"
    rf"(?:{_SP}*\((?P<paren>\d{{1,2}})(?:{_SP}*år)?\)"  # Emma (7), Lukas (9 år)
    rf"|,?{_SP}+(?:(?:på|er|som{_SP}+er){_SP}+)?\d{{1,2}}(?:{_SP}*år\b|-åring(?:en)?\b))"  # Ola, 14 år
    r"(?![–-]\d)"
)
_AGE_THEN_NAME = re.compile(
    rf"(?<![\w–-])\d{{1,2}}(?:{_SP}*år{_SP}+gaml[ae]|-årig[ea]?|-åringen){_SP}+(?P<name>{_CAP_WORD})"
)


def _is_person_name(text: str, start: int, name: str, last: str | None, *, strict: bool) -> bool:
    """Decide whether a capitalised word before an age is a person's given name.

    Listed names always count. Other capitalised words count only mid-sentence, not after a place
    preposition ("i Tromsø, 3 år") and not inside a run of capitalised words (titles such as
    "Trygg Oppvekst"). ``strict`` forms such as "(7)" and surname pairs need a kinship word before them.
    """
    if name in _NOT_NAMES or (last is not None and last in _NOT_NAMES):
        return False
    if name in _GIVEN_NAMES:
        return True
    previous = _previous_word(text, start)
    if previous is not None and previous.lower() in _KIN_WORDS:
        return True
    if strict or previous is None or _at_sentence_start(text, start):
        return False
    return previous.lower() not in _PLACE_PREPOSITIONS and not previous[:1].isupper()


def _find_names_with_age(text: str) -> Iterator[Finding]:
    for m in _NAME_THEN_AGE.finditer(text):
        strict = m["paren"] is not None or m["last"] is not None
        if _is_person_name(text, m.start(), m["name"], m["last"], strict=strict):
            yield _finding("navn_alder", m.start(), m.end())
    for m in _AGE_THEN_NAME.finditer(text):
        if m["name"] not in _NOT_NAMES:
            yield _finding("navn_alder", m.start(), m.end())


# ---------------------------------------------------------------------------------------------------
# Warnings: quasi-identifiers about a child, health information about a staff member
# ---------------------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(rf"[.!?]+(?=\s+[{_UP}0-9«\"])|\n")

# Each category is one kind of quasi-identifier. Ages are singular ages ("14 år gammel", "en 14-åring"),
# never ranges like "13–17 år", which is the group-level wording we recommend.
_QUASI_CATEGORIES: dict[str, re.Pattern[str]] = {
    "age": re.compile(
        rf"\b\d{{1,2}}{_SP}*år{_SP}+gam(?:mel|mal|le|la)\b|\b\d{{1,2}}-åring(?:en)?\b|\b\d{{1,2}}-årig[ea]?\b"
        rf"|\b(?:på|er){_SP}+\d{{1,2}}{_SP}*år\b(?!{_SP}*[–-])"
    ),
    "sex": re.compile(
        r"(?i:\b(?:gutt|gutten|gut|guten|jente|jenta|jenten|pike|piken|sønn|sønnen|son|sonen|datter|datteren"
        r"|dattera|dotter|dottera)\b)"
    ),
    "origin": re.compile(
        rf"\b(?:fra|frå){_SP}+(?!(?:{'|'.join(sorted(_NON_NAME_WORDS))})\b){_CAP_WORD}"
        r"|(?i:\b(?:syrisk|afghansk|eritreisk|somalisk|ukrainsk|irakisk|iransk|sudanesisk|etiopisk|kurdisk|polsk"
        r"|litauisk|rumensk|palestinsk|samisk|kvensk|flyktning|asylsøker|enslig\s+mindreårig)\w*)"
    ),
    "small_place": re.compile(
        r"(?i:\b(?:bygda|bygdå|grenda|øya|tettstedet|vår lille kommune|en liten kommune))"
        rf"|\blille{_SP}+{_CAP_WORD}"
    ),
    "diagnosis": re.compile(
        r"\b(?:ADHD|FAS|FASD|PTSD)\b|(?i:\b(?:autisme\w*|autismespekter\w*|diagnos\w*|tourette\w*|psykose\w*"
        r"|depresjon\w*|spiseforstyrr\w*|epilepsi|downs?\s+syndrom|cerebral\s+parese))"
    ),
    "placement": re.compile(
        r"(?i:\b(?:fosterhjem\w*|beredskapshjem\w*|barnevernsinstitusjon\w*|institusjon\w*|omsorgssenter\w*"
        r"|bofellesskap\w*|akuttplass\w*|plassert|omsorgsovertakelse\w*|besøkshjem\w*|tvangsplasser\w*))"
    ),
}

_SINGLE_ROLE = re.compile(
    r"(?i:\b(?:vår|vårt|den)\s+eneste\s+\w+|\beneste\s+\w+"
    r"|\b(?:team|avdelings|fag|seksjons|barnevern|barneverns|enhets|kontor|nest)?leder(?:en)?\b"
    r"|\b(?:fag)?koordinator(?:en)?\b|\b(?:saksbehandler|jurist|psykolog|merkantil|konsulent|rådgiver"
    r"|veileder|sekretær|miljøterapeut|familieterapeut|barnevernspedagog|sosionom)(?:en)?\b)"
)
_STAFF_ABSENCE = re.compile(
    r"(?i:\b(?:langtids)?syke?meldt\b|\bsjukmeld[td]\b|\butbrent\b|\bgått\s+ned\s+med\b|\bsagt\s+opp\b"
    r"|\bslutter\b|\bsluttet\b|\bi\s+sykepermisjon\b)"
)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        yield start, m.end()
        start = m.end()
    yield start, len(text)


def _find_quasi_identifiers(text: str) -> Iterator[Finding]:
    """Warn when one sentence singles out a child by combining quasi-identifiers.

    A singular age or a singular sex word ("en gutt", "jenta") plus at least one more category
    ("fra Syria", "i fosterhjem", "ADHD") can identify a child in a small municipality.
    """
    for start, end in _sentences(text):
        hits = {name: pattern.search(text, start, end) for name, pattern in _QUASI_CATEGORIES.items()}
        found = [m for m in hits.values() if m]
        if (hits["age"] or hits["sex"]) and len(found) >= 2:
            yield _finding("kvasi_identifikator", min(m.start() for m in found), max(m.end() for m in found))


def _find_staff_health(text: str) -> Iterator[Finding]:
    """Warn when a singular role and sick leave, burnout or resignation share a sentence."""
    for start, end in _sentences(text):
        role = _SINGLE_ROLE.search(text, start, end)
        absence = role and _STAFF_ABSENCE.search(text, start, end)
        if role and absence:
            yield _finding("ansatt_helse", min(role.start(), absence.start()), max(role.end(), absence.end()))


# ---------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------

_DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    _find_identity_numbers,
    _find_birth_dates,
    _find_case_numbers,
    _find_phone_numbers,
    _find_emails,
    _find_addresses,
    _find_postcodes,
    _find_names_with_age,
    _find_quasi_identifiers,
    _find_staff_health,
)


def _resolve_overlaps(candidates: Iterable[Finding]) -> list[Finding]:
    """Keep non-overlapping findings: blocking before warning, then longer, then the more specific kind."""
    ranked = sorted(
        candidates, key=lambda f: (f.severity != BLOCK, -(f.end - f.start), _PRIORITY[f.kind], f.start)
    )
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def scan(text: str) -> list[Finding]:
    """Find suspected personal data in ``text``, sorted by position and never overlapping."""
    if not text:
        return []
    return _resolve_overlaps(finding for detector in _DETECTORS for finding in detector(text))


def scan_fields(fields: Mapping[str, str]) -> dict[str, list[Finding]]:
    """Scan several form fields; only fields with at least one finding appear in the result."""
    results = {name: scan(value or "") for name, value in fields.items()}
    return {name: findings for name, findings in results.items() if findings}


def has_blocking(findings: Iterable[Finding]) -> bool:
    """True when any finding must stop the need from being stored or published."""
    return any(finding.severity == BLOCK for finding in findings)


def describe(
    fields_findings: Mapping[str, list[Finding]], field_labels: Mapping[str, str] | None = None
) -> list[str]:
    """Norwegian sentences naming what was found and where, e.g.
    ``"Beskrivelse: fødselsnummer (tegn 41–51). Fjern det før du publiserer."``

    Positions are 1-based and inclusive, as a user counts characters. The found text itself is never
    repeated, so these sentences are safe to show, log or e-mail.
    """
    labels = field_labels or {}
    sentences = []
    for field, findings in fields_findings.items():
        label = labels.get(field, field)
        for finding in findings:
            info = _KIND_INFO[finding.kind]
            sentences.append(f"{label}: {info.label} (tegn {finding.start + 1}–{finding.end}). {info.advice}")
    return sentences
