"""Requests of the GDPR rights (art. 15-21): one row per request, an append-only timeline
of who did what when, and the access reports (ZIP files) built for a request or for the
signed-in person's own My data page.

Written only by rights.services (admin included). An access request also opens a
privacy.AccessRequest, the hold that keeps every retention rule off the person's data while
it is open (privacy.retention); it is closed when the request is completed or refused.
"""

import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACCESS = "access", _("Access (art. 15)")
    RECTIFICATION = "rectification", _("Rectification (art. 16)")
    ERASURE = "erasure", _("Erasure (art. 17)")
    RESTRICTION = "restriction", _("Restriction of processing (art. 18)")
    PORTABILITY = "portability", _("Data portability (art. 20)")
    OBJECTION = "objection", _("Objection (art. 21)")
    WITHDRAWAL = "withdrawal", _("Withdrawal of consent (art. 7(3))")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the person")
    COMPLETED = "completed", _("Completed")
    REFUSED = "refused", _("Refused")


OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.IN_PROGRESS, Status.WAITING)


class Channel(models.TextChoices):
    WEB = "web", _("Web form (verified by e-mail)")
    ACCOUNT = "account", _("Signed in (My data)")
    STAFF = "staff", _("Entered by staff (letter, phone)")


class DataRequestQuerySet(models.QuerySet["DataRequest"]):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def verified(self) -> Self:
        return self.filter(verified_at__isnull=False)

    def due_by(self, day: datetime.date) -> Self:
        return self.open().verified().filter(due_on__lte=day)


class DataRequest(models.Model):
    kind = models.CharField(_("right"), max_length=20, choices=Kind.choices)
    email = models.EmailField(_("e-mail address"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    message = models.TextField(_("message from the person"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="sv")
    channel = models.CharField(_("received through"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    due_on = models.DateField(_("due on"), db_index=True)
    extended = models.BooleanField(_("extended"), default=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # The privacy hold of an access request: open while the request is.
    access_request = models.OneToOneField(
        "privacy.AccessRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_request",
        verbose_name=_("retention hold"),
    )
    # The verification link (web form): a hash of its token, valid 24 h, used once.
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")

    def __str__(self) -> str:
        # In the admin's language, and naming no one (the admin log keeps it).
        return f"{capfirst(self._meta.verbose_name)} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days


class RequestEvent(models.Model):
    """One step on a request's timeline: never changed, never deleted on its own."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        VERIFIED = "verified", _("Verified")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        NOTE = "note", _("Note")
        EXTENDED = "extended", _("Extended")
        REPORT_REQUESTED = "report_requested", _("Access report requested")
        REPORT_READY = "report_ready", _("Access report sent")
        ERASURE_PREVIEWED = "erasure_previewed", _("Erasure previewed")
        ERASED = "erased", _("Erasure executed")
        RESTRICTED = "restricted", _("Processing restricted")
        RESTRICTION_LIFTED = "restriction_lifted", _("Restriction lifted")
        OBJECTION = "objection", _("Objection acted on")
        CONSENTS_WITHDRAWN = "consents_withdrawn", _("Consents withdrawn")
        RECTIFIED = "rectified", _("Rectification recorded")
        REFUSED = "refused", _("Refused")
        COMPLETED = "completed", _("Completed")

    request = models.ForeignKey(
        DataRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("what"), max_length=25, choices=Action.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.pk}"


class AccessReport(models.Model):
    """A ZIP of one person's data, built by a Celery task, downloadable for 7 days."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    request = models.ForeignKey(
        DataRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("request"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, default="sv")
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="access-reports/", blank=True, max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("requested at"))
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access report")
        verbose_name_plural = _("access reports")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} #{self.pk}"

    @property
    def last_download_day(self) -> datetime.date | None:
        """The last day, in the site's time zone, on which the link works all day long (it
        stops at the midnight that ends it: rights.services.reports.download_ends)."""
        if self.expires_at is None:
            return None
        last_moment = self.expires_at - datetime.timedelta(microseconds=1)
        return timezone.localtime(last_moment, timezone.get_default_timezone()).date()
