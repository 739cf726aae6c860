"""Job alerts: save a search with consent, confirm it, unsubscribe (the daily digests
are digests.py's).

Rules (privacy-rules.md):
- consent goes through the privacy ledger (purpose "job_alerts", the exact wording shown);
- double opt-in: an alert sends only once its address is confirmed. A signed-in user's
  verified address counts as confirmed; any other gets a link (once, for 24 hours) and the
  consent is recorded when it is used;
- at most one digest a day, holding only ads never sent to this alert before;
- every digest carries a one-click unsubscribe (RFC 8058 headers too) that works signed out;
- alerts stop at withdrawal and at the end of `seeker.job_alerts`, counted from the day the
  subscriber was last seen signed in; a restricted person or a suppressed address gets nothing.
"""

import datetime
import logging
import secrets
from typing import Any, cast

from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from config import links
from mailer import services as mailer
from privacy import consent
from privacy.periods import with_period_lazy
from privacy.rules import Period, get_rule

from .. import search
from ..models import JobAlert

logger = logging.getLogger(__name__)

PURPOSE = "job_alerts"
UNSUBSCRIBE_SALT = "jobs.alert-unsubscribe"
CONFIRM_SALT = "jobs.alert-confirm"
CONFIRM_VALID_FOR = datetime.timedelta(hours=24)
# The exact text next to the consent box. Changing it (or the rule's period) makes a new
# version in the ledger.
CONSENT_WORDING = with_period_lazy(
    _(
        "I want job alerts by e-mail: at most one e-mail a day with new jobs matching this "
        "search. I can unsubscribe with one click in every e-mail. Alerts stop by themselves "
        "%(period)s after I last signed in."
    ),
    "seeker.job_alerts",
)


class AlertError(Exception):
    pass


class DuplicateAlert(AlertError):
    """The person already has a running alert with the same criteria: `alert`."""

    def __init__(self, alert: JobAlert) -> None:
        super().__init__(f"same criteria as job alert {alert.pk}")
        self.alert = alert


