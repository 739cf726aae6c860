"""The retention engine: boundaries, holds, resumability, warnings, the command."""

import contextlib
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from jobs.models import Ad, AdView
from privacy import access, consent, enforcement, holds, registry
from privacy.locking import _advisory_key, exclusive
from privacy.models import (
    AccessRequest,
    ConsentRecord,
    EnforcementRun,
    LegalHold,
    Purpose,
    Restriction,
    RetentionWarning,
)
from privacy.vocabulary import Action, LegalBasis, Subject
from tests.factories import AdFactory
from tests.factories.privacy import ConsentRecordFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)


def at(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def run(as_of, **kwargs):
    return enforcement.enforce(as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, **kwargs)


@pytest.fixture
def ad(taxonomy):
    return AdFactory()


def view(ad, when):
    return AdView.objects.create(
        ad=ad, occurred_at=when, session_hash="a" * 64, device_class="desktop"
    )


# --- Boundaries of the privacy app's own rules.


def test_newsletter_consent_proof_goes_two_years_after_its_last_use():
    record = ConsentRecordFactory(last_used_at=at(2024, 5, 10))
    run(dt.date(2026, 5, 9), rule="newsletter.consent")
    assert ConsentRecord.objects.filter(pk=record.pk).exists()
    run(dt.date(2026, 5, 10), rule="newsletter.consent")
    assert not ConsentRecord.objects.filter(pk=record.pk).exists()


def test_job_alert_consent_proof_goes_two_years_after_withdrawal_or_lapse():
    active = ConsentRecordFactory(purpose=Purpose.JOB_ALERTS, last_used_at=at(2020, 1, 1))
    ended = ConsentRecordFactory(
        purpose=Purpose.JOB_ALERTS, ended_at=at(2024, 3, 3), withdrawn_at=at(2024, 3, 3)
    )
    run(dt.date(2026, 3, 2), rule="seeker.job_alert_consent")
    assert ConsentRecord.objects.filter(pk=ended.pk).exists()
    run(dt.date(2026, 3, 3), rule="seeker.job_alert_consent")
    assert not ConsentRecord.objects.filter(pk=ended.pk).exists()
    assert ConsentRecord.objects.filter(pk=active.pk).exists()  # still consenting


def test_a_withdrawn_alert_consents_proof_leaves_a_suppression_and_a_lapsed_ones_none(
    frozen_now,
):
    ended = frozen_now - relativedelta(years=2)
    withdrawn = ConsentRecordFactory(
        purpose=Purpose.JOB_ALERTS, email="nej@example.se", ended_at=ended, withdrawn_at=ended
    )
    lapsed = ConsentRecordFactory(
        purpose=Purpose.JOB_ALERTS, email="inaktiv@example.se", ended_at=ended
    )
    enforcement.enforce(
        as_of=timezone.localdate(frozen_now),
        now=frozen_now,
        trigger=EnforcementRun.Trigger.TEST,
        rule="seeker.job_alert_consent",
    )
    assert not ConsentRecord.objects.filter(pk__in=[withdrawn.pk, lapsed.pk]).exists()
    assert consent.is_suppressed("nej@example.se")
    assert not consent.is_suppressed("inaktiv@example.se")


def test_a_clock_on_29_february_runs_out_on_28_february():
    record = ConsentRecordFactory(last_used_at=at(2024, 2, 29))
    run(dt.date(2026, 2, 27), rule="newsletter.consent")
    assert ConsentRecord.objects.filter(pk=record.pk).exists()
    run(dt.date(2026, 2, 28), rule="newsletter.consent")
    assert not ConsentRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    "clock",
    [
        at(2025, 3, 30, 0, 30),
        at(2025, 10, 26, 0, 30),
        at(2025, 3, 30, 23, 30),
        at(2025, 10, 26, 23, 30),
    ],
)
def test_a_daylight_saving_day_counts_as_its_local_date(ad, clock):
    # Half past midnight on a DST day is still the previous day in UTC.
    event = view(ad, clock)
    day = clock.date()
    run(day.replace(year=2026) - dt.timedelta(days=1), rule="visitors.tracking")
    assert AdView.objects.filter(pk=event.pk).exists()
    run(day.replace(year=2026), rule="visitors.tracking")
    assert not AdView.objects.filter(pk=event.pk).exists()


