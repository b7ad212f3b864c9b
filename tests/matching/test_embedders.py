"""Embedders: the deterministic test embedder, E5 prefixes, lazy loading, and re-embedding only on change."""

from __future__ import annotations

import subprocess
import sys

from django.core.management import call_command

import numpy as np
import pytest

from matching.embedders import HashingEmbedder, SentenceTransformerEmbedder
from portal.settings.env import BASE_DIR


def test_hashing_embedder_is_deterministic_normalised_and_word_sensitive():
    embedder = HashingEmbedder(dimension=128)
    a, b, c = embedder.embed_documents(
        ["veiledning av fosterhjem", "fosterhjem trenger veiledning", "skolevegring og fravær"]
    )
    assert np.allclose(np.linalg.norm([a, b, c], axis=1), 1.0)
    assert np.allclose(a, HashingEmbedder(dimension=128).embed_query("veiledning av fosterhjem"))
    assert a @ b > a @ c


class _FakeModel:
    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts, **kwargs):
        self.seen.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_e5_models_get_query_and_passage_prefixes():
    embedder = SentenceTransformerEmbedder(model="intfloat/multilingual-e5-small")
    embedder._model = _FakeModel()
    embedder.embed_query("behov")
    embedder.embed_documents(["tilbud"])
    assert embedder._model.seen == ["query: behov", "passage: tilbud"]
    plain = SentenceTransformerEmbedder()
    plain._model = _FakeModel()
    plain.embed_query("behov")
    assert plain._model.seen == ["behov"]


def test_constructing_the_real_embedder_does_not_import_torch():
    code = (
        "import sys, os\nos.environ['DJANGO_SETTINGS_MODULE']='portal.settings.test'\nimport django; django.setup()\n"
        "from matching.embedders import get_embedder, SentenceTransformerEmbedder\n"
        "e = SentenceTransformerEmbedder()\n"
        "print('LOADED=' + str(e.loaded) + ',' + str('torch' in sys.modules) + ',' + str('sentence_transformers' in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert "LOADED=False,False,False" in out.stdout, out.stderr


class CountingEmbedder(HashingEmbedder):
    calls = 0

    def embed_documents(self, texts):
        type(self).calls += len(texts)
        return super().embed_documents(texts)


@pytest.mark.django_db
def test_embeddings_are_recomputed_only_when_the_text_changes():
    from katalog.models import OfferingPage
    from matching.embeddings import page_embeddings_refresh

    page = OfferingPage.objects.live().first()
    embedder = CountingEmbedder(dimension=256, name="counting")
    CountingEmbedder.calls = 0
    assert page_embeddings_refresh(pages=[page], embedder=embedder) == 1
    assert page_embeddings_refresh(pages=[page], embedder=embedder) == 0
    page.summary += " Nytt avsnitt om implementering."
    assert page_embeddings_refresh(pages=[page], embedder=embedder) == 1
    assert CountingEmbedder.calls == 2


@pytest.mark.django_db
def test_refresh_command_reembeds_everything_after_a_model_change(settings, tmp_path, capsys):
    from matching.models import PageEmbedding
    from search.backends import get_search_backend

    settings.PORTAL_EMBEDDER = {
        "BACKEND": "matching.embedders.HashingEmbedder",
        "DIMENSION": 64,
        "NAME": "other",
    }
    settings.PORTAL_SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.embedded.EmbeddedBackend",
            "PATH": str(tmp_path / "i.sqlite3"),
        }
    }
    call_command("embeddings", "refresh", "--no-progress" if False else "--force")
    out = capsys.readouterr().out
    count = PageEmbedding.objects.filter(model_name="other-64").count()
    assert count >= 199 and f"{count} sider fikk ny vektor" in out
    status = get_search_backend().status()
    assert status.documents == count and status.extra["vectors"] == count
