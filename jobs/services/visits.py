"""Visitor events behind the employer's statistics (see jobs/tracking.py for what is kept)."""

import datetime
from collections import defaultdict
from typing import Any

from django.db import connections, router, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from ..models import Ad, AdDailyStat, AdView, ContactView
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
    """One view of an ad's page. The page does not wait for the row to reach the disk: on
    PostgreSQL its transaction commits asynchronously (a crash may lose the last fraction
    of a second of views, never anything else, and never a half-written row)."""
    if visitor.is_bot:
        return None
    alias = router.db_for_write(AdView)
    with transaction.atomic(using=alias):
        if connections[alias].vendor == "postgresql":
            with connections[alias].cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return AdView.objects.using(alias).create(ad=ad, occurred_at=now, **_fields(visitor))


def record_contact_view(*, ad: Ad, visitor: Visitor, now: datetime.datetime) -> ContactView | None:
    """One counted reveal per visitor, ad and day: the employer's statistics count people,
    not clicks (the visitor's session hash is per day already, see jobs/tracking.py)."""
    if visitor.is_bot:
        return None
    if ContactView.objects.filter(ad=ad, session_hash=visitor.session_hash).exists():
        return None
    return ContactView.objects.create(ad=ad, occurred_at=now, **_fields(visitor))


def aggregate_events(
    events: QuerySet[AdView] | QuerySet[ContactView], now: datetime.datetime
) -> int:
    """Add these ad views or contact reveals to the ads' daily totals, just before the
    retention engine deletes them (`visitors.tracking`): what the employer's statistics
    show survives the raw rows. Visitors are distinct session hashes per day (the hash
    changes daily); a day split between two batches may count a visitor twice."""
    is_view = events.model is AdView
    totals: dict[tuple[int, datetime.date], list[Any]] = defaultdict(lambda: [0, set()])
    for ad_id, occurred_at, session in events.values_list(
        "ad_id", "occurred_at", "session_hash"
    ).iterator():
        total = totals[(ad_id, timezone.localdate(occurred_at))]
        total[0] += 1
        total[1].add(session)
    for (ad_id, day), (count, sessions) in totals.items():
        stat, _ = AdDailyStat.objects.get_or_create(ad_id=ad_id, day=day)
        update = (
            {"views": F("views") + count, "visitors": F("visitors") + len(sessions)}
            if is_view
            else {"contact_views": F("contact_views") + count}
        )
        AdDailyStat.objects.filter(pk=stat.pk).update(**update)
    return sum(count for count, _ in totals.values())
