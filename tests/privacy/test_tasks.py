import datetime as dt

import pytest
from celery.schedules import crontab
from celery.signals import beat_init
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from config.celery import BEAT_SCHEDULE, app
from privacy import tasks
from privacy.beat import sync_schedule
from privacy.models import EnforcementRun

pytestmark = pytest.mark.django_db
ENTRY = "privacy-enforce-retention"


def test_the_nightly_task_is_a_thin_call_that_leaves_an_audit_record():
    pk = tasks.enforce_retention.delay(as_of="2026-01-01").get()
    run = EnforcementRun.objects.get(pk=pk)
    assert (run.trigger, run.as_of, run.status) == (
        EnforcementRun.Trigger.BEAT,
        dt.date(2026, 1, 1),
        EnforcementRun.Status.FINISHED,
    )


def test_the_task_is_given_back_when_its_worker_dies_and_has_time_limits():
    task = app.tasks["privacy.tasks.enforce_retention"]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.soft_time_limit < task.time_limit


def test_enforcement_is_scheduled_nightly_in_utc():
    entry = BEAT_SCHEDULE[ENTRY]
    assert entry["task"] == "privacy.tasks.enforce_retention"
    assert entry["schedule"] == crontab(hour=1, minute=15)
    assert app.conf.timezone == "UTC"


def test_migrate_copies_the_code_schedule_into_the_database_for_admin():
    sync_schedule()
    task = PeriodicTask.objects.get(name=ENTRY)
    assert task.task == "privacy.tasks.enforce_retention" and task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("1", "15")


def test_the_code_schedule_wins_over_edits_in_admin():
    sync_schedule()
    PeriodicTask.objects.filter(name=ENTRY).update(
        enabled=False, crontab=CrontabSchedule.objects.create(hour="12", minute="0")
    )
    assert sync_schedule() == [ENTRY]
    task = PeriodicTask.objects.get(name=ENTRY)
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("1", "15")


def test_starting_beat_re_enables_a_compliance_task_switched_off_in_admin():
    sync_schedule()
    PeriodicTask.objects.filter(name=ENTRY).update(enabled=False)
    beat_init.send(sender=None)
    assert PeriodicTask.objects.get(name=ENTRY).enabled


def test_other_tasks_switched_off_in_admin_stay_off():
    schedule = {"demo": {"task": "celery.backend_cleanup", "schedule": crontab(minute=0)}}
    sync_schedule(schedule)
    PeriodicTask.objects.filter(name="demo").update(enabled=False)
    assert sync_schedule(schedule) == []
    assert not PeriodicTask.objects.get(name="demo").enabled
