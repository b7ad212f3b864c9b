"""Showing personal-data findings in the user's own text, so they can rewrite it."""

from __future__ import annotations

import html

from django.utils.safestring import SafeString, mark_safe

from .personal_data import Finding


def highlighted_html(text: str, findings: list[Finding]) -> SafeString:
    """``text`` escaped, with each finding wrapped in <mark> and labelled for screen readers."""
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        parts.append(html.escape(text[position : finding.start]))
        label = "Personopplysning" if finding.severity == "block" else "Mulig personopplysning"
        parts.append(
            f'<mark class="pii pii--{finding.severity}"><span class="visually-hidden">{label}: </span>'
            f"{html.escape(text[finding.start : finding.end])}</mark>"
        )
        position = finding.end
    parts.append(html.escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text above is escaped
