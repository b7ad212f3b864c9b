"""In-app notifications and e-mail about needs.

E-mails carry **no need text**, not even the title: only what happened and a link
(``PORTAL_BASE_URL`` + the need's page), because mail leaves the portal (domain.md §7). Users who
chose the daily digest (``User.notify_immediately = False``) get one e-mail a day from
``send_reminders``; everyone else gets an e-mail when the transaction that created the notification
commits. Logs name ids and kinds only.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.accounts.roles import ROLE_GROUPS, Role

from .models import Need, Notification, NotificationKind

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "Felles inngangsdør: "
DIGEST_SUBJECT = "Felles inngangsdør: dagens oppsummering"


def need_url(need_id: int) -> str:
    return f"{settings.PORTAL_BASE_URL}{reverse('needs:detail', args=[need_id])}"


def service_users(service_id: int) -> Iterable[User]:
    return User.objects.filter(service_id=service_id, is_active=True)


def provider_users(provider_ids: Iterable[int]) -> Iterable[User]:
    return User.objects.filter(
        provider_id__in=list(provider_ids), is_active=True, groups__name=ROLE_GROUPS[Role.CENTRE]
    ).distinct()


def curator_users() -> Iterable[User]:
    return User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.EDITOR]).distinct()


def statsforvalter_users(embete_id: int) -> Iterable[User]:
    return User.objects.filter(
        embete_id=embete_id, is_active=True, groups__name=ROLE_GROUPS[Role.STATSFORVALTER]
    ).distinct()


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    need: Need | None,
    now: dt.datetime | None = None,
    exclude: User | None = None,
) -> list[Notification]:
    """Create one notification per recipient; e-mail those who want it at once, after commit."""
    now = now or timezone.now()
    users = {u.pk: u for u in recipients if exclude is None or u.pk != exclude.pk}
    rows = Notification.objects.bulk_create(
        [Notification(recipient=u, kind=kind, need=need, created_at=now) for u in users.values()]
    )
    immediate = [n.pk for n in rows if n.recipient.notify_immediately and n.recipient.email]
    if immediate:
        transaction.on_commit(partial(notifications_email, notification_ids=immediate))
    logger.info("Notified %d users: kind=%s need=%s", len(rows), kind, need.pk if need else None)
    return rows


def _message(notification: Notification) -> EmailMessage:
    kind = NotificationKind(notification.kind)
    body = render_to_string(
        "needs/emails/notification.txt",
        {
            "kind_label": kind.label,
            "url": need_url(notification.need_id) if notification.need_id else settings.PORTAL_BASE_URL,
            "notifications_url": f"{settings.PORTAL_BASE_URL}{reverse('needs:notifications')}",
        },
    )
    return EmailMessage(subject=SUBJECT_PREFIX + kind.label, body=body, to=[notification.recipient.email])


def notifications_email(*, notification_ids: list[int], now: dt.datetime | None = None) -> int:
    """Send the given notifications by e-mail (one each) and mark them sent."""
    pending = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related(
            "recipient"
        )
    )
    if not pending:
        return 0
    sent = get_connection().send_messages([_message(n) for n in pending]) or 0
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now or timezone.now())
    return sent


def digest_email(*, user: User, notifications: list[Notification], now: dt.datetime | None = None) -> bool:
    """One e-mail summarising ``notifications`` for ``user``: kinds and links, no need text."""
    if not notifications or not user.email:
        return False
    lines = [
        {"kind_label": NotificationKind(n.kind).label, "url": need_url(n.need_id) if n.need_id else ""}
        for n in notifications
    ]
    body = render_to_string(
        "needs/emails/digest.txt",
        {"lines": lines, "notifications_url": f"{settings.PORTAL_BASE_URL}{reverse('needs:notifications')}"},
    )
    EmailMessage(subject=DIGEST_SUBJECT, body=body, to=[user.email]).send()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now or timezone.now())
    return True
