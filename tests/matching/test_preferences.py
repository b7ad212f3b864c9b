"""Preferences a description states, with the words that said so."""

from __future__ import annotations

import pytest

from matching.engine import get_matcher

pytestmark = pytest.mark.django_db


def preferences(text: str) -> set[tuple[str, str]]:
    return {(p.kind, p.value) for p in get_matcher().understand(text).preferences}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi ønsker noe digitalt, det er langt å reise for oss.", ("format", "digitalt_direkte")),
        ("Kan dere komme hit og holde det på arbeidsplassen?", ("format", "pa_arbeidsplassen")),
        ("Vi trenger oppfølging over tid, ikke enda et dagskurs.", ("intensity", "over_tid")),
        ("Helst korte økter på et par timer som vi kan ta innimellom.", ("intensity", "kort")),
        ("Det gjelder fosterforeldrene våre.", ("target_group", "fosterforeldre")),
        ("Opplegget må være for hele tjenesten.", ("target_group", "hele_tjenesten")),
        ("Vi trenger drøfting av en enkeltsak.", ("level", "individniva")),
        ("Finnes det en videreutdanning med studiepoeng?", ("form", "VIDUT")),
    ],
)
def test_stated_preferences(text, expected):
    assert expected in preferences(text)


def test_preference_keeps_triggering_words():
    preference = next(
        p for p in get_matcher().understand("Vi vil ha det digitalt.").preferences if p.kind == "format"
    )
    assert [s.text for s in preference.spans] == ["digitalt"]
