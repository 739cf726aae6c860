import datetime as dt
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture
def client():
    """Django's test client, sending what every current browser sends with a request from a
    page of the site (Sec-Fetch-Site): the forms of the public pages carry no CSRF token and
    their endpoints check this instead (config/caching.py). tests/config/test_caching.py
    sends other values, or none."""
    from django.test import Client

    return Client(headers={"Sec-Fetch-Site": "same-origin"})


@pytest.fixture
def taxonomy(db):
    """The small built-in taxonomy (counties, municipalities, occupations)."""
    from taxonomy.importer import builtin_texts, import_taxonomy

    return import_taxonomy(builtin_texts())


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files of a test go to a fresh private folder."""
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache_and_inline_tasks(settings):
    """Each test gets an empty local cache (rate limits!) and runs tasks inline.

    Tests that need a real worker on Redis say so with the `celery_worker` marker.
    """
    from django.core.cache import cache

    from config.celery import app

    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {
        "default": local,
        "sessions": {**local, "LOCATION": "sessions"},
        "memo": settings.CACHES["memo"],
    }
    cache.clear()
    # Whole pages kept by the process (config/page_cache.py) would answer a test's second
    # request before the layer it tests: its own tests turn it on (the `kept_pages` fixture).
    settings.PAGE_CACHE_BYTES = 0
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def kept_pages(settings):
    """The process keeps whole public pages, as in production (config/page_cache.py)."""
    from config import page_cache

    page_cache.store.clear()
    settings.PAGE_CACHE_BYTES = 16 * 1024 * 1024
    yield page_cache.store
    page_cache.store.clear()


@pytest.fixture(autouse=True)
def _default_language(settings):
    """reverse() follows the active language: start each test in Swedish, whatever the
    previous test's last request left active in the thread."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# One fixed moment for tests whose expectation depends on "today": noon in Stockholm, so
# the local date and the UTC date agree and no daylight-saving change is near.
FROZEN_NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def frozen_now(time_machine):
    """Stops the clock at FROZEN_NOW for the whole test (request it first, so that every
    other fixture's rows are made at that moment too)."""
    time_machine.move_to(FROZEN_NOW, tick=False)
    return FROZEN_NOW


@pytest.fixture
def stopped_now(time_machine):
    """Stops the clock where it stands, for tests whose rows must also look current to
    PostgreSQL's own clock: the search trigger marks an ad live with the database's `now()`,
    so under FROZEN_NOW a digest would find no ads once the real date is a month past it.
    Derive every expected date from the returned moment (CI runs these under shifted
    clocks: a leap day, both daylight-saving changes, year end)."""
    from django.utils import timezone

    now = timezone.localtime()
    time_machine.move_to(now, tick=False)
    return now


@pytest.fixture
def stopped_utc(stopped_now):
    """The stopped moment in UTC, for seconds, minutes and hours on or back from it: added
    to the local time they are wall-clock ones, which move an hour across a daylight-saving
    change (an ad ending "in 30 seconds" would end in an hour and 30 seconds)."""
    import datetime as dt

    return stopped_now.astimezone(dt.UTC)
