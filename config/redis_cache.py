"""Django's Redis cache, with one redis-py client per connection pool instead of one per call.

Django's client builds a new `redis.Redis` for every cache call, and a `redis.Redis` builds
its table of response callbacks when it is made: about a tenth of a millisecond, four or
five times a page (the memo cache's versions, the kept search, the cards). A client is only
that table and its pool, and is safe to share between threads (the pool hands each call its
own connection), so each pool's client is made once.

    CACHES["default"] = {"BACKEND": "config.redis_cache.RedisCache", "LOCATION": ...}
"""

from typing import Any

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own attributes, which its stubs do not declare. Pools live as long as
        # this client, so a pool's id names it.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            make = self._client  # type: ignore[attr-defined]
            client = self._clients[id(pool)] = make(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
