"""Writes of the support app: a request from the contact form, a staff reply (e-mailed
through the mailer and kept on the thread), and marking a thread to be kept longer."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from mailer.services import MailKind, send

from .models import LongTermReason, SupportMessage, SupportRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


class SupportError(ValueError):
    """A reply needs a text; a reason to keep a thread longer must be a known one."""


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
    support_request = SupportRequest.objects.create(
        name=name.strip(),
        email=email.strip(),
        subject=subject.strip(),
        language=language,
        created_at=now,
        last_message_at=now,
    )
    SupportMessage.objects.create(
        request=support_request, sender=SupportMessage.Sender.PERSON, body=message, sent_at=now
    )
    transaction.on_commit(lambda: _tell_staff(support_request.pk))
    return support_request


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
    and is e-mailed in the person's language (the mailer refuses a restricted or
    suppressed person; the reply is then kept, not mailed)."""
    if not body.strip():
        raise SupportError("A reply needs a text.")
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
        kind=MailKind.SERVICE,
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
