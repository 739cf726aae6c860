"""Issues: Markdown to safe HTML and text, preview, test send, schedule, and the send itself.

One run per issue at a time (privacy.locking: an advisory lock on PostgreSQL, dropped with
a killed worker's connection). A run works in batches: it queues one delivery row per
subscriber without one (committed), then for each row writes "sending" (committed), hands the
mail to the backend and writes "sent" (or "skipped"). A run started again after a kill sends
the rows still queued and queues the rest; a row left "sending" is the one mail per kill
whose fate is unknown: it is shown as interrupted in admin and never sent again. So nobody is
mailed twice.

Who is skipped: an address whose newsletter consent is no longer active in the ledger
(withdrawn, lapsed), a suppressed address and a restricted person (the mailer refuses those).
Every mail that goes restarts the clock of `newsletter.consent` (the consent's last use).
Opens and clicks are counted, per issue, only for subscribers who consented to it; everyone
else gets plain links and no pixel.
"""

import contextlib
import datetime
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from markdown_it import MarkdownIt

from config import links
from mailer import services as mailer
from privacy import consent, locking
from privacy.models import ConsentRecord

from ..models import Delivery, Issue, Subscriber
from . import subscriptions

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User
    from markdown_it.token import Token

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
TRACK_SALT = "newsletter.track"
TEMPLATES = mailer.Templates.named("newsletter_issue")
# CommonMark with raw HTML switched off: markup in the body is shown as text, and link
# targets other than http(s), mailto and relative ones are refused by markdown-it itself.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_HREF = re.compile(r'<a href="([^"]*)"')


class IssueError(Exception):
    pass


def render_html(body: str) -> SafeString:
    """The issue's body as HTML: safe because raw HTML is escaped by the renderer."""
    html: str = _MARKDOWN.render(body)
    return mark_safe(html)  # noqa: S308  (html=False escapes all markup)


def render_text(body: str) -> str:
    """The plain-text part, made from the same Markdown as the HTML part: headings and
    paragraphs as plain lines, emphasis without its marks, a link as "text (url)", list items
    with "-" or their number, one blank line between blocks."""
    lines: list[str] = []
    lists: list[list[int] | None] = []  # each open list: its next number, None for bullets
    marker = ""
    for token in _MARKDOWN.parse(body):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append([start] if kind == "ordered_list_open" else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            marker = ""
            if not lists:
                lines.append("")
        elif kind == "list_item_open":
            marker = "  " * (len(lists) - 1) + _list_marker(lists[-1])
        elif kind == "inline":
            lines.append(marker + _inline_text(token.children or []))
            marker = " " * len(marker)  # a second paragraph of an item lines up with it
        elif kind in ("fence", "code_block"):
            lines += [token.content.rstrip("\n"), ""]
        elif kind == "hr":
            lines += ["----", ""]
        elif kind in ("paragraph_close", "heading_close") and not lists:
            lines.append("")
    return "\n".join(lines).strip()


def _list_marker(counter: list[int] | None) -> str:
    if counter is None:
        return "- "
    counter[0] += 1
    return f"{counter[0] - 1}. "


def _inline_text(children: "list[Token]") -> str:
    """A line's words without their marks; a link keeps its address after its text."""
    parts: list[str] = []
    links: list[tuple[int, str]] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            links.append((len(parts), str(child.attrGet("href") or "")))
        elif child.type == "link_close":
            start, href = links.pop()
            text = "".join(parts[start:])
            if href and href not in (text, f"mailto:{text}"):
                parts.append(f" ({href})")
    return "".join(parts)


@transaction.atomic
def save_issue(*, issue: Issue, by: "User", now: datetime.datetime) -> Issue:
    """Staff write or edit an issue; only a draft or a scheduled issue may change."""
    if issue.pk:
        current = Issue.objects.select_for_update().get(pk=issue.pk)
        if current.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            raise IssueError(gettext("An issue that is being sent or was sent cannot change."))
        issue.status = current.status
    else:
        issue.created_at, issue.created_by, issue.status = now, by, Issue.Status.DRAFT
    issue.save()
    return issue


@transaction.atomic
def schedule_issue(
    *, issue: Issue, by: "User", now: datetime.datetime, at: datetime.datetime | None = None
) -> Issue:
    """Send at `at` (or its own time, or now); the beat task starts it when due."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        raise IssueError(gettext("Only a draft can be scheduled."))
    issue.scheduled_at = at or issue.scheduled_at or now
    issue.status = Issue.Status.SCHEDULED
    issue.save(update_fields=["scheduled_at", "status"])
    logger.info("newsletter issue %s scheduled by user %s", issue.pk, by.pk)
    return issue


def send_test(*, issue: Issue, by: "User") -> bool:
    """The issue as a subscriber sees it, to the staff member's own address only."""
    return mailer.send(
        _templates(test=True),
        to=by.email,
        user=by,
        kind=mailer.MailKind.SERVICE,
        context=issue_context(issue, unsubscribe_url="#", track=None),
    )


def _templates(*, test: bool = False) -> mailer.Templates:
    if not test:
        return TEMPLATES
    return mailer.Templates(TEMPLATES.subject, TEMPLATES.text, TEMPLATES.html, "[TEST] ")


def issue_context(issue: Issue, *, unsubscribe_url: str, track: Delivery | None) -> dict[str, Any]:
    html = render_html(issue.body)
    pixel = ""
    if track is not None:
        html = _tracked_links(html, track)
        pixel = _track_url("newsletter:open", track, "")
    return {
        "issue": issue,
        "body_html": html,
        "body_text": render_text(issue.body),
        "unsubscribe_url": unsubscribe_url,
        "pixel_url": pixel,
    }


def track_token(delivery: Delivery, url: str = "") -> str:
    return signing.dumps({"d": delivery.pk, "u": url}, salt=TRACK_SALT, compress=True)


def _track_url(name: str, delivery: Delivery, url: str) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"token": track_token(delivery, url)})


