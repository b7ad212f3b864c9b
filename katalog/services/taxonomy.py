"""Loading the controlled vocabulary from ``katalog/data/taxonomy.yaml`` into the editable snippets.

Terms an editor has changed in the admin (they have a revision) are left alone unless ``force`` is
given, so re-running the load — as ``make run`` does — never undoes editorial work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Revision

from portal.organisations.models import ProviderFamily, ReferralActor
from portal.organisations.reference_files import ReferenceDataError, read_yaml, require_key
from portal.organisations.services import LoadReport, upsert

from ..models import Abbreviation, Format, FormOfHelp, TargetGroup, Theme

TAXONOMY_PATH = Path(__file__).resolve().parent.parent / "data" / "taxonomy.yaml"


def _edited_codes(model) -> set[str]:
    """Codes of terms with at least one admin revision."""
    content_type = ContentType.objects.get_for_model(model)
    ids = Revision.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    return set(model.objects.filter(pk__in=[int(i) for i in ids]).values_list("code", flat=True))


def _synonyms(path: Path, entry: dict[str, Any]) -> str:
    synonyms = entry.get("synonyms") or []
    if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
        raise ReferenceDataError(path, entry.get("__line__"), "«synonyms» må være en liste med tekster")
    return "\n".join(s.strip() for s in synonyms if s.strip())


def _section(path: Path, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key)
    if not isinstance(items, list):
        raise ReferenceDataError(path, 1, f"forventet en liste «{key}»")
    for item in items:
        if not isinstance(item, dict):
            raise ReferenceDataError(path, None, f"hvert element i «{key}» må være en mapping")
    return items


def _load_themes(path: Path, data: dict[str, Any], report: LoadReport, skip: set[str]) -> None:
    actors = {a.slug: a for a in ReferralActor.objects.all()}
    for order, entry in enumerate(_section(path, data, "themes")):
        if entry.get("code") in skip:
            continue
        families = entry.get("families") or []
        unknown = [f for f in families if f not in ProviderFamily.values]
        if unknown:
            raise ReferenceDataError(path, entry["__line__"], f"ukjent familie {', '.join(unknown)}")
        refer_slugs = entry.get("refer") or []
        missing = [s for s in refer_slugs if s not in actors]
        if missing:
            raise ReferenceDataError(path, entry["__line__"], f"ukjent henvisningsaktør {', '.join(missing)}")
        values = {
            "label": require_key(path, entry, "label"),
            "label_nn": entry.get("label_nn") or "",
            "description": " ".join(str(entry.get("description") or "").split()),
            "synonyms": _synonyms(path, entry),
            "families": list(families),
            "no_fit": bool(entry.get("no_fit")),
            "sort_order": order,
        }
        theme = upsert(Theme, {"code": require_key(path, entry, "code")}, values, report)
        wanted = {actors[s].pk for s in refer_slugs}
        if set(theme.refer.values_list("pk", flat=True)) != wanted:
            theme.refer.set(wanted)
            if not getattr(theme, "_was_created", False):
                report.updated[Theme._meta.verbose_name_plural] += 1


def _remove_dropped_themes(path: Path, data: dict[str, Any], report: LoadReport, skip: set[str]) -> None:
    """Delete themes no longer in the file, unless an editor changed them or content uses them
    (then they stay, and the report says so, so nothing tagged with a theme silently loses it)."""
    in_file = {entry.get("code") for entry in _section(path, data, "themes")}
    for theme in Theme.objects.exclude(code__in=in_file):
        if theme.code in skip or theme.offerings.exists():
            report.updated[f"{Theme._meta.verbose_name_plural} beholdt (i bruk eller redigert)"] += 1
            continue
        theme.delete()
        report.updated[f"{Theme._meta.verbose_name_plural} fjernet"] += 1


def _load_simple(
    path: Path, data: dict[str, Any], key: str, model, report: LoadReport, skip: set[str]
) -> None:
    for order, entry in enumerate(_section(path, data, key)):
        if entry.get("code") in skip:
            continue
        values = {
            "label": require_key(path, entry, "label"),
            "description": " ".join(str(entry.get("description") or "").split()),
            "synonyms": _synonyms(path, entry),
            "sort_order": order,
        }
        upsert(model, {"code": require_key(path, entry, "code")}, values, report)


def _load_formats(path: Path, data: dict[str, Any], report: LoadReport) -> None:
    for order, entry in enumerate(_section(path, data, "formats")):
        upsert(
            Format,
            {"code": require_key(path, entry, "code")},
            {"label": require_key(path, entry, "label"), "sort_order": order},
            report,
        )


def _load_abbreviations(path: Path, data: dict[str, Any], report: LoadReport) -> None:
    for entry in _section(path, data, "abbreviations"):
        values = {
            "expansion": require_key(path, entry, "expansion"),
            "case_sensitive": bool(entry.get("case_sensitive")),
            "whole_word": bool(entry.get("whole_word", True)),
            "note": entry.get("note") or "",
        }
        upsert(Abbreviation, {"abbr": str(require_key(path, entry, "abbr"))}, values, report)


@transaction.atomic
def taxonomy_load(*, path: Path = TAXONOMY_PATH, force: bool = False) -> LoadReport:
    """Load (or refresh) the taxonomy. Idempotent; malformed input raises ReferenceDataError.

    :param force: also overwrite terms that editors have changed in the admin.
    """
    report = LoadReport()
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ReferenceDataError(path, 1, "forventet en mapping på toppnivå")
    _load_themes(path, data, report, set() if force else _edited_codes(Theme))
    _remove_dropped_themes(path, data, report, set() if force else _edited_codes(Theme))
    _load_simple(
        path, data, "forms_of_help", FormOfHelp, report, set() if force else _edited_codes(FormOfHelp)
    )
    _load_simple(
        path, data, "target_groups", TargetGroup, report, set() if force else _edited_codes(TargetGroup)
    )
    _load_formats(path, data, report)
    _load_abbreviations(path, data, report)
    return report
