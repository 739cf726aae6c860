"""Removing stored files so that no file outlives its row, whatever the storage does.

Design note. Every file of a deleted row is written down (PendingFileRemoval) in the same
transaction as the delete; after the commit the storage is asked to remove it, and the note
is struck out only when it did. A rolled-back delete keeps its files (the notes vanish with
the transaction); a storage that fails mid-way (an S3 outage, a timeout) leaves notes, and
`retry_pending` (every 15 minutes, privacy.tasks.remove_pending_files) finishes the work. So
a row and its file go together, or the removal resumes until they have.

Every FileField of the project uses the default storage (a folder, or an S3 bucket).
"""

import datetime
import logging
from collections.abc import Iterable

from django.core.files.storage import default_storage
from django.db import router, transaction
from django.utils import timezone

from .models import PendingFileRemoval

logger = logging.getLogger(__name__)


def remove_after_commit(names: Iterable[str], *, now: datetime.datetime | None = None) -> None:
    """Remove these stored files once the current transaction commits (at once outside one)."""
    names = sorted({name for name in names if name})
    if not names:
        return
    when = now or timezone.now()
    using = router.db_for_write(PendingFileRemoval)
    notes = PendingFileRemoval.objects.bulk_create(
        PendingFileRemoval(name=name, created_at=when) for name in names
    )
    ids = [note.pk for note in notes]
    if ids[0] is None:  # backends that return no keys from bulk_create
        ids = list(
            PendingFileRemoval.objects.filter(name__in=names, created_at=when).values_list(
                "pk", flat=True
            )
        )
    transaction.on_commit(lambda: _remove(ids), using=using)


def remove_now(name: str) -> None:
    """For a file stored by a write that then failed and rolled back: no row refers to it,
    and no transaction of ours will commit it. Should the storage fail, it is noted for the
    sweep."""
    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception as error:  # noted, not lost: the sweep tries again
        logger.warning("file removal failed (%s); noted for the next sweep", type(error).__name__)
        PendingFileRemoval.objects.create(
            name=name, created_at=timezone.now(), attempts=1, last_error=type(error).__name__
        )


def _remove(ids: list[int]) -> tuple[int, int]:
    removed = failed = 0
    for note in PendingFileRemoval.objects.filter(pk__in=ids).order_by("pk"):
        try:
            default_storage.delete(note.name)
        except Exception as error:  # the storage's own errors vary (OSError, botocore ...)
            failed += 1
            PendingFileRemoval.objects.filter(pk=note.pk).update(
                attempts=note.attempts + 1, last_error=type(error).__name__[:120]
            )
        else:
            removed += 1
            note.delete()
    if failed:
        logger.warning("file removal: %s removed, %s left for the next sweep", removed, failed)
    return removed, failed


def retry_pending() -> tuple[int, int]:
    """Removes the files an earlier attempt could not; returns (removed, still failing)."""
    return _remove(list(PendingFileRemoval.objects.values_list("pk", flat=True)))


def pending_count() -> int:
    return PendingFileRemoval.objects.count()
