"""Access requests (GDPR art. 15). While one is open for a person, no retention rule deletes
that person's data: the answer must show what was held when the request came in.

The services here are the only writes of access requests (admin included): each takes the
acting user (`by`, None when the person asks themself), writes the audit entry, and raises
AccessRequestError, with a message fit to show, when the change cannot be made.
"""

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext

from . import audit
from .models import AccessRequest, person_email

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


class AccessRequestError(ValueError):
    """An access request that cannot be opened or closed: the message is for the user."""


def _check_access_request(*, user: "User | None" = None, email: str | None = None) -> str:
    """The address the request is about; AccessRequestError without a person."""
    address = person_email(user, email)
    if not address:
        raise AccessRequestError(gettext("An access request needs a user or an e-mail address."))
    return address


@transaction.atomic
def open_access_request(
    *,
    user: "User | None" = None,
    email: str | None = None,
    by: "User | None",
    now: datetime.datetime,
) -> AccessRequest:
    """Open the request: from now on no rule deletes the person's data until it is closed."""
    address = _check_access_request(user=user, email=email)
    request = AccessRequest.objects.create(user=user, email=address, opened_at=now, opened_by=by)
    audit.record(event=audit.Event.ACCESS_REQUEST_OPENED, by=by, now=now, target=request)
    return request


@transaction.atomic
def close_access_request(
    *, request: AccessRequest, by: "User | None", now: datetime.datetime
) -> AccessRequest:
    """Close the answered request: the rules act on the person's data again."""
    stored = AccessRequest.objects.select_for_update().get(pk=request.pk)
    if stored.closed_at is not None:
        raise AccessRequestError(gettext("This access request is already closed."))
    stored.closed_at = now
    stored.save(update_fields=["closed_at"])
    audit.record(event=audit.Event.ACCESS_REQUEST_CLOSED, by=by, now=now, target=stored)
    return stored


def has_open_request(*, user: "User | None" = None, email: str | None = None) -> bool:
    return AccessRequest.objects.for_person(user=user, email=email).open().exists()
