"""Proof of cookie choices and visitor statistics (rule `visitors.tracking`).

A visitor is a random number, never a name or an address: the consent cookie carries one
for the proof of the choice (a necessary cookie), and the statistics cookie another, set
only after statistics consent and deleted when it is withdrawn. The two are not linked.
Raw rows go after 12 months; before they go, their daily totals per page (DailyPageStat)
are kept, with no visitor number in them, for the site's anonymised analyses.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CookieChoice(models.Model):
    """One press of accept or decline: the proof of a cookie consent or its refusal."""

    class Action(models.TextChoices):
        ACCEPT = "accept", _("Accepted")
        DECLINE = "decline", _("Declined")

    visitor_id = models.CharField(_("visitor number"), max_length=32, db_index=True)
    action = models.CharField(_("choice"), max_length=10, choices=Action.choices)
    groups = models.JSONField(_("groups chosen"), default=list)
    accepted = models.JSONField(_("groups accepted after the choice"), default=list)
    declined = models.JSONField(_("groups declined after the choice"), default=list)
    wording = models.ForeignKey(
        "privacy.ConsentWording",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wording shown"),
    )
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("cookie choice")
        verbose_name_plural = _("cookie choices")

    def __str__(self) -> str:
        return f"Cookie choice #{self.pk}"


class PageView(models.Model):
    """A page seen by a visitor who accepted statistics cookies."""

    visitor_id = models.CharField(_("visitor number"), max_length=32)
    visit = models.PositiveIntegerField(_("visit number"), default=1)
    starts_visit = models.BooleanField(_("first page of a visit"), default=True)
    path = models.CharField(_("page"), max_length=255)
    ad = models.ForeignKey(
        "jobs.Ad",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ad"),
    )
    occurred_at = models.DateTimeField(_("time"))
    duration = models.PositiveIntegerField(
        _("seconds on the page"), null=True, blank=True, help_text=_("Until the next page.")
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("page view")
        verbose_name_plural = _("page views")
        indexes = [models.Index(fields=["visitor_id", "occurred_at"], name="visitors_pv_visitor")]

    def __str__(self) -> str:
        return f"Page view #{self.pk}"


class DailyPageStat(models.Model):
    """Daily totals of one page, kept after the page views are deleted: no visitor in them."""

    day = models.DateField(_("day"))
    path = models.CharField(_("page"), max_length=255)
    views = models.PositiveIntegerField(_("views"), default=0)
    visits = models.PositiveIntegerField(_("visits starting here"), default=0)
    seconds = models.PositiveBigIntegerField(_("seconds on the page"), default=0)

    class Meta:
        ordering = ["-day", "path"]
        verbose_name = _("daily page statistics")
        verbose_name_plural = _("daily page statistics")
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="visitors_daily_page_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.path}"