def test_closed_requests_restrictions_and_released_holds_go_after_five_years():
    closed = AccessRequest.objects.create(
        email="a@example.se", opened_at=at(2020, 1, 1), closed_at=at(2020, 2, 1)
    )
    lifted = Restriction.objects.create(
        email="b@example.se", reason="x", created_at=at(2020, 1, 1), lifted_at=at(2020, 2, 1)
    )
    released = LegalHold.objects.create(
        email="c@example.se", reason="x", created_at=at(2020, 1, 1), released_at=at(2020, 2, 1)
    )
    run(dt.date(2025, 1, 31), rule="contacts.long_term")
    for row in (closed, lifted, released):
        assert type(row).objects.filter(pk=row.pk).exists()
    run(dt.date(2025, 2, 1), rule="contacts.long_term")
    for row in (closed, lifted, released):
        assert not type(row).objects.filter(pk=row.pk).exists()


# --- Holds and open requests.


def test_held_rows_survive_and_go_at_the_next_run_once_released(ad):
    old = [view(ad, at(2024, 1, 1)) for _ in range(3)]
    hold = holds.place_hold(record=old[0], reason="Tvist om annonsstatistik", by=None, now=NOW)
    first = run(dt.date(2026, 1, 1), rule="visitors.tracking")
    assert first.counts["visitors.tracking"] == {
        "due": 3,
        "acted": 2,
        "held": 1,
        "restricted": 0,
        "warned": 0,
    }
    assert list(AdView.objects.values_list("pk", flat=True)) == [old[0].pk]
    holds.release_hold(hold=hold, by=None, now=NOW)
    run(dt.date(2026, 1, 2), rule="visitors.tracking")
    assert not AdView.objects.exists()


def test_a_hold_that_has_ended_no_longer_keeps_rows(ad):
    event = view(ad, at(2024, 1, 1))
    holds.place_hold(record=event, reason="Tvist", ends_on=dt.date(2026, 1, 1), by=None, now=NOW)
    run(dt.date(2026, 1, 1), rule="visitors.tracking")
    assert AdView.objects.filter(pk=event.pk).exists()
    run(dt.date(2026, 1, 2), rule="visitors.tracking")
    assert not AdView.objects.filter(pk=event.pk).exists()


def test_a_hold_on_a_person_keeps_their_rows_by_address():
    mine = ConsentRecordFactory(email="tvist@example.se", last_used_at=at(2020, 1, 1))
    other = ConsentRecordFactory(last_used_at=at(2020, 1, 1))
    holds.place_hold(email="Tvist@Example.se", reason="Tvist", by=None, now=NOW)
    run(dt.date(2026, 1, 1), rule="newsletter.consent")
    assert ConsentRecord.objects.filter(pk=mine.pk).exists()
    assert not ConsentRecord.objects.filter(pk=other.pk).exists()


def test_no_rule_deletes_the_data_of_a_person_with_an_open_access_request():
    record = ConsentRecordFactory(email="fraga@example.se", last_used_at=at(2020, 1, 1))
    request = access.open_access_request(email="fraga@example.se", by=None, now=NOW)
    counts = run(dt.date(2026, 1, 1), rule="newsletter.consent").counts["newsletter.consent"]
    assert counts["held"] == 1
    assert ConsentRecord.objects.filter(pk=record.pk).exists()
    access.close_access_request(request=request, by=None, now=NOW)
    run(dt.date(2026, 1, 1), rule="newsletter.consent")
    assert not ConsentRecord.objects.filter(pk=record.pk).exists()


def test_no_rule_deletes_a_row_whose_deletion_would_cascade_into_a_held_row(taxonomy):
    from jobs.models import Application
    from tests.factories import UserFactory

    old_ad = AdFactory(status=Ad.Status.FILLED, ends_at=at(2019, 1, 1))
    other_ad = AdFactory(status=Ad.Status.FILLED, ends_at=at(2019, 1, 1))
    application = Application.objects.create(
        ad=old_ad, seeker=UserFactory(), submitted_at=at(2026, 5, 1)
    )
    holds.place_hold(record=application, reason="Diskrimineringstvist", by=None, now=NOW)
    counts = run(dt.date(2026, 6, 1), rule="ads.ad").counts["ads.ad"]
    assert Ad.objects.filter(pk=old_ad.pk).exists()
    assert Application.objects.filter(pk=application.pk).exists()
    assert not Ad.objects.filter(pk=other_ad.pk).exists()
    assert (counts["acted"], counts["held"]) == (1, 1)


# --- Bookkeeping (the `bookkeeping` fixture: a test-only declaration).


