"""Which enforcement runs were interrupted: their process is gone, their row says "running".

A run killed with its worker (SIGKILL, a lost machine, the task's hard time limit) never
writes its end. The next run looks at every other run still marked running and marks it
interrupted when its process is certainly gone:

- the new run holds the enforcement lock and the old one had held it: the lock is exclusive
  and dies with its holder's database session (PostgreSQL) or is taken over only from a
  dead or expired holder (the lock row), so the old holder is not running any more;
- the old run's process ("host:pid") was on this host and no such process exists now;
- it started more than STALE_AFTER ago, far beyond any task's time limit.

The new run keeps the ids in its own record (`found_interrupted`) and logs them, so the
audit says what happened and when it was noticed. Rows are only relabelled: the work of an
interrupted run is finished by the next one (see privacy/enforcement.py).
"""

import datetime
import logging

from .locking import process_is_gone
from .models import EnforcementRun

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(days=1)


def mark_interrupted(*, run: EnforcementRun, holds_lock: bool, now: datetime.datetime) -> list[int]:
    """Mark the runs whose process is gone as interrupted; record and return their ids."""
    if holds_lock and not run.held_lock:
        run.held_lock = True
        run.save(update_fields=["held_lock"])
    running = EnforcementRun.objects.filter(status=EnforcementRun.Status.RUNNING).exclude(pk=run.pk)
    gone = [other.pk for other in running if _is_gone(other, holds_lock=holds_lock, now=now)]
    if not gone:
        return []
    EnforcementRun.objects.filter(pk__in=gone, status=EnforcementRun.Status.RUNNING).update(
        status=EnforcementRun.Status.INTERRUPTED
    )
    run.found_interrupted = gone
    run.save(update_fields=["found_interrupted"])
    logger.warning(
        "Retention run %s: earlier runs %s stopped without finishing (their process is "
        "gone) and are marked interrupted",
        run.pk,
        gone,
    )
    return gone


def _is_gone(other: EnforcementRun, *, holds_lock: bool, now: datetime.datetime) -> bool:
    if holds_lock and other.held_lock:
        return True
    if other.process and process_is_gone(other.process):
        return True
    return other.started_at < now - STALE_AFTER
