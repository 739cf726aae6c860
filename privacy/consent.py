"""The consent ledger: give, withdraw, check and use consent, for every purpose.

Each record is proof: who (user and/or e-mail), for what, the exact wording shown (a new
version whenever the text changes), when and how (method, IP), and when it ended. When the
proof of a "no" is deleted (a withdrawn consent, by its retention rule; or a consent an
erasure ends), a salted hash of the address stays on the suppression list, which every sender
checks through `is_suppressed`. A consent that only lapsed was never a no: its proof goes
without a trace (privacy-rules.md, "Suppression survives deletion").
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import (
    ConsentMethod,
    ConsentRecord,
    ConsentWording,
    Purpose,
    Suppression,
    normalize_email,
    person_email,
)
from .network import truncate_ip

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

__all__ = [
    "ConsentError",
    "ConsentMethod",
    "Purpose",
    "consent_language",
    "give_consent",
    "has_consent",
    "is_suppressed",
    "lapse_consent",
    "mark_consent_used",
    "suppress",
    "withdraw_consent",
    "wording_version",
]


class ConsentError(ValueError):
    """Consent needs a person (user or e-mail) and the wording shown."""


def _person(user: "User | None", email: str | None) -> str:
    address = person_email(user, email)
    if not address:
        raise ConsentError("Consent needs a user or an e-mail address.")
    return address


def wording_version(
    *, purpose: str, text: str, now: datetime.datetime, language: str = ""
) -> ConsentWording:
    """The version of this exact text for the purpose, created when first shown."""
    if not text.strip():
        raise ConsentError("The wording shown is required.")
    digest = ConsentWording.hash_text(text)
    existing = ConsentWording.objects.filter(purpose=purpose, text_hash=digest).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            latest = ConsentWording.objects.filter(purpose=purpose).aggregate(v=Max("version"))
            return ConsentWording.objects.create(
                purpose=purpose,
                version=(latest["v"] or 0) + 1,
                text=text,
                text_hash=digest,
                language=language,
                created_at=now,
            )
    except IntegrityError:  # another request created it at the same moment
        return ConsentWording.objects.get(purpose=purpose, text_hash=digest)


@transaction.atomic
def give_consent(
    *,
    purpose: str,
    user: "User | None" = None,
    email: str | None = None,
    wording: str,
    method: str,
    ip: str | None,
    now: datetime.datetime,
    language: str = "",
) -> ConsentRecord:
    """Record a consent. A fresh, explicit consent lifts an earlier suppression."""
    address = _person(user, email)
    version = wording_version(purpose=purpose, text=wording, now=now, language=language)
    record = ConsentRecord.objects.create(
        purpose=purpose,
        user=user,
        email=address,
        wording=version,
        given_at=now,
        method=method,
        ip_address=truncate_ip(ip),
        last_used_at=now,
    )
    Suppression.objects.filter(email_hash=Suppression.hash_email(address)).delete()
    return record


@transaction.atomic
def withdraw_consent(
    *,
    purpose: str,
    user: "User | None" = None,
    email: str | None = None,
    method: str,
    now: datetime.datetime,
) -> int:
    """End every active consent of the person for the purpose; returns how many ended.
    The withdrawal is proof too: the record stays, under its own retention rule."""
    _person(user, email)
    return (
        ConsentRecord.objects.for_person(user=user, email=email)
        .active()
        .filter(purpose=purpose)
        .update(withdrawn_at=now, withdrawal_method=method, ended_at=now, last_used_at=now)
    )


@transaction.atomic
def lapse_consent(
    *, purpose: str, user: "User | None" = None, email: str | None = None, now: datetime.datetime
) -> int:
    """End consent without a withdrawal (e.g. job alerts lapsing after inactivity)."""
    _person(user, email)
    return (
        ConsentRecord.objects.for_person(user=user, email=email)
        .active()
        .filter(purpose=purpose)
        .update(ended_at=now)
    )


def has_consent(*, purpose: str, user: "User | None" = None, email: str | None = None) -> bool:
    address = person_email(user, email)
    if not address or is_suppressed(address):
        return False
    return (
        ConsentRecord.objects.for_person(user=user, email=email)
        .active()
        .filter(purpose=purpose)
        .exists()
    )


def consent_language(*, purpose: str, user: "User | None" = None, email: str | None = None) -> str:
    """The language of the wording in the person's latest active consent ("" if unknown):
    what is sent under the consent speaks the language the person read it in."""
    return (
        ConsentRecord.objects.for_person(user=user, email=email)
        .active()
        .filter(purpose=purpose)
        .order_by("-given_at", "-pk")
        .values_list("wording__language", flat=True)
        .first()
    ) or ""


def mark_consent_used(
    *, purpose: str, user: "User | None" = None, email: str | None = None, now: datetime.datetime
) -> int:
    """A send under the consent: restarts the clock of `newsletter.consent`."""
    return (
        ConsentRecord.objects.for_person(user=user, email=email)
        .active()
        .filter(purpose=purpose)
        .update(last_used_at=now)
    )


def is_suppressed(email: str) -> bool:
    if not normalize_email(email):
        return False
    return Suppression.objects.filter(email_hash=Suppression.hash_email(email)).exists()


def suppress(*, email: str) -> None:
    Suppression.objects.get_or_create(email_hash=Suppression.hash_email(email))


@receiver(pre_delete, sender=ConsentRecord, dispatch_uid="privacy_suppress_on_delete")
def _suppress_when_proof_goes(
    sender: type[ConsentRecord], instance: ConsentRecord, **kwargs: Any
) -> None:
    """The proof of a withdrawal goes, the address stays suppressed: never mailed again by
    mistake. A consent still running when its proof is deleted is suppressed too: only an
    erasure does that (the rules delete ended consents; the newsletter's rule lapses an unused
    one first, privacy/privacy.py), and the person asked us to forget them, not to keep
    mailing them. A lapsed consent (alerts stopped after inactivity, a newsletter consent
    unused for its period) was never a no, and suppresses nothing."""
    lapsed = instance.withdrawn_at is None and instance.ended_at is not None
    if not lapsed:
        suppress(email=instance.email)
