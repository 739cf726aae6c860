"""The ad's whole life: writing, editing with history, publishing a paid ad (or sending it
to review), approving, withdrawing, filling and taking down.

The ordering and paying is companies' (companies.services.orders.order_ad); once an order is
made it calls `publish_paid` here, the one way an ad goes live. `ends_at` is always the
moment the ad stops (or stopped) being active: at publishing the earlier of the end of the
paid period (`paid_days`) and the end of the last application day (Europe/Stockholm); "now"
when the ad is withdrawn, filled or taken down. Every change leaves an AdRevision for staff.
"""

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from privacy import audit, deletion

from ..models import HISTORY_LENGTH, Ad, AdRevision

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The fields an employer writes; their changes are kept in the ad's history.
AD_FIELDS = (
    "title",
    "description",
    "municipality",
    "occupation",
    "employment_type",
    "extent",
    "salary_type",
    "salary_min",
    "salary_max",
    "salary_period",
    "salary_text",
    "last_application_date",
    "apply_method",
    "apply_url",
    "apply_email",
    "contact_name",
    "contact_email",
    "contact_phone",
)


logger = logging.getLogger(__name__)

# A `company` here is a companies.Company, which jobs/ cannot import (companies/ imports jobs/).
Company = Any


class AdError(Exception):
    """A refusal with a message for the user."""


def end_of_application_day(day: dt.date) -> dt.datetime:
    """The moment the last application day ends in Sweden (midnight after it)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=STOCKHOLM)


def ends_at_for(
    *, published_at: dt.datetime, days: int, last_application_date: dt.date
) -> dt.datetime:
    return min(
        published_at + dt.timedelta(days=days), end_of_application_day(last_application_date)
    )


def _value(ad: Ad, name: str) -> str:
    value = getattr(ad, name)
    return "" if value is None else str(value)


def _record(
    ad: Ad,
    kind: str,
    *,
    by: User,
    now: dt.datetime,
    changes: dict[str, list[str]] | None = None,
) -> None:
    AdRevision.objects.create(
        ad=ad, kind=kind, changes=changes or {}, changed_by=by, changed_at=now
    )
    keep = ad.revisions.order_by("-changed_at", "-id").values_list("pk", flat=True)[:HISTORY_LENGTH]
    ad.revisions.exclude(pk__in=list(keep)).delete()


def write_ad(
    *,
    company: Company,
    by: User,
    fields: dict[str, Any],
    now: dt.datetime,
    form_token: str = "",
) -> Ad:
    """A new ad, saved as a draft until it is ordered. `form_token`, the one-time token of
    the form sent, makes a second click on "save" (a double click made four drafts) return
    the draft the first one made: the database lets a company's token be used once."""
    if form_token and (made := _made_with(company, form_token)):
        return made
    try:
        with transaction.atomic():
            ad = Ad(company=company, created_by=by, status=Ad.Status.DRAFT, created_at=now)
            for name in AD_FIELDS:
                if name in fields:
                    setattr(ad, name, fields[name])
            ad.form_token = form_token
            ad.full_clean()
            ad.save()
            _record(ad, AdRevision.Kind.CREATED, by=by, now=now)
    except IntegrityError:
        made = _made_with(company, form_token) if form_token else None
        if made is None:
            raise
        return made
    return ad


def _made_with(company: Company, form_token: str) -> Ad | None:
    found: Ad | None = Ad.objects.filter(company=company, form_token=form_token).first()
    return found


class DraftNotDeletable(AdError):
    pass


def delete_draft(*, ad: Ad, by: User, now: dt.datetime) -> None:
    """Delete a draft that was never ordered nor published: it has been shown nowhere and
    billed to no one, so nothing of it needs keeping (its revisions go with it). Any other
    ad follows the `ads.*` rules. The company's history keeps who deleted which draft and
    when (an audit entry on the company, with the ad's id only)."""
    with transaction.atomic():
        stored = Ad.objects.select_for_update().filter(pk=ad.pk).first()
        if stored is None:
            return
        if not is_deletable_draft(stored):
            raise DraftNotDeletable(_("Only a draft that was never ordered can be deleted."))
        company, ad_id = stored.company, stored.pk
        deletion.delete_rows(Ad.objects.filter(pk=ad_id))
        audit.record(
            event=audit.Event.AD_DRAFT_DELETED,
            by=by,
            now=now,
            target=company,
            details={"ad": ad_id},
        )
    logger.info("draft ad %s of company %s deleted by user %s", ad.pk, ad.company_id, by.pk)


