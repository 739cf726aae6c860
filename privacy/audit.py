"""The privacy audit log: every privacy service leaves one entry per change it makes.

An entry says who acted (None: the system, or the person acting on their own data), when,
what kind of change, on which record (its kind and id) and, for an erasure, the counts.
It never copies values, so it holds no personal data of the person acted on.
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

Event = AuditEntry.Event


def record(
    *,
    event: str,
    by: "User | None",
    now: datetime.datetime,
    target: Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write the entry of one change (called by the services, inside their transaction)."""
    entry = AuditEntry(event=event, by=by, at=now, details=details or {})
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_id = str(target.pk)
    entry.save()
    return entry


def entries_for(target: Model) -> QuerySet[AuditEntry]:
    """The entries about one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    )
