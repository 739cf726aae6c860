"""Restriction of processing (GDPR art. 18): a per-person flag, managed by staff in admin.

While a person is restricted, every use of their data stops except storage and legal
claims: senders, public pages and exports to employers check `is_restricted`.
"""

import datetime

from django.db import transaction

from .models import Restriction, normalize_email, person_email


def is_restricted(*, user=None, email: str | None = None) -> bool:
    if user is None and not normalize_email(email):
        return False
    return Restriction.objects.for_person(user=user, email=email).active().exists()


@transaction.atomic
def restrict(
    *, user=None, email: str | None = None, reason: str, by, now: datetime.datetime
) -> Restriction:
    address = person_email(user, email)
    if not address:
        raise ValueError("A restriction needs a user or an e-mail address.")
    return Restriction.objects.create(
        user=user, email=address, reason=reason, created_at=now, created_by=by
    )


@transaction.atomic
def lift_restriction(*, user=None, email: str | None = None, by, now: datetime.datetime) -> int:
    return Restriction.objects.for_person(user=user, email=email).active().update(lifted_at=now)
