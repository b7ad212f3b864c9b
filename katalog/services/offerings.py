"""Freshness of offerings: confirming an entry is still true, finding entries that are (or soon will be)
unconfirmed for twelve months, and reminding each centre's editors about theirs.

"Last confirmed" is the provider's statement that an entry is still correct, separate from "last
edited" (domain.md §3). Entries not confirmed for ``STALE_AFTER_DAYS`` are marked on their page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.permissions import page_permission_policy

from ..choices import STALE_AFTER_DAYS
from ..models import OfferingPage, ProviderPage
from .site import provider_group_names

CONFIRM_LOG_ACTION = "katalog.confirm"
CONFIRM_DENIED = "Du kan bare bekrefte tilbud du har redigeringstilgang til."
# Editors are reminded this many days before an entry turns unconfirmed.
REMINDER_HORIZON_DAYS = 30


def _stale_before(on: dt.date) -> dt.date:
    """Entries confirmed before this date are unconfirmed on ``on`` (see ``offering_is_stale``)."""
    return on - dt.timedelta(days=STALE_AFTER_DAYS)


def offering_list_stale(
    *, on: dt.date | None = None, pages: QuerySet | None = None
) -> QuerySet[OfferingPage]:
    """Live offerings that are unconfirmed on ``on`` (today by default): never confirmed, or confirmed
    more than twelve months before. ``pages`` narrows the search (e.g. to one centre's subtree)."""
    on = on or timezone.localdate()
    queryset = OfferingPage.objects.live()
    if pages is not None:
        queryset = queryset.filter(pk__in=pages.values("pk"))
    stale = Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=_stale_before(on))
    return queryset.filter(stale).order_by("last_confirmed", "title")


def offering_list_stale_for_user(*, user, on: dt.date | None = None) -> QuerySet[OfferingPage]:
    """Unconfirmed offerings the user may edit: their own centre's for centre editors and moderators,
    all of them for portal editors and administrators."""
    editable = page_permission_policy.instances_user_has_any_permission_for(user, ["change"])
    return offering_list_stale(on=on, pages=editable)


@transaction.atomic
def offering_confirm(*, page: OfferingPage, user, today: dt.date | None = None) -> OfferingPage:
    """Record that ``user`` confirmed the offering is up to date (``last_confirmed`` = today).

    - Live with no unpublished changes: saved as a new revision and republished, so the public page,
      the search index and the revision history all show the confirmation.
    - Live with a pending draft, or not live: nothing is published (a draft may be half-finished or in
      moderation). The confirmation is written to the page row (what the public sees while live) and
      to the latest revision, so publishing that draft later keeps it.

    :raises PermissionDenied: if the user may not edit the page.
    """
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied(CONFIRM_DENIED)
    today = today or timezone.localdate()
    page = OfferingPage.objects.select_for_update().get(pk=page.pk)
    page.last_confirmed, page.confirmed_by = today, user
    if page.live and not page.has_unpublished_changes:
        # The new revision is the live content plus the confirmation, nothing an editor wrote, so it
        # may be republished without the moderation that editors' own changes go through. clean=False:
        # confirming must not be blocked by validation rules added after the page was published.
        revision = page.save_revision(user=user, clean=False)
        revision.publish(user=user, skip_permission_checks=True)
    else:
        OfferingPage.objects.filter(pk=page.pk).update(last_confirmed=today, confirmed_by=user)
        revision = page.latest_revision
        if revision is not None:
            revision.content.update(last_confirmed=today.isoformat(), confirmed_by=user.pk)
            revision.save(update_fields=["content"])
    log(instance=page, action=CONFIRM_LOG_ACTION, user=user, data={"last_confirmed": today.isoformat()})
    return page


# --- Reminders ----------------------------------------------------------------------------------------


@dataclass
class StaleReminder:
    """One centre's reminder: what is already unconfirmed, what turns unconfirmed soon, and to whom."""

    provider_page: ProviderPage
    stale: list[OfferingPage] = field(default_factory=list)
    soon: list[OfferingPage] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def _admin_url(name: str, page_id: int) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=[page_id])


def _recipients(provider_page: ProviderPage) -> list[str]:
    """Active members of the centre's editor and moderator groups who have an e-mail address."""
    users = get_user_model().objects.filter(
        groups__name__in=provider_group_names(provider_page.provider), is_active=True
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def stale_reminders_build(*, today: dt.date | None = None) -> list[StaleReminder]:
    """Per centre: live offerings that are unconfirmed today or will be within the reminder horizon."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REMINDER_HORIZON_DAYS)
    reminders = []
    for provider_page in ProviderPage.objects.live().select_related("provider").order_by("title"):
        subtree = OfferingPage.objects.descendant_of(provider_page)
        due = list(offering_list_stale(on=horizon, pages=subtree))
        if not due:
            continue
        stale_ids = set(offering_list_stale(on=today, pages=subtree).values_list("pk", flat=True))
        reminders.append(
            StaleReminder(
                provider_page=provider_page,
                stale=[p for p in due if p.pk in stale_ids],
                soon=[p for p in due if p.pk not in stale_ids],
                recipients=_recipients(provider_page),
            )
        )
    return reminders


def _render(reminder: StaleReminder) -> tuple[str, str]:
    def rows(pages):
        return [
            {
                "title": p.title,
                "edit_url": _admin_url("wagtailadmin_pages:edit", p.pk),
                "confirm_url": _admin_url("katalog_offering_confirm", p.pk),
            }
            for p in pages
        ]

    context = {
        "provider": reminder.provider_page.provider,
        "stale": rows(reminder.stale),
        "soon": rows(reminder.soon),
        "horizon_days": REMINDER_HORIZON_DAYS,
    }
    subject = render_to_string("katalog/emails/stale_offerings_subject.txt", context)
    body = render_to_string("katalog/emails/stale_offerings.txt", context)
    return " ".join(subject.split()), body


def stale_reminders_send(*, today: dt.date | None = None, dry_run: bool = False) -> list[StaleReminder]:
    """E-mail each centre's editors and moderators the titles of, and admin links to, their offerings
    that are unconfirmed or turn unconfirmed within the horizon. One e-mail per recipient, so no one
    sees other people's addresses. Returns the reminders (sent or, with ``dry_run``, not)."""
    reminders = stale_reminders_build(today=today)
    if dry_run:
        return reminders
    messages = []
    for reminder in reminders:
        subject, body = _render(reminder)
        messages.extend(EmailMessage(subject, body, to=[address]) for address in reminder.recipients)
    if messages:
        get_connection().send_messages(messages)
    return reminders
