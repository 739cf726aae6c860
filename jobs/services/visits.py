"""Visitor events behind the employer's statistics (see jobs/tracking.py for what is kept)."""

import datetime
from collections import defaultdict
from typing import Any

from django.db import connections, router
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


# One statement: the INSERT and, in its own transaction, asynchronous commit. Measured on
# PostgreSQL 15: 0.12 ms against 0.3 ms for a synchronous commit, and against 0.33 ms for
# BEGIN; SET LOCAL; INSERT; COMMIT (the round trips cost what the flush saved).
ASYNC_INSERT = (
    "INSERT INTO {table} ({columns}) SELECT {values} "
    "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async RETURNING {pk}"
)


def record_ad_view(*, ad: Ad, visitor: Visitor, now: datetime.datetime) -> AdView | None:
    """One view of an ad's page. The page does not wait for the row to reach the disk: on
    PostgreSQL the INSERT commits asynchronously (a crash may lose the views of the last
    fraction of a second, never anything else, and never a half-written row)."""
    if visitor.is_bot:
        return None
    view = AdView(ad=ad, occurred_at=now, **_fields(visitor))
    alias = router.db_for_write(AdView)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        view.save(using=alias)
        return view
    names = ["ad_id", "occurred_at", *_fields(visitor)]
    meta, quote = AdView._meta, connection.ops.quote_name
    column = {field.attname: field.column for field in meta.concrete_fields}
    sql = ASYNC_INSERT.format(
        table=quote(meta.db_table),
        columns=", ".join(quote(column[name]) for name in names),
        values=", ".join(["%s"] * len(names)),
        pk=quote(meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [getattr(view, name) for name in names])
        view.pk = cursor.fetchone()[0]
    view._state.adding, view._state.db = False, alias
    return view


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