def _tracked_links(html: str, delivery: Delivery) -> SafeString:
    def swap(match: re.Match[str]) -> str:
        target = _track_url("newsletter:click", delivery, unescape(match.group(1)))
        return f'<a href="{escape(target)}"'

    return mark_safe(_HREF.sub(swap, html))  # noqa: S308  (only our escaped URLs are added)


def _claim(*, issue: Issue, now: datetime.datetime, size: int) -> list[Delivery]:
    """The next batch: rows a killed run left queued, else new rows (committed first)."""
    queued = Delivery.objects.filter(issue=issue, status=Delivery.Status.CLAIMED)
    if not queued.exists():
        ids = list(
            Subscriber.objects.active()
            .exclude(deliveries__issue=issue)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber_id=pk, claimed_at=now) for pk in ids]
        )
    return list(queued.select_related("subscriber__user").order_by("pk")[:size])


def _consenting(emails: list[str]) -> set[str]:
    return set(
        ConsentRecord.objects.active()
        .filter(purpose=subscriptions.PURPOSE, email__in=emails)
        .values_list("email", flat=True)
    )


def _deliver(issue: Issue, rows: list[Delivery], now: datetime.datetime, backend: Any) -> int:
    consenting = _consenting([row.subscriber.email for row in rows])
    states = mailer.recipients([(row.subscriber.email, row.subscriber.user) for row in rows])
    sent: list[str] = []
    done: Delivery | None = None
    for row in rows:
        subscriber = row.subscriber
        _mark(sending=row, done=done, now=now)
        went = subscriber.email in consenting and _send_one(
            issue, row, backend, states[subscriber.email]
        )
        row.status = Delivery.Status.SENT if went else Delivery.Status.SKIPPED
        done = row
        if went:
            sent.append(subscriber.email)
    _mark(sending=None, done=done, now=now)
    if sent:
        ConsentRecord.objects.active().filter(purpose=subscriptions.PURPOSE, email__in=sent).update(
            last_used_at=now
        )
        Subscriber.objects.filter(email__in=sent).update(last_used_at=now)
    return len(sent)


def _mark(*, sending: Delivery | None, done: Delivery | None, now: datetime.datetime) -> None:
    """One statement per mail: this row is being sent, the one before has its outcome."""
    rows = [r for r in (sending, done) if r is not None]
    if not rows:
        return
    status = [When(pk=sending.pk, then=Value(Delivery.Status.SENDING))] if sending else []
    sent_at = []
    if done is not None:
        status.append(When(pk=done.pk, then=Value(done.status)))
        if done.status == Delivery.Status.SENT:
            sent_at.append(When(pk=done.pk, then=Value(now)))
    Delivery.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=Case(*status, default=F("status")),
        sent_at=Case(*sent_at, default=F("sent_at")),
    )


def _send_one(issue: Issue, row: Delivery, backend: Any, state: mailer.Recipient) -> bool:
    subscriber = row.subscriber
    url = subscriptions.unsubscribe_url(subscriber)
    return mailer.send(
        TEMPLATES,
        to=subscriber.email,
        user=subscriber.user,
        kind=mailer.MailKind.MARKETING,
        language=subscriber.language,
        context=issue_context(
            issue, unsubscribe_url=url, track=row if subscriber.tracking else None
        ),
        headers=links.unsubscribe_headers(url),
        connection=backend,
        state=state,
    )


