"""The Redis cache with one client per connection pool (config/redis_cache.py) behaves as
Django's, on a real Redis."""

import os
import threading
import uuid

import pytest

from config.redis_cache import RedisCache

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/15)",
)


@pytest.fixture
def redis_cache():
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["kept", "counter", "cards:1", "cards:2", *(f"t{n}" for n in range(4))])


def test_it_reads_and_writes_as_the_cache_does(redis_cache):
    redis_cache.set("kept", (3, [7, 8, 9]), 60)
    redis_cache.set_many({"cards:1": "<li>1</li>", "cards:2": "<li>2</li>"}, 60)

    assert redis_cache.get("kept") == (3, [7, 8, 9])
    assert redis_cache.get_many(["cards:1", "cards:2", "none"]) == {
        "cards:1": "<li>1</li>",
        "cards:2": "<li>2</li>",
    }
    assert redis_cache.add("kept", "other") is False
    assert redis_cache.add("counter", 1) is True
    assert redis_cache.incr("counter") == 2 == redis_cache.get("counter")
    assert redis_cache.delete("kept") and redis_cache.get("kept") is None


def test_one_client_serves_every_call(redis_cache):
    first = redis_cache._cache.get_client()
    redis_cache.get("kept")

    assert redis_cache._cache.get_client() is first
    assert redis_cache._cache.get_client(write=True) is first  # one server: one pool


def test_threads_sharing_the_client_each_get_their_own_answers(redis_cache):
    redis_cache.get("kept")  # the client exists before the threads start
    wrong = []

    def work(n):
        for round_ in range(200):
            redis_cache.set(f"t{n}", (n, round_), 60)
            if redis_cache.get(f"t{n}") != (n, round_):
                wrong.append((n, round_))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert wrong == []
