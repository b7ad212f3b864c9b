"""Tokenisation and character folding.

Tokens keep exact character spans into the original text, so highlighting never has to re-find words.
A token is a run of Unicode letters/digits (plus combining marks, so a decomposed "é" stays inside its
word), optionally joined by single hyphens ("TBO-F", "COS-P", "e-læring"). A *trailing* hyphen is kept
when the next character is a space, comma, slash or the end of the text: in "sped- og småbarn" the
token "sped-" shares its last compound part with "småbarn" (see ``Token.is_prefix``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_HYPHENS = "\\-\u2010\u2011"  # ASCII hyphen, Unicode hyphen, non-breaking hyphen (not dashes)
_PIECE = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
_TOKEN_RE = re.compile(rf"{_PIECE}(?:[{_HYPHENS}]{_PIECE})*(?:[{_HYPHENS}](?=[\s,;/]|$))?")
HYPHEN_RE = re.compile(rf"[{_HYPHENS}]")

# Letters that NFKD does not decompose to ASCII; the rest (é, è, ü, å, ä, ö …) lose their marks.
_FOLD_TABLE = str.maketrans(
    {
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "OE",
        "ŋ": "n",
        "Ŋ": "N",
    }
)


@dataclass(frozen=True)
class Token:
    """A word in the original text.

    :param text: the exact slice ``original[start:end]`` (a prefix token keeps its trailing hyphen).
    :param position: running token number; stopwords count, so phrase gaps are preserved.
    :param norm: NFC + lower-cased, hyphen-less for prefixes. Recognised abbreviations keep their
        canonical spelling from the taxonomy ("MST", "TBO-F") so callers can tell "MI" from "mi".
    :param stem: stem of the bokmål-normalised norm ("leiarstøtte" → stem of "lederstøtte").
    """

    text: str
    start: int
    end: int
    position: int
    norm: str
    stem: str

    @property
    def is_prefix(self) -> bool:
        """True for "sped-" in "sped- og småbarn": the word borrows the next compound's last part."""
        return HYPHEN_RE.fullmatch(self.text[-1]) is not None

    @property
    def is_hyphenated(self) -> bool:
        return HYPHEN_RE.search(self.text, 0, len(self.text) - self.is_prefix) is not None


@lru_cache(maxsize=50_000)
def fold(s: str) -> str:
    """Fold to ASCII: æ→ae, ø→o, å→a, é/è/ü → e/e/u, and so on; case is kept.

    Used as an *extra* index form so that people typing without Norwegian letters ("stotte") still
    match "støtte". Characters with no ASCII equivalent are kept as they are.
    """
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFKD", s.translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_case(text: str) -> str:
    """NFC + lower-case; the form used for every lookup table."""
    return unicodedata.normalize("NFC", text).lower()


def raw_tokens(text: str) -> list[tuple[str, int, int]]:
    """(text, start, end) for every token, in order; punctuation and whitespace are dropped."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
