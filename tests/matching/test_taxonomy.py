"""Reading descriptions with the taxonomy: themes and the words that triggered them."""

from __future__ import annotations

import pytest

from matching.engine import get_matcher

pytestmark = pytest.mark.django_db


def themes(text: str) -> dict[str, list[str]]:
    return {hit.code: hit.words for hit in get_matcher().understand(text).themes}


def test_inflected_words_and_spans():
    found = themes("Fosterforeldrene trenger oppfølging etter flere plasseringsbrudd.")
    assert "T17" in found
    assert "Fosterforeldrene" in found["T17"]


def test_compound_contains_a_synonym():
    # "fosterhjem" inside "fosterhjemsoppfølgingen"
    assert "T17" in themes("Vi vil styrke fosterhjemsoppfølgingen i tjenesten.")


def test_nynorsk_is_understood():
    assert "T18" in themes("Vi treng kurs i traumebevisst omsorg for tilsette.")
    assert "T19" in themes("Korleis snakkar vi med born som har opplevd vald?")


def test_typo_in_synonym_list_and_abbreviation():
    assert "T18" in themes("kurs om traumebevist omsorg")
    assert "T18" in themes("Har dere TBO for fosterforeldre?")


def test_rus_never_inside_other_words():
    assert not {"T23", "T53"} & set(themes("Vi får trusler og opplever frustrasjon i møter."))
    assert "T53" in themes("Flere ungdommer har rusproblemer og vi mangler rutiner for oppfølging.")


def test_case_sensitive_abbreviation_only_in_capitals():
    assert "T07" in themes("Vi vurderer MST for ungdom med alvorlige atferdsvansker.")
    assert "T07" not in themes("Det fremstår som en vanskelig problemstilling.")


def test_phrases_keep_their_small_words():
    """ "over tid" must not fire on every "tid": the intensity preference needs both words."""
    matcher = get_matcher()
    no_time = matcher.understand("Vi har ikke tid til å lese alt.")
    over_time = matcher.understand("Vi trenger støtte over tid, ikke bare et kurs.")
    assert "over_tid" not in {p.value for p in no_time.preferences}
    assert "over_tid" in {p.value for p in over_time.preferences}


def test_folded_forms_do_not_match_stopwords():
    """ "føre" folds to "fore", which must not pass for the preposition "for"."""
    assert "T32" not in themes("Vi trenger en rutine for overføring av saker mellom ansatte.")


def test_no_fit_themes_are_flagged():
    hits = get_matcher().understand("Vi får ikke ansatt folk og har hatt vakanser i et år.").themes
    assert any(hit.no_fit and hit.code == "T36" for hit in hits)


def test_named_centres_and_families():
    understanding = get_matcher().understand("Kan vi bruke RVTS Vest, eller må det være KoRus?")
    assert "rvts-vest" in understanding.named_providers
    assert {"rvts", "korus"} <= set(understanding.named_families)


def test_method_names_weigh_more_than_generic_words():
    hits = {
        h.code: h.score
        for h in get_matcher().understand("Vi vil innføre TIBIR sammen med helsestasjonen.").themes
    }
    assert hits["T07"] > hits.get("T30", 0)
