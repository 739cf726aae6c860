"""Companies, their contact persons (memberships) and invitations to join a company."""

import datetime
from pathlib import Path
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.fields import is_public_url

from ..orgnr import PERSONAL_IDENTITY_NUMBER_REGEX, is_personal_identity_number


class CustomerStatus(models.TextChoices):
    LEAD = "lead", _("Lead")
    CUSTOMER = "customer", _("Paying customer")


class CompanyQuerySet(models.QuerySet["Company"]):
    def for_user(self, user) -> Self:
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def with_public_page(self, today: datetime.date) -> Self:
        """Companies whose public page is shown on `today`: not hidden by the company, and
        the cooperation not ended (an ended company is anonymised in time: no page)."""
        return self.filter(show_page=True).filter(
            Q(cooperation_ended_on__isnull=True) | Q(cooperation_ended_on__gt=today)
        )

    def with_customer_status(self):
        """`customer_status`: a paying customer has at least one paid invoice, else a lead."""
        from .billing import Invoice

        paid = Invoice.objects.filter(order__company=OuterRef("pk"), paid_at__isnull=False)
        return self.annotate(
            has_paid=Exists(paid),
            customer_status=Case(
                When(has_paid=True, then=Value(CustomerStatus.CUSTOMER.value)),
                default=Value(CustomerStatus.LEAD.value),
                output_field=models.CharField(),
            ),
        )


# A sole trader's company name is their own name, and its page's slug is made of it: both
# are anonymised with the rest of the company (companies/privacy.py), an organisation's
# name is no personal data and stays. The neutral name is the legal form's own name, the
# same in every language (like "AB"); the slug keeps the id, as slugs are unique, and
# registration never makes one of this form (services.registration._unique_slug).
ANONYMISED_SOLE_TRADER_NAME = "Enskild firma"
ANONYMISED_SLUG_PREFIX = "enskild-firma-"
SOLE_TRADER = Q(org_number__regex=PERSONAL_IDENTITY_NUMBER_REGEX)


def anonymised_name() -> Case:
    """The name an anonymisation writes (an UPDATE: it reads the number before it is
    erased): the neutral name for a sole trader, the company's own for an organisation."""
    return Case(
        When(SOLE_TRADER, then=Value(ANONYMISED_SOLE_TRADER_NAME)),
        default=F("name"),
        output_field=CharField(),
    )


def anonymised_slug() -> Case:
    """The slug an anonymisation writes: "enskild-firma-<id>" for a sole trader."""
    return Case(
        When(
            SOLE_TRADER,
            then=Concat(Value(ANONYMISED_SLUG_PREFIX), Cast("id", output_field=CharField())),
        ),
        default=F("slug"),
        output_field=CharField(),
    )


def logo_upload_to(instance, filename):
    # The caller names the file "<digest>.webp"; the company's id keeps them apart.
    return f"logos/{instance.pk}/{filename}"


class Company(models.Model):
    name = models.CharField(_("company name"), max_length=200)
    # NNNNNN-NNNN. A sole trader's number is a personal identity number: never shown publicly.
    # Null only once anonymised (rule contacts.partner).
    org_number = models.CharField(
        _("organisation number"), max_length=11, unique=True, null=True, blank=True
    )
    email = models.EmailField(_("company e-mail"))
    phone = models.CharField(_("phone"), max_length=30)
    street = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    town = models.CharField(_("town"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("about the company"), blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    # The public page (/arbetsgivare/<slug>/): shown unless the company hides it.
    show_page = models.BooleanField(
        _("show a public company page"),
        default=True,
        help_text=_("A page with your logo, your description and your open ads."),
    )
    # Public, no personal data: a clean WebP made by companies.logos (never the upload).
    logo = models.FileField(_("logo"), upload_to=logo_upload_to, blank=True, max_length=255)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set by staff when the cooperation ends: the clock of rule contacts.partner.
    cooperation_ended_on = models.DateField(_("cooperation ended on"), null=True, blank=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        # A company name may be a sole trader's own name: the id only.
        return f"Company #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("companies:page", args=[self.slug])

    @property
    def public_website(self) -> str:
        """The website to link to: "" when the stored one is not a public web address (one
        saved before the form checked it, e.g. http://localhost)."""
        return self.website if self.website and is_public_url(self.website) else ""

    @property
    def logo_version(self) -> str:
        """The digest in the logo's stored name: its URL changes when the logo does."""
        return Path(self.logo.name).stem if self.logo else ""

    @property
    def is_sole_trader(self) -> bool:
        return bool(self.org_number and is_personal_identity_number(self.org_number))

    @property
    def public_org_number(self) -> str:
        """The number to show publicly: none for a sole trader (it is their identity number)."""
        return "" if self.is_sole_trader else (self.org_number or "")


class Membership(models.Model):
    """A contact person of a company: a user with a role."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="companies_one_membership"),
        ]

    def __str__(self):
        return f"Membership #{self.pk}"


INVITATION_DAYS = 7  # how long an invitation's link works


class Invitation(models.Model):
    """An invitation by e-mail to become a contact person; the link is signed and expires."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("company")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"Invitation #{self.pk}"

    @property
    def expires_at(self) -> datetime.datetime:
        """When its link stops working."""
        return self.created_at + datetime.timedelta(days=INVITATION_DAYS)
