"""Django's own warnings quote the request's path ("Bad Request: /path", "Not Found:
/path"), and the paths of e-mailed links hold their token: a log line would be a way in for
whoever reads the logs. The loggers that quote paths write each token as "<token>"
(config/logs.py), as gunicorn's access log does."""

import logging

import pytest
from django.urls import reverse

from config.logs import PLACEHOLDER, RedactPathsFilter

pytestmark = pytest.mark.django_db

# Signed tokens as the site makes them (a value, a timestamp, a signature).
TOKEN = "eyJlIjoiYUBleGFtcGxlLnNlIn0:1vQx3Z:Hk2mP9wq-7FbXy4LrT0uNcE1sVa8dJgO"


@pytest.mark.parametrize(
    "url",
    [
        reverse("newsletter:confirm", args=[TOKEN]),  # 400: the link does not work
        reverse("newsletter:unsubscribe", args=[TOKEN]),
        reverse("rights:verify", args=[7, TOKEN]),
        reverse("jobs:alert_unsubscribe", args=[TOKEN]),
    ],
)
def test_a_refused_link_of_an_email_is_logged_without_its_token(client, caplog, url):
    with caplog.at_level(logging.INFO):
        client.get(url)
        client.post(url)

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert TOKEN not in logged and TOKEN[:20] not in logged
    quoted = [r for r in caplog.records if r.name.startswith("django.")]
    assert all(PLACEHOLDER in r.getMessage() for r in quoted if "/" in r.getMessage())


def test_the_development_servers_request_line_loses_its_token_and_query():
    record = logging.LogRecord(
        "django.server", logging.INFO, "", 0, '"%s" %s %s',
        (f"GET /nyhetsbrev/bekrafta/{TOKEN}/?utm=x HTTP/1.1", "400", "12"), None,
    )  # fmt: skip

    RedactPathsFilter().filter(record)

    assert record.getMessage() == f'"GET /nyhetsbrev/bekrafta/{PLACEHOLDER}/?… HTTP/1.1" 400 12'


def test_ids_and_words_of_a_path_stay():
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "%s: %s", ("Not Found", "/jobb/123/kock-i-umea/"),
        None,
    )  # fmt: skip

    RedactPathsFilter().filter(record)

    assert record.getMessage() == "Not Found: /jobb/123/kock-i-umea/"
