"""Reads of the public pages from a streaming replica, when DATABASE_REPLICA_URL is set.

Only the pages anyone may read and that tolerate a second's lag go there: search, the ad
page, the home page, feeds and the sitemap. Everything else reads the primary, and so does
the rest of a request once it has written (the ad page counts a view: what follows reads
its own write). The person's session and account are read before the page is chosen, from
the primary, so a sign-in is never "lost" to replication lag. Migrations run on the primary
only; the replica follows by streaming.
"""

import contextvars
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"

# The public read pages by URL name.
REPLICA_PAGES = frozenset(
    {
        "jobs:home",
        "jobs:search",
        "jobs:detail",
        "jobs:detail_slug",
        "jobs:feed",
        "jobs:county_feed",
        "jobs:sitemap",
        "jobs:sitemap_section",
    }
)

_reads_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reads_from_replica", default=False
)


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str:
        return REPLICA if _reads_from_replica.get() else PRIMARY

    def db_for_write(self, model: type, **hints: Any) -> str:
        # From the first write on, this request reads its own writes.
        _reads_from_replica.set(False)
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Sends the public pages' reads to the replica for the length of the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reads_from_replica.set(False)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)

    def process_view(self, request: HttpRequest, view: Callable[..., Any], *args: Any) -> None:
        match = request.resolver_match
        if request.method not in {"GET", "HEAD"} or match is None:
            return
        if match.view_name in REPLICA_PAGES:
            _ = request.user.is_authenticated  # the account from the primary, first
            _reads_from_replica.set(True)
