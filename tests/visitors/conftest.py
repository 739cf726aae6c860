import pytest

from tests.factories.privacy import create_cookie_rows

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


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
