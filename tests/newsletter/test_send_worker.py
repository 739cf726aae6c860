"""A real Celery worker on Redis sends an issue; its pool process is killed half-way and the
send is started again: nobody is mailed twice, and only the one mail in flight at the kill
is left unknown (shown as interrupted, never sent again).

The worker writes its mails to files (the file backend); the test reads the To: lines.
PostgreSQL only, like tests/config/test_celery_worker.py, whose worker it uses.
"""

import os
import re
import time
from collections import Counter

import pytest
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Delivery, Issue
from newsletter.services import sending
from privacy import consent
from tests.config.test_celery_worker import worker  # noqa: F401  (the fixture)

from .conftest import subscriber

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs a Redis broker: set REDIS_URL (e.g. redis://127.0.0.1:6379/1)",
    ),
]
SUBSCRIBERS = 400


@pytest.fixture
def mail_folder(tmp_path, monkeypatch):
    folder = tmp_path / "mail"
    folder.mkdir()
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{folder}")
    return folder


def _mailed(folder) -> Counter:
    seen: Counter = Counter()
    for path in folder.iterdir():
        seen.update(re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE))
    return seen


def _wait(predicate, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_send_killed_half_way_and_resumed_mails_nobody_twice(mail_folder, worker):  # noqa: F811
    now = timezone.now()
    for n in range(SUBSCRIBERS):
        subscriber(f"w{n}@example.se", now=now)
    withdrawn = subscriber("slutat@example.se", now=now)
    consent.withdraw_consent(
        purpose="newsletter", email=withdrawn.email, method="unsubscribe_link", now=now
    )
    issue = Issue.objects.create(
        subject="Nytt", body="Hej", created_at=now, status=Issue.Status.SENDING
    )
    kwargs = {"issue_id": issue.pk, "batch_size": 25}

    tasks.send_issue.apply_async(kwargs=kwargs, queue=worker.queue)
    _wait(lambda: Delivery.objects.filter(status=Delivery.Status.SENT).count() >= 60)
    assert worker.kill_pool_process()
    worker.pool_processes()
    halfway = sum(_mailed(mail_folder).values())
    tasks.send_issue.apply_async(kwargs=kwargs, queue=worker.queue)
    _wait(lambda: Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT)

    mailed = _mailed(mail_folder)
    assert max(mailed.values()) == 1, "someone was mailed twice"
    assert "slutat@example.se" not in mailed
    assert 60 <= halfway < SUBSCRIBERS, "the kill did not hit the send half-way"
    progress = sending.progress(Issue.objects.get(pk=issue.pk))
    assert progress.interrupted <= 1
    assert len(mailed) + progress.interrupted + progress.skipped >= SUBSCRIBERS
    assert progress.sent == len(mailed) or progress.sent == len(mailed) - 1
