"""The embedded index on disk: one SQLite file holding the documents, their vectors and an FTS5
table of pre-analysed terms.

Why SQLite FTS5 and not tantivy (see docs/search.md for the measurements): it ships with Python, is
transactional, and many processes (gunicorn workers, management commands) can read while one
writes — tantivy allows a single writer per index directory and needs a lock dance across workers.
FTS5 gives BM25 (``bm25()``) and fast posting lists; Norwegian analysis happens in Python before
indexing (search/analysis), so the FTS tokenizer only splits on spaces. Facets, filters and vectors
are evaluated in NumPy over an in-memory snapshot (memory.py).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..base import SearchDocument

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    vector BLOB,
    t_title TEXT NOT NULL DEFAULT '',
    t_summary TEXT NOT NULL DEFAULT '',
    t_body TEXT NOT NULL DEFAULT '',
    t_extra TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    t_title, t_summary, t_body, t_extra,
    content='docs', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row');
"""
TERM_COLUMNS = ("t_title", "t_summary", "t_body", "t_extra")
_UNSAFE = re.compile(r"[^\w]+", re.UNICODE)


def safe_term(term: str) -> str:
    """Index terms are single FTS tokens: anything but letters, digits and _ becomes _."""
    return _UNSAFE.sub("_", term).strip("_")


def vector_to_blob(vector: list[float] | None) -> bytes | None:
    if vector is None:
        return None
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return (array / norm if norm else array).tobytes()


