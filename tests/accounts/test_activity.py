"""The activity clock: the last day seen signed in, written at most once a day."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
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


def test_the_keep_my_account_link_counts_as_activity_without_signing_in(frozen_now, client):
    user = UserFactory(last_seen_on=LONG_AGO)
    token = services.keep_account_token(user=user)
    response = client.get(reverse("accounts:keep_account", args=[token]))
    assert response.status_code == 200
    assert "Ditt konto finns kvar" in response.content.decode()
    assert last_seen(user) == frozen_now.date()
    assert "_auth_user_id" not in client.session


def test_a_tampered_keep_link_does_nothing(client):
    user = UserFactory(last_seen_on=LONG_AGO)
    token = services.keep_account_token(user=user)
    response = client.get(reverse("accounts:keep_account", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert last_seen(user) == LONG_AGO


def test_an_expired_keep_link_does_nothing(client):
    user = UserFactory(last_seen_on=LONG_AGO)
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        token = services.keep_account_token(user=user)
    with time_machine.travel(dt.datetime(2026, 2, 6, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("accounts:keep_account", args=[token]))
    assert response.status_code == 400
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
    assert last_seen(user) == frozen_now.date()
    assert link in message.alternatives[0][0]


def test_a_restricted_person_gets_no_warning():
    from privacy.restrictions import restrict

    user = UserFactory(last_seen_on=LONG_AGO)
    restrict(user=user, reason="Art. 18 request", by=user, now=timezone.now())
    services.send_inactivity_warning(user, dt.date(2026, 1, 10))
    assert mail.outbox == []
