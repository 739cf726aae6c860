"""The access report: one ZIP with data.json, report.pdf and the person's files.

`data.json` is privacy.subjects.collect's report, whose keys are documented in
templates/rights/data_json_keys.txt (shipped in the ZIP as README.txt): `subject.email`,
`generated_at`, and `categories`, each with `category`, `subject` and `items`, each item
with `record`, `purpose`, `legal_basis`, `recipients`, `rules`, `deletion_date`, `data`
and `files` (the path of each file inside this ZIP).

The ZIP is built by a Celery task (rights.tasks.build_access_report), never inside a web
request, written to private storage and downloadable through a link with a random token
(only its hash is stored) until the end of the seventh day, in the site's time zone, so that
the last day the mail names is whole. The same task builds a staff member's report for a
request (the link is mailed to the verified address) and the signed-in person's own ZIP
from My data (the page shows its progress).
"""

import datetime
import hashlib
import json
import secrets
import shutil
import tempfile
import zipfile
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.mydata import readable
from mailer import services as mailer
from privacy import registry, subjects
from privacy.retention import local_date, start_of_day

from ..models import AccessReport, DataRequest, Kind, RequestEvent
from .errors import OwnReportExists, RequestError
from .requests import LEGAL_REASON, _open, record

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

DOWNLOAD_DAYS = 7


def download_ends(now: datetime.datetime) -> datetime.datetime:
    """When a link made `now` stops working: the midnight that ends its last day, the
    DOWNLOAD_DAYS-th after today in the site's time zone. The mail names that day ("until and
    including"), so the person has all of it, whatever the hour the report was built."""
    zone = timezone.get_default_timezone()
    last_day = timezone.localtime(now, zone).date() + datetime.timedelta(days=DOWNLOAD_DAYS)
    return datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), zone)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def request_report(*, request: DataRequest, by: "User", now: datetime.datetime) -> AccessReport:
    """Staff: build the access report of a verified access or portability request."""
    stored = _open(request)
    if stored.kind not in (Kind.ACCESS, Kind.PORTABILITY):
        raise RequestError(gettext("An access report answers an access or portability request."))
    report = AccessReport.objects.create(
        request=stored,
        user=stored.user,
        email=stored.email,
        language=stored.language,
        state=AccessReport.State.QUEUED,
        created_at=now,
    )
    record(stored, RequestEvent.Action.REPORT_REQUESTED, by=by, now=now, report=report.pk)
    _enqueue(report)
    return report


def standing_own_report(*, user: "User", now: datetime.datetime) -> AccessReport | None:
    """The person's own report a new one would only repeat: one made today (in the site's
    time zone) that is being made, or is ready and its link still works."""
    made_today = AccessReport.objects.filter(
        user=user, request__isnull=True, created_at__gte=start_of_day(local_date(now))
    )
    running = Q(state__in=(AccessReport.State.QUEUED, AccessReport.State.BUILDING))
    ready = Q(state=AccessReport.State.READY, expires_at__gt=now)
    return made_today.filter(running | ready).order_by("-created_at").first()


@transaction.atomic
def request_own_report(*, user: "User", language: str, now: datetime.datetime) -> AccessReport:
    """My data: the signed-in person's own ZIP, built by the same task. One a day: each
    takes the worker a while and lies in private storage for a week, so a new one is
    refused (OwnReportExists, saying where the file is) while one made today is being made
    or can be downloaded. The person's row is locked, so two clicks at once make one."""
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
    standing = standing_own_report(user=user, now=now)
    if standing is not None:
        raise OwnReportExists(standing)
    report = AccessReport.objects.create(
        user=user,
        email=user.email,
        language=mailer.recipient_language(language),
        state=AccessReport.State.QUEUED,
        created_at=now,
    )
    _enqueue(report)
    return report


def _enqueue(report: AccessReport) -> None:
    from ..tasks import build_access_report

    pk = report.pk
    transaction.on_commit(lambda: build_access_report.delay(report_id=pk))


def _progress(report: AccessReport, percent: int) -> None:
    AccessReport.objects.filter(pk=report.pk).update(progress=percent)


def build_report(*, report: AccessReport, now: datetime.datetime) -> str:
    """Build the ZIP, store it privately, and return the download token (the link for a
    request is mailed to its verified address)."""
    AccessReport.objects.filter(pk=report.pk).update(state=AccessReport.State.BUILDING)
    with tempfile.TemporaryFile() as spool:
        write_report_zip(
            user=report.user,
            email=report.email,
            language=report.language,
            now=now,
            fileobj=spool,
            progress=lambda percent: _progress(report, percent),
        )
        spool.seek(0)
        report.file.save(f"{secrets.token_hex(16)}.zip", File(spool), save=False)
        report.size = report.file.size
    token = secrets.token_urlsafe(32)
    report.token_hash = token_hash(token)
    report.state = AccessReport.State.READY
    report.progress = 100
    report.ready_at = now
    report.expires_at = download_ends(now)
    report.save(
        update_fields=[
            "file", "size", "token_hash", "state", "progress", "ready_at", "expires_at"
        ]
    )  # fmt: skip
    if report.request is not None:
        _send_link(report, token, now=now)
    return token


def download_url(report: AccessReport, token: str) -> str:
    with translation.override(report.language):
        path = reverse("rights:download", kwargs={"pk": report.pk, "token": token})
    return settings.SITE_URL + path