class IndexStore:
    """Reads and writes the index file. Writes are serialised per process by a lock and across
    processes by SQLite's own locking (WAL mode)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._readers = threading.local()

    # -- connections -------------------------------------------------------------------------
    def connect(self, path: Path | None = None) -> sqlite3.Connection:
        target = Path(path or self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(SCHEMA)
        return connection

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection, kept between searches: opening one (PRAGMAs, schema check)
        cost about a millisecond, several times per search. A new one is opened when a rebuild has
        swapped the file. Callers must not close it, and must exhaust their cursors (fetchall) so no
        read transaction stays open."""
        cached = getattr(self._readers, "value", None)
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            inode = None
        if cached is not None and inode is not None and cached[0] == inode:
            return cached[1]
        if cached is not None:
            cached[1].close()
        connection = self.connect()
        self._readers.value = (os.stat(self.path).st_ino, connection)
        return connection

    @contextmanager
    def writing(self, path: Path | None = None) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self.connect(path)
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                self._bump_generation(connection)
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            finally:
                connection.close()

    @staticmethod
    def _bump_generation(connection: sqlite3.Connection) -> None:
        connection.execute(
            "INSERT INTO meta(key, value) VALUES('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def generation(self) -> tuple[int, int]:
        """(file identity, generation): changes whenever the index content changes or the file is swapped."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return (0, 0)
        rows = self.reader().execute("SELECT value FROM meta WHERE key='generation'").fetchall()
        return (stat.st_ino, int(rows[0][0]) if rows else 0)

    # -- writes ------------------------------------------------------------------------------
    @staticmethod
    def _delete_rows(connection: sqlite3.Connection, ids: list[str]) -> int:
        removed = 0
        for doc_id in ids:
            row = connection.execute(
                "SELECT rowid, t_title, t_summary, t_body, t_extra FROM docs WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                continue
            # External-content FTS5 tables are told the old values to remove them from the index.
            connection.execute(
                "INSERT INTO fts(fts, rowid, t_title, t_summary, t_body, t_extra) "
                "VALUES('delete', ?, ?, ?, ?, ?)",
                row,
            )
            connection.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))
            removed += 1
        return removed

    @staticmethod
    def _insert(connection: sqlite3.Connection, document: SearchDocument, terms: dict[str, str]) -> None:
        data = document.to_dict()
        vector = data.pop("vector", None)
        cursor = connection.execute(
            "INSERT INTO docs(id, kind, data, vector, t_title, t_summary, t_body, t_extra) "
            "VALUES(?,?,?,?,?,?,?,?)",
            (
                document.id,
                document.kind,
                json.dumps(data, ensure_ascii=False),
                vector_to_blob(vector),
                *(terms[c] for c in TERM_COLUMNS),
            ),
        )
        connection.execute(
            "INSERT INTO fts(rowid, t_title, t_summary, t_body, t_extra) VALUES(?, ?, ?, ?, ?)",
            (cursor.lastrowid, *(terms[c] for c in TERM_COLUMNS)),
        )

    def upsert(self, analysed: Iterable[tuple[SearchDocument, dict[str, str]]]) -> int:
        count = 0
        with self.writing() as connection:
            for document, terms in analysed:
                self._delete_rows(connection, [document.id])
                self._insert(connection, document, terms)
                count += 1
        return count

    def delete(self, ids: Iterable[str]) -> int:
        with self.writing() as connection:
            return self._delete_rows(connection, list(ids))

    def rebuild(self, analysed: Iterable[tuple[SearchDocument, dict[str, str]]], on_document=None) -> int:
        """Build a complete new file next to the old one, then swap it in atomically (os.replace):
        readers never see a half-built index, and a failed rebuild leaves the old one in place."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=self.path.name + ".", suffix=".building", dir=self.path.parent
        )
        os.close(handle)
        temp_path = Path(temp_name)
        count = 0
        try:
            with self.writing(temp_path) as connection:
                for document, terms in analysed:
                    self._insert(connection, document, terms)
                    count += 1
                    if on_document is not None:
                        on_document(count)
                connection.execute("INSERT INTO fts(fts) VALUES('optimize')")
            connection = self.connect(temp_path)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
            with self._lock:
                os.replace(temp_path, self.path)
                for suffix in ("-wal", "-shm"):
                    stale = Path(str(self.path) + suffix)
                    if stale.exists():
                        stale.unlink()
        finally:
            for leftover in (temp_path, Path(str(temp_path) + "-wal"), Path(str(temp_path) + "-shm")):
                if leftover.exists():
                    leftover.unlink()
        return count

    def clear(self) -> None:
        with self.writing() as connection:
            connection.execute("DELETE FROM docs")
            connection.execute("INSERT INTO fts(fts) VALUES('delete-all')")

    # -- reads -------------------------------------------------------------------------------
    def read_all(self, connection: sqlite3.Connection) -> Iterator[tuple[int, str, str, bytes | None]]:
        """(rowid, kind, document JSON, vector bytes) of every document, in rowid order."""
        yield from connection.execute("SELECT rowid, kind, data, vector FROM docs ORDER BY rowid")

    def column_terms(self, rowids: list[int]) -> dict[int, tuple[str, str, str]]:
        """The indexed terms of title, summary and body for ``rowids`` (to skip fields that cannot
        match when highlighting)."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        sql = f"SELECT rowid, t_title, t_summary, t_body FROM docs WHERE rowid IN ({marks})"  # noqa: S608
        return {row[0]: row[1:] for row in self.reader().execute(sql, rowids).fetchall()}

    def vocabulary(self, connection: sqlite3.Connection) -> dict[str, int]:
        """Every indexed term with its document frequency."""
        return dict(connection.execute("SELECT term, doc FROM vocab"))

    def match(
        self, connection: sqlite3.Connection, expression: str, weights: tuple[float, ...]
    ) -> list[tuple[int, float]]:
        """(rowid, bm25) for every document matching the FTS5 expression; higher is better."""
        sql = f"SELECT rowid, -bm25(fts, {', '.join(str(w) for w in weights)}) FROM fts WHERE fts MATCH ?"  # noqa: S608
        return connection.execute(sql, (expression,)).fetchall()

    def match_arrays(
        self, connection: sqlite3.Connection, expression: str, weights: tuple[float, ...]
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`match` as two arrays (rowids, bm25), converted without a Python loop per row."""
        rows = self.match(connection, expression, weights)
        flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows))
        pairs = flat.reshape(-1, 2)
        return pairs[:, 0].astype(np.int64), pairs[:, 1]
