"""The day's digests handed out in batches: every due alert once, the oldest included, and
a batch run twice, or an alert another worker holds, never mails anyone twice.

One task that went through every alert took 21 ms an alert (bench/alert_digests.py), so at
100 000 alerts it passed its time limit half-way, every day at the same alerts."""

import datetime as dt
import os

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from jobs import tasks
from jobs.models import JobAlert, JobAlertSentAd
from jobs.services import digests
from privacy import restrictions
from tests.config.test_celery_worker import worker  # noqa: F401  (the fixture)
from tests.factories import AdFactory
from tests.newsletter.test_send_worker import _mailed, _wait, mail_folder  # noqa: F401

from .test_alerts import subscribed

pytestmark = pytest.mark.django_db


def on_a_real_worker(test):
    """A test with a real Celery worker on Redis (PostgreSQL only: see its fixture)."""
    for mark in (
        pytest.mark.celery_worker,
        pytest.mark.django_db(transaction=True, serialized_rollback=True),
        pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis broker"),
    ):
        test = mark(test)
    return test


@pytest.fixture
def mailing_worker(mail_folder, worker):  # noqa: F811
    """The worker and the folder of its mail, set before it starts (it reads EMAIL_URL
    then)."""
    return worker, mail_folder


@pytest.fixture
def new_bakery_ad(taxonomy):
    return AdFactory(title="Bagare", published_at=timezone.now() - dt.timedelta(hours=2))


def _mailed_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_beat_task_hands_out_every_due_alert_in_batches_each_mailed_once(
    new_bakery_ad, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(digests, "DIGEST_BATCH_SIZE", 2)
    due = [subscribed(criteria={"q": "bagare"}) for _ in range(5)]
    done_today = subscribed(criteria={"q": "bagare"}, last_sent_on=timezone.localdate())
    handed_out: list[list[int]] = []
    batch_task = tasks.send_job_alert_digest_batch
    send = batch_task.apply_async
    monkeypatch.setattr(
        batch_task,
        "apply_async",
        lambda kwargs, **options: (
            handed_out.append(kwargs["alert_ids"]) or send(kwargs=kwargs, **options)
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        batches = tasks.send_job_alert_digests()

    assert batches == 3
    assert handed_out == [[a.pk for a in due[:2]], [a.pk for a in due[2:4]], [due[4].pk]]
    assert _mailed_to() == sorted(a.email for a in due)
    assert done_today.email not in _mailed_to()


def test_a_batch_run_again_mails_nobody_twice(new_bakery_ad, django_capture_on_commit_callbacks):
    batch = [subscribed(criteria={"q": "bagare"}).pk for _ in range(3)]
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        first = digests.send_digest_batch(alert_ids=batch, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        again = digests.send_digest_batch(alert_ids=batch, now=now + dt.timedelta(minutes=5))

    assert first["emails"] == 3 and again["emails"] == 0
    assert len(mail.outbox) == 3
    assert JobAlertSentAd.objects.count() == 3


def test_the_batches_leave_out_stopped_unconfirmed_and_already_sent_alerts(taxonomy):
    due = subscribed()
    subscribed(last_sent_on=timezone.localdate())
    subscribed(confirmed_at=None)
    subscribed(stopped_at=timezone.now(), stop_reason="withdrawn")

    assert list(digests.digest_batches(now=timezone.now())) == [[due.pk]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_an_alert_another_worker_holds_is_left_to_it(new_bakery_ad):
    held, free = subscribed(criteria={"q": "bagare"}), subscribed(criteria={"q": "bagare"})
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT 1 FROM jobs_jobalert WHERE id = %s FOR UPDATE", [held.pk])
            counts = digests.send_digest_batch(alert_ids=[held.pk, free.pk], now=timezone.now())
            assert _mailed_to() == [free.email]
            assert not JobAlertSentAd.objects.filter(alert=held).exists()
            cursor.execute("ROLLBACK")
    finally:
        other.close()
    assert counts["emails"] == 1

    digests.send_digest_batch(alert_ids=[held.pk, free.pk], now=timezone.now())

    assert _mailed_to() == sorted([held.email, free.email])


@on_a_real_worker
def test_the_day_s_task_and_its_batches_run_on_a_real_worker(mailing_worker, new_bakery_ad):
    running, folder = mailing_worker
    due = [subscribed(criteria={"q": "bagare"}) for _ in range(3)]

    tasks.send_job_alert_digests.apply_async(queue=running.queue)
    _wait(lambda: JobAlert.objects.exclude(last_sent_on=None).count() == 3)
    _wait(lambda: sum(_mailed(folder).values()) >= 3)

    mailed = _mailed(folder)
    assert sorted(mailed) == sorted(a.email for a in due)
    assert max(mailed.values()) == 1


def test_the_digest_leaves_a_restricted_company_unnamed(
    taxonomy, django_capture_on_commit_callbacks
):
    """A sole trader's company is their own name: under a restriction of processing it is
    left out of every public page, and so out of the digest mailed to others."""
    from tests.factories.companies import CompanyFactory

    subscribed(criteria={"q": "bagare"})
    own_name = CompanyFactory(name="Anna Lind Bageri", email="anna@bageri.se")
    named = CompanyFactory(name="Stora Bageriet AB")
    published = timezone.now() - dt.timedelta(hours=2)
    AdFactory(title="Bagare", company=own_name, published_at=published)
    AdFactory(title="Bagare", company=named, published_at=published)
    restrictions.restrict(email="anna@bageri.se", reason="Art. 18", by=None, now=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=timezone.now())

    [digest] = mail.outbox
    for body in (digest.body, digest.alternatives[0][0]):
        assert "Anna Lind" not in body
        assert "Arbetsgivaren namnges inte" in body
        assert "Stora Bageriet AB" in body
        assert body.count("/jobb/") >= 2


def test_the_digest_links_the_ads_in_the_language_of_the_consent(
    taxonomy, django_capture_on_commit_callbacks
):
    subscribed(criteria={"q": "bagare"}, language="en")
    ad = AdFactory(title="Bagare i Umeå", published_at=timezone.now() - dt.timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=timezone.now())

    [digest] = mail.outbox
    assert f"/en/jobs/{ad.pk}/bagare-i-umea/" in digest.body
    assert f"/en/jobs/{ad.pk}/bagare-i-umea/" in digest.alternatives[0][0]
    assert "new job matches your job alert" in digest.body


@on_a_real_worker
def test_a_batch_whose_worker_is_killed_is_run_again_and_mails_nobody_twice(
    mailing_worker, new_bakery_ad
):
    running, folder = mailing_worker
    due = [subscribed(criteria={"q": "bagare"}) for _ in range(120)]
    sent = JobAlert.objects.exclude(last_sent_on=None)

    tasks.send_job_alert_digest_batch.apply_async(
        kwargs={"alert_ids": [alert.pk for alert in due]}, queue=running.queue
    )
    _wait(lambda: sent.count() >= 20)
    assert running.kill_pool_process()
    halfway = sent.count()
    _wait(lambda: sent.count() == len(due))

    mailed = _mailed(folder)
    assert halfway < len(due), "the kill did not hit the batch half-way"
    assert max(mailed.values()) == 1, "someone was mailed twice"
    assert len(mailed) >= len(due) - 1  # at most the one mail in flight at the kill
