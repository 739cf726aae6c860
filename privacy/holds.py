"""Legal holds: a dispute or legal claim keeps a person's rows (by e-mail, and so by every
address of their account) or single records out of every retention rule and every erasure,
until the hold ends or is released. A hold on a record keeps what belongs to it too: the rows
below it by CASCADE foreign keys (an application's attachments, an ad's change history) and
their files (privacy.retention.held_records_q).

The services here are the only writes of holds (admin included): each takes the acting user
(`by`), writes the audit entry, and raises HoldError, with a message fit to show, when the
change cannot be made.
"""

import datetime
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext

from . import audit
from .models import LegalHold, normalize_email

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


class HoldError(ValueError):
    """A hold that cannot be placed, changed or released: the message is for the user."""


def _check_hold(*, email: str | None, record: Model | None, reason: str) -> None:
    """Raise HoldError unless the hold is on a person or on one record, with a reason."""
    if bool(normalize_email(email)) == (record is not None):
        raise HoldError(
            gettext(
                "Put the hold either on a person (their e-mail address) or "
                "on one record (kind of record and record id), not both."
            )
        )
    if not reason.strip():
        raise HoldError(gettext("A legal hold needs a reason."))


@transaction.atomic
def place_hold(
    *,
    email: str | None = None,
    record: Model | None = None,
    reason: str,
    ends_on: datetime.date | None = None,
    by: "User | None",
    now: datetime.datetime,
) -> LegalHold:
    """Keep the person's rows, or the one record, from every rule and erasure."""
    _check_hold(email=email, record=record, reason=reason)
    hold = LegalHold(reason=reason, ends_on=ends_on, created_at=now, created_by=by)
    if record is not None:
        hold.content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
        hold.object_id = str(record.pk)
    else:
        hold.email = normalize_email(email)
    hold.save()
    on = "record" if record is not None else "person"
    audit.record(event=audit.Event.HOLD_PLACED, by=by, now=now, target=hold, details={"on": on})
    return hold


@transaction.atomic
def change_hold(
    *,
    hold: LegalHold,
    reason: str,
    ends_on: datetime.date | None,
    by: "User | None",
    now: datetime.datetime,
) -> LegalHold:
    """Change the reason or the end of a hold in force (a dispute that lasts longer);
    whom or what it holds never changes: release it and place a new one."""
    stored = LegalHold.objects.select_for_update().get(pk=hold.pk)
    new = {"reason": reason, "ends_on": ends_on}
    changed = [name for name, value in new.items() if getattr(stored, name) != value]
    if not changed:
        return stored
    if stored.released_at is not None:
        raise HoldError(gettext("This legal hold has been released: place a new one instead."))
    if not reason.strip():
        raise HoldError(gettext("A legal hold needs a reason."))
    for name in changed:
        setattr(stored, name, new[name])
    stored.save(update_fields=changed)
    audit.record(
        event=audit.Event.HOLD_CHANGED, by=by, now=now, target=stored, details={"changed": changed}
    )
    return stored


@transaction.atomic
def release_hold(*, hold: LegalHold, by: "User | None", now: datetime.datetime) -> LegalHold:
    """End the hold now: the next retention run acts on what it kept."""
    stored = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if stored.released_at is not None:
        raise HoldError(gettext("This legal hold has already been released."))
    stored.released_at = now
    stored.released_by = by
    stored.save(update_fields=["released_at", "released_by"])
    audit.record(event=audit.Event.HOLD_RELEASED, by=by, now=now, target=stored)
    return stored
