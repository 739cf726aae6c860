"""A real Celery worker on Redis, sharing the test database: the nightly task end to end, and
the fault injection of the retention engine (a worker killed at random points of a run).

The worker is a `celery -A config worker` subprocess on its own queue, pointed at
pytest-django's test database through DATABASE_URL; the tests are transactional so the
worker sees their rows. PostgreSQL only: an in-memory SQLite test database cannot be shared
with another process.
"""

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from config.celery import app
from jobs.models import AdView
from privacy import holds, tasks
from privacy.models import EnforcementRun, LegalHold
from tests.factories import AdFactory

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs a Redis broker: set REDIS_URL (e.g. redis://127.0.0.1:6379/1)",
    ),
]
BASE_DIR = Path(settings.BASE_DIR)
AS_OF = "2026-01-01"


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


class Worker:
    def __init__(self, process: subprocess.Popen, queue: str):
        self.process, self.queue = process, queue

    def send(self, **kwargs):
        return tasks.enforce_retention.apply_async(kwargs=kwargs, queue=self.queue)

    def pool_processes(self, timeout: float = 10) -> list[int]:
        """The pool's processes (after a kill the worker takes a moment to start anew)."""
        deadline = time.monotonic() + timeout
        while not (children := _children(self.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.02)
        return children

    def kill_pool_process(self) -> bool:
        """SIGKILL the pool process that runs tasks (the worker itself starts a new one)."""
        children = self.pool_processes()
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        return bool(children)


@pytest.fixture
def worker(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker must share the test database")
    queue = f"privacy-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRIVATE_MEDIA_ROOT": str(tmp_path),
    }
    celery = Path(sys.executable).with_name("celery")
    log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115  (closed in teardown)
    process = subprocess.Popen(  # noqa: S603
        [
            str(celery),
            "-A",
            "config",
            "worker",
            "-l",
            "warning",
            "-c",
            "1",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    worker = Worker(process, queue)
    if not worker.pool_processes(timeout=30):
        log.close()
        pytest.fail("worker did not start:\n" + (tmp_path / "worker.log").read_text())
    yield worker
    app.conf.task_always_eager = True
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def _wait_for_finished_run(after_pk: int, timeout: float = 60) -> EnforcementRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = EnforcementRun.objects.filter(
            pk__gt=after_pk, status=EnforcementRun.Status.FINISHED
        ).first()
        if run:
            return run
        time.sleep(0.05)
    raise AssertionError("no enforcement run finished in time")


def test_the_nightly_task_runs_on_a_real_worker_and_leaves_its_audit_record(worker):
    worker.send(as_of=AS_OF)
    run = _wait_for_finished_run(0)
    assert run.trigger == EnforcementRun.Trigger.BEAT
    assert "visitors.tracking" in run.counts


def _seed(ad, *, expired: int, held: int, fresh: int) -> set[int]:
    """Rows for one round; returns the keys an uninterrupted run leaves in place."""
    old = timezone.now().replace(year=2024)
    AdView.objects.bulk_create(
        AdView(ad=ad, occurred_at=old, session_hash="e" * 64, device_class="desktop")
        for _ in range(expired + held)
    )
    AdView.objects.bulk_create(
        AdView(ad=ad, occurred_at=timezone.now(), session_hash="f" * 64, device_class="mobile")
        for _ in range(fresh)
    )
    keep = set(AdView.objects.filter(device_class="mobile").values_list("pk", flat=True))
    for view in AdView.objects.filter(device_class="desktop").order_by("?")[:held]:
        holds.place_hold(record=view, reason="Tvist", by=None, now=timezone.now())
        keep.add(view.pk)
    return keep


def test_a_worker_killed_at_random_points_of_a_run_always_ends_as_an_uninterrupted_run(
    worker, taxonomy
):
    seed = int(os.environ.get("FAULT_SEED", random.SystemRandom().randrange(10**6)))
    rng = random.Random(seed)
    ad = AdFactory()
    expired, rounds, killed_mid_run = 600, 20, 0
    for round_no in range(rounds):
        marker = EnforcementRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        survivors = _seed(ad, expired=expired, held=5, fresh=5)
        worker.pool_processes()
        worker.send(as_of=AS_OF, batch_size=10, trigger=EnforcementRun.Trigger.TEST)
        time.sleep(rng.uniform(0.0, 0.5))
        finished_before_kill = EnforcementRun.objects.filter(
            pk__gt=marker, status=EnforcementRun.Status.FINISHED
        ).exists()
        assert worker.kill_pool_process()
        killed_mid_run += not finished_before_kill
        _wait_for_finished_run(marker)
        runs = EnforcementRun.objects.filter(pk__gt=marker)
        context = f"seed {seed}, round {round_no}"
        assert set(AdView.objects.values_list("pk", flat=True)) == survivors, context
        acted = sum(r.counts.get("visitors.tracking", {}).get("acted", 0) for r in runs)
        assert acted == expired, f"{context}: acted {acted} times on {expired} rows"
        assert not runs.filter(status=EnforcementRun.Status.SKIPPED).exists(), context
        AdView.objects.all().delete()
        LegalHold.objects.all().delete()
    assert killed_mid_run >= rounds // 4, f"seed {seed}: only {killed_mid_run} kills hit a run"
