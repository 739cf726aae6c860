import importlib

import pytest
from django.apps import apps

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


def create_cookie_rows():
    """The data migrations' rows (again: a transactional test elsewhere may have flushed)."""
    importlib.import_module("privacy.migrations.0003_cookie_groups").create(apps, None)
    importlib.import_module("visitors.migrations.0002_statistics_cookie").create(apps, None)
    from cookie_consent.cache import delete_cache

    delete_cache()


@pytest.fixture(autouse=True)
def _cookie_groups(db):
    create_cookie_rows()


@pytest.fixture
def browser_client(client):
    """A client that looks like a browser (bots are never counted)."""
    client.defaults["HTTP_USER_AGENT"] = UA
    return client


@pytest.fixture
def pixel(settings):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
