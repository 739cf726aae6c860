"""Support requests from the contact form and their correspondence.

Kept under `support.requests` (12 months after the last message); a thread that staff mark
as about a payment, a deletion agreement or the exclusion of a user is kept under
`contacts.long_term` instead (5 years after the last message). A report of an ad from its
page is such a thread too, linked to the ad (staff take the ad down in its own admin).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LongTermReason(models.TextChoices):
    PAYMENT = "payment", _("Payment enquiry")
    DELETION = "deletion", _("Deletion agreement")
    EXCLUSION = "exclusion", _("Rejecting or excluding a user")


class ReportReason(models.TextChoices):
    """Why a visitor reports an ad (the choices of the report form)."""

    SCAM = "scam", _("It looks like a scam or asks for money")
    DISCRIMINATION = "discrimination", _("It discriminates or offends")
    MISLEADING = "misleading", _("It is false or misleading")
    NOT_A_JOB = "not_a_job", _("It is not a real job, or is advertising")
    PERSONAL_DATA = "personal_data", _("It shows someone's personal data that should not be there")
    OTHER = "other", _("Something else")


class SupportRequestQuerySet(models.QuerySet["SupportRequest"]):
    def long_term(self) -> "SupportRequestQuerySet":
        return self.exclude(long_term_reason="")

    def ordinary(self) -> "SupportRequestQuerySet":
        return self.filter(long_term_reason="")


class SupportRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")

    # A report of an ad may come without a name or an address (then it cannot be answered).
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    long_term_reason = models.CharField(
        _("kept longer because it is about"),
        max_length=10,
        choices=LongTermReason.choices,
        blank=True,
        help_text=_("Payments, deletion agreements and exclusions are kept longer."),
    )
    ad = models.ForeignKey(
        "jobs.Ad",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported ad"),
    )
    created_at = models.DateTimeField(_("received"))
    last_message_at = models.DateTimeField(_("last message"))

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")

    def __str__(self) -> str:
        return f"Support request #{self.pk}"


class SupportMessage(models.Model):
    class Sender(models.TextChoices):
        PERSON = "person", _("The person writing to us")
        STAFF = "staff", _("Our staff")

    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("support request"),
    )
    sender = models.CharField(_("from"), max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"))
    mailed = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"Support message #{self.pk}"
