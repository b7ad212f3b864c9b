"""Telling an embete's curators that the catalogue changed under their yearly overview.

Curators are told by e-mail, one message per refresh that changed something. The needs app's in-app
``Notification`` is tied to a need and a fixed list of need events (it has no free text or link), so
an overview change cannot be expressed there without changing that app; when it gains a general kind,
send one here as well.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


def _lines(result) -> list[str]:
    lines = []
    if result.added:
        lines += ["Nye tilbud i oversikten:", *(f"- {title}" for title in result.added), ""]
    if result.removed:
        lines += [
            "Ikke lenger med (vises som «ikke lenger tilgjengelig»):",
            *(f"- {t}" for t in result.removed),
            "",
        ]
    if result.restored:
        lines += ["Tilgjengelige igjen:", *(f"- {title}" for title in result.restored), ""]
    if result.changed:
        lines.append("Endret siden forrige versjon:")
        for title, changes in result.changed.items():
            lines += [f"- {title}", *(f"    {change}" for change in changes)]
        lines.append("")
    return lines


def overview_curators_notify(*, result) -> int:
    """Notify the curators of ``result.page``'s embete; returns how many users were told."""
    from .overview import curator_group_name

    page = result.page
    group = Group.objects.filter(name=curator_group_name(page.embete)).first()
    users = list(group.user_set.filter(is_active=True)) if group else []
    if not users:
        return 0
    url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/"
    recipients = [u.email for u in users if u.email]
    if recipients:
        body = "\n".join(
            [
                "Hei!",
                "",
                f"Tilbud i «{page.title}» er endret i katalogen. Endringene vises allerede på den "
                "offentlige siden, merket «Endret siden forrige versjon».",
                "",
                *_lines(result),
                f"Se gjennom oversikten og publiser en ny versjon: {url}",
                "",
                "Hilsen Felles inngangsdør",
            ]
        )
        send_mail(f"Endringer i {page.title}", body, None, recipients)
    logger.info("Varslet %s kuratorer om endringer i årsoversikt %s", len(users), page.pk)
    return len(users)
