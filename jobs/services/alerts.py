"""Job alerts: save a search with consent, send daily digests, unsubscribe.

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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from config import links
from mailer import services as mailer
from privacy import consent
from privacy.periods import with_period_lazy
from privacy.rules import Period, get_rule

from .. import cards, search
from ..models import Ad, JobAlert, JobAlertSentAd

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
MAX_ADS_PER_DIGEST = 50


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


def _stop(alert: JobAlert, reason: str, now: datetime.datetime) -> None:
    alert.stopped_at, alert.stop_reason = now, reason
    alert.save(update_fields=["stopped_at", "stop_reason", "last_seen_on"])


def _may_send(
    alert: JobAlert, *, now: datetime.datetime, state: mailer.Recipient | None
) -> mailer.Recipient | None:
    """The address's mail state when this alert may send today, else None. An alert whose
    subscription lapsed, or whose consent was withdrawn elsewhere, is stopped here."""
    today = timezone.localdate(now)
    if not alert.is_running or alert.confirmed_at is None or alert.last_sent_on == today:
        return None
    if alert.user is not None:
        alert.last_seen_on = max(alert.last_seen_on, alert.user.last_seen_on)
    if lapses_on(alert) <= today:
        consent.lapse_consent(purpose=PURPOSE, user=alert.user, email=alert.email, now=now)
        _stop(alert, JobAlert.StopReason.LAPSED, now)
        return None
    if not consent.has_consent(purpose=PURPOSE, user=alert.user, email=alert.email):
        _stop(alert, JobAlert.StopReason.WITHDRAWN, now)
        return None
    if state is None or state.address != alert.email or _other_account(state, alert):
        state = mailer.recipient(alert.email, user=alert.user)
    return None if state.refusal(mailer.MailKind.MARKETING) else state


# One group of a digest: the alerts an ad matched, and the ads that matched exactly those.
Section = tuple[list[JobAlert], list[cards.Row]]


def send_digest(
    *,
    alerts: Sequence[JobAlert],
    now: datetime.datetime,
    state: mailer.Recipient | None = None,
) -> int:
    """One person's digest of the day: the new ads of all their alerts (the alerts of one
    address) in ONE mail, each ad once, under the alert or alerts it matched; at most one
    such mail a day for the address. Returns the number of ads sent. `state` is the
    address's suppression and restriction state when the caller read a batch's at once
    (`send_digest_batch`)."""
    today = timezone.localdate(now)
    due: list[JobAlert] = []
    mail_state: mailer.Recipient | None = None
    for alert in alerts:
        alert_state = _may_send(alert, now=now, state=state)
        if alert_state is not None:
            due.append(alert)
            mail_state = mail_state or alert_state
    if not due:
        return 0
    with transaction.atomic():
        if not _claimed_today(due, today):
            return 0
        sections, count = _sections(due, now)
        for alert in due:
            alert.checked_until = now
            fields = ["checked_until", "last_seen_on"]
            if any(alert in matched for matched, _ in sections):
                alert.last_sent_on = today
                fields.append("last_sent_on")
            alert.save(update_fields=fields)
        if count:
            first = due[0]
            consent.mark_consent_used(purpose=PURPOSE, user=first.user, email=first.email, now=now)
            transaction.on_commit(
                lambda: send_digest_mail(alerts=due, sections=sections, state=mail_state)
            )
    return count


def _other_account(state: mailer.Recipient, alert: JobAlert) -> bool:
    """A batch's state was read for another account at the same address (one state per
    address): this alert's own account must count."""
    return alert.user_id is not None and state.user_id != alert.user_id


