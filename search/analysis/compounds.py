"""Vocabulary-guided compound splitting and compound-aware nynorsk → bokmål normalisation.

Norwegian writes compounds as one word ("foreldreveiledning", "barnevernstjenesten"), and Snowball does
not split them, so a query for "veiledning" would miss "foreldreveiledning". Blind substring matching
is worse: "rus" sits inside "trusler" and "MST" inside "fremstår". We therefore split only into parts
that are *known words* (the lexicon), with a few guards:

* 2–3 parts, each at least three letters; an optional linking "s" or "e" between parts
  ("barnevern-s-tjenesten", "barn-e-hage");
* the split with the fewest parts wins, then the one with the longest parts;
* a word that is itself in the lexicon is split only into two words of at least four letters each
  (so "foreldre" never becomes "for" + "eldre"), unless the head is a short head such as "rus" that
  the taxonomy says must match as the first part of compounds ("rusbruk");
* words on the never-split list stay whole ("voldsom" is not "vold" + "som").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .nn_bokmal import word_to_bokmal

_LINKS = ("", "s", "e")
_MIN_PART = 3
_MAX_WORD = 40

# Words that look like compounds of a known head but are not ("voldsom" = violent/huge, "russ" = the
# school-leaver celebration). Prefixes cover the inflected forms.
NEVER_SPLIT_PREFIXES: tuple[str, ...] = ("voldsom", "voldgift", "russefeiring", "russetid", "russebuss")
NEVER_SPLIT_WORDS: frozenset[str] = frozenset({"russ", "russen", "russe"})


@dataclass(frozen=True)
class Split:
    """A compound split: ``parts[i]`` is followed by the linking letters ``links[i]``."""

    parts: tuple[str, ...]
    links: tuple[str, ...]

    def join(self, parts: Iterable[str] | None = None) -> str:
        parts = tuple(parts) if parts is not None else self.parts
        return "".join(p + link for p, link in zip(parts, (*self.links, ""), strict=True))

    def sort_key(self, consistent: bool) -> tuple[bool, int, int, int]:
        # Splits that agree with the stemmer first, then fewest parts, then longest parts (sum of
        # squares favours one long part), then fewest linking letters.
        lengths = -sum(len(p) ** 2 for p in self.parts)
        return (not consistent, len(self.parts), lengths, sum(map(len, self.links)))


class CompoundSplitter:
    """Splits words into known lexicon parts.

    :param words: known words (lower-case); the caller decides which short words are trusted.
    :param stem: the stemmer; a final part may be an inflected form of a known word ("tjenesten").
    :param short_heads: words shorter than four letters that may still head a known word ("rus").
    """

    def __init__(
        self, words: Iterable[str], *, stem: Callable[[str], str], short_heads: Iterable[str] = ()
    ) -> None:
        self._words = frozenset(w for w in words if len(w) >= _MIN_PART)
        self._stem = stem
        self._stems = frozenset(stem(w) for w in self._words)
        self._short_heads = frozenset(short_heads)
        self.split = lru_cache(maxsize=50_000)(self._split)

    def is_word_compound(self, word: str) -> bool:
        """True if ``word`` splits into parts that are all lexicon words as written."""
        split = self.split(word)
        return split is not None and all(p in self._words for p in split.parts)

    def is_known(self, word: str) -> bool:
        """True if the word, or its stem, is in the lexicon."""
        return word in self._words or self._stem(word) in self._stems

    def _is_final(self, part: str) -> bool:
        return part in self._words or self._stem(part) in self._stems

    def _split(self, word: str) -> Split | None:
        """Best split of ``word`` into known parts, or None when it should stay whole."""
        if not (2 * _MIN_PART <= len(word) <= _MAX_WORD) or not word.isalpha():
            return None
        if word in NEVER_SPLIT_WORDS or word.startswith(NEVER_SPLIT_PREFIXES):
            return None
        known = self.is_known(word)
        candidates = [s for s in self._candidates(word, 3) if not known or self._allowed_for_known(s)]
        whole = self._stem(word)
        return min(candidates, key=lambda s: s.sort_key(self._agrees(s, whole)), default=None)

    def _agrees(self, split: Split, whole_stem: str) -> bool:
        """True if stemming the last part gives the stem of the whole word: "foster|hjemmene" does
        ("fosterhjem"), "fosterhjem|mene" does not ("fosterhjemmen")."""
        *heads, last = split.parts
        return split.join([*heads, self._stem(last)]) == whole_stem

    def _allowed_for_known(self, split: Split) -> bool:
        if len(split.parts) != 2 or split.links[0] not in ("", "s"):
            return False
        head, tail = split.parts
        return len(tail) >= 4 and (len(head) >= 4 or head in self._short_heads)

    def _candidates(self, word: str, max_parts: int) -> list[Split]:
        found: list[Split] = []
        for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head = word[:i]
            if head not in self._words and head not in self._short_heads:
                continue
            for link in _LINKS:
                rest = word[i + len(link) :]
                if not word.startswith(link, i) or len(rest) < _MIN_PART:
                    continue
                if self._is_final(rest):
                    found.append(Split((head, rest), (link,)))
                if max_parts > 2:
                    found.extend(
                        Split((head, *sub.parts), (link, *sub.links))
                        for sub in self._candidates(rest, max_parts - 1)
                    )
        return found

    def tail(self, word: str) -> str | None:
        """Last part of a compound, used to complete "sped-" from "småbarn" → "barn".

        Falls back to "known head + any remainder of four or more letters" because the shared part
        is often a word the lexicon lacks ("familiedirektoratet").
        """
        split = self.split(word)
        if split is not None:
            return split.parts[-1]
        for i in range(len(word) - 4, _MIN_PART - 1, -1):
            if word[:i] in self._words:
                rest = word[i:]
                return rest[1:] if rest[0] == "s" and self._is_final(rest[1:]) else rest
        return None


class BokmalNormaliser:
    """nynorsk → bokmål for whole words and compound parts (see ``nn_bokmal``).

    :param words: nynorsk → bokmål pairs for whole words (curated map plus taxonomy label pairs).
    :param morphemes: pairs that may also occur inside compounds.
    :param lexicon: bokmål words the non-nynorsk parts of a compound may be.
    """

    def __init__(
        self,
        words: Mapping[str, str],
        morphemes: Mapping[str, str],
        lexicon: Iterable[str],
        *,
        stem: Callable[[str], str],
    ) -> None:
        self._words = dict(words)
        self._morphemes = dict(morphemes)
        # Three-letter nynorsk morphemes ("høg", "løn") may head even a known word ("høgkonflikt").
        short = [m for m in morphemes if len(m) == 3]
        self._splitter = CompoundSplitter([*lexicon, *morphemes, *words], stem=stem, short_heads=short)
        self.to_bokmal = lru_cache(maxsize=50_000)(self._to_bokmal)

    def _word(self, word: str) -> str | None:
        return self._words.get(word) or word_to_bokmal(word)

    def _to_bokmal(self, word: str) -> str:
        """Bokmål form of ``word``; the word itself when nothing applies."""
        whole = self._word(word)
        if whole is not None:
            return whole
        split = self._splitter.split(word)
        if split is None:
            return word
        *heads, last = split.parts
        mapped = [self._morphemes.get(p, p) for p in heads]
        mapped.append(self._word(last) or self._morphemes.get(last, last))
        return split.join(mapped)
