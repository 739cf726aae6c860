"""The newsletter's rows follow `newsletter.consent` (2 years after the consent's last use),
are collected by an access request and go with an erasure."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from newsletter.models import Delivery, Issue, Subscriber
from privacy import consent, enforcement, subjects
from privacy.models import EnforcementRun

from .conftest import subscriber

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
USED = dt.datetime(2024, 5, 10, 12, tzinfo=STOCKHOLM)


def run(as_of):
    return enforcement.enforce(
        as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule="newsletter.consent"
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
    assert consent.is_suppressed("gammal@example.se")  # the proof went: never mailed again


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
