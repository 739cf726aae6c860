"""Background work of the newsletter: thin wrappers that load by id and call one service."""

from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import Issue
from .services import sending, subscriptions


@shared_task(time_limit=60, soft_time_limit=50)
def start_due_issues(**kwargs) -> list[int]:
    """Every minute (beat): start what is due and resume what a killed run left sending."""
    ids = sending.start_due_issues(now=timezone.now())
    for issue_id in ids:
        transaction.on_commit(partial(send_issue.delay, issue_id=issue_id))
    return ids


@shared_task(acks_late=True, time_limit=20 * 60, soft_time_limit=19 * 60)
def send_issue(*, issue_id: int, batch_size: int = sending.BATCH_SIZE, **kwargs) -> None:
    """Send one issue in batches; safe to run again after a kill (nobody is mailed twice).
    A send longer than the time limit is stopped and the beat's next minute resumes it."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is not None:
        sending.send_issue(issue=issue, now=timezone.now(), batch_size=batch_size)


@shared_task(ignore_result=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def delete_unconfirmed_signups(**kwargs) -> int:
    """Nightly: sign-ups whose confirmation link has expired unused."""
    return subscriptions.delete_unconfirmed(now=timezone.now())
