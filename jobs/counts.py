"""The home page's figures, kept in the cache for a minute: active ads per county, and which
ads are the newest.

Counting every active ad by municipality takes time that grows with the number of ads
(18 ms at 100 000 active ads). The home page shows these counts to every visitor, and a
minute's lag there is invisible, so they are computed by the first request after they
expire and then read from the cache for at most COUNTS_TTL seconds. The newest ads' ids
are kept with them, so that a kept home page loads its cards with the search's one
compiled query (`search.public_rows`) instead of building the newest-first queryset.
Both belong to the generation of kept public content (config/page_cache.py): an ad saved or
deleted (published, withdrawn, filled, edited) shows on the home page at once; an ad that ends by
its date without a write leaves the counts within the minute, and the newest ads at once
(`public_rows` asks for public ads, and a few more ids than shown are kept for that).
"""

import datetime

from django.db.models import Count

from taxonomy import cache as taxonomy_cache

from . import cards, search
from .models import Ad

COUNTS_TTL = 60  # seconds
CACHE_KEY = "jobs:home-figures:v5"
NEWEST = 10  # ads on the home page
NEWEST_KEPT = 2 * NEWEST  # ids kept, so that ads ending within the minute leave no gap


def _count_per_county(now: datetime.datetime) -> dict[int, int]:
    # One query, grouped by municipality (no join; the partial index answers it alone).
    per_place = dict(
        Ad.objects.public(now)
        .order_by()
        .values_list("municipality_id")
        .annotate(n=Count("id"))
        .values_list("municipality_id", "n")
    )
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
