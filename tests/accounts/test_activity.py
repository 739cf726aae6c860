"""The activity clock: the last day seen signed in, written at most once a day."""

import datetime as dt
import logging

import pytest
import time_machine
from django.core import mail
from django.urls import reverse, translate_url
from django.utils import timezone

from accounts import services
from accounts.models import User
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
LONG_AGO = dt.date(2025, 1, 10)


def last_seen(user):
    return User.objects.values_list("last_seen_on", flat=True).get(pk=user.pk)


def updates_of_last_seen(queries):
    return [q for q in queries if q["sql"].startswith("UPDATE") and "last_seen_on" in q["sql"]]


def test_a_signed_in_visit_moves_the_clock_to_today(frozen_now, client):
    user = UserFactory(last_seen_on=LONG_AGO)
    client.force_login(user)
    client.get(reverse("jobs:home"))
    assert last_seen(user) == frozen_now.date()


def test_the_clock_is_written_once_per_day_not_per_request(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory(last_seen_on=LONG_AGO)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get(reverse("accounts:overview"))
    assert len(updates_of_last_seen(queries.captured_queries)) == 1


def test_the_next_day_writes_again(client):
    user = UserFactory(last_seen_on=LONG_AGO)
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        client.force_login(user)
        client.get(reverse("accounts:overview"))
        assert last_seen(user) == dt.date(2026, 3, 1)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        client.get(reverse("accounts:overview"))
        assert last_seen(user) == dt.date(2026, 3, 2)


def test_anonymous_visits_write_nothing(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("privacy:notice"))
    assert not [q for q in queries.captured_queries if not q["sql"].startswith("SELECT")]


def test_recording_activity_never_moves_the_clock_back():
    user = UserFactory(last_seen_on=dt.date(2026, 5, 5))
    assert services.record_activity(user=user, today=dt.date(2026, 5, 4)) is False
    assert last_seen(user) == dt.date(2026, 5, 5)


def keep_url(user):
    return reverse("accounts:keep_account", args=[services.keep_account_token(user=user)])


def test_opening_the_keep_my_account_link_only_asks(frozen_now, client):
    """A mail scanner follows every link with GET: that must not keep an idle account."""
    user = UserFactory(last_seen_on=LONG_AGO)
    response = client.get(keep_url(user))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<form method="post" action="{keep_url(user)}">' in page
    assert "Behåll mitt konto</button>" in page
    assert last_seen(user) == LONG_AGO


def test_the_keep_button_counts_as_activity_without_signing_in(frozen_now, client):
    user = UserFactory(last_seen_on=LONG_AGO)
    response = client.post(keep_url(user))
    assert response.status_code == 200
    assert "Ditt konto finns kvar" in response.content.decode()
    assert last_seen(user) == frozen_now.date()
    assert "_auth_user_id" not in client.session


def test_the_keep_button_works_in_english(frozen_now, client):
    user = UserFactory(last_seen_on=LONG_AGO)
    url = translate_url(keep_url(user), "en")
    assert url.startswith("/en/")
    assert "Keep my account</button>" in client.get(url).content.decode()
    assert "Your account is kept" in client.post(url).content.decode()
    assert last_seen(user) == frozen_now.date()


def test_the_keep_page_is_kept_by_no_cache_and_sends_no_referer(client):
    user = UserFactory(last_seen_on=LONG_AGO)
    for response in (client.get(keep_url(user)), client.post(keep_url(user))):
        assert response["Cache-Control"] == "private, no-store"
        assert response["Referrer-Policy"] == "no-referrer"


def test_the_keep_token_is_never_logged(client, caplog):
    user = UserFactory(last_seen_on=LONG_AGO)
    token = services.keep_account_token(user=user)
    bad = token[:-2] + "xx"
    with caplog.at_level(logging.DEBUG):
        client.get(reverse("accounts:keep_account", args=[token]))
        client.post(reverse("accounts:keep_account", args=[token]))
        client.get(reverse("accounts:keep_account", args=[bad]))
        client.post(reverse("accounts:keep_account", args=[bad]))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert token not in logged
    assert bad not in logged


def test_a_tampered_keep_link_does_nothing(client):
    user = UserFactory(last_seen_on=LONG_AGO)
    token = services.keep_account_token(user=user)
    url = reverse("accounts:keep_account", args=[token[:-2] + "xx"])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()
        assert "Behåll mitt konto</button>" not in response.content.decode()
    assert last_seen(user) == LONG_AGO


def test_an_expired_keep_link_does_nothing(client):
    user = UserFactory(last_seen_on=LONG_AGO)
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        token = services.keep_account_token(user=user)
    with time_machine.travel(dt.datetime(2026, 2, 6, tzinfo=dt.UTC), tick=False):
        response = client.post(reverse("accounts:keep_account", args=[token]))
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()
    assert last_seen(user) == LONG_AGO


def test_the_warning_email_carries_a_working_keep_link(frozen_now, client, settings):
    settings.SITE_URL = "https://workwithus.example"
    user = UserFactory(last_seen_on=LONG_AGO)
    services.send_inactivity_warning(user, dt.date(2026, 1, 10))
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "behålla ditt konto" in message.subject
    assert "2026-01-10" in message.body
    link = next(w for w in message.body.split() if w.startswith(settings.SITE_URL))
    client.get(link.removeprefix(settings.SITE_URL))
    assert last_seen(user) == LONG_AGO
    client.post(link.removeprefix(settings.SITE_URL))
    assert last_seen(user) == frozen_now.date()
    assert link in message.alternatives[0][0]


def test_a_restricted_person_gets_no_warning():
    from privacy.restrictions import restrict

    user = UserFactory(last_seen_on=LONG_AGO)
    restrict(user=user, reason="Art. 18 request", by=user, now=timezone.now())
    services.send_inactivity_warning(user, dt.date(2026, 1, 10))
    assert mail.outbox == []
