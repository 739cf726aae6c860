"""Demo activity: applications from demo seekers, a few job alerts, some ad views.

Idempotent: does nothing once the demo seeker has applications.
"""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Document
from jobs.models import (
    Ad,
    AdView,
    Application,
    ApplicationDocument,
    ContactView,
    DeviceClass,
    JobAlert,
)
from jobs.search import Criteria
from jobs.services import alerts

MESSAGES = [
    "Hej! Jag är mycket intresserad av tjänsten och tror att min erfarenhet passar bra.",
    "Jag har arbetat i liknande roller i flera år och ser fram emot att höra från er.",
    "Hej, bifogar mitt CV. Jag kan börja med kort varsel.",
]
BROWSERS = [
    ("Chrome", DeviceClass.DESKTOP),
    ("Safari", DeviceClass.MOBILE),
    ("Firefox", DeviceClass.DESKTOP),
    ("Samsung Internet", DeviceClass.MOBILE),
    ("Safari", DeviceClass.TABLET),
]
REFERRERS = ["", "", "www.google.com", "www.facebook.com", "www.linkedin.com"]


def _applications(ctx, ads, now):
    seekers = [ctx.made["seeker"], *ctx.made.get("seekers", [])[:15]]
    employer_ads = [ad for ad in ads if ad.company_id == ctx.made["companies"][0].pk][:3]
    rows = []
    for i, seeker in enumerate(seekers):
        for ad in {*employer_ads[: 1 + i % 3], ctx.rng.choice(ads)}:
            status = ctx.rng.choice(Application.Status.values)
            rows.append(
                Application(
                    ad=ad,
                    seeker=seeker,
                    message=ctx.rng.choice(MESSAGES),
                    status=status,
                    shared_status=status if ctx.rng.random() < 0.5 else "",
                    submitted_at=now - dt.timedelta(days=ctx.rng.randint(0, 20)),
                )
            )
    Application.objects.bulk_create(rows, ignore_conflicts=True)
    _attach_cv(ctx.made["seeker"])
    return len(rows)


def _attach_cv(seeker):
    """The demo seeker's applications carry a copy of her CV, as a real one would."""
    cv = Document.objects.filter(owner=seeker).first()
    if cv is None:
        return
    with cv.file.open("rb") as fileobj:
        content = fileobj.read()
    for application in Application.objects.filter(seeker=seeker):
        document = ApplicationDocument(
            application=application,
            title=cv.title,
            original_name=cv.original_name,
            content_type=cv.content_type,
            size=cv.size,
        )
        document.file.save(cv.original_name, ContentFile(content), save=False)
        document.save()


def _alerts(ctx, now):
    seekers = [ctx.made["seeker"], *ctx.made.get("seekers", [])[:4]]
    searches = [
        Criteria(q="utvecklare"),
        Criteria(q="sjuksköterska"),
        Criteria(extent="part_time"),
        Criteria(q="lager"),
        Criteria(q="kock"),  # an alert needs words or a filter
    ]
    for seeker, criteria in zip(seekers, searches, strict=False):
        if not JobAlert.objects.filter(user=seeker).exists():
            alerts.create_alert(
                user=seeker,
                criteria=criteria,
                name="",
                ip=None,
                now=now,
                wording=alerts.CONSENT_WORDING,
            )


def _views(ctx, ads, now):
    views, contacts = [], []
    for ad in ads[:200]:
        for n in range(ctx.rng.randint(0, 25)):
            browser, device = ctx.rng.choice(BROWSERS)
            when = now - dt.timedelta(hours=ctx.rng.randint(0, 24 * 20))
            fields = {
                "ad": ad,
                "occurred_at": when,
                "device_class": device,
                "browser_family": browser,
                "language": "sv-SE",
                "referrer": ctx.rng.choice(REFERRERS),
                "session_hash": hashlib.sha256(f"demo{ad.pk}-{n}".encode()).hexdigest(),
                "ip_network": "192.0.2.0",
            }
            views.append(AdView(**fields))
            if ctx.rng.random() < 0.1:
                contacts.append(ContactView(**fields))
    AdView.objects.bulk_create(views, batch_size=2000)
    ContactView.objects.bulk_create(contacts, batch_size=2000)
    return len(views)


def seed(ctx):
    if "seeker" not in ctx.made or Application.objects.filter(seeker=ctx.made["seeker"]).exists():
        return
    now = timezone.now()
    ads = list(Ad.objects.public(now).order_by("-published_at")[:400])
    if not ads:
        return
    applications = _applications(ctx, ads, now)
    _alerts(ctx, now)
    views = _views(ctx, ads, now)
    ctx.out.write(f"  activity: {applications} applications, {views} ad views")
