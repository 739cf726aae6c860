"""Restriction of processing (GDPR art. 18) is storage only: no rule acts on the person's
rows (counted "restricted" in the run and the forecast), and nothing of theirs is mailed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from accounts.models import User
from jobs.models import Application
from mailer import services as mailer
from privacy import enforcement, restrictions
from privacy.models import ConsentRecord, EnforcementRun
from tests.factories import UserFactory
from tests.factories.jobs import ApplicationFactory
from tests.factories.privacy import ConsentRecordFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
LAST_SEEN = dt.date(2025, 3, 10)  # seeker.inactive_account: gone on 2026-03-10


def run(as_of, rule):
    return enforcement.enforce(
        as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule=rule
    ).counts[rule]


def test_a_restricted_seeker_is_kept_past_the_end_of_the_inactive_account_rule():
    restricted = UserFactory(last_seen_on=LAST_SEEN)
    other = UserFactory(last_seen_on=LAST_SEEN)
    restrictions.restrict(user=restricted, reason="Art. 18", by=None, now=NOW)
    run(dt.date(2026, 3, 9), "seeker.inactive_account")
    assert User.objects.filter(pk=other.pk).exists()  # the day before
    counts = run(dt.date(2026, 3, 10), "seeker.inactive_account")
    assert User.objects.filter(pk=restricted.pk).exists()
    assert not User.objects.filter(pk=other.pk).exists()
    assert counts["acted"] >= 1 and counts["restricted"] >= 1  # the account (and its address)
    assert counts["held"] == 0


def test_a_restricted_seeker_goes_once_the_restriction_is_lifted():
    user = UserFactory(last_seen_on=LAST_SEEN)
    restriction = restrictions.restrict(user=user, reason="Art. 18", by=None, now=NOW)
    run(dt.date(2026, 3, 10), "seeker.inactive_account")
    restrictions.lift_restriction(restriction=restriction, by=None, now=NOW)
    run(dt.date(2026, 3, 10), "seeker.inactive_account")
    assert not User.objects.filter(pk=user.pk).exists()


def test_a_restriction_by_address_keeps_rows_found_by_that_address():
    record = ConsentRecordFactory(
        email="stoppa@example.se", last_used_at=dt.datetime(2020, 1, 1, tzinfo=STOCKHOLM)
    )
    restrictions.restrict(email="Stoppa@Example.se", reason="Art. 18", by=None, now=NOW)
    counts = run(dt.date(2026, 1, 1), "newsletter.consent")
    assert ConsentRecord.objects.filter(pk=record.pk).exists()
    assert counts["restricted"] == 1


def test_no_rule_deletes_a_row_whose_deletion_would_cascade_into_a_restricted_row(taxonomy):
    from jobs.models import Ad
    from tests.factories import AdFactory

    old_ad = AdFactory(status=Ad.Status.FILLED, ends_at=dt.datetime(2019, 1, 1, tzinfo=STOCKHOLM))
    seeker = UserFactory()
    application = ApplicationFactory(ad=old_ad, seeker=seeker, submitted_at=NOW)
    restrictions.restrict(user=seeker, reason="Art. 18", by=None, now=NOW)
    run(dt.date(2026, 6, 1), "ads.ad")
    assert Ad.objects.filter(pk=old_ad.pk).exists()
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_forecast_counts_restricted_rows_apart():
    UserFactory(last_seen_on=LAST_SEEN)
    restrictions.restrict(
        user=UserFactory(last_seen_on=LAST_SEEN), reason="Art. 18", by=None, now=NOW
    )
    counts = enforcement.forecast(as_of=dt.date(2026, 3, 10))["seeker.inactive_account"]
    assert counts["acted"] == counts["restricted"] > 0
    assert counts["held"] == 0
    assert User.objects.count() == 2  # a forecast changes nothing


def test_the_inactivity_warning_is_not_sent_to_a_restricted_seeker():
    user = UserFactory(last_seen_on=LAST_SEEN)
    restrictions.restrict(user=user, reason="Art. 18", by=None, now=NOW)
    counts = run(dt.date(2026, 2, 15), "seeker.inactive_account")
    assert counts["warned"] == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "kind", [mailer.MailKind.SERVICE, mailer.MailKind.REPLY, mailer.MailKind.MARKETING]
)
def test_the_mailer_refuses_service_reply_and_marketing_mail_to_a_restricted_person(kind):
    user = UserFactory()
    restrictions.restrict(user=user, reason="Art. 18", by=None, now=NOW)
    assert not mailer.may_send(to=user.email, user=user, kind=kind)
    assert not mailer.may_send(to=user.email, kind=kind)  # found by address alone


def test_a_restricted_account_keeps_its_rows_under_its_other_verified_address():
    from allauth.account.models import EmailAddress

    user = UserFactory()
    EmailAddress.objects.create(user=user, email="andra@example.se", verified=True)
    record = ConsentRecordFactory(
        email="andra@example.se", last_used_at=dt.datetime(2020, 1, 1, tzinfo=STOCKHOLM)
    )
    restrictions.restrict(user=user, reason="Art. 18", by=None, now=NOW)
    run(dt.date(2026, 1, 1), "newsletter.consent")
    assert ConsentRecord.objects.filter(pk=record.pk).exists()


def test_the_forecast_page_rows_give_held_and_restricted_per_window():
    from privacy.selectors import FORECAST_DAYS, retention_forecast

    restrictions.restrict(
        user=UserFactory(last_seen_on=LAST_SEEN), reason="Art. 18", by=None, now=NOW
    )
    rows = {row["rule"].name: row for row in retention_forecast(today=dt.date(2026, 3, 10))}
    row = rows["seeker.inactive_account"]
    assert len(row["held"]) == len(row["restricted"]) == len(FORECAST_DAYS)
    assert all(n >= 1 for n in row["restricted"]) and row["counts"] == [0, 0, 0]


def test_the_forecast_page_shows_held_and_restricted_counts(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, generate_totp_secret())  # staff need a second factor for admin
    client.force_login(staff)
    page = client.get("/en/admin/privacy/enforcementrun/forecast/").content.decode()
    assert "held 0 · restricted 0" in page
