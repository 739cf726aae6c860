"""The newsletter: subscribers (double opt-in), issues written by staff, and one delivery row
per issue and subscriber.

The proof of consent is the privacy app's ConsentRecord (purpose "newsletter"); a subscriber
row is the address, its state and what the sign-up form showed until the address confirms.
A delivery row is claimed before its mail goes, so a send that is killed and resumed never
mails anyone twice (newsletter/services/sending.py).
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def active(self) -> Self:
        return self.filter(status=Subscriber.Status.ACTIVE)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        FOOTER = "footer", _("Form in the footer")
        PAGE = "page", _("Newsletter page")
        MY_DATA = "my_data", _("My data (signed in)")

    email = models.EmailField(_("e-mail address"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(_("signed up through"), max_length=20, choices=Source.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    tracking = models.BooleanField(_("counts opens and clicks"), default=False)
    created_at = models.DateTimeField(_("signed up at"))
    # What the form showed, kept until the link is used; it goes to the consent ledger then.
    wording_shown = models.TextField(_("wording shown at sign-up"), blank=True)
    signup_ip = models.GenericIPAddressField(_("network (truncated IP)"), null=True, blank=True)
    # A new nonce per confirmation mail: the link carries it, confirming clears it (single use).
    confirmation_nonce = models.CharField(max_length=32, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    # The clock of `newsletter.consent`: last send, confirmation or withdrawal.
    last_used_at = models.DateTimeField(_("last used at"), db_index=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return f"Subscriber #{self.pk}"


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body (Markdown)"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished at"), null=True, blank=True)
    # Counted per issue without naming anyone (only subscribers who consented are counted).
    opens = models.PositiveIntegerField(_("opens"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Queued")
        SENDING = "sending", _("Being sent (interrupted if it stays so)")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CLAIMED
    )
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once")
        ]

    def __str__(self) -> str:
        return f"Delivery #{self.pk}"
