"""The daily job on a controlled clock: escalation after N Norwegian working days, stale interest,
the three-month follow-up, expiry, daily digests; running it twice the same day sends nothing twice.

Dates are in spring 2026, before any demo need (the demo is dated relative to the day it loads)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from portal.needs import services
from portal.needs.models import NeedState, Notification, NotificationKind, Visibility
from portal.needs.services.reminders import (
    digests_send,
    interests_remind_stale,
    needs_escalate_due,
    needs_expire_due,
    needs_follow_up_due,
    reminders_send,
)

from .conftest import at, make_need

D = dt.date


def _publish(users, day: dt.date, **fields):
    need = make_need(users["kommune"], **fields)
    services.need_publish(need=need, user=users["kommune"], now=at(day))
    need.refresh_from_db()
    return need


def _kinds(need, user) -> list[str]:
    return list(Notification.objects.filter(need=need, recipient=user).values_list("kind", flat=True))


def test_escalation_after_ten_working_days_counting_easter(users, fake_match):
    need = _publish(users, D(2026, 3, 30))  # monday before Easter
    # Working days: 31/3, 1/4, then skjærtorsdag, langfredag, the weekend and 2. påskedag are off.
    needs_escalate_due(now=at(D(2026, 4, 15)))  # 9 working days
    need.refresh_from_db()
    assert need.escalated_at is None
    needs_escalate_due(now=at(D(2026, 4, 16)))  # 10 working days
    need.refresh_from_db()
    assert need.escalated_at == at(D(2026, 4, 16))
    assert NotificationKind.ESCALATED in _kinds(need, users["redaktor"])
    assert NotificationKind.ESCALATED not in _kinds(need, users["statsforvalter"])  # not opted in
    assert need.events.filter(action="escalate").count() == 1


@override_settings(NEED_ESCALATION_WORKING_DAYS=3)
def test_escalation_reaches_the_statsforvalter_only_when_the_service_opted_in(users, fake_match):
    shared = _publish(users, D(2026, 2, 2), visibility=Visibility.STATSFORVALTER)
    private = _publish(users, D(2026, 2, 2))
    assert needs_escalate_due(now=at(D(2026, 2, 5))) >= 2
    assert NotificationKind.ESCALATED in _kinds(shared, users["statsforvalter"])
    assert _kinds(private, users["statsforvalter"]) == []
    assert _kinds(shared, users["statsforvalter-vestland"]) == []


def test_a_need_with_interest_is_not_escalated(users, fake_match):
    need = _publish(users, D(2026, 2, 2))
    services.interest_express(need=need, user=users["senter"], now=at(D(2026, 2, 3)))
    needs_escalate_due(now=at(D(2026, 3, 2)))
    need.refresh_from_db()
    assert need.escalated_at is None


def test_running_twice_the_same_day_sends_nothing_twice(
    users, fake_match, django_capture_on_commit_callbacks
):
    need = _publish(users, D(2026, 1, 5))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(now=at(D(2026, 1, 20)))
    notifications = Notification.objects.count()
    sent = len(mail.outbox)
    assert first["escalated"] >= 1 and sent >= 1
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_send(now=at(D(2026, 1, 20), hour=15))
    assert second["escalated"] == 0 and second["stale_interest"] == 0 and second["digests"] == 0
    assert Notification.objects.count() == notifications
    assert len(mail.outbox) == sent
    assert need.events.filter(action="escalate").count() == 1


@override_settings(NEED_STALE_INTEREST_WORKING_DAYS=5)
def test_stale_interest_reminds_the_centre_once_per_quiet_spell(users, fake_match):
    need = _publish(users, D(2026, 1, 5))
    services.interest_express(need=need, user=users["senter"], now=at(D(2026, 1, 6)))
    assert interests_remind_stale(now=at(D(2026, 1, 12))) == 0  # 4 working days
    assert interests_remind_stale(now=at(D(2026, 1, 13))) == 1
    assert interests_remind_stale(now=at(D(2026, 1, 14))) == 0
    assert NotificationKind.STALE_INTEREST in _kinds(need, users["senter"])
    # The centre acts (a message), goes quiet again, and is reminded again.
    services.message_send(
        need=need,
        user=users["senter"],
        provider=users["senter"].provider,
        body="Hei!",
        now=at(D(2026, 1, 15)),
    )
    assert interests_remind_stale(now=at(D(2026, 1, 21))) == 0
    assert interests_remind_stale(now=at(D(2026, 1, 22))) == 1


def test_follow_up_three_months_after_delivery(users, fake_match, client):
    need = _publish(users, D(2026, 1, 5))
    interest = services.interest_express(need=need, user=users["senter"], now=at(D(2026, 1, 6)))
    services.need_agree(need=need, user=users["kommune"], interest_ids=[interest.pk], now=at(D(2026, 1, 8)))
    services.need_deliver(need=need, user=users["kommune"], now=at(D(2026, 2, 1)))
    assert needs_follow_up_due(now=at(D(2026, 5, 1))) == 0  # 89 days
    assert needs_follow_up_due(now=at(D(2026, 5, 2))) == 1  # 90 days (NEED_FOLLOW_UP_DAYS)
    assert needs_follow_up_due(now=at(D(2026, 5, 3))) == 0
    assert NotificationKind.FOLLOW_UP in _kinds(need, users["kommune"])
    client.force_login(users["kommune"])
    form = client.get(f"/behov/{need.pk}/oppfolging/").content.decode()
    assert "Fikk dere den hjelpen dere trengte?" in form and "Har det ført til endring i praksis?" in form
    response = client.post(f"/behov/{need.pk}/oppfolging/", {"helped": "yes", "changed_practice": "yes"})
    assert response.status_code == 302
    assert need.feedback.get(kind="follow_up").changed_practice == "yes"


def test_digest_users_get_one_mail_a_day_with_links_only(
    users, fake_match, django_capture_on_commit_callbacks
):
    centre = users["senter"]
    centre.notify_immediately = False
    centre.save()
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        first = _publish(users, D(2026, 3, 2), title="Første behov om veiledning")
        second = _publish(users, D(2026, 3, 2), title="Andre behov om veiledning")
    assert not [m for m in mail.outbox if centre.email in m.to]  # nothing at once
    assert digests_send(now=at(D(2026, 3, 2), hour=18)) >= 1
    digest = [m for m in mail.outbox if centre.email in m.to]
    assert len(digest) == 1
    assert f"/behov/{first.pk}/" in digest[0].body and f"/behov/{second.pk}/" in digest[0].body
    assert "Første behov" not in digest[0].body and "veiledning" not in digest[0].body.lower()
    digests_send(now=at(D(2026, 3, 2), hour=19))
    assert len([m for m in mail.outbox if centre.email in m.to]) == 1


def test_open_needs_expire_and_the_service_is_told(users, fake_match):
    need = _publish(users, D(2025, 6, 2))
    needs_expire_due(now=at(D(2025, 9, 29)))  # 119 days
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED
    needs_expire_due(now=at(D(2025, 9, 30)))
    need.refresh_from_db()
    assert need.state == NeedState.EXPIRED
    assert NotificationKind.EXPIRED in _kinds(need, users["kommune"])


def test_flagged_drafts_are_deleted_after_a_while(users, fake_match):
    need, report = services.need_create(
        user=users["kommune"],
        data=services.NeedInput(title="Samtaler", description="Ring meg på 412 34 567 om saken."),
        strict_personal_data=False,
        now=at(D(2026, 1, 5)),
    )
    assert report.blocked
    reminders_send(now=at(D(2026, 2, 3)))
    assert type(need).objects.filter(pk=need.pk).exists()
    reminders_send(now=at(D(2026, 2, 4)))
    assert not type(need).objects.filter(pk=need.pk).exists()


def test_command_runs_twice_without_sending_twice(users, fake_match):
    _publish(users, D(2026, 1, 5))
    out = StringIO()
    call_command("send_reminders", "--today", "2026-01-20", stdout=out)
    assert "eskalerte behov" in out.getvalue()
    again = StringIO()
    call_command("send_reminders", "--today", "2026-01-20", stdout=again)
    assert "0 eskalerte behov" in again.getvalue()
    assert "0 daglige oppsummeringer" in again.getvalue()
    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "20.01.2026")
