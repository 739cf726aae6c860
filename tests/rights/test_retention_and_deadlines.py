import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from config.celery import BEAT_SCHEDULE
from privacy import enforcement, registry
from privacy.models import EnforcementRun
from rights import tasks
from rights.models import AccessReport, DataRequest, Kind, RequestEvent
from rights.services import deadlines, requests
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)


def at(year, month, day):
    return dt.datetime(year, month, day, 12, tzinfo=STOCKHOLM)


def run(as_of):
    return enforcement.enforce(
        as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule="contacts.long_term"
    )


def test_requests_are_declared_under_contacts_long_term():
    for label in ("rights.DataRequest", "rights.RequestEvent", "rights.AccessReport"):
        assert [d.rule for d in registry.for_model(label)] == ["contacts.long_term"]


def test_a_closed_request_and_its_timeline_go_five_years_after_it_closed(handler):
    filed = requests.enter_request(
        kind=Kind.ACCESS, email="a@example.se", by=handler, now=at(2020, 1, 10)
    )
    requests.complete_request(request=filed, outcome="Sent", by=handler, now=at(2020, 2, 1))
    still_open = requests.enter_request(
        kind=Kind.ERASURE, email="b@example.se", by=handler, now=at(2020, 1, 10)
    )
    report = AccessReport.objects.create(
        email="a@example.se", state="ready", created_at=at(2020, 2, 1)
    )
    run(dt.date(2025, 1, 31))
    assert DataRequest.objects.filter(pk=filed.pk).exists()
    assert AccessReport.objects.filter(pk=report.pk).exists()
    run(dt.date(2025, 2, 1))
    assert not DataRequest.objects.filter(pk=filed.pk).exists()
    assert not RequestEvent.objects.filter(request_id=filed.pk).exists()
    assert DataRequest.objects.filter(pk=still_open.pk).exists()  # open: no clock yet
    assert not AccessReport.objects.filter(pk=report.pk).exists()


def test_an_open_access_request_keeps_the_rules_off_the_persons_data(handler):
    from privacy.models import AccessRequest, Restriction

    lifted = Restriction.objects.create(
        email="a@example.se", reason="x", created_at=at(2019, 1, 1), lifted_at=at(2019, 2, 1)
    )
    filed = requests.enter_request(
        kind=Kind.ACCESS, email="a@example.se", by=handler, now=at(2024, 12, 1)
    )
    assert AccessRequest.objects.open().filter(email="a@example.se").exists()
    run(dt.date(2025, 1, 1))
    assert Restriction.objects.filter(pk=lifted.pk).exists()
    requests.complete_request(request=filed, outcome="Sent", by=handler, now=at(2024, 12, 20))
    run(dt.date(2025, 1, 1))
    assert not Restriction.objects.filter(pk=lifted.pk).exists()


def test_the_deadline_mail_goes_to_handlers_with_each_band(frozen_now, handler):
    today = frozen_now.date()
    staff_user("rights.view_datarequest")  # looks only: no mail

    def due_in(days, email):
        filed = requests.enter_request(kind=Kind.ACCESS, email=email, by=handler, now=frozen_now)
        DataRequest.objects.filter(pk=filed.pk).update(due_on=today + dt.timedelta(days=days))

    due_in(-2, "late@example.se")
    due_in(1, "one@example.se")
    due_in(3, "three@example.se")
    due_in(6, "six@example.se")
    due_in(20, "later@example.se")
    found = deadlines.buckets(today=today)
    assert [len(found[k]) for k in ("overdue", "1", "3", "7")] == [1, 1, 1, 1]
    mail.outbox.clear()
    assert deadlines.send_deadline_mail(now=frozen_now) == 1
    assert mail.outbox[0].to == [handler.email]
    body = mail.outbox[0].body
    assert "late@example.se" not in body  # request numbers, no addresses
    for heading in ("Förfallen", "Förfaller inom 1 dag", "inom 3 dagar", "inom 7 dagar"):
        assert heading in body


def test_no_deadline_mail_when_nothing_is_due(frozen_now, handler):
    mail.outbox.clear()
    assert deadlines.send_deadline_mail(now=frozen_now) == 0
    assert not mail.outbox


def test_the_beat_runs_the_deadline_mail_and_the_purge():
    tasks_scheduled = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert "rights.tasks.mail_deadlines" in tasks_scheduled
    assert "rights.tasks.delete_unverified_requests" in tasks_scheduled
    assert tasks.mail_deadlines.name == "rights.tasks.mail_deadlines"
