"""What staff do for each right, every step on the request's timeline.

Erasure and export are privacy.subjects' (the registry decides what goes and what is kept
by law); restriction and consent are privacy's services. Here they are tied to a request,
to the staff member who acted, and to the answer mailed to the person.
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from jobs.models import JobAlert
from jobs.services import alerts
from mailer import services as mailer
from privacy import consent, restrictions, subjects
from privacy.models import ConsentMethod, Purpose, Restriction

from ..models import DataRequest, Kind, RequestEvent, Status
from .errors import RequestError
from .requests import _answer, _close, _open, record

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def _person(request: DataRequest) -> dict[str, Any]:
    return {"user": request.user, "email": request.email}


@transaction.atomic  # the request row is locked while the preview is made
def preview_erasure(*, request: DataRequest, by: "User", now: datetime.datetime) -> subjects.Report:
    """What an erasure would delete, anonymise and keep (with the legal reason and until
    when), changing nothing."""
    stored = _check(request, Kind.ERASURE)
    report = subjects.erase(**_person(stored), by=by, now=now, dry_run=True)
    record(stored, RequestEvent.Action.ERASURE_PREVIEWED, by=by, now=now, **subjects.counts(report))
    return report


@transaction.atomic
def execute_erasure(*, request: DataRequest, by: "User", now: datetime.datetime) -> subjects.Report:
    """Erase the person, complete the request and mail what was kept and why."""
    stored = _check(request, Kind.ERASURE)
    # As the person was before: the restriction the erasure places on what the law keeps
    # is not one they asked for, and the answer must not say they did.
    before = mailer.recipient(stored.email, user=stored.user)
    # Closed first, so that the request's own records, which the law keeps, go 5 years from
    # now (their rule's clock) and the answer and the restriction say until when.
    _close(stored, Status.COMPLETED, gettext("Erased."), by=by, now=now)
    report = subjects.erase(**_person(stored), by=by, now=now)
    record(stored, RequestEvent.Action.ERASED, by=by, now=now, **subjects.counts(report))
    stored.user = None  # the account may be gone; the request keeps the address only
    if not subjects.erased_anything(report):
        stored.outcome = gettext(
            "Not erased yet: everything is kept, for the reasons the answer gives."
        )
    stored.save(update_fields=["user", "outcome"])
    record(stored, RequestEvent.Action.COMPLETED, by=by, now=now)
    _answer(stored, "rights_erased", {"report": report}, state=before)
    return report


def _check(request: DataRequest, *kinds: str) -> DataRequest:
    stored = _open(request)
    if stored.kind not in kinds:
        raise RequestError(
            gettext("This action is not for a request of this kind (%(kind)s).")
            % {"kind": stored.get_kind_display()}
        )
    return stored


@transaction.atomic
def restrict_processing(*, request: DataRequest, by: "User", now: datetime.datetime) -> Restriction:
    """Art. 18: from now on the person's data is only stored."""
    stored = _check(request, Kind.RESTRICTION, Kind.OBJECTION)
    if restrictions.is_restricted(**_person(stored)):
        raise RequestError(gettext("This person's processing is already restricted."))
    restriction = restrictions.restrict(
        **_person(stored),
        reason=f"Request #{stored.pk}: {stored.get_kind_display()}",
        by=by,
        now=now,
    )
    record(stored, RequestEvent.Action.RESTRICTED, by=by, now=now, restriction=restriction.pk)
    return restriction


@transaction.atomic
def lift_restriction(*, request: DataRequest, by: "User", now: datetime.datetime) -> int:
    """Lift every active restriction of the person, who is told first (art. 18(3))."""
    stored = _check(request, Kind.RESTRICTION, Kind.OBJECTION)
    if not restrictions.is_restricted(**_person(stored)):
        raise RequestError(gettext("This person has no restriction in force."))
    _answer(stored, "rights_restriction_lifted", {})
    lifted = restrictions.lift_restrictions(**_person(stored), by=by, now=now)
    record(stored, RequestEvent.Action.RESTRICTION_LIFTED, by=by, now=now, lifted=lifted)
    return lifted


@transaction.atomic
def act_on_objection(*, request: DataRequest, by: "User", now: datetime.datetime) -> dict[str, int]:
    """Art. 21: direct marketing always stops (newsletter and job alert consents are
    withdrawn, running alerts stop); processing under legitimate interest is restricted."""
    stored = _check(request, Kind.OBJECTION)
    done = _stop_marketing(stored, now=now)
    with translation.override(settings.LANGUAGE_CODE):  # staff's working language
        reason = gettext("Request %(number)s: objection (art. 21)") % {"number": stored.pk}
    restrictions.restrict(**_person(stored), reason=reason, by=by, now=now)
    done["restricted"] = 1
    record(stored, RequestEvent.Action.OBJECTION, by=by, now=now, **done)
    return done


@transaction.atomic
def withdraw_consents(
    *, request: DataRequest, by: "User", now: datetime.datetime
) -> dict[str, int]:
    """Art. 7(3): every consent of the person is withdrawn (newsletter, job alerts) and their
    running job alerts stop; nothing else changes. The counts say what there was."""
    stored = _check(request, Kind.WITHDRAWAL)
    done = _stop_marketing(stored, now=now)
    record(stored, RequestEvent.Action.CONSENTS_WITHDRAWN, by=by, now=now, **done)
    return done


def _stop_marketing(request: DataRequest, *, now: datetime.datetime) -> dict[str, int]:
    running = JobAlert.objects.running().filter(email__iexact=request.email).first()
    stopped = 0
    if running is not None:
        stopped = alerts.unsubscribe(alert=running, method=ConsentMethod.STAFF, now=now)
    withdrawn = sum(
        consent.withdraw_consent(
            purpose=purpose, **_person(request), method=ConsentMethod.STAFF, now=now
        )
        for purpose in (Purpose.NEWSLETTER, Purpose.JOB_ALERTS)
    )
    return {"alerts_stopped": stopped, "consents_withdrawn": withdrawn}


@transaction.atomic
def record_rectification(
    *, request: DataRequest, what: str, by: "User", now: datetime.datetime
) -> DataRequest:
    """Staff corrected the person's objects in admin: what was changed goes on the timeline
    (the field names, not the values)."""
    stored = _check(request, Kind.RECTIFICATION)
    if not what.strip():
        raise RequestError(gettext("Say what was corrected."))
    record(stored, RequestEvent.Action.RECTIFIED, by=by, now=now, what=what.strip())
    return stored
