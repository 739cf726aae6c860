"""Invoices: gap-free numbers, the PDF, e-mailing, payments and reminders.

The invoice number comes from one counter row locked with select_for_update inside the
order's transaction: two orders at the same moment queue on the lock, and an order that
fails rolls its number back with it, so the sequence has neither gaps nor duplicates.
"""

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from mailer import services as mailer

from ..models import Invoice, InvoiceCounter, Order, Payment, Reminder
from ..models.billing import VAT_PERCENT, vat_of

PAYMENT_TERMS_DAYS = 30
FIRST_REMINDER_AFTER_DAYS = 7  # after the due date
SECOND_REMINDER_AFTER_DAYS = 14  # after the first reminder
# Why an invoice and a reminder still go to a person who restricted processing (the mailer
# shows this to them).
INVOICE_REQUIRED_BY = gettext_lazy(
    "we must send an invoice for every order (the Accounting Act and the VAT Act)."
)
REMINDER_REQUIRED_BY = gettext_lazy("we may claim payment of an unpaid invoice (a legal claim).")


class BillingError(Exception):
    """A refusal with a message for staff."""


def next_invoice_number() -> int:
    """Must run inside the order's transaction (the lock is held until it commits)."""
    InvoiceCounter.objects.get_or_create(name="invoice")
    counter = InvoiceCounter.objects.select_for_update().get(name="invoice")
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def issue_invoice(*, order: Order, now: dt.datetime) -> Invoice:
    """Issue the invoice of an order, within the order's transaction."""
    company = order.company
    issued_on = timezone.localdate(now)
    vat = vat_of(order.price_ore)
    return Invoice.objects.create(
        order=order,
        number=next_invoice_number(),
        issued_on=issued_on,
        due_on=issued_on + dt.timedelta(days=PAYMENT_TERMS_DAYS),
        buyer_name=company.name,
        buyer_org_number=company.org_number or "",
        buyer_email=company.email,
        buyer_street=company.street,
        buyer_postal_code=company.postal_code,
        buyer_town=company.town,
        net_ore=order.price_ore,
        vat_ore=vat,
        total_ore=order.price_ore + vat,
    )


def render_invoice_pdf(invoice: Invoice) -> bytes:
    import weasyprint

    with translation.override("sv"):
        html = render_to_string(
            "companies/invoice_pdf.html",
            {
                "invoice": invoice,
                "order": invoice.order,
                "seller": settings.INVOICE_SELLER,
                "bankgiro": settings.INVOICE_BANKGIRO,
                "vat_percent": VAT_PERCENT,
            },
        )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def invoice_filename(invoice: Invoice) -> str:
    return f"faktura-{invoice.number}.pdf"


def ensure_invoice_pdf(*, invoice: Invoice) -> bytes:
    """The invoice's PDF, made the first time it is needed and then kept unchanged."""
    if invoice.pdf:
        with invoice.pdf.open("rb") as f:
            stored: bytes = f.read()
            return stored
    content = render_invoice_pdf(invoice)
    invoice.pdf.save(invoice_filename(invoice), ContentFile(content), save=False)
    Invoice.objects.filter(pk=invoice.pk).update(pdf=invoice.pdf.name)
    return content


def send_invoice(*, invoice: Invoice, now: dt.datetime) -> None:
    """E-mail the invoice, with its PDF attached, to the company's address."""
    content = ensure_invoice_pdf(invoice=invoice)
    mailer.send(
        "companies_invoice",
        to=invoice.buyer_email,
        context={"invoice": invoice},
        kind=mailer.MailKind.LEGAL,
        legal_reason=INVOICE_REQUIRED_BY,
        attachments=[(invoice_filename(invoice), content, "application/pdf")],
    )
    Invoice.objects.filter(pk=invoice.pk).update(emailed_at=now)


def register_payment(
    *,
    invoice: Invoice,
    amount_ore: int,
    paid_on: dt.date,
    reference: str = "",
    by: User,
    now: dt.datetime,
) -> Payment:
    """Staff register a payment; the invoice is paid once the payments cover its total."""
    if amount_ore <= 0:
        raise BillingError(_("A payment must be more than 0 kr."))
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        payment = Payment.objects.create(
            invoice=invoice,
            amount_ore=amount_ore,
            paid_on=paid_on,
            reference=reference,
            registered_by=by,
            registered_at=now,
        )
        Order.objects.filter(pk=invoice.order_id, last_transaction_on__lt=paid_on).update(
            last_transaction_on=paid_on
        )
        paid = invoice.payments.aggregate(total=Sum("amount_ore"))["total"] or 0
        if invoice.paid_at is None and paid >= invoice.total_ore:
            invoice.paid_at = now
            invoice.save(update_fields=["paid_at"])
    return payment


def reminders_due(*, today: dt.date) -> list[tuple[int, Reminder.Level]]:
    """(invoice id, reminder level) for every reminder that should go out today."""
    unpaid = Invoice.objects.unpaid()
    first = unpaid.filter(
        due_on__lte=today - dt.timedelta(days=FIRST_REMINDER_AFTER_DAYS),
    ).exclude(reminders__level=Reminder.Level.FIRST)
    second_after = today - dt.timedelta(days=SECOND_REMINDER_AFTER_DAYS)
    second = unpaid.filter(
        reminders__level=Reminder.Level.FIRST,
        reminders__sent_at__date__lte=second_after,
    ).exclude(reminders__level=Reminder.Level.SECOND)
    return [(pk, Reminder.Level.FIRST) for pk in first.values_list("pk", flat=True)] + [
        (pk, Reminder.Level.SECOND) for pk in second.values_list("pk", flat=True)
    ]


def send_reminder(*, invoice_id: int, level: int, now: dt.datetime) -> Reminder | None:
    """Send one reminder, once: the row and the e-mail succeed or fail together."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.paid_at is not None or invoice.reminders.filter(level=level).exists():
            return None
        reminder = Reminder.objects.create(
            invoice=invoice, level=level, sent_to=invoice.buyer_email, sent_at=now
        )
        content = ensure_invoice_pdf(invoice=invoice)
        mailer.send(
            "companies_reminder",
            to=invoice.buyer_email,
            context={"invoice": invoice, "reminder": reminder},
            kind=mailer.MailKind.LEGAL,
            legal_reason=REMINDER_REQUIRED_BY,
            attachments=[(invoice_filename(invoice), content, "application/pdf")],
        )
    return reminder


def send_due_reminders(*, now: dt.datetime) -> int:
    """The daily run: each reminder that is due goes out once. Returns how many went."""
    sent = 0
    for invoice_id, level in reminders_due(today=timezone.localdate(now)):
        if send_reminder(invoice_id=invoice_id, level=level, now=now):
            sent += 1
    return sent
