"""Norwegian stemming with a small domain correction layer, plus the stopword list.

Snowball's ``norwegian`` stemmer (via PyStemmer) is the base. It is good at plural and definite endings
("barnevernet" → "barnevern", "veiledningen" → "veiledning") but poor in three places that matter for
child-welfare text, so :func:`stem` corrects them:

* **Agent nouns in -er.** Snowball strips "-er" from the indefinite singular but keeps it in the other
  forms: "leder" → "led" but "lederen"/"ledere" → "leder"; the same for "saksbehandler", "veileder",
  "lærer". We stem every form of a known agent noun to the stem of its base form, also as the last
  part of a compound ("mellomlederne" → "mellomled").
* **Words Snowball mangles.** "kurs" → "kur" (a cure) while "kurset" → "kurs"; "hets" → "het";
  "tema" → "tem" while "temaet" → "tema". A short override table fixes these.
* **Laws.** Snowball removes a final "-lov" ("barnevernsloven" → "barnevern"), which makes the Child
  Welfare Act indistinguishable from child welfare itself. Every form of "lov" keeps it
  ("barnevernsloven" → "barnevernslov", "forvaltningsloven" → "forvaltningslov").
* **Doubled final m.** Nouns in -m double it when inflected ("hjem"/"hjemmet", "ungdom"/"ungdommer",
  "program"/"programmet"), which Snowball leaves as "hjemm"/"ungdomm". We undouble a final "mm".

The stopword list is Snowball's Norwegian list (bokmål and nynorsk). Stopwords produce no index terms:
an OR query containing "for" or "og" would otherwise match every document.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer

_SNOWBALL = Stemmer.Stemmer("norwegian")


def word_list(text: str) -> tuple[str, ...]:
    """Whitespace-separated words of a data block (long word lists read better as prose)."""
    return tuple(text.split())


STOPWORDS: frozenset[str] = frozenset(
    word_list(
        """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi
    min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv
    sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned
    skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir
    samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik
    vært båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe
    henne hennar hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan
    mi mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte
    vart
    """
    )
)

# Agent nouns whose inflected forms Snowball stems inconsistently (see module docstring).
_AGENT_NOUNS = word_list(
    """
    leder veileder behandler saksbehandler lærer bruker deltaker medarbeider arbeider rådgiver søker eier
    forvalter utøver forsker pleier sykepleier innvandrer overgriper misbruker formidler fører mottaker
    tilrettelegger planlegger politiker
    """
)
_AGENT_ENDINGS = ("", "e", "en", "ne", "s", "es", "ens", "nes")

# Whole-word overrides: word → stem. Only for forms where Snowball is inconsistent within one lemma.
_WORD_OVERRIDES: dict[str, str] = dict.fromkeys(
    ("hets", "hetsen", "hetsing", "netthets", "nethets", "netthetsen"), "hets"
)
# Families that may also end a compound ("metodekurs", "hovedtema"); keyed by form → stem.
_SUFFIX_OVERRIDES: dict[str, str] = {
    **dict.fromkeys(("lov", "loven", "lova", "lover", "lovene", "lovens", "lovs", "lovar", "lovane"), "lov"),
    **dict.fromkeys(("kurs", "kurset", "kursa", "kursene", "kursets", "kursenes"), "kurs"),
    **dict.fromkeys(("tema", "temaet", "temaer", "temaene", "temaa", "temaets"), "tema"),
}


def _agent_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for noun in _AGENT_NOUNS:
        base = _SNOWBALL.stemWord(noun)
        for ending in _AGENT_ENDINGS:
            forms[noun + ending] = base
    return forms


_TAIL_OVERRIDES: dict[str, str] = {**_agent_forms(), **_SUFFIX_OVERRIDES}
_MIN_TAIL = min(len(k) for k in _TAIL_OVERRIDES)


def _tail_override(word: str) -> str | None:
    """Longest known agent-noun/suffix-family form that ends ``word`` → corrected stem, else None.

    Scanning from the left finds the longest tail first, so "veiledere" uses "veileder", not "leder";
    either gives the same stem, which is why compounds stay consistent with their last part.
    """
    for i in range(len(word) - _MIN_TAIL + 1):
        tail = word[i:]
        stem = _TAIL_OVERRIDES.get(tail)
        if stem is not None and (i == 0 or i >= 2):
            return word[:i] + stem
    return None


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Stem a lower-cased word: Snowball norwegian plus the domain corrections above.

    :param word: a lower-cased token (no hyphens).
    :returns: the index stem; digits and unknown scripts pass through Snowball unchanged.
    """
    override = _WORD_OVERRIDES.get(word) or _tail_override(word)
    result = override if override is not None else _SNOWBALL.stemWord(word)
    if len(result) >= 4 and result.endswith("mm"):
        result = result[:-1]
    return result
