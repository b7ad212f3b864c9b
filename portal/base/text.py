"""Small text helpers shared across apps."""

from __future__ import annotations

import re
import unicodedata

_NORWEGIAN_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slugify(value: str, max_length: int = 100) -> str:
    """Slugify with Norwegian transliteration: Django's slugify would drop ø and å entirely
    ("Østfold" → "stfold"), which makes URLs unreadable."""
    value = value.translate(_NORWEGIAN_ASCII)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    value = re.sub(r"[-\s_]+", "-", value).strip("-")
    return value[:max_length].rstrip("-")
