"""The vocabulary the analysers use, built from the editable taxonomy in the database.

Editors refine synonyms in the admin; the analyser picks the change up without a restart because
every save bumps a version number in the shared cache, and each process rebuilds its Vocabulary when
the version it holds is stale. Without a database (pure unit tests) the packaged YAML is used.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.core.cache import cache

from .analysis import Analyzer, Vocabulary

TAXONOMY_YAML = Path(__file__).resolve().parent.parent / "katalog" / "data" / "taxonomy.yaml"
_VERSION_KEY = "search:vocabulary-version"
_state: dict[str, Any] = {"version": None, "analyzer": None}
_lock = threading.Lock()


def taxonomy_data_from_database() -> dict[str, Any]:
    """The taxonomy in the same shape as taxonomy.yaml, read from the snippets."""
    import yaml

    from katalog.models import Abbreviation, FormOfHelp, TargetGroup, Theme

    static = yaml.safe_load(TAXONOMY_YAML.read_text(encoding="utf-8"))
    return {
        "themes": [
            {
                "code": t.code,
                "label": t.label,
                "label_nn": t.label_nn,
                "description": t.description,
                "synonyms": t.synonym_list,
                "families": list(t.families),
                "no_fit": t.no_fit,
                "refer": [a.slug for a in t.refer.all()],
            }
            for t in Theme.objects.prefetch_related("refer").order_by("sort_order", "code")
        ],
        "abbreviations": [
            {
                "abbr": a.abbr,
                "expansion": a.expansion,
                "case_sensitive": a.case_sensitive,
                "whole_word": a.whole_word,
                "note": a.note,
            }
            for a in Abbreviation.objects.order_by("abbr")
        ],
        "forms_of_help": [
            {"code": f.code, "label": f.label, "description": f.description, "synonyms": f.synonym_list}
            for f in FormOfHelp.objects.order_by("sort_order")
        ],
        "target_groups": [
            {"code": g.code, "label": g.label, "description": g.description, "synonyms": g.synonym_list}
            for g in TargetGroup.objects.order_by("sort_order")
        ],
        # Levels, formats and access modes are fixed lists: their synonyms live in the file.
        "levels": static.get("levels", []),
        "formats": static.get("formats", []),
        "access_modes": static.get("access_modes", []),
    }


def _build() -> Analyzer:
    from katalog.models import Theme

    try:
        has_rows = Theme.objects.exists()
    except Exception:  # no database (or not migrated yet): fall back to the packaged file
        has_rows = False
    vocabulary = (
        Vocabulary.from_taxonomy(taxonomy_data_from_database())
        if has_rows
        else Vocabulary.from_yaml(TAXONOMY_YAML)
    )
    return Analyzer(vocabulary)


def current_analyzer() -> Analyzer:
    """The process's analyser, rebuilt when an editor has changed the taxonomy."""
    version = cache.get(_VERSION_KEY, 0)
    with _lock:
        if _state["analyzer"] is None or _state["version"] != version:
            _state["analyzer"] = _build()
            _state["version"] = version
        return _state["analyzer"]


def current_vocabulary() -> Vocabulary:
    return current_analyzer().vocabulary


def vocabulary_changed() -> None:
    """Call after a taxonomy change: every process rebuilds its analyser on next use."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, timeout=None)
    with _lock:
        _state["analyzer"] = None


def synonym_rules() -> list[str]:
    """Solr-format synonym rules for Elasticsearch, generated from the current taxonomy."""
    return current_vocabulary().synonym_rules()
