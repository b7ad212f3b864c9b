"""schema.org JSON-LD for offering pages: a Course, with a CourseInstance (an Event) per dated session.

Search engines and other catalogues (kunnskapombarn.no, Bufdir) can read offerings without scraping.
Every type and property used here is checked against a vendored subset of the vocabulary in
``tests/katalog/test_structured_data.py``, so a typo or a value of the wrong type fails the build.
https://schema.org/Course · https://schema.org/CourseInstance · https://schema.org/Event
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from wagtail.rich_text import get_text_for_indexing

from .choices import FormatCode, SessionStatus

SCHEMA = "https://schema.org/"
COURSE_MODE = {
    FormatCode.IN_PERSON: "onsite",
    FormatCode.LIVE_DIGITAL: "online",
    FormatCode.ON_DEMAND: "online",
    FormatCode.HYBRID: "blended",
    FormatCode.AT_WORKPLACE: "onsite",
}
ATTENDANCE_MODE = {
    "onsite": f"{SCHEMA}OfflineEventAttendanceMode",
    "online": f"{SCHEMA}OnlineEventAttendanceMode",
    "blended": f"{SCHEMA}MixedEventAttendanceMode",
}
THEME_SET_NAME = "Felles inngangsdør – tema"
THEME_SET_PATH = "/api/v1/taxonomy/"


def _absolute(request, path: str) -> str | None:
    return request.build_absolute_uri(path) if request is not None else None


def _organization(provider, request=None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": provider.name,
        "alternateName": provider.short_name,
    }
    if provider.website:
        data["sameAs"] = provider.website_url
    page = getattr(provider, "page", None)
    url = page.get_full_url(request) if page is not None and request is not None else None
    if url:
        data["url"] = url
    return data


def _theme_set(request) -> dict[str, Any]:
    # inDefinedTermSet takes a URL or a DefinedTermSet, never free text.
    term_set: dict[str, Any] = {"@type": "DefinedTermSet", "name": THEME_SET_NAME}
    url = _absolute(request, THEME_SET_PATH)
    if url:
        term_set["url"] = url
    return term_set


def _session_mode(session, modes: list[str]) -> str:
    """Digital sessions are online; a session at a place is onsite, or blended for hybrid offerings."""
    if session.is_digital:
        return "online"
    return "blended" if "blended" in modes else "onsite"


def _location(session) -> dict[str, Any]:
    if session.is_digital:
        return {"@type": "VirtualLocation", "name": session.place}
    # Sessions record a town, not a street address: say so with a PostalAddress locality.
    return {
        "@type": "Place",
        "name": session.place,
        "address": {"@type": "PostalAddress", "addressLocality": session.place, "addressCountry": "NO"},
    }


def _course_instance(page, session, modes: list[str]) -> dict[str, Any]:
    mode = _session_mode(session, modes)
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "name": page.title,
        "startDate": session.start.isoformat(),
        "courseMode": mode,
        "eventAttendanceMode": ATTENDANCE_MODE[mode],
        "location": _location(session),
        "eventStatus": f"{SCHEMA}EventCancelled"
        if session.status == SessionStatus.CANCELLED
        else f"{SCHEMA}EventScheduled",
    }
    if session.end:
        instance["endDate"] = session.end.isoformat()
    if session.status == SessionStatus.FULL:
        instance["remainingAttendeeCapacity"] = 0
    if session.registration_url:
        instance["url"] = session.registration_url
    return instance


def _credits(value: Decimal) -> int | dict[str, Any]:
    """numberOfCredits takes an Integer or a StructuredValue; 7.5 credits need a PropertyValue."""
    if value == value.to_integral_value():
        return int(value)
    return {"@type": "PropertyValue", "value": float(value), "unitText": "studiepoeng"}


def credits_text(value: Decimal) -> str:
    """«30», «7,5»: Norwegian decimal comma, no trailing zero."""
    return f"{value.normalize():f}".replace(".", ",")


def _offer(page) -> dict[str, Any]:
    if page.is_free:
        return {"@type": "Offer", "price": 0, "priceCurrency": "NOK", "category": "Free"}
    offer: dict[str, Any] = {"@type": "Offer", "priceCurrency": "NOK", "category": "Paid"}
    if page.price_text:
        offer["description"] = page.price_text
    return offer


def offering_data(page, request=None) -> dict[str, Any]:
    modes = sorted(
        {COURSE_MODE[FormatCode(f.code)] for f in page.formats.all() if f.code in FormatCode.values}
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": page.title,
        "description": page.summary,
        "inLanguage": page.language or "nb",
        "isAccessibleForFree": page.is_free,
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": t.code,
                "name": t.label,
                "inDefinedTermSet": _theme_set(request),
            }
            for t in page.themes.all()
        ],
        "audience": [{"@type": "Audience", "audienceType": g.label} for g in page.target_groups.all()],
        "offers": _offer(page),
    }
    url = page.get_full_url(request) if request is not None else None
    if url:
        data["url"] = url
    provider = page.provider
    if provider is not None:
        data["provider"] = _organization(provider, request)
    partners = list(page.co_providers.all())
    if partners:
        data["contributor"] = [_organization(p, request) for p in partners]
    credentials = []
    if page.credits:
        data["numberOfCredits"] = _credits(page.credits)
        credentials.append(f"{credits_text(page.credits)} studiepoeng")
    if page.certification:
        credentials.append(page.certification)
    if credentials:
        data["educationalCredentialAwarded"] = credentials if len(credentials) > 1 else credentials[0]
    if page.prerequisites:
        data["coursePrerequisites"] = page.prerequisites
    if page.last_confirmed:
        data["dateModified"] = page.last_confirmed.isoformat()
    if page.hours:
        data["timeRequired"] = f"PT{page.hours}H"
    instances = [_course_instance(page, s, modes) for s in page.sessions.all()]
    if not instances:
        # A Course without dates still needs a CourseInstance to say how it is delivered.
        undated: dict[str, Any] = {"@type": "CourseInstance", "courseMode": modes or ["onsite"]}
        if page.duration:
            undated["courseWorkload"] = page.duration
        instances = [undated]
    data["hasCourseInstance"] = instances
    body_text = " ".join(get_text_for_indexing(page.body or "").split())
    if body_text:
        data["abstract"] = page.summary
        data["description"] = body_text[:5000]
    return data


def offering_json_ld(page, request=None) -> str:
    """The JSON-LD text, safe to place inside a <script> element."""
    text = json.dumps(offering_data(page, request), ensure_ascii=False)
    # As Django's json_script: "</script>" or "<!--" in an editor's text must not end or confuse the
    # script element, so <, > and & are written as JSON unicode escapes (same data, inert in HTML).
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
