"""Reads for staff: visits per day, from the daily totals and the raw rows not yet in them."""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import DailyPageStat, PageView


def visits_per_day(*, first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, int]]:
    """Every day from `first` to `last` with its number of visits (0 where none). The daily
    totals hold the deleted page views, the raw rows the rest: the two never overlap."""
    counts = {
        day: 0
        for day in (first + datetime.timedelta(days=i) for i in range((last - first).days + 1))
    }
    for row in (
        DailyPageStat.objects.filter(day__range=(first, last))
        .values("day")
        .annotate(n=Sum("visits"))
        .order_by()
    ):
        counts[row["day"]] += row["n"] or 0
    raw = (
        PageView.objects.annotate(
            day=TruncDate("occurred_at", tzinfo=timezone.get_current_timezone())
        )
        .filter(day__range=(first, last))
        .values("day")
        .annotate(n=Count("pk", filter=Q(starts_visit=True)))
        .order_by()
    )
    for row in raw:
        counts[row["day"]] += row["n"]
    return sorted(counts.items())
