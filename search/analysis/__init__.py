"""Norwegian text analysis shared by the embedded FTS5 index, Elasticsearch and the semantic matcher.

Typical use::

    vocabulary = Vocabulary.from_yaml("katalog/data/taxonomy.yaml")
    analyzer = Analyzer(vocabulary)
    analyzer.index_terms(document_text)          # → FTS5 column text: " ".join(terms)
    q = analyzer.query(user_text, lexicon=fuzzy.__contains__, fuzzy_candidates=fuzzy.candidates)
    q.fts5_match()                               # → WHERE docs MATCH ?
    analyzer.highlight(document_text, q)         # → [(start, end), ...]
    vocabulary.synonym_rules()                   # → Elasticsearch synonym_graph rules

Index terms consist of lower-case letters (æøå included), digits and ``_`` (only in abbreviation terms
such as ``abbr_tbo``). Create the FTS5 table with
``tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"`` so that every term is one FTS5 token and
"støtt" and its folded twin "stott" stay distinct.

Modules: ``tokens`` (tokenising, folding), ``stemming`` (Snowball + domain fixes, stopwords),
``nn_bokmal`` (nynorsk map), ``lexicon`` and ``compounds`` (compound splitting), ``typos``,
``vocabulary``, ``rules`` (Elasticsearch), ``analyzer``, ``query``, ``fuzzy``.
"""

from .analyzer import Analyzer, Term
from .fuzzy import FuzzyLexicon, damerau_levenshtein
from .query import AnalyzedQuery, QueryClause
from .tokens import Token, fold
from .vocabulary import Abbreviation, SynonymGroup, Vocabulary

__all__ = [
    "Abbreviation",
    "AnalyzedQuery",
    "Analyzer",
    "FuzzyLexicon",
    "QueryClause",
    "SynonymGroup",
    "Term",
    "Token",
    "Vocabulary",
    "damerau_levenshtein",
    "fold",
]
