import datetime as dt
import io
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from pypdf import PdfReader

from companies.models import Invoice, Order, Reminder
from companies.money import format_sek, parse_sek
from companies.services import billing
from jobs.models import Ad
from tests.factories.companies import (
    CompanyFactory,
    FeaturedProductFactory,
    ProductFactory,
    place_order,
)
from tests.factories.jobs import AdFactory

pytestmark = pytest.mark.django_db


def _draft(company=None, **fields):
    return AdFactory(
        company=company or CompanyFactory(),
        status=Ad.Status.DRAFT,
        published_at=None,
        ends_at=None,
        **fields,
    )


@pytest.mark.parametrize(
    ("ore", "text"),
    [
        (0, "0,00 kr"),
        (99500, "995,00 kr"),
        (123450, "1 234,50 kr"),
        (124375, "1 243,75 kr"),
        (123456789, "1 234 567,89 kr"),
    ],
)
def test_amounts_are_written_the_swedish_way(ore, text):
    # The spaces are no-break spaces: a price never breaks across two lines.
    assert format_sek(ore) == text.replace(" ", "\u00a0")
    assert parse_sek(text) == parse_sek(format_sek(ore)) == ore


def test_vat_is_25_percent_in_whole_ore(taxonomy):
    invoice = place_order(ad=_draft(), product=FeaturedProductFactory()).invoice

    assert (invoice.net_ore, invoice.vat_ore, invoice.total_ore) == (179500, 44875, 224375)


def test_invoice_numbers_follow_each_other_without_gaps(taxonomy):
    numbers = [place_order(ad=_draft()).invoice.number for _ in range(3)]

    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