def is_deletable_draft(ad: Ad) -> bool:
    return ad.status == Ad.Status.DRAFT and ad.published_at is None and not ad.orders.exists()


def edit_ad(*, ad: Ad, by: User, fields: dict[str, Any], now: dt.datetime) -> Ad:
    """Change an ad, live or not; a live ad's end follows a changed last application day."""
    if ad.status == Ad.Status.TAKEN_DOWN:
        raise AdError(_("This ad was taken down by our staff and cannot be changed."))
    with transaction.atomic():
        ad = Ad.objects.select_for_update().get(pk=ad.pk)
        changes = {}
        for name in AD_FIELDS:
            if name in fields and getattr(ad, name) != fields[name]:
                old = _value(ad, name)
                setattr(ad, name, fields[name])
                changes[name] = [old, _value(ad, name)]
        if not changes:
            return ad
        if "last_application_date" in changes and ad.is_public(now) and ad.paid_days:
            ad.ends_at = max(
                now,
                ends_at_for(
                    published_at=cast(dt.datetime, ad.published_at),  # a public ad's
                    days=ad.paid_days,
                    last_application_date=ad.last_application_date,
                ),
            )
        ad.full_clean()
        ad.save()
        _record(ad, AdRevision.Kind.EDITED, by=by, now=now, changes=changes)
    return ad


def needs_review(company: Company) -> bool:
    """With the setting on, a company's first ad waits for staff before it goes live."""
    if not getattr(settings, "COMPANIES_REVIEW_FIRST_AD", False):
        return False
    return not Ad.objects.filter(company=company, published_at__isnull=False).exists()


def check_publishable(*, ad: Ad, days: int, now: dt.datetime) -> None:
    """May this ad be ordered for a period of `days` now? (AdError says why not.)"""
    if ad.status == Ad.Status.TAKEN_DOWN:
        raise AdError(_("This ad was taken down by our staff and cannot be published."))
    if ad.status == Ad.Status.PENDING_REVIEW or ad.is_public(now):
        raise AdError(_("This ad is already ordered. You can order it again once it has ended."))
    today = timezone.localdate(now)
    if ad.last_application_date < today:
        raise AdError(_("The last day to apply has passed. Change it before you order."))
    if ad.last_application_date > today + dt.timedelta(days=days):
        raise AdError(
            _(
                "The last day to apply is more than %(days)s days away, longer than "
                "this product runs. Choose an earlier day."
            )
            % {"days": days}
        )


def publish_paid(
    *, ad: Ad, days: int, is_featured: bool, product_name: str, by: User, now: dt.datetime
) -> Ad:
    """An order for `days` was made (the caller's transaction holds the ad's row lock): the ad
    goes live now, or waits for review (see needs_review)."""
    check_publishable(ad=ad, days=days, now=now)
    ad.is_featured, ad.paid_days = is_featured, days
    _record(ad, AdRevision.Kind.ORDERED, by=by, now=now, changes={"product": ["", product_name]})
    if needs_review(ad.company):
        ad.status, ad.published_at, ad.ends_at = Ad.Status.PENDING_REVIEW, None, None
        ad.save()
        _record(ad, AdRevision.Kind.SENT_TO_REVIEW, by=by, now=now)
    else:
        _publish(ad, by=by, now=now)
    return ad


