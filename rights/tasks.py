"""Thin tasks: build an access report, mail the deadlines, delete unverified requests."""

import logging
from typing import Any

from celery import shared_task
from django.utils import timezone

from .models import AccessReport
from .services import deadlines, reports, requests

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=20 * 60,  # a person with 1000 applications: about a minute (bench/)
    soft_time_limit=18 * 60,
    ignore_result=True,
)
def build_access_report(*, report_id: int, **kwargs: Any) -> None:
    report = AccessReport.objects.filter(pk=report_id).first()
    if report is None or report.state == AccessReport.State.READY:
        return
    try:
        reports.build_report(report=report, now=timezone.now())
    except Exception:
        logger.exception("access report %s failed", report_id)
        reports.fail_report(report=report)
        raise


@shared_task(ignore_result=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def mail_deadlines(**kwargs: Any) -> int:
    return deadlines.send_deadline_mail(now=timezone.now())


@shared_task(ignore_result=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def delete_unverified_requests(**kwargs: Any) -> int:
    """Nightly: unverified requests after 7 days, and the ZIPs whose link has expired."""
    now = timezone.now()
    reports.delete_expired_files(now=now)
    return requests.delete_unverified(now=now)
