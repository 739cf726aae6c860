"""Visitor events behind the employer's statistics (see jobs/tracking.py for what is kept)."""

import datetime
from typing import Any

from ..models import Ad, AdView, ContactView
from ..tracking import Visitor


def _fields(visitor: Visitor) -> dict[str, Any]:
    return {
        "session_hash": visitor.session_hash,
        "device_class": visitor.device_class,
        "browser_family": visitor.browser_family,
        "language": visitor.language,
        "referrer": visitor.referrer,
        "ip_network": visitor.ip_network,
    }


def record_ad_view(*, ad: Ad, visitor: Visitor, now: datetime.datetime) -> AdView | None:
    if visitor.is_bot:
        return None
    return AdView.objects.create(ad=ad, occurred_at=now, **_fields(visitor))


def record_contact_view(*, ad: Ad, visitor: Visitor, now: datetime.datetime) -> ContactView | None:
    """One counted reveal per visitor, ad and day: the employer's statistics count people,
    not clicks (the visitor's session hash is per day already, see jobs/tracking.py)."""
    if visitor.is_bot:
        return None
    if ContactView.objects.filter(ad=ad, session_hash=visitor.session_hash).exists():
        return None
    return ContactView.objects.create(ad=ad, occurred_at=now, **_fields(visitor))
