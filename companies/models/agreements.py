"""Subscription agreements (N ads a month at a price) and staff's correspondence notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Agreement(models.Model):
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("company"),
    )
    ads_per_month = models.PositiveSmallIntegerField(_("ads per month"))
    price_ore = models.PositiveIntegerField(_("price per month excluding VAT (öre)"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    contact_name = models.CharField(_("customer's contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("customer's contact e-mail"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="companies_agreement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"Agreement #{self.pk}"


class AgreementNote(models.Model):
    """Correspondence about an agreement, for staff only (rule contacts.long_term)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="notes", verbose_name=_("agreement")
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("agreement note")
        verbose_name_plural = _("agreement notes")

    def __str__(self):
        return f"Agreement note #{self.pk}"
