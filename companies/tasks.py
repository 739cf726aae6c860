"""Background work of the employer's side: thin wrappers that load by id and call a service."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from .models import Invoice
from .services import billing


@shared_task(
    time_limit=120,
    soft_time_limit=100,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def send_invoice(*, invoice_id: int, **kwargs) -> None:
    """E-mail a new invoice to the company (enqueued when the order commits)."""
    invoice = Invoice.objects.select_related("order").get(pk=invoice_id)
    billing.send_invoice(invoice=invoice, now=timezone.now())


@shared_task(time_limit=20 * 60, soft_time_limit=18 * 60)
def send_invoice_reminders(**kwargs) -> int:
    """Daily: the first reminder 7 days after the due date, the second 14 days later."""
    return billing.send_due_reminders(now=timezone.now())
