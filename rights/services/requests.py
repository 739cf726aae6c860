"""Filing, verifying and moving a data subject request through its statuses."""

import calendar
import datetime
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from mailer import services as mailer
from privacy import access
from privacy.models import normalize_email

from .. import selectors
from ..models import Channel, DataRequest, Kind, RequestEvent, Status
from .errors import AlreadyVerified, OpenRequestExists, RequestError

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

VERIFY_HOURS = 24
UNVERIFIED_DAYS = 7
MAX_EXTENSION_MONTHS = 2
LEGAL_REASON = gettext_noop("It answers your request under the GDPR.")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later, or the month's last day (31 Jan + 1 →
    28 or 29 Feb): art. 12(3) as the EDPB reads it."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(received: datetime.datetime) -> datetime.date:
    """Received (local date) + 1 calendar month."""
    return add_months(timezone.localdate(received), 1)


def record(
    request: DataRequest,
    action: str,
    *,
    by: "User | None",
    now: datetime.datetime,
    **details: Any,
) -> RequestEvent:
    """Append one entry to the request's timeline."""
    return RequestEvent.objects.create(
        request=request, at=now, by=by, action=action, details=details
    )


def _token_hash(request: DataRequest, token: str) -> str:
    """Bound to the request's address: a link for another address never matches."""
    return hashlib.sha256(f"{request.pk}|{request.email}|{token}".encode()).hexdigest()


def _user_for(email: str) -> "User | None":
    found: User | None = get_user_model().objects.filter(email__iexact=email).first()
    return found


def _check_kind(kind: str) -> None:
    if kind not in Kind.values:
        raise RequestError(gettext("Choose one of the rights."))


def _new(
    *,
    kind: str,
    email: str,
    user: "User | None",
    message: str,
    language: str,
    channel: str,
    by: "User | None",
    now: datetime.datetime,
) -> DataRequest:
    _check_kind(kind)
    address = normalize_email(email)
    if not address:
        raise RequestError(gettext("A request needs the e-mail address it is about."))
    request = DataRequest.objects.create(
        kind=kind,
        email=address,
        user=user,
        message=message.strip(),
        language=mailer.recipient_language(language),
        channel=channel,
        received_at=now,
        due_on=due_date(now),
    )
    record(request, RequestEvent.Action.RECEIVED, by=by, now=now, channel=channel)
    return request


@transaction.atomic
def file_request(
    *, kind: str, email: str, message: str = "", language: str, now: datetime.datetime
) -> DataRequest:
    """The public form: the request waits for its address to be verified by a link (24 h,
    single use) mailed there. The same answer whether or not we know the address."""
    request = _new(
        kind=kind,
        email=email,
        user=None,
        message=message,
        language=language,
        channel=Channel.WEB,
        by=None,
        now=now,
    )
    token = secrets.token_urlsafe(32)
    request.token_hash = _token_hash(request, token)
    request.token_expires_at = now + datetime.timedelta(hours=VERIFY_HOURS)
    request.save(update_fields=["token_hash", "token_expires_at"])
    url = settings.SITE_URL + _localized(
        request.language, "rights:verify", pk=request.pk, token=token
    )
    mailer.send(
        "rights_verify",
        to=request.email,
        context={"url": url, "kind": request.get_kind_display(), "hours": VERIFY_HOURS},
        kind=mailer.MailKind.ACCOUNT,
        language=request.language,
    )
    return request