def start_due_issues(*, now: datetime.datetime) -> list[int]:
    """Scheduled issues whose time has come start sending; the ones still sending (a run
    that was killed) are returned too, to be resumed."""
    with transaction.atomic():
        due = Issue.objects.select_for_update().filter(
            status=Issue.Status.SCHEDULED, scheduled_at__lte=now
        )
        due.update(status=Issue.Status.SENDING, started_at=now)
    return list(
        Issue.objects.filter(status=Issue.Status.SENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@contextlib.contextmanager
def _quick_commits() -> Iterator[None]:
    """Two commits per mail (sending, sent) need not wait for the disk on PostgreSQL: a commit
    is visible to every other session at once, so a killed worker loses nothing; only a crash
    of the database server itself could lose the last markers of a moment."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def send_issue(
    *, issue: Issue, now: datetime.datetime, batch_size: int = BATCH_SIZE
) -> dict[str, int]:
    """Send (or resume) an issue in batches until every active subscriber has a row."""
    counts = {"sent": 0, "skipped": 0}
    if issue.status != Issue.Status.SENDING:
        return counts
    with locking.exclusive(f"newsletter.issue.{issue.pk}", now=now, wait=5) as acquired:
        if not acquired:
            logger.info("newsletter issue %s: another run is sending it", issue.pk)
            return counts
        with _quick_commits():
            backend = mailer.connection()
            while rows := _claim(issue=issue, now=now, size=batch_size):
                with backend:
                    sent = _deliver(issue, rows, now, backend)
                counts["sent"] += sent
                counts["skipped"] += len(rows) - sent
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, finished_at=now
        )
    logger.info("newsletter issue %s: %s", issue.pk, counts)
    return counts


@dataclass(frozen=True)
class Progress:
    subscribers: int
    sent: int
    skipped: int
    interrupted: int

    @property
    def done(self) -> int:
        return self.sent + self.skipped + self.interrupted

    @property
    def percent(self) -> int:
        total = max(self.subscribers, self.done)
        return 100 if not total else round(100 * self.done / total)


def progress(issue: Issue) -> Progress:
    counts = issue.deliveries.aggregate(
        sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
        skipped=Count("pk", filter=Q(status=Delivery.Status.SKIPPED)),
        unknown=Count("pk", filter=Q(status=Delivery.Status.SENDING)),
        queued=Count("pk", filter=Q(status=Delivery.Status.CLAIMED)),
    )
    unqueued = Subscriber.objects.active().exclude(deliveries__issue=issue).count()
    return Progress(
        subscribers=sum(counts.values()) + unqueued,
        sent=counts["sent"],
        skipped=counts["skipped"],
        interrupted=counts["unknown"] if issue.status == Issue.Status.SENT else 0,
    )


def _tracked_delivery(token: str) -> tuple[Delivery | None, str]:
    try:
        data = signing.loads(token, salt=TRACK_SALT)
    except signing.BadSignature:
        return None, ""
    delivery = (
        Delivery.objects.filter(pk=data.get("d"), subscriber__tracking=True)
        .select_related("subscriber")
        .first()
    )
    return delivery, str(data.get("u") or "")


def record_open(*, token: str, now: datetime.datetime) -> None:
    """The pixel: the first open of a delivery counts once for its issue."""
    delivery, _url = _tracked_delivery(token)
    if delivery is None or not consent.has_consent(
        purpose=subscriptions.PURPOSE, email=delivery.subscriber.email
    ):
        return
    with transaction.atomic():
        if Delivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(opened_at=now):
            Issue.objects.filter(pk=delivery.issue_id).update(opens=F("opens") + 1)


def record_click(*, token: str, now: datetime.datetime) -> str:
    """A tracked link: counted for a consenting subscriber; returns where it leads ("" for a
    bad token). A click also proves an open."""
    try:
        url = str(signing.loads(token, salt=TRACK_SALT).get("u") or "")
    except signing.BadSignature:
        return ""
    delivery, _url = _tracked_delivery(token)
    if delivery is not None and consent.has_consent(
        purpose=subscriptions.PURPOSE, email=delivery.subscriber.email
    ):
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(clicks=F("clicks") + 1)
            Issue.objects.filter(pk=delivery.issue_id).update(clicks=F("clicks") + 1)
        record_open(token=token, now=now)
    return url
