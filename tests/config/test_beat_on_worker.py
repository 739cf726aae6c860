"""Every beat entry, sent through a real Celery worker on Redis as beat would send it.

A task name that exists is not enough: a task's options are checked when beat sends it (a
time limit below the soft limit, global or its own, is refused), so an entry can look fine in
config/celery.py and never run. Each entry is sent through beat's own scheduler, and the
worker's log must show it succeeded; the employer deactivation also shows its effect.
The worker is the one of tests/config/test_celery_worker.py, logging at info level.
"""

import datetime as dt
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import beat
from django.db import connection
from django.utils import timezone

from accounts.models import User
from config.celery import BEAT_SCHEDULE, app
from tests.config.test_celery_worker import BASE_DIR, Worker, _database_url
from tests.factories.accounts import UserFactory
from tests.factories.companies import MembershipFactory

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs a Redis broker: set REDIS_URL (e.g. redis://127.0.0.1:6379/1)",
    ),
]


class LoggingWorker(Worker):
    def __init__(self, process: subprocess.Popen, queue: str, log: Path):
        super().__init__(process, queue)
        self.log = log

    def send_entry(self, name: str) -> None:
        """Send one entry the way beat does (its scheduler calls the task's apply_async, which
        checks the task's options), only routed to this worker's queue."""
        app.loader.import_default_modules()  # as beat does at start: every app's tasks
        entry = dict(BEAT_SCHEDULE[name])
        entry["options"] = {**entry.get("options", {}), "queue": self.queue}
        scheduler = beat.Scheduler(app=app, lazy=True)
        scheduler.apply_async(beat.ScheduleEntry(name=name, app=app, **entry), advance=False)

    def wait_for(self, task: str, timeout: float = 60) -> str:
        """The worker's last word on `task`: succeeded, or the reason it did not run."""
        pattern = re.compile(rf"Task {re.escape(task)}\[[^\]]+\] succeeded")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log.read_text(errors="replace")
            if pattern.search(text):
                return "succeeded"
            if re.search(rf"(raised|rejected|Error).*{re.escape(task)}", text) or (
                task in text and "Traceback" in text
            ):
                return text
            time.sleep(0.1)
        return "no answer in time:\n" + self.log.read_text(errors="replace")


@pytest.fixture
def worker(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker must share the test database")
    queue = f"beat-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRIVATE_MEDIA_ROOT": str(tmp_path),
    }
    celery = Path(sys.executable).with_name("celery")
    log_path = tmp_path / "worker.log"
    log = open(log_path, "wb")  # noqa: SIM115  (closed in teardown)
    process = subprocess.Popen(  # noqa: S603
        [
            *(str(celery), "-A", "config", "worker", "-l", "info", "-c", "1", "-Q", queue),
            *("-n", f"{queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"),
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    worker = LoggingWorker(process, queue, log_path)
    if not worker.pool_processes(timeout=30):
        log.close()
        pytest.fail("worker did not start:\n" + log_path.read_text())
    yield worker
    app.conf.task_always_eager = True
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def test_every_beat_entry_runs_on_a_real_worker(worker):
    for name, entry in BEAT_SCHEDULE.items():
        worker.send_entry(name)
        outcome = worker.wait_for(entry["task"])
        assert outcome == "succeeded", f"{name}: {outcome}"


def test_the_employer_deactivation_entry_deactivates_an_idle_employer_on_the_worker(worker):
    today = timezone.localdate()
    idle = MembershipFactory(user=UserFactory(last_seen_on=today - dt.timedelta(days=800))).user
    recent = MembershipFactory(user=UserFactory(last_seen_on=today)).user
    worker.send_entry("accounts-deactivate-inactive-employers")
    outcome = worker.wait_for("accounts.tasks.deactivate_inactive_employers")
    assert outcome == "succeeded", outcome
    assert not User.objects.get(pk=idle.pk).is_active
    assert User.objects.get(pk=recent.pk).is_active
