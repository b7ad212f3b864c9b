"""Highlighting for the embedded backend: which words of a hit's title, summary and body match.

The result is what :meth:`search.analysis.Analyzer.highlight` gives, computed faster. The analyser
builds a Token and several Term objects for every word of every hit on every search, which at 20
hits with long bodies was the largest cost of a search after scoring. Here each distinct word is
analysed once per analyser and its index terms are remembered, and bodies are scanned only until
the snippet window is covered.

This relies on one property of the analyser: the terms of a word depend on the word alone, except
for a prefix word with a trailing hyphen ("sped-" in "sped- og småbarn"), which borrows from its
neighbours. Texts with such a word fall back to the analyser's own highlighting.
"""

from __future__ import annotations

import html
import threading

from search.analysis.tokens import raw_tokens

SNIPPET_CHARS = 240
# Bodies are scanned in chunks of about this size (cut at spaces), stopping after the snippet window.
BODY_CHUNK_CHARS = 600
_CACHE_LIMIT = 200_000  # distinct words remembered per analyser before the cache starts over

Spans = list[tuple[int, int]]


class Highlighter:
    """Highlight spans for one analyser; safe to share between threads."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self._terms: dict[str, frozenset[str] | None] = {}  # None: a prefix word (needs neighbours)
        self._lock = threading.Lock()

    def _word_terms(self, word: str) -> frozenset[str] | None:
        terms = self._terms.get(word, ())
        if terms != ():
            return terms
        tokens = self.analyzer.tokenize(word)
        if len(tokens) != 1 or tokens[0].is_prefix:
            terms = None
        else:
            terms = frozenset(v for v, _ in self.analyzer.token_pairs(tokens[0], tokens, 0, for_query=False))
        with self._lock:
            if len(self._terms) >= _CACHE_LIMIT:
                self._terms.clear()
            self._terms[word] = terms
        return terms

    def spans(self, text: str, analysed) -> Spans:
        """(start, end) of the words of ``text`` matching any alternative of ``analysed``; words
        separated only by whitespace are joined, as :meth:`Analyzer.highlight` does."""
        wanted = analysed.all_terms()
        hits: Spans = []
        for word, start, end in raw_tokens(text):
            terms = self._word_terms(word)
            if terms is None:
                return self.analyzer.highlight(text, analysed)
            if not terms.isdisjoint(wanted):
                hits.append((start, end))
        return _join(text, hits)

    def leading_spans(self, text: str, analysed) -> Spans:
        """Spans from the first match to past the end of its snippet window (see :func:`snippet`)."""
        hits: Spans = []
        start = 0
        while start < len(text):
            end = len(text)
            if end - start > BODY_CHUNK_CHARS:
                space = text.find(" ", start + BODY_CHUNK_CHARS)
                end = end if space < 0 else space
            hits.extend((s + start, e + start) for s, e in self.spans(text[start:end], analysed))
            if hits and end >= hits[0][0] + SNIPPET_CHARS:
                break
            start = end
        return _join(text, hits)


def _join(text: str, spans: Spans) -> Spans:
    joined: Spans = []
    for start, end in spans:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def snippet(text: str, spans: Spans) -> tuple[str, Spans]:
    """A window of the body around the first match, cut at word boundaries."""
    start = max(0, spans[0][0] - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
    shifted = [(s + len(prefix), e + len(prefix)) for s, e in inside]
    return prefix + text[start:end] + suffix, shifted


def mark(text: str, spans: Spans) -> str:
    """HTML-escape ``text`` and wrap the spans in <mark>."""
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)
