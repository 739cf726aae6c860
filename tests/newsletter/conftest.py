import datetime as dt

import pytest
from django.utils import timezone

from newsletter.models import Issue, Subscriber
from privacy import consent

WORDING = "Jag vill ha nyhetsbrevet."


def subscriber(email: str, *, tracking: bool = False, now=None, **fields) -> Subscriber:
    """An active subscriber with its consent in the ledger."""
    now = now or timezone.now() - dt.timedelta(days=1)
    consent.give_consent(
        purpose="newsletter",
        email=email,
        wording=WORDING,
        method=consent.ConsentMethod.EMAIL_CONFIRMATION,
        ip=None,
        now=now,
        language="sv",
    )
    return Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.ACTIVE,
        source=Subscriber.Source.PAGE,
        language="sv",
        tracking=tracking,
        created_at=now,
        confirmed_at=now,
        last_used_at=now,
        **fields,
    )


@pytest.fixture
def issue():
    return Issue.objects.create(
        subject="Nytt i veckan",
        body="# Hej\n\nLäs [våra tips](https://example.se/tips) och <script>alert(1)</script>.",
        created_at=timezone.now(),
        status=Issue.Status.SENDING,
    )


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post, running what the view left for after its commit (the mails)."""

    def _post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return _post
