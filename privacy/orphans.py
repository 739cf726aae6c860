"""The nightly sweep of the private files (folder or bucket): no file outlives its row.

Design note. Files are removed after the transaction that deleted their rows commits
(`deletion.delete_rows`); a crash between the commit and the removal, a delete outside the
privacy engine, or an upload whose row was rolled back leaves a file with no row. This sweep
lists every file in the private folder, compares it with the names every FileField of every
model holds (in the same storage), and removes the rest. A file younger than GRACE is left
alone: an upload is written before its row commits. The sweep returns what it found; its
task logs the count, never the names (they can be a person's).
"""

import datetime
import logging
import posixpath
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models

logger = logging.getLogger(__name__)

GRACE = datetime.timedelta(hours=6)


@dataclass
class Sweep:
    """The orphans found (storage names) and how many were removed."""

    orphans: list[str] = field(default_factory=list)
    removed: int = 0


def _referenced(storage: Storage) -> set[str]:
    names: set[str] = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and f.storage.__class__ is storage.__class__:
                if getattr(f.storage, "location", None) != getattr(storage, "location", None):
                    continue
                rows = model._default_manager.exclude(**{f.name: ""}).exclude(
                    **{f"{f.name}__isnull": True}
                )
                names.update(str(n) for n in rows.values_list(f.name, flat=True))
    return names


def _stored(storage: Storage, folder: str = "") -> list[tuple[str, float]]:
    """Every stored file, as a storage name with its modification time (a folder and an S3
    bucket alike: through the storage's own listing)."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet
        return []
    found = []
    for file in files:
        name = posixpath.join(folder, file)
        found.append((name, storage.get_modified_time(name).timestamp()))
    for sub in dirs:
        found.extend(_stored(storage, posixpath.join(folder, sub)))
    return sorted(found)


def sweep_orphan_files(
    *, now: datetime.datetime, dry_run: bool = False, storage: Storage | None = None
) -> Sweep:
    """Find (and unless `dry_run`, remove) the files of the private folder no row names."""
    storage = storage or default_storage
    result = Sweep()
    referenced = _referenced(storage)
    cutoff = (now - GRACE).timestamp()
    for name, modified in _stored(storage):
        if name in referenced or modified > cutoff:
            continue
        result.orphans.append(name)
        if not dry_run:
            storage.delete(name)
            result.removed += 1
    if result.orphans:
        logger.warning(
            "private media: %s files with no row found, %s removed",
            len(result.orphans),
            result.removed,
        )
    return result
