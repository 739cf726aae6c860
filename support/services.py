"""Writes of the support app: a request from the contact form, a report of an ad from its
page, a staff reply (e-mailed through the mailer and kept on the thread), and marking a
thread to be kept longer."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from mailer.services import MailKind, send

from .models import LongTermReason, ReportReason, SupportMessage, SupportRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

    from jobs.models import Ad


class SupportError(ValueError):
    """A reply needs a text and an address; a reason (to report an ad, to keep a thread
    longer) must be a known one."""


@transaction.atomic
def submit_request(
    *,
    name: str,
    email: str,
    subject: str,
    message: str,
    language: str,
    now: datetime.datetime,
) -> SupportRequest:
    """A request from the contact form. Nothing is mailed back: the form answers the same
    whatever the address, and a stranger's address gets no mail from us by it. Staff are
    told at the site's contact address, with a link to the thread and nothing personal."""
    return _open_thread(
        body=message,
        now=now,
        name=name.strip(),
        email=email.strip(),
        subject=subject.strip(),
        language=language,
    )


def _open_thread(*, body: str, now: datetime.datetime, **fields: object) -> SupportRequest:
    """A new thread with the person's first message, told to staff once it is saved."""
    support_request = SupportRequest.objects.create(**fields, created_at=now, last_message_at=now)
    SupportMessage.objects.create(
        request=support_request, sender=SupportMessage.Sender.PERSON, body=body, sent_at=now
    )
    transaction.on_commit(lambda: _tell_staff(support_request.pk))
    return support_request


@transaction.atomic
def submit_report(
    *,
    ad: "Ad",
    reason: str,
    details: str,
    email: str,
    language: str,
    now: datetime.datetime,
) -> SupportRequest:
    """A visitor's report of an ad, kept as a support thread linked to the ad (in the
    visitor's language, as a message of theirs would be) and told to staff as any request.
    Without an address nothing is kept about the person but what they wrote."""
    if reason not in ReportReason.values:
        raise SupportError(f"Unknown reason {reason!r}.")
    subject = gettext("Report of the ad “%(title)s” (no. %(number)s)") % {
        "title": Truncator(ad.title).chars(120),
        "number": ad.pk,
    }
    body = "\n\n".join(
        part
        for part in (
            str(ReportReason(reason).label),
            details.strip(),
            f"{settings.SITE_URL}{ad.get_absolute_url()}",
        )
        if part
    )
    return _open_thread(
        body=body, now=now, email=email.strip(), subject=subject, language=language, ad=ad
    )


def _tell_staff(pk: int) -> None:
    path = reverse("admin:support_supportrequest_change", args=[pk])
    send(
        "support_new_request",
        to=settings.CONTACT_EMAIL,
        context={"number": pk, "admin_url": f"{settings.SITE_URL}{path}"},
        kind=MailKind.SERVICE,
    )


@transaction.atomic
def reply(
    *, support_request: SupportRequest, body: str, by: "User", now: datetime.datetime
) -> SupportMessage:
    """Staff answer: the reply is kept on the thread, restarts the thread's retention clock
    and is e-mailed in the person's language as a reply, which reaches a suppressed address
    too (the person wrote to us from it); the mailer refuses a restricted person, and the
    reply is then kept, not mailed."""
    if not body.strip():
        raise SupportError("A reply needs a text.")
    if not support_request.email:
        raise SupportError("A report without an address cannot be answered.")
    message = SupportMessage.objects.create(
        request=support_request,
        sender=SupportMessage.Sender.STAFF,
        author=by,
        body=body.strip(),
        sent_at=now,
    )
    support_request.status = SupportRequest.Status.ANSWERED
    support_request.last_message_at = now
    support_request.save(update_fields=["status", "last_message_at"])
    mailed = send(
        "support_reply",
        to=support_request.email,
        context={"support_request": support_request, "reply": message},
        kind=MailKind.REPLY,
        language=support_request.language or None,
    )
    if mailed:
        SupportMessage.objects.filter(pk=message.pk).update(mailed=True)
        message.mailed = True
    return message


def mark_long_term(
    *, support_request: SupportRequest, reason: str, by: "User", now: datetime.datetime
) -> SupportRequest:
    """Keep the thread under `contacts.long_term` (reason given) or back under
    `support.requests` (reason empty)."""
    if reason and reason not in LongTermReason.values:
        raise SupportError(f"Unknown reason {reason!r}.")
    SupportRequest.objects.filter(pk=support_request.pk).update(long_term_reason=reason)
    support_request.long_term_reason = reason
    return support_request
