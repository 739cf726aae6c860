"""Writes of the visitors app: the proof of a cookie choice, a page view, daily totals.

Each takes `now` from its caller. Page views are recorded only for a visitor who accepted
statistics cookies (the middleware checks; these functions trust their caller)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from privacy import consent
from privacy.models import Purpose

from .models import CookieChoice, DailyPageStat, PageView

# A page seen more than this long after the visitor's previous one starts a new visit.
VISIT_GAP = datetime.timedelta(minutes=30)


@transaction.atomic
def record_choice(
    *,
    visitor_id: str,
    action: str,
    groups: Iterable[str],
    accepted: Iterable[str],
    declined: Iterable[str],
    wording: str,
    now: datetime.datetime,
) -> CookieChoice:
    """The proof of an accept or decline: which groups, the state after it, and the
    version of the whole wording shown (privacy.consent keeps each version's text)."""
    version = consent.wording_version(purpose=Purpose.COOKIES, text=wording, now=now, language="en")
    return CookieChoice.objects.create(
        visitor_id=visitor_id,
        action=action,
        groups=sorted(groups),
        accepted=sorted(accepted),
        declined=sorted(declined),
        wording=version,
        occurred_at=now,
    )


@transaction.atomic
def record_page_view(
    *, visitor_id: str, path: str, ad_id: int | None, now: datetime.datetime
) -> PageView:
    """A page view; the previous page of the same visit gets its duration, and a page
    after a pause of VISIT_GAP starts the visitor's next visit."""
    previous = (
        PageView.objects.select_for_update()
        .filter(visitor_id=visitor_id, occurred_at__lte=now)
        .order_by("-occurred_at", "-pk")
        .first()
    )
    same_visit = previous is not None and now - previous.occurred_at <= VISIT_GAP
    if previous is not None and same_visit:
        previous.duration = int((now - previous.occurred_at).total_seconds())
        previous.save(update_fields=["duration"])
    visit = previous.visit + (0 if same_visit else 1) if previous is not None else 1
    return PageView.objects.create(
        visitor_id=visitor_id,
        visit=visit,
        starts_visit=not same_visit,
        path=path[:255],
        ad_id=ad_id,
        occurred_at=now,
    )


def aggregate_page_views(views: QuerySet[PageView], now: datetime.datetime) -> int:
    """Add these page views to the daily totals per page, before they are deleted (the
    retention engine calls this for each batch it deletes). Returns the rows counted."""
    totals: dict[tuple[datetime.date, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    count = 0
    for occurred_at, path, starts, duration in views.values_list(
        "occurred_at", "path", "starts_visit", "duration"
    ).iterator():
        total = totals[(timezone.localdate(occurred_at), path)]
        total[0] += 1
        total[1] += int(starts)
        total[2] += duration or 0
        count += 1
    for (day, path), (n, visits, seconds) in totals.items():
        stat, _ = DailyPageStat.objects.get_or_create(day=day, path=path)
        DailyPageStat.objects.filter(pk=stat.pk).update(
            views=F("views") + n, visits=F("visits") + visits, seconds=F("seconds") + seconds
        )
    return count
