"""A retention run killed with its worker is marked interrupted by the next run, which
says so in its own record and in the log; a run that may still be alive is left alone."""

import datetime as dt
import logging
import subprocess
import sys

import pytest

from privacy import enforcement
from privacy.locking import exclusive, this_process
from privacy.models import EnforcementRun

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
RUNNING = EnforcementRun.Status.RUNNING
INTERRUPTED = EnforcementRun.Status.INTERRUPTED


def run(**kwargs):
    return enforcement.enforce(
        as_of=dt.date(2026, 6, 1), now=NOW, trigger=EnforcementRun.Trigger.TEST, **kwargs
    )


def earlier_run(*, started=NOW - dt.timedelta(hours=1), **fields):
    return EnforcementRun.objects.create(
        trigger=EnforcementRun.Trigger.BEAT, started_at=started, as_of=started.date(), **fields
    )


def a_dead_process() -> str:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return f"{this_process().rpartition(':')[0]}:{child.stdout.strip()}"


def test_a_run_records_its_process_and_that_it_held_the_lock():
    new = run()
    assert new.process == this_process()
    assert new.held_lock is True


def test_a_run_killed_holding_the_lock_is_marked_interrupted_by_the_next(caplog):
    killed = earlier_run(process="worker-7:4242", held_lock=True)
    with caplog.at_level(logging.WARNING, logger="privacy.runs"):
        new = run()
    killed.refresh_from_db()
    assert killed.status == INTERRUPTED
    assert killed.finished_at is None  # when it stopped is not known
    assert new.found_interrupted == [killed.pk]
    assert new.status == EnforcementRun.Status.FINISHED
    assert f"earlier runs [{killed.pk}] stopped without finishing" in caplog.text


def test_a_run_whose_process_is_gone_is_marked_even_by_a_run_that_is_skipped(lock_held_elsewhere):
    gone = earlier_run(process=a_dead_process())
    with lock_held_elsewhere():
        skipped = run(lock_wait=0.1)
    assert skipped.status == EnforcementRun.Status.SKIPPED
    gone.refresh_from_db()
    assert gone.status == INTERRUPTED
    assert skipped.found_interrupted == [gone.pk]


def test_a_run_that_may_still_be_alive_is_left_running():
    alive_here = earlier_run(process=this_process())  # a dry run of this process, no lock
    elsewhere = earlier_run(process="worker-7:4242")  # another machine, never held the lock
    new = run()
    for other in (alive_here, elsewhere):
        other.refresh_from_db()
        assert other.status == RUNNING
    assert new.found_interrupted == []


def test_a_run_started_more_than_a_day_ago_is_interrupted_wherever_it_ran():
    old = earlier_run(process="worker-7:4242", started=NOW - dt.timedelta(days=1, minutes=1))
    run()
    old.refresh_from_db()
    assert old.status == INTERRUPTED


def test_finished_failed_and_skipped_runs_keep_their_status():
    done = [
        earlier_run(process="worker-7:1", held_lock=True, status=status)
        for status in ("finished", "failed", "skipped")
    ]
    run()
    assert [EnforcementRun.objects.get(pk=r.pk).status for r in done] == [
        "finished",
        "failed",
        "skipped",
    ]


@pytest.fixture
def lock_held_elsewhere():
    """The lock held by another live run (on SQLite the lock row; on PostgreSQL a session)."""
    import contextlib

    from django.db import connection, connections

    from privacy.locking import _advisory_key

    @contextlib.contextmanager
    def held():
        if connection.vendor != "postgresql":
            with exclusive(enforcement.LOCK_NAME, now=NOW) as acquired:
                assert acquired
                yield
            return
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_lock(%s)", [_advisory_key(enforcement.LOCK_NAME)]
                )
            yield
        finally:
            other.close()

    return held