@pytest.mark.parametrize(
    ("years", "kept_until"), [(5, dt.date(2023, 12, 31)), (7, dt.date(2025, 12, 31))]
)
def test_bookkeeping_goes_the_day_after_financial_year_end_plus_the_period(
    settings, taxonomy, bookkeeping, years, kept_until
):
    settings.BOOKKEEPING_YEARS = years
    order = AdFactory(published_at=at(2018, 1, 1, 0, 30))
    run(kept_until, rule="billing.bookkeeping")
    assert Ad.objects.filter(pk=order.pk).exists()
    run(kept_until + dt.timedelta(days=1), rule="billing.bookkeeping")
    assert not Ad.objects.filter(pk=order.pk).exists()


# --- Batches, resumability, dry runs, the lock.


def test_a_run_interrupted_mid_batch_is_finished_by_the_next_with_counts_adding_up(ad, monkeypatch):
    keep = view(ad, at(2026, 1, 1))
    for _ in range(7):
        view(ad, at(2024, 1, 1))
    real_act, calls = enforcement._act, []

    def act_then_fail(*args):
        calls.append(1)
        if len(calls) == 2:
            real_act(*args)
            raise RuntimeError("killed mid-batch")
        return real_act(*args)

    monkeypatch.setattr(enforcement, "_act", act_then_fail)
    with pytest.raises(RuntimeError):
        run(dt.date(2026, 1, 1), rule="visitors.tracking", batch_size=3)
    first = EnforcementRun.objects.get()
    assert (first.status, first.error) == (EnforcementRun.Status.FAILED, "RuntimeError")
    assert first.counts["visitors.tracking"]["acted"] == 3  # the failed batch rolled back
    assert AdView.objects.count() == 5
    monkeypatch.setattr(enforcement, "_act", real_act)
    second = run(dt.date(2026, 1, 1), rule="visitors.tracking", batch_size=3)
    assert list(AdView.objects.values_list("pk", flat=True)) == [keep.pk]
    assert second.counts["visitors.tracking"]["acted"] == 4
    assert first.counts["visitors.tracking"]["acted"] + 4 == 7


def test_batches_walk_the_table_by_key(ad):
    for _ in range(10):
        view(ad, at(2024, 1, 1))
    sizes = []
    run(
        dt.date(2026, 1, 1),
        rule="visitors.tracking",
        batch_size=4,
        on_batch=lambda declaration, acted, seconds: sizes.append(acted),
    )
    assert sizes == [4, 4, 2]


def test_a_dry_run_counts_and_changes_nothing(ad):
    view(ad, at(2024, 1, 1))
    result = run(dt.date(2026, 1, 1), dry_run=True)
    assert result.counts["visitors.tracking"]["due"] == 1
    assert result.counts["visitors.tracking"]["acted"] == 0
    assert AdView.objects.count() == 1


@contextlib.contextmanager
def lock_held_by_another_run():
    if connection.vendor != "postgresql":
        with exclusive(enforcement.LOCK_NAME, now=NOW) as acquired:
            assert acquired
            yield
        return
    other = connections.create_connection("default")  # another session, as another worker
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_advisory_key(enforcement.LOCK_NAME)])
        yield
    finally:
        other.close()


def test_a_second_run_while_one_holds_the_lock_does_nothing(ad):
    view(ad, at(2024, 1, 1))
    with lock_held_by_another_run():
        skipped = run(dt.date(2026, 1, 1), lock_wait=0.3)
    assert skipped.status == EnforcementRun.Status.SKIPPED
    assert AdView.objects.count() == 1


def test_every_rule_reports_even_without_declarations():
    result = run(dt.date(2026, 1, 1))
    assert set(result.counts) >= {"support.requests", "contacts.partner", "cookies"}
    assert result.counts["support.requests"] == {
        "due": 0,
        "acted": 0,
        "held": 0,
        "restricted": 0,
        "warned": 0,
    }
    assert result.status == EnforcementRun.Status.FINISHED and result.finished_at


def test_the_run_record_holds_no_personal_data():
    ConsentRecordFactory(email="hemlig@example.se", last_used_at=at(2020, 1, 1))
    result = run(dt.date(2026, 1, 1))
    assert "hemlig" not in str(result.counts) + str(result)


# --- The warning before deletion.


@pytest.fixture
def warned(declare):
    calls = []
    declare(
        model="privacy.AccessRequest",
        subject=Subject.SEEKER,
        category="Test",
        fields=("email",),
        purpose="Test",
        legal_basis=LegalBasis.CONSENT,
        rule="seeker.inactive_account",
        clock_field="opened_at",
        email_path="email",
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
        warn_days_before=30,
        warn=lambda obj, expiry: calls.append((obj.pk, expiry)),
    )
    return calls


