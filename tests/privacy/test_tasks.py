import datetime as dt

import pytest
from celery.schedules import crontab
from celery.signals import beat_init
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from config.celery import BEAT_SCHEDULE, app
from privacy import tasks
from privacy.beat import COMPLIANCE_TASKS, sync_schedule
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


# --- Admin: staff see and run the tasks, but cannot switch a compliance task off.


@pytest.fixture
def beat_admin(client):
    from tests.factories.accounts import staff_user

    staff = staff_user(
        "django_celery_beat.view_periodictask",
        "django_celery_beat.change_periodictask",
        "django_celery_beat.delete_periodictask",
    )
    client.force_login(staff)
    sync_schedule()
    return client


def _act(client, action, names):
    pks = PeriodicTask.objects.filter(name__in=names).values_list("pk", flat=True)
    return client.post(
        "/admin/django_celery_beat/periodictask/",
        {"action": action, "_selected_action": list(pks), "post": "yes"},
        follow=True,
    )


def test_every_compliance_task_is_in_the_schedule():
    assert {entry["task"] for entry in BEAT_SCHEDULE.values()} >= COMPLIANCE_TASKS


def test_switching_every_task_off_in_admin_leaves_the_compliance_tasks_on(beat_admin):
    everything = list(PeriodicTask.objects.values_list("name", flat=True))
    for action, others_on in (("disable_tasks", False), ("toggle_tasks", True)):
        response = _act(beat_admin, action, everything)
        assert response.status_code == 200
        assert "privacy-enforce-retention" in response.text  # named as staying on
        for task in PeriodicTask.objects.filter(task__in=COMPLIANCE_TASKS):
            assert task.enabled, (action, task.name)
        assert PeriodicTask.objects.get(name="companies-invoice-reminders").enabled == others_on


def test_a_compliance_task_cannot_be_deleted_or_changed_in_admin(beat_admin):
    everything = list(PeriodicTask.objects.values_list("name", flat=True))
    assert _act(beat_admin, "delete_selected", everything).status_code == 403
    assert set(PeriodicTask.objects.values_list("task", flat=True)) >= COMPLIANCE_TASKS
    other = PeriodicTask.objects.get(name="companies-invoice-reminders")
    _act(beat_admin, "delete_selected", [other.name])
    assert not PeriodicTask.objects.filter(pk=other.pk).exists()  # the others may go
    task = PeriodicTask.objects.get(name=ENTRY)
    url = f"/admin/django_celery_beat/periodictask/{task.pk}/change/"
    beat_admin.post(url, {"name": ENTRY, "task": task.task, "enabled": ""})
    assert PeriodicTask.objects.get(name=ENTRY).enabled
    assert 'name="enabled"' not in beat_admin.get(url).text  # shown, not a form


def test_the_schedule_of_a_compliance_task_cannot_be_changed_or_deleted_in_admin(client):
    """A crontab set to the 30th of February stopped the nightly retention, the task still on."""
    from django_celery_beat.models import CrontabSchedule

    from tests.factories.accounts import staff_user

    client.force_login(
        staff_user(
            "django_celery_beat.view_crontabschedule",
            "django_celery_beat.change_crontabschedule",
            "django_celery_beat.delete_crontabschedule",
        )
    )
    sync_schedule()
    schedule = PeriodicTask.objects.get(name=ENTRY).crontab
    before = str(schedule)
    url = f"/admin/django_celery_beat/crontabschedule/{schedule.pk}/change/"
    form = {"minute": "0", "hour": "3", "day_of_month": "30", "month_of_year": "2"}
    client.post(url, {**form, "day_of_week": "*", "timezone": "UTC"})
    schedule.refresh_from_db()
    assert str(schedule) == before
    assert 'name="day_of_month"' not in client.get(url).text  # shown, not a form
    assert client.post(url.replace("change", "delete"), {"post": "yes"}).status_code == 403
    other = CrontabSchedule.objects.create(minute="5", hour="4")
    client.post(
        "/admin/django_celery_beat/crontabschedule/",
        {"action": "delete_selected", "_selected_action": [schedule.pk, other.pk], "post": "yes"},
    )
    assert CrontabSchedule.objects.filter(pk=schedule.pk).exists()
    assert PeriodicTask.objects.filter(name=ENTRY, crontab=schedule).exists()
