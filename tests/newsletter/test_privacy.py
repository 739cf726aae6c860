"""The newsletter's rows follow `newsletter.consent` (2 years after the consent's last use),
are collected by an access request and go with an erasure; a sign-up never confirmed goes
once its link has expired."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from newsletter.models import Delivery, Issue, Subscriber
from newsletter.services import subscriptions
from privacy import consent, enforcement, subjects
from privacy.models import ConsentRecord, EnforcementRun

from .conftest import subscriber

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
USED = dt.datetime(2024, 5, 10, 12, tzinfo=STOCKHOLM)


def run(as_of):
    return enforce(as_of, NOW)


def enforce(as_of, now):
    return enforcement.enforce(
        as_of=as_of, now=now, trigger=EnforcementRun.Trigger.TEST, rule="newsletter.consent"
    )


def _sent(person, when):
    issue = Issue.objects.create(subject="Nytt", body="Hej", created_at=when)
    return Delivery.objects.create(
        issue=issue, subscriber=person, claimed_at=when, sent_at=when, status="sent"
    )


def test_a_subscriber_and_its_deliveries_go_two_years_after_the_last_use():
    person = subscriber("gammal@example.se", now=USED)
    delivery = _sent(person, USED)

    run(dt.date(2026, 5, 9))
    assert Subscriber.objects.filter(pk=person.pk).exists()
    assert Delivery.objects.filter(pk=delivery.pk).exists()

    run(dt.date(2026, 5, 10))
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert not Delivery.objects.filter(pk=delivery.pk).exists()
    # Unused for two years, the consent lapsed: its proof went, and with it any right to send;
    # but she never said no, so her address is not suppressed.
    assert not consent.has_consent(purpose="newsletter", email="gammal@example.se")
    assert not consent.is_suppressed("gammal@example.se")


def test_the_proof_of_an_unsubscription_goes_two_years_after_it_and_the_no_stays(frozen_now):
    left = frozen_now - relativedelta(years=2)
    person = subscriber("slutat@example.se", now=left - dt.timedelta(days=100))
    subscriptions.unsubscribe(
        subscriber=person, method=consent.ConsentMethod.UNSUBSCRIBE_LINK, now=left
    )
    today = timezone.localdate(frozen_now)

    enforce(today - dt.timedelta(days=1), frozen_now)
    assert Subscriber.objects.filter(pk=person.pk).exists()
    assert not consent.is_suppressed("slutat@example.se")

    enforce(today, frozen_now)
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert not ConsentRecord.objects.filter(email="slutat@example.se").exists()
    assert consent.is_suppressed("slutat@example.se")  # never mailed again by mistake


def test_a_send_keeps_the_subscription_alive():
    person = subscriber("aktiv@example.se", now=USED)
    Subscriber.objects.filter(pk=person.pk).update(last_used_at=USED + dt.timedelta(days=30))

    run(dt.date(2026, 5, 10))
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_an_access_request_collects_the_subscription_and_an_erasure_removes_it():
    person = subscriber("insyn@example.se", now=USED)
    delivery = _sent(person, USED)

    report = subjects.collect(email="insyn@example.se", now=NOW)
    found = {i["record"] for c in report["categories"] for i in c["items"]}
    assert f"newsletter.Subscriber#{person.pk}" in found
    assert f"newsletter.Delivery#{delivery.pk}" in found

    subjects.erase(email="insyn@example.se", by=None, now=NOW)
    assert not Subscriber.objects.filter(email="insyn@example.se").exists()
    assert not Delivery.objects.filter(pk=delivery.pk).exists()


# --- A sign-up never confirmed is no consent: it goes when its link has expired.


def sign_up(email, now):
    return subscriptions.request_subscription(
        email=email, source=Subscriber.Source.FOOTER, tracking=False, ip="203.0.113.9", now=now
    )


def test_an_unconfirmed_sign_up_is_kept_while_its_link_works_and_goes_after(frozen_now):
    pending = sign_up("okand@example.se", frozen_now)
    link_life = subscriptions.CONFIRM_VALID_FOR

    assert subscriptions.delete_unconfirmed(now=frozen_now + link_life) == 0
    assert Subscriber.objects.filter(pk=pending.pk).exists()
    assert subscriptions.delete_unconfirmed(now=frozen_now + link_life + dt.timedelta(seconds=1))
    assert not Subscriber.objects.filter(pk=pending.pk).exists()


def test_the_nightly_task_keeps_a_sign_up_the_night_its_link_works_and_deletes_it_the_next(
    frozen_now, time_machine
):
    from config.celery import BEAT_SCHEDULE
    from newsletter import tasks

    pending = sign_up("okand@example.se", frozen_now)
    [schedule] = [
        e["schedule"]
        for e in BEAT_SCHEDULE.values()
        if e["task"] == tasks.delete_unconfirmed_signups.name
    ]
    [hour], [minute] = schedule.hour, schedule.minute
    night = dt.time(hour, minute, tzinfo=dt.UTC)  # the beat's clock is UTC
    today = frozen_now.astimezone(dt.UTC).date()

    time_machine.move_to(dt.datetime.combine(today + dt.timedelta(days=1), night), tick=False)
    tasks.delete_unconfirmed_signups()
    assert Subscriber.objects.filter(pk=pending.pk).exists()  # the link still works till noon

    time_machine.move_to(dt.datetime.combine(today + dt.timedelta(days=2), night), tick=False)
    tasks.delete_unconfirmed_signups()
    assert not Subscriber.objects.filter(pk=pending.pk).exists()


def test_a_new_submission_gives_one_more_link_life_and_no_more(frozen_now):
    pending = sign_up("okand@example.se", frozen_now)
    later = frozen_now + dt.timedelta(hours=20)
    sign_up("okand@example.se", later)  # anyone may type it again

    end = later + subscriptions.CONFIRM_VALID_FOR
    assert subscriptions.delete_unconfirmed(now=end) == 0
    assert subscriptions.delete_unconfirmed(now=end + dt.timedelta(seconds=1)) == 1
    assert not Subscriber.objects.filter(pk=pending.pk).exists()


def test_confirmed_and_unsubscribed_subscribers_stay_under_their_rule(frozen_now):
    active = subscriber("aktiv@example.se", now=frozen_now - dt.timedelta(days=30))
    left = subscriber("slutat@example.se", now=frozen_now - dt.timedelta(days=30))
    subscriptions.unsubscribe(
        subscriber=left, method=consent.ConsentMethod.UNSUBSCRIBE_LINK, now=frozen_now
    )

    assert subscriptions.delete_unconfirmed(now=frozen_now + dt.timedelta(days=2)) == 0
    assert Subscriber.objects.filter(pk__in=[active.pk, left.pk]).count() == 2


def test_a_former_subscriber_typed_in_again_and_not_confirmed_keeps_only_the_ledger(frozen_now):
    person = subscriber("tidigare@example.se", now=frozen_now - dt.timedelta(days=300))
    subscriptions.unsubscribe(
        subscriber=person,
        method=consent.ConsentMethod.UNSUBSCRIBE_LINK,
        now=frozen_now - dt.timedelta(days=200),
    )
    delivery = _sent(person, frozen_now - dt.timedelta(days=250))
    sign_up("tidigare@example.se", frozen_now)

    subscriptions.delete_unconfirmed(now=frozen_now + dt.timedelta(days=2))

    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert not Delivery.objects.filter(pk=delivery.pk).exists()
    [proof] = ConsentRecord.objects.filter(email="tidigare@example.se")  # given and withdrawn
    assert proof.withdrawn_at == frozen_now - dt.timedelta(days=200)
