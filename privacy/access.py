"""Access requests (GDPR art. 15). While one is open for a person, no retention rule deletes
that person's data: the answer must show what was held when the request came in."""

import datetime

from django.db import transaction

from .models import AccessRequest, person_email


@transaction.atomic
def open_access_request(
    *, user=None, email: str | None = None, by, now: datetime.datetime
) -> AccessRequest:
    address = person_email(user, email)
    if not address:
        raise ValueError("An access request needs a user or an e-mail address.")
    return AccessRequest.objects.create(user=user, email=address, opened_at=now, opened_by=by)


@transaction.atomic
def close_access_request(*, request: AccessRequest, by, now: datetime.datetime) -> AccessRequest:
    request.closed_at = now
    request.save(update_fields=["closed_at"])
    return request


def has_open_request(*, user=None, email: str | None = None) -> bool:
    return AccessRequest.objects.for_person(user=user, email=email).open().exists()