def test_the_warning_goes_once_per_clock_cycle_thirty_days_before(warned):
    request = AccessRequest.objects.create(
        email="a@example.se", opened_at=at(2025, 6, 1), closed_at=at(2025, 6, 1)
    )
    run(dt.date(2026, 5, 1), rule="seeker.inactive_account")
    assert warned == []
    run(dt.date(2026, 5, 2), rule="seeker.inactive_account")
    run(dt.date(2026, 5, 3), rule="seeker.inactive_account")
    assert warned == [(request.pk, dt.date(2026, 6, 1))]
    assert RetentionWarning.objects.get().clock_on == dt.date(2025, 6, 1)
    # Activity moves the clock: a new cycle, a new warning.
    AccessRequest.objects.filter(pk=request.pk).update(opened_at=at(2025, 7, 1))
    run(dt.date(2026, 6, 2), rule="seeker.inactive_account")
    assert warned[-1] == (request.pk, dt.date(2026, 7, 1))
    assert AccessRequest.objects.filter(pk=request.pk).exists()


# --- The command.


def test_the_command_prints_one_line_per_rule(ad):
    view(ad, at(2024, 1, 1))
    out = io.StringIO()
    call_command("enforce_retention", "--as-of", "2026-01-01", stdout=out)
    lines = out.getvalue().splitlines()
    tracking = next(line for line in lines if line.startswith("visitors.tracking"))
    assert tracking.split() == [
        "visitors.tracking",
        "due",
        "1",
        "acted",
        "1",
        "held",
        "0",
        "restricted",
        "0",
    ]
    assert len(lines) == 1 + len(enforcement.rule_names())
    assert EnforcementRun.objects.get().trigger == EnforcementRun.Trigger.COMMAND


def test_the_command_dry_run_and_single_rule(ad):
    view(ad, at(2024, 1, 1))
    out = io.StringIO()
    call_command(
        "enforce_retention",
        "--dry-run",
        "--as-of",
        "2026-01-01",
        "--rule",
        "visitors.tracking",
        stdout=out,
    )
    assert "DRY RUN" in out.getvalue()
    assert len(out.getvalue().splitlines()) == 2
    assert AdView.objects.count() == 1


def test_the_command_refuses_a_bad_date_or_rule():
    with pytest.raises(CommandError):
        call_command("enforce_retention", "--as-of", "1 januari")
    with pytest.raises(CommandError):
        call_command("enforce_retention", "--rule", "nope")


def test_deletion_date_matches_the_engine(ad):
    from privacy.retention import deletion_date

    event = view(ad, at(2024, 2, 29, 0, 15))
    declaration = registry.for_model("jobs.AdView")[0]
    assert deletion_date(declaration, event) == dt.date(2025, 2, 28)
    assert timezone.is_aware(event.occurred_at)


def test_a_model_that_is_not_installed_is_refused_and_its_rule_reports_zero_rows(declare):
    with pytest.raises(ImproperlyConfigured, match=r"'support\.Request'"):
        declare(
            model="support.Request",
            subject=Subject.CONTACT,
            category="Support",
            fields=("email",),
            purpose="Support",
            legal_basis=LegalBasis.CONTRACT,
            rule="support.requests",
            clock_field="last_message_at",
            email_path="email",
            on_expiry=Action.DELETE,
            on_erase=Action.DELETE,
        )
    assert run(dt.date(2026, 1, 1)).counts["support.requests"]["due"] == 0


def test_a_stop_writes_its_values_with_the_run_time_calls_its_hook_and_never_acts_twice(declare):
    from privacy.models import Restriction

    stopped = []
    declare(
        model="privacy.Restriction",
        subject=Subject.SEEKER,
        category="Test",
        fields=("email",),
        purpose="Test",
        legal_basis=LegalBasis.CONSENT,
        rule="seeker.job_alerts",
        clock_field="created_at",
        email_path="email",
        on_expiry=Action.STOP,
        on_erase=Action.DELETE,
        anonymise={"reason": "lapsed", "lifted_at": registry.NOW},
        before_act=lambda qs, now: stopped.extend(qs.values_list("pk", flat=True)),
    )
    # An erasure's restriction (kept_until set) stops no rule, so the row itself is free.
    row = Restriction.objects.create(
        email="a@example.se", reason="x", created_at=at(2020, 1, 1), kept_until=at(2020, 1, 1)
    )
    first = run(dt.date(2026, 1, 1), rule="seeker.job_alerts")
    row.refresh_from_db()
    assert (row.reason, row.lifted_at) == ("lapsed", NOW)
    assert stopped == [row.pk]
    again = run(dt.date(2026, 1, 2), rule="seeker.job_alerts")
    assert first.counts["seeker.job_alerts"]["acted"] == 1
    assert again.counts["seeker.job_alerts"]["due"] == 0