def _claimed_today(due: Sequence[JobAlert], today: datetime.date) -> bool:
    """Lock the person's alerts' rows for this transaction, unless another worker holds one
    of them (the same batch delivered twice, two runs of the day at once) or the address has
    had today's digest since they were read: that one sends, or sent, the digest; this one
    sends nothing. On SQLite, where writes are one at a time anyway, the rows are only read
    again."""
    ids = [alert.pk for alert in due]
    locked = list(
        JobAlert.objects.select_for_update(skip_locked=True)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if len(locked) < len(ids):
        return False
    return not JobAlert.objects.filter(email__iexact=due[0].email, last_sent_on=today).exists()


def _sections(due: Sequence[JobAlert], now: datetime.datetime) -> tuple[list[Section], int]:
    """The person's new ads grouped by the alerts that matched them (each ad once), and the
    number of ads. Each (alert, ad) is recorded as sent: never the same ad twice, to any
    alert of the address."""
    sent = JobAlertSentAd.objects.filter(
        alert__in=JobAlert.objects.filter(email__iexact=due[0].email)
    ).values("ad_id")
    rows: dict[int, cards.Row] = {}
    matched: dict[int, list[JobAlert]] = {}
    for alert in due:
        for row in _new_ads(alert, now, sent):
            rows.setdefault(row.pk, row)
            matched.setdefault(row.pk, []).append(alert)
    JobAlertSentAd.objects.bulk_create(
        [
            JobAlertSentAd(alert=alert, ad_id=pk, sent_at=now)
            for pk, alerts in matched.items()
            for alert in alerts
        ],
        ignore_conflicts=True,
    )
    groups: dict[tuple[int, ...], Section] = {}
    for pk, alerts in matched.items():
        key = tuple(alert.pk for alert in alerts)
        groups.setdefault(key, (alerts, []))[1].append(rows[pk])
    return list(groups.values()), len(rows)


def _new_ads(
    alert: JobAlert, now: datetime.datetime, sent: QuerySet[JobAlertSentAd, Any]
) -> list[cards.Row]:
    """The alert's new ads, newest first, as result rows: a company under a restriction of
    processing is left unnamed, as on every public page (GDPR art. 18)."""
    qs = (
        search.filtered(criteria_of(alert), now=now)
        .filter(published_at__gt=alert.checked_until)
        .exclude(pk__in=sent)
        .with_restrictions()
    )
    return cards.rows(qs.order_by("-published_at", "-id")[:MAX_ADS_PER_DIGEST])


def digest_lines(ads: "Iterable[Ad | cards.Row]") -> list[dict[str, Any]]:
    """What the digest shows of each ad: what its card shows (so a restricted company stays
    unnamed here too), with its address in the active language."""
    address = Ad.addresses()
    return [cards.shown(card, address(card.pk, card.title)) for card in map(cards.source, ads)]


def alert_title(alert: JobAlert) -> str:
    """An alert named by its search in words (and by the name its subscriber gave it), in
    the active language."""
    described = describe_criteria(alert.criteria)
    return f"{alert.name} ({described})" if alert.name else described


def send_digest_mail(
    *,
    alerts: Sequence[JobAlert],
    sections: "Sequence[tuple[Sequence[JobAlert], Sequence[Ad | cards.Row]]]",
    state: mailer.Recipient | None = None,
) -> bool:
    """A person's digest, in the language the subscriber consented in (its links too):
    the ads under the alerts they matched, each alert named by its search and with its own
    unsubscribe link, and a one-click unsubscribe (RFC 8058 headers) from every alert."""
    first = alerts[0]
    url = unsubscribe_url(first)
    language = mailer.recipient_language(
        consent.consent_language(purpose=PURPOSE, user=first.user, email=first.email)
    )
    with translation.override(language):
        named = {alert.pk: _named(alert) for alert in alerts}
        shown = [
            {"alerts": [named[a.pk] for a in matched], "ads": digest_lines(ads)}
            for matched, ads in sections
        ]
    return mailer.send(
        "jobs_alert_digest",
        to=first.email,
        user=first.user,
        kind=mailer.MailKind.MARKETING,
        language=language,
        context={
            "alert": first,
            "alerts": list(named.values()),
            "sections": shown,
            "ads": [line for section in shown for line in section["ads"]],
            "unsubscribe_url": url,
            "site_url": settings.SITE_URL,
        },
        headers=links.unsubscribe_headers(url),
        state=state,
    )


def _named(alert: JobAlert) -> dict[str, str]:
    return {"name": alert_title(alert), "unsubscribe_url": unsubscribe_url(alert)}


# Alerts per batch: one task of the beat's fan-out (jobs/tasks.py), a few seconds' work,
# so that the day's digests spread over every worker and none comes near its time limit.
# A person's alerts are never split between batches (their digest is one mail), so a
# batch may pass the size by the alerts of its last person.
DIGEST_BATCH_SIZE = 500


def digest_batches(*, now: datetime.datetime) -> Iterator[list[int]]:
    """The ids of the alerts whose digest of the day is due, in batches of about
    DIGEST_BATCH_SIZE, each person's (address's) alerts in one batch, oldest first."""
    due = (
        JobAlert.objects.running()
        .confirmed()
        .exclude(last_sent_on=timezone.localdate(now))
        .order_by("pk")
        .values_list("pk", "email")
    )
    people: dict[str, list[int]] = {}
    for pk, email in due:
        people.setdefault(email.lower(), []).append(pk)
    batch: list[int] = []
    for ids in people.values():
        if batch and len(batch) + len(ids) > DIGEST_BATCH_SIZE:
            yield batch
            batch = []
        batch += ids
    if batch:
        yield batch


def send_digest_batch(*, alert_ids: list[int], now: datetime.datetime) -> dict[str, int]:
    """The digests of these alerts, one per person: their addresses' mail states are read
    at once."""
    counts = {"alerts": 0, "emails": 0, "ads": 0}
    batch = list(
        JobAlert.objects.filter(pk__in=alert_ids)
        .running()
        .confirmed()
        .select_related("user")
        .order_by("pk")
    )
    states = mailer.recipients([(alert.email, alert.user) for alert in batch])
    people: dict[str, list[JobAlert]] = {}
    for alert in batch:
        people.setdefault(alert.email.lower(), []).append(alert)
    for person in people.values():
        counts["alerts"] += len(person)
        sent = send_digest(alerts=person, now=now, state=states.get(person[0].email))
        counts["emails"] += bool(sent)
        counts["ads"] += sent
    return counts


def send_due_digests(*, now: datetime.datetime) -> dict[str, int]:
    """Every due alert's digest in this process, batch after batch (the beat task hands
    the batches to the workers instead)."""
    counts = {"alerts": 0, "emails": 0, "ads": 0}
    for alert_ids in digest_batches(now=now):
        for name, value in send_digest_batch(alert_ids=alert_ids, now=now).items():
            counts[name] += value
    logger.info("job alert digests: %s", counts)
    return counts
