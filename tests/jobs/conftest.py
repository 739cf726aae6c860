import pytest
from django.test import Client

from jobs.search import is_postgres

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


@pytest.fixture
def client():
    # As a browser sends from a page of the site (the ad page's forms check it, config/caching.py).
    return Client(
        HTTP_USER_AGENT=BROWSER,
        HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9",
        headers={"Sec-Fetch-Site": "same-origin"},
    )


@pytest.fixture
def postgres_only():
    if not is_postgres():
        pytest.skip("full-text search in Swedish needs PostgreSQL (run with DATABASE_URL)")