def _send_link(report: AccessReport, token: str, *, now: datetime.datetime) -> None:
    request = report.request
    assert request is not None  # noqa: S101  (only called for a request's report)
    mailer.send(
        "rights_report_ready",
        to=request.email,
        context={"url": download_url(report, token), "last_day": report.last_download_day},
        kind=mailer.MailKind.LEGAL,
        language=request.language,
        user=request.user,
        legal_reason=gettext(LEGAL_REASON),
    )
    record(request, RequestEvent.Action.REPORT_READY, by=None, now=now, report=report.pk)


def fail_report(*, report: AccessReport) -> None:
    AccessReport.objects.filter(pk=report.pk).update(state=AccessReport.State.FAILED)


def delete_expired_files(*, now: datetime.datetime) -> int:
    """A report's ZIP goes when its link expires (the row stays as proof of the answer)."""
    expired = AccessReport.objects.filter(expires_at__lte=now).exclude(file="")
    count = 0
    for report in expired.iterator():
        report.file.delete(save=False)
        AccessReport.objects.filter(pk=report.pk).update(file="", token_hash="")
        count += 1
    return count


def report_for_token(*, pk: int, token: str, now: datetime.datetime) -> AccessReport | None:
    """The report a download link names, while it has not expired; None otherwise."""
    found = AccessReport.objects.filter(
        pk=pk, state=AccessReport.State.READY, token_hash=token_hash(token)
    ).first()
    if found is None or found.expires_at is None or found.expires_at <= now:
        return None
    return found


def write_report_zip(
    *,
    user: "User | None",
    email: str | None,
    language: str,
    now: datetime.datetime,
    fileobj: Any,
    progress: Any = None,
) -> dict[str, Any]:
    """data.json, README.txt (its keys), report.pdf and files/<kind>/<original names>."""
    step = progress or (lambda percent: None)
    data = subjects.collect(user=user, email=email, now=now)
    step(20)
    files = list(_files(data))
    for item_paths, _obj, _field, inner in files:
        item_paths.append(inner)
    step(30)
    employer = user is not None and user.memberships.exists()
    with translation.override(language):
        readme = render_to_string("rights/data_json_keys.txt", {})
        pdf = render_pdf(data, now=now, employer=employer)
    step(60)
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("README.txt", readme)
        archive.writestr("report.pdf", pdf)
        for index, (_paths, obj, field, inner) in enumerate(files, start=1):
            with getattr(obj, field).open("rb") as handle, archive.open(inner, "w") as out:
                shutil.copyfileobj(handle, out, 1 << 20)
            step(60 + 39 * index // len(files))
    return data


def _files(data: dict[str, Any]) -> Any:
    """(the item's file list, row, field name, path in the ZIP) for every file of the
    person: in a folder per kind (the category's name, as data.json and the PDF say it),
    named as uploaded or as its app names it (an invoice by its number), else by its kind;
    every name safe on any system (subjects.safe_file_name), a number added when two share a
    name in a folder (letter case aside: Windows and macOS ignore it)."""
    used: set[str] = set()
    for category in data["categories"]:
        folder = subjects.safe_file_name(category["category"], fallback="files")
        for item in category["items"]:
            label, _sep, pk = item["record"].partition("#")
            names = {n for d in registry.for_model(label) for n in d.files}
            if not names:
                continue
            item["files"] = []
            obj = apps.get_model(label)._default_manager.get(pk=pk)
            for name in sorted(names):
                file = getattr(obj, name, None)
                if not file:
                    continue
                shown = subjects.export_file_name(obj, name, file, kind=folder)
                inner = _unique(f"files/{folder}/{shown}", used)
                yield item["files"], obj, name, inner


def _unique(path: str, used: set[str]) -> str:
    candidate, number = path, 1
    folder, _slash, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    while candidate.casefold() in used:
        number += 1
        candidate = f"{folder}/{stem} ({number}).{suffix}" if dot and stem else f"{path} ({number})"
    used.add(candidate.casefold())
    return candidate


def _sections(data: dict[str, Any], *, employer: bool = False) -> list[dict[str, Any]]:
    """Each category with its items grouped by purpose, legal basis and recipients: said
    once per group, then each item as My data shows it (its values, labelled, and when it
    is deleted) with the files of it in the ZIP (a long table is slow to lay out, and no
    easier to read)."""
    sections = []
    for category in data["categories"]:
        groups: dict[tuple[str, str, tuple[str, ...]], list[Any]] = {}
        for item in category["items"]:
            key = (item["purpose"], item["legal_basis"], tuple(item["recipients"]))
            groups.setdefault(key, []).append(readable(item, employer=employer))
        sections.append(
            {
                "category": category["category"],
                "subject": category["subject"],
                "groups": [
                    {"purpose": p, "legal_basis": b, "recipients": list(r), "items": items}
                    for (p, b, r), items in groups.items()
                ],
            }
        )
    return sections


def render_pdf(data: dict[str, Any], *, now: datetime.datetime, employer: bool = False) -> bytes:
    """report.pdf in the active language: every category with purpose, legal basis,
    source and recipients, each item with what it holds and when it is deleted; the
    rights; both authorities."""
    import weasyprint

    html = render_to_string(
        "rights/report_pdf.html",
        {
            "data": data,
            "sections": _sections(data, employer=employer),
            "now": now,
            "SITE_NAME": settings.SITE_NAME,
        },
    )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
