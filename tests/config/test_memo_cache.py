"""The cookie groups are held in each process, unpickled, and refetched exactly when a group
or a cookie changes anywhere (config/memo_cache.py)."""

import threading

import pytest
from cookie_consent.cache import all_cookie_groups
from cookie_consent.models import Cookie, CookieGroup

from config.memo_cache import MemoCache

pytestmark = pytest.mark.django_db


def a_process():
    """A second process's cache: its own memory, the same shared cache."""
    cache = MemoCache("cookie_consent", {"OPTIONS": {"SHARED": "default"}})
    cache._held = {}  # what a process holds is shared by its threads (see the next test)
    return cache


def test_the_threads_of_a_process_share_what_it_holds():
    """Django makes a cache backend per thread, and runserver a thread per request."""
    here = MemoCache("cookie_consent", {"OPTIONS": {"SHARED": "default"}})
    here.get("groups")
    here.set("groups", held := ["the groups"])
    found = []

    def read_in_another_thread():
        found.append(MemoCache("cookie_consent", {"OPTIONS": {"SHARED": "default"}}).get("groups"))

    thread = threading.Thread(target=read_in_another_thread)
    thread.start()
    thread.join()

    assert found[0] is held


@pytest.fixture
def group():
    return CookieGroup.objects.get(varname="statistics")  # made by a migration


def test_a_page_reads_the_same_groups_again_without_unpickling_them(group):
    first = all_cookie_groups()

    assert all_cookie_groups() is first
    assert first["statistics"].name == group.name


def test_a_changed_group_is_read_afresh(group):
    all_cookie_groups()
    group.name = "Besöksstatistik"
    group.save()

    assert all_cookie_groups()["statistics"].name == "Besöksstatistik"


def test_a_new_cookie_is_read_afresh(group):
    before = {cookie.name for cookie in all_cookie_groups()["statistics"].cookie_set.all()}
    Cookie.objects.create(cookiegroup=group, name="_new_one", domain="")

    after = {cookie.name for cookie in all_cookie_groups()["statistics"].cookie_set.all()}

    assert after == before | {"_new_one"}


def test_a_change_in_one_process_reaches_the_others():
    here, there = a_process(), a_process()
    here.get("groups")
    here.set("groups", "old")
    there.get("groups")
    there.set("groups", "old")

    here.delete("groups")  # a group saved through this process

    assert here.get("groups") is None and there.get("groups") is None


def test_a_value_read_before_a_change_is_not_kept_as_current():
    here, there = a_process(), a_process()
    here.get("groups")
    here.set("groups", "v1")
    assert there.get("groups") is None  # there misses, reads the database ("v1") ...
    here.delete("groups")  # ... while here saves a change ...
    there.set("groups", "v1")  # ... and there keeps what it read before it

    assert there.get("groups") is None  # stale at once: read afresh
    there.set("groups", "v2")
    assert there.get("groups") == "v2"


def test_the_first_value_of_a_thread_that_lost_the_race_is_not_current():
    here, there = a_process(), a_process()
    assert here.get("groups") is None and there.get("groups") is None
    here.set("groups", "v1")
    here.delete("groups")
    there.set("groups", "v0")  # read before the delete, set after it

    assert there.get("groups") is None
