"""Job alerts' daily digests: one mail a day per person, holding the new ads of all their
alerts, each ad once; sent in batches by the beat's fan-out (jobs/tasks.py).

Rules (privacy-rules.md): at most one digest a day, holding only ads never sent to the
address before; alerts stop at withdrawal and at the end of `seeker.job_alerts`, counted
from the day the subscriber was last seen signed in; a restricted person or a suppressed
address gets nothing; every digest carries a one-click unsubscribe (RFC 8058 headers too).
"""

import datetime
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from config import links
from mailer import services as mailer
from privacy import consent

from .. import cards, search
from ..models import Ad, JobAlert, JobAlertSentAd
from .alerts import PURPOSE, alert_title, criteria_of, lapses_on, unsubscribe_url

logger = logging.getLogger(__name__)

MAX_ADS_PER_DIGEST = 50


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
