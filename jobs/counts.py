"""The home page's figures, kept in the cache for a minute: active ads per county, and which
ads are the newest.

Counting every active ad by municipality took time that grew with the number of ads (22 ms
at 100 000 active ads); on PostgreSQL the database keeps the number per municipality
(migration 0012), so the first request of the minute reads 290 rows and corrects them for
the few ads that ended since the last sweep (0.5 ms, whatever the number of ads). The
figures are computed by the first request after they expire and then read from the cache
for at most COUNTS_TTL seconds. The newest ads' ids are kept with them, so that a kept
home page loads its cards with the search's one compiled query (`search.public_rows`)
instead of building the newest-first queryset.
Both belong to the generation of kept public content (config/page_cache.py): an ad saved or
deleted (published, withdrawn, filled, edited) shows on the home page at once; an ad that ends by
its date without a write leaves the counts within the minute, and the newest ads at once
(`public_rows` asks for public ads, and a few more ids than shown are kept for that).
"""

import datetime

from django.db import connections, router
from django.db.models import Count

from taxonomy import cache as taxonomy_cache

from . import cards, search
from .models import Ad

COUNTS_TTL = 60  # seconds
CACHE_KEY = "jobs:home-figures:v5"
NEWEST = 10  # ads on the home page
NEWEST_KEPT = 2 * NEWEST  # ids kept, so that ads ending within the minute leave no gap


# Live ads per municipality (PostgreSQL): the count the triggers of migration 0012 keep, less
# the ads still flagged live that are not public at `now` (ended since the last sweep, or not
# published yet): the flag implies an end (migration 0005), so these are the two ranges.
LIVE_PER_PLACE = """
SELECT municipality_id, sum(n) FROM (
  SELECT municipality_id, n FROM jobs_live_count
  UNION ALL
  SELECT municipality_id, -count(*) FROM jobs_ad
   WHERE search_live AND ends_at <= %(now)s
   GROUP BY municipality_id
  UNION ALL
  SELECT municipality_id, -count(*) FROM jobs_ad
   WHERE search_live AND (ends_at > %(now)s) IS TRUE
     AND (published_at > %(now)s OR published_at IS NULL)
   GROUP BY municipality_id
) AS live GROUP BY municipality_id
"""


def _count_per_place(now: datetime.datetime) -> dict[int, int]:
    """{municipality id: public ads at `now`}, in one query. On PostgreSQL from the kept
    count (constant work, whatever the number of ads); elsewhere by counting them."""
    alias = router.db_for_read(Ad)
    if connections[alias].vendor == "postgresql":
        with connections[alias].cursor() as cursor:
            cursor.execute(LIVE_PER_PLACE, {"now": now})
            return {place: int(n) for place, n in cursor.fetchall()}
    return dict(
        Ad.objects.public(now)
        .order_by()
        .values_list("municipality_id")
        .annotate(n=Count("id"))
        .values_list("municipality_id", "n")
    )


def _count_per_county(now: datetime.datetime) -> dict[int, int]:
    per_place = _count_per_place(now)
    per_county: dict[int, int] = {}
    for place in taxonomy_cache.get().municipalities:
        per_county[place.county_id] = per_county.get(place.county_id, 0) + per_place.get(
            place.id, 0
        )
    return per_county


def home_figures(*, now: datetime.datetime) -> tuple[dict[int, int], list[cards.Row]]:
    """({county id: number of active ads}, at most COUNTS_TTL seconds old; the newest
    public ads, as card rows, at most NEWEST)."""
    generation, figures = search.kept(CACHE_KEY)
    if figures is None:
        figures = (_count_per_county(now), search.newest_ids(Ad.objects.public(now), NEWEST_KEPT))
        search.keep(CACHE_KEY, generation, figures, COUNTS_TTL)
    per_county, newest = figures
    return per_county, search.public_rows(newest, now)[:NEWEST]
