"""Background work of the jobs app: thin wrappers that load by id and call one service."""

import logging
from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from mailer import services as mailer

logger = logging.getLogger(__name__)

# Why the take-down mail is a legal one: it is the statement of reasons the law requires, so it
# reaches an unsubscribed or restricted member too (the mailer shows this to the latter).
TAKE_DOWN_REQUIRED_BY = gettext_lazy(
    "we must tell you why we took down your ad (the Digital Services Act, EU 2022/2065, art. 17)."
)


@shared_task(time_limit=120, soft_time_limit=100)
def send_application_emails(*, application_id: int, language: str = "", **kwargs) -> None:
    """Confirmation to the applicant in the language they applied in; a notice with a link
    (no attachments) to the company's members in the site's language. The ad's contact
    address, when it is no active member's, cannot open that link: it is told that an
    application came in and which members can read it, with nothing of the applicant."""
    from accounts.models import user_display

    from . import selectors
    from .models import Application

    application = (
        Application.objects.select_related("ad__company", "seeker")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    ad, seeker = application.ad, application.seeker
    # The company's mail is in the site's language, and so is its link (not the applicant's).
    with translation.override(settings.LANGUAGE_CODE):
        inbox = reverse("jobs:application", kwargs={"pk": application.pk})
    inbox_url = settings.SITE_URL + inbox
    context = _about_application(application, language) | {"inbox_url": inbox_url}
    mailer.send(
        "jobs_application_sent",
        to=seeker.email,
        user=seeker,
        context=context,
        kind=mailer.MailKind.SERVICE,
        language=language or None,
    )
    recipients = selectors.application_notice_recipients(ad)
    members = [user for _, user in recipients if user is not None]
    for address, user in recipients:
        if user is None:
            mailer.send(
                "jobs_application_received_contact",
                to=address,
                context={"ad": ad, "members": ", ".join(user_display(m) for m in members)},
                kind=mailer.MailKind.SERVICE,
            )
            continue
        mailer.send(
            "jobs_application_received",
            to=address,
            user=user,
            context=context,
            kind=mailer.MailKind.SERVICE,
        )


def _about_application(application, language: str = "") -> dict:
    """What every mail to an applicant about their application shows, the links in the
    language of the mail (`language`, else the one they applied in)."""
    from .selectors import deletion_date

    with translation.override(language or application.language or settings.LANGUAGE_CODE):
        return {
            "application": application,
            "ad": application.ad,
            "ad_url": settings.SITE_URL + application.ad.get_absolute_url(),
            "mine_url": settings.SITE_URL + reverse("jobs:my_applications"),
            "deleted_on": deletion_date(application),
        }


@shared_task(time_limit=120, soft_time_limit=100)
def send_application_status(*, application_id: int, **kwargs) -> None:
    """The status the company has just shared, to the applicant, in the language they
    applied in (the status may have changed again, or stopped being shared, since)."""
    from .models import Application

    application = (
        Application.objects.select_related("ad__company", "seeker")
        .filter(pk=application_id)
        .exclude(shared_status="")
        .first()
    )
    if application is None:
        return
    mailer.send(
        "jobs_application_status",
        to=application.seeker.email,
        user=application.seeker,
        context=_about_application(application),
        kind=mailer.MailKind.SERVICE,
        language=application.language or None,
    )


@shared_task(time_limit=10 * 60, soft_time_limit=9 * 60)
def tell_applicants_ad_closed(*, ad_id: int, **kwargs) -> int:
    """A polite closure to each applicant of an ad stopped early (filled, withdrawn, taken
    down) who has not had one and does not know the outcome already; each in the language
    they applied in, once. Returns how many were told."""
    from .models import Ad
    from .services.applications import STOPPED_EARLY, claim_closure_notice, to_tell_of_closure

    ad = Ad.objects.select_related("company").filter(pk=ad_id, status__in=STOPPED_EARLY).first()
    if ad is None:
        return 0
    now = timezone.now()
    told = 0
    for application in to_tell_of_closure(ad).select_related("seeker").order_by("pk"):
        application.ad = ad
        if not claim_closure_notice(application, now):
            continue
        context = _about_application(application) | {"filled": ad.status == Ad.Status.FILLED}
        told += mailer.send(
            "jobs_application_closed",
            to=application.seeker.email,
            user=application.seeker,
            context=context,
            kind=mailer.MailKind.SERVICE,
            language=application.language or None,
        )
    logger.info("ad %s closed: %s applicants told", ad_id, told)
    return told


@shared_task(time_limit=120, soft_time_limit=100)
def tell_employer_ad_taken_down(*, ad_id: int, **kwargs) -> int:
    """The company's members hear that staff took their ad down, and why, with a link to the
    ad on their dashboard; in the site's language (the site keeps no language of a user, as
    for the notice of an application). A legal mail: it is the statement of reasons (DSA art. 17)
    about their own company's ad, so it reaches a member who unsubscribed or restricted
    processing. Returns how many were told."""
    from .models import Ad
    from .selectors import company_member_recipients

    ad = Ad.objects.select_related("company").filter(pk=ad_id).first()
    if ad is None or ad.status != Ad.Status.TAKEN_DOWN:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        dashboard = reverse("companies:dashboard", kwargs={"pk": ad.company_id})
    query = urlencode({"q": ad.title[:150], "state": "ended"})
    context = {
        "ad": ad,
        "reason": ad.status_reason,
        "ad_url": f"{settings.SITE_URL}{dashboard}?{query}",
    }
    told = 0
    for address, user in company_member_recipients(ad).items():
        told += mailer.send(
            "jobs_ad_taken_down",
            to=address,
            user=user,
            context=context,
            kind=mailer.MailKind.LEGAL,
            legal_reason=TAKE_DOWN_REQUIRED_BY,
        )
    logger.info("ad %s taken down: %s members told", ad_id, told)
    return told


@shared_task(bind=True, time_limit=5 * 60, soft_time_limit=4 * 60)
def send_job_alert_digests(self, **kwargs) -> int:
    """The day's digests, handed out as batches to every worker: one task that went through
    every alert took 21 ms an alert, so at 100 000 alerts it passed its 20 minutes' time
    limit half-way, every day at the same alerts (bench/alert_digests.py). Returns the
    number of batches. The batches go where this task came from: to the queue named by its
    routing key (the default queue's name, or the queue's own name when the task is sent
    to a queue by name, as the tests' worker does)."""
    from .services import digests

    queue = (self.request.delivery_info or {}).get("routing_key")
    batches = 0
    for alert_ids in digests.digest_batches(now=timezone.now()):
        send_job_alert_digest_batch.apply_async(kwargs={"alert_ids": alert_ids}, queue=queue)
        batches += 1
    return batches


# A batch is seconds of work. acks_late and reject_on_worker_lost: a batch whose worker was
# killed is run again, and the alerts it had sent are skipped (each one's digest of the day
# is marked in the commit before its mail goes, so the one mail in flight at the kill is
# the only one that can be lost, and none is sent twice).
@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def send_job_alert_digest_batch(*, alert_ids: list[int], **kwargs) -> dict:
    from .services import digests

    return digests.send_digest_batch(alert_ids=alert_ids, now=timezone.now())


@shared_task(time_limit=600, soft_time_limit=540)
def sweep_search_index(**kwargs) -> int:
    """Re-write ads whose end has passed so the PostgreSQL trigger drops them from the
    partial search indexes (see migration 0005). Nothing to do on SQLite."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jobs_ad SET search_live = false "
            "WHERE search_live AND (ends_at <= now() OR status <> 'published')"
        )
        swept = cursor.rowcount
    logger.info("search index: %s ended ads swept", swept)
    return swept
