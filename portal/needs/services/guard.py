"""The personal-data guard for every text a need carries (title, description, messages, comments).

It runs before anything else touches the text: blocking findings stop publishing (and sending any
message), warnings are shown but do not block. Findings are described by kind and position only,
so the messages are safe to show, store and log (matching/personal_data.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from matching.personal_data import Finding, describe, has_blocking, scan_fields

from .errors import PersonalDataError

FIELD_LABELS: dict[str, str] = {
    "title": "Tittel",
    "description": "Beskrivelse",
    "message": "Melding",
    "body": "Melding",
    "comment": "Kommentar",
    "note": "Kommentar",
}


@dataclass
class GuardReport:
    """What the guard found, per field."""

    blocking: dict[str, list[Finding]] = field(default_factory=dict)
    warnings: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        return bool(self.blocking)

    def blocking_messages(self) -> dict[str, list[str]]:
        return {name: describe({name: found}, FIELD_LABELS) for name, found in self.blocking.items()}

    def warning_messages(self) -> list[str]:
        return describe(self.warnings, FIELD_LABELS)

    def to_json(self) -> list[dict]:
        """Kind and position only, for ``Need.personal_data_findings``."""
        return [
            {"field": name, "kind": f.kind, "start": f.start, "end": f.end, "severity": f.severity}
            for findings in (self.blocking, self.warnings)
            for name, found in findings.items()
            for f in found
        ]


def personal_data_check(*, fields: Mapping[str, str]) -> GuardReport:
    report = GuardReport()
    for name, findings in scan_fields({k: v or "" for k, v in fields.items()}).items():
        if has_blocking(findings):
            report.blocking[name] = [f for f in findings if f.severity == "block"]
        warnings = [f for f in findings if f.severity != "block"]
        if warnings:
            report.warnings[name] = warnings
    return report


def personal_data_ensure_clean(*, fields: Mapping[str, str]) -> GuardReport:
    """Raise :class:`PersonalDataError` when any field holds blocking personal data."""
    report = personal_data_check(fields=fields)
    if report.blocked:
        raise PersonalDataError(report.blocking_messages())
    return report


def stored_findings_messages(findings: list[dict], *, severity: str = "block") -> dict[str, list[str]]:
    """Messages for findings stored on a draft (kind and position), per field."""
    by_field: dict[str, list[Finding]] = {}
    for item in findings or []:
        if item.get("severity") != severity:
            continue
        finding = Finding(
            kind=item["kind"], start=item["start"], end=item["end"], severity=severity, message=""
        )
        by_field.setdefault(item["field"], []).append(finding)
    return {name: describe({name: found}, FIELD_LABELS) for name, found in by_field.items()}
