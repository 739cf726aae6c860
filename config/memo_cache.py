"""A cache backend that keeps objects in the process, unpickled, and asks the shared cache
only whether they are still current.

Why: some things are read on every page and hardly ever change.
- django-cookie-consent's cookie groups (model instances with their cookies prefetched), for
  the cookie bar and the middleware that drops declined cookies. From Redis or LocMem each
  read unpickles the whole structure: 1.5 ms a page, a fifth of a page with no results.
- The taxonomy (taxonomy/cache.py): a thousand places and groups, and the search form's
  option lists rendered from it once per taxonomy object.
Here a read is one small lookup in the shared cache (the entry's version) and, while that
version is the one this process holds, the same objects as last time.

Every process adopts the version it finds: only the first to miss makes one (`add`), so two
processes never take turns replacing each other's version (each would then load afresh on
every other request).

Invalidation is exact across processes and machines: `delete()` (which django-cookie-consent
calls whenever a group or cookie is saved or deleted, and the taxonomy import after it
commits) writes a new version to the shared cache, and every process fetches afresh on its
next read. Values must not be changed by whoever reads them.

    CACHES["memo"] = {"BACKEND": "config.memo_cache.MemoCache", "OPTIONS": {"SHARED": "default"}}
"""

import threading
import uuid
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_MISSING = object()
# What this process holds, by version key, for every instance: Django makes a cache backend
# per thread (and runserver, like the test server, a thread per request), and what is held
# is the process's, loaded once, not once per thread.
_PROCESS_HELD: dict[str, tuple[str, Any]] = {}
_PROCESS_LOCK = threading.Lock()


class MemoCache(BaseCache):
    def __init__(self, location: str, params: dict[str, Any]) -> None:
        options = params.get("OPTIONS", {})
        super().__init__({**params, "OPTIONS": {}})
        self._shared_alias = options.get("SHARED", "default")
        self._prefix = f"memo:{location or 'memo'}:"
        self._held = _PROCESS_HELD
        self._lock = _PROCESS_LOCK
        # The version each thread saw when it last missed: a value computed after that miss
        # is held under it, so a delete in between (a newer version) makes it stale at once.
        self._seen = threading.local()

    @property
    def _shared(self) -> BaseCache:
        return caches[self._shared_alias]

    def _version_key(self, key: str, version: int | None) -> str:
        return self._prefix + self.make_and_validate_key(key, version=version)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        version_key = self._version_key(key, version)
        current = self._shared.get(version_key)
        held = self._held.get(version_key)
        if current is None or held is None or held[0] != current:
            setattr(self._seen, version_key, current)
            return default
        return held[1]

    def set(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        version_key = self._version_key(key, version)
        seen = getattr(self._seen, version_key, None)
        if seen is None:
            # No version yet when this thread looked: make the first one, unless another
            # process (or a delete) made one meanwhile; then this value may be older than it.
            fresh = uuid.uuid4().hex
            added = self._shared.add(version_key, fresh, self.get_backend_timeout(timeout))
            seen = fresh if added else "stale"
        with self._lock:
            self._held[version_key] = (seen, value)

    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        if self.get(key, _MISSING, version=version) is not _MISSING:
            return False
        self.set(key, value, timeout, version=version)
        return True

    def delete(self, key: str, version: int | None = None) -> bool:
        """A new version for every process (not a delete: a process that read the old
        entry before this must not mistake a later entry of its own for current)."""
        version_key = self._version_key(key, version)
        self._shared.set(version_key, uuid.uuid4().hex, None)
        with self._lock:
            return self._held.pop(version_key, None) is not None

    def touch(
        self,
        key: str,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._shared.touch(
            self._version_key(key, version), self.get_backend_timeout(timeout)
        )

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self) -> None:
        with self._lock:
            for version_key in [k for k in self._held if k.startswith(self._prefix)]:
                del self._held[version_key]
