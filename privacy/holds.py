"""Legal holds: a dispute or legal claim keeps a person's rows (by e-mail) or single records
out of every retention rule and every erasure, until the hold ends or is released."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from .models import LegalHold, normalize_email


@transaction.atomic
def place_hold(
    *,
    email: str | None = None,
    record: Model | None = None,
    reason: str,
    ends_on: datetime.date | None = None,
    by,
    now: datetime.datetime,
) -> LegalHold:
    if bool(normalize_email(email)) == (record is not None):
        raise ValueError("A legal hold is on a person (e-mail) or on one record.")
    if not reason.strip():
        raise ValueError("A legal hold needs a reason.")
    hold = LegalHold(reason=reason, ends_on=ends_on, created_at=now, created_by=by)
    if record is not None:
        hold.content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
        hold.object_id = str(record.pk)
    else:
        hold.email = normalize_email(email)
    hold.save()
    return hold


@transaction.atomic
def release_hold(*, hold: LegalHold, by, now: datetime.datetime) -> LegalHold:
    hold.released_at = now
    hold.released_by = by
    hold.save(update_fields=["released_at", "released_by"])
    return hold


def active_holds(on: datetime.date):
    return LegalHold.objects.active(on)
