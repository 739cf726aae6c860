"""Saved jobs: a person keeps an ad on a list under My pages, and takes it off again.

Anyone signed in but staff saves jobs, a company's contact person too: the list is the
person's own, declared under `seeker.inactive_account` for everyone but staff (jobs/privacy.py,
accounts.privacy.declare_own_seeker_rows), so it goes after the rule's period without signing
in. Staff's rows would be outside every rule: they are refused instead. Only a public ad can
be saved; a saved ad that closes stays on the list (marked closed) until the person removes
it or the ad itself is deleted.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from accounts.models import User

from ..models import Ad, SavedAd


class SaveRefused(Exception):
    """The user may not save jobs (staff), or the ad is not open."""


def may_save(user: User | AnonymousUser) -> bool:
    """Signed in and not staff: a job seeker, or a company's contact person as a person."""
    return bool(user.is_authenticated and not user.is_staff)


def save_ad(*, ad: Ad, by: User, now: datetime.datetime) -> SavedAd:
    """Put `ad` on the person's list (again saving an ad already there changes nothing)."""
    if not may_save(by):
        raise SaveRefused("staff")
    if not ad.is_public(now):
        raise SaveRefused("ad not public")
    existing = SavedAd.objects.filter(user=by, ad=ad).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return SavedAd.objects.create(user=by, ad=ad, saved_at=now)
    except IntegrityError:  # saved twice at once: the other request won
        return SavedAd.objects.get(user=by, ad=ad)


def unsave_ad(*, ad: Ad, by: User) -> bool:
    """Take `ad` off the list of `by` (only their own row); True when one was removed."""
    deleted, _by_model = SavedAd.objects.filter(user=by, ad=ad).delete()
    return deleted > 0
