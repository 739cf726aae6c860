"""Applying for a job, handling an application, withdrawing it.

The documents a seeker attaches are COPIED into ApplicationDocument rows with files of their
own, so the company sees what was sent even if the seeker later edits or deletes their
library, and deleting the application (withdrawal, or at the end of `applications.portal`)
deletes exactly those copies. The company is told by e-mail with a link to its inbox; the
documents never travel as attachments.
"""

import datetime
import logging
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Document, User
from privacy import files as stored_files

from ..models import Ad, Application, ApplicationDocument, ApplyClick, ApplyMethod

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """A refusal with a message for the user (each kind has its own)."""

    message = _("This application cannot be sent.")

    def __init__(self, message: str | Promise | None = None) -> None:
        super().__init__(str(message or self.message))


class AdClosed(ApplicationError):
    message = _("This ad is closed: it no longer takes applications.")


class AlreadyApplied(ApplicationError):
    message = _("You have already applied for this job.")


class NotThroughPortal(ApplicationError):
    message = _("This ad takes applications on the employer's own site, not here.")


def _copy(
    application: Application,
    *,
    title: str,
    original_name: str,
    fileobj: "File[bytes]",
    content_type: str,
    size: int,
) -> ApplicationDocument:
    doc = ApplicationDocument(
        application=application,
        title=title[:150],
        original_name=original_name[:255],
        content_type=content_type,
        size=size,
    )
    fileobj.seek(0)
    doc.file.save(original_name, ContentFile(fileobj.read()), save=False)
    doc.save()
    return doc


def _delete_files_on_commit(names: Iterable[str]) -> None:
    stored_files.remove_after_commit(names)


def submit_application(
    *,
    ad: Ad,
    seeker: User,
    message: str,
    documents: Iterable[Document] = (),
    upload: "File[bytes] | None" = None,
    upload_type: str = "",
    upload_title: str = "",
    applicant_name: tuple[str, str] | None = None,
    now: datetime.datetime,
) -> Application:
    """Send an application through the site. Refused for a closed ad, for an ad that takes
    applications elsewhere, and the second time for the same seeker and ad. The seeker's
    confirmation goes in the language they applied in. `applicant_name`: the first and last name the
    seeker gave with it, kept on their account (which had none)."""
    if not ad.is_public(now):
        raise AdClosed
    if ad.apply_method != ApplyMethod.PORTAL:
        raise NotThroughPortal
    stored = []
    try:
        with transaction.atomic():
            if applicant_name is not None:
                seeker.first_name, seeker.last_name = applicant_name
                seeker.save(update_fields=["first_name", "last_name"])
            language = translation.get_language() or ""
            application = Application.objects.create(
                ad=ad, seeker=seeker, message=message.strip(), submitted_at=now, language=language
            )
            for document in documents:
                with document.file.open("rb") as fileobj:
                    stored.append(
                        _copy(
                            application,
                            title=document.title,
                            original_name=document.original_name,
                            fileobj=fileobj,
                            content_type=document.content_type,
                            size=document.size,
                        )
                    )
            if upload is not None:
                given_name = cast(str, upload.name)  # a checked upload always has its name
                name = unicodedata.normalize("NFC", PurePath(given_name).name)
                stored.append(
                    _copy(
                        application,
                        title=upload_title or PurePath(name).stem,
                        original_name=name,
                        fileobj=upload,
                        content_type=upload_type,
                        size=upload.size,
                    )
                )
            transaction.on_commit(lambda: _notify(application.pk, language))
    except IntegrityError as exc:
        for doc in stored:  # files written before the rollback
            stored_files.remove_now(doc.file.name)
        raise AlreadyApplied from exc
    logger.info("application %s sent to ad %s", application.pk, ad.pk)
    return application


def _notify(application_id: int, language: str | None) -> None:
    from .. import tasks

    tasks.send_application_emails.delay(application_id=application_id, language=language or "")


def has_applied(*, ad: Ad, seeker: User | AnonymousUser) -> bool:
    return seeker.is_authenticated and Application.objects.filter(ad=ad, seeker=seeker).exists()


@transaction.atomic
def review_application(
    *,
    application: Application,
    status: str,
    employer_notes: str,
    share_status: bool,
    by: User,
) -> Application:
    """The employer moves the application along; the applicant sees the status only when
    the employer chooses to share it, and otherwise only that it was sent (never a status
    shared before: "hired" must not stay on show once the employer moved on). A status newly
    shared is also mailed to the applicant, once ("new" tells nothing; a status hidden and
    shown again is not news)."""
    application.status = status
    application.employer_notes = employer_notes
    application.shared_status = shown = status if share_status else ""
    fields = ["status", "employer_notes", "shared_status", "updated_at"]
    tell = shown not in ("", Application.Status.NEW, application.told_status)
    if tell:
        application.told_status = shown
        fields.append("told_status")
    application.save(update_fields=fields)
    logger.info("application %s set to %s by user %s", application.pk, status, by.pk)
    if tell:
        pk = application.pk
        transaction.on_commit(lambda: _tell_status(pk))
    return application


def _tell_status(application_id: int) -> None:
    from .. import tasks

    tasks.send_application_status.delay(application_id=application_id)


# Ads stopped before their end, whose applicants hear of it (an ad that reaches its end
# still has its recruitment going on: nothing to tell yet).
STOPPED_EARLY = (Ad.Status.FILLED, Ad.Status.WITHDRAWN, Ad.Status.TAKEN_DOWN)


def to_tell_of_closure(ad: Ad) -> "QuerySet[Application]":
    """The applicants of a stopped ad not yet told, nor knowing their outcome already: not
    the person hired (the company speaks to them itself), not those shown "not selected"."""
    told_outcomes = (Application.Status.HIRED, Application.Status.REJECTED)
    return (
        ad.applications.filter(closure_told_at__isnull=True)
        .exclude(status=Application.Status.HIRED)
        .exclude(shared_status__in=told_outcomes)
    )


def claim_closure_notice(application: Application, now: datetime.datetime) -> bool:
    """Mark the applicant as told that the ad closed; False if they already were (a second
    run of the task, or two at once, tells no one twice)."""
    claimed = Application.objects.filter(pk=application.pk, closure_told_at__isnull=True).update(
        closure_told_at=now
    )
    return bool(claimed)


@transaction.atomic
def withdraw_application(*, application: Application, by: User) -> None:
    """The applicant takes the application back: it is deleted with its files."""
    pk = application.pk
    names = list(application.documents.values_list("file", flat=True))
    application.delete()
    _delete_files_on_commit(names)
    logger.info("application %s withdrawn by user %s", pk, by.pk)


def record_apply_click(*, ad: Ad, now: datetime.datetime) -> ApplyClick:
    """A click towards an external application (link or e-mail): a counter, nothing more."""
    return ApplyClick.objects.create(ad=ad, occurred_at=now, method=ad.apply_method)