def _localized(language: str, name: str, **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _linked_request(*, pk: int, token: str, now: datetime.datetime, lock: bool) -> DataRequest:
    """The request a verification link names, while the link may confirm it. A link used
    before raises AlreadyVerified (its hash stays until the request is closed, so only the
    mail's own link learns that); any other link is refused in the same words."""
    refused = RequestError(
        gettext("This link is not valid: it has expired, has been used, or was never sent.")
    )
    rows = DataRequest.objects.select_for_update() if lock else DataRequest.objects.all()
    request = rows.filter(pk=pk).first()
    if request is None or not request.token_hash:
        raise refused
    if not hmac.compare_digest(request.token_hash, _token_hash(request, token)):
        raise refused
    if not request.is_open:  # refused before it was verified: nothing left to confirm
        raise refused
    if request.verified_at is not None:
        raise AlreadyVerified(request)
    if request.token_expires_at is None or now >= request.token_expires_at:
        raise refused
    return request


def check_link(*, pk: int, token: str, now: datetime.datetime) -> DataRequest:
    """The page the link opens (GET, which mail scanners follow too) changes nothing: it
    asks to confirm, or says the request is confirmed already, or that the link is not valid."""
    return _linked_request(pk=pk, token=token, now=now, lock=False)


@transaction.atomic
def verify_request(*, pk: int, token: str, now: datetime.datetime) -> DataRequest:
    """The link from the mail: it confirms once, within 24 hours, its own request only."""
    request = _linked_request(pk=pk, token=token, now=now, lock=True)
    request.token_expires_at = None
    request.save(update_fields=["token_expires_at"])
    _verified(request, by=None, now=now)
    return request


def _verified(request: DataRequest, *, by: "User | None", now: datetime.datetime) -> None:
    """From now on staff see the request as verified; an access request holds the data."""
    request.verified_at = now
    request.status = Status.VERIFIED
    if request.user is None:
        request.user = _user_for(request.email)
    if request.kind == Kind.ACCESS and request.access_request is None:
        request.access_request = access.open_access_request(
            user=request.user, email=request.email, by=by, now=now
        )
    request.save(update_fields=["verified_at", "status", "user", "access_request"])
    record(request, RequestEvent.Action.VERIFIED, by=by, now=now)
    transaction.on_commit(lambda: _receipt(request))


def _receipt(request: DataRequest) -> None:
    """The person hears that the request is in, and by when it is answered."""
    with translation.override(request.language):
        my_data = reverse("accounts:my_data")
    _answer(request, "rights_received", {"my_data_path": my_data})


@transaction.atomic
def file_signed_in(
    *, user: "User", kind: str, message: str = "", language: str, now: datetime.datetime
) -> DataRequest:
    """Filed from My data: the account's address is verified already. OpenRequestExists
    when the person has an open request of this kind (a double click on "send" made two
    erasure requests, two mails and a second deadline): the account's row is locked while
    one is filed, so a second click waits and then finds the first."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    same = (
        DataRequest.objects.open()
        .filter(kind=kind)
        .filter(Q(user=user) | Q(email=normalize_email(user.email)))
        .order_by("received_at", "pk")
        .first()
    )
    if same is not None:
        raise OpenRequestExists(same)
    request = _new(
        kind=kind,
        email=user.email,
        user=user,
        message=message,
        language=language,
        channel=Channel.ACCOUNT,
        by=user,
        now=now,
    )
    _verified(request, by=user, now=now)
    return request


@transaction.atomic
def enter_request(
    *,
    kind: str,
    email: str,
    message: str = "",
    language: str = "sv",
    received_at: datetime.datetime | None = None,
    by: "User",
    now: datetime.datetime,
) -> DataRequest:
    """Staff enter a request received by letter or phone, having checked who asks."""
    if received_at is not None and received_at > now:
        raise RequestError(gettext("A request cannot be received in the future."))
    request = _new(
        kind=kind,
        email=email,
        user=_user_for(normalize_email(email)),
        message=message,
        language=language,
        channel=Channel.STAFF,
        by=by,
        now=received_at or now,
    )
    _verified(request, by=by, now=now)
    return request


def _open(request: DataRequest) -> DataRequest:
    stored = DataRequest.objects.select_for_update().get(pk=request.pk)
    if not stored.is_open:
        raise RequestError(gettext("This request is closed."))
    if stored.verified_at is None:
        raise RequestError(gettext("This request has not been verified yet."))
    return stored


@transaction.atomic
def extend_request(
    *, request: DataRequest, months: int, reason: str, by: "User", now: datetime.datetime
) -> DataRequest:
    """Once, by up to two months, with a reason mailed to the person (art. 12(3)), and only
    while the first deadline runs: the person must be told within it."""
    stored = _open(request)
    if stored.extended:
        raise RequestError(gettext("A request can be extended only once."))
    if timezone.localdate(now) > stored.due_on:
        raise RequestError(
            gettext(
                "The deadline has passed: an extension had to be told to the person within "
                "it. Answer the request now."
            )
        )
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise RequestError(gettext("An extension is one or two months."))
    if not reason.strip():
        raise RequestError(gettext("An extension needs a reason, which is sent to the person."))
    old = stored.due_on
    stored.due_on = add_months(old, months)
    stored.extended = True
    stored.extension_reason = reason.strip()
    stored.save(update_fields=["due_on", "extended", "extension_reason"])
    record(
        stored,
        RequestEvent.Action.EXTENDED,
        by=by,
        now=now,
        old=old.isoformat(),
        new=stored.due_on.isoformat(),
    )
    _answer(stored, "rights_extended", {"reason": stored.extension_reason})
    return stored


def _answer(
    request: DataRequest,
    template: str,
    context: dict[str, Any],
    *,
    state: "mailer.Recipient | None" = None,
) -> bool:
    """A mail to the person about their request (legally required: sent even when they
    restricted processing); `state`: the person's, when it is not the current one."""
    with translation.override(request.language):  # the person's, not the staff member's
        kind = str(request.get_kind_display())
    return mailer.send(
        template,
        to=request.email,
        context={"request": request, "kind": kind, **context},
        kind=mailer.MailKind.LEGAL,
        language=request.language,
        user=request.user,
        legal_reason=gettext(LEGAL_REASON),
        state=state,
    )


@transaction.atomic
def set_status(
    *, request: DataRequest, status: str, by: "User", now: datetime.datetime
) -> DataRequest:
    """In progress or waiting for the person (completion and refusal have their own)."""
    if status not in (Status.IN_PROGRESS, Status.WAITING):
        raise RequestError(gettext("Complete or refuse a request with its own action."))
    stored = _open(request)
    if stored.status != status:
        old = stored.status
        stored.status = status
        stored.save(update_fields=["status"])
        record(stored, RequestEvent.Action.STATUS, by=by, now=now, old=old, new=status)
    return stored


@transaction.atomic
def assign_request(
    *, request: DataRequest, assignee: "User | None", by: "User", now: datetime.datetime
) -> DataRequest:
    stored = DataRequest.objects.select_for_update().get(pk=request.pk)
    if stored.assignee_id != getattr(assignee, "pk", None):
        if assignee is not None and not selectors.handlers().filter(pk=assignee.pk).exists():
            raise RequestError(
                gettext("Only active staff who may handle requests can be assigned.")
            )
        stored.assignee = assignee
        stored.save(update_fields=["assignee"])
        record(
            stored, RequestEvent.Action.ASSIGNED, by=by, now=now, to=getattr(assignee, "pk", None)
        )
    return stored


@transaction.atomic
def set_notes(
    *, request: DataRequest, notes: str, by: "User", now: datetime.datetime
) -> DataRequest:
    stored = DataRequest.objects.select_for_update().get(pk=request.pk)
    if stored.notes != notes:
        stored.notes = notes
        stored.save(update_fields=["notes"])
        record(stored, RequestEvent.Action.NOTE, by=by, now=now)
    return stored


def _close(
    stored: DataRequest, status: str, outcome: str, *, by: "User | None", now: datetime.datetime
) -> None:
    stored.status = status
    stored.outcome = outcome
    stored.closed_at = now
    # A verification link still out dies with the request: it must not open it again.
    stored.token_hash, stored.token_expires_at = "", None
    stored.save(update_fields=["status", "outcome", "closed_at", "token_hash", "token_expires_at"])
    if stored.access_request is not None and stored.access_request.closed_at is None:
        access.close_access_request(request=stored.access_request, by=by, now=now)


@transaction.atomic
def refuse_request(
    *, request: DataRequest, reason: str, by: "User", now: datetime.datetime
) -> DataRequest:
    """Manifestly unfounded or excessive (art. 12(5)): the reason is mailed to the person,
    with their right to complain."""
    stored = DataRequest.objects.select_for_update().get(pk=request.pk)
    if not stored.is_open:
        raise RequestError(gettext("This request is closed."))
    if not reason.strip():
        raise RequestError(gettext("A refusal needs a reason, which is sent to the person."))
    _close(stored, Status.REFUSED, reason.strip(), by=by, now=now)
    record(stored, RequestEvent.Action.REFUSED, by=by, now=now)
    if stored.verified_at is not None:
        # Nobody has shown the address is theirs: the reason goes to no one (the request
        # is deleted with the other unverified ones).
        _answer(stored, "rights_refused", {"reason": stored.outcome})
    return stored


@transaction.atomic
def complete_request(
    *, request: DataRequest, outcome: str, by: "User | None", now: datetime.datetime
) -> DataRequest:
    """The request is answered: an access request lets the rules act on the data again."""
    stored = _open(request)
    if not outcome.strip():
        raise RequestError(gettext("Say what was done for the request."))
    _close(stored, Status.COMPLETED, outcome.strip(), by=by, now=now)
    record(stored, RequestEvent.Action.COMPLETED, by=by, now=now)
    _answer(stored, "rights_completed", {"outcome": stored.outcome})  # art. 12(3)
    return stored


@transaction.atomic
def delete_unverified(*, now: datetime.datetime) -> int:
    """Requests never verified are deleted 7 days after they came in."""
    cutoff = now - datetime.timedelta(days=UNVERIFIED_DAYS)
    stale = DataRequest.objects.filter(verified_at__isnull=True, received_at__lt=cutoff)
    _total, by_model = stale.delete()
    return by_model.get(DataRequest._meta.label, 0)
