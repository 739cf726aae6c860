"""Saved jobs: a signed-in seeker's list of ads to come back to (the heart on an ad).

A row is the seeker's own data under `seeker.inactive_account` (jobs/privacy.py): it goes
with the account, is exported with it and erased with the person. It goes with the ad too
(cascade), so a list never points at an ad that is gone.
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SavedAdQuerySet(models.QuerySet["SavedAd"]):
    def for_user(self, user) -> Self:
        return self.filter(user=user) if user.is_authenticated else self.none()


class SavedAd(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_ads",
        verbose_name=_("user"),
    )
    ad = models.ForeignKey(
        "jobs.Ad", on_delete=models.CASCADE, related_name="saved_by", verbose_name=_("ad")
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    objects = SavedAdQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at", "-id"]
        verbose_name = _("saved job")
        verbose_name_plural = _("saved jobs")
        constraints = [
            models.UniqueConstraint(fields=["user", "ad"], name="jobs_saved_ad_once"),
        ]

    def __str__(self):
        return f"Saved job #{self.pk}"
