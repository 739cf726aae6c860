"""The nightly retention task: a thin call into privacy.enforcement.enforce (and the
nightly sweep of files with no row, privacy.orphans).

Safe at least once: the task is acknowledged late and given back when its worker dies
(acks_late with reject_on_worker_lost), so a killed run is run again; the engine's lock
makes an overlapping run (two beats, a retry, a manual run) do nothing, and its batches
make a re-run finish the work without acting twice. A task lost with its whole worker is
delivered again after the broker's visibility timeout, which is set just above the longest
task time limit (config/settings.py); the new run marks the lost one interrupted.
"""

import datetime
from typing import Any

from celery import shared_task
from django.utils import timezone

from . import files, orphans
from .enforcement import enforce
from .models import EnforcementRun


@shared_task(  # type: ignore[untyped-decorator]  # celery ships no type information
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=20 * 60,  # a million expired rows take seconds (bench/privacy_enforcement.py)
    soft_time_limit=18 * 60,
    ignore_result=True,
)
def enforce_retention(
    *,
    dry_run: bool = False,
    as_of: str | None = None,
    rule: str | None = None,
    trigger: str = EnforcementRun.Trigger.BEAT,
    batch_size: int | None = None,
    **kwargs: Any,
) -> int:
    now = timezone.now()
    day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate(now)
    options: dict[str, Any] = {"batch_size": batch_size} if batch_size else {}
    return enforce(as_of=day, now=now, trigger=trigger, dry_run=dry_run, rule=rule, **options).pk


@shared_task(  # type: ignore[untyped-decorator]  # celery ships no type information
    acks_late=True,
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
    ignore_result=True,
)
def remove_pending_files(**kwargs: Any) -> int:
    """Finish removals a storage failure interrupted (privacy/files.py); returns how many
    are still failing."""
    _, failing = files.retry_pending()
    return failing


@shared_task(  # type: ignore[untyped-decorator]  # celery ships no type information
    time_limit=20 * 60,
    soft_time_limit=18 * 60,
    ignore_result=True,
)
def sweep_orphan_files(*, dry_run: bool = False, **kwargs: Any) -> int:
    """Nightly: files in the private folder whose row is gone are removed (privacy/orphans.py);
    returns how many were found."""
    return len(orphans.sweep_orphan_files(now=timezone.now(), dry_run=dry_run).orphans)