def test_a_failed_order_uses_no_number(taxonomy):
    first = place_order(ad=_draft()).invoice.number
    too_late = _draft(last_application_date=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(Exception):  # noqa: B017
        place_order(ad=too_late)

    assert place_order(ad=_draft()).invoice.number == first + 1


def test_the_invoice_is_due_in_30_days_and_copies_the_buyer(taxonomy):
    company = CompanyFactory(name="Bygg & Co AB", org_number="556036-0793")
    now = timezone.now()

    invoice = place_order(ad=_draft(company), now=now).invoice

    assert invoice.issued_on == timezone.localdate(now)
    assert invoice.due_on == invoice.issued_on + dt.timedelta(days=30)
    assert (invoice.buyer_name, invoice.buyer_org_number) == ("Bygg & Co AB", "556036-0793")


def _pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\xa0", " ")


def test_the_pdf_holds_seller_buyer_lines_vat_and_total_in_swedish_format(taxonomy, settings):
    company = CompanyFactory(name="Bygg & Co AB", org_number="556036-0793")
    ad = _draft(company, title="Snickare till Åre")
    invoice = place_order(ad=ad, product=ProductFactory()).invoice

    text = _pdf_text(billing.ensure_invoice_pdf(invoice=invoice))

    assert f"Faktura {invoice.number}" in text
    assert settings.INVOICE_SELLER["name"] in text
    assert settings.INVOICE_SELLER["org_number"] in text
    assert "Bygg & Co AB" in text
    assert "556036-0793" in text
    assert "Annons 30 dagar: Snickare till Åre" in text
    assert "995,00 kr" in text
    assert "Moms 25 %" in text
    assert "248,75 kr" in text
    assert "1 243,75 kr" in text
    assert invoice.due_on.isoformat() in text
    assert settings.INVOICE_BANKGIRO in text


def test_the_pdf_is_made_once_and_then_kept(taxonomy):
    invoice = place_order(ad=_draft()).invoice
    assert not invoice.pdf

    first = billing.ensure_invoice_pdf(invoice=invoice)
    invoice.refresh_from_db()

    assert invoice.pdf.name.startswith("invoices/")
    assert billing.ensure_invoice_pdf(invoice=invoice) == first


def test_payments_in_full_mark_the_invoice_paid(taxonomy, admin_user):
    invoice = place_order(ad=_draft()).invoice
    now = timezone.now()

    billing.register_payment(
        invoice=invoice, amount_ore=100000, paid_on=timezone.localdate(), by=admin_user, now=now
    )
    invoice.refresh_from_db()
    assert invoice.paid_at is None
    billing.register_payment(
        invoice=invoice,
        amount_ore=invoice.total_ore - 100000,
        paid_on=timezone.localdate(),
        by=admin_user,
        now=now,
    )
    invoice.refresh_from_db()
    assert invoice.paid_at == now


def test_a_payment_in_the_next_year_moves_the_bookkeeping_clock(taxonomy, admin_user):
    order = place_order(ad=_draft())
    later = order.last_transaction_on + dt.timedelta(days=40)

    billing.register_payment(
        invoice=order.invoice, amount_ore=1, paid_on=later, by=admin_user, now=timezone.now()
    )

    order.refresh_from_db()
    assert order.last_transaction_on == later


class TestReminders:
    @pytest.fixture
    def invoice(self, taxonomy):
        return place_order(ad=_draft()).invoice

    def _run(self, day):
        now = dt.datetime.combine(day, dt.time(8), tzinfo=timezone.get_current_timezone())
        return billing.send_due_reminders(now=now)

    def test_the_first_reminder_goes_7_days_after_the_due_date_once(self, invoice, mailoutbox):
        assert self._run(invoice.due_on + dt.timedelta(days=6)) == 0
        assert self._run(invoice.due_on + dt.timedelta(days=7)) == 1
        assert self._run(invoice.due_on + dt.timedelta(days=8)) == 0

        reminder = Reminder.objects.get()
        assert reminder.level == Reminder.Level.FIRST
        assert reminder.sent_to == invoice.buyer_email
        assert mailoutbox[0].to == [invoice.buyer_email]
        assert str(invoice.number) in mailoutbox[0].subject

    def test_the_second_reminder_goes_14_days_after_the_first_once(self, invoice, mailoutbox):
        first_day = invoice.due_on + dt.timedelta(days=7)
        self._run(first_day)

        assert self._run(first_day + dt.timedelta(days=13)) == 0
        assert self._run(first_day + dt.timedelta(days=14)) == 1
        assert self._run(first_day + dt.timedelta(days=30)) == 0
        assert sorted(invoice.reminders.values_list("level", flat=True)) == [1, 2]
        assert len(mailoutbox) == 2

    def test_a_paid_invoice_gets_no_reminder(self, invoice, admin_user):
        billing.register_payment(
            invoice=invoice,
            amount_ore=invoice.total_ore,
            paid_on=invoice.due_on,
            by=admin_user,
            now=timezone.now(),
        )

        assert self._run(invoice.due_on + dt.timedelta(days=30)) == 0

    def test_the_beat_task_is_scheduled_daily_in_utc(self):
        from companies import tasks
        from config.celery import BEAT_SCHEDULE, app

        entry = BEAT_SCHEDULE["companies-invoice-reminders"]
        assert entry["task"] == tasks.send_invoice_reminders.name
        assert app.conf.timezone == "UTC"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writers anyway",
)
# serialized_rollback: its flush then leaves the tables empty for the next test that
# restores the migrated rows (the workers' tests); a plain flush re-creates the content
# types under new ids, and restoring them after it collides (seen on PostgreSQL).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_orders_get_twenty_numbers_without_gaps_or_duplicates(taxonomy):
    product = ProductFactory()
    ads = [_draft() for _ in range(20)]
    start = threading.Barrier(20)
    errors = []

    def order(ad):
        try:
            start.wait()
            place_order(ad=ad, product=product)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=order, args=(ad,)) for ad in ads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 20))
    assert Order.objects.count() == 20


def test_a_long_title_without_spaces_wraps_and_leaves_the_amounts_on_the_page(taxonomy):
    """A title with no space to break at wraps inside its column (the amounts stay where
    they are, on the page) instead of running as one line over the amounts' columns."""
    title = "Systemutvecklare" + "Fullstackjavascriptpython" * 5
    invoice = place_order(
        ad=_draft(CompanyFactory(), title=title), product=ProductFactory()
    ).invoice

    text = _pdf_text(billing.ensure_invoice_pdf(invoice=invoice))

    assert title not in text  # broken over lines...
    assert title in text.replace("\n", "")  # ...whole
    assert "1 243,75 kr" in text
