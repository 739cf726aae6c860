"""One enforcement at a time: two beats, a retry and a manual run must not overlap.

On PostgreSQL a session-level advisory lock: the batches commit one by one while the lock
stays with the connection, and a killed process drops its connection and with it the lock.
Elsewhere (SQLite) a lock row: taken with one conditional UPDATE, and taken over when its
holder on this machine is gone or it is older than the task's hard time limit.
"""

import contextlib
import datetime
import hashlib
import os
import socket
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from .models import EnforcementLock


def _advisory_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def this_process() -> str:
    """ "host:pid" of this process: the lock row's holder and an enforcement run's process."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def process_is_gone(holder: str) -> bool:
    """True only when `holder` ("host:pid") is on this host and no such process exists."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _take_row(name: str, now: datetime.datetime) -> bool:
    stale = now - datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 3600))
    with transaction.atomic():
        lock, _ = EnforcementLock.objects.get_or_create(name=name)
        if lock.holder and lock.holder != this_process() and process_is_gone(lock.holder):
            EnforcementLock.objects.filter(pk=lock.pk, holder=lock.holder).update(holder="")
    return bool(
        EnforcementLock.objects.filter(name=name)
        .filter(Q(holder="") | Q(acquired_at__lt=stale))
        .update(holder=this_process(), acquired_at=now)
    )


def _drop_row(name: str) -> None:
    EnforcementLock.objects.filter(name=name, holder=this_process()).update(
        holder="", acquired_at=None
    )


def _try_advisory(key: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if cursor.fetchone()[0]:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


@contextlib.contextmanager
def exclusive(name: str, *, now: datetime.datetime, wait: float = 0) -> Iterator[bool]:
    """Yields True when this process holds the lock, False when another run does.

    `wait` seconds are given to a holder that is already gone: a killed worker's session
    keeps its advisory lock until PostgreSQL notices the dropped connection, and the task
    given back by that worker is delivered again at once."""
    if connection.vendor == "postgresql":
        key = _advisory_key(name)
        acquired = _try_advisory(key, wait)
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    acquired = _take_row(name, now)
    try:
        yield acquired
    finally:
        if acquired:
            _drop_row(name)
