"""Applications sent through the site (rule `applications.portal`: deleted at the end of its
period after submission). The attached documents are copies taken when the application is
sent, so the company sees what was sent even if the seeker later changes their library."""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def application_document_upload_to(instance, filename):
    import uuid

    return f"applications/{uuid.uuid4().hex}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_company(self, company) -> Self:
        return self.filter(ad__company=company)

    def for_seeker(self, user) -> Self:
        return self.filter(seeker=user) if user.is_authenticated else self.none()


class Application(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        REVIEWED = "reviewed", _("Reviewed")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        REJECTED = "rejected", _("Not selected")
        HIRED = "hired", _("Hired")

    ad = models.ForeignKey(
        "jobs.Ad", on_delete=models.CASCADE, related_name="applications", verbose_name=_("ad")
    )
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    message = models.TextField(_("message to the employer"), blank=True)
    # The company's own: shown to the applicant only as `shared_status`, but part of their
    # data (a copy of it goes to them when they ask, like the notes).
    status = models.CharField(
        _("the company's status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    # The status the employer chose to show the applicant (None: nothing shared yet).
    shared_status = models.CharField(
        _("status shown to the applicant"), max_length=20, choices=Status.choices, blank=True
    )
    employer_notes = models.TextField(_("the company's notes"), blank=True)
    # The language the applicant applied in: the mails about the application are in it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    # The last status mailed to the applicant: hiding a status and showing it again does
    # not mail the same news twice.
    told_status = models.CharField(
        _("status last mailed to the applicant"), max_length=20, blank=True
    )
    # When the applicant was told that the ad stopped (filled, withdrawn, taken down): once.
    closure_told_at = models.DateTimeField(_("told that the ad closed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["ad", "seeker"], name="jobs_one_application_per_ad"),
        ]

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    title = models.CharField(_("name"), max_length=150)
    original_name = models.CharField(_("original file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=application_document_upload_to, max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self):
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"
