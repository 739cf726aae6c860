"""Ad products, orders, invoices, payments and reminders: the bookkeeping.

Money is integer öre (1 kr = 100 öre), never float. Invoices copy the buyer's details when
they are issued, so a later change or anonymisation of the company does not alter an issued
invoice. All of it follows rule `billing.bookkeeping` (kept years after the end of the
financial year, never deleted early by an erasure request).
"""

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

VAT_PERCENT = 25


def vat_of(net_ore: int) -> int:
    """VAT on a net amount in öre, rounded half up to whole öre."""
    return (net_ore * VAT_PERCENT + 50) // 100


def invoice_upload_to(instance, filename):
    import uuid

    return f"invoices/{uuid.uuid4().hex}.pdf"


class ProductQuerySet(models.QuerySet["Product"]):
    def available(self) -> Self:
        return self.filter(is_active=True).order_by("position", "price_ore")


class Product(models.Model):
    """An ad product at a fixed price (SEK excluding VAT), managed by staff."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description = models.CharField(_("description (Swedish)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    days = models.PositiveSmallIntegerField(_("days published"))
    price_ore = models.PositiveIntegerField(_("price excluding VAT (öre)"))
    is_featured = models.BooleanField(_("featured ad"), default=False)
    is_active = models.BooleanField(_("for sale"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["position", "price_ore"]
        verbose_name = _("ad product")
        verbose_name_plural = _("ad products")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name

    @property
    def display_description(self) -> str:
        english = (get_language() or "sv").startswith("en")
        return self.description_en if english else self.description

    @property
    def vat_ore(self) -> int:
        return vat_of(self.price_ore)

    @property
    def total_ore(self) -> int:
        return self.price_ore + self.vat_ore


class OrderQuerySet(models.QuerySet["Order"]):
    def for_company(self, company) -> Self:
        return self.filter(company=company)


class Order(models.Model):
    """One product bought for one ad. Renewing an ad is a new order."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("company"),
    )
    # The ad may be deleted under rule ads.ad before the bookkeeping may go.
    ad = models.ForeignKey(
        "jobs.Ad",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("ad"),
    )
    ad_title = models.CharField(_("ad title"), max_length=150)
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="orders", verbose_name=_("product")
    )
    product_name = models.CharField(_("product name"), max_length=100)
    days = models.PositiveSmallIntegerField(_("days published"))
    price_ore = models.PositiveIntegerField(_("price excluding VAT (öre)"))
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ordered by"),
    )
    created_at = models.DateTimeField(_("ordered at"), default=timezone.now)
    # The date of the order's latest bookkeeping transaction (the order, or a payment): the
    # clock of rule billing.bookkeeping for the order, its invoice, payments and reminders.
    last_transaction_on = models.DateField(_("latest transaction on"))

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self):
        return f"Order #{self.pk}"

    @property
    def display_product_name(self) -> str:
        """The product in the reader's language while it is still sold under the name it
        was bought by; otherwise the name on the invoice."""
        if self.product.name == self.product_name:
            return self.product.display_name
        return self.product_name


class InvoiceCounter(models.Model):
    """The one row that hands out invoice numbers: locked (select_for_update) while an order
    is placed, so numbers form one sequence with no gaps and no duplicates."""

    name = models.CharField(max_length=20, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("invoice number counter")
        verbose_name_plural = _("invoice number counters")

    def __str__(self):
        return f"{self.name}: {self.last_number}"


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def for_company(self, company) -> Self:
        return self.filter(order__company=company)

    def unpaid(self) -> Self:
        return self.filter(paid_at__isnull=True)

    def overdue(self, today: dt.date) -> Self:
        return self.unpaid().filter(due_on__lt=today)

    def with_paid_amount(self):
        return self.annotate(paid_ore=Sum("payments__amount_ore", default=0))


class Invoice(models.Model):
    # The whole chain goes together, when the bookkeeping period of its latest transaction ends.
    order = models.OneToOneField(
        Order, on_delete=models.CASCADE, related_name="invoice", verbose_name=_("order")
    )
    number = models.PositiveIntegerField(_("invoice number"), unique=True)
    issued_on = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due date"))
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_org_number = models.CharField(_("buyer's organisation number"), max_length=11, blank=True)
    buyer_email = models.EmailField(_("buyer's e-mail"))
    buyer_street = models.CharField(_("street address"), max_length=200)
    buyer_postal_code = models.CharField(_("postal code"), max_length=6)
    buyer_town = models.CharField(_("town"), max_length=100)
    net_ore = models.PositiveIntegerField(_("amount excluding VAT (öre)"))
    vat_ore = models.PositiveIntegerField(_("VAT (öre)"))
    total_ore = models.PositiveIntegerField(_("total (öre)"))
    # Made on first download or when e-mailed, not when issued.
    pdf = models.FileField(_("PDF"), upload_to=invoice_upload_to, blank=True, max_length=255)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid in full at"), null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.CheckConstraint(
                condition=Q(total_ore=models.F("net_ore") + models.F("vat_ore")),
                name="companies_invoice_total_adds_up",
            ),
        ]

    def __str__(self):
        return f"Invoice {self.number}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.paid_at is None and self.due_on < today


class Payment(models.Model):
    """A payment received, registered by staff."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="payments", verbose_name=_("invoice")
    )
    amount_ore = models.PositiveIntegerField(_("amount (öre)"))
    paid_on = models.DateField(_("payment date"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"Payment #{self.pk}"


class Reminder(models.Model):
    """A payment reminder: the first 7 days after the due date, the second 14 days later."""

    class Level(models.IntegerChoices):
        FIRST = 1, _("First reminder")
        SECOND = 2, _("Second reminder")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("invoice")
    )
    level = models.PositiveSmallIntegerField(_("reminder"), choices=Level.choices)
    sent_to = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("payment reminder")
        verbose_name_plural = _("payment reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "level"], name="companies_one_reminder_per_level"
            ),
        ]

    def __str__(self):
        return f"Reminder #{self.pk}"
