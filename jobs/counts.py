"""Active ads per county for the home page, kept in the cache for a minute.

Counting every active ad by municipality takes time that grows with the number of ads
(18 ms at 100 000 active ads). The home page shows these counts to every visitor, and a
minute's lag there is invisible, so they are computed by the first request after they
expire and then read from the cache for at most COUNTS_TTL seconds. They belong to the
search's generation (jobs/search.py): an ad saved or deleted (published, withdrawn, filled,
edited) shows in the counts at once; an ad that ends by its date without a write leaves
them within the minute.
"""

import datetime

from django.db.models import Count

from taxonomy import cache as taxonomy_cache

from . import search
from .models import Ad

COUNTS_TTL = 60  # seconds
CACHE_KEY = "jobs:active-ads-per-county:v2"


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


def active_per_county(*, now: datetime.datetime) -> dict[int, int]:
    """{county id: number of active ads}, at most COUNTS_TTL seconds old."""
    generation, counts = search.kept(CACHE_KEY)
    if counts is None:
        counts = _count_per_county(now)
        search.keep(CACHE_KEY, generation, counts, COUNTS_TTL)
    return counts
