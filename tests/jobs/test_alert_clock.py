"""seeker.job_alerts counts from the person's own last-seen date, not from the alert's copy
(refreshed only by the daily digest): a seeker seen after the last digest is not lapsed,
nor is a suppressed subscriber whose copy no digest refreshes. Once the account is gone the
copy is the clock."""

import datetime as dt

import pytest

from accounts.models import User
from jobs.models import JobAlert
from privacy import consent, enforcement, registry, retention
from privacy.models import EnforcementRun
from tests.factories import UserFactory
from tests.factories.jobs import JobAlertFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 6, 1, 3, tzinfo=dt.UTC)
COPY = dt.date(2025, 6, 1)  # the alert's copy: lapses on 2027-06-01
SEEN = dt.date(2025, 6, 2)  # the person was seen a day later: lapses on 2027-06-02


def run(as_of):
    return enforcement.enforce(
        as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule="seeker.job_alerts"
    ).counts["seeker.job_alerts"]


def alert_of(user, copy=COPY):
    return JobAlertFactory(
        user=user, email=user.email if user else "kvar@example.se", last_seen_on=copy
    )


def is_running(alert):
    alert.refresh_from_db()
    return alert.is_running


def test_a_seeker_seen_after_the_copy_was_taken_keeps_the_alert_until_their_own_date():
    alert = alert_of(UserFactory(last_seen_on=SEEN))
    run(dt.date(2027, 6, 1))
    assert is_running(alert)
    run(dt.date(2027, 6, 2))
    assert not is_running(alert)
    assert alert.stop_reason == JobAlert.StopReason.LAPSED


def test_a_suppressed_subscriber_is_counted_from_their_own_date():
    user = UserFactory(last_seen_on=SEEN)
    alert = alert_of(user)
    consent.suppress(email=user.email)
    run(dt.date(2027, 6, 1))
    assert is_running(alert)


def test_once_the_account_is_gone_the_alert_counts_from_its_copy():
    user = UserFactory(last_seen_on=SEEN)
    alert = alert_of(user)
    User.objects.filter(pk=user.pk).delete()
    run(dt.date(2027, 5, 31))
    assert is_running(alert)
    run(dt.date(2027, 6, 1))
    assert not is_running(alert)


def test_the_exported_lapse_date_is_the_persons_own():
    alert = alert_of(UserFactory(last_seen_on=SEEN))
    (declaration,) = [
        d for d in registry.for_model("jobs.JobAlert") if d.rule == "seeker.job_alerts"
    ]
    assert retention.clock_value(declaration, alert) == SEEN
