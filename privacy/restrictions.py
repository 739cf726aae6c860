"""Restriction of processing (GDPR art. 18): a per-person flag, managed by staff in admin.

While a person is restricted, every use of their data stops except storage and legal
claims: no retention rule acts on their rows (a run and the forecast count them as
"restricted"), the mailer refuses them, public pages leave them unnamed
(`Ad.objects.with_restrictions()`) and employers do not see their applications. A
restriction that an erasure places over the data the law makes us keep (`kept_until` set)
stops every use but not that data's own rules.

The services here are the only writes of restrictions (admin included): each takes the
acting user (`by`), writes the audit entry, and raises RestrictionError, with a message fit
to show, when the change cannot be made.
"""

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext

from . import audit
from .models import Restriction, normalize_email, person_email

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


class RestrictionError(ValueError):
    """A restriction that cannot be placed or lifted: the message is for the user."""


def is_restricted(*, user: "User | None" = None, email: str | None = None) -> bool:
    if user is None and not normalize_email(email):
        return False
    return Restriction.objects.for_person(user=user, email=email).active().exists()


def _check_restriction(*, user: "User | None" = None, email: str | None = None, reason: str) -> str:
    """The address the restriction is about; RestrictionError when it cannot be placed."""
    address = person_email(user, email)
    if not address:
        raise RestrictionError(gettext("A restriction needs a user or an e-mail address."))
    if not reason.strip():
        raise RestrictionError(gettext("A restriction needs a reason."))
    return address


@transaction.atomic
def restrict(
    *,
    user: "User | None" = None,
    email: str | None = None,
    reason: str,
    by: "User | None",
    now: datetime.datetime,
    kept_until: datetime.datetime | None = None,
) -> Restriction:
    """Restrict the processing of the person's data: from now on it is only stored.

    `kept_until` is for erasure alone: the restriction over the data the law makes us keep,
    until that data goes. It stops every use but not the data's own rules, and its own rule
    (contacts.long_term) counts from that date; without it the restriction is the person's
    (art. 18), stops the rules too, and is kept while in force."""
    address = _check_restriction(user=user, email=email, reason=reason)
    restriction = Restriction.objects.create(
        user=user,
        email=address,
        reason=reason,
        created_at=now,
        created_by=by,
        kept_until=kept_until,
    )
    audit.record(event=audit.Event.RESTRICTION_PLACED, by=by, now=now, target=restriction)
    return restriction


@transaction.atomic
def lift_restriction(
    *, restriction: Restriction, by: "User | None", now: datetime.datetime
) -> Restriction:
    """Lift one restriction (others of the same person, e.g. after an erasure, stay)."""
    stored = Restriction.objects.select_for_update().get(pk=restriction.pk)
    if stored.lifted_at is not None:
        raise RestrictionError(gettext("This restriction has already been lifted."))
    stored.lifted_at = now
    stored.save(update_fields=["lifted_at"])
    audit.record(event=audit.Event.RESTRICTION_LIFTED, by=by, now=now, target=stored)
    return stored


@transaction.atomic
def lift_restrictions(
    *,
    user: "User | None" = None,
    email: str | None = None,
    by: "User | None",
    now: datetime.datetime,
) -> int:
    """Lift every active restriction of the person; returns how many."""
    active = Restriction.objects.for_person(user=user, email=email).active().order_by("pk")
    lifted = [lift_restriction(restriction=r, by=by, now=now) for r in active]
    return len(lifted)
