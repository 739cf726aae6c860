"""Job alerts get double opt-in: an alert sends only once its address is confirmed. A
signed-in user's verified address counts as confirmed; any other confirms by a link that
works once, for 24 hours, and only then is the consent recorded."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from jobs.models import JobAlert
from jobs.services import alerts, digests
from privacy import consent
from privacy.models import ConsentRecord
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified(client):
    user = UserFactory(verified=False)
    client.force_login(user)
    return user


def _save(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("jobs:alert_create"), {"q": "kock", "consent": "on"})


def _link(message) -> str:
    url = re.search(r"https?://\S+/jobb/bevakningar/bekrafta/\S+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def test_a_verified_address_starts_the_alert_at_once(client, taxonomy, frozen_now):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("jobs:alert_create"), {"q": "kock", "consent": "on"})

    alert = JobAlert.objects.get(user=user)
    assert alert.confirmed_at == frozen_now
    assert mail.outbox == []
    assert consent.has_consent(purpose="job_alerts", user=user)


def test_an_unconfirmed_address_gets_only_the_link_and_no_alert(
    client, taxonomy, unverified, frozen_now, django_capture_on_commit_callbacks
):
    _save(client, django_capture_on_commit_callbacks)
    alert = JobAlert.objects.get(user=unverified)
    AdFactory(title="Kock", published_at=frozen_now + dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=frozen_now + dt.timedelta(hours=2))

    assert alert.confirmed_at is None
    assert not consent.has_consent(purpose="job_alerts", user=unverified)
    assert [m.subject for m in mail.outbox] == ["Bekräfta din jobbevakning"]


def test_the_link_confirms_once_and_records_the_wording_shown(
    client, taxonomy, unverified, frozen_now, django_capture_on_commit_callbacks
):
    _save(client, django_capture_on_commit_callbacks)
    path = _link(mail.outbox[0])

    assert client.get(path).status_code == 200
    assert not consent.has_consent(purpose="job_alerts", user=unverified)
    assert client.post(path).status_code == 200

    alert = JobAlert.objects.get(user=unverified)
    assert alert.confirmed_at == frozen_now
    record = ConsentRecord.objects.get(purpose="job_alerts", user=unverified)
    assert record.wording.text == str(alerts.CONSENT_WORDING)
    assert record.method == consent.ConsentMethod.EMAIL_CONFIRMATION
    assert client.post(path).status_code == 400
    assert ConsentRecord.objects.filter(purpose="job_alerts").count() == 1


def test_a_link_older_than_24_hours_is_refused(
    client, taxonomy, unverified, frozen_now, time_machine, django_capture_on_commit_callbacks
):
    _save(client, django_capture_on_commit_callbacks)
    path = _link(mail.outbox[0])

    time_machine.move_to(frozen_now + dt.timedelta(hours=24, seconds=1), tick=False)
    assert client.post(path).status_code == 400
    assert JobAlert.objects.get(user=unverified).confirmed_at is None


def test_a_forged_confirmation_link_is_refused(client):
    assert client.post(reverse("jobs:alert_confirm", args=["forged"])).status_code == 400
