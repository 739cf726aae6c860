"""Writes of the accounts app: activity, the seeker profile, documents, account deletion.

Every function takes keyword-only arguments, the acting user as `by=` and the time as
`now=`/`today=` from the caller, and owns its transaction.
"""

import datetime
import logging
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from mailer import services as mailer
from privacy import files as stored_files
from taxonomy.models import Municipality, Occupation

from .models import Document, SeekerProfile, User

if TYPE_CHECKING:
    from privacy.subjects import Report

logger = logging.getLogger(__name__)

KEEP_ACCOUNT_SALT = "accounts.keep-account"
# The warning goes out 30 days before deletion; its link works until a little after.
KEEP_LINK_MAX_AGE = datetime.timedelta(days=35)


# --- Activity -----------------------------------------------------------------------------


def record_activity(*, user: User, today: datetime.date) -> bool:
    """Move the user's activity clock to `today`: one UPDATE, only if it is behind."""
    updated = User.objects.filter(pk=user.pk, last_seen_on__lt=today).update(last_seen_on=today)
    if updated:
        user.last_seen_on = today
    return bool(updated)


def keep_account_token(*, user: User) -> str:
    return signing.TimestampSigner(salt=KEEP_ACCOUNT_SALT).sign(str(user.pk))


def keep_account_url(*, user: User) -> str:
    path = reverse("accounts:keep_account", kwargs={"token": keep_account_token(user=user)})
    return settings.SITE_URL + path