def _publish(ad: Ad, *, by: User, now: dt.datetime) -> None:
    ad.status = Ad.Status.PUBLISHED
    ad.published_at = now
    ad.ends_at = ends_at_for(
        published_at=now,
        days=cast(int, ad.paid_days),  # set by the order before publishing
        last_application_date=ad.last_application_date,
    )
    ad.status_reason = ""
    ad.save()
    _record(
        ad,
        AdRevision.Kind.PUBLISHED,
        by=by,
        now=now,
        changes={"ends_at": ["", ad.ends_at.isoformat()]},
    )


def approve_ad(*, ad: Ad, by: User, now: dt.datetime) -> Ad:
    """Staff let an ad that waited for review go live (its paid period starts now)."""
    with transaction.atomic():
        ad = Ad.objects.select_for_update().get(pk=ad.pk)
        if ad.status != Ad.Status.PENDING_REVIEW:
            raise AdError(_("Only an ad that waits for review can be approved."))
        if not ad.paid_days:
            raise AdError(_("This ad has no order."))
        if ad.last_application_date < timezone.localdate(now):
            raise AdError(_("The last day to apply has passed."))
        _publish(ad, by=by, now=now)
    return ad


def _stop(
    ad: Ad,
    status: str,
    kind: str,
    *,
    by: User,
    now: dt.datetime,
    reason: str = "",
    allowed: Callable[[Ad], None],
    then: Callable[[int], None] | None = None,
) -> Ad:
    """Stop the ad with `status`; its applicants are told after the commit, and so is
    `then` (with the ad's id) when the ad was not in `status` already."""
    with transaction.atomic():
        ad = Ad.objects.select_for_update().get(pk=ad.pk)
        allowed(ad)
        if then is not None and ad.status != status:
            pk = ad.pk
            transaction.on_commit(lambda: then(pk))
        ad.status = status
        if ad.ends_at is None or ad.ends_at > now:
            ad.ends_at = now
        if reason:
            ad.status_reason = reason
        ad.save()
        _record(
            ad, kind, by=by, now=now, changes={"status_reason": ["", reason]} if reason else None
        )
        pk = ad.pk
        transaction.on_commit(lambda: _tell_applicants(pk))
    return ad


def _tell_applicants(ad_id: int) -> None:
    from .. import tasks

    tasks.tell_applicants_ad_closed.delay(ad_id=ad_id)


def _live_checker(now: dt.datetime) -> Callable[[Ad], None]:
    def check(ad: Ad) -> None:
        if not (ad.status == Ad.Status.PENDING_REVIEW or ad.is_public(now)):
            raise AdError(_("This ad is not live."))

    return check


def _not_draft(ad: Ad) -> None:
    if ad.status == Ad.Status.DRAFT:
        raise AdError(_("A draft is not public and cannot be taken down."))


def withdraw_ad(*, ad: Ad, by: User, now: dt.datetime) -> Ad:
    """The employer stops the ad now; its contact person disappears from public pages."""
    return _stop(
        ad,
        Ad.Status.WITHDRAWN,
        AdRevision.Kind.WITHDRAWN,
        by=by,
        now=now,
        allowed=_live_checker(now),
    )


def mark_filled(*, ad: Ad, by: User, now: dt.datetime) -> Ad:
    """The position is filled: the ad stops now."""
    return _stop(
        ad, Ad.Status.FILLED, AdRevision.Kind.FILLED, by=by, now=now, allowed=_live_checker(now)
    )


def _tell_employer_taken_down(ad_id: int) -> None:
    from .. import tasks

    tasks.tell_employer_ad_taken_down.delay(ad_id=ad_id)


def take_down_ad(*, ad: Ad, by: User, reason: str, now: dt.datetime) -> Ad:
    """Staff take an ad down (it broke our rules or the law), with a reason the employer
    sees on the dashboard and gets by mail, once: taking it down again only changes the
    reason. Its page no longer shows its content to anyone but its company and staff."""
    reason = (reason or "").strip()
    if not reason:
        raise AdError(_("Give the employer a reason."))
    return _stop(
        ad,
        Ad.Status.TAKEN_DOWN,
        AdRevision.Kind.TAKEN_DOWN,
        by=by,
        now=now,
        reason=reason,
        allowed=_not_draft,
        then=_tell_employer_taken_down,
    )
