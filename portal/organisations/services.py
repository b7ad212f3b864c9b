"""Loading the reference data: counties, embeter, municipalities, providers and referral actors."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from portal.base.text import norwegian_slugify

from .models import BufetatRegion, County, Embete, Municipality, Provider, ProviderFamily, ReferralActor
from .reference_files import DATA_DIR, CsvRow, ReferenceDataError, read_csv, read_yaml, require_key

COUNTY_COLUMNS = {"fylkesnummer", "fylke", "statsforvalter", "bufetat_region", "rkbu", "rvts", "korus"}
MUNICIPALITY_COLUMNS = COUNTY_COLUMNS | {"kommunenummer", "kommunenavn", "kommunenavn_norsk"}
HOME_FAMILY = {"rkbu": ProviderFamily.RKBU_RBUP, "rvts": ProviderFamily.RVTS, "korus": ProviderFamily.KORUS}


@dataclass
class LoadReport:
    """What a load changed, per model: running the load twice must report nothing the second time."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def merge(self, other: LoadReport) -> None:
        self.created.update(other.created)
        self.updated.update(other.updated)

    def summary(self) -> str:
        names = sorted(set(self.created) | set(self.updated))
        if not names:
            return "Ingen endringer."
        return "; ".join(f"{n}: {self.created[n]} nye, {self.updated[n]} endret" for n in names)


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], report: LoadReport):
    """Create or update one row, saving only when a value really changed (keeps re-runs silent)."""
    obj = model.objects.filter(**lookup).first()
    label = model._meta.verbose_name_plural
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        obj._was_created = True
        report.created[label] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.updated[label] += 1
    return obj


def _embete_for(name: str, report: LoadReport) -> Embete:
    slug = norwegian_slugify(re.sub(r"^Statsforvalteren i ", "", name))
    return upsert(Embete, {"slug": slug}, {"name": name}, report)


def _region(path: Path, row: CsvRow) -> str:
    value = row.require(path, "bufetat_region")
    if value not in BufetatRegion.values:
        raise ReferenceDataError(path, row.line, f"ukjent Bufetat-region «{value}»")
    return value


def _home_providers(path: Path, row: CsvRow, providers: dict[str, Provider]) -> dict[str, Provider]:
    homes = {}
    for column, family in HOME_FAMILY.items():
        slug = row.require(path, column)
        provider = providers.get(slug)
        if provider is None:
            raise ReferenceDataError(path, row.line, f"ukjent senter «{slug}» i kolonnen «{column}»")
        if provider.family != family:
            raise ReferenceDataError(
                path, row.line, f"«{slug}» i kolonnen «{column}» er ikke et {family}-senter"
            )
        homes[f"home_{column}"] = provider
    return homes


def load_providers(path: Path, report: LoadReport) -> dict[str, Provider]:
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("providers"), list):
        raise ReferenceDataError(path, 1, "forventet en liste «providers»")
    providers: dict[str, Provider] = {}
    for entry in data["providers"]:
        if not isinstance(entry, dict):
            raise ReferenceDataError(path, None, "hvert senter må være en mapping")
        slug = require_key(path, entry, "slug")
        family = require_key(path, entry, "family")
        if family not in ProviderFamily.values:
            raise ReferenceDataError(path, entry["__line__"], f"ukjent familie «{family}»")
        catchment = entry.get("catchment")
        if catchment != "national" and not isinstance(catchment, list):
            raise ReferenceDataError(path, entry["__line__"], "«catchment» må være «national» eller en liste")
        values = {
            "family": family,
            "short_name": require_key(path, entry, "short_name"),
            "name": require_key(path, entry, "name"),
            "host": entry.get("host") or "",
            "city": entry.get("city") or "",
            "national": catchment == "national",
            "profile": " ".join(str(entry.get("profile") or "").split()),
            "profile_themes": list(entry.get("themes") or []),
            "profile_forms": list(entry.get("forms_of_help") or []),
            "known_programmes": list(entry.get("known_programmes") or []),
            "website": entry.get("website") or "",
            "to_verify": list(entry.get("verify") or []),
        }
        providers[slug] = upsert(Provider, {"slug": slug}, values, report)
        providers[slug]._catchment_numbers = [] if catchment == "national" else [str(n) for n in catchment]
        providers[slug]._line = entry["__line__"]
    for actor in data.get("referral_actors") or []:
        slug = require_key(path, actor, "slug")
        values = {
            "name": require_key(path, actor, "name"),
            "when_to_refer": " ".join(actor.get("when_to_refer", "").split()),
        }
        upsert(ReferralActor, {"slug": slug}, values, report)
    return providers


def load_counties(path: Path, providers: dict[str, Provider], report: LoadReport) -> dict[str, County]:
    counties = {}
    for row in read_csv(path, COUNTY_COLUMNS):
        number = row.require(path, "fylkesnummer")
        if not re.fullmatch(r"\d{2}", number):
            raise ReferenceDataError(path, row.line, f"fylkesnummer «{number}» er ikke to sifre")
        values = {
            "name": row.require(path, "fylke"),
            "embete": _embete_for(row.require(path, "statsforvalter"), report),
            "bufetat_region": _region(path, row),
            **_home_providers(path, row, providers),
        }
        counties[number] = upsert(County, {"number": number}, values, report)
    return counties


def load_municipalities(
    path: Path, providers: dict[str, Provider], counties: dict[str, County], report: LoadReport
):
    for row in read_csv(path, MUNICIPALITY_COLUMNS):
        number = row.require(path, "kommunenummer")
        if not re.fullmatch(r"\d{4}", number):
            raise ReferenceDataError(path, row.line, f"kommunenummer «{number}» er ikke fire sifre")
        county = counties.get(row.require(path, "fylkesnummer"))
        if county is None:
            raise ReferenceDataError(path, row.line, f"ukjent fylkesnummer «{row.values['fylkesnummer']}»")
        values = {
            "name": row.require(path, "kommunenavn"),
            "name_norwegian": row.require(path, "kommunenavn_norsk"),
            "county": county,
            "embete": _embete_for(row.require(path, "statsforvalter"), report),
            "bufetat_region": _region(path, row),
            **_home_providers(path, row, providers),
        }
        upsert(Municipality, {"number": number}, values, report)


def _set_catchments(
    path: Path, providers: dict[str, Provider], counties: dict[str, County], report: LoadReport
):
    for provider in providers.values():
        wanted = set()
        for number in provider._catchment_numbers:
            if number not in counties:
                raise ReferenceDataError(
                    path, provider._line, f"ukjent fylkesnummer «{number}» for {provider.slug}"
                )
            wanted.add(counties[number].pk)
        current = set(provider.catchment.values_list("pk", flat=True))
        if wanted != current:
            provider.catchment.set(wanted)
            if not getattr(provider, "_was_created", False):
                report.updated[Provider._meta.verbose_name_plural] += 1


@transaction.atomic
def reference_data_load(*, data_dir: Path = DATA_DIR) -> LoadReport:
    """Load (or refresh) all reference data from ``data_dir``. Idempotent: a second run changes nothing.

    Raises :class:`ReferenceDataError` naming file and line on malformed input; nothing is saved then.
    """
    report = LoadReport()
    providers_path = data_dir / "providers.yaml"
    providers = load_providers(providers_path, report)
    counties = load_counties(data_dir / "fylker.csv", providers, report)
    load_municipalities(data_dir / "kommuner.csv", providers, counties, report)
    _set_catchments(providers_path, providers, counties, report)
    return report
