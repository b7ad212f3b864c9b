"""Tests for the personal-data guard (matching/personal_data.py, docs/domain.md §7).

Every identity number here is synthetic: built with ``synthetic_identity_number`` or with the
reference check-digit helper below. Never paste a real-looking number into this file.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from matching.personal_data import (
    BLOCK,
    IDENTITY_KINDS,
    KINDS,
    WARN,
    Finding,
    describe,
    has_blocking,
    identity_number_kind,
    scan,
    scan_fields,
    synthetic_identity_number,
)

# --------------------------------------------------------------------------------------------------
# Reference implementation of the check digits, written straight from the textbook formula so that
# the module is checked against something other than itself.
# --------------------------------------------------------------------------------------------------

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return None if k == 10 else (0 if k == 11 else k)


def reference_valid_current(number: str) -> bool:
    k1 = _control_digit(number[:9], W1)
    if k1 is None or int(number[9]) != k1:
        return False
    return _control_digit(number[:10], W2) == int(number[10])


def reference_valid_2032(number: str) -> bool:
    first = sum(int(d) * w for d, w in zip(number[:10], (*W1, 1), strict=True)) % 11
    return first in (0, 1, 2, 3) and _control_digit(number[:10], W2) == int(number[10])


def with_check_digits(nine: str) -> str | None:
    """Append current-rule check digits to nine digits, or None when a check digit would be 10."""
    k1 = _control_digit(nine, W1)
    k2 = None if k1 is None else _control_digit(f"{nine}{k1}", W2)
    return None if k2 is None else f"{nine}{k1}{k2}"


def checksum_valid_with_date(date_part: str) -> str:
    """A number whose check digits are right for ``date_part`` (DDMMYY), whatever that date is."""
    for individual in range(1000):
        number = with_check_digits(f"{date_part}{individual:03d}")
        if number:
            return number
    raise AssertionError("no individual number gives valid check digits")  # pragma: no cover


def first_synthetic(birth: date, *, kind: str = "fodselsnummer", rule: str = "current") -> str:
    """The first usable synthetic number for ``birth`` (some individual numbers give k = 10)."""
    for individual in range(1000):
        try:
            return synthetic_identity_number(birth, individual, kind=kind, rule=rule)
        except ValueError:
            continue
    raise AssertionError("no usable individual number")  # pragma: no cover


def found(text: str) -> list[tuple[str, str]]:
    """(kind, matched substring) for every finding, in order."""
    return [(f.kind, text[f.start : f.end]) for f in scan(text)]


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2039, 12, 31))
individuals = st.integers(min_value=0, max_value=999)
rules = st.sampled_from(["current", "2032"])
identity_kinds = st.sampled_from(IDENTITY_KINDS)


def _generate(data: st.DataObject) -> tuple[str, str, str]:
    """Draw (number, kind, rule), skipping individual numbers whose check digit would be 10."""
    birth, individual = data.draw(dates), data.draw(individuals)
    kind, rule = data.draw(identity_kinds), data.draw(rules)
    try:
        return synthetic_identity_number(birth, individual, kind=kind, rule=rule), kind, rule
    except ValueError:
        assume(False)  # about 2 in 11 individual numbers are unusable for a given date
        raise


FORMATS = {
    "compact": lambda n: n,
    "space": lambda n: f"{n[:6]} {n[6:]}",
    "hyphen": lambda n: f"{n[:6]}-{n[6:]}",
}


# --------------------------------------------------------------------------------------------------
# Identity numbers
# --------------------------------------------------------------------------------------------------


class TestIdentityNumberKind:
    @pytest.mark.parametrize("kind", IDENTITY_KINDS)
    @pytest.mark.parametrize(
        ("rule", "valid_now", "valid_2032"), [("current", True, True), ("2032", False, True)]
    )
    def test_generated_numbers_are_recognised_under_each_rule(self, kind, rule, valid_now, valid_2032):
        number = first_synthetic(date(2016, 2, 29), kind=kind, rule=rule)
        assert reference_valid_current(number) is valid_now
        assert reference_valid_2032(number) is valid_2032
        assert identity_number_kind(number) == kind

    @settings(max_examples=300, deadline=None)
    @given(data=st.data())
    def test_every_generated_number_is_detected_in_every_format(self, data):
        number, kind, _rule = _generate(data)
        written = FORMATS[data.draw(st.sampled_from(sorted(FORMATS)))](number)
        text = f"Nummeret {written} sto i notatet."
        assert identity_number_kind(number) == kind
        assert found(text) == [(kind, written)]

    @settings(max_examples=200, deadline=None)
    @given(data=st.data())
    def test_altering_any_single_digit_is_never_reported_as_valid(self, data):
        number, _kind, _rule = _generate(data)
        for position in range(11):
            for digit in "0123456789":
                if digit == number[position]:
                    continue
                altered = f"{number[:position]}{digit}{number[position + 1 :]}"
                if not (reference_valid_current(altered) or reference_valid_2032(altered)):
                    assert identity_number_kind(altered) is None, (position, digit)
                # The second check digit is unchanged by the 2032 rule and catches every single-digit
                # error (weights 1–7 and a digit change 1–9 are never ≡ 0 mod 11), so all must fail.
                assert identity_number_kind(altered) is None

    @settings(max_examples=500, deadline=None)
    @given(birth=dates, tail=st.text(alphabet="0123456789", min_size=5, max_size=5))
    def test_checksum_agrees_with_reference_for_arbitrary_digits(self, birth, tail):
        number = f"{birth:%d%m%y}{tail}"
        expected = reference_valid_current(number) or reference_valid_2032(number)
        assert (identity_number_kind(number) is not None) is expected

    def test_look_alike_with_wrong_check_digit_is_not_reported(self):
        for individual in range(100, 130):
            try:
                number = synthetic_identity_number(date(2011, 7, 19), individual)
            except ValueError:
                continue
            wrong = number[:10] + str((int(number[10]) + 1) % 10)
            assert identity_number_kind(wrong) is None
            assert found(f"Nummer: {wrong}.") == []

    @pytest.mark.parametrize(
        "date_part",
        [
            pytest.param("310215", id="31-february"),
            pytest.param("300216", id="30-february-leap-year"),
            pytest.param("290215", id="29-february-non-leap"),
            pytest.param("311115", id="31-november"),
            pytest.param("011315", id="month-13"),
            pytest.param("010015", id="month-0"),
            pytest.param("000115", id="day-0"),
            pytest.param("720115", id="d-number-day-32"),
            pytest.param("015315", id="h-number-month-13"),
            pytest.param("414115", id="d-and-h-at-once"),
        ],
    )
    def test_impossible_dates_are_not_reported_even_with_valid_check_digits(self, date_part):
        number = checksum_valid_with_date(date_part)
        assert reference_valid_current(number)
        assert identity_number_kind(number) is None
        assert found(f"Se {number} i notatet.") == []

    @pytest.mark.parametrize(
        ("date_part", "kind"),
        [
            ("290216", "fodselsnummer"),
            ("290200", "fodselsnummer"),
            ("690216", "d_nummer"),
            ("294216", "h_nummer"),
            ("311299", "fodselsnummer"),
            ("711212", "d_nummer"),
        ],
    )
    def test_boundary_dates_are_accepted(self, date_part, kind):
        assert identity_number_kind(checksum_valid_with_date(date_part)) == kind

    @pytest.mark.parametrize(
        "value", ["1203151236", "120315123690", "12031512a69", "١٢٠٣١٥١٢٣٦٩", "", "120315 12369"]
    )
    def test_anything_but_eleven_ascii_digits_is_rejected(self, value):
        assert identity_number_kind(value) is None


class TestSyntheticIdentityNumber:
    def test_raises_exactly_when_a_check_digit_would_be_ten(self):
        raised = 0
        for individual in range(1000):
            expected = with_check_digits(f"150387{individual:03d}")
            try:
                assert synthetic_identity_number(date(1987, 3, 15), individual) == expected
            except ValueError:
                assert expected is None
                raised += 1
        assert 100 < raised < 300  # about 2 in 11 individual numbers are unusable

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"individual": 1000},
            {"individual": -1},
            {"individual": 5, "kind": "x_nummer"},
            {"individual": 5, "rule": "2040"},
        ],
    )
    def test_rejects_bad_arguments(self, kwargs):
        with pytest.raises(ValueError):
            synthetic_identity_number(date(2001, 1, 1), **kwargs)

    def test_d_and_h_numbers_shift_day_and_month_by_forty(self):
        d = synthetic_identity_number(date(2014, 5, 9), 220, kind="d_nummer")
        h = synthetic_identity_number(date(2014, 5, 9), 220, kind="h_nummer")
        assert (d[:6], h[:6]) == ("490514", "094514")


class TestIdentityNumberFormatting:
    @pytest.fixture
    def numbers(self) -> list[str]:
        result = []
        for individual in range(300, 340):
            for kind in IDENTITY_KINDS:
                try:
                    result.append(synthetic_identity_number(date(2013, 10, 24), individual, kind=kind))
                except ValueError:
                    continue
        return result

    @pytest.mark.parametrize(
        "as_account",
        [lambda n: f"{n[:4]}.{n[4:6]}.{n[6:]}", lambda n: f"{n[:4]} {n[4:6]} {n[6:]}"],
        ids=["dots", "spaces"],
    )
    def test_bank_account_formatting_is_not_reported(self, numbers, as_account):
        for number in numbers:
            text = f"Tilskuddet betales til konto {as_account(number)} innen fristen."
            assert found(text) == [], number

    def test_identity_number_is_not_also_reported_as_phone_or_date(self, numbers):
        for number in numbers:
            text = f"Tlf. født {number}"
            assert [kind for kind, _ in found(text)] == [identity_number_kind(number)]

    def test_digits_inside_longer_numbers_are_not_reported(self, numbers):
        for number in numbers:
            assert found(f"Referanse 9{number} og {number}8.") == []


# --------------------------------------------------------------------------------------------------
# Other detectors: positives with exact spans
# --------------------------------------------------------------------------------------------------

POSITIVES = [
    # Case and archive numbers
    ("Se sak 22/18469-1 for bakgrunn.", [("saksnummer", "22/18469-1")]),
    ("Dette gjelder arkivsak 2022/18469.", [("saksnummer", "2022/18469")]),
    ("Saksnr. 12345 er avsluttet.", [("saksnummer", "12345")]),
    ("Vår ref.: 23/4567-12", [("saksnummer", "23/4567-12")]),
    ("Viser til saksnummer: 2023/4567.", [("saksnummer", "2023/4567")]),
    ("Journalpost-id 987654 ligger i arkivet.", [("saksnummer", "987654")]),
    # Phone numbers
    ("Ring meg på 912 34 567 etter lunsj.", [("telefon", "912 34 567")]),
    ("Mobil: 91 23 45 67", [("telefon", "91 23 45 67")]),
    ("tlf. 91234567", [("telefon", "91234567")]),
    ("Tlf.nr. 55123456", [("telefon", "55123456")]),
    ("Kontakt +47 912 34 567 for mer informasjon.", [("telefon", "+47 912 34 567")]),
    ("Nummeret er 0047 91234567.", [("telefon", "0047 91234567")]),
    ("Skriv til +4791234567 i kveld.", [("telefon", "+4791234567")]),
    ("Sentralbordet svarer på 22 12 34 56.", [("telefon", "22 12 34 56")]),
    ("Telefon 2212 3456", [("telefon", "2212 3456")]),
    ("Send sms til 41234567.", [("telefon", "41234567")]),
    ("Fosterforelderen kan nås på 48123456.", [("telefon", "48123456")]),
    ("Ring 912 34 567 eller 98 76 54 32.", [("telefon", "912 34 567"), ("telefon", "98 76 54 32")]),
    # E-mail
    ("Send CV til ola.nordmann@example.no.", [("epost", "ola.nordmann@example.no")]),
    ("Kopi til kari+barnevern@kommune.example.com", [("epost", "kari+barnevern@kommune.example.com")]),
    # Addresses and postcodes
    ("Familien bor i Storgata 12.", [("adresse", "Storgata 12")]),
    ("Møtet er i Kirkeveien 5B.", [("adresse", "Kirkeveien 5B")]),
    ("Hun bor i Olav Tryggvasons gate 24.", [("adresse", "Olav Tryggvasons gate 24")]),
    ("Adressen er Solbakken 3 A.", [("adresse", "Solbakken 3 A")]),
    ("Besøk på Fjellstien 14 i går.", [("adresse", "Fjellstien 14")]),
    ("Elvegata 7, 9008 Tromsø", [("adresse", "Elvegata 7"), ("postnummer_sted", "9008 Tromsø")]),
    ("Storgata 12, 2000 Lillestrøm", [("adresse", "Storgata 12"), ("postnummer_sted", "2000 Lillestrøm")]),
    ("Postadresse: 8006 Bodø", [("postnummer_sted", "8006 Bodø")]),
    ("Flyttet til 8622 Mo i Rana.", [("postnummer_sted", "8622 Mo i Rana")]),
    # Names with addresses
    ("Ola Hansen, Storgata 12", [("navn_adresse", "Ola Hansen, Storgata 12")]),
    ("Vi besøkte familien Hansen i Kirkeveien 5.", [("navn_adresse", "familien Hansen i Kirkeveien 5")]),
    ("Emma bor i Fjellveien 3.", [("navn_adresse", "Emma bor i Fjellveien 3")]),
    # Names with ages
    ("Emma (7) trenger ny skoleplass.", [("navn_alder", "Emma (7)")]),
    ("Ola, 14 år, har vært i kontakt med oss.", [("navn_alder", "Ola, 14 år")]),
    ("Saken gjelder jenta Sara på 12 år.", [("navn_alder", "Sara på 12 år")]),
    ("14 år gamle Jonas flytter snart.", [("navn_alder", "14 år gamle Jonas")]),
    ("Vi har en gutt, Lukas (9 år), som venter.", [("navn_alder", "Lukas (9 år)")]),
    ("Det gjelder sønnen Zlatan, 12 år.", [("navn_alder", "Zlatan, 12 år")]),
    ("Vi møtte Tarjei, 15 år, i går.", [("navn_alder", "Tarjei, 15 år")]),
    ("Ahmed er 16 år og bor hjemme.", [("navn_alder", "Ahmed er 16 år")]),
    ("Vi følger opp 16-årige Fatima.", [("navn_alder", "16-årige Fatima")]),
    # Dates of birth
    ("Barnet er født 12.03.2015.", [("fodselsdato", "12.03.2015")]),
    ("Gjelder Kari, f. 12.03.15.", [("fodselsdato", "12.03.15")]),
    ("Hun er fødd 3. mars 2015.", [("fodselsdato", "3. mars 2015")]),
    ("Fødselsdato: 2015-03-12", [("fodselsdato", "2015-03-12")]),
    ("Født den 1.4.2016 i Alta.", [("fodselsdato", "1.4.2016")]),
    ("Han er født i Tromsø 29.02.2016.", [("fodselsdato", "29.02.2016")]),
    ("født 120315", [("fodselsdato", "120315")]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES, ids=[text for text, _ in POSITIVES])
def test_detects_with_exact_spans(text, expected):
    findings = scan(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == expected
    assert all(f.severity == BLOCK for f in findings)
    assert has_blocking(findings)


# --------------------------------------------------------------------------------------------------
# Negatives: realistic organisational-need sentences that must never be blocked
# --------------------------------------------------------------------------------------------------

NEGATIVES = [
    "Vi ønsker kurs i traumebevisst omsorg 12.03.2025 for hele tjenesten.",
    "Ansatte trenger videreutdanning på 30 studiepoeng i barnevernsfaglig arbeid.",
    "Tilbudet bør nå alle 357 kommuner i landet.",
    "Kursavgiften er kr 2 500 per deltaker.",
    "Vi har satt av 110 000 kr til kompetanseheving i 2025.",
    "Andelen undersøkelser med fristbrudd var 13 % i fjor.",
    "Utgiftene føres på KOSTRA-funksjon 244/251/252.",
    "Beredskapshjemmet må være tilgjengelig 24/7.",
    "Fordelingen er 50/50 mellom forebygging og tiltak.",
    "1/3 av saksbehandlerne har under to års erfaring.",
    "Vi trenger veiledning om barn 1–3 år i fosterhjem.",
    "Målgruppen er barn 0–6 år og deres foreldre.",
    "Vi samarbeider med Statsforvalteren i Troms og Finnmark om tilsyn.",
    "RVTS Nord har tilbudt oss veiledning om vold i nære relasjoner.",
    "Flere ansatte ønsker sertifisering i PMTO.",
    "Oppstart i januar, februar eller mars passer best.",
    "Mars passer best for oss, ellers April.",
    "Samlingen kan legges til uke 12 eller uke 14.",
    "Behovet har økt jevnt siden 2019 og var størst i 2023.",
    "Kurset går kl. 09.00–15.30 begge dagene.",
    "Vi ønsker en samling over 2-3 dager på høsten.",
    "Vi trenger hjelp til å vurdere tiltak etter § 4-4 i barnevernsloven.",
    "Vedtak etter BVL § 6-1 krever god dokumentasjon.",
    "RKBU Nord har i 20 år tilbudt kurs til kommunene.",
    "Vi har 12 ansatte fordelt på 9,5 årsverk.",
    "Skoleåret 2023/2024 startet med mange nye meldinger.",
    "Ny ordning fra 08/2024 gjelder alle nyansatte.",
    "Vi har en 20/100 stilling som fagkoordinator.",
    "Fristen er 01.09.2025, og kurset holdes i Tromsø.",
    "Barn født etter 01.01.2010 omfattes av den nye ordningen.",
    "Vi ønsker f.eks. 12.03.2025 eller 19.03.2025 som kursdato.",
    "Budsjettet for 2025 er 12 500 000 kroner.",
    "Tilskuddet er 45000000 kr over tre år.",
    "Rammen er NOK 45000000 for hele perioden.",
    "Kommunen har 5200 innbyggere og ett barnevernskontor.",
    "I 2024 Tromsø kommune og Balsfjord kommune søkte felles kurs.",
    "Se rundskriv Q-24/2005 om fosterhjem.",
    "Vi bruker Trygghetssirkelen (COS) og Marte Meo (2) i veiledningen.",
    "Vi ønsker Marte Meo-veiledning (2 dager) for 8 familieveiledere.",
    "Kontoret er stengt uke 27 28 29 30 i sommer.",
    "Samlingen er 10. og 11. mars 2025 på Scandic Ishavshotel.",
    "Vi viser til møtet med Bufdir 14. mai 2025.",
    "Etter 2 år med prosjektmidler trenger vi varig drift.",
    "Vi har hatt 3 akuttplasseringer det siste året.",
    "Ungdom 13–17 år med rusproblemer trenger et bedre tilbud.",
    "Flere familier i kommunen vår har behov for foreldreveiledning.",
    "Vi ønsker ICDP-kurs for 15 foreldre i mars.",
    "Statistikken viser 1 200 undersøkelser og 340 tiltak i 2024.",
    "Halvparten av de 40 sakene gjaldt barn under 12 år.",
    "Kurset koster 3500 kr per person.",
    "Vi ønsker kurs om Circle of Security, 2 dager i april.",
    "Leder for tjenesten ønsker veiledning i utviklingsarbeid.",
    "Tiltaket varer i 3 år, og 14 av 20 familier fullførte.",
    "Veien videre: Vi trenger 2 dager med veiledning.",
    "Barnevernsreformen (2022) ga kommunene mer ansvar.",
    "Oppfølging av fosterhjem i Nord-Troms, 4 kommuner.",
    "Se NOU 2023: 7 og Prop. 133 L (2020–2021).",
    "Prosjektet Trygg Oppvekst, 3 år, avsluttes i desember.",
    "Konferansen i Italia 12 dager etter påske var nyttig.",
    "Vi har 4 barnevernskonsulenter og 1 merkantil i 80 % stilling.",
    "Org.nr. 974 760 673 står på fakturaen.",
    "Tiltakene i Tromsø, 3 år etter reformen, er evaluert.",
    "Statsforvalteren, Bufdir og KS deltar i styringsgruppen.",
    "Halvårsrapporten for 2. halvår 2024 er sendt.",
    "Tiltakskode 30012025 brukes i fagsystemet.",
    "Prosjektnummer 20241234 skal stå på alle timelister.",
    "Vi holdt fagdager i Balsfjord, 2 år på rad.",
    "Vi har deltatt i KS Læringsnettverk, 2 år på rad.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_organisational_text_is_not_blocked(text):
    findings = scan(text)
    assert not has_blocking(findings), [(f.kind, text[f.start : f.end]) for f in findings]


def test_negative_table_is_large_enough():
    assert len(NEGATIVES) >= 40


# --------------------------------------------------------------------------------------------------
# Warnings
# --------------------------------------------------------------------------------------------------

WARNINGS = [
    ("Vi har en 14 år gammel gutt fra Syria som trenger tilpasset oppfølging.", "kvasi_identifikator"),
    ("Det gjelder ei jente på 15 år i fosterhjem.", "kvasi_identifikator"),
    ("En 16-åring med ADHD bor i bygda.", "kvasi_identifikator"),
    ("Vi har en enslig mindreårig gutt på institusjon.", "kvasi_identifikator"),
    ("Vår eneste teamleder er sykmeldt.", "ansatt_helse"),
    ("Barnevernlederen har vært langtidssykmeldt siden jul.", "ansatt_helse"),
    ("Den eneste juristen vår har sagt opp.", "ansatt_helse"),
]


@pytest.mark.parametrize(("text", "kind"), WARNINGS, ids=[text for text, _ in WARNINGS])
def test_quasi_identifiers_and_staff_health_warn_without_blocking(text, kind):
    findings = scan(text)
    assert [f.kind for f in findings] == [kind]
    assert findings[0].severity == WARN
    assert not has_blocking(findings)
    assert "Skriv heller" in findings[0].message


GROUP_LEVEL = [
    "Ungdom 13–17 år i fosterhjem trenger mer oppfølging.",
    "Gutter og jenter 13–17 år på institusjon har behov for skolehjelp.",
    "Flere familier fra Ukraina har kommet til kommunen vår.",
    "Vi har høyt sykefravær blant saksbehandlerne.",
    "Vi trenger kompetanse på ADHD hos barn i fosterhjem.",
    "Hvordan snakker vi med en jente om vold?",
]


@pytest.mark.parametrize("text", GROUP_LEVEL)
def test_group_level_wording_gives_no_finding(text):
    assert scan(text) == []


def test_block_wins_over_an_overlapping_warning():
    text = "Saken gjelder jenta Sara på 12 år i fosterhjem."
    assert found(text) == [("navn_alder", "Sara på 12 år")]


# --------------------------------------------------------------------------------------------------
# Result shape, fields, describe()
# --------------------------------------------------------------------------------------------------

FRAGMENTS = [text for text, _ in POSITIVES] + NEGATIVES + [text for text, _ in WARNINGS]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6), st.sampled_from([" ", "\n", " – "]))
def test_findings_are_sorted_non_overlapping_and_well_formed(parts, separator):
    text = separator.join(parts)
    findings = scan(text)
    assert findings == sorted(findings, key=lambda f: f.start)
    for previous, current in zip(findings, findings[1:], strict=False):
        assert previous.end <= current.start
    for finding in findings:
        assert finding.kind in KINDS
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.severity in (BLOCK, WARN)
        assert finding.message.startswith(("Teksten", "Kombinasjonen", "En enkelt"))


def test_finding_holds_no_copy_of_the_text():
    number = synthetic_identity_number(date(2010, 6, 1), 501)
    (finding,) = scan(f"Nummer {number}")
    assert {f.name for f in dataclasses.fields(Finding)} == {"kind", "start", "end", "severity", "message"}
    assert number not in repr(finding)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("tlf 912 34 567", "telefonnummer"),
        ("ola@example.no", "e-postadresse"),
        ("Storgata 12", "gateadresse"),
        ("født 12.03.2015", "fødselsdato"),
        ("sak 22/18469-1", "arkivnummer"),
        ("Emma (7)", "navn"),
    ],
)
def test_messages_name_what_was_found_in_norwegian(text, word):
    (finding,) = scan(text)
    assert word in finding.message


def test_identity_number_message_is_neutral_about_what_the_number_is():
    number = synthetic_identity_number(date(2010, 6, 1), 501)
    (finding,) = scan(number)
    assert finding.message == (
        "Teksten ser ut til å inneholde et fødselsnummer (11 siffer med gyldige kontrollsifre)."
    )


def test_scan_of_empty_text_is_empty():
    assert scan("") == []


def test_scan_fields_returns_only_fields_with_findings():
    result = scan_fields(
        {"tittel": "Kurs i PMTO", "beskrivelse": "Ring 912 34 567", "kontakt": "", "notat": "Storgata 12"}
    )
    assert sorted(result) == ["beskrivelse", "notat"]
    assert [f.kind for f in result["beskrivelse"]] == ["telefon"]
    assert has_blocking(result["notat"])


def test_has_blocking_ignores_warnings():
    assert not has_blocking(scan("Vår eneste teamleder er sykmeldt."))
    assert not has_blocking([])


def test_describe_names_field_kind_and_position():
    number = synthetic_identity_number(date(2012, 8, 30), 777)
    text = f"Vi har fått et notat om saken, se {number} for detaljer."
    start = text.index(number)
    sentences = describe(scan_fields({"beskrivelse": text}), {"beskrivelse": "Beskrivelse"})
    assert sentences == [
        f"Beskrivelse: fødselsnummer (tegn {start + 1}–{start + 11}). Fjern det før du publiserer."
    ]


def test_describe_falls_back_to_field_name_and_gives_group_advice_for_warnings():
    sentences = describe(scan_fields({"tittel": "En 16-åring med ADHD bor i bygda."}))
    assert len(sentences) == 1
    assert sentences[0].startswith("tittel: opplysninger som sammen kan peke ut en person (tegn 4–")
    assert "«ungdom 13–17 år»" in sentences[0]


def test_describe_never_repeats_the_found_text():
    fields = {
        "tittel": f"Gjelder {synthetic_identity_number(date(2015, 1, 2), 3, kind='d_nummer')}",
        "beskrivelse": "Ring 912 34 567 eller skriv til ola.nordmann@example.no. Emma (7) bor i Storgata 12, "
        "9008 Tromsø, født 12.03.2015, sak 22/18469-1.",
    }
    results = scan_fields(fields)
    sentences = describe(results, {"tittel": "Tittel", "beskrivelse": "Beskrivelse"})
    assert len(sentences) == sum(len(findings) for findings in results.values()) == 8
    for field, findings in results.items():
        for finding in findings:
            secret = fields[field][finding.start : finding.end]
            assert all(secret not in sentence for sentence in sentences), secret
