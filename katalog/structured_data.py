"""schema.org JSON-LD for offering pages: a Course, with a CourseInstance per dated session.

Search engines and other catalogues (kunnskapombarn.no, Bufdir) can read offerings without scraping.
https://schema.org/Course · https://schema.org/CourseInstance
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import strip_tags

from .choices import FormatCode, SessionStatus

COURSE_MODE = {
    FormatCode.IN_PERSON: "onsite",
    FormatCode.LIVE_DIGITAL: "online",
    FormatCode.ON_DEMAND: "online",
    FormatCode.HYBRID: "blended",
    FormatCode.AT_WORKPLACE: "onsite",
}


def _organization(provider, request=None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": provider.name,
        "alternateName": provider.short_name,
    }
    if provider.website:
        data["sameAs"] = provider.website_url
    page = getattr(provider, "page", None)
    if page is not None and request is not None:
        data["url"] = page.get_full_url(request)
    return data


def _course_instance(session, modes: list[str]) -> dict[str, Any]:
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "startDate": session.start.isoformat(),
        "courseMode": "online" if session.is_digital else (modes[0] if modes else "onsite"),
    }
    if session.end:
        instance["endDate"] = session.end.isoformat()
    if session.is_digital:
        instance["location"] = {"@type": "VirtualLocation", "name": session.place}
    else:
        instance["location"] = {"@type": "Place", "name": session.place, "address": session.place}
    instance["eventStatus"] = (
        "https://schema.org/EventCancelled"
        if session.status == SessionStatus.CANCELLED
        else "https://schema.org/EventScheduled"
    )
    return instance


def offering_data(page, request=None) -> dict[str, Any]:
    provider = page.provider
    modes = sorted(
        {COURSE_MODE[FormatCode(f.code)] for f in page.formats.all() if f.code in FormatCode.values}
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": page.title,
        "description": page.summary,
        "inLanguage": {"nb": "nb", "nn": "nn", "se": "se", "en": "en"}.get(page.language, "nb"),
        "isAccessibleForFree": page.is_free,
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": t.code,
                "name": t.label,
                "inDefinedTermSet": "Felles inngangsdør tema",
            }
            for t in page.themes.all()
        ],
        "educationalLevel": page.get_level_display(),
        "audience": [{"@type": "Audience", "audienceType": g.label} for g in page.target_groups.all()],
    }
    if request is not None:
        data["url"] = page.get_full_url(request)
    if provider is not None:
        data["provider"] = _organization(provider, request)
    partners = list(page.co_providers.all())
    if partners:
        data["contributor"] = [_organization(p, request) for p in partners]
    if page.credits:
        data["numberOfCredits"] = float(page.credits)
        data["educationalCredentialAwarded"] = f"{page.credits:g} studiepoeng"
    if page.certification:
        data["educationalCredentialAwarded"] = page.certification
    if not page.is_free and page.price_text:
        data["offers"] = {
            "@type": "Offer",
            "description": page.price_text,
            "priceCurrency": "NOK",
            "category": "Paid",
        }
    elif page.is_free:
        data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "NOK", "category": "Free"}
    if page.prerequisites:
        data["coursePrerequisites"] = page.prerequisites
    if page.last_confirmed:
        data["dateModified"] = page.last_confirmed.isoformat()
    data["hasCourseInstance"] = [_course_instance(s, modes) for s in page.sessions.all()]
    if not data["hasCourseInstance"]:
        # A Course without dates still needs a CourseInstance to say how it is delivered.
        data["hasCourseInstance"] = [{"@type": "CourseInstance", "courseMode": modes or ["onsite"]}]
    if page.hours:
        data["timeRequired"] = f"PT{page.hours}H"
    body_text = strip_tags(page.body or "").strip()
    if body_text:
        data["abstract"] = page.summary
        data["description"] = body_text[:5000]
    return data


def offering_json_ld(page, request=None) -> str:
    """The JSON-LD text, safe to place inside a <script> element."""
    text = json.dumps(offering_data(page, request), ensure_ascii=False)
    # "</" would end the script element early; JSON allows escaping it.
    return text.replace("</", "<\\/")
