"""Routing behaviours users rely on, with the deterministic test embedder (the real model: test_quality.py)."""

from __future__ import annotations

import pytest

from matching.services import MatchInputError, text_match
from portal.organisations.models import Municipality

pytestmark = pytest.mark.django_db

FAMILY_CASES = [
    (
        "Flere barn i sakene våre har vært utsatt for vold og seksuelle overgrep hjemme, og vi trenger hjelp til å "
        "snakke med dem om det og til å forstå traumereaksjonene.",
        "rvts",
    ),
    (
        "Vi vil ta i bruk PMTO for familier der barna har store atferdsvansker og trenger opplæring og sertifisering "
        "av terapeuter.",
        "nubu",
    ),
    ("Barnehagene ber om et tidlig innsatsprogram som TIBIR for barn med utagering.", "nubu"),
    (
        "Mange ungdommer ruser seg på cannabis og alkohol, og vi vil bli bedre på tidlig intervensjon ved rusbruk.",
        "korus",
    ),
    (
        "Barnevernlederen drukner i saker og får ikke tid til å lede. Ledergruppen trenger lederstøtte over tid.",
        "rkbu-rbup",
    ),
    (
        "Vi vil få på plass en felles analysemodell og bedre barnevernfaglige vurderinger i undersøkelsene.",
        "rkbu-rbup",
    ),
]


def top_family(text: str, municipality: Municipality | None = None) -> str:
    return text_match(text=text, municipality=municipality, record=False).result.providers[0].family


@pytest.mark.parametrize(("text", "family"), FAMILY_CASES)
def test_problems_reach_the_right_family(text, family):
    assert top_family(text) == family


@pytest.mark.parametrize(
    "text",
    [
        "Vi får ikke rekruttert saksbehandlere, stillingene står ledige og de få vi får slutter etter et år.",
        "Saksmengden per saksbehandler er altfor høy og vi trenger flere årsverk og en bemanningsnorm.",
    ],
)
def test_problems_no_centre_serves_are_no_fit_with_referrals(text):
    result = text_match(text=text, record=False).result
    assert result.no_fit
    assert result.providers == []
    assert result.referrals, "an honest no-fit must say who to ask instead"
    assert {"ks", "bufdir", "statsforvalter", "peer"} & {r.slug for r in result.referrals}


@pytest.mark.parametrize(("text", "family"), FAMILY_CASES[:4])
def test_region_never_changes_the_top_family(text, family):
    finnmark = Municipality.objects.get(name_norwegian="Vadsø")
    oslo = Municipality.objects.get(name_norwegian="Oslo")
    assert top_family(text, finnmark) == top_family(text, oslo) == family


def test_home_centre_is_information_not_a_boost():
    text = FAMILY_CASES[0][0]
    finnmark = text_match(
        text=text, municipality=Municipality.objects.get(name_norwegian="Vadsø"), record=False
    ).result
    oslo = text_match(
        text=text, municipality=Municipality.objects.get(name_norwegian="Oslo"), record=False
    ).result
    assert finnmark.ranking == oslo.ranking
    assert finnmark.home_providers["rvts"] == "rvts-nord" and oslo.home_providers["rvts"] == "rvts-ost"
    home = [p for p in finnmark.providers + finnmark.others if p.is_home]
    assert all(p.slug in {"rvts-nord", "rkbu-nord", "korus-nord"} for p in home)


@pytest.mark.parametrize(
    ("bokmal", "variant"),
    [
        (
            "Vi trenger veiledning i samtaler med barn som har opplevd vold.",
            "Vi treng rettleiing i samtalar med born som har opplevd vald.",
        ),
        (
            "Vi trenger kurs i traumebevisst omsorg for fosterforeldre.",
            "vi trenger kurs i traumebevist omsorg for fosterforeldere",
        ),
        (
            "Ungdommer med rusproblemer trenger tidlig intervensjon.",
            "Ungdommar med rusproblem treng tidleg intervensjon.",
        ),
    ],
)
def test_nynorsk_and_typo_variants_route_like_bokmal(bokmal, variant):
    assert top_family(variant) == top_family(bokmal)


def test_result_explains_itself():
    result = text_match(text=FAMILY_CASES[0][0], record=False).result
    best = result.providers[0]
    assert best.reasons and best.matched_themes
    assert any(words for words in (t.words for t in best.matched_themes))
    assert 1 <= len(best.offerings) <= 3 and all(o.reasons for o in best.offerings)
    assert len(result.providers) == 3


def test_top_three_show_different_kinds_of_help():
    result = text_match(text=FAMILY_CASES[1][0], record=False).result
    assert len({p.family for p in result.providers}) >= 2


def test_user_preferences_replace_detected_ones():
    text = "Vi trenger kurs i traumebevisst omsorg, helst digitalt."
    detected = text_match(text=text, record=False).result.preferences
    assert ("format", "digitalt_direkte") in {(p.kind, p.value) for p in detected}
    chosen = text_match(text=text, preferences={"format": ["fysisk"]}, record=False).result.preferences
    assert {(p.kind, p.value) for p in chosen if p.kind == "format"} == {("format", "fysisk")}


@pytest.mark.parametrize(("text", "field"), [("for kort", "text"), ("x" * 5001, "text")])
def test_text_length_is_checked(text, field):
    with pytest.raises(MatchInputError) as excinfo:
        text_match(text=text)
    assert excinfo.value.field == field


def test_match_is_counted_without_its_text():
    from matching.models import DemandSignal

    before = DemandSignal.objects.count()
    text_match(text=FAMILY_CASES[3][0], municipality=Municipality.objects.get(name_norwegian="Bodø"))
    signal = DemandSignal.objects.order_by("-pk").first()
    assert DemandSignal.objects.count() == before + 1
    assert signal.kind == "match" and "T53" in signal.themes and signal.municipality.name_norwegian == "Bodø"
    stored = " ".join(str(v) for v in DemandSignal.objects.filter(pk=signal.pk).values().first().values())
    assert "cannabis" not in stored