def account_to_keep(*, token: str) -> User | None:
    """The account a "keep my account" link names; None: a bad or expired link, or an
    account switched off since. Changes nothing (the page a GET shows asks first)."""
    try:
        pk = signing.TimestampSigner(salt=KEEP_ACCOUNT_SALT).unsign(
            token, max_age=KEEP_LINK_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def keep_account(*, token: str, today: datetime.date) -> User | None:
    """The "keep my account" button (a POST from the link's page) counts as activity.
    None: bad or expired link."""
    user = account_to_keep(token=token)
    if user is not None:
        record_activity(user=user, today=today)
    return user


def send_inactivity_warning(user: User, expires_on: datetime.date) -> None:
    """The registry's warning for `seeker.inactive_account`, 30 days before deletion: of the
    account for a job seeker, of their own profile, documents and saved jobs for a
    company's contact person.

    A service mail: a restricted person gets none (the mailer refuses); a suppressed address
    does, for it is still the login of this active account (mailer.services). The site knows
    no language of its own for a user, so it goes in the site's language."""
    sent = mailer.send(
        "accounts_inactivity_warning",
        to=user.email,
        user=user,
        kind=mailer.MailKind.SERVICE,
        context={
            "user": user,
            # A company's contact person keeps the account (switched off, services.
            # deactivate_inactive_employers): only their job seeker's own data go.
            "contact_person": user.memberships.exists(),
            "keeps_seeker_data": keeps_seeker_data(user),
            "expires_on": expires_on,
            "keep_url": keep_account_url(user=user),
            "login_url": settings.SITE_URL + reverse("account_login"),
        },
    )
    if sent:
        logger.info("inactivity warning sent to user %s", user.pk)


def keeps_seeker_data(user: User) -> bool:
    """Whether the person keeps anything as a job seeker (a profile's text, documents,
    saved jobs): what `seeker.inactive_account` deletes of a company's contact person."""
    from privacy import registry

    for declaration in registry.for_rule("seeker.inactive_account"):
        owner = declaration.warn_person  # the path to the person of their own rows
        if owner and declaration.model_class._default_manager.filter(**{owner: user}).exists():
            return True
    return False


# --- Profile ------------------------------------------------------------------------------


@transaction.atomic
def update_profile(
    *,
    user: User,
    first_name: str,
    last_name: str,
    street: str,
    postal_code: str,
    town: str,
    phone: str,
    occupations: Iterable[Occupation],
    municipalities: Iterable[Municipality],
    by: User,
    now: datetime.datetime,
) -> SeekerProfile:
    User.objects.filter(pk=user.pk).update(first_name=first_name, last_name=last_name)
    user.first_name, user.last_name = first_name, last_name
    profile, _created = SeekerProfile.objects.get_or_create(user=user, defaults={"created_at": now})
    profile.street, profile.postal_code, profile.town, profile.phone = (
        street,
        postal_code,
        town,
        phone,
    )
    profile.updated_at = now
    profile.save()
    profile.occupations.set(occupations)
    profile.municipalities.set(municipalities)
    logger.info("profile %s updated by user %s", profile.pk, by.pk)
    return profile


# --- Documents ----------------------------------------------------------------------------


def clean_title(title: str, *, fallback: str) -> str:
    text = unicodedata.normalize("NFC", " ".join((title or "").split()))
    if not text:
        text = unicodedata.normalize("NFC", PurePath(fallback).stem.strip()) or "Document"
    return text[:150]


class DocumentQuotaExceeded(Exception):
    """The library is full: too many documents, or too many bytes with this one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


def check_document_quota(*, owner: User, size: int) -> None:
    """Refuse a document that would take the owner's library past DOCUMENT_QUOTA_COUNT
    documents or DOCUMENT_QUOTA_BYTES bytes, saying which and what to do."""
    used = Document.objects.filter(owner=owner).aggregate(n=Count("pk"), size=Sum("size"))
    count, stored = used["n"], used["size"] or 0
    if count >= settings.DOCUMENT_QUOTA_COUNT:
        message = _(
            "Your library already holds %(count)s documents, the most it can hold. Delete "
            "one you no longer need, then upload this one."
        ) % {"count": count}
        raise DocumentQuotaExceeded(message)
    if stored + size > settings.DOCUMENT_QUOTA_BYTES:
        message = _(
            "This file (%(size)s) does not fit: your documents take %(stored)s of the "
            "%(quota)s a library can hold. Delete one you no longer need, then upload this one."
        ) % {
            "size": filesizeformat(size),
            "stored": filesizeformat(stored),
            "quota": filesizeformat(settings.DOCUMENT_QUOTA_BYTES),
        }
        raise DocumentQuotaExceeded(message)


def add_document(
    *,
    owner: User,
    uploaded_file: "File[bytes]",
    content_type: str,
    title: str,
    kind: str,
    by: User,
    now: datetime.datetime,
) -> Document:
    """Store a checked upload under a random name (the original name stays in the row).
    Refused with DocumentQuotaExceeded when the owner's library is full."""
    check_document_quota(owner=owner, size=uploaded_file.size)
    given_name = cast(str, uploaded_file.name)  # a checked upload always has its name
    original_name = unicodedata.normalize("NFC", PurePath(given_name).name)[:255]
    document = Document(
        owner=owner,
        kind=kind,
        title=clean_title(title, fallback=original_name),
        original_name=original_name,
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_at=now,
    )
    uploaded_file.seek(0)
    document.file.save(original_name, uploaded_file, save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        stored_files.remove_now(document.file.name)
        raise
    logger.info("document %s added by user %s", document.pk, by.pk)
    return document


def rename_document(*, document: Document, title: str, kind: str, by: User) -> Document:
    document.title = clean_title(title, fallback=document.original_name)
    document.kind = kind
    document.save(update_fields=["title", "kind"])
    logger.info("document %s renamed by user %s", document.pk, by.pk)
    return document


def delete_stored_file(name: str) -> None:
    stored_files.remove_after_commit([name])


@transaction.atomic
def delete_document(*, document: Document, by: User) -> None:
    name, pk = document.file.name, document.pk
    document.delete()
    delete_stored_file(name)
    logger.info("document %s deleted by user %s", pk, by.pk)


# --- The whole account --------------------------------------------------------------------


class AccountError(Exception):
    """A refusal with a message for the user."""


# Apps that depend on accounts and may have a reason to refuse a person deleting their own
# account (companies: its only owner), registered from their AppConfig.ready (accounts does
# not import them). Each returns the reason, or "".
DeletionGuard = Callable[[User, datetime.datetime], str]
_deletion_guards: list[DeletionGuard] = []


def register_deletion_guard(guard: DeletionGuard) -> None:
    if guard not in _deletion_guards:
        _deletion_guards.append(guard)


def deletion_refusal(*, user: User, now: datetime.datetime) -> str:
    """Why the person may not delete their own account now ("" if they may): said on the
    page before they fill anything in (companies: the only owner of a company that still
    has other contact persons or running ads would leave it with no one who can act for it).
    Staff erasing the person on a request (rights) are not stopped: they see the company in
    admin and can reach it."""
    for guard in _deletion_guards:
        if reason := guard(user, now):
            return reason
    return ""


def delete_account(*, user: User, by: User, now: datetime.datetime) -> "Report":
    """Erase the person through the privacy registry: what the law lets us delete goes, what
    it obliges us to keep is kept (and the report says why and until when). The person
    deleting their own account is refused while `deletion_refusal` says why."""
    from privacy import subjects

    if by.pk == user.pk and (refusal := deletion_refusal(user=user, now=now)):
        raise AccountError(refusal)
    report = subjects.erase(user=user, by=by, now=now)
    logger.info("account %s erased at its owner's request", user.pk)
    return report


def warn_inactive_employers(*, today: datetime.date, now: datetime.datetime) -> int:
    """A company's contact person idle for almost `seeker.inactive_account`'s period is told,
    as many days ahead as a seeker is (accounts/privacy.py), that their account will be
    switched off (and that their own job-seeker data, if they keep any, go: the registry's
    warning says that too, under the same record, so no one is told twice). Once per
    activity clock; the keep link or signing in starts a new one. Returns how many were
    told."""
    from privacy.enforcement import person_warning_key
    from privacy.models import RetentionWarning
    from privacy.retention import expiry_date, last_due_clock
    from privacy.rules import get_rule

    from .privacy import RULE, WARN_DAYS_BEFORE

    rule = get_rule(RULE)
    key = person_warning_key(RULE)
    soon = last_due_clock(rule, today + datetime.timedelta(days=WARN_DAYS_BEFORE))
    due = last_due_clock(rule, today)
    if soon is None or due is None:
        return 0
    idle = (
        User.objects.filter(
            is_active=True,
            is_staff=False,
            memberships__isnull=False,
            last_seen_on__lte=soon,
            last_seen_on__gt=due,
        )
        .distinct()
        .order_by("pk")
    )
    warned = 0
    for user in idle:
        clock = {
            "declaration": key,
            "object_pk": str(user.pk),
            "clock_on": user.last_seen_on,
        }
        if RetentionWarning.objects.filter(**clock).exists():
            continue
        with transaction.atomic():
            RetentionWarning.objects.create(**clock, warned_at=now)
            send_inactivity_warning(user, cast(datetime.date, expiry_date(rule, user.last_seen_on)))
        warned += 1
    return warned


def deactivate_inactive_employers(*, today: datetime.date) -> int:
    """An employer's account (a user with a company membership) is not deleted at the end of
    `seeker.inactive_account`, as a seeker's is: it is deactivated, and the company's records
    follow their own rules (ads, billing, contacts). Returns how many were deactivated."""
    from privacy.retention import last_due_clock
    from privacy.rules import get_rule

    cutoff = last_due_clock(get_rule("seeker.inactive_account"), today)
    if cutoff is None:
        return 0
    count = (
        User.objects.filter(
            is_active=True, is_staff=False, last_seen_on__lte=cutoff, memberships__isnull=False
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    deactivated = User.objects.filter(pk__in=list(count)).update(is_active=False)
    logger.info("deactivated %s inactive employer accounts", deactivated)
    return deactivated
