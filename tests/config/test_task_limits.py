"""Without a worker: every task's limits are ones Celery accepts when the task is sent (a
task's own time limit below the soft limit, its own or the global one, is refused by
apply_async, so a beat entry with it never runs). tests/config/test_beat_on_worker.py sends
each beat entry through a real worker."""

from config.celery import BEAT_SCHEDULE
from tests.config.test_workers import our_tasks


def test_no_task_has_a_soft_time_limit_above_its_time_limit():
    for name, task in our_tasks().items():
        if task.time_limit and task.soft_time_limit:
            assert task.soft_time_limit <= task.time_limit, name


def test_every_beat_entry_names_a_task_that_can_be_sent():
    tasks = our_tasks()
    for name, entry in BEAT_SCHEDULE.items():
        task = tasks[entry["task"]]
        assert not (
            task.time_limit and task.soft_time_limit and task.soft_time_limit > task.time_limit
        ), name
