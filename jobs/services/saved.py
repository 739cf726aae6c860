"""Saved jobs: a seeker keeps an ad on a list under My pages, and takes it off again.

Only job seekers save jobs: the rows are declared under `seeker.inactive_account`, whose
scope is seekers (no company membership, not staff), so an employer's or staff member's
rows would be outside every rule; they are refused instead. Only a public ad can be saved;
a saved ad that closes stays on the list (marked closed) until the seeker removes it or the
ad itself is deleted.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from accounts.models import User

from ..models import Ad, SavedAd


class SaveRefused(Exception):
    """The user may not save jobs (not a seeker), or the ad is not open."""


def may_save(user: User | AnonymousUser) -> bool:
    """A signed-in job seeker: no company membership and not staff."""
    return bool(user.is_authenticated and not user.is_staff and not user.memberships.exists())


def save_ad(*, ad: Ad, by: User, now: datetime.datetime) -> SavedAd:
    """Put `ad` on the seeker's list (again saving an ad already there changes nothing)."""
    if not may_save(by):
        raise SaveRefused("not a seeker")
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
