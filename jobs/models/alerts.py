"""Job alerts: a saved search e-mailed as a daily digest of new matching ads.

The subscription is separate from the account (privacy-rules.md): if the account is deleted,
the alert survives as the address, the criteria and the consent proof alone, and lapses at
the end of `seeker.job_alerts`, counted from the day the person was last seen signed in (the
user's own `last_seen_on`; once the account is gone, the alert's copy, refreshed at every
run). A stopped alert sends nothing and is deleted at the end of `seeker.job_alert_consent`,
counted from the day it stopped.
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from privacy.periods import with_period_lazy


class JobAlertQuerySet(models.QuerySet["JobAlert"]):
    def running(self) -> Self:
        # The privacy engine's STOP writes only stop_reason="lapsed" (see jobs/privacy.py).
        return self.filter(stopped_at__isnull=True, stop_reason="")

    def confirmed(self) -> Self:
        return self.filter(confirmed_at__isnull=False)

    def stopped(self) -> Self:
        return self.filter(stopped_at__isnull=False)

    def for_user(self, user) -> Self:
        return self.filter(user=user) if user.is_authenticated else self.none()


class JobAlert(models.Model):
    class StopReason(models.TextChoices):
        WITHDRAWN = "withdrawn", _("Unsubscribed")
        LAPSED = (
            "lapsed",
            with_period_lazy(_("Lapsed after %(period)s without sign-in"), "seeker.job_alerts"),
        )
        DELETED = "deleted", _("Deleted by the subscriber")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_alerts",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name of the alert"), max_length=120, blank=True)
    # The saved search: the query-string parameters of /jobs/ (q and the filters).
    criteria = models.JSONField(_("search criteria"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_seen_on = models.DateField(
        _("subscriber last seen signed in on"), default=timezone.localdate
    )
    # Ads published after this moment are "new" for the next digest.
    checked_until = models.DateTimeField(_("new ads checked until"), default=timezone.now)
    last_sent_on = models.DateField(_("last digest sent on"), null=True, blank=True)
    # Double opt-in: an alert sends only once its address is confirmed (a signed-in user's
    # verified address counts as confirmed at once); the link carries the nonce, once.
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    confirmation_nonce = models.CharField(max_length=32, blank=True, editable=False)
    wording_shown = models.TextField(_("wording shown"), blank=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True, db_index=True)
    stop_reason = models.CharField(
        _("why it stopped"), max_length=20, choices=StopReason.choices, blank=True
    )

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"

    @property
    def is_running(self) -> bool:
        return self.stopped_at is None and not self.stop_reason


class JobAlertSentAd(models.Model):
    """An ad that went out in a digest of an alert: never the same ad twice."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="sent_ads")
    ad = models.ForeignKey("jobs.Ad", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ad sent in an alert")
        verbose_name_plural = _("ads sent in alerts")
        constraints = [
            models.UniqueConstraint(fields=["alert", "ad"], name="jobs_alert_ad_sent_once")
        ]

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"
