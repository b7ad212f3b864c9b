"""Preferences a description states: format (digital, at our workplace …), intensity (over time vs a
single day), target group (leaders, the whole service, foster parents …), level (system vs a single
case) and the forms of help asked for. Each keeps the words that triggered it, for the explanation
and so the user can correct it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from search.analysis import Analyzer

from .taxonomy import PhraseLexicon
from .types import Preference

# Intensity is not a taxonomy vocabulary; these are the ways needs say it (domain.md §3, §5).
INTENSITY = [
    {
        "code": "over_tid",
        "label": "Over tid",
        "synonyms": [
            "over tid",
            "langvarig",
            "over et år",
            "over to år",
            "over flere år",
            "jevnlig",
            "fast veileder",
            "oppfølging",
            "følge oss opp",
            "ikke enda et dagskurs",
            "ikke enda et kurs",
            "ikke én fagdag",
            "ikke bare et kurs",
            "løp over",
            "et løp",
            "prosess",
            "tett og langvarig",
            "fester seg",
            "forankre",
            "implementere",
            "halvåret",
            "rettleiing over tid",
        ],
    },
    {
        "code": "kort",
        "label": "Kort og avgrenset",
        "synonyms": [
            "kort",
            "korte",
            "kortkurs",
            "en dag",
            "én dag",
            "fagdag",
            "dagskurs",
            "et par timer",
            "maks et par timer",
            "innimellom",
            "ta innimellom",
            "webinar",
            "frokostmøte",
            "lite tid",
            "ikke borte fra jobb",
        ],
    },
]
# Words that say "the user is far away / wants it digital" without naming a format.
DIGITAL_HINTS = {
    "code": "digitalt_direkte",
    "synonyms": ["langt å reise", "store avstander", "lange avstander", "over video", "på video", "digitalt"],
}
# The target-group codes that are really about level or scope, shown as such.
PREFERENCE_KINDS = ("format", "intensity", "target_group", "level", "form")


class PreferenceReader:
    def __init__(self, analyzer: Analyzer, taxonomy: Mapping[str, Any]):
        formats = [dict(f) for f in taxonomy.get("formats", [])]
        for entry in formats:
            if entry["code"] == DIGITAL_HINTS["code"]:
                entry["synonyms"] = [*entry.get("synonyms", []), *DIGITAL_HINTS["synonyms"]]
        self.labels: dict[tuple[str, str], str] = {}
        self.lexicons: dict[str, PhraseLexicon] = {}
        for kind, entries in (
            ("format", formats),
            ("intensity", INTENSITY),
            ("target_group", taxonomy.get("target_groups", [])),
            ("level", taxonomy.get("levels", [])),
            ("form", taxonomy.get("forms_of_help", [])),
        ):
            self.lexicons[kind] = PhraseLexicon(analyzer, entries)
            self.labels.update({(kind, e["code"]): e.get("label", e["code"]) for e in entries})

    def read(self, text: str) -> list[Preference]:
        preferences = []
        for kind, lexicon in self.lexicons.items():
            for hit in lexicon.detect(text):
                preferences.append(Preference(kind, hit.code, self.labels[(kind, hit.code)], hit.spans))
        return preferences
