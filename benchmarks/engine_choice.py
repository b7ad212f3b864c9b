"""Why the embedded backend uses SQLite FTS5 and not tantivy: the same pre-analysed Norwegian terms
indexed into both, the same OR queries, in one run. Also shows the multi-process write behaviour
that decided it (gunicorn workers and management commands write to the index at the same time).

    pip install tantivy==0.25.1   # not a project dependency; only for this comparison
    python benchmarks/engine_choice.py --size 10000

Figures from a run are in docs/search.md.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "foreldreveiledning",
    "traumebevisst omsorg i fosterhjem",
    "lederstøtte for nye barnevernledere",
    "rus hos ungdom",
    "vold i nære relasjoner",
    "implementering over tid",
    "samtaler med barn",
    "videreutdanning med studiepoeng",
    "skolevegring",
    "internkontroll og rutiner",
    "digitalt kurs",
    "tverrfaglig samarbeid med skole",
    "selvmord og selvskading",
    "sped- og småbarn",
    "minoritetskompetanse",
]


def p95(values):
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    try:
        import tantivy
    except ImportError:
        sys.exit("tantivy is not installed: pip install tantivy==0.25.1 (only needed for this comparison)")
    from benchmarks.synthetic import generate_offerings
    from search.analysis import Analyzer, Vocabulary

    analyzer = Analyzer(Vocabulary.from_yaml(ROOT / "katalog" / "data" / "taxonomy.yaml"))
    docs = [
        " ".join(analyzer.index_terms(f"{o.title} {o.summary} {o.body}"))
        for o in generate_offerings(args.size)
    ]
    queries = [list(analyzer.query(q).all_terms()) for q in QUERIES] * 4
    tmp = Path(tempfile.mkdtemp(prefix="engine-choice-"))

    # SQLite FTS5
    started = time.perf_counter()
    db = sqlite3.connect(tmp / "fts.sqlite3")
    db.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(t, tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
    )
    db.executemany("INSERT INTO fts(rowid, t) VALUES(?, ?)", enumerate(docs, start=1))
    db.commit()
    fts_build = time.perf_counter() - started
    fts_times, fts_all = [], []
    for terms in queries:
        expression = " OR ".join(f'"{t}"' for t in terms)
        started = time.perf_counter()
        rows = db.execute("SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ?", (expression,)).fetchall()
        fts_all.append((time.perf_counter() - started) * 1000)
    for terms in queries:
        expression = " OR ".join(f'"{t}"' for t in terms)
        started = time.perf_counter()
        rows = db.execute(
            "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 20", (expression,)
        ).fetchall()
        fts_times.append((time.perf_counter() - started) * 1000)
        assert rows is not None

    # tantivy
    schema = (
        tantivy.SchemaBuilder()
        .add_text_field("t", stored=False, tokenizer_name="whitespace")
        .add_integer_field("id", stored=True)
        .build()
    )
    (tmp / "tantivy").mkdir()
    index = tantivy.Index(schema, path=str(tmp / "tantivy"))
    started = time.perf_counter()
    writer = index.writer()
    for number, text in enumerate(docs, start=1):
        writer.add_document(tantivy.Document(t=text, id=number))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    tantivy_build = time.perf_counter() - started
    searcher = index.searcher()
    tantivy_times, tantivy_all = [], []
    for terms in queries:
        started = time.perf_counter()
        query = index.parse_query(" OR ".join(f'"{t}"' for t in terms), ["t"])
        hits = searcher.search(query, len(docs)).hits
        ids = [searcher.doc(address)["id"][0] for _, address in hits]
        tantivy_all.append((time.perf_counter() - started) * 1000)
        assert len(ids) == len(hits)
    for terms in queries:
        started = time.perf_counter()
        query = index.parse_query(" OR ".join(f'"{t}"' for t in terms), ["t"])
        searcher.search(query, 20)
        tantivy_times.append((time.perf_counter() - started) * 1000)

    # Two writers, as with two gunicorn workers publishing at once.
    second = sqlite3.connect(tmp / "fts.sqlite3", timeout=5)
    second.execute("INSERT INTO fts(rowid, t) VALUES(?, ?)", (len(docs) + 1, "ny tekst"))
    second.commit()
    sqlite_concurrent = "ok (SQLite serialises writers and waits)"
    first_writer = tantivy.Index(schema, path=str(tmp / "tantivy")).writer()
    try:
        tantivy.Index(schema, path=str(tmp / "tantivy")).writer()
        tantivy_concurrent = "ok"
    except Exception as exc:
        tantivy_concurrent = f"refused: {type(exc).__name__}: {str(exc)[:80]}"
    del first_writer

    print(f"{args.size} offerings, {len(queries)} queries (OR of analysed terms, BM25)")
    print("top 20: the first page only; all: every match with its id and score, which facet counts need")
    print(
        f"{'engine':10}{'build s':>9}{'top20 p50':>11}{'top20 p95':>11}{'all p50':>9}{'all p95':>9}  second writer"
    )
    for name, build, top, every, concurrent in (
        ("FTS5", fts_build, fts_times, fts_all, sqlite_concurrent),
        ("tantivy", tantivy_build, tantivy_times, tantivy_all, tantivy_concurrent),
    ):
        print(
            f"{name:10}{build:>9.2f}{statistics.median(top):>11.2f}{p95(top):>11.2f}"
            f"{statistics.median(every):>9.1f}{p95(every):>9.1f}  {concurrent}"
        )


if __name__ == "__main__":
    main()
