from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .orgnr import is_personal_identity_number


class CompanyQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Company(models.Model):
    name = models.CharField(_("company name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=11, unique=True)
    email = models.EmailField(_("company e-mail"))
    phone = models.CharField(_("phone"), max_length=30)
    street = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    town = models.CharField(_("town"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("about the company"), blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        return self.name

    @property
    def is_sole_trader(self) -> bool:
        return is_personal_identity_number(self.org_number)


class Membership(models.Model):
    """A contact person of a company: a user with a role."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships",
                                verbose_name=_("company"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("user"))
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