class ConfirmationError(AlertError):
    """A confirmation link that cannot be used; `reason` is invalid, expired or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def criteria_of(alert: JobAlert) -> search.Criteria:
    return search.Criteria.from_values(alert.criteria or {})


def describe_criteria(params: dict[str, Any]) -> str:
    """A saved search in words, as the alert form shows it ("Words: snickare · County:
    Skåne län"): for My data and the reports (registered in jobs/privacy.py)."""
    from ..forms import SearchForm

    form = SearchForm(params if isinstance(params, dict) else {})
    form.is_valid()
    words = form.cleaned_data.get("q", "")
    shown = [(gettext("Words"), gettext("“%(words)s”") % {"words": words})] if words else []
    shown += form.describe()
    return " · ".join(f"{label}: {value}" for label, value in shown) or gettext("All new jobs")


@transaction.atomic
def create_alert(
    *,
    user: User | AnonymousUser,
    criteria: search.Criteria,
    name: str,
    wording: str,
    ip: str | None,
    now: datetime.datetime,
) -> JobAlert:
    """Save a search as an alert. With a verified address the consent (with the wording
    shown) goes to the ledger at once; otherwise when the address confirms by its link.
    DuplicateAlert if the person already has this search as a running alert (a second
    click on "save" included: the person's row is locked while the first one saves)."""
    if not user.is_authenticated:
        raise AlertError("A job alert needs a signed-in seeker.")
    if not narrows(criteria):
        raise AlertError("A job alert needs words or a filter.")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one save at a time
    same = same_alert(user=user, criteria=criteria)
    if same is not None:
        raise DuplicateAlert(same)
    alert = JobAlert.objects.create(
        user=user,
        email=user.email,
        name=name.strip()[:120],
        criteria=criteria.as_params(),
        created_at=now,
        checked_until=now,
        last_seen_on=user.last_seen_on,
        wording_shown=str(wording),
    )
    if _verified(user):
        _confirm(alert, ip=ip, method=consent.ConsentMethod.FORM, now=now)
    else:
        alert.confirmation_nonce = secrets.token_hex(16)
        alert.save(update_fields=["confirmation_nonce"])
        transaction.on_commit(lambda: send_confirmation(alert=alert))
    logger.info("job alert %s created by user %s", alert.pk, user.pk)
    return alert


def narrows(criteria: search.Criteria) -> bool:
    """Whether an alert of these criteria sends less than every new job: words or a filter
    (the order and "published within" narrow no day's new ads)."""
    params = criteria.as_params()
    return any(name not in ("sort", "published_within") for name in params)


def same_alert(*, user: User, criteria: search.Criteria) -> JobAlert | None:
    """The person's running alert (of their account or their address) with these criteria;
    the order of the results is not a criterion, since it sends the same ads."""
    wanted = _compared(criteria.as_params())
    alerts = (
        JobAlert.objects.running().filter(Q(user=user) | Q(email__iexact=user.email)).order_by("pk")
    )
    return next((a for a in alerts if _compared(criteria_of(a).as_params()) == wanted), None)


def _compared(params: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in params.items() if name != "sort"}


def _verified(user: User) -> bool:
    verified: bool = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    return verified


def _confirm(alert: JobAlert, *, ip: str | None, method: str, now: datetime.datetime) -> None:
    consent.give_consent(
        purpose=PURPOSE,
        user=alert.user,
        email=alert.email,
        wording=alert.wording_shown,
        method=method,
        ip=ip,
        now=now,
        language=translation.get_language() or "",
    )
    alert.confirmed_at, alert.confirmation_nonce, alert.checked_until = now, "", now
    alert.save(update_fields=["confirmed_at", "confirmation_nonce", "checked_until"])


def confirm_url(alert: JobAlert) -> str:
    token = links.make(alert, salt=CONFIRM_SALT, key="alert")
    return settings.SITE_URL + reverse("jobs:alert_confirm", kwargs={"token": token})


def send_confirmation(*, alert: JobAlert) -> bool:
    """The one mail before confirmation: asked for at this address a moment ago."""
    return mailer.send(
        "jobs_alert_confirm",
        to=alert.email,
        user=alert.user,
        kind=mailer.MailKind.ACCOUNT,
        context={"confirm_url": confirm_url(alert), "alert": alert, "hours": 24},
    )


def alert_to_confirm(*, token: str, now: datetime.datetime) -> JobAlert:
    """The alert a confirmation link is for; ConfirmationError if it cannot be used."""
    try:
        alert = links.row_for(token, salt=CONFIRM_SALT, key="alert", rows=JobAlert.objects.all())
    except links.LinkError as error:
        raise ConfirmationError(error.reason) from None
    if now - alert.created_at > CONFIRM_VALID_FOR or not alert.is_running:
        raise ConfirmationError("expired")
    return alert


@transaction.atomic
def confirm_alert(*, token: str, ip: str | None, now: datetime.datetime) -> JobAlert:
    """Use a confirmation link (once, within 24 hours): the alert starts sending."""
    found = alert_to_confirm(token=token, now=now)
    alert = JobAlert.objects.select_for_update().get(pk=found.pk)
    if alert.confirmation_nonce != found.confirmation_nonce:
        raise ConfirmationError("used")
    _confirm(alert, ip=ip, method=consent.ConsentMethod.EMAIL_CONFIRMATION, now=now)
    return alert


def unsubscribe_token(alert: JobAlert) -> str:
    return links.lasting(alert, salt=UNSUBSCRIBE_SALT, key="alert")


def unsubscribe_url(alert: JobAlert) -> str:
    return settings.SITE_URL + reverse(
        "jobs:alert_unsubscribe", kwargs={"token": unsubscribe_token(alert)}
    )


def alert_from_token(token: str) -> JobAlert | None:
    return links.row_named(token, salt=UNSUBSCRIBE_SALT, key="alert", rows=JobAlert.objects.all())


def is_unsubscribe_token(token: str) -> bool:
    """One of our unsubscribe links, its alert gone or not (deleted with its account)."""
    return links.is_ours(token, salt=UNSUBSCRIBE_SALT)


@transaction.atomic
def unsubscribe(*, alert: JobAlert, method: str, now: datetime.datetime) -> int:
    """Stop every running alert of the address and record the withdrawal in the ledger."""
    alerts = JobAlert.objects.running().filter(email__iexact=alert.email)
    stopped = alerts.update(stopped_at=now, stop_reason=JobAlert.StopReason.WITHDRAWN)
    consent.withdraw_consent(
        purpose=PURPOSE, user=alert.user, email=alert.email, method=method, now=now
    )
    logger.info("job alert %s: unsubscribed (%s alerts stopped)", alert.pk, stopped)
    return stopped


@transaction.atomic
def delete_alert(
    *,
    alert: JobAlert,
    now: datetime.datetime,
    method: str = consent.ConsentMethod.ACCOUNT_SETTINGS,
) -> None:
    """Stop one alert: the seeker removes it, or uses the link of this alert in a digest
    (`method`). The consent ends when no alert of the address is left running."""
    alert.stopped_at, alert.stop_reason = now, JobAlert.StopReason.DELETED
    if method == consent.ConsentMethod.UNSUBSCRIBE_LINK:
        alert.stop_reason = JobAlert.StopReason.WITHDRAWN
    alert.save(update_fields=["stopped_at", "stop_reason"])
    if not JobAlert.objects.running().filter(email__iexact=alert.email).exists():
        consent.withdraw_consent(
            purpose=PURPOSE, user=alert.user, email=alert.email, method=method, now=now
        )


def lapses_on(alert: JobAlert) -> datetime.date:
    period = cast(Period, get_rule("seeker.job_alerts").period)  # the rule has a period
    lapses: datetime.date = alert.last_seen_on + relativedelta(
        years=period.years, months=period.months, days=period.days
    )
    return lapses


def alert_title(alert: JobAlert) -> str:
    """An alert named by its search in words (and by the name its subscriber gave it), in
    the active language."""
    described = describe_criteria(alert.criteria)
    return f"{alert.name} ({described})" if alert.name else described
