"""Health endpoints for load balancers and docker-compose.

`/healthz` says the process answers (no database, no cache: a liveness probe must not fail
because a dependency did, or the orchestrator restarts healthy processes). `/readyz` says
this process can serve: the database answers and has every migration applied, Redis answers
where it is configured, and file storage is reachable. Both answer JSON without personal
data and are never cached.
"""

import os
from collections.abc import Callable
from pathlib import Path

import redis
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations not applied")


def _redis() -> None:
    if not settings.REDIS_URL:
        return
    # The cache, sessions, rate limits and the broker all live there.
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def _storage() -> None:
    if isinstance(default_storage, FileSystemStorage):
        # A fresh install has no folder until the first upload: make it, and be able to write.
        folder = Path(default_storage.location)
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError("storage not writable")
        return
    # Object storage: listing the bucket's root proves the bucket and the credentials.
    default_storage.listdir("")


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "redis": _redis,
    "storage": _storage,
}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means "not ready"; the kind is enough
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
