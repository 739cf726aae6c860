"""Visitor events behind the employer's statistics (rule `visitors.tracking`).

No cookie is needed and no trail per person is kept: the session identifier is a keyed hash
that changes daily, and the network address is truncated (IPv4 to /24, IPv6 to /48), which is
enough to spot abuse from a network without identifying a household.
"""

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class DeviceClass(models.TextChoices):
    DESKTOP = "desktop", _("Computer")
    MOBILE = "mobile", _("Mobile")
    TABLET = "tablet", _("Tablet")
    BOT = "bot", _("Bot")
    OTHER = "other", _("Other")


class VisitorEvent(models.Model):
    ad = models.ForeignKey(
        "jobs.Ad", on_delete=models.CASCADE, related_name="+", verbose_name=_("ad")
    )
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    session_hash = models.CharField(_("session identifier (hashed daily)"), max_length=64)
    device_class = models.CharField(_("device"), max_length=10, choices=DeviceClass.choices)
    browser_family = models.CharField(_("browser"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    referrer = models.CharField(_("referring site"), max_length=255, blank=True)
    ip_network = models.GenericIPAddressField(
        _("network (truncated address)"), null=True, blank=True
    )

    class Meta:
        abstract = True
        ordering = ["-occurred_at"]


class AdView(VisitorEvent):
    class Meta(VisitorEvent.Meta):
        verbose_name = _("ad view")
        verbose_name_plural = _("ad views")
        indexes = [models.Index(fields=["ad", "occurred_at"], name="jobs_adview_ad_time")]

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class ContactView(VisitorEvent):
    """Someone pressed "Show contact details" on an ad."""

    class Meta(VisitorEvent.Meta):
        verbose_name = _("contact-info view")
        verbose_name_plural = _("contact-info views")
        indexes = [models.Index(fields=["ad", "occurred_at"], name="jobs_contactview_ad_time")]

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class ApplyClick(models.Model):
    """A click on "Apply" that leads off the site (an external link or e-mail).

    A counter event with no personal data at all: the ad, the moment and the method.
    """

    ad = models.ForeignKey(
        "jobs.Ad", on_delete=models.CASCADE, related_name="+", verbose_name=_("ad")
    )
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    method = models.CharField(_("how to apply"), max_length=10)

    class Meta:
        verbose_name = _("apply click")
        verbose_name_plural = _("apply clicks")
        indexes = [models.Index(fields=["ad", "occurred_at"], name="jobs_applyclick_ad_time")]

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"
