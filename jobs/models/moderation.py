"""The short change history of each ad (for staff) and the staff's moderation view of ads."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .ads import Ad

# How many history entries an ad keeps: the newest ones (a short history, for staff).
HISTORY_LENGTH = 20


class AdRevision(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Written")
        EDITED = "edited", _("Edited")
        ORDERED = "ordered", _("Ordered")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        FILLED = "filled", _("Marked as filled")
        TAKEN_DOWN = "taken_down", _("Taken down by staff")
        SENT_TO_REVIEW = "sent_to_review", _("Sent to review")

    ad = models.ForeignKey(
        Ad, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("ad")
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    # field -> [old, new] as text
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("ad change")
        verbose_name_plural = _("ad changes")

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class ModeratedAd(Ad):
    """The ad as staff moderate it in admin (take down with a reason, approve, edit)."""

    class Meta:
        proxy = True
        verbose_name = _("ad to moderate")
        verbose_name_plural = _("ads to moderate")
